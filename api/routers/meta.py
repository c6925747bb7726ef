"""Health and statistics of the running service."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from api.deps import get_store
from graph import __version__
from graph.lookups.cache import EntryCache
from graph.stats import class_counts, graph_counts
from graph.store import GraphStore

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str = Field(examples=[__version__])
    store: str = Field(description="The backend in use.", examples=["Oxigraph 0.5.13 (var/store)"])
    triples: int = Field(description="Quads in the store, inferred ones included.", examples=[5321])
    caches: Literal["warming", "ready", "off"] = Field(
        description="The extractor's knowledge base: still being read at start (the first "
        "POST /documents waits for it), ready, or not warmed at start (DIPLOGRAPH_WARM_CACHES=0, "
        "or a store others write to).",
        examples=["ready"],
    )


class Count(BaseModel):
    iri: str = Field(examples=["https://w3id.org/diplograph/ontology#Demand"])
    count: int = Field(examples=[42])


class Stats(BaseModel):
    classes: list[Count] = Field(description="Resources per class, inferred superclasses included.")
    graphs: list[Count] = Field(description="Triples per named graph (the origin of each triple).")


#: The store's size by generation (for a remote engine: at most a minute old): counting a
#: million quads takes seconds, and load balancers ask /health every few seconds.
_SIZE = EntryCache(max_entries=1, ttl=60.0)


@router.get("/health", response_model=Health, summary="Is the service up, and on what store")
def health(request: Request, store: GraphStore = Depends(get_store)) -> Health:
    size = _SIZE.get_many(store, ["quads"], lambda keys: {"quads": store.quad_count()})
    warmed = getattr(request.app.state, "warmed", None)
    caches: Literal["warming", "ready", "off"] = (
        "off" if warmed is None else "ready" if warmed.is_set() else "warming"
    )
    return Health(status="ok", version=__version__, store=store.description,
                  triples=size["quads"], caches=caches)  # fmt: skip


@router.get("/stats", response_model=Stats, summary="Counts per class and per named graph")
def stats(store: GraphStore = Depends(get_store)) -> Stats:
    return Stats(
        classes=[Count(iri=i, count=n) for i, n in class_counts(store)],
        graphs=[Count(iri=i, count=n) for i, n in graph_counts(store)],
    )
