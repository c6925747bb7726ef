"""The store contract, run against every backend that can run here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph.namespaces import DG, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, graph_iri
from graph.store import GraphStore, ReadOnlyStoreError, StoreError, open_store

EX = "http://example.org/"
G1 = graph_iri("file", "one")
G2 = graph_iri("file", "two")
HOSTILE = [
    'quote " and \\" backslash-quote',
    "} UNION { ?s ?p ?o }",
    'multi\nline\r\nvalue ending in \\"',
    "tab\there",
    "王毅 왕이 مرحبا",
    "x" * 20_000,
]


def _graph(*triples: tuple) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def _ontology() -> Graph:
    return _graph(
        (DG.Demand, URIRef(PREFIXES["rdfs"] + "subClassOf"), DG.Claim),
        (DG.holder, URIRef(PREFIXES["rdfs"] + "subPropertyOf"), URIRef(PREFIXES["org"] + "member")),
    )


@pytest.fixture(params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[GraphStore]:
    spec = f"oxigraph:{tmp_path / 'db'}" if request.param == "oxigraph" else "memory:"
    db = open_store(spec)
    yield db
    db.close()


def test_replace_is_idempotent(store: GraphStore) -> None:
    data = _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("1")))
    store.replace_graphs({G1: data})
    store.replace_graphs({G1: data})
    assert store.quad_count(G1) == 1
    store.replace_graphs({G1: _graph((URIRef(EX + "b"), URIRef(EX + "p"), Literal("2")))})
    assert store.select("SELECT ?s WHERE { ?s ?p ?o }") == [{"s": URIRef(EX + "b")}]


def test_named_graphs_record_origin(store: GraphStore) -> None:
    store.replace_graphs(
        {
            G1: _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("1"))),
            G2: _graph((URIRef(EX + "b"), URIRef(EX + "p"), Literal("2"))),
        }
    )
    rows = store.select(
        "SELECT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", {"s": URIRef(EX + "b")}
    )
    assert rows == [{"s": URIRef(EX + "b"), "g": URIRef(G2)}]
    store.replace_graphs({}, drop=[G1])
    assert G1 not in store.graph_names()
    assert G2 in store.graph_names()


def test_types_and_properties_are_materialised(store: GraphStore) -> None:
    claim = URIRef(EX + "c")
    store.replace_graphs(
        {
            ONTOLOGY_GRAPH: _ontology(),
            G1: _graph(
                (claim, RDF.type, DG.Demand), (URIRef(EX + "h"), DG.holder, URIRef(EX + "p"))
            ),
        }
    )
    q = f"PREFIX dg: <{DG}> SELECT ?c WHERE {{ ?c a dg:Claim }}"
    assert store.select(q, {"c": claim}) == [{"c": claim}]
    q = "PREFIX org: <http://www.w3.org/ns/org#> ASK { ?h org:member ?p }"
    assert store.ask(q)
    # the inferred graph is rebuilt, not appended to, when the data goes away
    store.replace_graphs({}, drop=[G1])
    assert not store.ask(f"PREFIX dg: <{DG}> ASK {{ ?c a dg:Claim }}")
    assert store.quad_count(INFERRED_GRAPH) == 0


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:20]))
def test_bindings_are_values_never_text(store: GraphStore, value: str) -> None:
    secret = _graph((URIRef(EX + "secret"), URIRef(EX + "label"), Literal("hidden")))
    store.replace_graphs(
        {G1: _graph((URIRef(EX + "a"), URIRef(EX + "label"), Literal(value))), G2: secret}
    )
    q = "SELECT ?s ?label WHERE { ?s <http://example.org/label> ?label }"
    assert [r["s"] for r in store.select(q, {"label": Literal(value)})] == [URIRef(EX + "a")]
    assert store.select(q, {"label": Literal(value + "?")}) == []


@pytest.mark.parametrize("value", ["tab\there", "cr\rlf\n", "nul-free \u2028 sep", "emoji 🕊"])
def test_literals_round_trip_exactly(store: GraphStore, value: str) -> None:
    store.replace_graphs({G1: _graph((URIRef(EX + "d"), DG.text, Literal(value)))})
    (row,) = store.select("SELECT ?t WHERE { ?d ?p ?t }")
    assert str(row["t"]) == value


def test_failed_update_changes_nothing(store: GraphStore) -> None:
    store.replace_graphs({G1: _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("1")))})
    before = store.quad_count()
    with pytest.raises(StoreError):
        store.update(
            f"INSERT DATA {{ GRAPH <{G2}> {{ <{EX}z> <{EX}p> 1 }} }} ; THIS IS NOT SPARQL"
        )
    assert store.quad_count() == before
    assert G2 not in store.graph_names()


def test_read_only_oxigraph_refuses_writes_and_reads_while_writer_open(tmp_path) -> None:
    path = tmp_path / "db"
    writer = open_store(f"oxigraph:{path}")
    writer.replace_graphs({G1: _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("1")))})
    writer.flush()  # type: ignore[attr-defined]
    reader = open_store(f"oxigraph:{path}", read_only=True)
    assert reader.quad_count(G1) == 1
    with pytest.raises(ReadOnlyStoreError):
        reader.replace_graphs({G2: Graph()})
    reader.close()
    writer.close()


def test_bad_store_settings_are_named() -> None:
    with pytest.raises(StoreError, match="unknown store kind"):
        open_store("postgres:whatever")
    with pytest.raises(StoreError, match="expected oxigraph:PATH"):
        open_store("nonsense")


def test_read_only_store_must_exist(tmp_path) -> None:
    with pytest.raises(StoreError, match="diplograph load"):
        open_store(f"oxigraph:{tmp_path / 'missing'}", read_only=True)
