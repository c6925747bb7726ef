"""The servers a conformance run measures, each started fresh on loopback and stopped after.

* ``embedded``: this application over an empty on-disk Oxigraph store (queries and update
  planning in the worker processes, as deployed), with a write token;
* ``virtuoso``: this application over a real Virtuoso through the ``sparql:`` backend;
* ``oxigraph-server``: ``oxigraph serve`` (the ``oxigraph`` package of the bench extra), the
  yardstick the docs compare with. Its Graph Store endpoint is ``/store``, its update
  endpoint ``/update``; it claims direct identification nowhere and creates graphs on POST.

Our two servers say what the engine under them keeps of a literal by asking the engine alone
(``oxigraph_roundtrip``: pyoxigraph in this process; ``virtuoso_roundtrip``: Virtuoso's own
SPARQL endpoint), so a result-format test they fail only through the engine is told apart.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox

from api.settings import Settings
from graph.namespaces import GRAPH_BASE
from graph.store import open_store
from tests.support.conformance import DEFAULT_GRAPH_REPLACEMENT, Server
from tests.support.server import TOKEN, free_port, start_server
from tests.support.virtuoso import DBA_PASSWORD, DBA_USER, Virtuoso

#: The graphs the W3C data names, owned by the ``sparql:`` store beside the project's own.
VIRTUOSO_GRAPHS = " ".join((GRAPH_BASE, "http://kasei.us/", "http://example.org/",
                            "http://www.example/"))
#: What this application claims of the Graph Store Protocol's optional features.
OUR_GSP_FEATURES = frozenset({"IndirectGraphIdentification", "POSTGraphCreation"})
#: Why it claims no others (said in each such test's outcome, and in docs/conformance.md).
OUR_UNCLAIMED = {
    "DirectGraphIdentification": "the graphs are named under https://w3id.org/diplograph/graph/, "
                                 "not under the server's address",
    DEFAULT_GRAPH_REPLACEMENT: "the default graph is the union of the named graphs: GET and HEAD "
                               "read it and POST adds to it, but PUT and DELETE on ?default, "
                               "which would replace or delete every graph of the store, are "
                               "refused with 405",
}

#: The result-format tests an engine of ours fails because of the engine alone, by (engine,
#: test id): the runner shows it each time (``Outcome.engine_limit``, the engine asked
#: directly) and the tests skip them with that reason. A listed test that passes, or an engine
#: limit found elsewhere, fails the tests: docs/conformance.md must then be brought up to date.
ENGINE_LIMITS: dict[tuple[str, str], str] = {
    ("embedded", "csv03"): "Oxigraph stores an xsd:double by value: \"1.0E6\" comes back "
                           "as \"1000000\"",
    ("embedded", "tsv03"): "Oxigraph stores an xsd:negativeInteger by value, as an xsd:integer",
    ("virtuoso", "csv03"): "Virtuoso stores an xsd:double by value: \"1.0E6\" comes back "
                           "as \"1e+06\"",
}

#: The subject and predicate of the one triple a round trip stores.
_PROBE_S, _PROBE_P = ox.NamedNode("urn:x-conformance:s"), ox.NamedNode("urn:x-conformance:p")
#: A graph of Virtuoso's outside the ones the application owns, emptied after each round trip.
_PROBE_GRAPH = ox.NamedNode("urn:x-conformance:roundtrip")
_PROBE_INSERT = "INSERT DATA {{ GRAPH {graph} {{ {s} {p} {o} }} }}"
_PROBE_SELECT = "SELECT ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
_PROBE_DROP = "DROP SILENT GRAPH {graph}"


def oxigraph_roundtrip(literal: ox.Literal) -> ox.Literal:
    """What pyoxigraph alone (an in-memory store, no code of this project) gives back for
    ``literal`` once stored: the same storage as the application's on-disk store."""
    store = ox.Store()
    store.add(ox.Quad(_PROBE_S, _PROBE_P, literal))
    back = next(iter(store.quads_for_pattern(_PROBE_S, _PROBE_P, None))).object
    assert isinstance(back, ox.Literal)
    return back


def virtuoso_roundtrip(virtuoso: Virtuoso) -> Callable[[ox.Literal], ox.Literal]:
    """What Virtuoso alone gives back for a literal: written through its own SPARQL endpoint
    (the terms in N-Triples syntax, Oxigraph's serialiser), read back as SPARQL JSON results."""
    def roundtrip(literal: ox.Literal) -> ox.Literal:
        auth = httpx.DigestAuth(DBA_USER, DBA_PASSWORD)
        terms = {"graph": _PROBE_GRAPH, "s": _PROBE_S, "p": _PROBE_P, "o": literal}
        with httpx.Client(timeout=30, auth=auth) as http:
            try:
                http.post(virtuoso.update_url,
                          data={"update": _PROBE_INSERT.format(**terms)}).raise_for_status()
                answer = http.get(virtuoso.query_url,
                                  params={"query": _PROBE_SELECT.format(**terms)},
                                  headers={"Accept": "application/sparql-results+json"})
                answer.raise_for_status()
            finally:
                http.post(virtuoso.update_url, data={"update": _PROBE_DROP.format(**terms)})
        solutions = ox.parse_query_results(answer.content, ox.QueryResultsFormat.JSON)
        found = [row["o"] for row in solutions] if isinstance(solutions, ox.QuerySolutions) else []
        if len(found) != 1 or not isinstance(found[0], ox.Literal):
            raise RuntimeError(f"Virtuoso gave back {answer.text[:300]} for {literal}")
        return found[0]
    return roundtrip


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
            yield Server(url, "/sparql", "/update", "/rdf-graphs", TOKEN, OUR_GSP_FEATURES,
                         OUR_UNCLAIMED, oxigraph_roundtrip)
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
        yield Server(url, "/sparql", "/update", "/rdf-graphs", TOKEN, OUR_GSP_FEATURES,
                     OUR_UNCLAIMED, virtuoso_roundtrip(virtuoso))
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
                         frozenset({"IndirectGraphIdentification", "POSTGraphCreation",
                                    DEFAULT_GRAPH_REPLACEMENT}))
        finally:
            process.terminate()
            process.wait(timeout=10)
