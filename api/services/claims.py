"""Claims: one page of the claims a filter selects, and one claim with its history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from api.json_answer import Written
from api.pagination import Paging, page
from api.rest import not_found, path_iri, resolve
from api.schemas.common import ClaimSort
from graph.lookups import claims
from graph.lookups.ids import Ids, slug_of
from graph.lookups.labels import LabelIndex
from graph.lookups.sparql import is_a
from graph.namespaces import DG
from graph.store import GraphStore

#: Most claims a search text may match and still drive the claims query (a list of IRIs in the
#: query text); a text matching more is checked after the filters have selected, as before.
AMONG_MAX = 5_000


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
    sort: ClaimSort = "-date"


def claim_filter(
    *, store: GraphStore, ids: Ids, asked: ClaimQuery, type: str | None = None
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
    *,
    store: GraphStore,
    index: LabelIndex,
    wanted: claims.ClaimFilter,
    paged: Paging,
    q: str | None = None,
    sort: ClaimSort = "-date",
    written: bool = False,
) -> dict[str, Any]:
    """One page of the claims a filter selects: one query to select, one for the page's fields.

    A search text's hits are matched once; the read model pages them however many there are,
    the query takes them as a VALUES list when they are few (else it selects by the other
    filters and the hits are kept of its answer). ``written``: the items may be the claims'
    JSON texts as the read model keeps them (``Written``, for ``written_answer``), not dicts."""
    newest, start, stop = sort == "-date", paged.offset, paged.offset + paged.limit
    # a search text, no other filter but dates: from the read model's word lists
    paged_now = None if q is None else claims.search_page(store, q, wanted, newest, start, stop,
                                                          index.holding)  # fmt: skip
    hits = None
    if paged_now is None:
        hits = None if q is None else index.matching(q, kinds={"claim"})
        among = wanted if hits is None else replace(wanted, among=frozenset(hits))
        paged_now = claims.page(store, among, newest, start, stop)
    if paged_now is not None:  # the read model pages it, when there is one
        total, iris = paged_now
        texts = claims.texts_in_order(store, iris) if written else None
        if texts is not None:
            return page(list(map(Written, texts)), total, paged)
        return page(claims.in_order(store, iris), total, paged)
    if hits is not None and len(hits) <= AMONG_MAX:
        wanted = among
    found = claims.find(store, wanted)
    matches = found if hits is None else [m for m in found if m.iri in hits]
    ordered = claims.sort_matches(matches, newest_first=sort == "-date")
    items = claims.in_order(store, [m.iri for m in paged.slice(ordered)])
    return page(items, len(ordered), paged)


def list_claims(
    *,
    store: GraphStore,
    ids: Ids,
    index: LabelIndex,
    paged: Paging,
    asked: ClaimQuery,
    type: str | None = None,
    written: bool = False,
) -> dict[str, Any]:
    """The claims the request's filters select (slugs resolved), one page of them
    (``written``: as ``claims_page``)."""
    wanted = claim_filter(store=store, ids=ids, asked=asked, type=type)
    return claims_page(store=store, index=index, wanted=wanted, paged=paged, q=asked.q,
                       sort=asked.sort, written=written)  # fmt: skip


def get_claim(*, store: GraphStore, ids: Ids, id: str) -> dict[str, Any]:
    """The claim, plus ``history``: the claims it reiterates and that reiterate it, in date
    order; or a 404."""
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
