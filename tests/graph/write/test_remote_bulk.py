"""``diplograph load --bulk`` on a real Virtuoso: all of a file lands, or none of it.

The file streams into a hidden staging graph in chunks and is moved into its named graph at the
end; a refused file, a chunk the engine refuses, a syntax error half-way and a loader killed
outright must all leave the store as it was, with no staging graph behind (the last one once
the next load has run).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from graph.audit import trail
from graph.cli import app
from graph.namespaces import AUDIT_GRAPH, DG, INFERRED_GRAPH, ONTOLOGY_GRAPH, graph_iri
from graph.paths import ONTOLOGY_DIR
from graph.store import open_store
from graph.store.remote.client import RemoteStore
from graph.write import remote_bulk
from graph.write.bulk import bulk_load
from graph.write.files import LoadError, ValidationFailed, graph_name_for, load
from graph.write.remote_bulk import REGISTRY, STAGING_BASE
from tests.support.paths import PROJECT_ROOT
from tests.support.virtuoso import Virtuoso

pytestmark = pytest.mark.virtuoso

#: Every graph the engine holds whose name starts with ``?prefix`` (staging and registry).
LEFT_OVER = """SELECT DISTINCT ?g WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:x-diplograph:bulk"))
}"""


def _generate(triples: int, path: Path) -> int:
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  PROJECT_ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return int(module.generate(triples, 3, path))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("gen") / "synthetic.nt"
    return out, _generate(12_000, out)


@pytest.fixture
def remote(virtuoso_server: Virtuoso) -> Iterator[RemoteStore]:
    store = open_store(virtuoso_server.store_setting())
    assert isinstance(store, RemoteStore)
    store.replace_graphs({}, drop=store.graph_names())
    left = _left_over(virtuoso_server)
    if left:
        store.send_operations([f"DROP SILENT GRAPH <{g}>" for g in left])
    yield store
    store.close()


def _left_over(server: Virtuoso) -> list[str]:
    """Staging graphs and registry entries anywhere in the engine, read past our scoping."""
    response = httpx.post(server.query_url, data={"query": LEFT_OVER}, timeout=60,
                          headers={"Accept": "application/sparql-results+json"})
    response.raise_for_status()
    return sorted(b["g"]["value"] for b in response.json()["results"]["bindings"])


def _fresh(server: Virtuoso) -> RemoteStore:
    """The same engine through a new store object, so no listing is remembered."""
    store = open_store(server.store_setting())
    assert isinstance(store, RemoteStore)
    return store


def test_cli_bulk_load_lands_the_file_with_its_inferences_and_progress(
    remote: RemoteStore, virtuoso_server: Virtuoso, generated: tuple[Path, int]
) -> None:
    path, written = generated
    setting = virtuoso_server.store_setting()
    done = CliRunner().invoke(app, ["load", "--bulk", str(path), "--store", setting])
    assert done.exit_code == 0, done.output
    assert f"loaded {written} triples into 1 graphs" in done.output
    assert "100%" in done.output and "triples/s" in done.output  # the progress, as lines
    store = _fresh(virtuoso_server)
    name = graph_name_for(path)
    assert {name, ONTOLOGY_GRAPH, INFERRED_GRAPH} <= set(store.graph_names())
    assert store.quad_count(name) == written
    loaded = [trail.read(store, i) for i in trail.find(store, graph=name)]
    assert [(a.kind, a.added) for a in loaded if a] == [("load", written)]
    assert _left_over(virtuoso_server) == [], "no staging graph or registry entry is left"
    streamed = set(store.graph(INFERRED_GRAPH))
    assert any(p == RDF.type and o == DG.Claim for _s, p, o in streamed)
    store.update(f"CLEAR SILENT GRAPH <{INFERRED_GRAPH}>")  # the whole rebuild agrees
    assert set(store.graph(INFERRED_GRAPH)) == streamed
    again = CliRunner().invoke(app, ["load", "--bulk", str(path), "--store", setting])
    assert again.exit_code != 0 and "already loaded" in again.output


@pytest.mark.parametrize("protocol", ["graph-store", "insert-data"])
def test_small_chunks_add_up_to_the_file_and_the_meter_follows_the_bytes(
    remote: RemoteStore, virtuoso_server: Virtuoso, generated: tuple[Path, int],
    monkeypatch: pytest.MonkeyPatch, protocol: str,
) -> None:
    """Both ways of sending a chunk: Virtuoso's Graph Store Protocol endpoint, and the
    INSERT DATA requests an engine whose endpoint layout is unknown gets."""
    if protocol == "insert-data":
        monkeypatch.setattr(remote_bulk, "_gsp_url", lambda _store: None)
    path, written = generated
    seen: list[tuple[int, int, int]] = []
    steps: list[str] = []
    report = remote_bulk.bulk_load(remote, path, per_class=1, progress=steps.append,
                                   meter=lambda *m: seen.append(m), chunk_triples=1_000)
    assert report.triples == written and report.validation and report.validation.conforms
    assert report.inferred > 0
    assert [s.split(": ")[1].split(" ")[0] for s in steps] == ["streaming", "SHACL", "moving"]
    size = path.stat().st_size
    assert len(seen) > written // 1_000 and seen[-1] == (size, size, written)
    assert [m[2] for m in seen] == sorted(m[2] for m in seen)
    assert _fresh(virtuoso_server).quad_count(graph_name_for(path)) == written


def test_a_refused_file_leaves_nothing(remote: RemoteStore, virtuoso_server: Virtuoso,
                                       tmp_path: Path) -> None:
    claim = URIRef("https://w3id.org/diplograph/id/claim/2024-01-01--x--demand--y")
    broken = Graph()
    broken.add((claim, RDF.type, DG.Demand))  # no claimant, statement, evidence...
    path = tmp_path / "broken.nt"
    broken.serialize(path, format="nt", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        bulk_load(remote, path, per_class=1)
    assert graph_name_for(path) not in _fresh(virtuoso_server).graph_names()
    assert _left_over(virtuoso_server) == []


def _with_bad_tail(source: Path, target: Path, tail: str) -> None:
    """``source`` whole, then one line the parser or the engine refuses."""
    target.write_bytes(source.read_bytes() + tail.encode())


@pytest.mark.parametrize(("tail", "why"), [
    ("<https://w3id.org/diplograph/id/x> <http://example.org/p> .\n", "object"),  # our parser
    (f"<https://w3id.org/diplograph/id/{'x' * 70_000}> <http://example.org/p> \"1\" .\n",
     "the engine refused a chunk"),  # Virtuoso takes no IRI this long
], ids=["syntax-error", "engine-refuses-a-chunk"])
def test_a_failure_half_way_leaves_nothing(
    remote: RemoteStore, virtuoso_server: Virtuoso, generated: tuple[Path, int],
    tmp_path: Path, tail: str, why: str,
) -> None:
    path = tmp_path / "half.nt"
    _with_bad_tail(generated[0], path, tail)
    load(remote, sorted(ONTOLOGY_DIR.glob("*.ttl")))
    inferred = set(remote.graph(INFERRED_GRAPH))
    with pytest.raises(LoadError, match=f"{why}.*nothing was written"):
        remote_bulk.bulk_load(remote, path, per_class=1, chunk_triples=2_000)  # 6 land
    store = _fresh(virtuoso_server)
    assert ONTOLOGY_GRAPH in store.graph_names()
    # the ontology's load is in the audit trail; the refused bulk load is not
    assert set(store.graph_names()) <= {ONTOLOGY_GRAPH, INFERRED_GRAPH, AUDIT_GRAPH}
    assert trail.find(store, graph=graph_iri("file", "half")) == []
    assert set(store.graph(INFERRED_GRAPH)) == inferred
    assert _left_over(virtuoso_server) == []


def test_a_killed_load_leaves_nothing_visible_and_the_next_load_cleans_up(
    remote: RemoteStore, virtuoso_server: Virtuoso, generated: tuple[Path, int],
    tmp_path: Path,
) -> None:
    big = tmp_path / "big.nt"
    _generate(150_000, big)
    loader = subprocess.Popen(
        [sys.executable, "-c", "from graph.cli import app; app()", "load", "--bulk", str(big),
         "--store", virtuoso_server.store_setting()],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    try:
        deadline = time.monotonic() + 120
        while not any(g.startswith(STAGING_BASE) for g in _left_over(virtuoso_server)):
            assert loader.poll() is None, "the load ended before a chunk was seen"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        loader.send_signal(signal.SIGKILL)
    finally:
        loader.kill()
        loader.wait()
    left = _left_over(virtuoso_server)
    assert REGISTRY in left and any(g.startswith(STAGING_BASE) for g in left)
    store = _fresh(virtuoso_server)
    assert graph_name_for(big) not in store.graph_names()
    path, written = generated
    steps: list[str] = []
    assert bulk_load(store, path, per_class=1, progress=steps.append).triples == written
    assert any(s.startswith("dropped " + STAGING_BASE) for s in steps)
    assert _left_over(virtuoso_server) == []


def test_a_server_start_drops_what_a_killed_load_left(
    remote: RemoteStore, virtuoso_server: Virtuoso, caplog: pytest.LogCaptureFixture
) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process that has ended: the loader killed outright
    alive = f"{STAGING_BASE}still-filling"
    staging = f"{STAGING_BASE}killed"
    owner = URIRef(remote_bulk.OWNER)
    remote.send_operations([
        f"INSERT DATA {{ GRAPH <{REGISTRY}> {{ <{staging}> <{owner}> "
        f"\"{socket.gethostname()} {gone.pid}\" . <{alive}> <{owner}> "
        f"\"{socket.gethostname()} {os.getpid()}\" . }} }}",
        f"INSERT DATA {{ GRAPH <{staging}> {{ <urn:x:s> <urn:x:p> <urn:x:o> }} }}",
        f"INSERT DATA {{ GRAPH <{alive}> {{ <urn:x:s> <urn:x:p> <urn:x:o> }} }}",
    ])
    assert staging in _left_over(virtuoso_server)
    caplog.set_level(logging.WARNING, logger="graph.write.remote_bulk")
    settings = Settings(store=virtuoso_server.store_setting(), warm_caches=False)
    with TestClient(create_app(settings)) as client:
        assert client.app.state.cleaned.wait(60)  # type: ignore[attr-defined]
    left = _left_over(virtuoso_server)
    assert staging not in left, "the killed load's staging graph is dropped at start"
    assert alive in left, "a load whose process still runs keeps its graph"
    assert any(staging in r.getMessage() and "killed" in r.getMessage()
               for r in caplog.records)
    remote.send_operations([f"DROP SILENT GRAPH <{g}>" for g in (alive, REGISTRY)])


def test_a_move_stopped_by_virtuosos_time_limit_names_the_setting() -> None:
    """The error Virtuoso gives when its MaxQueryExecutionTime stops the final move (as it did
    for 10M triples on a packaged virtuoso.ini) says which setting to raise; others say nothing
    more."""
    from graph.store import StoreError
    from graph.write import remote_bulk

    stopped = StoreError("the SPARQL engine failed the update (HTTP 500): Virtuoso S1T00 "
                         "Error SR171: Transaction timed out")
    assert "MaxQueryExecutionTime" in remote_bulk._hint(stopped)
    assert remote_bulk._hint(StoreError("HTTP 500: SR325 log limit")) == ""
