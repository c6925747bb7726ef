"""``select_soon`` (graph.lookups.sparql): the views' large queries are evaluated and serialised
in a thread and read back with Oxigraph's TSV parser. The rows must be exactly those ``select``
reads from the live solutions, for every term a store can hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from graph.lookups.sparql import select, select_soon
from graph.namespaces import graph_iri
from graph.paths import QUERIES_DIR
from graph.store import GraphStore, StoreError, open_store
from graph.store.oxigraph import OxigraphStore
from graph.views.registry import Filters
from tests.support.extract_support import load_reference

EX = "https://example.org/"
#: Literals whose TSV form needs escapes, a short form (numbers, booleans) or a suffix.
AWKWARD = [
    Literal("tab\there, newline\nthere, return\r, quote \" and backslash \\ end"),
    Literal('ends with a quote"'),
    Literal("ends with a backslash\\"),
    Literal(""),
    Literal("  spaces kept  "),
    Literal("中美关系 and 🇺🇸 and 한미"),
    Literal("colour", lang="en-GB"),
    Literal("Beziehungen", lang="de"),
    Literal("042", datatype=XSD.integer),
    Literal("-7", datatype=XSD.integer),
    Literal("3.50", datatype=XSD.decimal),
    Literal("1e3", datatype=XSD.double),
    Literal("INF", datatype=XSD.double),
    Literal("true", datatype=XSD.boolean),
    Literal("1", datatype=XSD.boolean),
    Literal("2023-11-15", datatype=XSD.date),
    Literal("not a date", datatype=XSD.date),
    Literal("x", datatype=URIRef(EX + "custom#type")),
    Literal("<b>tag</b>", datatype=URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML")),
]


@pytest.fixture()
def awkward(tmp_path: Path) -> GraphStore:
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    graph = Graph()
    node = BNode()
    for i, value in enumerate(AWKWARD):
        graph.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), value))
    graph.add((URIRef(EX + "s"), URIRef(EX + "q"), node))
    graph.add((node, URIRef(EX + "r"), URIRef(EX + "iri?with=query&and#fragment")))
    store.replace_graphs({graph_iri("file", "awkward"): graph})
    return store


def test_every_kind_of_term_reads_back_as_select_reads_it(awkward: GraphStore) -> None:
    assert isinstance(awkward, OxigraphStore)
    expected = select(awkward, "views-full-triples")
    assert len(expected) == len(AWKWARD) + 2
    assert select_soon(awkward, "views-full-triples")() == expected


#: The bindings each views query is run with, as graph/views/builders.py runs it.
WINDOW = Filters().bindings()
BINDINGS = {"views-attendance": WINDOW, "views-full-scope": WINDOW,
            "views-holdings": {k: WINDOW[k] for k in ("since", "until")}}


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERIES_DIR.glob("views-*.rq")))
def test_the_views_queries_read_the_same_on_the_bundled_graph(
    bundled_store: GraphStore, name: str
) -> None:
    expected = select(bundled_store, name, BINDINGS.get(name))
    assert expected, f"{name} answers nothing on the bundled graph: the test would prove nothing"
    assert select_soon(bundled_store, name, BINDINGS.get(name))() == expected


def test_other_stores_answer_when_asked() -> None:
    store = open_store("memory:")
    load_reference(store)
    assert select_soon(store, "views-topics")() == select(store, "views-topics")


def test_an_error_reaches_the_caller_when_it_asks(awkward: GraphStore) -> None:
    rows = select_soon(awkward, "materialise-types")  # an update, not a lookup query
    with pytest.raises(StoreError):
        rows()
