"""Shared fixtures: a real Oxigraph store with the bundled graph, and a real uvicorn server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.json_answer import CHECK_ENV
from api.settings import Settings
from graph.store import GraphStore, open_store
from graph.write.files import load
from tests.support.server import TOKEN, LiveServer, start_server
from tests.support.virtuoso import virtuoso_server  # noqa: F401  (session fixture: a real Virtuoso)

# Every JSON answer written without FastAPI's response pass is checked against its model, in
# this process and in the servers the tests start (they inherit the environment).
os.environ.setdefault(CHECK_ENV, "1")


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """An on-disk Oxigraph store holding the bundled graph; read it, never write to it."""
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('bundled') / 'store'}")
    load(store)
    yield store
    store.close()


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
