"""Health and statistics of the running service."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import Store
from api.schemas.service import Count, Health, Live, Stats
from graph import __version__
from graph.cache import StoreCache
from graph.stats import class_counts, graph_counts
from graph.store import StoreError
from graph.write import drain

router = APIRouter(tags=["service"])


#: The store's size by generation (for a remote engine: at most a minute old): counting a
#: million quads takes seconds, and load balancers ask /health every few seconds.
_SIZE: StoreCache[str, int] = StoreCache(max_entries=1, ttl=60.0, name="store_size")

_HEALTH_DOC: dict[str, Any] = {
    "summary": "Can the service read and write now, and on what store",
    "description": "200 when the status is ok; 503 when degraded (reads work, writes do not) "
    "or down (the store cannot be reached, or the server is shutting down), so a load "
    "balancer or supervisor acts on the status code alone. `/health/live` only says the "
    "process answers.",
    "responses": {503: {"model": Health, "description": "Degraded or down: see cause."}},
}


def _iso(seconds: float) -> str:
    moment = dt.datetime.fromtimestamp(seconds, dt.UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


@router.get("/health", response_model=Health, **_HEALTH_DOC)
def health(request: Request, store: Store) -> JSONResponse:
    condition = store.condition()
    status, cause, since = condition.status, condition.cause, condition.since
    if drain.draining():
        status, cause = "down", "the server is shutting down"
    quads: int | None = None
    if status != "down":
        try:
            quads = _SIZE.get(store, "quads", store.quad_count)
        except StoreError:  # the engine went away between the check and the count
            quads = None
    warmed = getattr(request.app.state, "warmed", None)
    caches: Literal["warming", "ready", "off"] = (
        "off" if warmed is None else "ready" if warmed.is_set() else "warming"
    )
    body = Health(status=status, cause=cause, since=_iso(since), version=__version__,
                  store=store.description, triples=quads, caches=caches)
    return JSONResponse(body.model_dump(), status_code=200 if status == "ok" else 503,
                        headers={"Cache-Control": "no-store"})


@router.get("/health/live", response_model=Live,
            summary="Does the process answer (liveness: restart it only when this fails)")
async def live() -> Live:
    return Live(status="alive")


@router.get("/stats", response_model=Stats, summary="Counts per class and per named graph")
def stats(store: Store) -> Stats:
    return Stats(
        classes=[Count(iri=i, count=n) for i, n in class_counts(store)],
        graphs=[Count(iri=i, count=n) for i, n in graph_counts(store)],
    )
