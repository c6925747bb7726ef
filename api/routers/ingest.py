"""Ingesting documents over HTTP: POST /documents and DELETE /documents/{id}.

The reading routes are in ``documents``; these write, so they need a bearer token: a reviewer's
to ingest, an editor's to delete. A POST
runs the extraction pipeline, validates the result against the shapes with the rest of the
store, and writes the document and its claims into a named graph of their own in one
transaction: 201 with the claims, 422 with the SHACL report (nothing written), 409 when the same
text is already stored or the store holds no knowledge base to link names to (its claims would
be lost: ``diplograph load`` first).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.deps import Store, require_editor, require_reviewer
from api.faults import WRITE_FAULTS
from api.schemas.common import ErrorMessage
from api.schemas.ingest import ClaimOut, Ingested, Refusal
from api.services.writes import server_timing
from api.threads import in_write_thread
from graph.extract.ingest import (
    DuplicateDocument,
    IngestError,
    NoKnowledgeBase,
    SlugTaken,
    StillReferenced,
    UnknownDocument,
)
from graph.extract.ingest import delete_document as remove
from graph.extract.ingest import ingest as run_ingest
from graph.extract.pipeline import DocumentMeta
from graph.shacl.validate import ValidationResult, format_report
from graph.store import GraphStore
from graph.write.files import ValidationFailed

router = APIRouter(tags=["documents"])

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: Largest text accepted (characters): a long transcript is a few hundred thousand.
MAX_TEXT = 2_000_000
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
#: The refusals of a token both write routes document (as ``audit.TOKEN_NEEDED``).
TOKEN_NEEDED: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorMessage, "description": "No or wrong bearer token."},
    403: {"model": ErrorMessage, "description": "Writes are disabled on this server, or "
          "the token's role is too weak."},
}


class DocumentIn(BaseModel):
    """A document to ingest: its text exactly as published, and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT, description="The full text, as is.")
    title: str | None = Field(None, min_length=1, max_length=500)
    date: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD.")
    publisher: str | None = Field(None, min_length=1, max_length=300)
    url: str | None = Field(None, max_length=2000, description="http(s) address, never fetched.")
    slug: str | None = Field(None, max_length=200, pattern=SLUG, description="The id to use.")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is blank")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            raise ValueError("expected an http(s) URL without spaces")
        return value


def _refusal(status: int, detail: str, result: ValidationResult | None = None) -> JSONResponse:
    body: dict[str, Any] = {"detail": detail}
    if result is not None:
        body["violations"] = format_report(result).splitlines()
        body["report"] = result.report_text
    return JSONResponse(status_code=status, content=body)


@router.post(
    "/documents",
    status_code=201,
    response_model=Ingested,
    dependencies=[Depends(require_reviewer)],
    responses={
        **TOKEN_NEEDED,
        409: {"model": ErrorMessage, "description": "The same text is already stored, or the "
              "store holds no knowledge base (no actors: run `diplograph load` first)."},
        422: {"model": Refusal, "description": "Bad input, or the result breaks a shape."},
        **WRITE_FAULTS,
    },
    summary="Ingest a document: extract its claims, validate, store",
)
async def post_document(
    body: DocumentIn, response: Response, store: Store
) -> Any:
    """Run the extraction pipeline on the text and store the document with its claims (origin
    "extracted", review status "proposed") in a graph of their own, all or nothing."""
    return await in_write_thread(_post, body, response, store)


def _post(body: DocumentIn, response: Response, store: GraphStore) -> Any:
    meta = DocumentMeta(
        title=body.title, date=body.date, publisher=body.publisher, url=body.url, slug=body.slug
    )
    try:
        done = run_ingest(store, body.text, meta)
    except (DuplicateDocument, SlugTaken, NoKnowledgeBase) as exc:
        return _refusal(409, str(exc))
    except IngestError as exc:
        return _refusal(422, str(exc))
    except ValidationFailed as exc:
        return _refusal(422, f"the extracted data breaks the shapes: {exc}", exc.result)
    extraction = done.extraction
    response.headers["Location"] = f"/documents/{extraction.slug}"
    response.headers["Server-Timing"] = server_timing(done.timings)
    return Ingested(
        id=extraction.slug,
        iri=extraction.iri,
        graph=done.graph,
        sha256=extraction.sha256,
        claims=[ClaimOut(**{k: r[k] for k in ClaimOut.model_fields}) for r in extraction.claims],
    )


@router.delete(
    "/documents/{id}",
    status_code=204,
    dependencies=[Depends(require_editor)],
    responses={
        **TOKEN_NEEDED,
        404: {"model": ErrorMessage, "description": "No ingested document has this id."},
        409: {"model": Refusal, "description": "Other data still refers to its claims."},
    },
    summary="Remove an ingested document and its claims",
)
async def delete_document(
    *,
    id: str = Path(max_length=200, pattern=SLUG, description="The document's slug."),
    store: Store,
) -> Response:
    """Drop the document's named graph (curated documents are not removed this way)."""
    try:
        await in_write_thread(remove, store, id)
    except UnknownDocument as exc:
        raise HTTPException(404, str(exc)) from exc
    except StillReferenced as exc:
        return _refusal(409, str(exc), exc.result)
    return Response(status_code=204)


#: Every method each path answers, GET routes (in ``documents``) included: Starlette would
#: otherwise name only the methods of the first route whose path matched.
_ALLOW = {"collection": "GET, POST, OPTIONS", "item": "GET, DELETE, OPTIONS"}


def _allow(request: Request, which: str) -> Response:
    status = 204 if request.method == "OPTIONS" else 405
    return Response(status_code=status, headers={"Allow": _ALLOW[which]})


@router.api_route(
    "/documents", methods=["OPTIONS", "HEAD", "PUT", "PATCH", "DELETE"], include_in_schema=False
)
def documents_methods(request: Request) -> Response:
    return _allow(request, "collection")


@router.api_route(
    "/documents/{id}", methods=["OPTIONS", "HEAD", "PUT", "PATCH", "POST"], include_in_schema=False
)
def document_methods(request: Request, id: str) -> Response:
    return _allow(request, "item")
