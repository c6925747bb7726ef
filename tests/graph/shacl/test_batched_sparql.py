"""SPARQL constraints asked once for all focus nodes (``graph.shacl.batched_sparql``).

The batch must find exactly the focus nodes for which the constraint's query, ``$this``
pre-bound as pyshacl binds it, has rows: a node it missed would never be checked.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.term import Node

from graph.namespaces import DG
from graph.rdf.terms import to_ox
from graph.shacl.batched_sparql import batch_text
from graph.shacl.oxigraph_sparql import OxigraphQueryGraph
from graph.shacl.validate import validate

ROOT = Path(__file__).resolve().parents[3]
SH = Namespace("http://www.w3.org/ns/shacl#")
EX = Namespace("http://example.org/")


def _shapes() -> Graph:
    shapes = Graph()
    for path in sorted((ROOT / "shapes").glob("*.ttl")):
        shapes.parse(path)
    return shapes


def _constraints(shapes: Graph) -> list[str]:
    """Every ``sh:select`` of the shapes, with the prefixes its shape declares."""
    prefixes = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
                       for d in shapes.objects(None, SH.declare))  # fmt: skip
    return sorted(prefixes + str(text) for text in shapes.objects(None, SH.select))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _shapes()


FIXTURES = sorted((ROOT / "tests" / "shapes").glob("*/*.ttl"))


def _union(paths: list[Path], graph: Graph) -> Graph:
    for path in paths:
        graph.parse(path)
    return graph


@pytest.fixture(scope="module")
def data() -> OxigraphQueryGraph:
    """The curated graph and every shape fixture, valid and invalid, in one graph."""
    graph = _union(sorted((ROOT / "data" / "curated").glob("*.ttl")), OxigraphQueryGraph())
    return _union(FIXTURES, graph)  # type: ignore[return-value]


def _per_node(graph: OxigraphQueryGraph, text: str, nodes: list[Node]) -> set[Node]:
    """The nodes whose query, ``$this`` substituted as pyshacl's pre-binding does, has rows."""
    engine = ox.Store()
    blank: dict[Node, ox.BlankNode] = {}

    def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(node, BNode):  # an rdflib label need not be a valid Oxigraph id
            return blank.setdefault(node, ox.BlankNode())
        return to_ox(node)

    engine.extend(ox.Quad(term(s), term(p), term(o)) for s, p, o in graph)  # type: ignore[arg-type]
    return {node for node in nodes
            if next(iter(engine.query(text, substitutions={ox.Variable("this"): term(node)})),
                    None) is not None}  # fmt: skip


def test_every_constraint_of_the_shapes_is_asked_in_one_query(shapes: Graph) -> None:
    refused = [text for text in _constraints(shapes) if batch_text(text) is None]
    assert not refused, f"these constraints would run once per focus node: {refused}"


def test_the_batch_finds_exactly_the_nodes_with_rows(
    shapes: Graph, data: OxigraphQueryGraph
) -> None:
    """Every node of the fixtures (each breaks or passes a shape), every fifth of the rest."""
    fixtures = set(_union(FIXTURES, Graph()).subjects())
    rest = sorted(set(data.subjects()) - fixtures, key=str)
    nodes = [*fixtures, *rest[::5]]
    with_rows = 0
    for text in _constraints(shapes):
        batched = batch_text(text)
        assert batched is not None
        expected = _per_node(data, text, nodes)
        assert data.nodes_with_rows(batched, {}, nodes) == expected, text
        with_rows += bool(expected)
    assert with_rows >= 20  # the invalid fixtures give most constraints rows to find


def _selected(where: str) -> str:
    return f"PREFIX dg: <{DG}>\nSELECT $this ?value WHERE {{ {where} }}"


