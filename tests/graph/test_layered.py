"""The read model's layered mapping and set behave as a dict and a frozenset changed alike,
and a generation never changes once the next is made from it."""

from __future__ import annotations

import random

import pytest

from graph.readmodel import layered
from graph.readmodel.layered import Layered, LayeredSet, edited


@pytest.mark.parametrize("merge_at", [1, 3, 1_000])
def test_a_layered_mapping_lists_what_a_dict_changed_alike_lists(
        merge_at: int, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(layered, "MERGE_AT_LEAST", merge_at)
    rnd = random.Random(merge_at)
    for _ in range(100):
        plain: dict[int, float] = {}
        kept: Layered[int, float] = Layered()
        generations = []
        for _ in range(30):
            drop = [rnd.randrange(20) for _ in range(rnd.randrange(4))]
            put = [(rnd.randrange(20), rnd.random()) for _ in range(rnd.randrange(5))]
            for key in drop:
                plain.pop(key, None)
            for key, value in put:
                plain.pop(key, None)  # as the read model did: a key set again moves last
                plain[key] = value
            kept = kept.updated(put, drop)
            generations.append((dict(plain), list(plain), kept))
            assert list(kept.items()) == list(plain.items())
            assert len(kept) == len(plain)
            for key in range(22):
                assert (key in kept) == (key in plain)
                assert kept.get(key, -1) == plain.get(key, -1)
                if key not in plain:
                    with pytest.raises(KeyError):
                        kept[key]
        for contents, order, generation in generations:  # none changed since it was made
            assert dict(generation) == contents and list(generation) == order


@pytest.mark.parametrize("merge_at", [1, 1_000])
def test_a_layered_set_holds_what_a_frozenset_changed_alike_holds(
        merge_at: int, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(layered, "MERGE_AT_LEAST", merge_at)
    monkeypatch.setattr(layered, "LAYER_SETS_FROM", 4)
    rnd = random.Random(merge_at)
    names = [f"m{i}" for i in range(40)]
    for _ in range(100):
        plain: frozenset[str] = frozenset(rnd.sample(names, 10))
        kept: object = plain
        generations = []
        for step in range(20):
            added = set(rnd.sample(names, rnd.randrange(4)))
            removed = set(rnd.sample(names, rnd.randrange(4))) - added
            plain = (plain - removed) | added
            kept = edited(kept, added, removed)  # type: ignore[arg-type]
            if step % 3 == 0 and isinstance(kept, LayeredSet):
                kept.whole()  # made by a reader: the next generation's base
            generations.append((plain, kept))
            assert kept == plain and len(kept) == len(plain)  # type: ignore[arg-type]
            assert all((n in kept) == (n in plain) for n in names)  # type: ignore[operator]
            assert set(kept) == plain  # type: ignore[call-overload]
        assert any(isinstance(k, LayeredSet) for _, k in generations)
        for contents, generation in generations:
            assert generation == contents


def test_set_operations_on_a_layered_set_give_frozensets() -> None:
    members = LayeredSet(frozenset({"a", "b", "c"}), frozenset({"d"}), frozenset({"a"}))
    assert members & {"b", "x"} == frozenset({"b"})
    assert isinstance(members & {"b"}, frozenset)
    assert {"x"} | members == {"x", "b", "c", "d"}
    grown: set[str] = set()
    grown.update(members)
    assert grown == {"b", "c", "d"}
