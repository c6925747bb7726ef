"""A read-only mapping that the next generation makes from the last by a few changes, in time
proportional to the changes, not to the mapping.

The read model's state is immutable: a reader holding one generation never sees it change. A
write made the next state by copying each of its dicts whole and changing a few keys: at 1M
triples some 25 ms of the interpreter lock per write, however few claims it touched, while
every reader waited. Here a generation is a shared base dict, never changed once shared, and a
small dict of the keys changed since the base was made (``_GONE``: removed). The next
generation copies only that small dict; when it grows past a fraction of the base, the two are
merged into a new base (a copy, paid once in many writes).

Iteration follows a dict's order under the same changes (a key set again after its removal,
or replaced through ``updated``, moves to the end), so a state followed write by write lists
what a state built whole would list.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

#: Marks a key removed in the top layer.
_GONE: Any = object()
_MISSING: Any = object()
#: The changes past which the layers are merged: at least this many keys...
MERGE_AT_LEAST = 256
#: ...and at least this fraction of the base (each merge copies the base once).
MERGE_FRACTION = 16


class Layered(Mapping[K, V], Generic[K, V]):
    """An immutable mapping: ``base`` (shared, never modified) overlaid by ``top``."""

    __slots__ = ("_base", "_size", "_top")

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._base: dict[K, V] = dict(items)
        self._top: dict[K, V] = {}
        self._size = len(self._base)

    @classmethod
    def of(cls, mapping: Mapping[K, V]) -> Layered[K, V]:
        """``mapping`` itself when it is one, else a layered copy of it."""
        return mapping if isinstance(mapping, Layered) else cls(mapping)

    def __getitem__(self, key: K) -> V:
        value = self._top.get(key, _MISSING)
        if value is _MISSING:
            return self._base[key]
        if value is _GONE:
            raise KeyError(key)
        return value

    def get(self, key: K, default: Any = None) -> Any:
        value = self._top.get(key, _MISSING)
        if value is _MISSING:
            return self._base.get(key, default)
        return default if value is _GONE else value

    def __contains__(self, key: object) -> bool:
        value = self._top.get(key, _MISSING)  # type: ignore[arg-type]  # any key
        return key in self._base if value is _MISSING else value is not _GONE

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[K]:
        top = self._top
        if not top:
            yield from self._base
            return
        for key in self._base:
            if key not in top:
                yield key
        for key, value in top.items():
            if value is not _GONE:
                yield key

    def __repr__(self) -> str:
        return f"Layered({dict(self.items())!r})"

    def updated(self, put: Mapping[K, V] | Iterable[tuple[K, V]] = (),
                drop: Iterable[K] = ()) -> Layered[K, V]:  # fmt: skip
        """The next generation: ``drop``'s keys removed, then ``put``'s set (each moved to the
        end, as ``dict.pop`` then a store would). This one is left as it was."""
        base, top = self._base, dict(self._top)
        size = self._size

        def present(key: K) -> bool:
            value = top.get(key, _MISSING)
            return key in base if value is _MISSING else value is not _GONE

        for key in drop:
            if present(key):
                size -= 1
            top.pop(key, None)
            if key in base:
                top[key] = _GONE
        for key, value in put.items() if isinstance(put, Mapping) else put:
            if not present(key):
                size += 1
            top.pop(key, None)
            top[key] = value
        following: Layered[K, V] = Layered.__new__(Layered)
        if len(top) > max(MERGE_AT_LEAST, len(base) // MERGE_FRACTION):
            merged = {k: v for k, v in base.items() if k not in top}
            merged.update((k, v) for k, v in top.items() if v is not _GONE)
            following._base, following._top = merged, {}
        else:
            following._base, following._top = base, top
        following._size = size
        return following


#: Sets smaller than this are made again whole by a write (a copy cheaper than the layers).
LAYER_SETS_FROM = 2048


class LayeredSet(AbstractSet[str]):
    """An immutable set kept as a shared frozenset and the members added and removed since.

    A claim filed under a broad key (its type, its origin, a reporting side, a state read by
    thousands of claims) made the key's frozenset again on every write: tens of thousands of
    members copied, twice, for each such key a write touched (11 of the 25 ms a write's state
    took at 1M triples). The whole set is made here when first asked for (``whole``: by the
    reader that needs it, once per generation, and only for the keys read) and becomes the
    next generation's base.
    """

    __slots__ = ("_added", "_base", "_removed", "_whole")

    def __init__(self, base: frozenset[str], added: frozenset[str] = frozenset(),
                 removed: frozenset[str] = frozenset()) -> None:  # fmt: skip
        # added: none of base; removed: all in base
        self._base, self._added, self._removed = base, added, removed
        self._whole: frozenset[str] | None = None if added or removed else base

    def whole(self) -> frozenset[str]:
        """The members as one frozenset (made on the first call; two threads making it at
        once make equal sets)."""
        whole = self._whole
        if whole is None:
            whole = self._whole = (self._base - self._removed) | self._added
        return whole

    def __contains__(self, member: object) -> bool:
        whole = self._whole
        if whole is not None:
            return member in whole
        return member in self._added or (member in self._base and member not in self._removed)

    def __len__(self) -> int:
        return len(self._base) - len(self._removed) + len(self._added)

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    @classmethod
    def _from_iterable(cls, members: Iterable[str]) -> frozenset[str]:  # type: ignore[override]
        """What ``&``, ``|`` and ``-`` with another set make: a frozenset."""
        return frozenset(members)

    def __repr__(self) -> str:
        return f"LayeredSet({set(self.whole())!r})"


def edited(members: AbstractSet[str], added: AbstractSet[str],
           removed: AbstractSet[str]) -> AbstractSet[str]:  # fmt: skip
    """``members`` without ``removed`` and with ``added`` (disjoint): a frozenset made again
    when small, else a ``LayeredSet`` sharing the last one's base (or its whole set, once
    made); ``members`` is left as it was."""
    plus: frozenset[str]
    minus: frozenset[str]
    if isinstance(members, LayeredSet):
        if members._whole is not None:
            base, plus, minus = members._whole, frozenset(), frozenset()
        else:
            base, plus, minus = members._base, members._added, members._removed
    else:
        base, plus, minus = frozenset(members), frozenset(), frozenset()
    if len(base) < LAYER_SETS_FROM:
        return (base - minus | plus) - removed | added
    plus = (plus - removed) | frozenset(m for m in added if m not in base)
    minus = (minus - added) | frozenset(m for m in removed if m in base)
    if len(plus) + len(minus) > max(MERGE_AT_LEAST, len(base) // MERGE_FRACTION):
        return (base - minus) | plus
    return LayeredSet(base, plus, minus)
