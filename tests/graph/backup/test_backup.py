"""Dump and restore on real Oxigraph stores (and a real Virtuoso): the bundled graph with
ingested and reviewed documents comes back quad for quad and answers the same (the audit trail
too, plus the restore's own activity); a damaged dump is refused with the store left empty; a
dump works while a server holds the store."""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from graph.backup.files import end_line
from graph.cli import app
from graph.namespaces import AUDIT, AUDIT_GRAPH, DG, INFERRED_GRAPH
from graph.store import GraphStore, open_store
from graph.store.oxigraph import OxigraphStore
from graph.write.files import load
from tests.support.extract_support import FIXTURES
from tests.support.graphdata import fill
from tests.support.paths import PROJECT_ROOT
from tests.support.server import TOKEN, start_server
from tests.support.virtuoso import Virtuoso

#: A text whose every byte must come back: CR LF, a lone CR, tabs, NBSP, a combining accent,
#: Hangul, CJK, an emoji, trailing spaces.
ROUND_TRIP = (
    "Readout\ttab\r\n"
    "Wang Yi met Antony Blinken in Beijing on Monday.\r\n"
    "Wang urged the US side to stop arming Taiwan\u00a0and lift sanctions.\r"
    "왕이 외교부장 — 中方 🙂 e\u0301 trailing  \n"
)
AUTH = {"Authorization": f"Bearer {TOKEN}"}
runner = CliRunner()


class Source:
    """The store that is dumped: its setting, the app over it, and what was written to it."""

    def __init__(self, path: Path) -> None:
        self.setting = f"oxigraph:{path}"
        self.store = open_store(self.setting)
        load(self.store)
        self.app = create_app(Settings(store="oxigraph:", token=TOKEN), store=self.store)
        self.documents: list[str] = []
        self.claims: list[str] = []

    def ingest_and_review(self, client: TestClient) -> None:
        readout = (FIXTURES / "us-secretary-call-2024.txt").read_bytes().decode("utf-8")
        for slug, text in (("round-trip", ROUND_TRIP), ("secretary-call", readout)):
            body = {"text": text, "title": slug, "slug": slug, "date": "2024-02-02"}
            posted = client.post("/documents", json=body, headers=AUTH)
            assert posted.status_code == 201, posted.text
            self.documents.append(slug)
            self.claims += [c["id"] for c in posted.json()["claims"]]
        accepted, rejected = self.claims[0], self.claims[-1]
        for claim, action in ((accepted, "accept"), (rejected, "reject")):
            form = {"action": action, "token": TOKEN, "back": "round-trip"}
            answer = client.post(f"/review/claims/{claim}", data=form, follow_redirects=False)
            assert answer.status_code == 303, answer.text
        self.claims.remove(rejected)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Source]:
    """The bundled graph, two ingested documents, a claim accepted and one rejected."""
    src = Source(tmp_path_factory.mktemp("backup") / "source")
    with TestClient(src.app) as client:
        src.ingest_and_review(client)
    yield src
    src.store.close()


def quads(store: GraphStore) -> set[ox.Quad]:
    """The quads of the data store and of its audit trail's own store."""
    assert isinstance(store, OxigraphStore)
    return set(store.engine) | set(store.trail_quads())


def _restores(found: set[ox.Quad]) -> set[ox.NamedNode | ox.BlankNode]:
    kind = ox.NamedNode(str(AUDIT.kind))
    return {q.subject for q in found if q.graph_name == ox.NamedNode(AUDIT_GRAPH)
            and q.predicate == kind and q.object == ox.Literal("restore")}


def restored_quads(store: GraphStore, source: set[ox.Quad], restores: int = 1) -> set[ox.Quad]:
    """The store's quads less the activities of the ``restores`` restores that made it from
    ``source``'s quads: a restore is recorded in the audit trail it brings back."""
    found = quads(store)
    made = _restores(found) - _restores(source)
    assert len(made) == restores
    return {q for q in found if q.subject not in made}


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def dumped(source: Source, path: Path) -> Path:
    code, output = cli("dump", "-o", str(path), "--store", source.setting)
    assert code == 0, output
    return path


