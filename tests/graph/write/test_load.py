"""Loading: one named graph per source, idempotent, validated, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph.audit import trail
from graph.namespaces import DG, INFERRED_GRAPH, ONTOLOGY_GRAPH, graph_iri
from graph.paths import CURATED_DIR, SOURCES_DIR
from graph.store import GraphStore, open_store
from graph.write.files import LoadError, ValidationFailed, bundled_files, document_text_graphs, load
from tests.support.paths import PROJECT_ROOT

BROKEN_CLAIM = """
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix claim: <https://w3id.org/diplograph/id/claim/> .
@prefix actor: <https://w3id.org/diplograph/id/actor/> .
claim:broken a dg:Demand ;
    dg:slug "broken" ;
    dg:claimant actor:wang-yi ;
    dg:statement "A demand with no topic, no origin and no source."@en .
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    """One validated load for the module: the tests below leave the store as they found it."""
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('load') / 'store'}")
    load(store)
    return store


def _snapshot(store: GraphStore) -> tuple[int, list[str]]:
    return store.quad_count(), store.graph_names()


def test_bundled_graph_loads_into_one_graph_per_source(loaded: GraphStore) -> None:
    names = set(loaded.graph_names())
    assert ONTOLOGY_GRAPH in names and INFERRED_GRAPH in names
    for path in CURATED_DIR.glob("*.ttl"):
        assert graph_iri("curated", path.stem) in names
    for source in SOURCES_DIR.glob("*.txt"):
        assert any(n.startswith(graph_iri("document", "")) for n in names), source


def test_loading_twice_changes_nothing(loaded: GraphStore) -> None:
    before, loads = _snapshot(loaded), trail.find(loaded)
    first = trail.read(loaded, loads[-1])
    assert first is not None and first.kind == "load" and first.removed == 0
    assert first.added == sum(loaded.quad_count(n) for n in first.graphs)
    load(loaded)
    assert _snapshot(loaded) == before  # the audit trail too: a load that changes nothing
    assert trail.find(loaded) == loads


def test_a_file_that_breaks_a_shape_is_refused_and_changes_nothing(
    loaded: GraphStore, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text(BROKEN_CLAIM, encoding="utf-8")
    before = _snapshot(loaded)
    with pytest.raises(ValidationFailed) as failure:
        load(loaded, [bad])
    focus = {str(v.focus_node) for v in failure.value.result.violations}
    assert "https://w3id.org/diplograph/id/claim/broken" in focus
    assert _snapshot(loaded) == before


def test_subclass_instances_answer_superclass_queries(loaded: GraphStore) -> None:
    rows = loaded.select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a <{DG}Claim> }}")
    total = int(rows[0]["n"].toPython())  # type: ignore[attr-defined]  # a count is a Literal; rdflib types it Node
    parts = 0
    for cls in ("Demand", "RedLine", "Commitment", "Consensus"):
        rows = loaded.select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a <{DG}{cls}> }}")
        parts += int(rows[0]["n"].toPython())  # type: ignore[attr-defined]  # a count is a Literal; rdflib types it Node
    assert total == parts > 100


def test_every_evidence_quote_equals_the_document_text_at_its_offsets() -> None:
    graph = Graph()
    for path in bundled_files():
        graph.parse(path)
    texts = {
        doc: (SOURCES_DIR / str(name)).read_text(encoding="utf-8")
        for doc, name in graph.subject_objects(DG.fileName)
    }
    checked = 0
    for evidence in graph.subjects(predicate=DG.quote):
        doc = graph.value(evidence, DG.document)
        start = int(graph.value(evidence, DG.start))  # type: ignore[call-overload]  # the report has offsets; value() may say None
        end = int(graph.value(evidence, DG.end))  # type: ignore[call-overload]  # the report has offsets; value() may say None
        quote = str(graph.value(evidence, DG.quote))
        assert texts[doc][start:end] == quote, evidence
        checked += 1
    assert checked > 100


def test_source_texts_are_byte_identical_to_the_shared_corpus() -> None:
    shared = PROJECT_ROOT.parent / "shared" / "corpus"
    if not shared.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    for original in shared.glob("*.txt"):
        assert (SOURCES_DIR / original.name).read_bytes() == original.read_bytes()


def test_a_document_whose_text_changed_is_refused(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "doc.txt").write_text("edited text", encoding="utf-8")
    g = Graph()
    doc = URIRef("https://w3id.org/diplograph/id/document/x")
    g.add((doc, DG.fileName, Literal("doc.txt")))
    g.add((doc, DG.sha256, Literal("0" * 64)))
    with pytest.raises(LoadError, match="SHA-256"):
        document_text_graphs([g], sources)
