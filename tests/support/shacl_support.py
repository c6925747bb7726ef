"""Helpers of the SHACL tests: a record of the queries rdflib's own engine runs."""

from __future__ import annotations

import pytest
from rdflib import Graph

from graph.shacl.oxigraph_sparql import OxigraphQueryGraph


def rdflib_queries(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The queries rdflib's engine runs on an ``OxigraphQueryGraph`` from now on (it still
    runs them: this only records them), so a test can say Oxigraph answered alone."""
    seen: list[object] = []
    real = Graph.query

    def query(self: Graph, query_object: object, *args: object, **kwargs: object) -> object:
        if isinstance(self, OxigraphQueryGraph):
            seen.append(query_object)
        return real(self, query_object, *args, **kwargs)  # type: ignore[arg-type]  # passed through as rdflib received it

    monkeypatch.setattr(Graph, "query", query)
    return seen
