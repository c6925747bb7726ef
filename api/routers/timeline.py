"""The timeline: an actor's or a topic's engagements and claims in date order."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import Paged, Store, StoreIds
from api.json_answer import json_answer
from api.pagination import Page
from api.rest import IsoDate, date_query, slug_query
from api.schemas.timeline import TimelineEntry
from api.services import timeline

router = APIRouter(tags=["timeline"])


@router.get(
    "/timeline", response_model=Page[TimelineEntry], summary="Engagements and claims in date order"
)
def get_timeline(
    *,
    actor: str | None = slug_query(
        "Slug of an actor: the engagements it took part in and the claims it made.", "wang-yi"
    ),
    topic: str | None = slug_query(
        "Slug of a topic: claims about it and the engagements where they were made.", "taiwan"
    ),
    since: IsoDate | None = date_query("On or after this ISO date", "2021-01-01"),
    until: IsoDate | None = date_query("On or before this ISO date", "2024-12-31"),
    paged: Paged,
    store: Store,
    ids: StoreIds,
) -> Response:
    """Oldest first; on one day an engagement comes before the claims made at it. Claims
    without a date are not on the timeline."""
    return json_answer(Page[TimelineEntry], timeline.get_timeline(
        store=store, ids=ids, paged=paged, actor=actor, topic=topic, since=since, until=until
    ))