def answers(client: TestClient, source: Source) -> list[object]:
    """What the REST API says about the documents and claims the source was given."""
    paths = [f"/documents/{slug}" for slug in source.documents]
    paths += [f"/claims/{claim}" for claim in source.claims[:5]] + ["/claims?limit=500"]
    found = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        found.append(response.json())
    return found


@pytest.mark.parametrize("name", ["backup.trig", "backup.nq", "backup.trig.gz", "backup.nq.gz"])
def test_a_restore_gives_back_every_quad_and_the_same_answers(
    source: Source, tmp_path: Path, name: str
) -> None:
    dump = dumped(source, tmp_path / name)
    data = gzip.decompress(dump.read_bytes()) if name.endswith(".gz") else dump.read_bytes()
    assert data.startswith(b"# diplograph dump 1:")
    setting = f"oxigraph:{tmp_path / 'restored'}"
    code, output = cli("restore", str(dump), "--store", setting)
    assert code == 0, output
    assert f"from {name}" in output
    restored = open_store(setting)
    try:
        # the inferred graph derived again, too
        assert restored_quads(restored, quads(source.store)) == quads(source.store)
        text = restored.graph("https://w3id.org/diplograph/graph/extracted/round-trip")
        texts = [str(o) for o in text.objects(None, DG.text)]
        assert [t.encode("utf-8") for t in texts] == [ROUND_TRIP.encode("utf-8")]
        with TestClient(source.app) as before:
            expected = answers(before, source)
        app_over = create_app(Settings(store="oxigraph:", token=TOKEN), store=restored)
        with TestClient(app_over) as after:
            assert answers(after, source) == expected
    finally:
        restored.close()


def test_the_inferred_graph_is_left_out_of_the_dump(source: Source, tmp_path: Path) -> None:
    dump = dumped(source, tmp_path / "backup.nq")
    assert INFERRED_GRAPH.encode() not in dump.read_bytes()
    last = dump.read_bytes().rstrip(b"\n").rsplit(b"\n", 1)[1]
    # the data's graphs less the inferred one, and the audit trail (kept in a store of its own)
    graphs = len([*source.store.graph_names(), AUDIT_GRAPH]) - 1
    quad_count = len(quads(source.store)) - source.store.quad_count(INFERRED_GRAPH)
    assert last.startswith(f"# diplograph dump end: {quad_count} quads in {graphs} graphs".encode())


