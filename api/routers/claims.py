"""Claims: "who committed to what" — /claims, one claim with its history, and the per-type lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from api.deps import get_store
from api.models import Claim, ClaimDetail, ClaimType
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
from graph.lookups import claims
from graph.lookups.ids import Ids, slug_of
from graph.lookups.labels import LabelIndex
from graph.lookups.sparql import is_a
from graph.namespaces import DG
from graph.store import GraphStore

router = APIRouter(tags=["claims"])

Sort = Literal["-date", "date"]


@dataclass(frozen=True)
class ClaimQuery:
    """The filters of every claim list, as the request gave them (slugs, not IRIs)."""

    claimant: str | None = None
    addressee: str | None = None
    include_state: bool = False
    topic: str | None = None
    meeting: str | None = None
    reported_by: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    q: str | None = None
    origin: str | None = None
    sort: Sort = "-date"


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
    sort: Sort = Query(
        "-date",
        description="-date: newest first (default); date: oldest first.",
        examples=["-date"],
    ),
) -> ClaimQuery:
    return ClaimQuery(
        claimant,
        addressee,
        include_state,
        topic,
        meeting,
        reported_by,
        since,
        until,
        q,
        origin,
        sort,
    )


def claim_filter(
    store: GraphStore, ids: Ids, asked: ClaimQuery, type: str | None = None
) -> claims.ClaimFilter:
    """The store-level filter: slugs resolved to IRIs, ``reported_by`` to a side or a document."""
    side = document = None
    if asked.reported_by is not None:
        actor = ids.iri("actor", asked.reported_by)
        if is_a(store, actor, str(DG.State)):
            side = actor
        else:
            document = ids.iri("document", asked.reported_by)
    return claims.ClaimFilter(
        type=type,
        claimant=resolve(ids, "actor", asked.claimant),
        addressee=resolve(ids, "actor", asked.addressee),
        include_state=asked.include_state,
        topic=resolve(ids, "topic", asked.topic),
        meeting=resolve(ids, "meeting", asked.meeting),
        side=side,
        document=document,
        since=asked.since,
        until=asked.until,
        origin=asked.origin,
    )


def claims_page(
    store: GraphStore,
    index: LabelIndex,
    wanted: claims.ClaimFilter,
    paged: Paging,
    q: str | None = None,
    sort: Sort = "-date",
) -> dict[str, Any]:
    """One page of the claims a filter selects: one query to select, one for the page's fields."""
    matches = claims.find(store, wanted)
    if q is not None:
        hits = index.match(q, kinds={"claim"})
        matches = [m for m in matches if m.iri in hits]
    ordered = claims.sort_matches(matches, newest_first=sort == "-date")
    items = claims.in_order(store, [m.iri for m in paged.slice(ordered)])
    return page(items, len(ordered), paged)


def _list(
    type: str | None,
    asked: ClaimQuery,
    paged: Paging,
    store: GraphStore,
    ids: Ids,
    index: LabelIndex,
) -> dict[str, Any]:
    return claims_page(
        store, index, claim_filter(store, ids, asked, type), paged, asked.q, asked.sort
    )


@router.get(
    "/claims", response_model=Page[Claim], summary="Who committed to what: claims by filter"
)
def list_claims(
    type: ClaimType | None = Query(
        None, description="demand, red_line, commitment or consensus.", examples=["red_line"]
    ),
    asked: ClaimQuery = Depends(claim_query),
    paged: Paging = Depends(paging),
    store: GraphStore = Depends(get_store),
    ids: Ids = Depends(get_ids),
    index: LabelIndex = Depends(get_index),
) -> dict[str, Any]:
    """Demands, red lines, commitments and consensus, each with its claimant, addressee, topics,
    meeting, the documents that report it and the exact quotes, newest first."""
    return _list(type, asked, paged, store, ids, index)


def _typed(type: str, path: str, summary: str) -> None:
    """``/commitments``, ``/demands``...: ``/claims?type=…`` under a name of their own."""

    def endpoint(
        asked: ClaimQuery = Depends(claim_query),
        paged: Paging = Depends(paging),
        store: GraphStore = Depends(get_store),
        ids: Ids = Depends(get_ids),
        index: LabelIndex = Depends(get_index),
    ) -> dict[str, Any]:
        return _list(type, asked, paged, store, ids, index)

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
    id: str = Path(
        description="The claim's slug.",
        examples=["2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"],
    ),
    store: GraphStore = Depends(get_store),
    ids: Ids = Depends(get_ids),
) -> dict[str, Any]:
    """The claim, plus `history`: the claims it reiterates and that reiterate it, in date order."""
    iri = path_iri(ids, "claim", "claim", id)
    chain = {**claims.history(store, iri), str(iri): "this"}
    found = claims.details(store, list(chain))
    if str(iri) not in found:
        raise not_found("claim", id)
    history = [
        {
            **{key: other[key] for key in ("id", "type", "text", "date", "claimant", "meeting")},
            "relation": chain[other_iri],
        }
        for other_iri, other in found.items()
    ]
    history.sort(key=lambda h: (h["date"] is None, h["date"] or dt.date.min, slug_of(h["id"])))
    return {**found[str(iri)], "history": history}
