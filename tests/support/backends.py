"""Fresh stores of each backend a store-level test runs on."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from graph.store import GraphStore, open_store
from graph.write.files import load
from tests.support.virtuoso import Virtuoso

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
