"""The threads requests run in: reads share AnyIO's default pool, sized here; writes have a
pool of their own.

Every thread of a route runs Python under the one interpreter lock. AnyIO's default pool has
forty threads, so six busy readers and a write shared the lock seven ways: a readout's ingest
(extraction, its SHACL check, the caches following it) took 430-550 ms under six readers on two
cores against 250-300 ms alone. Sized to twice the cores (``Settings.read_threads``: a reader
in Oxigraph's native code on each core while others run Python), reads queue on the event
loop, where waiting costs nothing, and a write shares the lock with that many readers at most;
a write never waits for a read thread, only for the write lock. Measured at 1M triples, six
readers and a writer, 30 s a run, one run each on one machine: 3 threads, the writer 409 ms a
readout and readers' p99 206 ms; 4 threads, 468 and 180; 8, 422 and 199; 40, 504 and 208;
the readers answered most with 4 and 8 threads. The spread between runs of one setting is as
large (``docs/performance.md``).

On a remote engine the threads mostly wait for the network, not the lock: the default pool
stays as AnyIO sizes it there.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar

from graph.store import GraphStore
from graph.store.remote.client import RemoteStore

_T = TypeVar("_T")

#: Write threads: writes take the write lock one at a time, so more only wait for it.
WRITE_THREADS = 4
_WRITES: RunVar[anyio.CapacityLimiter] = RunVar("diplograph_write_threads")


def default_read_threads(store: GraphStore) -> int | None:
    """Twice the cores; None (AnyIO's default) on a remote engine."""
    return None if isinstance(store, RemoteStore) else 2 * (os.cpu_count() or 1)


def size_read_pool(threads: int | None, store: GraphStore) -> None:
    """Size the running event loop's default pool (from the app's lifespan): ``threads``, or
    the default for ``store``."""
    threads = threads or default_read_threads(store)
    if threads is not None:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads


def read_pool_size() -> int:
    """How many threads reads may hold at once in the running event loop."""
    return int(anyio.to_thread.current_default_thread_limiter().total_tokens)


async def in_write_thread(func: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    """``func(*args, **kwargs)`` in a thread of the write pool: a write's work, never queued
    behind reads for a thread."""
    return await anyio.to_thread.run_sync(functools.partial(func, *args, **kwargs),
                                          limiter=_write_limiter())  # fmt: skip


def _write_limiter() -> anyio.CapacityLimiter:
    try:
        return _WRITES.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(WRITE_THREADS)
        _WRITES.set(limiter)
        return limiter
