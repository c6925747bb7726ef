"""The commitment ledger: status events, what they concern, and a status derived as of a day.

A status event (``dg:StatusEvent``) says what became of a claim, a bundle or a measure. No
status is ever stored: ``derive`` takes the events that concern something and a day, and gives
the kind of the latest one on or before that day, so "as of" any date is a computation over the
same triples. Events are read by access path like claims; the two queries are
``ledger-events.rq`` (the /ledger list) and ``ledger-concerning.rq`` (what concerns a claim or
a bundle, and how).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.lookups import vocab
from graph.lookups.evidence import evidence_link, evidence_spans
from graph.lookups.ids import slug_of
from graph.lookups.paths import Link, Shape, read
from graph.lookups.refs import label_of, refs
from graph.lookups.sparql import (
    Fields,
    as_date,
    as_float,
    as_str,
    best_text,
    first,
    select,
    text,
)
from graph.namespaces import DG
from graph.store import GraphStore

#: REST kind name -> ontology individual.
KIND_IRIS = {name: iri for iri, name in vocab.STATUS_KINDS.items()}
#: Same-day ties: the kind later in this order decides the status (vocab.STATUS_KINDS' order).
_TIE_ORDER = {name: n for n, name in enumerate(vocab.STATUS_KINDS.values())}
#: How an event concerns a subject when the subject's own status counts it.
COUNTED = frozenset({"about", "as_member", "via_bundle"})
#: The status of something no event concerns (yet): it was only stated.
STATED = "stated"

_CLAIM, _BUNDLE, _MEASURE = str(DG.Claim), str(DG.Bundle), str(DG.Measure)
_EVENT = str(DG.StatusEvent)


@dataclass(frozen=True)
class LedgerFilter:
    """What a /ledger request selects by; IRIs already resolved from slugs."""

    kind: str | None = None
    claimant: URIRef | None = None
    asserted_by: URIRef | None = None
    topic: URIRef | None = None
    origin: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def query(self) -> tuple[list[str], dict[str, Node]]:
        """The options to enable in ``ledger-events`` and the values to bind."""
        terms: dict[str, Node | None] = {
            "kind": URIRef(KIND_IRIS[self.kind]) if self.kind else None,
            "assertedBy": self.asserted_by,
            "claimant": self.claimant,
            "topic": self.topic,
            "origin": Literal(self.origin) if self.origin else None,
            "since": Literal(self.since) if self.since else None,
            "until": Literal(self.until) if self.until else None,
        }
        bindings = {name: term for name, term in terms.items() if term is not None}
        option = {"assertedBy": "asserted_by"}
        return [option.get(name, name) for name in bindings], bindings


@dataclass(frozen=True)
class EventMatch:
    iri: str
    date: dt.date | None


def find(store: GraphStore, wanted: LedgerFilter) -> list[EventMatch]:
    """Every status event the filter selects, newest first (ties by id, so pages are stable)."""
    options, bindings = wanted.query()
    found = {
        text(row["event"]): EventMatch(text(row["event"]), as_date(row.get("date")))
        for row in select(store, "ledger-events", bindings, options)
    }
    ordered = sorted(found.values(), key=lambda m: slug_of(m.iri))
    ordered.sort(key=lambda m: m.date or dt.date.min, reverse=True)
    return ordered


def concerning(store: GraphStore, subjects: Iterable[str]) -> dict[str, dict[str, str]]:
    """``{subject: {event IRI: how}}`` for claims or bundles the store returned (``how`` is one
    of about, about_member, as_member, via_bundle; "about" wins when an event is both)."""
    subjects = [str(s) for s in subjects]
    out: dict[str, dict[str, str]] = {s: {} for s in subjects}
    rank = {"about": 0, "about_member": 1, "as_member": 2, "via_bundle": 3}
    for row in select(store, "ledger-concerning", values={"subjects": subjects}):
        subject, event, via = text(row["subject"]), text(row["event"]), text(row["via"])
        held = out[subject].get(event)
        if held is None or rank[via] < rank[held]:
            out[subject][event] = via
    return out


_NAMES = frozenset({vocab.LABEL, vocab.PREF_LABEL})
_TARGET = frozenset({vocab.TYPE, vocab.LABEL, vocab.PREF_LABEL, vocab.STATEMENT})
EVENT_FIELDS = frozenset({
    vocab.TYPE, vocab.STATUS_KIND, vocab.STATUS_OF, vocab.BUNDLE_MEMBER, vocab.ASSERTED_BY,
    vocab.EVENT_DATE, vocab.EVENT_STATEMENT, vocab.EVENT_EVIDENCE, vocab.SUPERSEDED_BY,
    vocab.ORIGIN, vocab.CONFIDENCE, vocab.REVIEW_STATUS,
})  # fmt: skip
EVENT_SHAPE = Shape(
    fields=EVENT_FIELDS,
    links=(
        evidence_link(vocab.EVENT_EVIDENCE),
        Link(vocab.STATUS_OF, _TARGET),
        Link(vocab.BUNDLE_MEMBER, _TARGET),
        Link(vocab.SUPERSEDED_BY, _TARGET),
        Link(vocab.ASSERTED_BY, _NAMES),
    ),
)  # fmt: skip


def details(store: GraphStore, iris: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The REST shape of each status event of ``iris`` that exists."""
    keys = [str(i) for i in iris]
    fields = read(store, keys, EVENT_SHAPE)
    out: dict[str, dict[str, Any]] = {}
    for iri in keys:
        own = fields.get(iri)
        kind = _kind(own) if own else None
        if own is not None and kind is not None:
            out[iri] = _assemble(iri, kind, own, fields)
    return out


