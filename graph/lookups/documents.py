"""Source documents: readouts, transcripts and articles, with the claims they report.

Reading only; ingesting a document (POST/DELETE /documents) lives beside this in its own module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rdflib import URIRef

from graph.lookups import vocab
from graph.lookups.ids import slug_of
from graph.lookups.refs import label_of, meeting_ref, ref
from graph.lookups.sparql import (
    as_date,
    as_int,
    as_str,
    best_text,
    first,
    node_fields,
    select,
    text,
)
from graph.namespaces import DG
from graph.store import GraphStore

_DOCUMENT = str(DG.SourceDocument)
_CLAIM_COUNT = "claimCount"
_HAS_TEXT = "hasText"


def find(store: GraphStore, meeting: URIRef | None = None) -> list[tuple[str, dt.date | None]]:
    """Documents (reporting on ``meeting`` if given), newest first, undated last, ties by id."""
    bindings = {"meeting": meeting} if meeting is not None else {}
    found: dict[str, dt.date | None] = {}
    for row in select(store, "lookup-documents", bindings, list(bindings)):
        found[text(row["document"])] = as_date(row.get("date"))
    ordered = sorted(found.items(), key=lambda item: slug_of(item[0]))
    ordered.sort(key=lambda item: item[1] or dt.date.min, reverse=True)
    return [item for item in ordered if item[1]] + [item for item in ordered if not item[1]]


def details(store: GraphStore, iris: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The REST shape of each document of ``iris`` that exists, without its text."""
    iris = [str(i) for i in iris]  # rdflib terms never equal the plain strings we key by
    fields = node_fields(select(store, "lookup-document-details", values={"documents": iris}))
    out: dict[str, dict[str, Any]] = {}
    for iri in iris:
        own = fields.get(iri, {})
        if _DOCUMENT not in [text(t) for t in own.get(vocab.TYPE, [])]:
            continue
        reports_on = [meeting_ref(fields, m) for m in own.get(vocab.REPORTS_ON, [])]
        out[iri] = {
            "id": slug_of(iri),
            "iri": iri,
            "title": label_of(fields, iri),
            "publisher": as_str(first(own.get(vocab.PUBLISHER_NAME))),
            "publisher_actor": ref(fields, first(own.get(vocab.PUBLISHER))),
            "date": as_date(first(own.get(vocab.DATE))),
            "url": as_str(first(own.get(vocab.URL))),
            "languages": sorted(as_str(v) or "" for v in own.get(vocab.LANGUAGE, [])),
            "description": best_text(own.get(vocab.COMMENT, [])),
            "reports_on": sorted(reports_on, key=lambda m: (str(m["date"] or ""), m["id"])),
            "claim_count": as_int(first(own.get(_CLAIM_COUNT))) or 0,
            "has_text": bool(own.get(_HAS_TEXT)),
            "file_name": as_str(first(own.get(vocab.FILE_NAME))),
            "sha256": as_str(first(own.get(vocab.SHA256))),
        }
    return out


def text_of(store: GraphStore, document: URIRef) -> str | None:
    rows = select(store, "lookup-document-text", {"document": document})
    return as_str(first([r["text"] for r in rows if "text" in r]))


def claims_in_reading_order(store: GraphStore, document: URIRef) -> list[str]:
    """IRIs of the claims a document reports, in the order their evidence appears in it."""
    starts: dict[str, list[int]] = {}
    for row in select(store, "lookup-document-claims", {"document": document}):
        start = as_int(row.get("start"))
        starts.setdefault(text(row["claim"]), []).extend([] if start is None else [start])

    def place(claim: str) -> tuple[bool, int, str]:
        spans = starts[claim]
        return (not spans, min(spans, default=0), slug_of(claim))

    return sorted(starts, key=place)
