"""Topics: the SKOS scheme claims are classified by, with their claims."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query

from api.deps import get_store
from api.models import Topic, TopicDetail
from api.pagination import Page, Paging, page, paging
from api.rest import NOT_FOUND, get_ids, get_index, not_found, path_iri
from api.routers.claims import Sort, claims_page
from graph.lookups import claims, topics
from graph.lookups.ids import Ids
from graph.lookups.labels import LabelIndex
from graph.store import GraphStore

router = APIRouter(tags=["topics"])


@router.get("/topics", response_model=Page[Topic], summary="The topic scheme with claim counts")
def list_topics(
    paged: Paging = Depends(paging),
    store: GraphStore = Depends(get_store),
) -> dict[str, Any]:
    """Every topic, alphabetically, with how many claims are about it (or a narrower topic)."""
    counted = topics.counts(store)
    shown = [iri for iri, _ in paged.slice(counted)]
    found = topics.details(store, shown, dict(counted))
    return page([found[i] for i in shown if i in found], len(counted), paged)


@router.get(
    "/topics/{id}",
    response_model=TopicDetail,
    responses=NOT_FOUND,
    summary="One topic and its claims",
)
def get_topic(
    id: str = Path(description="The topic's slug.", examples=["taiwan"]),
    sort: Sort = Query(
        "-date", description="-date: newest first (default); date: oldest first.", examples=["date"]
    ),
    paged: Paging = Depends(paging),
    store: GraphStore = Depends(get_store),
    ids: Ids = Depends(get_ids),
    index: LabelIndex = Depends(get_index),
) -> dict[str, Any]:
    """The topic, and one page of the claims about it or a narrower topic (`limit`, `offset`)."""
    iri = path_iri(ids, "topic", "topic", id)
    listed = claims_page(store, index, claims.ClaimFilter(topic=iri), paged, sort=sort)
    found = topics.details(store, [str(iri)], {str(iri): listed["total"]}).get(str(iri))
    if found is None:
        raise not_found("topic", id)
    return {**found, "claims": listed}