def _cut_mid_statement(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _cut_at_a_line(data: bytes) -> bytes:
    return b"".join(data.splitlines(keepends=True)[:-40])


def _flip_a_letter(data: bytes) -> bytes:
    at = data.index(b"Anchorage")  # inside a literal: the file still parses
    return data[:at] + b"B" + data[at + 1:]


def _miscount(data: bytes) -> bytes:
    """A statement dropped, and the end line's digest made to match the rest."""
    lines = data.splitlines(keepends=True)
    body = b"".join(lines[:5] + lines[6:-1])
    return body + end_line(10, 3, hashlib.sha256(body).hexdigest())


def _not_a_dump(data: bytes) -> bytes:
    return b"<https://example.org/s> <https://example.org/p> \"o\" <https://example.org/g> .\n"


DAMAGE = {
    "cut mid-statement": (_cut_mid_statement, "backup.nq", "is truncated or corrupted"),
    "cut at a line": (_cut_at_a_line, "backup.nq", "is truncated: it lacks the end line"),
    "a flipped letter": (_flip_a_letter, "backup.trig", "is corrupted: its content does not "
                         "match the SHA-256"),
    "a miscount": (_miscount, "backup.nq", "is corrupted: its end line records 10 quads"),
    "not a dump": (_not_a_dump, "backup.nq", "is not a diplograph dump"),
}


@pytest.mark.parametrize("case", DAMAGE)
def test_a_damaged_dump_is_refused_and_the_store_stays_empty(
    source: Source, tmp_path: Path, case: str
) -> None:
    damage, name, message = DAMAGE[case]
    good = dumped(source, tmp_path / name)
    bad = tmp_path / "damaged" / name
    bad.parent.mkdir()
    bad.write_bytes(damage(good.read_bytes()))
    setting = f"oxigraph:{tmp_path / 'restored'}"
    code, output = cli("restore", str(bad), "--store", setting)
    assert code == 1, output
    assert f"error: {name} {message}" in " ".join(output.split()), output
    with open_store(setting, read_only=True) as store:
        assert store.quad_count() == 0 and store.graph_names() == []


@pytest.mark.parametrize("damage", ["cut", "flipped byte"])
def test_a_damaged_gzip_dump_is_refused(source: Source, tmp_path: Path, damage: str) -> None:
    data = dumped(source, tmp_path / "backup.trig.gz").read_bytes()
    bad = tmp_path / "bad" / "backup.trig.gz"
    bad.parent.mkdir()
    middle = len(data) // 2
    bad.write_bytes(data[:middle] if damage == "cut"
                    else data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:])
    setting = f"oxigraph:{tmp_path / 'restored'}"
    code, output = cli("restore", str(bad), "--store", setting)
    assert code == 1 and "backup.trig.gz is truncated or corrupted" in output, output
    with open_store(setting, read_only=True) as store:
        assert store.graph_names() == []


def test_a_dump_that_breaks_the_shapes_is_refused(source: Source, tmp_path: Path) -> None:
    good = dumped(source, tmp_path / "backup.nq").read_bytes()
    lines = good.splitlines(keepends=True)
    label = b"<http://www.w3.org/2000/01/rdf-schema#label>"
    person = next(i for i, line in enumerate(lines)
                  if line.startswith(b"<https://w3id.org/diplograph/id/actor/wang-yi> ")
                  and b"/ontology#birthDate>" not in line and label not in line)
    extra = lines[person].split(b" ", 1)[0] + (
        b" <https://w3id.org/diplograph/ontology#country> \"not an actor\" "
        b"<https://w3id.org/diplograph/graph/curated/actors> .\n")
    body = b"".join(lines[:-1]) + extra
    parts = body.count(b"\n") - 1  # every line but the header is a quad
    bad = tmp_path / "bad" / "backup.nq"
    bad.parent.mkdir()
    # the data's graphs less the inferred one, and the audit trail (kept in a store of its own)
    graphs = len([*source.store.graph_names(), AUDIT_GRAPH]) - 1
    bad.write_bytes(body + end_line(parts, graphs, hashlib.sha256(body).hexdigest()))
    setting = f"oxigraph:{tmp_path / 'restored'}"
    code, output = cli("restore", str(bad), "--store", setting)
    assert code == 1 and "SHACL violation(s); nothing was written" in output, output
    with open_store(setting, read_only=True) as store:
        assert store.graph_names() == []


def test_a_store_that_holds_data_needs_replace(source: Source, tmp_path: Path) -> None:
    dump = dumped(source, tmp_path / "backup.trig.gz")
    setting = f"oxigraph:{tmp_path / 'other'}"
    with open_store(setting) as other:
        fill(other)
        before = quads(other)
    code, output = cli("restore", str(dump), "--store", setting)
    assert code == 1 and "already holds 3 graphs" in output and "--replace" in output, output
    with open_store(setting, read_only=True) as other:
        assert set(other.engine) == before
    code, output = cli("restore", str(dump), "--replace", "--store", setting)
    assert code == 0 and "replacing 1 other graphs" in output, output
    with open_store(setting) as other:
        assert restored_quads(other, quads(source.store)) == quads(source.store)


