"""Topics: the SKOS scheme claims are classified by, with their claims."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Response

from api.deps import Index, Paged, Store, StoreIds
from api.json_answer import json_answer, written_answer
from api.pagination import Page
from api.rest import NOT_FOUND
from api.schemas.common import ClaimSort
from api.schemas.topics import Topic, TopicDetail
from api.services import topics

router = APIRouter(tags=["topics"])


@router.get("/topics", response_model=Page[Topic], summary="The topic scheme with claim counts")
def list_topics(*, paged: Paged, store: Store) -> Response:
    """Every topic, alphabetically, with how many claims are about it (or a narrower topic)."""
    return json_answer(Page[Topic], topics.list_topics(store=store, paged=paged))


@router.get(
    "/topics/{id}",
    response_model=TopicDetail,
    responses=NOT_FOUND,
    summary="One topic and its claims",
)
def get_topic(
    *,
    id: str = Path(description="The topic's slug.", examples=["taiwan"]),
    sort: ClaimSort = Query(
        "-date", description="-date: newest first (default); date: oldest first.", examples=["date"]
    ),
    paged: Paged,
    store: Store,
    ids: StoreIds,
    index: Index,
) -> Response:
    """The topic, and one page of the claims about it or a narrower topic (`limit`, `offset`)."""
    found = topics.get_topic(store=store, ids=ids, index=index, id=id, paged=paged, sort=sort,
                             written=True)  # fmt: skip
    return written_answer(TopicDetail, found)
