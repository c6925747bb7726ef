"""The timeline: an actor's or a topic's engagements and claims in date order."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from api.deps import get_store
from api.models import TimelineEntry
from api.pagination import Page, Paging, page, paging
from api.rest import IsoDate, date_query, get_ids, resolve, slug_query
from graph.lookups import claims, meetings, timeline
from graph.lookups.ids import Ids
from graph.store import GraphStore

router = APIRouter(tags=["timeline"])


@router.get(
    "/timeline", response_model=Page[TimelineEntry], summary="Engagements and claims in date order"
)
def get_timeline(
    actor: str | None = slug_query(
        "Slug of an actor: the engagements it took part in and the claims it made.", "wang-yi"
    ),
    topic: str | None = slug_query(
        "Slug of a topic: claims about it and the engagements where they were made.", "taiwan"
    ),
    since: IsoDate | None = date_query("On or after this ISO date", "2021-01-01"),
    until: IsoDate | None = date_query("On or before this ISO date", "2024-12-31"),
    paged: Paging = Depends(paging),
    store: GraphStore = Depends(get_store),
    ids: Ids = Depends(get_ids),
) -> dict[str, Any]:
    """Oldest first; on one day an engagement comes before the claims made at it. Claims
    without a date are not on the timeline."""
    events = timeline.events(
        store,
        actor=resolve(ids, "actor", actor),
        topic=resolve(ids, "topic", topic),
        since=since,
        until=until,
    )
    shown = list(paged.slice(events))
    found_claims = claims.details(store, [e.iri for e in shown if e.kind == "claim"])
    found_meetings = meetings.details(
        store, [e.iri for e in shown if e.kind == "meeting"], titles=False
    )
    items = []
    for event in shown:
        if event.kind == "claim" and event.iri in found_claims:
            c = found_claims[event.iri]
            items.append(
                {
                    "date": event.date,
                    "kind": "claim",
                    "id": c["id"],
                    "iri": c["iri"],
                    "type": c["type"],
                    "label": c["text"],
                    "meeting": c["meeting"],
                    "claimant": c["claimant"],
                }
            )
        elif event.kind == "meeting" and event.iri in found_meetings:
            m = found_meetings[event.iri]
            items.append(
                {
                    "date": event.date,
                    "kind": "meeting",
                    "id": m["id"],
                    "iri": m["iri"],
                    "type": m["type"],
                    "label": m["label"],
                    "meeting": None,
                    "claimant": None,
                }
            )
    return page(items, len(events), paged)
