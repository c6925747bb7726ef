"""Engagements: who met whom, when and where, with the titles they held that day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.cache import StoreCache
from graph.lookups import documents, vocab
from graph.lookups.ids import slug_of
from graph.lookups.paths import Link, Shape, reached, read
from graph.lookups.refs import label_of, meeting_ref, ref, refs
from graph.lookups.shape_query import read_together
from graph.lookups.sparql import Fields, as_date, best_text, first, select, text
from graph.readmodel import registry
from graph.readmodel.claims import ClaimState, MeetingRow
from graph.store import GraphStore

MEETING_TYPES = tuple(vocab.MEETING_TYPES)


@dataclass(frozen=True)
class Match:
    iri: str
    date: dt.date | None


def find(
    store: GraphStore,
    participant: URIRef | None = None,
    type: str | None = None,
    topic: URIRef | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Match]:
    """Engagements matching the filters, oldest first (undated last), ties by id."""
    state = registry.claims_now(store)
    if state is not None:
        return _find_in(state, participant, type, topic, since, until)
    terms: dict[str, Node | None] = {
        "participant": participant,
        "topic": topic,
        "type": URIRef(vocab.MEETING_TYPES[type]) if type else None,
        "since": Literal(since) if since else None,
        "until": Literal(until) if until else None,
    }
    bindings = {k: v for k, v in terms.items() if v is not None}
    found = {
        text(r["meeting"]): Match(text(r["meeting"]), as_date(r.get("start")))
        for r in select(store, "lookup-meetings", bindings, list(bindings))
    }
    return sorted(
        found.values(), key=lambda m: (m.date is None, m.date or dt.date.min, slug_of(m.iri))
    )


def _find_in(state: ClaimState, participant: URIRef | None = None, type: str | None = None,
             topic: URIRef | None = None, since: dt.date | None = None,
             until: dt.date | None = None) -> list[Match]:  # fmt: skip
    """``find`` answered by the read model: what ``lookup-meetings.rq`` selects."""
    found = rows_in(state, participant, type, topic, since, until)
    found.sort(key=lambda r: r.key)
    return [Match(r.iri, r.start) for r in found]


def rows_in(state: ClaimState, participant: URIRef | None = None, type: str | None = None,
            topic: URIRef | None = None, since: dt.date | None = None,
            until: dt.date | None = None) -> list[MeetingRow]:  # fmt: skip
    """The read model's rows of the engagements ``find`` selects, unsorted."""
    pools: list[Collection[str]] = []
    if participant is not None:
        pools.append(state.attendance.get(str(participant), frozenset()))
    if topic is not None:
        below = {str(topic), *state.hierarchy.narrower.get(str(topic), ())}
        claims = state.claims_of("topic", below)
        pools.append({m for c in claims for m in state.rows[c].key("meeting")})
    pools.sort(key=len)
    rows = state.meetings
    found: list[MeetingRow] = []
    for iri in pools[0] if pools else rows.keys():
        row = rows.get(iri)
        if row is None or any(iri not in pool for pool in pools[1:]):
            continue
        if type is not None and vocab.MEETING_TYPES[type] not in row.types:
            continue
        if (since or until) and row.start is None:
            continue
        if since and (row.end or row.start) < since:  # type: ignore[operator]  # start is set
            continue
        if until and row.start > until:  # type: ignore[operator]  # start is set
            continue
        found.append(row)
    return found


def claim_texts_by_type(store: GraphStore, iris: Sequence[str]) -> list[tuple[str, bytes]] | None:
    """``(its type's REST name, its JSON text as the read model keeps it)`` of each claim of
    ``iris`` in that order, those that do not exist left out: an engagement's page splices its
    claims in rather than unpacking each and writing it again (half of a cold meeting page's
    work). The type is named from the claim's filter row, read with its shape. None without a
    read model, or when a claim is kept pickled (then ``claims.in_order``)."""
    state = registry.claims_now(store)
    if state is None:
        return None
    found = []
    for iri in iris:
        written, row = state.shape_json(iri), state.rows.get(iri)
        if written is None or row is None:
            if iri in state.shapes:
                return None
            continue
        kind = vocab.type_name(list(row.key("type")), vocab.CLAIM_TYPES)
        if kind is None:
            return None
        found.append((kind, written))
    return found


#: Engagement payloads by ``titles|iri``; several routes and pages show the same meetings.
_DETAILS: StoreCache[str, dict[str, Any]] = StoreCache(
    max_entries=50_000, answers=True, name="meeting_details")


