"""The timeline: an actor's or a topic's engagements and claims in date order."""

from __future__ import annotations

import datetime as dt
from typing import Any

from api.pagination import Paging, page
from api.rest import resolve
from graph.lookups import claims, meetings, timeline
from graph.lookups.ids import Ids
from graph.store import GraphStore


def get_timeline(
    *,
    store: GraphStore,
    ids: Ids,
    paged: Paging,
    actor: str | None = None,
    topic: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> dict[str, Any]:
    """Oldest first; on one day an engagement comes before the claims made at it. Claims
    without a date are not on the timeline."""
    total, shown = timeline.page(
        store,
        paged.offset,
        paged.offset + paged.limit,
        actor=resolve(ids, "actor", actor),
        topic=resolve(ids, "topic", topic),
        since=since,
        until=until,
    )
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
    return page(items, total, paged)
