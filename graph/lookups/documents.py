"""Source documents: readouts, transcripts and articles, with the claims they report.

Reading only; ingesting a document (POST/DELETE /documents) lives beside this in its own module.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from graph.lookups import claims, vocab
from graph.lookups.ids import slug_of
from graph.lookups.paths import Link, Shape, read
from graph.lookups.refs import document_ref, label_of, meeting_ref, ref
from graph.lookups.shape_query import read_together
from graph.lookups.sparql import (
    Fields,
    as_date,
    as_int,
    as_str,
    best_text,
    first,
    select,
    text,
)
from graph.namespaces import DG
from graph.readmodel import registry
from graph.store import GraphStore
from graph.store.oxigraph import OxigraphStore

_DOCUMENT = str(DG.SourceDocument)
_TEXT = str(DG.text)


def listed(store: GraphStore, meeting: URIRef | None = None) -> Sequence[str]:
    """The IRIs ``find`` answers, in its order. From the read model every document is its list
    itself (a page of it is a slice, however many documents there are), and those reporting on
    a meeting are the few it indexes by meeting."""
    state = registry.claims_now(store)
    if state is None:
        return [iri for iri, _ in find(store, meeting)]
    if meeting is None:
        return state.document_order
    rows = state.documents
    return sorted(state.reporting.get(str(meeting), ()), key=lambda i: rows[i].key)


def find(store: GraphStore, meeting: URIRef | None = None) -> list[tuple[str, dt.date | None]]:
    """Documents (reporting on ``meeting`` if given), newest first, undated last, ties by id."""
    state = registry.claims_now(store)
    if state is not None:  # the read model keeps them in this order
        rows = state.documents
        return [(iri, rows[iri].date) for iri in listed(store, meeting)]
    bindings = {"meeting": meeting} if meeting is not None else {}
    found: dict[str, dt.date | None] = {}
    for row in select(store, "lookup-documents", bindings, list(bindings)):
        found[text(row["document"])] = as_date(row.get("date"))
    ordered = sorted(found.items(), key=lambda item: slug_of(item[0]))
    ordered.sort(key=lambda item: item[1] or dt.date.min, reverse=True)
    return [item for item in ordered if item[1]] + [item for item in ordered if not item[1]]


#: What a document's REST shape reads: its own fields (not its text: whether it has one is
#: asked apart), and the names and dates of its publisher and the engagements it reports on.
DOCUMENT_SHAPE = Shape(
    fields=frozenset({vocab.TYPE, vocab.TITLE, vocab.PUBLISHER_NAME, vocab.PUBLISHER, vocab.DATE,
                      vocab.URL, vocab.LANGUAGE, vocab.FILE_NAME, vocab.SHA256, vocab.REPORTS_ON,
                      vocab.COMMENT}),
    links=tuple(Link(p, frozenset({vocab.LABEL, vocab.START_DATE}))
                for p in (vocab.PUBLISHER, vocab.REPORTS_ON)),
)  # fmt: skip
_OWN_FIELDS = DOCUMENT_SHAPE.fields or frozenset()


def details(store: GraphStore, iris: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The REST shape of each document of ``iris`` that exists, without its text: with the
    read model, its list item kept there, the claim count and the text's presence asked now."""
    iris = [str(i) for i in iris]  # rdflib terms never equal the plain strings we key by
    state = registry.claims_now(store)
    if state is None:
        fields = read(store, iris, DOCUMENT_SHAPE)
        return _assembled(iris, fields, _claim_counts(store, iris), _with_text(store, iris))
    kept = {iri: shape for iri in iris if (shape := state.document_shape(iri)) is not None}
    with_text = _with_text(store, list(kept))
    for iri, shape in kept.items():  # the keys are in place: the answer's order is kept
        shape["claim_count"] = len(state.claims_of("document", {iri}))
        shape["has_text"] = iri in with_text
    return kept


#: A document's page: its REST shape and its text, read together.
PAGE_SHAPE = Shape(fields=frozenset({*(DOCUMENT_SHAPE.fields or ()), _TEXT}),
                   links=DOCUMENT_SHAPE.links)


