"""The commitment ledger: what became of each commitment, demand and red line, over time."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from api.deps import Paged, Store, StoreIds
from api.pagination import Page
from api.rest import NOT_FOUND, IsoDate, date_query, slug_query
from api.schemas.ledger import (
    BIDEN_BUNDLE,
    TAIWAN_COMMITMENT,
    BundleLedger,
    ClaimLedger,
    StatusEvent,
    StatusKind,
)
from api.services import ledger
from api.services.ledger import LedgerQuery

router = APIRouter(tags=["ledger"])

#: The ``as_of`` parameter of both ledgers (one object, as ``rest.ViewPath``): the two say the
#: same of it, so it is declared once.
AsOfQuery = date_query(
    "The day the ledger stands at: events after it are left out and the status is derived "
    "as of it; today when absent",
    "2024-04-26",
)


async def ledger_query(
    claimant: str | None = slug_query(
        "Slug of the actor who made the claims the events concern (directly, as the member "
        "named, or through a bundle the event is about as a whole).",
        "joe-biden",
    ),
    kind: StatusKind | None = Query(
        None,
        description=(
            "reaffirmed, implemented, accused_of_breach, disputed, superseded, withdrawn or moot."
        ),
        examples=["accused_of_breach"],
    ),
    since: IsoDate | None = date_query("Asserted on or after this ISO date", "2024-01-01"),
    until: IsoDate | None = date_query("Asserted on or before this ISO date", "2024-04-30"),
    topic: str | None = slug_query(
        "Slug of a topic of the claims the events concern; narrower topics count too.", "taiwan"
    ),
    asserted_by: str | None = slug_query(
        "Slug of the actor who asserts the event.",
        "mfa-senior-official-north-american-affairs-2024",
    ),
    origin: Literal["curated", "extracted"] | None = Query(
        None, description="curated or extracted.", examples=["curated"]
    ),
) -> LedgerQuery:
    return LedgerQuery(
        claimant=claimant,
        kind=kind,
        since=since,
        until=until,
        topic=topic,
        asserted_by=asserted_by,
        origin=origin,
    )


@router.get(
    "/ledger",
    response_model=Page[StatusEvent],
    summary="Status events: what became of commitments, demands and red lines",
)
def list_ledger(
    *, asked: LedgerQuery = Depends(ledger_query), paged: Paged, store: Store, ids: StoreIds
) -> dict[str, Any]:
    """Every status event (reaffirmed, implemented, accused of breach...), newest first, each
    with its target, who asserts it, the day and the exact quotes. Example:
    `/ledger?claimant=joe-biden&kind=accused_of_breach` lists when the Chinese side said
    President Biden's commitments were not honoured."""
    return ledger.list_ledger(store=store, ids=ids, paged=paged, asked=asked)


@router.get(
    "/claims/{id}/ledger",
    response_model=ClaimLedger,
    responses=NOT_FOUND,
    summary="What became of one claim: restatements, status events and its status as of a day",
)
def claim_ledger(
    *,
    id: str = Path(description="The claim's slug.", examples=[TAIWAN_COMMITMENT]),
    as_of: IsoDate | None = AsOfQuery,
    store: Store,
    ids: StoreIds,
) -> dict[str, Any]:
    """The claim, its restatements and the status events that concern it (about it, naming it
    as a bundle member, or about a bundle holding it), each with evidence, in date order; and
    its status derived as of `as_of`: the kind of the latest event by then."""
    return ledger.claim_ledger(store=store, ids=ids, id=id, as_of=as_of)


@router.get(
    "/bundles/{id}/ledger",
    response_model=BundleLedger,
    responses=NOT_FOUND,
    summary="What became of a bundle and of each member, as of a day",
)
def bundle_ledger(
    *,
    id: str = Path(description="The bundle's slug.", examples=[BIDEN_BUNDLE]),
    as_of: IsoDate | None = AsOfQuery,
    store: Store,
    ids: StoreIds,
) -> dict[str, Any]:
    """The bundle, the status events about it (or about a bundle holding it) in date order, its
    status as a whole, and each member's status as of `as_of` (`/bundles/two-lists/ledger?as_of=
    2024-04-26`: the two lists, item by item)."""
    return ledger.bundle_ledger(store=store, ids=ids, id=id, as_of=as_of)
