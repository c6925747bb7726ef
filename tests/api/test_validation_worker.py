"""The server validates writes in a worker process (``graph.shacl.process``): a worker killed
between writes is replaced and the next write lands; one that cannot run makes a write a 503
that changes nothing; and the worker never outlives the server, stopped or killed outright."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.shacl import process as validation
from graph.store import open_store
from tests.support.extract_support import load_reference
from tests.support.server import TOKEN
from tests.support.serving import Served, serve

AUTH = {"Authorization": f"Bearer {TOKEN}"}
READOUTS = [
    "Wang Yi met Antony Blinken in Beijing on April 26, 2024.\n"
    "Wang urged the US side to stop sanctioning Chinese companies.\n",
    "Wang Yi met Antony Blinken in Beijing on April 26, 2024.\n"
    "Wang urged the US side to stop arming Taiwan.\n",
]


def _workers(pid: int) -> list[int]:
    """The validation workers among the children of process ``pid``."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except FileNotFoundError:
                continue
            if b"graph.shacl.worker" in cmdline:
                found.append(int(child))
    return found


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0]
        except FileNotFoundError:
            return True
        if status == "Z":  # exited; its new parent has not reaped it yet
            return True
        time.sleep(0.05)
    return False


def _served(tmp_path: Path) -> Served:
    spec = f"oxigraph:{tmp_path / 'store'}"
    store = open_store(spec)
    load_reference(store)
    store.close()
    return serve(spec, tmp_path / "server.log")


def _post(served: Served, text: str) -> httpx.Response:
    return httpx.post(f"{served.url}/documents", json={"text": text}, headers=AUTH, timeout=60)


def test_a_killed_worker_is_replaced_and_the_server_stops_it(tmp_path: Path) -> None:
    served = _served(tmp_path)
    try:
        first = _post(served, READOUTS[0])
        assert first.status_code == 201, first.text
        (worker,) = _workers(served.process.pid)
        os.kill(worker, signal.SIGKILL)
        second = _post(served, READOUTS[1])
        assert second.status_code == 201, second.text
        (replacement,) = _workers(served.process.pid)
        assert replacement != worker
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(timeout=45) in (0, 128 + signal.SIGTERM)
        assert _gone(replacement), "the validation worker outlived the server"
    finally:
        served.stop()


def test_the_worker_does_not_outlive_a_killed_server(tmp_path: Path) -> None:
    served = _served(tmp_path)
    try:
        assert _post(served, READOUTS[0]).status_code == 201
        (worker,) = _workers(served.process.pid)
        served.process.kill()
        served.process.wait(timeout=10)
        assert _gone(worker), "the validation worker outlived a server killed outright"
    finally:
        served.stop()


def test_a_worker_that_cannot_run_makes_the_write_a_503_and_changes_nothing(
    tmp_path: Path,
) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    load_reference(store)
    app = create_app(Settings(store="oxigraph:", token=TOKEN, warm_caches=False), store=store)
    broken = validation.ValidationProcess([sys.executable, "-c", "import sys; sys.exit(3)"])
    try:
        with TestClient(app) as client:
            validation.attach(store, broken)
            before = store.quad_count(), store.graph_names()
            answer = client.post("/documents", json={"text": READOUTS[0]}, headers=AUTH)
            assert answer.status_code == 503, answer.text
            assert answer.headers["Retry-After"]
            assert "validation worker died twice" in answer.json()["detail"]
            assert (store.quad_count(), store.graph_names()) == before
    finally:
        broken.close()
        store.close()


def test_with_the_worker_off_writes_are_validated_in_the_server(tmp_path: Path) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    load_reference(store)
    settings = Settings(store="oxigraph:", token=TOKEN, warm_caches=False,
                        validation_worker=False)
    try:
        with TestClient(create_app(settings, store=store)) as client:
            answer = client.post("/documents", json={"text": READOUTS[0]}, headers=AUTH)
            assert answer.status_code == 201, answer.text
            assert client.app.state.validator.started == 0  # type: ignore[attr-defined]  # the app's state
    finally:
        store.close()
