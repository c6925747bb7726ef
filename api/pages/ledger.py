"""The ledger pages: what became of one claim, or of a bundle and each of its members, as a
timeline of the claim's statements and the status events about it, each event with its quote.

They read the ledger the REST routes answer (``/claims/{id}/ledger``, ``/bundles/{id}/ledger``),
through the same ``api.services.ledger`` functions, and show it as of a day (``as_of``, default
today): the status is derived there, never here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi.responses import HTMLResponse

from api.pages.render import page
from api.services import ledger as ledger_service
from graph.lookups.ids import Ids
from graph.store import GraphStore

#: The kinds of status event as a reader says them, in the order a legend lists them.
STATUS_NAMES = {
    "stated": "stated (no event yet)",
    "reaffirmed": "reaffirmed",
    "implemented": "implemented",
    "accused_of_breach": "accused of breach",
    "disputed": "disputed",
    "withdrawn": "withdrawn",
    "superseded": "superseded",
    "moot": "moot",
}
#: How an event concerns the page's claim or bundle, as a reader says it.
VIA_NAMES = {
    "about": "",
    "as_member": "about it as a member of {bundle}",
    "via_bundle": "about {bundle}, which holds it, as a whole",
    "about_member": "about its member {member}",
}


def claim_ledger_page(
    store: GraphStore, ids: Ids, slug: str, as_of: dt.date | None
) -> HTMLResponse:
    """The claim's ledger page; a 404 for a claim that does not exist."""
    ledger = ledger_service.claim_ledger(store=store, ids=ids, id=slug, as_of=as_of)
    return _ledger_page("claim", ledger, claim_timeline(ledger), _claim_drawn(ledger))


def bundle_ledger_page(
    store: GraphStore, ids: Ids, slug: str, as_of: dt.date | None
) -> HTMLResponse:
    """The bundle's ledger page with each member's status; a 404 for an unknown bundle."""
    ledger = ledger_service.bundle_ledger(store=store, ids=ids, id=slug, as_of=as_of)
    entries = [_event_entry(e) for e in ledger["events"]]
    return _ledger_page("bundle", ledger, entries, bool(ledger["events"] or ledger["members"]))


def _ledger_page(
    subject: Literal["claim", "bundle"],
    ledger: dict[str, Any],
    entries: list[dict[str, Any]],
    in_graph: bool,
) -> HTMLResponse:
    """One template shows both ledgers, so what it is given is set here once. ``subject`` is
    the ledger's key for what heads the page and the word its links are built from
    (``/id/claim/…``, ``/bundles/…/ledger``); ``in_graph`` says whether the ledger graph view
    holds it, so the page links there only then."""
    return page(
        "ledger.html",
        subject=subject,
        ledger=ledger,
        heading=ledger[subject],
        entries=entries,
        status_names=STATUS_NAMES,
        in_graph=in_graph,
    )


def _claim_drawn(ledger: dict[str, Any]) -> bool:
    """Whether the ledger graph view holds the claim, told from the ledger itself: a dated
    claim with an event, a restatement or a bundle (building the view to ask would cost
    seconds on a large store after every write). The page links the graph only then."""
    claim = ledger["claim"]
    dated = claim.get("date") or claim.get("date_on_or_before")
    related = ledger["events"] or ledger["restatements"] or claim.get("bundle")
    return bool(dated and (related or claim.get("refers_to")))


def claim_timeline(ledger: dict[str, Any]) -> list[dict[str, Any]]:
    """The claim's statements (its own and its restatements) and its events, in date order; an
    undated statement is placed on the latest day it can have been made."""
    claim = ledger["claim"]
    entries = [_statement_entry(claim, "stated")]
    entries += [_statement_entry(r, r["relation"]) for r in ledger["restatements"]]
    entries += [_event_entry(e) for e in ledger["events"]]
    entries.sort(key=lambda e: (e["date"] is None, e["date"] or dt.date.min, e["order"]))
    return entries


def _statement_entry(claim: dict[str, Any], relation: str) -> dict[str, Any]:
    when = claim.get("date") or claim.get("date_on_or_before")
    return {
        "entry": "statement",
        "relation": relation,
        "date": when,
        "on_or_before": claim.get("date") is None and when is not None,
        "claim": claim,
        "order": 0,
    }


def _event_entry(event: dict[str, Any]) -> dict[str, Any]:
    bundle = event.get("target") or {}
    member = event.get("member") or {}
    via = VIA_NAMES.get(event.get("via", "about"), "")
    return {
        "entry": "event",
        "date": event["date"],
        "event": event,
        "via": via.format(bundle=bundle.get("label") or bundle.get("id", ""),
                          member=member.get("label") or member.get("id", "")),
        "order": 1,
    }
