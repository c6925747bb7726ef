"""Health and statistics of the running service."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request

from api.deps import Store
from api.schemas.service import Count, Health, Stats
from graph import __version__
from graph.cache import StoreCache
from graph.stats import class_counts, graph_counts

router = APIRouter(tags=["service"])


#: The store's size by generation (for a remote engine: at most a minute old): counting a
#: million quads takes seconds, and load balancers ask /health every few seconds.
_SIZE: StoreCache[str, int] = StoreCache(max_entries=1, ttl=60.0)


@router.get("/health", response_model=Health, summary="Is the service up, and on what store")
def health(request: Request, store: Store) -> Health:
    quads = _SIZE.get(store, "quads", store.quad_count)
    warmed = getattr(request.app.state, "warmed", None)
    caches: Literal["warming", "ready", "off"] = (
        "off" if warmed is None else "ready" if warmed.is_set() else "warming"
    )
    return Health(status="ok", version=__version__, store=store.description,
                  triples=quads, caches=caches)  # fmt: skip


@router.get("/stats", response_model=Stats, summary="Counts per class and per named graph")
def stats(store: Store) -> Stats:
    return Stats(
        classes=[Count(iri=i, count=n) for i, n in class_counts(store)],
        graphs=[Count(iri=i, count=n) for i, n in graph_counts(store)],
    )
