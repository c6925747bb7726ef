"""The run every list shares: find → keep what matches ``q`` → slice the page → fetch the details.

Only the page's items are fetched in full: one query for the whole list's ids, one for the
fields of the few shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from api.pagination import Paging, page
from graph.lookups.labels import LabelIndex

T = TypeVar("T")


def matching(
    items: list[T],
    *,
    index: LabelIndex,
    q: str | None,
    kind: str,
    key: Callable[[T], str] = str,
    best_first: bool = False,
) -> list[T]:
    """The items whose IRI (``key``) the search text matches, all of them without ``q``; in
    their own order, or best matches first (exact, prefix, anywhere; a primary name first)."""
    if q is None:
        return items
    hits = index.match(q, kinds={kind})
    found = [item for item in items if key(item) in hits]
    if best_first:
        found.sort(key=lambda item: (hits[key(item)].quality, not hits[key(item)].entry.primary))
    return found


def list_page(
    iris: Sequence[str], *, paged: Paging, details: Callable[[list[str]], Mapping[str, Any]]
) -> dict[str, Any]:
    """The page of ``iris`` that ``paged`` asks for, each item as ``details`` gives it (an IRI
    it has no details for is left out); ``total`` counts the whole list."""
    shown = list(paged.slice(iris))
    found = details(shown)
    return page([found[i] for i in shown if i in found], len(iris), paged)
