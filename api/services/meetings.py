"""Engagements: the list, one engagement in full, and its claims as each side reports them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from api.json_answer import Written
from api.pagination import Paging
from api.rest import not_found, path_iri, resolve
from api.services.listing import list_page, matching
from graph.lookups import claims, meetings, sides
from graph.lookups.ids import Ids
from graph.lookups.labels import LabelIndex
from graph.lookups.vocab import CLAIM_TYPES
from graph.store import GraphStore


def list_meetings(
    *,
    store: GraphStore,
    ids: Ids,
    index: LabelIndex,
    paged: Paging,
    q: str | None = None,
    participant: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    type: str | None = None,
) -> dict[str, Any]:
    """Oldest first, each with its participants and the titles they held that day."""
    found = meetings.find(
        store, participant=resolve(ids, "actor", participant), type=type, since=since, until=until
    )
    iris = matching([m.iri for m in found], index=index, q=q, kind="meeting")
    return list_page(iris, paged=paged, details=lambda shown: meetings.details(store, shown))


def _meeting(store: GraphStore, ids: Ids, id: str) -> tuple[Any, dict[str, Any]]:
    iri = path_iri(ids, "meeting", "meeting", id)
    found = meetings.details(store, [str(iri)]).get(str(iri))
    if found is None:
        raise not_found("meeting", id)
    return iri, found


def _claims_at(store: GraphStore, iri: Any) -> list[dict[str, Any]]:
    """Every claim made at the engagement or its parts, newest first."""
    matches = claims.sort_matches(claims.find(store, claims.ClaimFilter(meeting=iri)))
    return claims.in_order(store, [m.iri for m in matches])


def get_meeting(*, store: GraphStore, ids: Ids, id: str,
                written: bool = False) -> dict[str, Any]:  # fmt: skip
    """Dates, place, type, participants, the claims made there grouped by type, and the
    documents that report it; or a 404. ``written``: the claims may be the JSON texts the read
    model keeps (``Written``, for ``written_answer``), not dicts."""
    iri, found = _meeting(store, ids, id)
    related, docs = meetings.related(store, iri)
    others = meetings.details(store, related["part"] + related["followed_by"], titles=False)
    brief = lambda i: {k: others[i][k] for k in ("id", "label", "date")}  # noqa: E731
    grouped: dict[str, list] = {kind: [] for kind in CLAIM_TYPES}
    matches = claims.sort_matches(claims.find(store, claims.ClaimFilter(meeting=iri)))
    texts = meetings.claim_texts_by_type(store, [m.iri for m in matches]) if written else None
    if texts is not None:
        for kind, text in texts:
            grouped[kind].append(Written(text))
    else:
        for claim in claims.in_order(store, [m.iri for m in matches]):
            grouped[claim["type"]].append(claim)
    return {
        **found,
        "parts": [brief(i) for i in related["part"] if i in others],
        "followed_by": [brief(i) for i in related["followed_by"] if i in others],
        "claims": grouped,
        "documents": docs,
    }


def get_meeting_sides(*, store: GraphStore, ids: Ids, id: str) -> dict[str, Any]:
    """Every claim of the engagement with each side's quotes, side by side; or a 404."""
    iri, found = _meeting(store, ids, id)
    return sides.compare(found, _claims_at(store, iri))
