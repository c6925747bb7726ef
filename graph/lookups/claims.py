"""Claims: "who committed to what", selected by filters and assembled with their evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from rdflib import URIRef

from graph.cache import StoreCache
from graph.lookups import claims_model, vocab
from graph.lookups.claim_filter import ClaimFilter, Match
from graph.lookups.evidence import evidence_link, evidence_spans
from graph.lookups.ids import slug_of
from graph.lookups.labels import normalise
from graph.lookups.paths import Link, Shape, read
from graph.lookups.refs import meeting_ref, ref, refs
from graph.lookups.sparql import (
    Fields,
    as_bool,
    as_date,
    as_float,
    as_int,
    as_str,
    best_text,
    first,
    select,
    text,
)
from graph.readmodel import registry
from graph.store import GraphStore

CLAIM_TYPES = tuple(vocab.CLAIM_TYPES)



def find(store: GraphStore, wanted: ClaimFilter) -> list[Match]:
    """Every claim the filter selects, unsorted (the caller sorts, searches and pages)."""
    if wanted.among is not None and not wanted.among:
        return []
    state = registry.claims_now(store)
    if state is not None:
        return claims_model.find(state, wanted)
    options, bindings = wanted.query()
    among = {"among": sorted(wanted.among)} if wanted.among is not None else None
    found: dict[str, Match] = {}
    for row in select(store, "lookup-claims", bindings, options, among):
        iri, date = text(row["claim"]), as_date(row.get("date"))
        held = found.get(iri)
        if held is None or (date and (held.date is None or date < held.date)):
            found[iri] = Match(iri, date)
    return list(found.values())


def page(store: GraphStore, wanted: ClaimFilter, newest_first: bool, start: int,
         stop: int) -> tuple[int, list[str]] | None:  # fmt: skip
    """``(how many claims the filter selects, the IRIs from start to stop)`` in date order, from
    the read model; None when the store has none now (then ``find`` and ``sort_matches``)."""
    state = registry.claims_now(store)
    if state is None:
        return None
    return claims_model.page(state, wanted, newest_first, start, stop)


def search_page(store: GraphStore, q: str, wanted: ClaimFilter, newest_first: bool, start: int,
                stop: int, holding: claims_model.Holding | None = None,
                ) -> tuple[int, list[str]] | None:  # fmt: skip
    """``page`` of the claims whose names match the search text ``q`` as the label index
    matches them, from the read model's word lists (``claims_model.searched``; ``holding``:
    the label index's check of claims' names, for several words); None when there is
    no read model now or the request asks what those lists cannot answer alone."""
    state = registry.claims_now(store)
    if state is None:
        return None
    tokens = set(normalise(q).split())
    return claims_model.searched(state, tokens, wanted, newest_first, start, stop, holding)


def sort_matches(matches: Iterable[Match], newest_first: bool = True) -> list[Match]:
    """Dated claims newest (or oldest) first, then undated ones; ties by id so pages are stable."""
    dated = sorted((m for m in matches if m.date), key=lambda m: slug_of(m.iri))
    dated.sort(key=lambda m: m.date or dt.date.min, reverse=newest_first)
    undated = sorted((m for m in matches if not m.date), key=lambda m: slug_of(m.iri))
    return dated + undated


#: Assembled claims by IRI, until the store's next write: a page of claims asked again (or
#: the same claims on another route) costs no second query.
_CLAIMS: StoreCache[str, dict[str, Any]] = StoreCache(max_entries=50_000, answers=True,
                                                       name="claims")


def details(store: GraphStore, iris: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The REST shape of each claim of ``iris`` that exists (shared: do not modify it)."""
    keys = [str(i) for i in iris]  # rdflib terms never equal the plain strings we key by
    state = registry.claims_now(store)
    if state is not None:
        found = {k: state.shape(k) for k in keys}
        return {k: v for k, v in found.items() if v is not None}
    return _CLAIMS.get_many(store, keys, lambda missing: _fetch(store, missing))


_NAMES = frozenset({vocab.LABEL, vocab.PREF_LABEL})
_DOCUMENT = frozenset({vocab.TITLE, vocab.PUBLISHER_NAME, vocab.URL})
#: What a claim's REST shape reads: its own fields, its evidence, and what both point to.
CLAIM_FIELDS = frozenset({
    vocab.TYPE, vocab.STATEMENT, vocab.CLAIMANT, vocab.ADDRESSEE, vocab.TOPIC, vocab.MADE_AT,
    vocab.CLAIM_DATE, vocab.DATE_ON_OR_BEFORE, vocab.REPORTED_BY, vocab.EVIDENCE,
    vocab.REITERATES, vocab.SAME_SPEECH_ACT, vocab.AFFIRMED_ONLY_BY, vocab.OBJECTS_TO,
    vocab.REFERS_TO, vocab.IN_BUNDLE, vocab.POSITION, vocab.ORIGIN, vocab.CAMEO, vocab.PLOVER,
    vocab.NEGATED, vocab.CONFIDENCE,
    # its names, as the label index reads them: the read model files a claim under their words
    vocab.LABEL, vocab.PREF_LABEL, vocab.ALT_LABEL, vocab.TITLE,
})  # fmt: skip
CLAIM_SHAPE = Shape(
    fields=CLAIM_FIELDS,
    links=(
        evidence_link(vocab.EVIDENCE),
        Link(vocab.REPORTED_BY, _DOCUMENT),
        Link(vocab.MADE_AT, frozenset({vocab.LABEL, vocab.START_DATE})),
        *(Link(p, _NAMES) for p in (
            vocab.CLAIMANT, vocab.ADDRESSEE, vocab.TOPIC, vocab.IN_BUNDLE, vocab.OBJECTS_TO,
            vocab.REFERS_TO, vocab.AFFIRMED_ONLY_BY,
        )),
    ),
)  # fmt: skip


