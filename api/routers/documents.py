"""Source documents with the claims they report (reading only).

Writing is its own module, ``api/routers/ingest.py`` (POST and DELETE /documents, behind the
token).
"""

from __future__ import annotations

from fastapi import APIRouter, Path, Response

from api.deps import Index, Paged, Store, StoreIds
from api.json_answer import json_answer, written_answer
from api.pagination import Page
from api.rest import NOT_FOUND, slug_query, text_query
from api.schemas.documents import Document, DocumentDetail
from api.services import documents

router = APIRouter(tags=["documents"])

DOCUMENT_ID = Path(
    description="The document's slug.", examples=["2024-04-24-xinhua-mfa-official-briefing"]
)


@router.get("/documents", response_model=Page[Document], summary="Source documents, newest first")
def list_documents(
    *,
    q: str | None = text_query("Words of the title (case and accents ignored).", "blinken"),
    meeting: str | None = slug_query(
        "Slug of an engagement the document reports on.", "2021-03-18-anchorage-dialogue"
    ),
    paged: Paged,
    store: Store,
    ids: StoreIds,
    index: Index,
) -> Response:
    """Readouts, transcripts and articles with their publisher, date and claim count (the text
    itself only in the single-document answer)."""
    return json_answer(Page[Document], documents.list_documents(
        store=store, ids=ids, index=index, paged=paged, q=q, meeting=meeting
    ))


@router.get(
    "/documents/{id}",
    response_model=DocumentDetail,
    responses=NOT_FOUND,
    summary="One document: its text and its claims",
)
def read_document(*, id: str = DOCUMENT_ID, store: Store, ids: StoreIds) -> Response:
    """The document, its full text and the claims it reports, in reading order."""
    return written_answer(DocumentDetail,
                          documents.get_document_written(store=store, ids=ids, id=id))
