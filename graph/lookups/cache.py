"""Caches that live as long as the store does not change.

An embedded store counts its own writes (``GraphStore.generation``), so what was read from it
stays true until that number moves. A remote engine, or a store opened read-only beside a
writer in another process, can change behind our back: those get no cache (or, for the label
index, a short time to live).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from graph.store import GraphStore


class EntryCache:
    """Values by key for each store, dropped whole when the store's generation moves.

    A store that can change behind our back (``GraphStore.counts_writes`` false) gets no
    cache, or, when ``ttl`` is set, values at most ``ttl`` seconds old. Values are shared
    between requests: callers must treat them as read-only.
    """

    def __init__(self, max_entries: int, ttl: float | None = None) -> None:
        self.max_entries = max_entries
        self.ttl = ttl
        self._stores: weakref.WeakKeyDictionary[
            GraphStore, tuple[tuple[int, float], dict[str, Any]]
        ] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def _version(self, store: GraphStore) -> tuple[int, float] | None:
        """What the entries were read under: the generation, or the ttl's time slot."""
        if store.counts_writes:
            return (store.generation, 0.0)
        if self.ttl is None:
            return None
        return (-1, time.monotonic() // self.ttl)

    def get_many(
        self, store: GraphStore, keys: list[str], fetch: Callable[[list[str]], dict[str, Any]]
    ) -> dict[str, Any]:
        """The values of ``keys``, fetching (in one call) only those not yet known."""
        version = self._version(store)
        if version is None:
            return fetch(keys)
        with self._lock:
            held = self._stores.get(store)
            entries = held[1] if held and held[0] == version else {}
            missing = [k for k in keys if k not in entries]
        fetched = fetch(missing) if missing else {}
        with self._lock:
            if self._version(store) == version:  # a write meanwhile: keep nothing read before it
                if len(entries) + len(fetched) > self.max_entries:
                    entries = {}
                entries.update(fetched)
                self._stores[store] = (version, entries)
        return {k: entries.get(k, fetched.get(k)) for k in keys if k in entries or k in fetched}
