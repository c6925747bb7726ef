"""The servers a conformance run measures, each started fresh on loopback and stopped after.

* ``embedded``: this application over an empty on-disk Oxigraph store (queries and update
  planning in the worker processes, as deployed), with a write token;
* ``virtuoso``: this application over a real Virtuoso through the ``sparql:`` backend;
* ``oxigraph-server``: ``oxigraph serve`` (the ``oxigraph`` package of the bench extra), the
  yardstick the docs compare with. Its Graph Store endpoint is ``/store``, its update
  endpoint ``/update``; it claims direct identification nowhere and creates graphs on POST.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from api.settings import Settings
from graph.namespaces import GRAPH_BASE
from graph.store import open_store
from tests.support.conformance import Server
from tests.support.server import TOKEN, free_port, start_server
from tests.support.virtuoso import Virtuoso

#: The graphs the W3C data names, owned by the ``sparql:`` store beside the project's own.
VIRTUOSO_GRAPHS = " ".join((GRAPH_BASE, "http://kasei.us/", "http://example.org/",
                            "http://www.example/"))
#: What this application claims of the Graph Store Protocol's optional features.
OUR_GSP_FEATURES = frozenset({"IndirectGraphIdentification", "POSTGraphCreation"})

#: Tests an engine fails for a reason outside the protocol layer, by (engine, test id). The
#: conformance tests expect exactly these failures (strict xfail): a fix shows up as a pass.
_UNION_DEFAULT = ("by design: the default graph is the union of the named graphs, and PUT on "
                  "it (which would replace every graph of the store) is refused with 405")
_RDFLIB_DOUBLE = ("uploads are parsed by rdflib, which normalises literals: "
                  "\"1.0E6\"^^xsd:double is stored as \"1000000.0\"")
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("embedded", "put_get_default"): _UNION_DEFAULT,
    ("embedded", "csv03"): _RDFLIB_DOUBLE + " (and Oxigraph keeps it as 1000000)",
    ("embedded", "tsv03"): "Oxigraph stores literals by value: \"-3\"^^xsd:negativeInteger "
                           "comes back as an xsd:integer",
    ("virtuoso", "put_get_default"): _UNION_DEFAULT,
    ("virtuoso", "csv03"): _RDFLIB_DOUBLE + " (Virtuoso answers 1000000.0)",
}


def _stop(server: object, thread: object) -> None:
    server.should_exit = True  # type: ignore[attr-defined]  # a uvicorn.Server
    thread.join(timeout=10)  # type: ignore[attr-defined]  # a threading.Thread


@contextmanager
def embedded() -> Iterator[Server]:
    """This application over an empty on-disk store (no bundled data)."""
    with tempfile.TemporaryDirectory(prefix="conformance-") as tmp:
        store = open_store(f"oxigraph:{Path(tmp) / 'store'}")
        settings = Settings(store="oxigraph:", token=TOKEN, query_timeout=10.0,
                            warm_caches=False, response_cache_mb=0)
        server, thread, url = start_server(store, settings)
        try:
            yield Server(url, "/sparql", "/update", "/rdf-graphs", TOKEN, OUR_GSP_FEATURES)
        finally:
            _stop(server, thread)
            store.close()


@contextmanager
def over_virtuoso(virtuoso: Virtuoso, graphs: str) -> Iterator[Server]:
    """This application over a running Virtuoso, owning the graphs under ``graphs``."""
    store = open_store(f"{virtuoso.store_setting()}|graphs={graphs}")
    store.replace_graphs({}, drop=store.graph_names())
    settings = Settings(store="sparql:", token=TOKEN, query_timeout=30.0, warm_caches=False,
                        response_cache_mb=0)
    server, thread, url = start_server(store, settings)
    try:
        yield Server(url, "/sparql", "/update", "/rdf-graphs", TOKEN, OUR_GSP_FEATURES)
    finally:
        _stop(server, thread)
        store.close()


def oxigraph_command() -> list[str] | None:
    """How to run ``oxigraph serve`` here: the CLI beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    return [found] if found else None


@contextmanager
def oxigraph_server() -> Iterator[Server]:
    """``oxigraph serve`` on an empty store (its default graph is a graph of its own)."""
    command = oxigraph_command()
    if command is None:
        raise RuntimeError("the oxigraph CLI is not installed (pip install oxigraph)")
    with tempfile.TemporaryDirectory(prefix="oxigraph-serve-") as tmp:
        port = free_port()
        process = subprocess.Popen(
            [*command, "serve", "--location", tmp, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=2)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError("oxigraph serve did not start") from None
                    time.sleep(0.2)
            yield Server(url, "/query", "/update", "/store", None,
                         frozenset({"IndirectGraphIdentification", "POSTGraphCreation"}))
        finally:
            process.terminate()
            process.wait(timeout=10)