def page(store: GraphStore, iri: str) -> tuple[dict[str, Any], str | None] | None:
    """``(the REST shape, the text)`` of document ``iri``, None when there is none.

    With the read model, its list item kept there and only the text asked (over Virtuoso at
    a million triples a lookup of one pattern, where the shape query took 27 ms of the
    engine's time and eight clients queued behind it); else one query (``shape_query``), not
    one per link and one for the text.
    """
    state = registry.claims_now(store)
    kept = state.document_shape(iri) if state is not None else None
    if state is not None and kept is not None:
        stored_text = text_of(store, URIRef(iri))
        kept["claim_count"] = len(state.claims_of("document", {iri}))
        kept["has_text"] = stored_text is not None
        return kept, stored_text
    [fields] = read_together(store, [([iri], PAGE_SHAPE)])
    stored = fields.get(iri, {}).get(_TEXT, [])
    found = _assembled([iri], fields, _claim_counts(store, [iri]),
                       {iri} if stored else set()).get(iri)
    return None if found is None else (found, as_str(first(stored)))


#: What the short references to documents read (``briefs``).
BRIEF_FIELDS = frozenset({vocab.TYPE, *vocab.NAME_PROPERTIES, vocab.PUBLISHER_NAME, vocab.URL,
                          vocab.DATE})  # fmt: skip


def briefs(iris: Sequence[str], fields: dict[str, Fields]) -> list[dict[str, Any]]:
    """Short references (id, title, publisher, url) to each document of ``iris`` in
    ``fields`` (read with ``BRIEF_FIELDS``), oldest first, undated first, ties by id."""
    found = []
    for iri in dict.fromkeys(iris):
        own = fields.get(iri, {})
        if _DOCUMENT in [text(t) for t in own.get(vocab.TYPE, [])]:
            found.append((as_date(first(own.get(vocab.DATE))), document_ref(fields, iri)))
    found.sort(key=lambda item: (str(item[0] or ""), item[1]["id"]))
    return [ref for _date, ref in found]


def _assembled(iris: list[str], fields: dict[str, Fields], counts: dict[str, int],
               with_text: set[str]) -> dict[str, dict[str, Any]]:  # fmt: skip
    out: dict[str, dict[str, Any]] = {}
    for iri in iris:
        found = summary(iri, fields)
        if found is not None:
            found["claim_count"] = counts.get(iri, 0)
            found["has_text"] = iri in with_text
            out[iri] = found
    return out


def summary(iri: str, fields: dict[str, Fields]) -> dict[str, Any] | None:
    """The REST shape of document ``iri`` from ``fields`` (read with ``DOCUMENT_SHAPE``; its
    own fields past those are not looked at), None when it is no document; its claim count
    (0 here) and whether its text is stored (False here) are the caller's to set."""
    own = {p: v for p, v in fields.get(iri, {}).items() if p in _OWN_FIELDS}
    if _DOCUMENT not in [text(t) for t in own.get(vocab.TYPE, [])]:
        return None
    reports_on = [meeting_ref(fields, m) for m in own.get(vocab.REPORTS_ON, [])]
    return {
        "id": slug_of(iri),
        "iri": iri,
        "title": label_of({iri: own}, iri),
        "publisher": as_str(first(own.get(vocab.PUBLISHER_NAME))),
        "publisher_actor": ref(fields, first(own.get(vocab.PUBLISHER))),
        "date": as_date(first(own.get(vocab.DATE))),
        "url": as_str(first(own.get(vocab.URL))),
        "languages": sorted(as_str(v) or "" for v in own.get(vocab.LANGUAGE, [])),
        "description": best_text(own.get(vocab.COMMENT, [])),
        "reports_on": sorted(reports_on, key=lambda m: (str(m["date"] or ""), m["id"])),
        "claim_count": 0,
        "has_text": False,
        "file_name": as_str(first(own.get(vocab.FILE_NAME))),
        "sha256": as_str(first(own.get(vocab.SHA256))),
    }