def test_an_unknown_extension_is_a_usage_error(source: Source, tmp_path: Path) -> None:
    code, output = cli("dump", "-o", str(tmp_path / "backup.ttl"), "--store", source.setting)
    assert code == 2 and "a dump is .trig or .nq" in output
    assert not (tmp_path / "backup.ttl").exists()


def test_dump_while_a_server_holds_the_store(source: Source, tmp_path: Path) -> None:
    """``serve`` holds the store for writing; a dump from another process sees its writes."""
    first = dumped(source, tmp_path / "first.trig")
    setting = f"oxigraph:{tmp_path / 'served'}"
    assert cli("restore", str(first), "--store", setting)[0] == 0
    held = open_store(setting)
    server, thread, url = start_server(held, Settings(store="oxigraph:", token=TOKEN))
    try:
        text = "Wang Yi met Antony Blinken in Beijing.\r\nBoth sides agreed to stay in touch.\n"
        body = {"text": text, "title": "Held", "slug": "written-while-held", "date": "2024-05-01"}
        posted = httpx.post(f"{url}/documents", json=body, headers=AUTH, timeout=120)
        assert posted.status_code == 201, posted.text
        second = tmp_path / "second.nq.gz"
        env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", "from graph.cli import app; app()", "dump", "-o", str(second),
             "--store", setting],
            capture_output=True, text=True, timeout=120, env=env, check=False)
        assert done.returncode == 0, done.stderr
        expected = quads(held) - {q for q in quads(held) if q.graph_name.value == INFERRED_GRAPH}
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        held.close()
    restored_setting = f"oxigraph:{tmp_path / 'restored'}"
    assert cli("restore", str(second), "--store", restored_setting)[0] == 0
    with open_store(restored_setting) as restored:
        asserted = {q for q in restored_quads(restored, expected)
                    if q.graph_name.value != INFERRED_GRAPH}
        assert asserted == expected
        assert any("written-while-held" in name for name in restored.graph_names())


@pytest.mark.virtuoso
def test_dump_and_restore_through_virtuoso(
    source: Source, tmp_path: Path, virtuoso_server: Virtuoso
) -> None:
    """Embedded -> Virtuoso -> embedded: every asserted quad and every text survives both."""
    engine = open_store(virtuoso_server.store_setting())
    engine.replace_graphs({}, drop=engine.graph_names())
    engine.close()
    setting = f"sparql:{virtuoso_server.query_url}|update={virtuoso_server.update_url}"
    env = {"DIPLOGRAPH_SPARQL_USER": "dba", "DIPLOGRAPH_SPARQL_PASSWORD": "dba"}
    dump = dumped(source, tmp_path / "backup.trig.gz")
    restored = runner.invoke(app, ["restore", str(dump), "--store", setting], env=env)
    assert restored.exit_code == 0, restored.output
    again = runner.invoke(app, ["restore", str(dump), "--store", setting], env=env)
    assert again.exit_code == 1 and "--replace" in again.output
    back = tmp_path / "from-virtuoso.nq"
    dumped_again = runner.invoke(app, ["dump", "-o", str(back), "--store", setting], env=env)
    assert dumped_again.exit_code == 0, dumped_again.output
    final = f"oxigraph:{tmp_path / 'final'}"
    assert cli("restore", str(back), "--store", final)[0] == 0
    with open_store(final) as store:  # restored into Virtuoso, then back
        assert restored_quads(store, quads(source.store), 2) == quads(source.store)
    engine = open_store(virtuoso_server.store_setting())
    try:
        # the embedded store's graphs and its trail, which the engine keeps as a named graph
        names = sorted({*source.store.graph_names(), AUDIT_GRAPH} - {INFERRED_GRAPH})
        assert [n for n in engine.graph_names() if n != INFERRED_GRAPH] == names
        assert engine.quad_count(INFERRED_GRAPH) == source.store.quad_count(INFERRED_GRAPH)
    finally:
        engine.replace_graphs({}, drop=engine.graph_names())
        engine.close()
