"""The application factory: settings, the store's lifetime, and the routers."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import faults, threads
from api.auth import Authenticator
from api.caching import ResponseCache, ResponseCacheMiddleware
from api.metrics import Metrics, MetricsMiddleware
from api.request_log import HEADER as REQUEST_ID
from api.request_log import RequestLogMiddleware
from api.routers import (
    actors,
    audit,
    bundles,
    claims,
    documents,
    export,
    graph_store,
    ingest,
    ledger,
    linked_data,
    meetings,
    meta,
    metrics,
    pages,
    review,
    search,
    sparql,
    sparql_update,
    timeline,
    topics,
)
from api.routers import graph as graph_routes
from api.services import views
from api.settings import Settings
from api.sparql.fast_path import SparqlFastPath
from api.sparql.runner import QueryRunner
from graph import __version__, _perf
from graph.cache import keep_answers
from graph.extract import kb_cache
from graph.lookups.ids import Ids
from graph.lookups.labels import index_for
from graph.readmodel import build as readmodel
from graph.shacl import process as validation
from graph.store import GraphStore, open_store
from graph.store.remote.client import RemoteStore
from graph.write.commit import settle

#: Seconds a shutdown waits for the write in progress before the store is closed.
DRAIN_SECONDS = 30.0

DESCRIPTION = """
A knowledge graph of high-level diplomacy, first for US–China relations: who (officials and the
posts they held) met whom, when and where, and said what there (demands, red lines,
commitments, consensus), each claim with the document that reports it and the exact quote.
"""


def start_warming(store: GraphStore, ids: Ids | None = None,
                  app: FastAPI | None = None) -> threading.Event | None:  # fmt: skip
    """Warm the extractor and the label index, and build the claims read model and the actors
    view (and ``app``'s routes, ``warm_routes``), in a background thread; the event is set when
    it is done (or failed: a failure only means the first ingest, or the first request that
    reads names, does the work itself, and claims are read from the store until the read model
    is built; at 1M triples each takes seconds)."""
    embedded = store.counts_writes  # over an external engine: the read model alone
    if not readmodel.attachable(store):
        return None
    done = threading.Event()

    def run() -> None:
        try:
            if app is not None:
                warm_routes(app)
            if embedded:
                kb_cache.warm(store)
                if ids is not None:
                    index = index_for(store, ids)
                    index.postings()
                    index.owners("claim")  # what a search of the claims maps its hits through
            readmodel.attach(store)
            if embedded:
                views.warm(store)
            # the knowledge base and the read model are millions of long-lived objects: out of
            # every later full collection (process-wide, so here at start-up, not in the library)
            _perf.freeze_heap()
        except Exception:  # any failure only means the first ingest does the work itself
            logging.getLogger(__name__).info("warming the extractor failed", exc_info=True)
        finally:
            done.set()

    threading.Thread(target=run, daemon=True, name="warm-caches").start()
    return done


def warm_routes(app: FastAPI) -> None:
    """Build every route's request handling now. FastAPI builds a router's routes (their
    parameters, dependencies and models) on the first request that reaches that router: 40-50
    ms, paid by that request and by every request that arrives meanwhile (at 8 clients, the
    first eight answers of a cold page took 100-150 ms, the p99 of a 50-request row). Making
    the OpenAPI schema walks every route, so builds them all; the schema is kept for
    ``/openapi.json``."""
    app.openapi()


def _start_quietly(validator: validation.ValidationProcess) -> None:
    """Start the validation worker before the first write needs it; a failure only means the
    first write starts it (and says why if it cannot)."""
    try:
        validator.start()
    except Exception:  # the first write tries again and reports
        logging.getLogger(__name__).info("starting the validation worker failed", exc_info=True)


def start_clean_up(store: RemoteStore) -> threading.Event:
    """List our graphs and drop the staging graphs of bulk loads killed outright, in a
    background thread (an engine that is slow or down must not hold up the start); the event
    is set when done."""
    from graph.write.remote_bulk import clean_up

    done = threading.Event()

    def run() -> None:
        try:
            store.prime()  # the list of our graphs, which every query needs, read now
            clean_up(store)
        finally:
            done.set()

    threading.Thread(target=run, daemon=True, name="staging-clean-up").start()
    return done


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app; tests pass their own settings or an already open store."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        _perf.cap_malloc_arenas()  # before the store starts its threads
        app.state.store = store or open_store(settings.store)
        if isinstance(app.state.store, RemoteStore):  # a stopped engine: 504 at the limit
            app.state.store.limit_queries(settings.query_timeout)
            app.state.cleaned = start_clean_up(app.state.store)
        app.state.query_runner = QueryRunner(app.state.store, settings.query_timeout)
        threads.size_read_pool(settings.read_threads, app.state.store)
        # a write's SHACL run off the interpreter lock the readers share (graph.shacl.process)
        app.state.validator = validation.ValidationProcess()
        if settings.validation_worker:
            validation.attach(app.state.store, app.state.validator)
        if settings.validation_worker and settings.warm_caches:
            threading.Thread(target=_start_quietly, args=(app.state.validator,), daemon=True,
                             name="validation-worker").start()
        ids = Ids(settings.base_iri)
        warming = settings.warm_caches
        app.state.warmed = start_warming(app.state.store, ids, app) if warming else None
        try:
            yield
        finally:
            settle(DRAIN_SECONDS)  # the write in progress commits (or fails) whole first
            app.state.query_runner.close()
            validation.attach(app.state.store, None)
            app.state.validator.close()
            if store is None:
                app.state.store.close()

    app = FastAPI(
        title="diplograph", version=__version__, description=DESCRIPTION, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.metrics.watch(app.state)
    # read the tokens file now: a damaged one stops the start, not the first write
    app.state.auth = Authenticator(settings.token, settings.tokens_file)
    faults.install(app)  # one answer per store fault on every route (503, 504, 507)
    keep_answers(settings.caches)
    # Added first: inside CORS, which heads every answer.
    if settings.caches and settings.response_cache_mb > 0:
        app.state.response_cache = ResponseCache(settings.response_cache_mb << 20)
        app.add_middleware(ResponseCacheMiddleware, cache=app.state.response_cache)
    # Queries skip FastAPI's router (inside CORS, the metrics and the log; see the module).
    app.add_middleware(SparqlFastPath)
    app.add_middleware(
        CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
        allow_headers=["Accept", "Authorization", "Content-Type", "If-Match", REQUEST_ID],
        expose_headers=["X-Diplograph-Truncated", "X-Diplograph-Max-Rows", "ETag", REQUEST_ID],
    )
    # Outside CORS: preflights and answers replayed from the cache are counted and logged too.
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(RequestLogMiddleware, log_json=settings.log_format == "json")
    app.include_router(meta.router)
    if settings.metrics != "off":
        app.include_router(metrics.router if settings.metrics == "on" else metrics.token_router)
    app.include_router(pages.router)  # web pages: /, /find, /browse/*
    for module in (sparql, sparql_update, graph_store):  # the SPARQL 1.1 protocols
        app.include_router(module.router)
    rest = (review, ledger, claims, actors, meetings, topics, bundles, documents, timeline,
            search, linked_data)
    app.include_router(ingest.router)  # POST and DELETE /documents, before the GET routes
    for module in rest:
        app.include_router(module.router)
    app.include_router(graph_routes.router)
    app.include_router(export.router)
    app.include_router(audit.router)  # who changed what, and reverting it
    return app
