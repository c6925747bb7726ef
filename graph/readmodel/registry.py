"""Which stores have a claims read model, and the state each has now.

Kept apart from the building (``graph.readmodel.build``) so the lookups can ask for the state
without importing what builds it. A store has a read model only once ``attach`` was called for
it (the server does, at start-up): elsewhere (the CLI, a library user, a test) the lookups ask
the store itself, as they always did.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable

from graph.readmodel.claims import ClaimState
from graph.store import GraphStore, settling

_STATES: weakref.WeakKeyDictionary[GraphStore, ClaimState] = weakref.WeakKeyDictionary()
_ENABLED: weakref.WeakSet[GraphStore] = weakref.WeakSet()
_READ_AT: weakref.WeakKeyDictionary[GraphStore, float] = weakref.WeakKeyDictionary()
_TOOK: weakref.WeakKeyDictionary[GraphStore, float] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
#: Seconds a model of a store others write to is trusted before it is read again (a build
#: at a million triples on Virtuoso takes minutes, so what others write shows within this
#: and one build; the views and the list of graphs trust an external engine for 30 s).
REFRESH_AFTER = 300.0
#: ...or this many times as long as its last build took, when that is longer: at a million
#: triples a build on Virtuoso takes minutes, and a model read again five minutes after such a
#: build began would keep the engine (and our process) busy with builds most of the time.
REFRESH_BUILDS = 5.0
#: Called with a store whose read model is missing or behind (set by ``graph.readmodel.build``).
_rebuild: Callable[[GraphStore], None] | None = None


def claims_now(store: GraphStore) -> ClaimState | None:
    """The claims read model of ``store`` at its current generation, or None (not attached,
    not built yet, or behind a write it could not follow: then a rebuild is started).

    A store others write to as well (an external engine) cannot tell when they did: its model
    is read again in the background once it is ``REFRESH_AFTER`` seconds old (or
    ``REFRESH_BUILDS`` times its last build's time), and answers
    meanwhile (our own writes are followed at once, as on the embedded store).

    While another thread follows a write, the state as it was before that write: the write is
    not answered until it is followed, so a reader meanwhile is concurrent with it and may see
    the store before it, as a snapshot reader would (the graph views do the same,
    ``graph.cache``); the answer it makes is not kept (``api.caching``)."""
    state = _STATES.get(store)
    if state is not None and state.generation == store.generation:
        if (not store.counts_writes and store in _ENABLED and _rebuild is not None
                and time.monotonic() - _READ_AT.get(store, 0.0)
                > max(REFRESH_AFTER, REFRESH_BUILDS * _TOOK.get(store, 0.0))):
            _rebuild(store)
        return state
    if state is not None and state.generation == store.generation - 1 and (
            settling.landed_elsewhere(store)):
        return state  # as it was before the write another thread follows (``_previous``)
    if state is not None and settling.wait(store, ready=lambda: _current(store)):
        state = _STATES.get(store)
        if state is not None and state.generation == store.generation:
            return state
    if store in _ENABLED and _rebuild is not None:
        _rebuild(store)
    return None


def _current(store: GraphStore) -> bool:
    """Whether the state kept for ``store`` has followed its last write."""
    state = _STATES.get(store)
    return state is not None and state.generation == store.generation


def held(store: GraphStore) -> ClaimState | None:
    """The state kept for ``store``, whatever its generation."""
    return _STATES.get(store)


def keep(store: GraphStore, state: ClaimState | None, read_at: float | None = None) -> None:
    """Keep ``state`` for ``store``; ``read_at``: when a whole build began to read it (now:
    when it ended)."""
    with _LOCK:
        if state is None:
            _STATES.pop(store, None)
        else:
            _STATES[store] = state
        if read_at is not None:
            _READ_AT[store] = read_at
            _TOOK[store] = time.monotonic() - read_at


def enable(store: GraphStore, rebuild: Callable[[GraphStore], None]) -> None:
    global _rebuild
    _rebuild = rebuild
    _ENABLED.add(store)


def enabled(store: GraphStore) -> bool:
    return store in _ENABLED
