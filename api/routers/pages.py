"""Web pages for people: home and search, timeline, graph view, and the pages' stylesheet.

Entity pages live at their IRIs, ``/id/{kind}/{slug}`` (see ``linked_data``), rendered by
``api.pages.entities``. Every page here reads through the functions the REST routes call
(``api.services``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from api.auth import authorize
from api.deps import (
    Index,
    Store,
    StoreIds,
    act_as,
    get_auth,
    get_ids,
    get_settings,
    get_store,
)
from api.pages import ledger, netgraph, review, svg, vendor
from api.pages.entities import ALL
from api.pages.render import CLAIM_TYPE_NAMES, STATIC, page
from api.pagination import Paging
from api.rest import MAX_QUERY
from api.services import claims as claim_service
from api.services import review as review_service
from api.services import search as search_service
from api.services import timeline as timeline_service
from api.threads import in_write_thread
from graph.lookups import claims
from graph.lookups.ids import is_slug
from graph.views import registry as views
from graph.views import traverse

router = APIRouter(include_in_schema=False)

LATEST = Paging(limit=10, offset=0)
#: The views the graph page draws ("full" is every triple: too dense for one picture).
GraphView = Literal["actors", "meetings", "claims", "ledger"]
#: The pages' own static files, by the name they are served under.
STATIC_FILES = {
    "style.css": "text/css; charset=utf-8",
    "graph.js": "text/javascript; charset=utf-8",
}


@router.get("/", response_class=HTMLResponse)
def home(store: Store, index: Index) -> HTMLResponse:
    """Search box, counts by claim type and the latest claims."""
    counts = {
        kind: len(claims.find(store, claims.ClaimFilter(type=kind))) for kind in CLAIM_TYPE_NAMES
    }
    latest = claim_service.claims_page(
        store=store, index=index, wanted=claims.ClaimFilter(), paged=LATEST
    )
    return page("home.html", counts=counts, latest=latest["items"], q="")


@router.get("/find", response_class=HTMLResponse)
def find(*, q: str = Query("", max_length=MAX_QUERY), index: Index) -> HTMLResponse:
    """Search results across every kind, best first (the REST ``/search`` ranking)."""
    hits: dict[str, Any] = {"items": [], "total": 0}
    if q.strip():
        hits = search_service.search(index=index, q=q, paged=Paging(limit=100, offset=0))
    return page("find.html", q=q, hits=hits)


@router.get("/browse/timeline", response_class=HTMLResponse)
def timeline(
    *,
    actor: str = Query("", max_length=300),
    topic: str = Query("", max_length=300),
    type: Literal["demand", "red_line", "commitment", "consensus", ""] = Query(""),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    store: Store,
    ids: StoreIds,
) -> HTMLResponse:
    """Engagements and claims in date order, filtered by actor, topic and claim type. A form
    sends empty fields for filters left blank: those mean "any"."""
    found = timeline_service.get_timeline(
        store=store,
        ids=ids,
        paged=ALL,
        actor=_slug(actor, "actor"),
        topic=_slug(topic, "topic"),
        since=_date(since, "since"),
        until=_date(until, "until"),
    )
    items = [
        e for e in found["items"] if not type or e["kind"] == "meeting" or e["type"] == type
    ]
    wanted = {"actor": actor, "topic": topic, "type": type}
    return page("timeline.html", items=items, total=found["total"], wanted=wanted)


@router.get("/browse/graph", response_class=HTMLResponse)
def graph_page(
    *,
    view: GraphView = Query("actors"),
    node: str = Query("actor/wang-yi", max_length=300),
    scope: netgraph.Scope = Query("node"),
    depth: int = Query(1, ge=1, le=2),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    topic: str = Query("", max_length=300),
    store: Store,
) -> HTMLResponse:
    """A view drawn in the browser by Cytoscape.js (the node's neighbourhood or the whole view,
    capped), with the node's ego network drawn as SVG on the server for pages without it."""
    start, end, about = _date(since, "since"), _date(until, "until"), _slug(topic, "topic")
    try:
        graph = views.view(store, view, start, end, about)
        center = traverse.resolve(graph, node)
    except (views.ViewError, traverse.NodeNotFound, traverse.AmbiguousNode) as error:
        raise HTTPException(404, detail=str(error)) from error
    nodes, edges = svg.ego(graph, center)
    filters = {k: v for k, v in (("since", since), ("until", until), ("topic", topic)) if v}
    return page(
        "graph.html",
        view=view,
        node=node,
        scope=scope,
        depth=depth,
        nodes=nodes,
        edges=edges,
        size=svg.SIZE,
        filters=filters,
        colours=svg.COLOURS,
        drawing=netgraph.drawing(graph, center, scope, depth),
        legend=netgraph.legend(view),
        max_nodes=netgraph.MAX_NODES,
        interactive=netgraph.vendor_installed(),
    )


@router.get("/browse/ledger/claim/{id}", response_class=HTMLResponse)
def claim_ledger(
    *,
    id: str = Path(max_length=300),
    as_of: str = Query("", max_length=10),
    store: Store,
    ids: StoreIds,
) -> HTMLResponse:
    """What became of a claim: its statements and the status events about it in date order,
    each with its quote, and its status as of ``as_of`` (blank: today)."""
    return ledger.claim_ledger_page(store, ids, id, _date(as_of, "as_of"))