def details(
    store: GraphStore, iris: Sequence[str], titles: bool = True
) -> dict[str, dict[str, Any]]:
    """The REST shape of each engagement of ``iris`` that exists (participants' titles too).

    Values are cached until the store changes and shared: callers must not mutate them.
    """
    state = registry.claims_now(store)
    if state is not None:
        out: dict[str, dict[str, Any]] = {}
        for iri in (str(i) for i in iris):
            shape = state.meeting_shape(iri)
            if shape is not None:
                out[iri] = shape if titles else untitled(shape)
        return out
    prefix = "titles|" if titles else "plain|"

    def fetch(missing: list[str]) -> dict[str, dict[str, Any]]:
        found = _fetch(store, [k.removeprefix(prefix) for k in missing], titles)
        return {prefix + iri: payload for iri, payload in found.items()}

    found = _DETAILS.get_many(store, [prefix + str(i) for i in iris], fetch)
    return {key.removeprefix(prefix): payload for key, payload in found.items()}


_LINKED = frozenset({vocab.LABEL, vocab.START_DATE})
#: What an engagement's REST shape reads: its own fields and the names of what they point to.
MEETING_SHAPE = Shape(
    fields=frozenset({vocab.TYPE, vocab.LABEL, vocab.COMMENT, vocab.START_DATE, vocab.END_DATE,
                      vocab.PLACE, vocab.PARTICIPANT, vocab.SIDE, vocab.HOST, vocab.PART_OF,
                      vocab.FOLLOWS_UP}),
    links=tuple(Link(p, _LINKED) for p in (vocab.PLACE, vocab.PARTICIPANT, vocab.SIDE, vocab.HOST,
                                            vocab.PART_OF, vocab.FOLLOWS_UP)),
)  # fmt: skip


def _fetch(store: GraphStore, iris: Sequence[str], titles: bool) -> dict[str, dict[str, Any]]:
    return {iri: shape for iri, (shape, _reads) in shapes_read(store, iris, titles).items()}


def shapes_read(store: GraphStore, iris: Sequence[str], titles: bool = True
                ) -> dict[str, tuple[dict[str, Any], set[str]]]:  # fmt: skip
    """``{engagement: (its REST shape, the other nodes read for it)}`` for each of ``iris``
    that is one (the nodes: what a write may change the shape through)."""
    iris = [str(i) for i in iris]  # rdflib terms never equal the plain strings we key by
    fields = read(store, iris, MEETING_SHAPE)
    titled = _held_fields(store, iris) if titles else {}
    held = _titles(iris, titled) if titles else {}
    out: dict[str, tuple[dict[str, Any], set[str]]] = {}
    for iri in iris:
        own = fields.get(iri, {})
        kind = vocab.type_name(own.get(vocab.TYPE, []), vocab.MEETING_TYPES)
        if kind is not None:
            reads = reached(iri, fields, MEETING_SHAPE) | reached(iri, titled, _HELD)
            out[iri] = (_assemble(iri, kind, own, fields, held.get(iri, {})), reads)
    return out


def untitled(shape: dict[str, Any]) -> dict[str, Any]:
    """An engagement's shape without its participants' titles (as ``titles=False`` reads it)."""
    return {**shape, "participants": [{**p, "titles": []} for p in shape["participants"]]}


def _assemble(
    iri: str, kind: str, own: Fields, fields: dict[str, Fields], held: dict
) -> dict[str, Any]:
    participants = [
        {**person, "titles": held.get(person["id"], [])}
        for person in refs(fields, own.get(vocab.PARTICIPANT, []))
    ]
    return {
        "id": slug_of(iri),
        "iri": iri,
        "type": kind,
        "label": label_of(fields, iri),
        "description": best_text(own.get(vocab.COMMENT, [])),
        "date": as_date(first(own.get(vocab.START_DATE))),
        "end_date": as_date(first(own.get(vocab.END_DATE))),
        "place": ref(fields, first(own.get(vocab.PLACE))),
        "participants": participants,
        "sides": refs(fields, own.get(vocab.SIDE, [])),
        "host": ref(fields, first(own.get(vocab.HOST))),
        "part_of": meeting_ref(fields, first(own.get(vocab.PART_OF))),
        "follows_up": sorted(
            (meeting_ref(fields, m) for m in own.get(vocab.FOLLOWS_UP, [])), key=lambda m: m["id"]
        ),
    }


_HOLDINGS = "holdings"
#: From an engagement to the posts its participants held: their holdings (pointing at them),
#: each holding's post and dates, each post's name and organisation.
_HELD = Shape(fields=frozenset({vocab.START_DATE, vocab.PARTICIPANT}), links=(
    Link(vocab.PARTICIPANT, then=(
        Link(vocab.HOLDER, frozenset({vocab.POST, vocab.START_DATE, vocab.END_DATE}),
             inverse=True, record=_HOLDINGS, then=(
                 Link(vocab.POST, frozenset({vocab.LABEL, vocab.ORGANIZATION}), then=(
                     Link(vocab.ORGANIZATION, frozenset({vocab.LABEL})),
                 )),
             )),
    )),
))  # fmt: skip


