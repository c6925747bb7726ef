"""SPARQL constraints decided by Oxigraph (``graph.shacl.oxigraph_sparql``), worded by rdflib.

The graph must answer exactly as rdflib's ``Graph.query`` would for what pyshacl reads of
it: whether a constraint query has rows and, when it has, the rows themselves.
"""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from graph.shacl.oxigraph_sparql import OxigraphQueryGraph
from tests.support.shacl_support import rdflib_queries

P = URIRef("http://example.org/p")
A = URIRef("http://example.org/a")
QUERY = "SELECT $this ?value WHERE { $this <http://example.org/p> ?value }"


def _rows(graph: Graph, this: object) -> list[dict[str, object]]:
    return [row.asdict() for row in graph.query(QUERY, initBindings={"this": this})]


def test_no_rows_is_oxigraphs_answer_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = OxigraphQueryGraph()
    graph.add((A, P, Literal("x")))
    seen = rdflib_queries(monkeypatch)
    result = graph.query(QUERY, initBindings={"this": URIRef("http://example.org/b")})
    assert not result and [str(v) for v in result.vars or []] == ["this", "value"]
    assert seen == []  # rdflib never parsed nor ran it
    assert _rows(graph, A) and len(seen) == 1  # rows: rdflib's, so the spy sees queries


def test_rows_are_rdflibs() -> None:
    graph = OxigraphQueryGraph()
    plain = Graph()
    for g in (graph, plain):
        g.add((A, P, Literal("x")))
    assert _rows(graph, A) == _rows(plain, A) == [{"this": A, "value": Literal("x")}]


def test_the_copy_follows_changes_to_the_graph() -> None:
    graph = OxigraphQueryGraph()
    assert _rows(graph, A) == []
    graph.add((A, P, Literal("x")))
    assert _rows(graph, A) == [{"this": A, "value": Literal("x")}]
    graph.remove((A, P, Literal("x")))
    assert _rows(graph, A) == []


def test_terms_oxigraph_refuses_are_left_to_rdflib() -> None:
    """A blank node label Oxigraph cannot take is renamed in its copy; a language tag it
    rejects sends every query to rdflib."""
    node = BNode("not an oxigraph/label")
    graph = OxigraphQueryGraph()
    graph.add((node, P, Literal("x")))
    assert _rows(graph, node) == [{"this": node, "value": Literal("x")}]
    assert _rows(graph, BNode("another")) == []
    odd = Literal("x", lang="en-abcdefghijk")  # a subtag longer than BCP 47 allows
    graph.add((A, P, odd))
    assert _rows(graph, A) == [{"this": A, "value": odd}]
