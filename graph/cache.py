"""What was read from a store, kept until the store changes: the one cache every reader shares.

An embedded store opened for writing counts its own writes (``GraphStore.generation``), so a
value read from it stays true until that number moves. A remote engine, or a store opened
read-only beside a writer in another process, can change behind our back
(``GraphStore.counts_writes`` false): a value read from one is kept at most ``ttl`` seconds,
or not kept at all when the cache has no ``ttl``.

Values are built outside the cache's own lock, under a lock of their key: two keys build at
the same time, and callers that want the same missing key wait for the one build instead of
repeating it. A value read while a write landed is returned but not kept. Stores are held
weakly: a closed and forgotten store takes its values with it. Values are shared between
threads: callers must treat them as read-only.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from graph.store import GraphStore, settling

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
#: What a cache is kept per: a store, or (``FrozenCache``) any object that never changes.
O = TypeVar("O")  # noqa: E741 - the owner type, beside K and V

_MISSING: Any = object()
#: Every cache given a name, for the hit counts ``GET /metrics`` reports (``named``).
_NAMED: dict[str, _WeakCache[Any, Any, Any]] = {}
#: Whether caches of assembled answers (``answers=True``) keep anything; see ``keep_answers``.
_ANSWERS = True


def keep_answers(on: bool) -> None:
    """Turn the caches of assembled answers (claims, actor profiles, meeting details) on or off
    for this process. Off (``DIPLOGRAPH_CACHES=off``), each request reads the store as a first
    request does: the cold path the benchmark measures. Indexes built from the whole store
    (labels, views, the knowledge base) are not answers and stay."""
    global _ANSWERS
    _ANSWERS = on


@dataclass
class _Slot(Generic[K, V]):
    """One owner's values, all read at ``generation``: (when built, value) by key, oldest use
    first; and the lock each key is built under."""

    generation: int
    entries: OrderedDict[K, tuple[float, V]] = field(default_factory=OrderedDict)
    building: dict[K, threading.Lock] = field(default_factory=dict)
    #: The last failed build of a key (when it ended, the error): callers that waited for
    #: that build fail with it instead of each trying again (a stopped engine would cost each
    #: of them the time limit in turn).
    failed: dict[K, tuple[float, BaseException]] = field(default_factory=dict)


class _WeakCache(Generic[O, K, V]):
    """Values by key per owner, weakly keyed; subclasses say what an owner's version is."""

    def __init__(self, *, ttl: float | None = None, max_entries: int | None = None,
                 answers: bool = False, follows: bool = False, previous: bool = False,
                 name: str | None = None) -> None:  # fmt: skip
        self.ttl = ttl
        self.answers = answers
        #: Values that writes bring up to date (``follow``): a reader finding them one write
        #: behind waits for the write's listeners rather than building them whole.
        self.follows = follows
        #: A reader arriving while a write is being followed takes the value as it was before
        #: that write instead of waiting for it (``_previous``).
        self.previous = previous
        self.max_entries = max_entries
        #: Values served from the cache, and values built (or fetched) because none was
        #: kept, since the process started: by ``get`` and ``get_many`` (``peek`` only looks).
        self.hits = 0
        self.misses = 0
        if name is not None:
            _NAMED[name] = self
        self._owners: weakref.WeakKeyDictionary[O, _Slot[K, V]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()  # guards the dictionaries only, never held over a build

    # -- what an owner is read at -------------------------------------------------------
    def _generation(self, owner: O) -> int:
        raise NotImplementedError

    def _counts_writes(self, owner: O) -> bool:
        raise NotImplementedError

    def _settle(self, owner: O, ready: Callable[[], bool]) -> bool:
        """Wait for a write being followed on ``owner`` (or until ``ready()``: this cache has
        followed it); whether there was one."""
        return False

    def _following(self, owner: O) -> bool:
        """Whether another thread's write on ``owner`` has landed and is being followed now."""
        return False

    def _previous(self, owner: O, key: K, generation: int) -> V:
        """The value of ``key`` as it was one write before ``generation``, while another thread
        follows that write (``_MISSING`` otherwise).

        The write is not answered until its listeners are done, so a reader meanwhile is
        concurrent with it and may see the store before it, as a snapshot reader would; once
        the write is answered, every reader gets the followed value. For values whose follow
        is long (a graph view made again from its inputs: 100-300 ms at 1M triples), which
        readers would otherwise wait out."""
        if not self.previous or not self._following(owner):
            return _MISSING
        with self._lock:
            slot = self._owners.get(owner)
            held = None if slot is None or slot.generation != generation - 1 else (
                slot.entries.get(key))
            if held is None:
                return _MISSING
            self.hits += 1
            return held[1]

    def _caught_up(self, owner: O, generation: int) -> bool:
        """Whether the owner's values are read at ``generation`` (or dropped: nothing to
        wait for)."""
        with self._lock:
            slot = self._owners.get(owner)
            return slot is None or slot.generation >= generation

    def _behind(self, owner: O, generation: int) -> bool:
        """Whether the owner's values were read before ``generation`` and a write that moved
        it is still being followed (then wait for it: they are about to be brought up)."""
        if not self.follows:
            return False
        with self._lock:
            slot = self._owners.get(owner)
            behind = slot is not None and slot.generation < generation
        return behind and self._settle(owner, lambda: self._caught_up(owner, generation))

    def _keeps(self, owner: O) -> bool:
        if self.answers and not _ANSWERS:
            return False
        return self._counts_writes(owner) or self.ttl is not None

    # -- under self._lock ---------------------------------------------------------------
    def _slot(self, owner: O, generation: int) -> _Slot[K, V]:
        """The owner's slot for ``generation``, emptied when it was read at an older one (a
        caller that read the generation before a write gets a slot of its own, not kept)."""
        slot = self._owners.get(owner)
        if slot is not None and slot.generation > generation:
            return _Slot(generation)
        if slot is None or slot.generation != generation:
            slot = self._owners[owner] = _Slot(generation)
        return slot

    def _fresh(self, owner: O, slot: _Slot[K, V], key: K) -> V:
        held = slot.entries.get(key)
        if held is None:
            return _MISSING
        built, value = held
        if not self._counts_writes(owner) and (
                self.ttl is None or time.monotonic() - built >= self.ttl):
            return _MISSING
        slot.entries.move_to_end(key)
        return value

    def _put(self, slot: _Slot[K, V], key: K, value: V, built: float) -> None:
        slot.entries[key] = (built, value)
        slot.entries.move_to_end(key)
        if self.max_entries is not None:
            while len(slot.entries) > self.max_entries:
                old, _ = slot.entries.popitem(last=False)
                slot.building.pop(old, None)

    # -- reading ------------------------------------------------------------------------
    def get(self, owner: O, key: K, build: Callable[[], V]) -> V:
        """The value of ``key`` for ``owner``, built by ``build`` when missing or stale.

        Only one caller builds a missing key at a time; the others wait and take its value.
        """
        if not self._keeps(owner):
            with self._lock:
                self.misses += 1
            return build()
        generation = self._generation(owner)
        previous = self._previous(owner, key, generation)
        if previous is not _MISSING:
            return previous
        if self._behind(owner, generation):
            generation = self._generation(owner)
        with self._lock:
            slot = self._slot(owner, generation)
            value = self._fresh(owner, slot, key)
            if value is not _MISSING:
                self.hits += 1
                return value
            lock = slot.building.setdefault(key, threading.Lock())
        began = time.monotonic()
        with lock:
            with self._lock:  # built by another caller while this one waited?
                slot = self._slot(owner, generation)
                value = self._fresh(owner, slot, key)
                failure = slot.failed.get(key)
                if value is not _MISSING:
                    self.hits += 1
                    return value
                self.misses += 1
            if failure is not None and failure[0] >= began:  # failed while this one waited
                raise failure[1]
            built = time.monotonic()
            try:
                value = build()
            except Exception as exc:
                with self._lock:
                    self._slot(owner, generation).failed[key] = (time.monotonic(), exc)
                raise
            with self._lock:
                slot = self._slot(owner, generation)
                slot.failed.pop(key, None)
                if self._generation(owner) == generation:  # a write meanwhile: keep nothing
                    self._put(slot, key, value, built)
            return value

    def peek(self, owner: O, key: K) -> V | None:
        """The value of ``key`` when it is kept and fresh, else None; never builds."""
        if not self._keeps(owner):
            return None
        with self._lock:
            slot = self._owners.get(owner)
            if slot is None or slot.generation != self._generation(owner):
                return None
            value = self._fresh(owner, slot, key)
        return None if value is _MISSING else value

    def get_many(self, owner: O, keys: Iterable[K],
                 fetch: Callable[[list[K]], dict[K, V]]) -> dict[K, V]:
        """The values of ``keys``, fetching (in one call, without waiting for other callers)
        only those not kept; a key ``fetch`` does not answer is left out."""
        wanted = list(keys)
        if not self._keeps(owner):
            with self._lock:
                self.misses += len(wanted)
            return fetch(wanted)
        generation = self._generation(owner)
        found: dict[K, V] = {}
        with self._lock:
            slot = self._slot(owner, generation)
            for key in wanted:
                value = self._fresh(owner, slot, key)
                if value is not _MISSING:
                    found[key] = value
            self.hits += len(found)
            self.misses += len(wanted) - len(found)
        missing = [k for k in wanted if k not in found]
        if not missing:
            return found
        built = time.monotonic()
        fetched = fetch(missing)
        with self._lock:
            if self._generation(owner) == generation:  # a write meanwhile: keep nothing
                slot = self._slot(owner, generation)
                for key, value in fetched.items():
                    self._put(slot, key, value, built)
        found.update(fetched)
        return {k: found[k] for k in wanted if k in found}

    # -- changing -----------------------------------------------------------------------
    def carry(self, owner: O, before: int, keep: Callable[[K, V], bool]) -> None:
        """After a write moved ``owner`` from generation ``before`` to the next: the values
        read at ``before`` for which ``keep`` says the write changed nothing (it may update
        them in place) stay, read at the new generation; the others are dropped. Call it
        with writes held off (``graph.write.commit.on_commit``)."""
        with self._lock:
            slot = self._owners.get(owner)
            if slot is None or slot.generation != before:
                return
            now = self._generation(owner)
            if now != before + 1:  # another write between: nothing read at before is known
                del self._owners[owner]
                return
            for key, (_built, value) in list(slot.entries.items()):
                if not keep(key, value):
                    del slot.entries[key]
            slot.generation = now

    def follow(self, owner: O, before: int, update: Callable[[K, V], V | None]) -> None:
        """Like ``carry``, but each value read at ``before`` is replaced by what ``update``
        makes of it for the new generation (None: dropped). The old value is left as it was,
        for readers still holding it. Call it with writes held off."""
        with self._lock:
            slot = self._owners.get(owner)
            if slot is None or slot.generation != before:
                return
            if self._generation(owner) != before + 1:
                del self._owners[owner]
                return
            held = list(slot.entries.items())
        followed: list[tuple[K, float, V]] = []
        for key, (built, value) in held:  # outside the lock: readers of other keys go on
            new = update(key, value)
            if new is not None:
                followed.append((key, built, new))
        with self._lock:
            if self._owners.get(owner) is not slot or slot.generation != before:
                return
            slot.entries.clear()
            slot.building.clear()
            for key, built, new in followed:
                slot.entries[key] = (built, new)
            slot.generation = self._generation(owner)

    def forget(self, owner: O) -> None:
        """Drop everything kept for ``owner``."""
        with self._lock:
            self._owners.pop(owner, None)


def named() -> dict[str, tuple[int, int]]:
    """(hits, misses) of every named cache, by name."""
    return {name: (cache.hits, cache.misses) for name, cache in sorted(_NAMED.items())}


class StoreCache(_WeakCache[GraphStore, K, V]):
    """Values by key for each store, valid while its write generation stays, or for
    ``ttl`` seconds when the store cannot count writes (not kept without a ``ttl``).
    ``max_entries`` per store, the least recently used dropped first."""

    def _generation(self, owner: GraphStore) -> int:
        return owner.generation

    def _counts_writes(self, owner: GraphStore) -> bool:
        return owner.counts_writes

    def _settle(self, owner: GraphStore, ready: Callable[[], bool]) -> bool:
        return settling.wait(owner, ready=ready)

    def _following(self, owner: GraphStore) -> bool:
        return settling.landed_elsewhere(owner)


class FrozenCache(_WeakCache[Any, K, V]):
    """Values by key for objects that never change (a frozen view graph): kept as long as
    the object lives."""

    def _generation(self, owner: Any) -> int:
        return 0

    def _counts_writes(self, owner: Any) -> bool:
        return True
