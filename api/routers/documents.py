"""Source documents with the claims they report (reading only).

Writing is its own module, ``api/routers/ingest.py`` (POST and DELETE /documents, behind the
token); ``DOCUMENT_ID`` and ``get_document`` are here for any route that needs to name one.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path

from api.deps import get_store
from api.models import Document, DocumentDetail
from api.pagination import Page, Paging, page, paging
from api.rest import (
    NOT_FOUND,
    get_ids,
    get_index,
    not_found,
    path_iri,
    resolve,
    slug_query,
    text_query,
)
from graph.lookups import claims, documents
from graph.lookups.ids import Ids
from graph.lookups.labels import LabelIndex
from graph.store import GraphStore

router = APIRouter(tags=["documents"])

DOCUMENT_ID = Path(
    description="The document's slug.", examples=["2024-04-24-xinhua-mfa-official-briefing"]
)


@router.get("/documents", response_model=Page[Document], summary="Source documents, newest first")
def list_documents(
    q: str | None = text_query("Words of the title (case and accents ignored).", "blinken"),
    meeting: str | None = slug_query(
        "Slug of an engagement the document reports on.", "2021-03-18-anchorage-dialogue"
    ),
    paged: Paging = Depends(paging),
    store: GraphStore = Depends(get_store),
    ids: Ids = Depends(get_ids),
    index: LabelIndex = Depends(get_index),
) -> dict[str, Any]:
    """Readouts, transcripts and articles with their publisher, date and claim count (the text
    itself only in the single-document answer)."""
    iris = [iri for iri, _ in documents.find(store, meeting=resolve(ids, "meeting", meeting))]
    if q is not None:
        hits = index.match(q, kinds={"document"})
        iris = [i for i in iris if i in hits]
    shown = list(paged.slice(iris))
    found = documents.details(store, shown)
    return page([found[i] for i in shown if i in found], len(iris), paged)


def get_document(store: GraphStore, ids: Ids, id: str) -> tuple[Any, dict[str, Any]]:
    """The IRI and list shape of a document, or a 404."""
    iri = path_iri(ids, "document", "document", id)
    found = documents.details(store, [str(iri)]).get(str(iri))
    if found is None:
        raise not_found("document", id)
    return iri, found


@router.get(
    "/documents/{id}",
    response_model=DocumentDetail,
    responses=NOT_FOUND,
    summary="One document: its text and its claims",
)
def read_document(
    id: str = DOCUMENT_ID, store: GraphStore = Depends(get_store), ids: Ids = Depends(get_ids)
) -> dict[str, Any]:
    """The document, its full text and the claims it reports, in reading order."""
    iri, found = get_document(store, ids, id)
    order = documents.claims_in_reading_order(store, iri)
    return {**found, "text": documents.text_of(store, iri), "claims": claims.in_order(store, order)}
