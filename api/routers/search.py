"""One search box across actors, topics, meetings, bundles, documents and claims."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response

from api.deps import Index, Paged
from api.json_answer import json_answer
from api.pagination import Page
from api.rest import MAX_QUERY
from api.schemas.common import SearchKind
from api.schemas.search import SearchHit
from api.services import search as service

router = APIRouter(tags=["search"])


@router.get(
    "/search", response_model=Page[SearchHit], summary="Search every name, title and statement"
)
def search(
    *,
    q: str = Query(
        description="Words to find, in any language; case and accents are ignored.",
        examples=["wang yi"],
        min_length=1,
        max_length=MAX_QUERY,
    ),
    type: SearchKind | None = Query(
        None, description="Only hits of this kind.", examples=["actor"]
    ),
    paged: Paged,
    index: Index,
) -> Response:
    """Best matches first (exact name, then prefix, then the words anywhere); on equal terms
    actors, then topics, meetings, bundles, documents and claims."""
    return json_answer(Page[SearchHit], service.search(index=index, q=q, paged=paged, type=type))
