"""A server warms the extractor at start, so the first ingest does not read the whole store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from api.settings import Settings
from graph.extract import kb_cache
from tests.support.paths import PROJECT_ROOT
from tests.support.server import TOKEN, start_server
from tests.support.sparql_support import writable_store


@pytest.mark.parametrize("warm", [True, False])
def test_the_extractor_is_ready_after_start_only_when_asked(tmp_path: Path, warm: bool) -> None:
    store = writable_store(tmp_path)
    settings = Settings(store="oxigraph:", token=TOKEN, warm_caches=warm)
    server, thread, url = start_server(store, settings)
    try:
        warmed = server.config.app.state.warmed
        if warm:
            assert warmed is not None and warmed.wait(60)
        else:
            assert warmed is None
        assert kb_cache.is_warm(store) is warm
        if warm:  # the extractor's lookups are indexed too, not on the first document
            assert len(kb_cache.knowledge_base(store)._indexes) == 8
        # the routes are built too (by making the OpenAPI schema), not on their first request
        assert (server.config.app.openapi_schema is not None) is warm
        caches = httpx.get(url + "/health", timeout=30).json()["caches"]
        assert caches == ("ready" if warm else "off")
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        store.close()


def test_a_store_read_beside_a_writer_is_not_warmed(tmp_path: Path) -> None:
    from api.app import start_warming
    from graph.store import open_store

    writer = writable_store(tmp_path)
    writer.close()
    reader = open_store(f"oxigraph:{tmp_path / 'store'}", read_only=True)
    assert start_warming(reader) is None  # its knowledge base could change behind its back


def test_warming_puts_the_knowledge_base_out_of_the_collectors_reach() -> None:
    """In a process of its own: freezing is process-wide, and the knowledge base it keeps out
    of every later full collection is what made those collections take up to a second. The
    server's start-up freezes; the library's ``warm`` alone never does."""
    code = (
        "import gc\n"
        "from api.app import start_warming\n"
        "from graph.extract import kb_cache\n"
        "from graph.write.files import load\n"
        "from graph.store import open_store\n"
        "store = open_store('oxigraph:')\n"
        "load(store)\n"
        "kb_cache.warm(store)\n"
        "assert kb_cache.is_warm(store)\n"
        "assert gc.get_freeze_count() == 0, 'a library call froze the heap'\n"
        "assert start_warming(store).wait(300)\n"
        "print(gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, cwd=PROJECT_ROOT)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 10_000
