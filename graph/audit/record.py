"""An activity of the audit trail, built from what a write adds and removes.

The delta of a write is known where the write is validated: ``graph.write.commit`` reads the
old content of each graph it replaces once, for validation, and the difference against the new
content is the delta; recording reads nothing more from the store. The activity keeps:

- who (``audit:actor``, the token's name), when (``prov:startedAtTime``), the kind of write,
  the request's id, the graphs it changed and how many triples it added and removed;
- the subjects whose triples changed (``audit:subject``, as ``xsd:anyURI`` literals: the
  trail is not a link of the data, so no lookup, view or shape of the data follows it), up to
  ``MAX_SUBJECTS``; the history of a claim or a document is read by them;
- the triples themselves (``audit:addedTriples``/``audit:removedTriples``, N-Quads in one
  literal each) up to ``MAX_DELTA`` triples: compact (two triples, whatever the write), read
  only when the activity is reverted, and never mistaken for data.

A write whose delta is larger keeps its counts only, and cannot be reverted.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.audit.actor import Actor, current
from graph.namespaces import ACTIVITY_BASE, AUDIT, PROV, RDF, XSD
from graph.rdf.terms import from_ox, to_ox
from graph.store.base import Triple

#: Triples of a delta kept for a revert; a larger write keeps its counts only.
MAX_DELTA = 50_000
#: Changed subjects named in an activity; a larger write names its graphs only.
MAX_SUBJECTS = 2_000


@dataclass
class Delta:
    """What a write adds to and removes from each graph."""

    added: dict[str, set[Triple]] = field(default_factory=dict)
    removed: dict[str, set[Triple]] = field(default_factory=dict)

    @property
    def graphs(self) -> list[str]:
        return sorted({n for n, t in (*self.added.items(), *self.removed.items()) if t})

    def count(self, which: str) -> int:
        return sum(len(t) for t in getattr(self, which).values())

    def subjects(self) -> set[Node]:
        return {s for part in (self.added, self.removed) for ts in part.values() for s, _, _ in ts}

    def __bool__(self) -> bool:
        return bool(self.graphs)


def delta_of(old: Mapping[str, Graph], new: Mapping[str, Graph]) -> Delta:
    """The delta of replacing each graph of ``old`` (as stored) by its content in ``new``."""
    delta = Delta()
    for name, graph in new.items():
        before, after = set(old.get(name) or ()), set(graph)
        delta.added[name] = after - before
        delta.removed[name] = before - after
    return delta


def to_nquads(triples: Mapping[str, Iterable[Triple]]) -> str:
    """N-Quads of triples by graph, in a stable order, every term written by Oxigraph."""
    lines = [f"{to_ox(s)} {to_ox(p)} {to_ox(o)} {ox.NamedNode(name)} .\n"
             for name, ts in triples.items() for s, p, o in ts]  # fmt: skip
    return "".join(sorted(lines))


def from_nquads(text: str) -> dict[str, set[Triple]]:
    """The triples by graph of ``to_nquads``'s text."""
    found: dict[str, set[Triple]] = {}
    for quad in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        name = quad.graph_name
        assert isinstance(name, ox.NamedNode)  # to_nquads names every graph
        found.setdefault(name.value, set()).add(
            (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return found


def new_id(now: dt.datetime) -> str:
    """An activity's id: its time (so ids sort as the trail does) and a random tail."""
    return f"{now:%Y%m%dt%H%M%S%f}-{secrets.token_hex(3)}"


def activity_iri(activity_id: str) -> URIRef:
    return URIRef(f"{ACTIVITY_BASE}{activity_id}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def activity(
    kind: str,
    delta: Delta | None = None,
    *,
    graphs: Iterable[str] = (),
    added: int | None = None,
    removed: int | None = None,
    reverts: str | None = None,
    actor: Actor | None = None,
    now: dt.datetime | None = None,
) -> tuple[URIRef, Graph]:
    """The triples of one activity: of a write with its ``delta``, or (a load, a restore)
    with its ``graphs`` and counts only."""
    actor = actor or current()
    now = now or _now()
    iri = activity_iri(new_id(now))
    out = Graph()
    out.add((iri, RDF.type, PROV.Activity))
    out.add((iri, AUDIT.kind, Literal(kind)))
    out.add((iri, AUDIT.actor, Literal(actor.name)))
    out.add((iri, PROV.startedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    if actor.request_id:
        out.add((iri, AUDIT.requestId, Literal(actor.request_id)))
    if reverts:
        out.add((iri, AUDIT.reverts, URIRef(reverts)))
    if delta is not None:
        graphs = delta.graphs
        added, removed = delta.count("added"), delta.count("removed")
        subjects = delta.subjects()
        if len(subjects) <= MAX_SUBJECTS:
            for subject in subjects:
                if isinstance(subject, URIRef):
                    out.add((iri, AUDIT.subject, Literal(str(subject), datatype=XSD.anyURI)))
        if added + removed <= MAX_DELTA:
            out.add((iri, AUDIT.addedTriples, Literal(to_nquads(delta.added))))
            out.add((iri, AUDIT.removedTriples, Literal(to_nquads(delta.removed))))
    for name in graphs:
        out.add((iri, AUDIT.graph, URIRef(name)))
    out.add((iri, AUDIT.added, Literal(added or 0)))
    out.add((iri, AUDIT.removed, Literal(removed or 0)))
    return iri, out
