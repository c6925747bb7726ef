"""Application settings, read once from the environment (``DIPLOGRAPH_*``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from graph import _perf
from graph.store import store_setting


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _threads(name: str) -> int | None:
    """A count of threads, at least one; None when unset."""
    value = os.environ.get(name)
    if not value:
        return None
    if not value.strip().isdigit() or int(value) < 1:
        raise ValueError(f"{name}={value!r}: expected a whole number of threads, 1 or more")
    return int(value)


def _choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    """One of ``allowed`` (any case); another value stops the start with a clear message."""
    value = (os.environ.get(name) or default).strip().lower()
    if value not in allowed:
        raise ValueError(f"{name}={value!r}: expected one of {', '.join(allowed)}")
    return value


@dataclass(frozen=True)
class Settings:
    """What a deployment configures; every field has a safe default."""

    store: str = field(default_factory=lambda: store_setting(None))
    #: Bearer token for writes, with the admin role; writes are refused while neither it nor
    #: ``DIPLOGRAPH_TOKENS_FILE`` is set.
    token: str | None = field(default_factory=lambda: os.environ.get("DIPLOGRAPH_TOKEN") or None)
    #: The tokens file: named tokens, each with a role (reviewer, editor or admin), kept
    #: hashed; managed with ``diplograph token add|list|revoke`` and read again whenever it
    #: changes. Beside ``DIPLOGRAPH_TOKEN`` (an admin token) or instead of it.
    tokens_file: str | None = field(
        default_factory=lambda: os.environ.get("DIPLOGRAPH_TOKENS_FILE") or None
    )
    #: Seconds a SPARQL query may run before it is stopped.
    query_timeout: float = field(default_factory=lambda: _float("DIPLOGRAPH_QUERY_TIMEOUT", 10.0))
    #: Most rows a SELECT answer carries; the rest is cut and the cut announced.
    max_rows: int = field(default_factory=lambda: _int("DIPLOGRAPH_MAX_ROWS", 10_000))
    #: Read the extractor's knowledge base in the background at start (embedded store only),
    #: so the first POST /documents does not pay for it.
    warm_caches: bool = field(
        default_factory=lambda: os.environ.get("DIPLOGRAPH_WARM_CACHES", "1") not in ("0", "")
    )
    #: Run each write's SHACL validation in a worker process of its own (``graph.shacl.process``),
    #: off the interpreter lock the readers share; ``DIPLOGRAPH_VALIDATION_WORKER=0`` validates
    #: in the server's process, as the CLI does.
    validation_worker: bool = field(
        default_factory=lambda: os.environ.get("DIPLOGRAPH_VALIDATION_WORKER", "1").lower()
        not in ("0", "off", "false", "no", "")
    )
    #: Threads reads may hold at once (``api.threads``): unset, twice the cores on the
    #: embedded store, AnyIO's default (40) on a remote engine. Writes have threads of their own.
    read_threads: int | None = field(default_factory=lambda: _threads("DIPLOGRAPH_READ_THREADS"))
    #: Megabytes of whole GET answers kept until the store changes (0: keep none).
    response_cache_mb: int = field(
        default_factory=lambda: _int("DIPLOGRAPH_RESPONSE_CACHE_MB", 64)
    )
    #: The performance patches of ``graph._perf`` (gc pauses and freeze, two malloc arenas, the
    #: pyshacl and networkx fast paths); ``DIPLOGRAPH_PERF_PATCHES=0`` (or ``off``) runs without
    #: them, and a list (``paused_gc,freeze_heap,malloc_arenas,pyshacl,networkx``) keeps only
    #: the patches it names.
    #: Read from the environment where each patch is used, so set it before start-up.
    perf_patches: bool = field(default_factory=_perf.enabled)
    #: ``GET /metrics`` (Prometheus text format): "on" answers anyone (scrape it on a private
    #: network, or keep the port from the public), "token" needs a bearer token of any role,
    #: "off" leaves the route out.
    metrics: str = field(
        default_factory=lambda: _choice("DIPLOGRAPH_METRICS", ("on", "off", "token"), "on")
    )
    #: "json" logs one JSON line per request (method, route template, status, milliseconds,
    #: request id, the token's name) on the ``diplograph.access`` logger, to stderr, and
    #: ``diplograph serve`` turns uvicorn's own access log off; "text" leaves uvicorn's.
    log_format: str = field(
        default_factory=lambda: _choice("DIPLOGRAPH_LOG_FORMAT", ("text", "json"), "text")
    )
    #: Base IRI against which relative IRIs in SPARQL queries and updates are resolved (a
    #: query's own BASE wins); unset, the endpoint's own URL as the request reached it.
    sparql_base: str | None = field(
        default_factory=lambda: os.environ.get("DIPLOGRAPH_SPARQL_BASE") or None
    )
    #: "off" turns off every answer kept between requests: the response cache and the entry
    #: caches of assembled claims, actor profiles and meeting details, so each request is
    #: computed from the store as a first request is. For measuring the cold path
    #: (``make bench``); the label index and the graph views, built from the whole store, stay.
    caches: bool = field(
        default_factory=lambda: os.environ.get("DIPLOGRAPH_CACHES", "on").lower()
        not in ("off", "0", "false", "no", "")
    )
    #: Base under which entity IRIs are minted and served (``/id/actor/wang-yi``).
    base_iri: str = field(
        default_factory=lambda: os.environ.get(
            "DIPLOGRAPH_BASE_IRI", "https://w3id.org/diplograph/id/"
        )
    )
