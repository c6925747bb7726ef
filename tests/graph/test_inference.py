"""Inference (``graph.inference``): after any series of writes, the inferred graph is what a
full rebuild from the same data gives, on every backend; and the four strategies (full,
per subject, bulk, remote) derive the same triples from the same data."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph import inference, queries
from graph.inference import subject_update, touched_subjects
from graph.namespaces import (
    DG,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    entity_iri,
    graph_iri,
    sparql_prologue,
)
from graph.paths import CURATED_DIR, ONTOLOGY_DIR
from graph.store import GraphStore, open_store
from graph.store.oxigraph import OxigraphStore
from graph.store.remote import writes as rw
from graph.store.remote.client import RemoteStore
from graph.write.files import load
from tests.support.backends import BACKENDS, open_backend
from tests.support.virtuoso import Virtuoso

ACTORS = graph_iri("curated", "actors")
NEW = graph_iri("file", "new")
FILES = [*sorted(ONTOLOGY_DIR.glob("*.ttl")), CURATED_DIR / "actors.ttl",
         CURATED_DIR / "engagements.ttl"]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    db = open_backend(request, tmp_path, FILES)
    yield db
    db.close()


def _rebuilt(store: GraphStore) -> set[tuple[object, object, object]]:
    """The inferred graph as a full rebuild makes it (``update`` always rebuilds it whole)."""
    store.update(f"DROP SILENT GRAPH <{graph_iri('file', 'nothing')}>")
    return set(store.graph(INFERRED_GRAPH))


def _person(slug: str) -> Graph:
    graph = Graph()
    person = URIRef(entity_iri("actor", slug))
    graph.add((person, RDF.type, DG.Person))
    graph.add((person, RDFS.label, Literal(slug, lang="en")))
    graph.add((person, DG.country, URIRef(entity_iri("actor", "china"))))
    return graph


def test_inferred_graph_equals_a_full_rebuild_after_writes(store: GraphStore) -> None:
    wang_yi = URIRef(entity_iri("actor", "wang-yi"))
    holding = next(store.graph(ACTORS).subjects(RDF.type, DG.PostHolding))
    steps: list[tuple[dict[str, Graph], list[str]]] = []
    steps.append(({NEW: _person("new-person")}, []))                          # insert
    actors = store.graph(ACTORS)
    actors.remove((wang_yi, None, None))                                     # remove a node
    actors.remove((holding, DG.holder, None))                                # and a sub-property
    steps.append(({ACTORS: actors}, []))                                     # replace
    steps.append(({NEW: _person("other-person")}, []))                      # replace again
    steps.append(({}, [NEW]))                                                # delete
    for graphs, drop in steps:
        store.replace_graphs(graphs, drop=drop)
        incremental = set(store.graph(INFERRED_GRAPH))
        assert incremental == _rebuilt(store)
    inferred = store.graph(INFERRED_GRAPH)
    assert (wang_yi, RDF.type, DG.Actor) not in inferred
    assert (holding, URIRef("http://www.w3.org/ns/org#member"), None) not in inferred
    assert (URIRef(entity_iri("actor", "new-person")), RDF.type, DG.Actor) not in inferred


def test_inferred_triples_of_a_new_subject_appear(store: GraphStore) -> None:
    store.replace_graphs({NEW: _person("new-person")})
    person = URIRef(entity_iri("actor", "new-person"))
    assert (person, RDF.type, DG.Actor) in store.graph(INFERRED_GRAPH)


def test_ontology_and_blank_node_writes_rebuild_everything() -> None:
    ontology = Graph()
    assert touched_subjects([], {ONTOLOGY_GRAPH: ontology}, []) is None
    assert touched_subjects([], {}, [ONTOLOGY_GRAPH]) is None
    assert touched_subjects([], {NEW: _person("x")}, []) == {URIRef(entity_iri("actor", "x"))}
    assert subject_update([]) == ""


# -- the strategies, side by side --------------------------------------------------------------
Triples = set[tuple[object, object, object]]


def _subjects(store: GraphStore) -> set[URIRef]:
    """Every subject stored outside the inferred graph (IRIs only: the data has no blank ones)."""
    found = {s for name in store.graph_names() if name != INFERRED_GRAPH
             for s in store.graph(name).subjects()}
    assert not any(isinstance(s, BNode) for s in found)
    return found  # type: ignore[return-value]  # IRIs only: asserted just above


@pytest.fixture(scope="module")
def full() -> Triples:
    """The inferred graph as materialise-types.ru builds it on the embedded store."""
    store = open_store("oxigraph:")
    load(store, FILES, validate_first=False)
    inferred = _rebuilt(store)
    store.close()
    person = URIRef(entity_iri("actor", "wang-yi"))
    assert (person, RDF.type, DG.Actor) in inferred  # a superclass
    assert any(p == URIRef("http://www.w3.org/ns/org#member") for _s, p, _o in inferred)
    return inferred


def test_per_subject_and_bulk_inference_agree_with_a_full_rebuild(full: Triples) -> None:
    store = open_store("oxigraph:")
    assert isinstance(store, OxigraphStore)
    load(store, FILES, validate_first=False)
    engine, inferred = store.engine, ox.NamedNode(INFERRED_GRAPH)
    subjects = _subjects(store)

    engine.remove_graph(inferred)  # per subject: every subject listed, nothing left to keep
    engine.update(sparql_prologue() + subject_update(subjects))
    assert set(store.graph(INFERRED_GRAPH)) == full

    with ThreadPoolExecutor(2) as pool:
        engine.remove_graph(inferred)  # bulk, from every graph
        inference.store_bulk_inferences(engine, [None], pool, rebuild=True)
        assert set(store.graph(INFERRED_GRAPH)) == full

        engine.remove_graph(inferred)  # bulk, one new graph at a time
        for name in store.graph_names():
            inference.store_bulk_inferences(engine, [ox.NamedNode(name)], pool, rebuild=False)
        assert set(store.graph(INFERRED_GRAPH)) == full
    store.close()


def test_bulk_inference_keeps_blank_nodes_and_runs_side_by_side() -> None:
    """Oxigraph's bulk loader renames blank nodes: a blank subject's inferences must still be
    about that node. In one thread or two, the same triples."""
    engine = ox.Store()
    engine.load(path=str(ONTOLOGY_DIR / "diplograph.ttl"), format=ox.RdfFormat.TURTLE,
                to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    blank, person = ox.BlankNode("someone"), ox.NamedNode(entity_iri("actor", "someone"))
    rdf_type, post = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(DG.post))
    new = ox.NamedNode(NEW)
    engine.extend([ox.Quad(blank, rdf_type, ox.NamedNode(str(DG.Person)), new),
                   ox.Quad(person, rdf_type, ox.NamedNode(str(DG.Person)), new),
                   ox.Quad(person, post, blank, new)])
    with ThreadPoolExecutor(1) as pool:
        inference.store_bulk_inferences(engine, [new], pool, rebuild=False)
    inferred = {(q.subject, q.predicate, q.object)
                for q in engine.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED_GRAPH))}
    actor = ox.NamedNode(str(DG.Actor))
    assert {(blank, rdf_type, actor), (person, rdf_type, actor),
            (person, ox.NamedNode("http://www.w3.org/ns/org#role"), blank)} <= inferred
    engine.remove_graph(ox.NamedNode(INFERRED_GRAPH))
    with ThreadPoolExecutor(2) as pool:
        inference.store_bulk_inferences(engine, [new], pool, rebuild=False)
    assert {(q.subject, q.predicate, q.object) for q in engine.quads_for_pattern(
        None, None, None, ox.NamedNode(INFERRED_GRAPH))} == inferred


def test_inferences_read_from_a_file_are_those_the_store_derives(tmp_path: Path) -> None:
    """The loader's thread: the same consequences as the CONSTRUCTs over the loaded graph, the
    triples counted as read; a blank node leaves the consequences to the store."""
    engine = ox.Store()
    engine.load(path=str(ONTOLOGY_DIR / "diplograph.ttl"), format=ox.RdfFormat.TURTLE,
                to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    person, post = entity_iri("actor", "someone"), entity_iri("post", "someone")
    lines = [f"<{person}> <{RDF.type}> <{DG.Person}> .", f"<{person}> <{DG.post}> <{post}> ."]
    path = tmp_path / "new.nt"
    path.write_text("\n".join([*lines, lines[0]]) + "\n", encoding="utf-8")  # one line twice
    read = inference.derive_from_file(engine, path, ox.RdfFormat.N_TRIPLES)
    assert read is not None and read.triples == 3 and read.chunks is not None
    engine.load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(NEW))
    from_store = b"".join(inference.bulk_derive(engine, query)
                          for query in inference.bulk_queries(engine, ox.NamedNode(NEW)))
    derived = set(b"".join(read.chunks).splitlines())
    assert derived == set(from_store.splitlines()) and len(derived) >= 3
    path.write_text(f"_:b <{RDF.type}> <{DG.Person}> .\n", encoding="utf-8")
    read = inference.derive_from_file(engine, path, ox.RdfFormat.N_TRIPLES)
    assert read is not None and read.chunks is None


def test_reading_a_file_for_its_inferences_stops_when_told(tmp_path: Path) -> None:
    """The loader failed: the thread stops at its next block rather than read the file out."""
    engine = ox.Store()
    path = tmp_path / "new.nt"
    path.write_text(f"<{entity_iri('actor', 'a')}> <{RDF.type}> <{DG.Person}> .\n",
                    encoding="utf-8")
    stop = threading.Event()
    assert inference.derive_from_file(engine, path, ox.RdfFormat.N_TRIPLES, stop) is not None
    stop.set()
    assert inference.derive_from_file(engine, path, ox.RdfFormat.N_TRIPLES, stop) is None


@pytest.mark.virtuoso
def test_remote_inference_agrees_with_the_embedded_strategies(
    full: Triples, virtuoso_server: Virtuoso
) -> None:
    """On a real Virtuoso: the full rebuild a load makes and the per-subject operations."""
    store = open_store(virtuoso_server.store_setting())
    assert isinstance(store, RemoteStore)
    store.replace_graphs({}, drop=store.graph_names())
    load(store, FILES, validate_first=False)  # with the ontology: the full remote rebuild
    assert set(store.graph(INFERRED_GRAPH)) == full

    store._client.update(queries.body("inferred-drop"))
    assert store.quad_count(INFERRED_GRAPH) == 0
    operations = inference.remote_subject_operations(
        store._stored_hierarchy(), store.settings.graph_prefix, _subjects(store))
    for request in rw.pack(operations, store.max_request_bytes):
        store._client.update(request)
    assert set(store.graph(INFERRED_GRAPH)) == full
    store.replace_graphs({}, drop=store.graph_names())
    store.close()
