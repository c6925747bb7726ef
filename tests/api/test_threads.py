"""Reads and writes hold threads of separate pools (``api.threads``): reads no more than the
setting allows, and a write never queues behind them for a thread."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from api.threads import default_read_threads
from graph.namespaces import graph_iri
from graph.store import open_store
from graph.store.remote.client import RemoteStore
from graph.store.remote.config import parse
from tests.support.server import TOKEN, start_server
from tests.support.sparql_support import writable_store

GRAPH = graph_iri("file", "threads")
TRIPLE = '<http://example.org/s> <http://example.org/p> "o"'
INSERT = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {TRIPLE} }} }}"
ASK = f"ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


def test_a_write_goes_through_while_reads_fill_their_pool(tmp_path: Path) -> None:
    store = writable_store(tmp_path)
    settings = Settings(store="oxigraph:", token=TOKEN, warm_caches=False, caches=False,
                        read_threads=1)  # fmt: skip
    app = create_app(settings, store=store)
    entered, release = threading.Event(), threading.Event()

    @app.get("/test/hold")
    def hold() -> dict[str, bool]:  # a read that keeps its thread until released
        entered.set()
        return {"released": release.wait(30)}

    server, thread, url = start_server(store, settings, app)
    try:
        with ThreadPoolExecutor(2) as pool:
            held = pool.submit(httpx.get, f"{url}/test/hold", timeout=60)
            assert entered.wait(20)
            queued = pool.submit(httpx.get, f"{url}/actors", timeout=60)
            time.sleep(0.5)
            assert not queued.done(), "a second read waits for the one read thread"
            wrote = httpx.post(f"{url}/update", data={"update": INSERT}, timeout=30,
                               headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
            assert wrote.status_code == 200, wrote.text
            assert not queued.done(), "the read is still waiting: the write had its own thread"
            release.set()
            assert held.result().json() == {"released": True}
            assert queued.result().status_code == 200
        assert store.ask(ASK)
    finally:
        release.set()
        server.should_exit = True
        thread.join(timeout=15)
        store.close()


def test_reads_default_to_twice_the_cores_and_a_remote_engine_keeps_anyios_pool(
        tmp_path: Path) -> None:  # fmt: skip
    import os

    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    try:
        assert default_read_threads(store) == 2 * (os.cpu_count() or 1)
    finally:
        store.close()
    remote = RemoteStore(parse("http://127.0.0.1:9/sparql"))  # never asked: no request made
    try:
        assert default_read_threads(remote) is None
    finally:
        remote.close()


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_bad_thread_count_stops_the_start(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("DIPLOGRAPH_READ_THREADS", value)
    with pytest.raises(ValueError, match="DIPLOGRAPH_READ_THREADS"):
        Settings()
