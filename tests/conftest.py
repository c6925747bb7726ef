"""Shared fixtures: a real Oxigraph store with the bundled graph, and a real uvicorn server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from virtuoso import Virtuoso, virtuoso_server  # noqa: F401  (session fixture: a real Virtuoso)

from api.app import create_app
from api.settings import Settings
from graph.store import GraphStore, open_store
from graph.write.files import load

TOKEN = "test-token"


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """An on-disk Oxigraph store holding the bundled graph; read it, never write to it."""
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('bundled') / 'store'}")
    load(store)
    yield store
    store.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    store: GraphStore
    settings: Settings


def start_server(
    store: GraphStore, settings: Settings
) -> tuple[uvicorn.Server, threading.Thread, str]:
    """uvicorn in a thread on a free loopback port, serving the real app."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, store=store),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def live_server(bundled_store: GraphStore) -> Iterator[LiveServer]:
    """The app over the bundled store on a real uvicorn server (read-only use)."""
    settings = Settings(store="oxigraph:", token=TOKEN, query_timeout=3.0)
    server, thread, url = start_server(bundled_store, settings)
    yield LiveServer(url=url, store=bundled_store, settings=settings)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def rest_client(bundled_store: GraphStore) -> Iterator[TestClient]:
    """The app over the bundled store, called in-process by FastAPI's TestClient (read-only)."""
    app = create_app(Settings(store="oxigraph:", token=TOKEN), store=bundled_store)
    with TestClient(app) as client:
        yield client


#: The three backends a store-level test runs on (Virtuoso: the session's real server).
BACKENDS = ["oxigraph", "memory", pytest.param("virtuoso", marks=pytest.mark.virtuoso)]


def open_backend(
    request: pytest.FixtureRequest, tmp_path: Path, files: Sequence[Path]
) -> GraphStore:
    """A fresh store of the backend ``request.param`` names, holding ``files`` (unvalidated)."""
    if request.param == "oxigraph":
        db = open_store(f"oxigraph:{tmp_path / 'db'}")
    elif request.param == "memory":
        db = open_store("memory:")
    else:
        server: Virtuoso = request.getfixturevalue("virtuoso_server")
        db = open_store(server.store_setting())
        db.replace_graphs({}, drop=db.graph_names())
    load(db, files, validate_first=False)
    return db
