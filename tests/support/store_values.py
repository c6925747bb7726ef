"""The IRIs a test walks over, asked of the store it tests, so a case covers every value the
bundled graph has rather than a few picked by hand."""

from __future__ import annotations

from rdflib import URIRef

from graph.namespaces import sparql_prologue
from graph.store import GraphStore


def iris_where(store: GraphStore, where: str) -> list[URIRef]:
    """The distinct ``?x`` of the graph pattern ``where`` (a test's own constant), sorted."""
    rows = store.select(f"{sparql_prologue()}SELECT DISTINCT ?x WHERE {{ {where} }} ORDER BY ?x")
    return [URIRef(str(r["x"])) for r in rows]
