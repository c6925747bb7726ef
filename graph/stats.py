"""Counts per class and per named graph, for ``diplograph stats`` and ``/stats``."""

from __future__ import annotations

from graph import queries
from graph.store import GraphStore


def class_counts(store: GraphStore) -> list[tuple[str, int]]:
    """(class IRI, instances), inferred superclasses included, largest first."""
    rows = store.select(queries.load("class-counts"))
    return [(str(r["class"]), int(r["n"].toPython())) for r in rows]  # type: ignore[attr-defined]  # the value is a Literal; rdflib types it Node


def graph_counts(store: GraphStore) -> list[tuple[str, int]]:
    """(named graph IRI, triples) for every graph, so each triple's origin is visible."""
    return [(name, store.quad_count(name)) for name in store.graph_names()]
