"""Transitive closure of a hierarchy (``rdfs:subClassOf``, ``rdfs:subPropertyOf``) in Python.

Several places need the ontology's hierarchy as plain data rather than as a property path: the
bulk loader's inference, the remote backend's re-inference, the validator's focus targets.
They all close the direct links here.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def ancestors(links: Iterable[tuple[N, N]]) -> dict[N, set[N]]:
    """Each node that has a parent, with every node reachable by one or more links up
    (``subClassOf+``: a node is its own ancestor only through a cycle)."""
    parents: dict[N, set[N]] = {}
    for child, parent in links:
        parents.setdefault(child, set()).add(parent)
    closed: dict[N, set[N]] = {}
    for start, direct in parents.items():
        seen: set[N] = set()
        todo = list(direct)
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(parents.get(node, ()))
        closed[start] = seen
    return closed
