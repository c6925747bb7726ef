"""Claims: "who committed to what" — /claims, one claim with its history, and the per-type lists."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Response

from api.deps import Index, Paged, Store, StoreIds
from api.json_answer import json_answer, written_answer
from api.pagination import Page
from api.rest import NOT_FOUND, IsoDate, date_query, slug_query, text_query
from api.schemas.claims import Claim, ClaimDetail
from api.schemas.common import ClaimSort, ClaimType
from api.services import claims
from api.services.claims import ClaimQuery

router = APIRouter(tags=["claims"])


async def claim_query(
    claimant: str | None = slug_query("Slug of the actor who made the claim.", "wang-yi"),
    addressee: str | None = slug_query("Slug of the actor it was addressed to.", "united-states"),
    include_state: bool = Query(
        False,
        examples=[True],
        description="Also match claims by (or to) the state the claimant (addressee) speaks for.",
    ),
    topic: str | None = slug_query(
        "Slug of a topic; claims about a narrower topic count too.", "taiwan"
    ),
    meeting: str | None = slug_query(
        "Slug of the engagement (or a visit: its meetings count too).",
        "2023-06-19-wang-yi-blinken-meeting",
    ),
    reported_by: str | None = slug_query(
        "Slug of a state (claims its side's documents report) or of a document.", "china"
    ),
    since: IsoDate | None = date_query("Made on or after this ISO date", "2024-04-01"),
    until: IsoDate | None = date_query("Made on or before this ISO date", "2024-04-30"),
    q: str | None = text_query(
        "Words the statement or a quote contains (case and accents ignored).", "china threat"
    ),
    origin: Literal["curated", "extracted"] | None = Query(
        None, description="curated or extracted.", examples=["curated"]
    ),
    sort: ClaimSort = Query(
        "-date",
        description="-date: newest first (default); date: oldest first.",
        examples=["-date"],
    ),
) -> ClaimQuery:
    return ClaimQuery(
        claimant=claimant,
        addressee=addressee,
        include_state=include_state,
        topic=topic,
        meeting=meeting,
        reported_by=reported_by,
        since=since,
        until=until,
        q=q,
        origin=origin,
        sort=sort,
    )


@router.get(
    "/claims", response_model=Page[Claim], summary="Who committed to what: claims by filter"
)
def list_claims(
    *,
    type: ClaimType | None = Query(
        None, description="demand, red_line, commitment or consensus.", examples=["red_line"]
    ),
    asked: ClaimQuery = Depends(claim_query),
    paged: Paged,
    store: Store,
    ids: StoreIds,
    index: Index,
) -> Response:
    """Demands, red lines, commitments and consensus, each with its claimant, addressee, topics,
    meeting, the documents that report it and the exact quotes, newest first."""
    return written_answer(Page[Claim], claims.list_claims(
        store=store, ids=ids, index=index, paged=paged, asked=asked, type=type, written=True
    ))


def _typed(type: str, path: str, summary: str) -> None:
    """``/commitments``, ``/demands``...: ``/claims?type=…`` under a name of their own."""

    def endpoint(
        *,
        asked: ClaimQuery = Depends(claim_query),
        paged: Paged,
        store: Store,
        ids: StoreIds,
        index: Index,
    ) -> Response:
        return written_answer(Page[Claim], claims.list_claims(
            store=store, ids=ids, index=index, paged=paged, asked=asked, type=type, written=True
        ))

    endpoint.__doc__ = f"The same as `/claims?type={type}`."
    router.add_api_route(
        path,
        endpoint,
        methods=["GET"],
        response_model=Page[Claim],
        summary=summary,
        name=f"list_{type}",
        operation_id=f"list_{type}",
    )


_typed("commitment", "/commitments", "Commitments: the claimant's own pledges")
_typed("demand", "/demands", "Demands: what the claimant asks of the other side")
_typed("red_line", "/red-lines", "Red lines: limits the claimant will not negotiate")
_typed("consensus", "/consensus", "Consensus: outcomes both sides agreed")


@router.get(
    "/claims/{id}",
    response_model=ClaimDetail,
    responses=NOT_FOUND,
    summary="One claim, with its reiteration history",
)
def get_claim(
    *,
    id: str = Path(
        description="The claim's slug.",
        examples=["2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"],
    ),
    store: Store,
    ids: StoreIds,
) -> Response:
    """The claim, plus `history`: the claims it reiterates and that reiterate it, in date order."""
    return json_answer(ClaimDetail, claims.get_claim(store=store, ids=ids, id=id))
