"""Whole GET responses kept until the store changes, with ETags for clients that revalidate.

Every read route answers from the store alone (and a ledger without ``as_of`` from the day, which
its key holds), so the bytes of a 200 stay right until the store's write counter
(``GraphStore.generation``) moves. Readers ask the same questions again
and again (a journalist's actor page, a dashboard polling ``/claims?claimant=…``), and most of
the time of such a request is spent in FastAPI and pydantic, not in Oxigraph: answering the
repeat from here skips both. Stores that can change behind this process's back (a remote
engine, a read-only replica) are never cached. SPARQL and the Graph Store Protocol are left
alone: their answers can be large, and they have their own limits.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import rest
from graph.store import settling

#: Paths whose answers are never kept (prefixes).
UNCACHED = ("/sparql", "/update", "/rdf-graphs", "/health", "/review", "/metrics")
#: Paths (suffixes) whose answers also depend on the day: a claim's or bundle's ledger stands at
#: today when the request names no ``as_of``, so their key holds the day.
DAILY = ("/ledger",)
#: The same for the ledger pages (prefixes): ``/browse/ledger/claim/{id}``, ``.../bundle/{id}``.
DAILY_PAGES = ("/browse/ledger/",)
#: Largest single answer kept; bigger ones (exports of large views) are streamed every time.
MAX_ENTRY = 2_000_000


@dataclass(frozen=True)
class Entry:
    generation: int
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes
    #: The route that first served it (``scope["route"]``), named again on every replay so
    #: metrics and logs count a replayed answer under its route template.
    route: Any = None


class ResponseCache:
    """Kept answers, least recently used dropped first once ``budget`` bytes are held."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.held = 0
        #: Answers replayed and cacheable answers computed afresh (read by /metrics).
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[tuple[Any, ...], Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], generation: int) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.generation != generation:
                self._drop(key)
                entry = None
            if entry is None:
                self.misses += 1
                return None
            self.hits += 1
            self._entries.move_to_end(key)
            return entry

    def miss(self) -> None:
        """Count an answer computed afresh without asking (``Cache-Control: no-cache``)."""
        with self._lock:
            self.misses += 1

    def put(self, key: tuple[Any, ...], entry: Entry) -> None:
        size = len(entry.body)
        if size > MAX_ENTRY or size > self.budget:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = entry
            self.held += size
            while self.held > self.budget:
                self._drop(next(iter(self._entries)))

    def _drop(self, key: tuple[Any, ...]) -> None:
        self.held -= len(self._entries.pop(key).body)


class ResponseCacheMiddleware:
    """Answers repeated GETs from a ``ResponseCache``; adds a weak ``ETag`` (keeps the route's
    own when it set one) and honours ``If-None-Match`` (304) on the answers it keeps."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        store = _store(scope)
        if store is None or not _cacheable(scope):
            await self.app(scope, receive, send)
            return
        generation = store.generation
        headers = dict(scope["headers"])
        key = (scope["method"] == "HEAD", scope["path"], scope["query_string"],
               headers.get(b"accept", b""),
               rest.today() if _daily(scope["path"]) else None)  # fmt: skip
        # ``Cache-Control: no-cache`` asks for a fresh answer (which is then kept).
        fresh = b"no-cache" in headers.get(b"cache-control", b"")
        entry = None if fresh else self.cache.get(key, generation)
        if fresh:
            self.cache.miss()
        if entry is not None:
            if entry.route is not None:
                scope["route"] = entry.route
            await _replay(entry, headers.get(b"if-none-match"), send)
            return
        # a write has landed and its caches are still following it: this answer may be made
        # from values as they were before it (``settling.landed_elsewhere``), right for this
        # reader, concurrent with the write, but not for those who ask after it returns
        may_keep = not settling.landed_elsewhere(store)
        await self.app(scope, receive,
                       _Recorder(send, self.cache, key, generation, scope, may_keep))


def _store(scope: Scope) -> Any:
    app = scope.get("app")
    store = getattr(getattr(app, "state", None), "store", None)
    return store if store is not None and store.counts_writes else None


def _daily(path: str) -> bool:
    """Whether the answer at ``path`` stands at today when it names no day."""
    return path.endswith(DAILY) or path.startswith(DAILY_PAGES)


def _cacheable(scope: Scope) -> bool:
    """A GET or HEAD outside ``UNCACHED`` and without ``Authorization``: an answer that may
    depend on who asks is never kept for whoever asks next (RFC 9111, section 3.5)."""
    return (
        scope["type"] == "http"
        and scope["method"] in ("GET", "HEAD")
        and not scope["path"].startswith(UNCACHED)
        and not any(name == b"authorization" for name, _ in scope["headers"])
    )


async def _replay(entry: Entry, if_none_match: bytes | None, send: Send) -> None:
    if if_none_match is not None and entry.etag in (t.strip() for t in if_none_match.split(b",")):
        kept = [(k, v) for k, v in entry.headers if k in (b"etag", b"vary", b"cache-control")]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": entry.status, "headers": entry.headers})
    await send({"type": "http.response.body", "body": entry.body})


class _Recorder:
    """Passes the answer through while keeping a copy, stored only if it is a whole 200."""

    def __init__(
        self, send: Send, cache: ResponseCache, key: tuple[Any, ...], generation: int,
        scope: Scope, may_keep: bool = True,
    ) -> None:
        self.send, self.cache, self.key = send, cache, key
        self.may_keep = may_keep
        self.generation, self.scope, self.store = generation, scope, _store(scope)
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.size = 0
        self.keep = True

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
            names = {k.lower() for k, _ in message.get("headers", [])}
            self.keep = (self.may_keep and message["status"] == 200
                         and b"set-cookie" not in names)  # fmt: skip
            return  # sent with the first body chunk, once the ETag is known or not needed
        if message["type"] != "http.response.body" or self.start is None:
            await self.send(message)
            return
        body = message.get("body", b"")
        more = message.get("more_body", False)
        if self.keep and (more or self.chunks):
            self.chunks.append(body)
            self.size += len(body)
            self.keep = self.size <= MAX_ENTRY
            if more and self.keep:
                return  # hold the parts of a small answer until it is whole
            body, self.chunks = b"".join(self.chunks), []
        await self._flush(body, more)

    async def _flush(self, body: bytes, more: bool) -> None:
        start, self.start = self.start, None
        assert start is not None
        headers = list(start.get("headers", []))
        if self.keep and not more:
            # a route's own (strong) ETag stands: a review's version must reach the client
            own = [v for k, v in headers if k.lower() == b"etag"]
            etag = own[0] if own else (
                b'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"')
            if not own:
                headers.append((b"etag", etag))
            if self.store.generation == self.generation:  # no write meanwhile
                entry = Entry(self.generation, 200, headers, body, etag, self.scope.get("route"))
                self.cache.put(self.key, entry)
        await self.send({**start, "headers": headers})
        await self.send({"type": "http.response.body", "body": body, "more_body": more})
