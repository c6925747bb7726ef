"""Engagements: who met whom, when and where; what was claimed there; how each side reports it."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Response

from api.deps import Index, Paged, Store, StoreIds
from api.json_answer import json_answer, written_answer
from api.pagination import Page
from api.rest import NOT_FOUND, IsoDate, date_query, slug_query, text_query
from api.schemas.common import MeetingType
from api.schemas.meetings import Meeting, MeetingDetail, MeetingSides
from api.services import meetings

router = APIRouter(tags=["meetings"])

_ID = Path(description="The engagement's slug.", examples=["2021-03-18-anchorage-dialogue"])


@router.get(
    "/meetings", response_model=Page[Meeting], summary="Engagements by participant, date and type"
)
def list_meetings(
    *,
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
    paged: Paged,
    store: Store,
    ids: StoreIds,
    index: Index,
) -> Response:
    """Summits, calls, dialogues, meetings, visits and briefings, oldest first, each with its
    participants and the titles they held that day."""
    return json_answer(Page[Meeting], meetings.list_meetings(
        store=store,
        ids=ids,
        index=index,
        paged=paged,
        q=q,
        participant=participant,
        since=since,
        until=until,
        type=type,
    ))


@router.get(
    "/meetings/{id}",
    response_model=MeetingDetail,
    responses=NOT_FOUND,
    summary="One engagement in full",
)
def get_meeting(*, id: str = _ID, store: Store, ids: StoreIds) -> Response:
    """Dates, place, type, participants with the title each held that day, the claims made there
    grouped by type, and the documents that report it."""
    return written_answer(MeetingDetail,
                          meetings.get_meeting(store=store, ids=ids, id=id, written=True))


@router.get(
    "/meetings/{id}/sides",
    response_model=MeetingSides,
    responses=NOT_FOUND,
    summary="The engagement's claims as each side reports them",
)
def get_meeting_sides(*, id: str = _ID, store: Store, ids: StoreIds) -> Response:
    """Every claim of the engagement with the quotes of each side's documents (the reporting side
    of the evidence), side by side, and which claims only one side reports."""
    return json_answer(MeetingSides, meetings.get_meeting_sides(store=store, ids=ids, id=id))