def _held_on(day: dt.date, holding: Fields) -> bool:
    """Whether a holding (its fields) covers ``day``: started, and not ended before it."""
    start = as_date(first(holding.get(vocab.START_DATE)))
    end = as_date(first(holding.get(vocab.END_DATE)))
    return start is not None and start <= day and (end is None or end >= day)


def _held_fields(store: GraphStore, iris: Sequence[str]) -> dict[str, Fields]:
    return read(store, iris, _HELD)


def _titles(iris: Sequence[str], fields: dict[str, Fields]
            ) -> dict[str, dict[str, list[dict[str, Any]]]]:  # fmt: skip
    """``{meeting: {person slug: [title, ...]}}``: the posts held on the meeting's first day,
    from the fields ``_HELD`` reads."""
    grouped: dict[tuple[str, str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for meeting in iris:
        own = fields.get(meeting, {})
        day = as_date(first(own.get(vocab.START_DATE)))
        if day is None:
            continue
        for person in (text(p) for p in own.get(vocab.PARTICIPANT, [])):
            for holding in fields.get(person, {}).get(_HOLDINGS, []):
                held = fields.get(text(holding), {})
                if not _held_on(day, held):
                    continue
                for post in (text(p) for p in held.get(vocab.POST, [])):
                    names = grouped[(meeting, slug_of(person), post)]
                    names["title"] += fields.get(post, {}).get(vocab.LABEL, [])
                    for org in fields.get(post, {}).get(vocab.ORGANIZATION, []):
                        names["organization"].append(org)
                        names["organizationLabel"] += fields.get(text(org), {}).get(vocab.LABEL, [])
    out: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for (meeting, person, post), names in sorted(grouped.items()):
        organization = first(names["organization"])
        out[meeting][person].append(
            {
                "post": slug_of(post),
                "title": best_text(names["title"]) or slug_of(post),
                "organization": None
                if organization is None
                else {
                    "id": slug_of(text(organization)),
                    "label": best_text(names["organizationLabel"]) or slug_of(text(organization)),
                },
            }
        )
    return out


def links(store: GraphStore, meeting: URIRef) -> dict[str, list[str]]:
    """IRIs of the parts, follow-ups and reporting documents of one engagement."""
    state = registry.claims_now(store)
    if state is not None:
        return _links_in(store, state, str(meeting))
    out: dict[str, list[str]] = {"part": [], "followed_by": [], "document": []}
    for row in select(store, "lookup-meeting-links", {"meeting": meeting}):
        relation, other = text(row.get("relation", "")), text(row.get("other", ""))
        if relation in out and other not in out[relation]:
            out[relation].append(other)
    return {k: sorted(v) for k, v in out.items()}


#: What points at an engagement: its parts, its follow-ups, the documents reporting on it.
_POINTING = Shape(fields=frozenset(), links=(
    Link(vocab.PART_OF, inverse=True, record="part"),
    Link(vocab.FOLLOWS_UP, inverse=True, record="followed_by"),
    Link(vocab.REPORTS_ON, inverse=True, record="document"),
))  # fmt: skip


def _links_in(store: GraphStore, state: ClaimState, meeting: str) -> dict[str, list[str]]:
    """``links`` by access path, the documents of its claims (and its parts') from the model."""
    own = read(store, [meeting], _POINTING).get(meeting, {})
    out = {name: {text(v) for v in own.get(name, [])} for name in ("part", "followed_by",
                                                                   "document")}  # fmt: skip
    at = state.claims_of("meeting", {meeting, *state.hierarchy.parts.get(meeting, ())})
    out["document"] |= {d for claim in at for d in state.rows[claim].key("document")}
    return {k: sorted(v) for k, v in out.items()}


_BRIEF = Shape(fields=documents.BRIEF_FIELDS)


def related(store: GraphStore, meeting: URIRef
            ) -> tuple[dict[str, list[str]], list[dict[str, Any]]]:  # fmt: skip
    """``links``, and the short references of the documents among them
    (``documents.briefs``): from the read model when it is current (what points at the
    engagement included), else read by access path."""
    state = registry.claims_now(store)
    if state is None:
        found = links(store, meeting)
        [fields] = read_together(store, [(found["document"], _BRIEF)])
        return found, documents.briefs(found["document"], fields)
    iri = str(meeting)
    up = state.hierarchy.up.get(vocab.PART_OF, {})
    at = state.claims_of("meeting", {iri, *state.hierarchy.parts.get(iri, ())})
    reporting = {d for claim in at for d in state.rows[claim].key("document")}
    reporting |= state.reporting.get(iri, frozenset())
    found = {"part": sorted(p for p in state.hierarchy.parts.get(iri, ()) if iri in up.get(p, ())),
             "followed_by": sorted(state.followers.get(iri, ())),
             "document": sorted(reporting)}  # fmt: skip
    rows = [state.documents[d] for d in found["document"] if d in state.documents]
    rows.sort(key=lambda r: (str(r.date or ""), slug_of(r.iri)))
    return found, [dict(r.brief) for r in rows]
