"""The safe ingest path on real Oxigraph stores: a store without the knowledge base is refused,
the CLI and the server share one default store, a store the server holds names the API, several
files are ingested each on its own, --dry-run writes nothing, a consensus has both states."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from api.settings import Settings
from graph.cli import app
from graph.extract.ingest import NoKnowledgeBase, ingest
from graph.extract.kb import bundled_kb
from graph.extract.parties import consensus_states
from graph.extract.pipeline import Extractor
from graph.namespaces import entity_iri
from graph.paths import ROOT
from graph.store import DEFAULT_STORE, GraphStore, open_store
from graph.store.holder import note_path
from tests.support.extract_support import load_reference
from tests.support.server import TOKEN, free_port, start_server

READOUT = (
    "Wang Yi met Antony Blinken in Beijing on April 26, 2024.\n"
    "Wang urged the US side to stop arming Taiwan.\n"
    "The two sides agreed to maintain high-level exchanges.\n"
)
US, CN = entity_iri("actor", "united-states"), entity_iri("actor", "china")


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def _snapshot(spec: str) -> tuple[int, list[str]]:
    store = open_store(spec, read_only=True)
    try:
        return store.quad_count(), store.graph_names()
    finally:
        store.close()


@pytest.fixture()
def reference(tmp_path: Path) -> str:
    """An on-disk store holding the ontology and the curated actors, engagements and topics."""
    spec = f"oxigraph:{tmp_path / 'store'}"
    store = open_store(spec)
    load_reference(store)
    store.close()
    return spec


# ---------------------------------------------------------------- 1. no knowledge base


def test_a_store_without_actors_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'bare'}")
    try:
        with pytest.raises(NoKnowledgeBase, match="diplograph load"):
            ingest(store, READOUT)
        assert store.quad_count() == 0 and store.graph_names() == []
    finally:
        store.close()


def test_the_cli_refuses_an_empty_or_missing_store_naming_the_fix(tmp_path: Path) -> None:
    source = tmp_path / "readout.txt"
    source.write_text(READOUT, encoding="utf-8")
    missing = tmp_path / "none"
    code, output = _cli("ingest", str(source), "--store", f"oxigraph:{missing}")
    assert code == 1 and "diplograph load" in output
    assert not missing.exists()  # not even an empty store is created
    empty = f"oxigraph:{tmp_path / 'empty'}"
    open_store(empty).close()
    code, output = _cli("ingest", str(source), "--store", empty)
    assert code == 1 and "no knowledge base" in output and "diplograph load" in output
    assert _snapshot(empty) == (0, [])


def test_the_api_refuses_an_empty_store_with_409(tmp_path: Path) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'empty'}")
    server, thread, url = start_server(store, Settings(store="oxigraph:", token=TOKEN))
    try:
        answer = httpx.post(f"{url}/documents", json={"text": READOUT}, timeout=60,
                            headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 409, answer.text
        assert "diplograph load" in answer.json()["detail"]
        assert store.quad_count() == 0
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


# ---------------------------------------------------------------- 2. one default store


def test_the_default_store_is_the_one_make_serve_uses() -> None:
    assert f"oxigraph:{ROOT / 'var' / 'store'}" == DEFAULT_STORE
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "DIPLOGRAPH_STORE ?= oxigraph:$(CURDIR)/var/store" in makefile


def _serve(store: str, port: int, token: str | None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in {"DIPLOGRAPH_STORE", "DIPLOGRAPH_TOKEN"}}
    env.update({"PYTHONPATH": str(ROOT), "DIPLOGRAPH_WARM_CACHES": "0"})
    if token:
        env["DIPLOGRAPH_TOKEN"] = token
    return subprocess.Popen(
        [sys.executable, "-c", "from graph.cli import app; app()", "serve", "--port", str(port),
         "--store", store], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/", timeout=2).status_code < 500:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("the server did not start")
        time.sleep(0.2)


@pytest.fixture()
def serving(reference: str) -> Iterator[tuple[str, str]]:
    """``diplograph serve`` in a process of its own, holding the reference store."""
    port = free_port()
    process = _serve(reference, port, TOKEN)
    url = f"http://127.0.0.1:{port}"
    _wait_up(url, process)
    yield reference, url
    process.terminate()
    process.wait(timeout=20)


def test_a_store_the_server_holds_says_how_to_ingest_through_it(
    serving: tuple[str, str], tmp_path: Path
) -> None:
    spec, url = serving
    path = Path(spec.removeprefix("oxigraph:"))
    assert json.loads(note_path(path).read_text(encoding="utf-8"))["url"] == url
    source = tmp_path / "readout.txt"
    source.write_text(READOUT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DIPLOGRAPH_STORE": spec}
    done = subprocess.run([sys.executable, "-c", "from graph.cli import app; app()", "ingest",
                           str(source)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    message = " ".join(done.stderr.split())
    assert "held by a running server" in message and f"{url}/documents" in message
    assert "POST" in message and "Authorization: Bearer $DIPLOGRAPH_TOKEN" in message
    # the line it prints works, as is, against the server
    line = done.stderr.strip().splitlines()[-1].strip()
    sent = subprocess.run(["bash", "-c", line], env={**env, "DIPLOGRAPH_TOKEN": TOKEN},
                          capture_output=True, text=True, timeout=120)
    assert sent.returncode == 0 and json.loads(sent.stdout)["claims"], sent.stdout + sent.stderr
    stats = subprocess.run([sys.executable, "-c", "from graph.cli import app; app()", "stats"],
                           env=env, capture_output=True, text=True, timeout=120)
    assert stats.returncode == 0 and "/graph/extracted/" in stats.stdout  # the server's store


def test_the_note_goes_when_the_server_stops(reference: str) -> None:
    path = Path(reference.removeprefix("oxigraph:"))
    port = free_port()
    process = _serve(reference, port, None)
    _wait_up(f"http://127.0.0.1:{port}", process)
    assert json.loads(note_path(path).read_text(encoding="utf-8"))["writes"] is False
    process.terminate()
    process.wait(timeout=20)
    assert not note_path(path).exists()


# ---------------------------------------------------------------- 3. several files, dry run


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "readouts"
    (folder / "more").mkdir(parents=True)
    (folder / "a.txt").write_text(READOUT, encoding="utf-8")
    (folder / "b.txt").write_bytes("caf\xe9".encode("latin-1"))
    (folder / "more" / "c.txt").write_text(
        "Wang Yi said that China urges the United States to lift sanctions.", encoding="utf-8")
    (folder / "notes.md").write_text("not a document", encoding="utf-8")
    return folder


def test_a_folder_is_ingested_file_by_file_the_refused_ones_reported(
    reference: str, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    before = _snapshot(reference)
    code, output = _cli("ingest", str(folder), "--dry-run", "--store", reference)
    assert code == 1, output
    assert _snapshot(reference) == before  # a dry run writes nothing
    assert "a.txt: document" in output and "dry run" in output
    assert "2 of 3 file(s) valid" in output
    code, output = _cli("ingest", str(folder), "--store", reference)
    lines = output.splitlines()
    assert code == 1
    assert any(line.startswith("b.txt: failed: not UTF-8") for line in lines)
    assert any(line.startswith("c.txt: document") and "claim(s)" in line for line in lines)
    assert "2 of 3 file(s) stored" in lines[-1]
    count, graphs = _snapshot(reference)
    assert len([g for g in graphs if "/graph/extracted/" in g]) == 2 and count > before[0]
    code, output = _cli("ingest", str(folder / "a.txt"), str(folder / "more" / "c.txt"),
                        "--store", reference)
    assert code == 3 and "0 of 2 file(s) stored" in output  # only duplicates: exit 3


def test_a_dry_run_of_one_file_validates_and_writes_nothing(reference: str, tmp_path: Path) -> None:
    source = tmp_path / "readout.txt"
    source.write_text(READOUT, encoding="utf-8")
    before = _snapshot(reference)
    code, output = _cli("ingest", str(source), "--dry-run", "--store", reference)
    assert code == 0 and "claim(s)" in output and "not written" in output, output
    assert _snapshot(reference) == before


def test_the_progress_bar_stays_off_stderr_when_it_is_not_a_terminal(
    reference: str, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DIPLOGRAPH_STORE": reference}
    done = subprocess.run([sys.executable, "-c", "from graph.cli import app; app()", "ingest",
                           str(folder), "--dry-run"], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1
    assert "━" not in done.stderr and "\x1b[" not in done.stderr
    assert "2 of 3 file(s) valid" in done.stdout


# ---------------------------------------------------------------- 4. consensus


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(bundled_kb())


@pytest.mark.parametrize("text", [
    "The two sides agreed to maintain open lines of communication.",
    "Foreign Minister Wang Yi met the visiting delegation in Beijing on May 3, 2024. "
    "The two sides agreed to strengthen dialogue.",
    READOUT,
    "Blinken and Wang agreed to keep talking. Wang Yi met Antony Blinken in Beijing.",
])
def test_a_consensus_is_claimed_by_both_states(extractor: Extractor, text: str) -> None:
    found = [r for r in extractor.extract(text).claims if r["type"] == "consensus"]
    assert found
    assert all(r["claimants"] == ["china", "united-states"] for r in found)


def test_consensus_states_prefers_the_engagement_then_the_names() -> None:
    kb = bundled_kb()
    indonesia = entity_iri("actor", "indonesia")
    wang = entity_iri("actor", "wang-yi")
    assert consensus_states(kb) == tuple(sorted((US, CN)))
    assert consensus_states(kb, named=[wang, wang]) == tuple(sorted((US, CN)))
    assert consensus_states(kb, named=[wang, indonesia]) == tuple(sorted((CN, indonesia)))
    assert consensus_states(kb, joint=[CN, indonesia], named=[US]) == tuple(
        sorted((CN, indonesia)))
    assert consensus_states(kb, engagement=[wang, indonesia], named=[US, US]) == tuple(
        sorted((CN, indonesia)))


def test_an_ingested_consensus_has_both_states(reference: str) -> None:
    store: GraphStore = open_store(reference)
    try:
        done = ingest(store, READOUT)
        (claim,) = [r for r in done.extraction.claims if r["type"] == "consensus"]
        assert sorted(claim["claimant_iris"]) == sorted((US, CN))
    finally:
        store.close()