def _fetch(store: GraphStore, iris: list[str]) -> dict[str, dict[str, Any]]:
    """The claims of ``iris`` from the store, read by access path."""
    fields = read(store, iris, CLAIM_SHAPE)
    out: dict[str, dict[str, Any]] = {}
    for iri in iris:
        own = fields.get(iri)
        kind = vocab.type_name(own.get(vocab.TYPE, []), vocab.CLAIM_TYPES) if own else None
        if own is not None and kind is not None:
            out[iri] = assemble(iri, kind, own, fields)
    return out


def in_order(store: GraphStore, iris: Sequence[str]) -> list[dict[str, Any]]:
    """The claims of ``iris`` in that order, those that do not exist left out."""
    found = details(store, iris)
    return [found[i] for i in iris if i in found]


def texts_in_order(store: GraphStore, iris: Sequence[str]) -> list[bytes] | None:
    """The JSON texts of the claims of ``iris`` in that order (``in_order``'s shapes as the
    read model keeps them written), those that do not exist left out; None when there is no
    read model now or one of them is kept otherwise (then ``in_order``)."""
    state = registry.claims_now(store)
    if state is None:
        return None
    texts = []
    for iri in iris:
        text = state.shape_json(iri)
        if text is None:
            if iri in state.shapes:
                return None
            continue
        texts.append(text)
    return texts


def history(store: GraphStore, iri: URIRef) -> dict[str, str]:
    """``{claim IRI: "earlier" | "later"}`` for the reiteration chain of ``iri`` (not itself)."""
    rows = select(store, "lookup-claim-history", {"claim": iri})
    return {text(r["other"]): text(r["relation"]) for r in rows if "other" in r and "relation" in r}


def assemble(iri: str, kind: str, own: Fields, fields: dict[str, Fields]) -> dict[str, Any]:
    def get(prop: str) -> list:
        return own.get(prop, [])

    spans = [text(e) for e in get(vocab.EVIDENCE)]
    linked = [fields.get(s, {}) for s in spans]
    documents = {text(d) for d in get(vocab.REPORTED_BY)}
    documents |= {text(d) for node in linked for d in node.get(vocab.DOCUMENT, [])}
    sides = {text(s) for node in linked for s in node.get(vocab.REPORTING_SIDE, [])}
    claimants, addressees = refs(fields, get(vocab.CLAIMANT)), refs(fields, get(vocab.ADDRESSEE))
    bundle = ref(fields, first(get(vocab.IN_BUNDLE)))
    return {
        "id": slug_of(iri),
        "iri": iri,
        "type": kind,
        "text": best_text(get(vocab.STATEMENT)) or "",
        "claimant": claimants[0] if claimants else None,
        "claimants": claimants,
        "addressee": addressees[0] if addressees else None,
        "addressees": addressees,
        "topics": refs(fields, get(vocab.TOPIC)),
        "meeting": meeting_ref(fields, first(get(vocab.MADE_AT))),
        "date": as_date(first(get(vocab.CLAIM_DATE))),
        "date_on_or_before": as_date(first(get(vocab.DATE_ON_OR_BEFORE))),
        "reported_by": refs(fields, documents),
        "reporting_sides": refs(fields, sides),
        "evidence": evidence_spans(fields, spans),
        "reiterates": sorted(slug_of(text(v)) for v in get(vocab.REITERATES)),
        "same_speech_act": sorted(slug_of(text(v)) for v in get(vocab.SAME_SPEECH_ACT)),
        "affirmed_only_by": ref(fields, first(get(vocab.AFFIRMED_ONLY_BY))),
        "objects_to": refs(fields, get(vocab.OBJECTS_TO)),
        "refers_to": refs(fields, get(vocab.REFERS_TO)),
        "bundle": bundle and {**bundle, "position": as_int(first(get(vocab.POSITION)))},
        "origin": as_str(first(get(vocab.ORIGIN))),
        "cameo": as_str(first(get(vocab.CAMEO))),
        "plover": as_str(first(get(vocab.PLOVER))),
        "negated": as_bool(first(get(vocab.NEGATED))),
        "confidence": as_float(first(get(vocab.CONFIDENCE))),
    }
