"""What ``GET /metrics`` reports, in the Prometheus text format.

Each app has its own ``CollectorRegistry`` (never the process-wide default one), so tests and
several apps in one process count apart. Requests are counted by route template, never by raw
path (see ``api.route_template``). Values other parts already keep (the response cache's hits,
the query runner's timeouts, the store's size) are read when Prometheus scrapes, by a collector,
instead of being pushed on every request; the store's size is counted in the background, at
most one count at a time, so a scrape never waits for a scan of the store.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.route_template import route_template
from graph import cache as store_caches
from graph.store import GraphStore

#: Seconds; a REST answer takes milliseconds, a SPARQL query up to the time limit.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

#: The write routes by (method, route template), and the kind of write each makes.
WRITE_KINDS: dict[tuple[str, str], str] = {
    ("POST", "/documents"): "ingest",
    ("DELETE", "/documents/{id}"): "delete",
    ("POST", "/claims/{id}/review"): "review",
    ("POST", "/review/claims/{id}"): "review",  # the review form of the claim page
    ("POST", "/review/events/{id}"): "review",  # a status event's, on its document page
    ("POST", "/update"): "update",
    ("PUT", "/rdf-graphs"): "graph_store",
    ("POST", "/rdf-graphs"): "graph_store",
    ("DELETE", "/rdf-graphs"): "graph_store",
    ("POST", "/audit/{id}/revert"): "revert",
}

#: Why a write was refused, by its status: no valid token, a role too weak (or writes off),
#: a stale version, or data the shapes refuse (or that cannot be read).
REFUSALS = {401: "unauthenticated", 403: "forbidden", 409: "conflict", 422: "invalid"}

#: Seconds between two counts of the store after writes (a count of 1M quads takes seconds).
SIZE_INTERVAL = 15.0


class StoreSize:
    """The store's quad count, as of the last count made in a background thread.

    ``value`` never counts: it returns the last known count and, when the store changed since
    (or, for a store that can change behind this process's back, when the count is old), starts
    one new count unless one is running or the last started less than ``interval`` ago."""

    def __init__(self, store: GraphStore, interval: float = SIZE_INTERVAL) -> None:
        self.store = store
        self.interval = interval
        self._known: int | None = None
        self._generation: int | None = None
        self._started = float("-inf")
        self._running = False
        self._lock = threading.Lock()

    def value(self) -> int | None:
        with self._lock:
            stale = (self._generation != self.store.generation
                     or not self.store.counts_writes)  # fmt: skip
            due = time.monotonic() - self._started >= self.interval or self._known is None
            if stale and due and not self._running:
                self._running, self._started = True, time.monotonic()
                threading.Thread(target=self._count, daemon=True, name="count-store").start()
            return self._known

    def _count(self) -> None:
        generation = self.store.generation
        try:
            count = self.store.quad_count()
        except Exception:  # a closed store or an engine that is down: keep the last count
            count = None
        with self._lock:
            if count is not None:
                self._known, self._generation = count, generation
            self._running = False


class Metrics:
    """One app's metrics and the registry that exposes them."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "diplograph_http_requests", "HTTP requests answered, by route template and status.",
            ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram(
            "diplograph_http_request_duration_seconds",
            "Seconds from a request's arrival to the end of its answer.",
            ["method", "route", "status"], buckets=BUCKETS, registry=self.registry)
        self.writes = Counter(
            "diplograph_writes", "Writes committed, by kind.", ["kind"], registry=self.registry)
        self.refused = Counter(
            "diplograph_writes_refused", "Writes refused, by kind and reason.",
            ["kind", "reason"], registry=self.registry)
        self._state = _AppState()
        self.registry.register(self._state)

    def watch(self, app_state: Any) -> None:
        """Read the runner, the response cache and the store from this app state at scrape."""
        self._state.app_state = app_state

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        labels = (method, route, str(status))
        self.requests.labels(*labels).inc()
        self.latency.labels(*labels).observe(seconds)
        kind = WRITE_KINDS.get((method, route))
        if kind is None:
            return
        if 200 <= status < 300:
            self.writes.labels(kind).inc()
        elif status in REFUSALS:
            self.refused.labels(kind, REFUSALS[status]).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class _AppState(Collector):
    """The values other parts keep, read at scrape: query timeouts, cache hits (the response
    cache's and the store caches'), store size."""

    def __init__(self) -> None:
        self.app_state: Any = None
        self._size: StoreSize | None = None

    def describe(self) -> list[Metric]:
        return []  # read at scrape only: nothing to check at registration

    def collect(self) -> Iterator[Metric]:
        state = self.app_state
        runner = getattr(state, "query_runner", None)
        if runner is not None:
            timeouts = CounterMetricFamily(
                "diplograph_sparql_timeouts",
                "SPARQL queries and update plans stopped at the time limit.",
                labels=["operation"])
            for operation, count in sorted(runner.timeouts.items()):
                timeouts.add_metric([operation], count)
            yield timeouts
        cache = getattr(state, "response_cache", None)
        if cache is not None:
            for name, value, text in (
                ("hits", cache.hits, "GET answers replayed from the response cache."),
                ("misses", cache.misses, "Cacheable GET answers computed afresh."),
            ):
                yield CounterMetricFamily(f"diplograph_response_cache_{name}", text, value)
            yield GaugeMetricFamily("diplograph_response_cache_bytes",
                                    "Bytes of answers the response cache holds.", cache.held)
        yield from _store_caches()
        store = getattr(state, "store", None)
        if store is not None:
            if self._size is None or self._size.store is not store:
                self._size = StoreSize(store)
            count = self._size.value()
            if count is not None:
                yield GaugeMetricFamily(
                    "diplograph_store_triples",
                    "Triples in every graph of the store (the /health count), as of the last "
                    "background count.", count)


def _store_caches() -> Iterator[Metric]:
    """The hits and misses of the caches of what was read from the store (claims, profiles,
    views, the label index...), by cache: process-wide, like the caches themselves."""
    counts = store_caches.named()
    hits = CounterMetricFamily(
        "diplograph_store_cache_hits", "Values served from a store cache, by cache.",
        labels=["cache"])
    misses = CounterMetricFamily(
        "diplograph_store_cache_misses",
        "Values a store cache had to read from the store (none kept, or stale), by cache.",
        labels=["cache"])
    ratio = GaugeMetricFamily(
        "diplograph_store_cache_hit_ratio",
        "Hits over hits and misses since the process started, by cache (absent before the "
        "first use; a rate over time is rate(hits) / (rate(hits) + rate(misses))).",
        labels=["cache"])
    for name, (hit, missed) in counts.items():
        hits.add_metric([name], hit)
        misses.add_metric([name], missed)
        if hit + missed:
            ratio.add_metric([name], hit / (hit + missed))
    yield from (hits, misses, ratio)


class MetricsMiddleware:
    """Times every HTTP request and counts it by route template and status."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets when the app raises before answering

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            self.metrics.observe(scope["method"], route_template(scope), status,
                                 time.perf_counter() - started)