def _claim_counts(store: GraphStore, iris: list[str]) -> dict[str, int]:
    """How many claims each document reports (through ``reportedBy`` or evidence)."""
    state = registry.claims_now(store)
    if state is not None:  # the read model indexes claims by document that way
        return {iri: len(state.claims_of("document", {iri})) for iri in iris}
    rows = select(store, "lookup-document-claim-counts", values={"documents": iris})
    return {text(r["document"]): as_int(r.get("claims")) or 0 for r in rows}


def _with_text(store: GraphStore, iris: list[str]) -> set[str]:
    """The documents of ``iris`` whose text is stored."""
    if isinstance(store, OxigraphStore):  # one index probe each
        has = store.engine.quads_for_pattern
        text_of = ox.NamedNode(_TEXT)
        return {iri for iri in iris
                if next(iter(has(ox.NamedNode(iri), text_of, None)), None) is not None}  # fmt: skip
    return {text(r["document"]) for r in select(store, "lookup-document-has-text",
                                                  values={"documents": iris})}  # fmt: skip


#: A document's text alone, read by one index lookup on Oxigraph.
TEXT_SHAPE = Shape(fields=frozenset({_TEXT}))


def text_of(store: GraphStore, document: URIRef) -> str | None:
    """The document's text, None when none is stored: on Oxigraph one index lookup (the query
    cost a cold document page a quarter of a millisecond to parse and plan), elsewhere one
    query."""
    if isinstance(store, OxigraphStore):
        found = read(store, [str(document)], TEXT_SHAPE).get(str(document), {})
        return as_str(first(found.get(_TEXT)))
    rows = select(store, "lookup-document-text", {"document": document})
    return as_str(first([r["text"] for r in rows if "text" in r]))


def claims_in_reading_order(store: GraphStore, document: URIRef) -> list[dict[str, Any]]:
    """The REST shapes of the claims a document reports, in the order their evidence appears
    in it. With the read model each shape is unpickled once: its evidence gives the order, and
    it is the answer (a page of two dozen claims paid for each twice)."""
    state = registry.claims_now(store)
    starts: dict[str, list[int]] = {}
    shapes: dict[str, dict[str, Any]] = {}
    if state is not None:  # each claim's evidence, with its document and start, is in its shape
        for claim in state.claims_of("document", {str(document)}):
            shape = state.shape(claim)
            if shape is not None:
                shapes[claim] = shape
                starts[claim] = _starts(shape, slug_of(str(document)))
    else:
        for row in select(store, "lookup-document-claims", {"document": document}):
            start = as_int(row.get("start"))
            starts.setdefault(text(row["claim"]), []).extend([] if start is None else [start])
        shapes = claims.details(store, list(starts))
    return [shapes[c] for c in _reading_order(starts) if c in shapes]


def claim_texts_in_reading_order(store: GraphStore, document: URIRef) -> list[bytes] | None:
    """``claims_in_reading_order``'s claims as the JSON texts the read model keeps, for an
    answer to splice in as they are (writing a document's 150 claims again was 40% of its
    request); None without the read model or when one of them is kept pickled."""
    state = registry.claims_now(store)
    if state is None:
        return None
    slug = slug_of(str(document))
    starts: dict[str, list[int]] = {}
    texts: dict[str, bytes] = {}
    for claim in state.claims_of("document", {str(document)}):
        written = state.shape_json(claim)
        if written is None:
            if claim in state.shapes:  # kept pickled
                return None
            continue
        texts[claim] = written
        starts[claim] = _starts(json.loads(written), slug)
    return [texts[c] for c in _reading_order(starts)]


def _starts(shape: dict[str, Any], slug: str) -> list[int]:
    """Where claim ``shape``'s evidence starts in the document of id ``slug``."""
    return [e["start"] for e in shape["evidence"]
            if e["document"]["id"] == slug and e["start"] is not None]  # fmt: skip


def _reading_order(starts: dict[str, list[int]]) -> list[str]:
    """The claims of ``starts`` by their first evidence's place; those without one last."""

    def place(claim: str) -> tuple[bool, int, str]:
        spans = starts[claim]
        return (not spans, min(spans, default=0), slug_of(claim))

    return sorted(starts, key=place)
