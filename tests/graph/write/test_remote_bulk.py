"""``diplograph load --bulk`` on a real Virtuoso: all of a file lands, or none of it.

The file streams in chunks into its named graph and its inferences into a part of the inferred
graph, both hidden from every query until one small request shows them; a refused file, a chunk
the engine refuses, a syntax error half-way and a loader killed outright must all leave the
store as it was, with no hidden graph behind (the last one once the next load or start ran).
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
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from graph.audit import trail
from graph.cli import app
from graph.namespaces import (
    AUDIT_GRAPH,
    DG,
    INFERRED_GRAPH,
    INFERRED_PART_BASE,
    ONTOLOGY_GRAPH,
    graph_iri,
)
from graph.paths import ONTOLOGY_DIR
from graph.store import open_store
from graph.store.remote.client import RemoteStore
from graph.write import remote_bulk
from graph.write.bulk import bulk_load
from graph.write.files import LoadError, ValidationFailed, graph_name_for, load
from graph.write.remote_bulk import REGISTRY, inferred_part
from tests.support.paths import PROJECT_ROOT
from tests.support.virtuoso import Virtuoso, bundled_remote

pytestmark = pytest.mark.virtuoso

#: The graphs the registry lists, and the registry itself, read past our scoping.
LEFT_OVER = """SELECT DISTINCT ?g WHERE {
  { GRAPH <urn:x-diplograph:bulk-loads> { ?g ?p ?o } }
  UNION { GRAPH ?g { ?s ?p ?o } FILTER(?g = <urn:x-diplograph:bulk-loads>) }
}"""
#: Every graph in the engine that holds a triple (hidden or not).
IN_ENGINE = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
#: The inferred graph and its parts, triple by triple with repeats, read past our scoping.
INFERRED_QUADS = f"""SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?g = <{INFERRED_GRAPH}> || STRSTARTS(STR(?g), "{INFERRED_PART_BASE}")) }}"""


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


def _raw(server: Virtuoso, query: str) -> list[dict[str, str]]:
    """Rows of ``query`` sent straight to the engine, no dataset: every graph it holds."""
    response = httpx.post(server.query_url, data={"query": query}, timeout=60,
                          headers={"Accept": "application/sparql-results+json"})
    response.raise_for_status()
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


def _left_over(server: Virtuoso) -> list[str]:
    """The registry and the graphs it lists, anywhere in the engine."""
    return sorted({r["g"] for r in _raw(server, LEFT_OVER)})


def _in_engine(server: Virtuoso, *names: str) -> list[str]:
    """Those of ``names`` the engine holds a triple of, hidden or not."""
    held = {r["g"] for r in _raw(server, IN_ENGINE)}
    return [n for n in names if n in held]


def _fresh(server: Virtuoso) -> RemoteStore:
    """The same engine through a new store object, so no listing is remembered."""
    store = open_store(server.store_setting())
    assert isinstance(store, RemoteStore)
    return store


def _count_claims(store: RemoteStore) -> int:
    """Subjects typed dg:Claim: inferred for every kind of claim, asserted for none."""
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{DG.Claim}> }}")
    return int(rows[0]["n"].toPython())  # type: ignore[attr-defined]  # a count is a Literal


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
    assert _left_over(virtuoso_server) == [], "no registry entry is left"
    streamed = set(store.graph(INFERRED_GRAPH))  # with the load's part of it
    assert any(p == RDF.type and o == DG.Claim for _s, p, o in streamed)
    assert _in_engine(virtuoso_server, inferred_part(name)) == [inferred_part(name)]
    store.update(f"CLEAR SILENT GRAPH <{INFERRED_GRAPH}>")  # the whole rebuild agrees
    assert set(store.graph(INFERRED_GRAPH)) == streamed
    assert _in_engine(virtuoso_server, inferred_part(name)) == [], "the rebuild drops parts"
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
    assert [s.split(": ")[1].split(" ")[0] for s in steps] == ["streaming", "SHACL", "showing"]
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
    name = graph_name_for(path)
    assert name not in _fresh(virtuoso_server).graph_names()
    assert _left_over(virtuoso_server) == []
    assert _in_engine(virtuoso_server, name, inferred_part(name)) == [], "dropped, not hidden"


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
    name = graph_name_for(path)
    assert _in_engine(virtuoso_server, name, inferred_part(name)) == [], "dropped, not hidden"


def test_a_killed_load_leaves_nothing_visible_and_the_next_load_cleans_up(
    remote: RemoteStore, virtuoso_server: Virtuoso, generated: tuple[Path, int],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    big = tmp_path / "big.nt"
    _generate(150_000, big)
    name = graph_name_for(big)
    load(remote, sorted(ONTOLOGY_DIR.glob("*.ttl")))
    before = _fresh(virtuoso_server).graph_names()
    inferred, claims = remote.quad_count(INFERRED_GRAPH), _count_claims(remote)
    loader = subprocess.Popen(
        [sys.executable, "-c", "from graph.cli import app; app()", "load", "--bulk", str(big),
         "--store", virtuoso_server.store_setting()],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    try:
        deadline = time.monotonic() + 120
        while not _in_engine(virtuoso_server, name):  # a chunk is in, hidden
            assert loader.poll() is None, "the load ended before a chunk was seen"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        loader.send_signal(signal.SIGKILL)
    finally:
        loader.kill()
        loader.wait()
    assert REGISTRY in _left_over(virtuoso_server) and name in _left_over(virtuoso_server)
    store = _fresh(virtuoso_server)
    assert store.graph_names() == before, "the killed load is not seen: the previous state"
    assert store.quad_count(INFERRED_GRAPH) == inferred
    assert _count_claims(store) == claims
    path, written = generated
    steps: list[str] = []
    monkeypatch.setattr(remote_bulk, "DROP_TRIPLES", 7_000)  # what it left goes in pieces
    assert bulk_load(store, path, per_class=1, progress=steps.append).triples == written
    assert f"dropped {name}, left by a bulk load that was killed" in steps
    assert _left_over(virtuoso_server) == []
    assert _in_engine(virtuoso_server, name, inferred_part(name)) == []


def test_a_server_start_drops_what_a_killed_load_left(
    remote: RemoteStore, virtuoso_server: Virtuoso, caplog: pytest.LogCaptureFixture
) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process that has ended: the loader killed outright
    alive = graph_iri("file", "still-filling")
    staging = graph_iri("file", "killed")
    owner = URIRef(remote_bulk.OWNER)
    remote.send_operations([
        f"INSERT DATA {{ GRAPH <{REGISTRY}> {{ <{staging}> <{owner}> "
        f"\"{socket.gethostname()} {gone.pid}\" . <{alive}> <{owner}> "
        f"\"{socket.gethostname()} {os.getpid()}\" . }} }}",
        f"INSERT DATA {{ GRAPH <{staging}> {{ <urn:x:s> <urn:x:p> <urn:x:o> }} }}",
        f"INSERT DATA {{ GRAPH <{alive}> {{ <urn:x:s> <urn:x:p> <urn:x:o> }} }}",
    ])
    assert staging in _left_over(virtuoso_server)
    assert staging not in _fresh(virtuoso_server).graph_names(), "hidden while registered"
    caplog.set_level(logging.WARNING, logger="graph.write.remote_bulk")
    settings = Settings(store=virtuoso_server.store_setting(), warm_caches=False)
    with TestClient(create_app(settings)) as client:
        assert client.app.state.cleaned.wait(60)  # type: ignore[attr-defined]
    left = _left_over(virtuoso_server)
    assert staging not in left, "the killed load's graph is dropped at start"
    assert _in_engine(virtuoso_server, staging, alive) == [alive]
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


def test_the_graph_and_its_inferences_are_hidden_until_one_request_shows_them(
    remote: RemoteStore, virtuoso_server: Virtuoso, generated: tuple[Path, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stopped between its steps (not timed): once every chunk is in and checked, a reader
    sees neither the graph nor its inferences, by name or through the inferred graph, nor can
    it ask for the graph by name; the next request the loader sends shows both."""
    path, written = generated
    name = graph_name_for(path)
    load(remote, sorted(ONTOLOGY_DIR.glob("*.ttl")))
    claims, inferred = _count_claims(remote), remote.quad_count(INFERRED_GRAPH)
    seen: dict[str, object] = {}
    requests: list[list[str]] = []
    unshare, send = remote_bulk._unshare, remote.send_operations

    def stopped_before_showing(store: RemoteStore, part: str) -> None:
        unshare(store, part)
        reader = _fresh(virtuoso_server)
        assert _in_engine(virtuoso_server, name, part) == [name, part], "all of it is in"
        seen["names"] = reader.graph_names()
        seen["claims"] = _count_claims(reader)
        seen["inferred"] = reader.quad_count(INFERRED_GRAPH)
        seen["by name"] = reader.select(f"SELECT * WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        seen["hidden"] = reader.hidden_graphs
        reader.update(f"CLEAR SILENT GRAPH <{INFERRED_GRAPH}>")  # a rebuild meanwhile
        seen["rebuilt"] = reader.quad_count(INFERRED_GRAPH)
        assert _in_engine(virtuoso_server, part) == [part], "the rebuild left the part alone"
        with pytest.raises(remote_bulk.StoreError, match="being bulk loaded"):
            reader.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1", dataset=([name], []))
        with pytest.raises(remote_bulk.StoreError, match="being bulk loaded"):
            reader.replace_graphs({name: Graph()})
        settings = Settings(store=virtuoso_server.store_setting(), warm_caches=False)
        with TestClient(create_app(settings)) as client:  # the public endpoint
            asked = {"Accept": "application/sparql-results+json"}
            named = client.get("/sparql", headers=asked, params={
                "query": f"SELECT * FROM <{name}> WHERE {{ ?s ?p ?o }} LIMIT 1"})
            assert named.status_code == 400 and "a bulk load is filling it" in named.text
            inside = client.get("/sparql", headers=asked, params={
                "query": f"SELECT * WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }} LIMIT 1"})
            assert inside.status_code == 200 and inside.json()["results"]["bindings"] == []
        requests.clear()

    monkeypatch.setattr(remote_bulk, "_unshare", stopped_before_showing)
    monkeypatch.setattr(remote, "send_operations", lambda ops: (requests.append(list(ops)),
                                                                 send(ops))[1])
    remote_bulk.bulk_load(remote, path, per_class=1)
    assert name not in seen["names"]  # type: ignore[operator]
    assert (seen["claims"], seen["inferred"], seen["by name"]) == (claims, inferred, [])
    assert seen["rebuilt"] == inferred, "a rebuild does not read the hidden graph"
    assert name in seen["hidden"]  # type: ignore[operator]
    assert len(requests) == 1, "one request shows the graph and its inferences"
    assert not any("INSERT" in op and "inferred" in op for op in requests[0])
    reader = _fresh(virtuoso_server)
    assert name in reader.graph_names() and reader.quad_count(name) == written
    assert _count_claims(reader) > claims and reader.quad_count(INFERRED_GRAPH) > inferred


def test_the_inferences_are_those_of_the_embedded_bulk_loader_held_once(
    virtuoso_server: Virtuoso, generated: tuple[Path, int], tmp_path: Path,
) -> None:
    """Over the bundled graph (whose actors the generated file types again), the inferred
    graph with the load's part of it holds what the embedded bulk loader infers, each triple
    once (Virtuoso answers a triple held in two graphs of the default graph twice), and a
    query over the default graph answers as the embedded store does."""
    path, _written = generated
    embedded = open_store(f"oxigraph:{tmp_path / 'db'}")
    load(embedded)
    bulk_load(embedded, path, per_class=1)
    expected = set(embedded.graph(INFERRED_GRAPH))
    actors = f"SELECT ?s WHERE {{ ?s a <{DG.Actor}> }}"
    embedded_actors = sorted(r["s"] for r in embedded.select(actors))
    embedded.close()
    with bundled_remote(virtuoso_server) as remote:
        remote_bulk.bulk_load(remote, path, per_class=1)
        quads = [(r["s"], r["p"], r["o"]) for r in _raw(virtuoso_server, INFERRED_QUADS)]
        assert len(quads) == len(set(quads)), "no inferred triple is held twice"
        assert set(remote.graph(INFERRED_GRAPH)) == expected
        assert sorted(r["s"] for r in remote.select(actors)) == embedded_actors
        # a write re-infers its subjects out of the part into the inferred graph
        part = inferred_part(graph_name_for(path))
        subject = URIRef(_raw(virtuoso_server, f"SELECT ?s WHERE {{ GRAPH <{part}> "
                                               f"{{ ?s a <{DG.Claim}> }} }} LIMIT 1")[0]["s"])
        extra = Graph()
        extra.add((subject, RDFS.comment, Literal("seen again")))
        remote.replace_graphs({graph_iri("file", "extra"): extra})
        assert set(remote.graph(INFERRED_GRAPH)) == expected
        assert _raw(virtuoso_server, f"SELECT * WHERE {{ GRAPH <{part}> {{ <{subject}> ?p ?o }} }}"
                    ) == [], "the subject's inferences left the part"
        assert (subject, RDF.type, DG.Claim) in remote.graph(INFERRED_GRAPH)
        with pytest.raises(remote_bulk.StoreError, match="derived"):
            remote.replace_graphs({part: extra})
        remote.replace_graphs({}, drop=remote.graph_names())
