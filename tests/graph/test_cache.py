"""The one cache of values read from a store (``graph.cache``): kept until a write moves the
store's generation, or for a time when the store cannot count writes; built once per key
however many callers want it, while other keys build beside it; gone with its store."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from graph.cache import FrozenCache, StoreCache
from graph.store import GraphStore, open_store, settling

S = URIRef("https://example.org/s")
P = URIRef("https://example.org/p")
NAME = "https://w3id.org/diplograph/graph/file/cache-test"


def _write(store: GraphStore, value: str) -> None:
    graph = Graph()
    graph.add((S, P, Literal(value)))
    store.replace_graphs({NAME: graph})


def _reader(store: GraphStore) -> tuple[list[str], Callable[[], str]]:
    """A build function that counts its calls and reads the store."""
    calls: list[str] = []

    def build() -> str:
        rows = store.select(f"SELECT ?o WHERE {{ <{S}> <{P}> ?o }}")
        value = str(rows[0]["o"]) if rows else ""
        calls.append(value)
        return value

    return calls, build


def test_a_write_moves_the_generation_and_the_value_is_read_again() -> None:
    store = open_store("memory:")
    cache: StoreCache[str, str] = StoreCache()
    calls, build = _reader(store)
    _write(store, "one")
    assert cache.get(store, "k", build) == "one"
    assert cache.get(store, "k", build) == "one"
    assert cache.peek(store, "k") == "one"
    assert calls == ["one"]
    _write(store, "two")
    assert cache.peek(store, "k") is None
    assert cache.get(store, "k", build) == "two"
    assert calls == ["one", "two"]


def test_a_store_that_cannot_count_writes_keeps_values_for_the_ttl_only(tmp_path: Path) -> None:
    writer = open_store(f"oxigraph:{tmp_path / 'db'}")
    _write(writer, "one")
    writer.close()
    reader = open_store(f"oxigraph:{tmp_path / 'db'}", read_only=True)
    assert not reader.counts_writes
    calls, build = _reader(reader)
    timed: StoreCache[str, str] = StoreCache(ttl=0.2)
    untimed: StoreCache[str, str] = StoreCache()
    assert timed.get(reader, "k", build) == timed.get(reader, "k", build) == "one"
    assert len(calls) == 1
    time.sleep(0.3)
    assert timed.peek(reader, "k") is None
    timed.get(reader, "k", build)
    assert len(calls) == 2
    untimed.get(reader, "k", build)
    untimed.get(reader, "k", build)
    assert len(calls) == 4 and untimed.peek(reader, "k") is None  # never kept
    reader.close()


def test_one_key_builds_once_while_another_builds_beside_it() -> None:
    store = open_store("memory:")
    cache: StoreCache[str, int] = StoreCache()
    builds: dict[str, int] = {"slow": 0, "other": 0}
    slow_started, other_done = threading.Event(), threading.Event()

    def slow() -> int:
        builds["slow"] += 1
        slow_started.set()
        # another key builds while this one is building: no lock is shared between keys
        assert other_done.wait(10), "the other key waited for this one"
        return 1

    def other() -> int:
        builds["other"] += 1
        return 2

    results: list[int] = []
    waiters = [threading.Thread(target=lambda: results.append(cache.get(store, "slow", slow)))
               for _ in range(8)]
    for thread in waiters:
        thread.start()
    assert slow_started.wait(10)
    assert cache.get(store, "other", other) == 2
    other_done.set()
    for thread in waiters:
        thread.join(10)
    assert results == [1] * 8
    assert builds == {"slow": 1, "other": 1}


def test_a_value_read_while_a_write_landed_is_not_kept() -> None:
    store = open_store("memory:")
    cache: StoreCache[str, str] = StoreCache()

    def build() -> str:
        _write(store, "meanwhile")
        return "before"

    assert cache.get(store, "k", build) == "before"
    assert cache.peek(store, "k") is None


def test_carry_keeps_what_a_write_left_alone() -> None:
    store = open_store("memory:")
    cache: StoreCache[str, str] = StoreCache()
    cache.get(store, "kept", lambda: "a")
    cache.get(store, "dropped", lambda: "b")
    before = store.generation
    _write(store, "x")
    cache.carry(store, before, lambda key, _value: key == "kept")
    assert cache.peek(store, "kept") == "a"
    assert cache.peek(store, "dropped") is None


def test_follow_replaces_each_value_and_leaves_the_old_one_to_its_readers() -> None:
    store = open_store("memory:")
    cache: StoreCache[str, list[str]] = StoreCache()
    old = cache.get(store, "grown", lambda: ["a"])
    cache.get(store, "dropped", lambda: ["b"])
    before = store.generation
    _write(store, "x")
    cache.follow(store, before, lambda key, value: [*value, "x"] if key == "grown" else None)
    assert cache.peek(store, "grown") == ["a", "x"] and old == ["a"]
    assert cache.peek(store, "dropped") is None
    # a value two writes behind is never followed
    before = store.generation
    _write(store, "y")
    _write(store, "z")
    cache.follow(store, before, lambda _key, value: value)
    assert cache.peek(store, "grown") is None


def _reader_behind_a_write(
    store: GraphStore, cache: StoreCache[str, str], build: Callable[[], str]
) -> tuple[threading.Thread, list[str], int]:
    """Inside ``settling.following``: commit a write, then start a reader of ``cache``'s "k",
    and check that it waits for the cache to follow instead of answering."""
    before = store.generation
    _write(store, "x")
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(cache.get(store, "k", build)))
    reader.start()
    time.sleep(0.2)
    assert not got, "the reader waits while its cache is behind"
    return reader, got, before


def test_a_reader_behind_a_write_being_followed_waits_for_it_instead_of_building() -> None:
    """Between a write's commit and its listeners, a reader of a cache that follows writes
    takes the followed value; it neither builds its own nor gets the old one."""
    store = open_store("memory:")
    cache: StoreCache[str, str] = StoreCache(follows=True)
    assert cache.get(store, "k", lambda: "old") == "old"
    builds: list[str] = []

    def build() -> str:
        builds.append("built")
        return "built"

    with settling.following(store):
        reader, got, before = _reader_behind_a_write(store, cache, build)
        cache.follow(store, before, lambda _key, _value: "followed")
    reader.join(5)
    assert got == ["followed"] and not builds
    # with no write being followed, a cache behind is built again at once
    _write(store, "y")
    assert cache.get(store, "k", build) == "built"


def test_a_reader_goes_on_once_its_cache_has_followed_while_others_still_follow() -> None:
    """Each cache's readers wait for that cache, not for every listener of the write: once it
    has followed (``settling.progressed``), they go on while the block still runs."""
    store = open_store("memory:")
    cache: StoreCache[str, str] = StoreCache(follows=True)
    assert cache.get(store, "k", lambda: "old") == "old"
    with settling.following(store):
        reader, got, before = _reader_behind_a_write(store, cache, str)
        cache.follow(store, before, lambda _key, _value: "followed")
        settling.progressed()
        reader.join(2)  # well within settling.WAIT_S: the block has not ended
        assert not reader.is_alive() and got == ["followed"]


def test_many_keys_fetch_only_the_missing_and_the_oldest_go_first() -> None:
    store = open_store("memory:")
    cache: StoreCache[str, str] = StoreCache(max_entries=3)
    asked: list[list[str]] = []

    def fetch(keys: list[str]) -> dict[str, str]:
        asked.append(keys)
        return {k: k.upper() for k in keys if k != "none"}

    assert cache.get_many(store, ["a", "b", "none"], fetch) == {"a": "A", "b": "B"}
    assert cache.get_many(store, ["b", "c"], fetch) == {"b": "B", "c": "C"}
    assert asked == [["a", "b", "none"], ["c"]]
    cache.get_many(store, ["d"], fetch)  # a (least recently used) makes room
    assert cache.peek(store, "a") is None and cache.peek(store, "b") == "B"


def test_a_closed_store_is_released_with_its_values() -> None:
    store = open_store("memory:")
    cache: StoreCache[str, list[int]] = StoreCache()
    cache.get(store, "k", lambda: [1, 2, 3])
    gone = weakref.ref(store)
    store.close()
    del store
    gc.collect()
    assert gone() is None  # the cache held it weakly


def test_a_frozen_owner_keeps_its_values_while_it_lives() -> None:
    class Owner:
        pass

    owner = Owner()
    cache: FrozenCache[str, int] = FrozenCache()
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return 7

    assert cache.get(owner, "k", build) == 7
    assert cache.get(owner, "k", build) == 7
    assert calls == [1]