@router.get("/browse/ledger/bundle/{id}", response_class=HTMLResponse)
def bundle_ledger(
    *,
    id: str = Path(max_length=300),
    as_of: str = Query("", max_length=10),
    store: Store,
    ids: StoreIds,
) -> HTMLResponse:
    """What became of a bundle: the status events about it, and each member's status as of
    ``as_of`` (blank: today), each linking to the member's own ledger."""
    return ledger.bundle_ledger_page(store, ids, id, _date(as_of, "as_of"))


def _slug(value: str, name: str) -> str | None:
    """A blank form field is no filter; anything else must be an id."""
    if not value.strip():
        return None
    if not is_slug(value.strip()):
        raise HTTPException(422, detail=f"{name}: {value[:80]!r} is not an id (like wang-yi)")
    return value.strip()


def _date(value: str, name: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, detail=f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


@router.post("/review/claims/{id}")
async def review_claim(request: Request, id: str = Path(max_length=300)) -> Response:
    """A reviewer's form: ``action`` (accept, reject or correct), ``token`` (a reviewer's
    token or stronger), ``version`` (the claim's version the page showed: a stale one is a
    409 with the claim as it is now, nothing written; a page for a browser), ``back`` (the
    document to return to) and, to correct, ``type``, ``claimant`` (actor ids,
    comma-separated) and ``addressee`` (one actor id, blank for none). Form bodies are parsed
    here, not by a multipart dependency: a few short fields need no more."""
    body = (await request.body())[:10_000].decode("utf-8", "replace")
    form = parse_qs(body, keep_blank_values=True)
    field = lambda name: (form.get(name) or [""])[0]  # noqa: E731
    auth = get_auth(request)
    act_as(request, await in_write_thread(authorize, auth, field("token") or None, "reviewer"))
    action, back = field("action"), field("back")
    if back and not is_slug(back):
        raise HTTPException(404, detail=f"no document with id {back[:80]!r}")
    settings = await get_settings(request)
    store, ids = await get_store(request), await get_ids(settings)
    version = field("version").strip()
    expected = {version} if version else None  # a form from before versions: any state
    try:
        await in_write_thread(review_service.apply, store, ids, id, action, form, expected)
    except review.Stale as stale:
        if "text/html" not in request.headers.get("accept", ""):
            return await in_write_thread(review_service.conflict, store, ids, id, stale)
        current = await in_write_thread(review_service.current, store, ids, id)
        again = f"/id/document/{back}" if back else f"/id/claim/{id}" if current else "/"
        return page("review_conflict.html", status=409, current=current, back=again)
    target = f"/id/document/{back}" if back else "/" if action == "reject" else f"/id/claim/{id}"
    return RedirectResponse(target, status_code=303)


@router.post("/review/events/{id}")
async def review_event(request: Request, id: str = Path(max_length=300)) -> Response:
    """A reviewer's form on an extracted status event: ``action`` (accept or reject),
    ``token`` (a reviewer's token or stronger), ``version`` (as the page showed it; a stale one
    is a 409, nothing written) and ``back`` (the document to return to)."""
    body = (await request.body())[:10_000].decode("utf-8", "replace")
    form = parse_qs(body, keep_blank_values=True)
    field = lambda name: (form.get(name) or [""])[0]  # noqa: E731
    request.state.principal = await in_write_thread(
        authorize, get_auth(request), field("token") or None, "reviewer"
    )
    action, back = field("action"), field("back")
    if back and not is_slug(back):
        raise HTTPException(404, detail=f"no document with id {back[:80]!r}")
    settings = await get_settings(request)
    store, ids = await get_store(request), await get_ids(settings)
    version = field("version").strip()
    try:
        await in_write_thread(
            review_service.apply_event, store, ids, id, action, {version} if version else None
        )
    except review.Stale:
        again = f"/id/document/{back}" if back else "/"
        return page("review_conflict.html", status=409, current=None, back=again)
    return RedirectResponse(f"/id/document/{back}" if back else "/", status_code=303)


@router.get("/static/pages/{name}")
def static_file(name: str = Path(max_length=40)) -> FileResponse:
    """The stylesheet and the graph page's script, from api/static/pages."""
    if name not in STATIC_FILES:
        raise HTTPException(404, detail=f"no static file {name[:40]!r}")
    return FileResponse(STATIC / name, media_type=STATIC_FILES[name])


@router.get("/static/vendor/{name}")
def vendor_file(name: str = Path(max_length=40)) -> FileResponse:
    """Cytoscape.js and YASGUI as npm installed them (package-lock.json); never a CDN, never a
    copy in git."""
    found = vendor.FILES.get(name)
    if found is None:
        raise HTTPException(404, detail=f"no vendor file {name[:40]!r}")
    if not found.installed():
        raise HTTPException(404, detail=f"{name} is not installed: run npm ci (make serve does)")
    return FileResponse(found.path, media_type=found.media_type)