@pytest.mark.parametrize("where", [
    "$this dg:p ?value . MINUS { ?value dg:q ?x }",
    "{ SELECT ?value WHERE { $this dg:p ?value } }",
    "$this dg:p ?value . VALUES ?value { 1 2 }",
    "GRAPH ?g { $this dg:p ?value }",
    "$this dg:p ?value } GROUP BY $this ?value HAVING (COUNT(?value) > 1",
    "$this dg:p ?value } LIMIT 1 {",
    "?x dg:p ?value",  # $this nowhere in the pattern: the same rows for every node
])
def test_forms_a_head_join_would_change_keep_per_node_queries(where: str) -> None:
    assert batch_text(_selected(where)) is None


@pytest.mark.parametrize("where", [
    '$this dg:p "MINUS { VALUES" .',  # keywords in a string
    "$this dg:p <http://example.org/GRAPH#LIMIT> .",  # in an IRI
    "$this dg:minus ?value . # ORDER BY in a comment\n",
    "$this dg:p ?value . FILTER NOT EXISTS { ?value dg:q $this }",
])
def test_words_outside_the_syntax_do_not_count(where: str) -> None:
    assert batch_text(_selected(where)) is not None


def test_this_in_a_union_branch_is_bound_there() -> None:
    """In a branch, ``$this`` used only by a filter is unbound unless the head opens the
    branch too: a node without ``dg:p`` must be found, one with it not."""
    text = _selected('{ FILTER NOT EXISTS { $this dg:p ?x } BIND ("none" AS ?value) } '
                     "UNION { $this dg:q ?value }")  # fmt: skip
    graph = OxigraphQueryGraph()
    graph.add((EX.a, DG.p, Literal(1)))
    graph.add((EX.b, DG.q, Literal(2)))
    nodes = [EX.a, EX.b, EX.c]
    batched = batch_text(text)
    assert batched is not None
    assert graph.nodes_with_rows(batched, {}, nodes) == _per_node(graph, text, nodes) \
        == {EX.b, EX.c}


def test_blank_focus_nodes_and_no_trace_left() -> None:
    node = BNode()
    graph = OxigraphQueryGraph()
    graph.add((node, DG.p, Literal(1)))
    batched = batch_text(_selected("$this dg:p ?value"))
    assert batched is not None
    assert graph.nodes_with_rows(batched, {}, [node, EX.a]) == {node}
    assert graph.nodes_with_rows(batched, {}, [EX.a]) == set()
    assert not graph.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")  # no focus graph left


def _sparql_fixtures(shapes: Graph) -> list[Path]:
    """Of each shape with a SPARQL constraint, the valid fixtures and the first invalid one."""
    names = {str(shape).rsplit("#", 1)[-1] for shape in shapes.subjects(SH.sparql, None)}
    chosen = []
    for folder in sorted(p for p in (ROOT / "tests" / "shapes").iterdir() if p.name in names):
        files = sorted(folder.glob("*.ttl"))
        chosen += [f for f in files if f.name.startswith("valid")]
        chosen += [f for f in files if f.name.startswith("invalid")][:1]
    return chosen


def test_the_fixtures_at_once_are_judged_as_node_by_node(
    shapes: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batched or not, the same report, on a graph where each SPARQL constraint has many
    focus nodes and some of them break it."""
    from graph.shacl import batched_sparql

    data = _union(_sparql_fixtures(shapes), Graph())

    def report() -> list[tuple[str, ...]]:
        result = validate(data)
        return [tuple(str(x) for x in (v.focus_node, v.source_shape, v.path, v.value,
                                       v.message, v.severity))
                for v in [*result.violations, *result.warnings]]  # fmt: skip

    asked: list[int] = []
    with_rows = batched_sparql._with_rows
    monkeypatch.setattr(batched_sparql, "_with_rows",
                        lambda *a: asked.append(len(a[2])) or with_rows(*a))  # fmt: skip
    batched = report()
    assert max(asked) > 10  # the batch ran, on many nodes at once
    monkeypatch.setattr(batched_sparql, "_with_rows", lambda *a: None)
    assert report() == batched
    assert len({v[1] for v in batched}) >= 20  # most constraints broken by some node
