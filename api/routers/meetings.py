"""Engagements: who met whom, when and where; what was claimed there; how each side reports it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query

from api.deps import get_store
from api.models import Meeting, MeetingDetail, MeetingSides, MeetingType
from api.pagination import Page, Paging, page, paging
from api.rest import (
    NOT_FOUND,
    IsoDate,
    date_query,
    get_ids,
    get_index,
    not_found,
    path_iri,
    resolve,
    slug_query,
    text_query,
)
from graph.lookups import claims, documents, meetings, sides
from graph.lookups.ids import Ids
from graph.lookups.labels import LabelIndex
from graph.lookups.vocab import CLAIM_TYPES
from graph.store import GraphStore

router = APIRouter(tags=["meetings"])

_ID = Path(description="The engagement's slug.", examples=["2021-03-18-anchorage-dialogue"])


@router.get(
    "/meetings", response_model=Page[Meeting], summary="Engagements by participant, date and type"
)
def list_meetings(
    q: str | None = text_query(
        "Words of the engagement's name (case and accents ignored).", "anchorage"
    ),
    participant: str | None = slug_query(
        "Slug of a participant (a person) or a side (a state).", "wang-yi"
    ),
    since: IsoDate | None = date_query("Ends on or after this ISO date", "2023-01-01"),
    until: IsoDate | None = date_query("Starts on or before this ISO date", "2023-12-31"),
    type: MeetingType | None = Query(
        None, description="The kind of engagement.", examples=["call"]
    ),
    paged: Paging = Depends(paging),
    store: GraphStore = Depends(get_store),
    ids: Ids = Depends(get_ids),
    index: LabelIndex = Depends(get_index),
) -> dict[str, Any]:
    """Summits, calls, dialogues, meetings, visits and briefings, oldest first, each with its
    participants and the titles they held that day."""
    matches = meetings.find(
        store, participant=resolve(ids, "actor", participant), type=type, since=since, until=until
    )
    iris = [m.iri for m in matches]
    if q is not None:
        hits = index.match(q, kinds={"meeting"})
        iris = [i for i in iris if i in hits]
    shown = list(paged.slice(iris))
    found = meetings.details(store, shown)
    return page([found[i] for i in shown if i in found], len(iris), paged)


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


@router.get(
    "/meetings/{id}",
    response_model=MeetingDetail,
    responses=NOT_FOUND,
    summary="One engagement in full",
)
def get_meeting(
    id: str = _ID, store: GraphStore = Depends(get_store), ids: Ids = Depends(get_ids)
) -> dict[str, Any]:
    """Dates, place, type, participants with the title each held that day, the claims made there
    grouped by type, and the documents that report it."""
    iri, found = _meeting(store, ids, id)
    related = meetings.links(store, iri)
    others = meetings.details(store, related["part"] + related["followed_by"], titles=False)
    brief = lambda i: {k: others[i][k] for k in ("id", "label", "date")}  # noqa: E731
    grouped: dict[str, list] = {kind: [] for kind in CLAIM_TYPES}
    for claim in _claims_at(store, iri):
        grouped[claim["type"]].append(claim)
    docs = documents.details(store, related["document"])
    return {
        **found,
        "parts": [brief(i) for i in related["part"] if i in others],
        "followed_by": [brief(i) for i in related["followed_by"] if i in others],
        "claims": grouped,
        "documents": [
            {k: d[k] for k in ("id", "title", "publisher", "url")}
            for d in sorted(docs.values(), key=lambda d: (str(d["date"] or ""), d["id"]))
        ],
    }


@router.get(
    "/meetings/{id}/sides",
    response_model=MeetingSides,
    responses=NOT_FOUND,
    summary="The engagement's claims as each side reports them",
)
def get_meeting_sides(
    id: str = _ID, store: GraphStore = Depends(get_store), ids: Ids = Depends(get_ids)
) -> dict[str, Any]:
    """Every claim of the engagement with the quotes of each side's documents (the reporting side
    of the evidence), side by side, and which claims only one side reports."""
    iri, found = _meeting(store, ids, id)
    return sides.compare(found, _claims_at(store, iri))
