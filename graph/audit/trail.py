"""Reading the audit trail: activities by actor, time and graph, one activity, a node's history.

Every read is a bound query on the ``audit`` graph (``graph/queries/audit-*.rq``), asked of the
store's trail (``GraphStore.audit_select``: the embedded store keeps it in a store of its own,
``graph.store.trail``); lists find the activities' IRIs first and read the fields of the page
shown only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph import queries
from graph.audit.record import Delta, activity_iri, from_nquads
from graph.namespaces import ACTIVITY_BASE, AUDIT, PROV, XSD, sparql_prologue
from graph.store import GraphStore


@dataclass
class Activity:
    """One recorded write, as the trail holds it."""

    iri: str
    kind: str = ""
    actor: str = ""
    time: dt.datetime | None = None
    request_id: str | None = None
    graphs: list[str] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    reverts: str | None = None
    reverted_by: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return activity_id(self.iri)

    def as_json(self, revertible: bool | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "iri": self.iri,
            "kind": self.kind,
            "actor": self.actor,
            "time": self.time.isoformat() if self.time else None,
            "request_id": self.request_id,
            "graphs": self.graphs,
            "added": self.added,
            "removed": self.removed,
            "reverts": activity_id(self.reverts) if self.reverts else None,
            "reverted_by": [activity_id(i) for i in self.reverted_by],
        }
        if revertible is not None:
            out["revertible"] = revertible
        return out


def activity_id(iri: str) -> str:
    return iri[len(ACTIVITY_BASE):] if iri.startswith(ACTIVITY_BASE) else iri


def _query(name: str, options: Iterable[str] = ()) -> str:
    return sparql_prologue() + queries.with_options(queries.body(name), name, options)


def _time(value: Node) -> dt.datetime | None:
    parsed = value.toPython() if isinstance(value, Literal) else None
    return parsed if isinstance(parsed, dt.datetime) else None


def since_literal(since: dt.datetime | dt.date) -> Literal:
    """``since`` as an ``xsd:dateTime`` in UTC (a date: its first instant, UTC)."""
    if not isinstance(since, dt.datetime):
        since = dt.datetime.combine(since, dt.time(), dt.UTC)
    elif since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    return Literal(since.astimezone(dt.UTC).isoformat(), datatype=XSD.dateTime)


def find(store: GraphStore, *, actor: str | None = None, since: dt.datetime | dt.date | None = None,
         graph: str | None = None) -> list[str]:
    """The IRIs of the activities that match, newest first."""
    options = [o for o, given in (("graph", graph), ("since", since)) if given is not None]
    bindings: dict[str, Node] = {}
    if actor is not None:
        bindings["actor"] = Literal(actor)
    if graph is not None:
        bindings["graph"] = URIRef(graph)
    if since is not None:
        bindings["since"] = since_literal(since)
    rows = store.audit_select(_query("audit-list", options), bindings)
    return list(dict.fromkeys(str(row["activity"]) for row in rows))


def read(store: GraphStore, iri: str) -> Activity | None:
    """One activity's fields, None when the trail has no such activity."""
    rows = store.audit_select(queries.load("audit-fields"), {"activity": URIRef(iri)})
    if not rows:
        return None
    found = Activity(iri)
    for row in rows:
        if "revertedBy" in row:
            found.reverted_by.append(str(row["revertedBy"]))
            continue
        p, o = row["p"], row["o"]
        if p == AUDIT.kind:
            found.kind = str(o)
        elif p == AUDIT.actor:
            found.actor = str(o)
        elif p == PROV.startedAtTime:
            found.time = _time(o)
        elif p == AUDIT.requestId:
            found.request_id = str(o)
        elif p == AUDIT.graph:
            found.graphs.append(str(o))
        elif p == AUDIT.added:
            found.added = int(o)  # type: ignore[call-overload]  # an xsd:integer literal
        elif p == AUDIT.removed:
            found.removed = int(o)  # type: ignore[call-overload]
        elif p == AUDIT.reverts:
            found.reverts = str(o)
    if found.time is None:  # a subject of the audit graph, but no activity
        return None
    found.graphs.sort()
    found.reverted_by.sort()
    return found


def read_many(store: GraphStore, iris: Iterable[str]) -> dict[str, Activity]:
    found = {iri: read(store, iri) for iri in iris}
    return {iri: a for iri, a in found.items() if a is not None}


def by_id(store: GraphStore, activity_id_: str) -> Activity | None:
    return read(store, str(activity_iri(activity_id_)))


def subjects(store: GraphStore, iri: str) -> set[str]:
    """The IRIs of the subjects an activity changed (empty: too many to record, or none)."""
    rows = store.audit_select(queries.load("audit-subjects"), {"activity": URIRef(iri)})
    return {str(row["subject"]) for row in rows}


def delta(store: GraphStore, iri: str) -> Delta | None:
    """The triples an activity added and removed, None when only its counts were kept."""
    rows = store.audit_select(queries.load("audit-delta"), {"activity": URIRef(iri)})
    if not rows:
        return None
    return Delta(from_nquads(str(rows[0]["added"])), from_nquads(str(rows[0]["removed"])))


def history(store: GraphStore, node: str, graph: str | None = None) -> list[Activity]:
    """The activities that changed ``node``'s triples (with ``graph``: or that graph, such as
    an ingested document's own), newest first."""
    rows = store.audit_select(queries.load("audit-history"),
                        {"subject": Literal(node, datatype=XSD.anyURI)})
    iris = {str(r["activity"]) for r in rows}
    if graph is not None:
        iris.update(find(store, graph=graph))
    found = read_many(store, iris).values()
    return sorted(found, key=lambda a: (a.time or _EPOCH, a.iri), reverse=True)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
