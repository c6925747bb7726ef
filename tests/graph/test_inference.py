"""Incremental inference: after any series of writes, the inferred graph is what a full
rebuild from the same data gives (``graph.inference``), on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph.inference import subject_inference_update, touched_subjects
from graph.namespaces import DG, INFERRED_GRAPH, ONTOLOGY_GRAPH, entity_iri, graph_iri
from graph.paths import CURATED_DIR, ONTOLOGY_DIR
from graph.store import GraphStore
from tests.support.backends import BACKENDS, open_backend

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
    assert subject_inference_update([]) == ""