def in_order(store: GraphStore, iris: Sequence[str]) -> list[dict[str, Any]]:
    """The events of ``iris`` in that order, those that do not exist left out."""
    found = details(store, iris)
    return [found[i] for i in iris if i in found]


def _kind(own: Fields) -> str | None:
    if _EVENT not in {text(t) for t in own.get(vocab.TYPE, [])}:
        return None
    return vocab.STATUS_KINDS.get(text(first(own.get(vocab.STATUS_KIND)) or ""))


def _assemble(iri: str, kind: str, own: Fields, fields: dict[str, Fields]) -> dict[str, Any]:
    def get(prop: str) -> list:
        return own.get(prop, [])

    spans = [text(e) for e in get(vocab.EVENT_EVIDENCE)]
    return {
        "id": slug_of(iri),
        "iri": iri,
        "kind": kind,
        "date": as_date(first(get(vocab.EVENT_DATE))),
        "statement": best_text(get(vocab.EVENT_STATEMENT)) or "",
        "target": target_ref(fields, first(get(vocab.STATUS_OF))),
        "member": target_ref(fields, first(get(vocab.BUNDLE_MEMBER))),
        "asserted_by": refs(fields, get(vocab.ASSERTED_BY)),
        "evidence": evidence_spans(fields, spans),
        "superseded_by": target_ref(fields, first(get(vocab.SUPERSEDED_BY))),
        "origin": as_str(first(get(vocab.ORIGIN))),
        "confidence": as_float(first(get(vocab.CONFIDENCE))),
        "review_status": as_str(first(get(vocab.REVIEW_STATUS))),
    }


def target_ref(fields: dict[str, Fields], iri: Any) -> dict[str, str] | None:
    """What an event points at: a claim (named by its statement), a bundle or a measure."""
    if iri is None:
        return None
    node = fields.get(text(iri), {})
    types = {text(t) for t in node.get(vocab.TYPE, [])}
    kind = (
        "claim" if _CLAIM in types
        else "bundle" if _BUNDLE in types
        else "measure" if _MEASURE in types
        else "other"
    )  # fmt: skip
    name = best_text(node.get(vocab.STATEMENT, [])) if kind == "claim" else None
    return {
        "kind": kind,
        "id": slug_of(text(iri)),
        "iri": text(iri),
        "label": name or label_of(fields, iri),
    }


def derive(events: Iterable[dict[str, Any]], as_of: dt.date) -> dict[str, Any]:
    """The status as of ``as_of`` from the events that count (``via`` in COUNTED, or no
    ``via``): the kind of the latest on or before the day (same-day ties by kind order, then
    id), and the latest event of each kind; "stated" when none has happened yet."""
    counted = [
        e for e in events
        if e.get("via", "about") in COUNTED and e["date"] is not None and e["date"] <= as_of
    ]  # fmt: skip
    latest_by_kind: dict[str, dict[str, Any]] = {}
    for event in sorted(counted, key=_recency):
        latest_by_kind[event["kind"]] = {"date": event["date"], "event": event["id"]}
    if not counted:
        return {"kind": STATED, "since": None, "event": None, "latest_by_kind": {}}
    latest = max(counted, key=_recency)
    return {
        "kind": latest["kind"],
        "since": latest["date"],
        "event": latest["id"],
        "latest_by_kind": latest_by_kind,
    }


def _recency(event: dict[str, Any]) -> tuple[dt.date, int, str]:
    return (event["date"], _TIE_ORDER.get(event["kind"], -1), event["id"])
