"""A store whose disk fills: writes are refused with 507 while reads go on, /health says
degraded, and once space is back the store heals without a restart.

The store lives on a small tmpfs mounted by the test (as root, as CI runs); the disk is filled
with a file until a write fails, then the file is removed. RocksDB keeps a write error for the
life of its handle, so what is tested is the reopen: writes after the space is freed land, and
nothing acknowledged before is lost.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.namespaces import graph_iri
from graph.store.oxigraph import OxigraphStore
from tests.support.server import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
NT = {"Content-Type": "application/n-triples"}
EX = "http://example.org/disk/"


def _mount(where: Path, megabytes: int) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs",
                           str(where)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "disk"
    _mount(where, 24)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _triples(name: str, count: int, width: int = 1) -> bytes:
    filler = "x" * width
    return "".join(f'<{EX}{name}/{i}> <{EX}p> "{filler}{i}" .\n'
                   for i in range(count)).encode()


def _fill(disk: Path) -> Path:
    """A file that takes every free byte of the disk."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * (1 << 20))
        except OSError:
            pass
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    return filler


def _put(client: TestClient, name: str, body: bytes) -> int:
    answer = client.put("/rdf-graphs", params={"graph": graph_iri("file", name)},
                        content=body, headers={**AUTH, **NT})
    return answer.status_code


def test_a_full_disk_refuses_writes_with_507_and_heals_once_space_is_back(
    small_disk: Path,
) -> None:
    store = OxigraphStore(small_disk / "store")
    settings = Settings(store="oxigraph:", token=TOKEN, warm_caches=False,
                        response_cache_mb=0)
    with TestClient(create_app(settings, store=store)) as client:
        assert _put(client, "before", _triples("before", 10)) in (200, 201)
        assert client.get("/health").json()["status"] == "ok"

        filler = _fill(small_disk)
        statuses: list[int] = []
        while 507 not in statuses and len(statuses) < 4:  # the log's preallocated tail first
            statuses.append(_put(client, f"big{len(statuses)}", _triples("big", 1000, 2000)))
        assert statuses[-1] == 507 and set(statuses) <= {200, 201, 507}, statuses
        refused = client.put("/rdf-graphs", params={"graph": graph_iri("file", "refused")},
                             content=_triples("refused", 5), headers={**AUTH, **NT})
        assert refused.status_code == 507
        assert refused.json()["detail"].count("disk full") == 1, refused.json()
        health = client.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "degraded" and health.json()["cause"] == "disk full"
        since = health.json()["since"]
        # reads keep working: the REST routes, the graph store and the SPARQL endpoint
        assert client.get("/stats").status_code == 200
        read = client.get("/rdf-graphs", params={"graph": graph_iri("file", "before")},
                          headers={"Accept": "application/n-triples"})
        assert read.status_code == 200 and read.text.count("\n") == 10
        ask = client.get("/sparql", params={"query": f"ASK {{ <{EX}before/3> ?p ?o }}"},
                         headers={"Accept": "application/sparql-results+json"})
        assert ask.status_code == 200 and ask.json()["boolean"] is True
        assert client.get("/health/live").status_code == 200

        filler.unlink()
        deadline = time.monotonic() + 10
        while (health := client.get("/health")).status_code != 200:
            assert health.json()["since"] == since  # degraded since the first failure
            assert time.monotonic() < deadline, health.json()
            time.sleep(0.2)
        assert health.json()["status"] == "ok" and health.json()["cause"] is None
        assert _put(client, "after", _triples("after", 10)) in (200, 201)
        names = set(store.graph_names())
        assert {graph_iri("file", "before"), graph_iri("file", "after")} <= names
        assert graph_iri("file", "refused") not in names
        # every write that was answered 2xx is there, whole; none that was refused is
        for i, status in enumerate(statuses):
            stored = store.quad_count(graph_iri("file", f"big{i}"))
            assert stored == (1000 if status in (200, 201) else 0), (i, status, stored)
    store.close()
    reopened = OxigraphStore(small_disk / "store")  # and all of it is durable
    try:
        assert reopened.quad_count(graph_iri("file", "after")) == 10
    finally:
        reopened.close()
