"""The benchmark generator writes our data, and the bulk loader takes it or refuses it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from graph import queries
from graph.audit import trail
from graph.cli import app
from graph.namespaces import DG, INFERRED_GRAPH, ONTOLOGY_GRAPH, split_entity_iri
from graph.store.oxigraph import OxigraphStore
from graph.write import bulk
from graph.write.bulk import bulk_load
from graph.write.files import LoadError, ValidationFailed, graph_name_for, load
from tests.support.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT


def _generator():  # bench/ is not a package on the import path of the tests
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("gen") / "synthetic.nt"
    return out, _generator().generate(15_000, 3, out)


def test_generated_file_is_readable_consistent_data(generated: tuple[Path, int]) -> None:
    path, written = generated
    graph = Graph().parse(path, format="nt")
    assert len(graph) == written
    assert "@@@" not in path.read_text(encoding="utf-8")
    claims = set(graph.subjects(DG.claimant, None))
    assert {str(c).rsplit("-r", 1)[1] for c in claims} == {"1", "2"}  # two replicas
    for node, slug in graph.subject_objects(DG.slug):
        kind_slug = split_entity_iri(str(node))
        assert kind_slug and kind_slug[1] == str(slug), node
    evidence = list(graph.subjects(RDF.type, DG.Evidence))
    assert evidence
    for ev in evidence:
        text = str(graph.value(graph.value(ev, DG.document), DG.text))
        start, end = int(graph.value(ev, DG.start)), int(graph.value(ev, DG.end))
        assert text[start:end] == str(graph.value(ev, DG.quote)), ev


def test_bulk_load_takes_the_generated_file(generated: tuple[Path, int], tmp_path: Path) -> None:
    path, written = generated
    store = OxigraphStore(tmp_path / "store")
    steps: list[str] = []
    report = bulk_load(store, path, per_class=1, progress=steps.append)
    assert report.triples == written
    assert [s.split(": ")[1].split(" of ")[0] for s in steps] == [
        "bulk loading", "SHACL on a sample", "inferring types and super-properties"]
    assert all(s.startswith(f"{path.name}: ") for s in steps)
    assert report.validation is not None and report.validation.conforms
    assert report.sampled_nodes >= 10
    assert store.quad_count(INFERRED_GRAPH) > 0  # inference rebuilt over the new graph
    bulk_inferred = set(store.graph(INFERRED_GRAPH))
    store.update(queries.body("materialise-types"))  # the transactional rebuild agrees
    assert set(store.graph(INFERRED_GRAPH)) == bulk_inferred
    recorded = [trail.read(store, i) for i in trail.find(store)]  # the ontology, then the file
    assert [(a.kind, a.graphs, a.added) for a in recorded if a] == [
        ("load", [graph_name_for(path)], written),
        ("load", [ONTOLOGY_GRAPH], store.quad_count(ONTOLOGY_GRAPH))]
    with pytest.raises(LoadError, match="already loaded"):
        bulk_load(store, path)


def test_bulk_load_into_an_inferred_store_adds_the_new_graphs_consequences(
    generated: tuple[Path, int], tmp_path: Path
) -> None:
    """With the ontology already there, only the file's own consequences are added (nothing
    removed); the result must be what the transactional rebuild makes of the whole store."""
    path, _ = generated
    store = OxigraphStore(tmp_path / "store")
    load(store)  # the bundled graph, inferred by the store's own writes
    before = set(store.graph(INFERRED_GRAPH))
    bulk_load(store, path, per_class=1)
    bulk_inferred = set(store.graph(INFERRED_GRAPH))
    assert before < bulk_inferred
    store.update(queries.body("materialise-types"))
    assert set(store.graph(INFERRED_GRAPH)) == bulk_inferred


@pytest.mark.parametrize("subjects_listed", [20_000, 0], ids=["re-inferred", "rebuilt"])
def test_bulk_load_refuses_a_broken_file_and_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, subjects_listed: int
) -> None:
    """A refused file's inferences go with its graph: its subjects re-inferred, or (a file too
    big to list them) the inferred graph rebuilt the bulk way."""
    monkeypatch.setattr(bulk, "MAX_SUBJECTS", subjects_listed)
    claim = URIRef("https://w3id.org/diplograph/id/claim/2024-01-01--x--demand--y")
    broken = Graph()
    broken.add((claim, RDF.type, DG.Demand))  # no claimant, statement, evidence...
    path = tmp_path / "broken.nt"
    broken.serialize(path, format="nt", encoding="utf-8")
    store = OxigraphStore(tmp_path / "store")
    with pytest.raises(ValidationFailed):
        bulk_load(store, path, per_class=1)
    assert graph_name_for(path) not in store.graph_names()
    load(store)  # into an inferred store: its inferences, derived beside the check, unwritten
    names, inferred = store.graph_names(), set(store.graph(INFERRED_GRAPH))
    with pytest.raises(ValidationFailed):
        bulk_load(store, path, per_class=1)
    assert store.graph_names() == names
    assert set(store.graph(INFERRED_GRAPH)) == inferred
    assert (claim, RDF.type, DG.Claim) not in inferred


def test_bulk_load_of_a_file_with_a_syntax_error_changes_nothing(tmp_path: Path) -> None:
    """The file's inferences are stored as soon as they are read, beside the loader; when the
    loader then stops at a broken line they go again, though no triple of theirs was stored."""
    store = OxigraphStore(tmp_path / "store")
    load(store)
    names, inferred = store.graph_names(), set(store.graph(INFERRED_GRAPH))
    claim = "https://w3id.org/diplograph/id/claim/2024-01-01--x--demand--y"
    path = tmp_path / "broken.nt"
    path.write_text(f"<{claim}> <{RDF.type}> <{DG.Demand}> .\n"
                    f"<{claim}> <{DG.quote}> \"never closed .\n", encoding="utf-8")
    with pytest.raises(LoadError, match="nothing was written"):
        bulk_load(store, path)
    assert store.graph_names() == names
    assert set(store.graph(INFERRED_GRAPH)) == inferred
    store.close()


def test_cli_bulk_loads_a_file_and_refuses_a_second_time(
    generated: tuple[Path, int], tmp_path: Path
) -> None:
    path, written = generated
    store = f"oxigraph:{tmp_path / 'store'}"
    done = CliRunner().invoke(app, ["load", "--bulk", str(path), "--store", store])
    assert done.exit_code == 0, done.output
    assert f"loaded {written} triples" in done.output
    again = CliRunner().invoke(app, ["load", "--bulk", str(path), "--store", store])
    assert again.exit_code != 0 and "already loaded" in again.output
    nothing = CliRunner().invoke(app, ["load", "--bulk", "--store", store])
    assert nothing.exit_code != 0 and "--bulk needs the files" in nothing.output


def test_a_store_closed_after_a_bulk_load_opens_again(
    generated: tuple[Path, int], tmp_path: Path
) -> None:
    """Closing lets go of RocksDB's lock even when a reference cycle (a traceback kept through
    the SHACL check's frames) still holds the engine: the same process opens the store again."""
    store = OxigraphStore(tmp_path / "store")
    bulk_load(store, generated[0], per_class=1)
    store.close()
    again = OxigraphStore(tmp_path / "store")
    assert graph_name_for(generated[0]) in again.graph_names()
    again.close()
