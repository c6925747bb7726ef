"""The commitment ledger: one claim's or one bundle's story, and the list of status events.

A claim's ledger is the claim, its restatements and the status events that concern it, each up
to ``as_of``, with the status derived from those events as of that day (never stored). A
bundle's ledger adds each member's status, so "the two lists as of a day" is one request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from api import rest
from api.pagination import Paging, page
from api.rest import not_found, path_iri, resolve
from api.services.bundles import collect
from graph.lookups import claims, ledger
from graph.lookups.ids import Ids, slug_of
from graph.store import GraphStore


@dataclass(frozen=True)
class LedgerQuery:
    """The filters of /ledger, as the request gave them (slugs, not IRIs)."""

    claimant: str | None = None
    kind: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    topic: str | None = None
    asserted_by: str | None = None
    origin: str | None = None


def list_ledger(
    *, store: GraphStore, ids: Ids, paged: Paging, asked: LedgerQuery
) -> dict[str, Any]:
    """One page of the status events the filters select, newest first."""
    wanted = ledger.LedgerFilter(
        kind=asked.kind,
        claimant=resolve(ids, "actor", asked.claimant),
        asserted_by=resolve(ids, "actor", asked.asserted_by),
        topic=resolve(ids, "topic", asked.topic),
        origin=asked.origin,
        since=asked.since,
        until=asked.until,
    )
    found = ledger.find(store, wanted)
    items = ledger.in_order(store, [m.iri for m in paged.slice(found)])
    return page(items, len(found), paged)


def claim_ledger(*, store: GraphStore, ids: Ids, id: str, as_of: dt.date | None) -> dict[str, Any]:
    """The claim, its restatements and its status events up to ``as_of`` (default today), in
    date order, and its status as of that day; or a 404."""
    day = as_of or rest.today()
    claim = path_iri(ids, "claim", "claim", id)
    iri = str(claim)
    chain = claims.history(store, claim)
    found = claims.details(store, [iri, *chain])
    if iri not in found:
        raise not_found("claim", id)
    restatements = [
        {**found[other], "relation": relation}
        for other, relation in chain.items()
        if other in found and _stated_by(found[other], day)
    ]
    restatements.sort(key=_claim_order)
    events = _events(store, iri, day)
    return {
        "claim": found[iri],
        "as_of": day,
        "status": ledger.derive(events, day),
        "restatements": restatements,
        "events": events,
    }


def bundle_ledger(*, store: GraphStore, ids: Ids, id: str, as_of: dt.date | None) -> dict[str, Any]:
    """The bundle, the status events about it (or about the bundles holding it) up to ``as_of``,
    its status as a whole, and each member's status as of that day, members in order (those of
    sub-bundles after their sub-bundle); or a 404."""
    day = as_of or rest.today()
    iri = str(path_iri(ids, "bundle", "bundle", id))
    tree = collect(store, [iri])
    if iri not in tree:
        raise not_found("bundle", id)
    members = list(_walk(tree, iri, depth=0))
    concern = ledger.concerning(store, [iri, *(m["iri"] for m in members)])
    every = {e for by_event in concern.values() for e in by_event}
    shown = ledger.details(store, sorted(every))
    events = _dated(shown, concern[iri], day)
    member_status = []
    for member in members:
        mine = _dated(shown, concern[member["iri"]], day)
        member_status.append({**member, "status": ledger.derive(mine, day)})
    return {
        "bundle": tree[iri],
        "as_of": day,
        "status": ledger.derive(events, day),
        "events": events,
        "members": member_status,
    }


def _events(store: GraphStore, subject: str, day: dt.date) -> list[dict[str, Any]]:
    concern = ledger.concerning(store, [subject])[subject]
    return _dated(ledger.details(store, list(concern)), concern, day)


def _dated(
    shown: dict[str, dict[str, Any]], concern: dict[str, str], day: dt.date
) -> list[dict[str, Any]]:
    """The events of ``concern`` dated on or before ``day``, each with how it concerns the
    subject, in date order (ties by id)."""
    events = [
        {**shown[iri], "via": via}
        for iri, via in concern.items()
        if iri in shown and shown[iri]["date"] is not None and shown[iri]["date"] <= day
    ]
    events.sort(key=lambda e: (e["date"], e["id"]))
    return events


def _walk(tree: dict[str, Any], bundle: str, depth: int) -> Any:
    """The members under ``bundle`` in order, each sub-bundle followed by its own members."""
    for member in tree[bundle]["members"]:
        yield {
            "bundle": slug_of(bundle),
            "position": member["position"],
            "kind": member["kind"],
            "id": member["id"],
            "iri": member["iri"],
            "label": member["label"],
            "depth": depth,
        }
        if member["kind"] == "bundle" and member["iri"] in tree and depth < 4:
            yield from _walk(tree, member["iri"], depth + 1)


def _stated_by(claim: dict[str, Any], day: dt.date) -> bool:
    """Whether a restatement was made by ``day`` (an undated one: by its latest possible day)."""
    when = claim.get("date") or claim.get("date_on_or_before")
    return when is None or when <= day


def _claim_order(claim: dict[str, Any]) -> tuple[bool, dt.date, str]:
    when = claim.get("date") or claim.get("date_on_or_before")
    return (when is None, when or dt.date.min, claim["id"])
