"""Whether the caches built from a store are still following a write that has landed.

A write moves the store's ``generation`` when it commits, and only then do the caches built
from the store (the claims read model, the label index, the graph views) make their next state
from the last, in milliseconds, under the write lock (``graph.write.commit.on_commit``). A
reader arriving in between saw the new generation and a cache still at the old one, and took it
for a cache that could not follow: it built the index or view whole, or started the read
model's rebuild, seconds of work holding the interpreter at a million triples, once per write.
Such a reader now takes the value as it was before the write (the claims read model,
``graph.readmodel.registry``, and the graph views, ``graph.cache`` ``previous``): the write is
not answered until it is followed, so such a reader is concurrent with it, and its answer is
not kept for the readers after the write (``landed_elsewhere``). A cache without a previous
value waits the few milliseconds until the write is followed (``wait``).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from graph.store.base import GraphStore

#: Longest a reader waits for a write to be followed before reading on its own.
WAIT_S = 5.0

#: The write being followed on each store: its end, its thread, the generation it began at.
_PENDING: weakref.WeakKeyDictionary[GraphStore, tuple[threading.Event, int, int]] = (
    weakref.WeakKeyDictionary())
_LOCK = threading.Lock()
#: Notified as each cache follows a write (``progressed``) and when the write is followed.
_PROGRESS = threading.Condition()


@contextmanager
def following(store: GraphStore) -> Iterator[None]:
    """Around a write and the listeners that follow it (writes are serialised, so one at a
    time per store): readers that find a cache behind wait for the block to end."""
    event = threading.Event()
    with _LOCK:
        _PENDING[store] = (event, threading.get_ident(), store.generation)
    try:
        yield
    finally:
        with _LOCK:
            if (pending := _PENDING.get(store)) is not None and pending[0] is event:
                del _PENDING[store]
        with _PROGRESS:
            event.set()
            _PROGRESS.notify_all()


def progressed() -> None:
    """A cache has followed the write (called by the writer after each listener): readers
    waiting for that cache alone go on, not held up by the caches that follow after it."""
    with _PROGRESS:
        _PROGRESS.notify_all()


def _elsewhere(store: GraphStore) -> tuple[threading.Event, int, int] | None:
    """The write on ``store`` being followed by a thread other than this one, if any."""
    with _LOCK:
        pending = _PENDING.get(store)
    return None if pending is None or pending[1] == threading.get_ident() else pending


def landed_elsewhere(store: GraphStore) -> bool:
    """Whether another thread's write on ``store`` has landed and is still being followed: a
    reader now is served a cache's value from before it where one is kept (the read model, the
    graph views), so its answer is not one to keep for the readers after the write
    (``api.caching``)."""
    pending = _elsewhere(store)
    return pending is not None and store.generation != pending[2]


def wait(store: GraphStore, timeout: float = WAIT_S,
         ready: Callable[[], bool] | None = None) -> bool:  # fmt: skip
    """Wait until the write being followed on ``store`` (if any) is followed, or until
    ``ready()`` says the cache the caller reads has followed it; whether there was one. The
    writing thread itself never waits (its listeners read through the caches too)."""
    pending = _elsewhere(store)
    if pending is None:
        return False
    deadline = time.monotonic() + timeout
    with _PROGRESS:
        while not pending[0].is_set() and not (ready is not None and ready()):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            _PROGRESS.wait(left)
    return True
