"""The limits that keep a public endpoint alive, and the traps measured on these libraries.

A runaway query is stopped at the time limit (504) while other requests are answered, and its
process stops using the CPU; answers are capped at ``max_rows`` and say so; SERVICE and deep
nesting are refused before parsing; an engine crash takes down a worker, never the server;
distinct queries from many threads at once all get their own right answer.
"""

from __future__ import annotations

import asyncio
import csv
import io
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

import httpx
import pytest

from api.sparql import eval as ev
from api.sparql.pool import PoolBusy, QueryPool, Worker, WorkerDied, WorkerTimeout
from api.sparql.runner import in_thread
from graph.namespaces import INFERRED_GRAPH
from graph.sparql.guard import (
    MAX_DEPTH,
    GuardError,
    NotAQuery,
    QueryShape,
    check_query,
    check_update,
)
from graph.store import GraphStore, open_store
from tests.support.sparql_support import serving, worker_cpu_seconds

LIMIT = 2.0
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
           "?m ?n2 ?o }")
FAST = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def limited(bundled_store: GraphStore) -> Iterator[str]:
    """The bundled graph served with a short time limit and a small row cap."""
    with serving(bundled_store, query_timeout=LIMIT, max_rows=5) as url:
        yield url


def _cpu_used(seconds: float) -> dict[int, float]:
    """CPU seconds each query worker used during the next ``seconds``."""
    before = worker_cpu_seconds()
    time.sleep(seconds)
    return {pid: cpu - before.get(pid, cpu) for pid, cpu in worker_cpu_seconds().items()}


# -- the time limit -------------------------------------------------------------------------
def test_runaway_query_is_stopped_while_others_are_answered(limited: str) -> None:
    with httpx.Client(base_url=limited, timeout=30) as client:
        assert client.get("/sparql", params={"query": FAST}).status_code == 200  # warm
        outcome: dict[str, object] = {}

        def slow() -> None:
            started = time.monotonic()
            outcome["response"] = client.get("/sparql", params={"query": RUNAWAY})
            outcome["seconds"] = time.monotonic() - started

        runner = threading.Thread(target=slow)
        runner.start()
        try:
            time.sleep(0.2)
            # A window long enough that a loaded machine (other suites on both cores) still
            # gives the runaway a measurable share, short enough to end well inside LIMIT.
            used = _cpu_used(0.8)
            busy = max(used, key=lambda pid: used[pid])
            assert used[busy] > 0.1  # the runaway is running, in a worker process
            for _ in range(3):  # the server keeps answering meanwhile
                started = time.monotonic()
                answer = client.get("/sparql", params={"query": FAST})
                assert answer.status_code == 200
                assert time.monotonic() - started < 0.5
            assert runner.is_alive()  # those answers came while the runaway was in flight
        finally:
            runner.join(timeout=LIMIT + 5)
        response = outcome["response"]
        assert isinstance(response, httpx.Response)
        assert response.status_code == 504
        assert "time limit" in response.json()["detail"]
        assert float(outcome["seconds"]) < LIMIT + 1  # type: ignore[arg-type]  # the thread stores a float there
        assert not Path(f"/proc/{busy}").exists()  # ...and was killed, not left to burn a core
        assert client.get("/sparql", params={"query": FAST}).status_code == 200


def test_two_runaways_at_once_are_both_stopped(limited: str) -> None:
    with httpx.Client(base_url=limited, timeout=30) as client, ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        answers = list(pool.map(lambda _: client.get("/sparql", params={"query": RUNAWAY}),
                                range(2)))
        assert [a.status_code for a in answers] == [504, 504]
        assert time.monotonic() - started < LIMIT + 1.5
        assert client.get("/sparql", params={"query": FAST}).status_code == 200


def test_in_thread_evaluation_answers_at_the_limit() -> None:
    """The fallback for stores without files: the caller is answered at the limit."""
    started = time.monotonic()
    with pytest.raises(ev.QueryTimeout):
        in_thread(lambda: time.sleep(3), timeout=0.5)
    assert time.monotonic() - started < 1.0
    assert in_thread(lambda: 42, timeout=1) == 42


# -- the row cap ----------------------------------------------------------------------------
def test_row_cap_is_announced(limited: str) -> None:
    with httpx.Client(base_url=limited, timeout=30) as client:
        answer = client.get("/sparql", params={"query": ALL})
        assert answer.status_code == 200
        assert answer.headers["x-diplograph-truncated"] == "true"
        assert answer.headers["x-diplograph-max-rows"] == "5"
        body = answer.json()
        assert len(body["results"]["bindings"]) == 5 and "5 rows" in body["warning"]
        for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
            cut = client.get("/sparql", params={"query": ALL, "format": fmt})
            assert cut.headers["x-diplograph-truncated"] == "true"
            quoting = csv.QUOTE_MINIMAL if fmt == "csv" else csv.QUOTE_NONE
            rows = list(csv.reader(io.StringIO(cut.text), delimiter=delimiter, quoting=quoting))
            assert len(rows) == 1 + 5  # header and five rows
        exact = client.get("/sparql", params={"query": f"{ALL} LIMIT 5"})
        assert len(exact.json()["results"]["bindings"]) == 5
        assert "x-diplograph-truncated" not in exact.headers and "warning" not in exact.json()
        graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }",
                                              "format": "ntriples"})
        assert graph.headers["x-diplograph-truncated"] == "true"
        assert len(graph.text.strip().splitlines()) == 5


# -- refused before parsing -----------------------------------------------------------------
@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?q ?r } } }",
    "select * where { { select ?s where { service <http://example.org/> { ?s ?p ?o } } } }",
])
def test_service_is_refused(live_server, query: str) -> None:
    answer = httpx.get(f"{live_server.url}/sparql", params={"query": query}, timeout=30)
    assert answer.status_code == 400
    assert "SERVICE" in answer.json()["detail"] and "remote" in answer.json()["detail"]


def test_keywords_inside_strings_are_not_refused(live_server) -> None:
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://x> {{{{ LOAD" AS ?x) } # SERVICE'
    answer = httpx.get(f"{live_server.url}/sparql", params={"query": query}, timeout=30)
    assert answer.status_code == 200, answer.text


def test_the_lexical_pass_skips_strings_iris_comments_and_names() -> None:
    harmless = (
        'PREFIX ex: <http://example.org/> SELECT * FROM <http://example.org/g> WHERE { '
        '?service ex:SERVICE <http://example.org/(((> . '
        'FILTER("""{{{ LOAD\n""" != \'SERVICE\') } # SERVICE ((('
    )
    assert check_query(harmless) == QueryShape("SELECT", names_dataset=True)
    assert check_query("BASE <x:> PREFIX : <x:> ASK { :a :b [ :c (1 2) ] }").form == "ASK"
    assert check_query("PREFIX : <x:> SELECT * WHERE { ?s ?p ?o }").names_dataset is False
    check_update("INSERT DATA { <x:s> <x:p> 'LOAD SERVICE' }")
    for update in ("PREFIX : <x:> INSERT DATA { :a :b :c }", "WITH <x:g> DELETE WHERE { ?s ?p ?o }",
                   "clear all"):
        with pytest.raises(NotAQuery):
            check_query(update)
    for refused in ("select * { service <x:> { } }", "LOAD <http://example.org/x>"):
        with pytest.raises(GuardError, match="remote"):
            check_update(refused)


@pytest.mark.parametrize("opening, closing", [("(", ")"), ("{", "}"), ("[ <p:p> ", "]")])
def test_deep_nesting_is_refused_and_the_server_lives(live_server, opening: str,
                                                      closing: str) -> None:
    if opening == "(":
        query = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    elif opening == "{":
        query = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    else:
        query = "SELECT * WHERE { ?s <p:p> " + opening * 5000 + "1" + closing * 5000 + " }"
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        answer = client.post("/sparql", data={"query": query})
        assert answer.status_code == 400
        assert f"more than {MAX_DEPTH} deep" in answer.json()["detail"]
        assert client.get("/sparql", params={"query": FAST}).status_code == 200


def test_nesting_within_the_limit_is_answered(live_server) -> None:
    query = "SELECT * WHERE { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }"
    answer = httpx.post(f"{live_server.url}/sparql", data={"query": query}, timeout=30)
    assert answer.status_code == 200, answer.text


def test_oversized_requests(live_server) -> None:
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300_000
        answer = client.post("/sparql", content=long_query,
                             headers={"Content-Type": "application/sparql-query"})
        assert answer.status_code == 400 and "KiB" in answer.json()["detail"]
        huge = client.post("/sparql", content=b"x" * 2_000_000,
                           headers={"Content-Type": "application/sparql-query"})
        assert huge.status_code == 413


# -- an engine crash is contained -----------------------------------------------------------
def test_an_engine_crash_kills_a_worker_not_the_server(bundled_store: GraphStore) -> None:
    """Past the guard (here: bypassed on purpose), a query that overflows the engine's stack
    kills its worker; the pool replaces it and answers the next request."""
    pool = QueryPool(bundled_store.path, size=1)  # type: ignore[attr-defined]  # the fixture is an OxigraphStore, typed as the base
    try:
        deep = "SELECT * WHERE " + "{" * 1_000_000 + "}" * 1_000_000
        request = ev.QueryRequest(query=deep, formats={"results": "json", "graph": None},
                                  max_rows=10)
        with pytest.raises(WorkerDied) as died:
            pool.run({"op": "query", "generation": 0, "query": asdict(request)}, timeout=60)
        assert died.value.status is not None and died.value.status < 0  # killed by a signal
        request.query = FAST
        header, body = pool.run({"op": "query", "generation": 0, "query": asdict(request)},
                                timeout=30)
        assert header["ok"] and b'"bindings"' in body
    finally:
        pool.close()


def _query(text: str) -> dict[str, object]:
    request = ev.QueryRequest(query=text, formats={"results": "json", "graph": None}, max_rows=10)
    return {"op": "query", "generation": 0, "query": asdict(request)}


def test_a_full_pool_says_busy_and_a_cancelled_wait_loses_no_worker(
    bundled_store: GraphStore,
) -> None:
    """The pool is awaited on the event loop: a request that finds every worker busy gets
    PoolBusy at its own limit, and a caller that goes away mid-answer (a cancelled task) has
    its worker killed and replaced, so the pool keeps its size and answers the next query."""
    pool = QueryPool(bundled_store.path, size=1)  # type: ignore[attr-defined]  # the fixture is an OxigraphStore, typed as the base

    async def scenario() -> None:
        runaway = asyncio.create_task(pool.run_async(_query(RUNAWAY), timeout=3))
        await asyncio.sleep(0.3)
        started = time.monotonic()
        with pytest.raises(PoolBusy):
            await pool.run_async(_query(FAST), timeout=0.3)
        assert time.monotonic() - started < 1.5
        runaway.cancel()
        with pytest.raises(asyncio.CancelledError):
            await runaway
        header, body = await pool.run_async(_query(FAST), timeout=30)
        assert header["ok"] and b'"bindings"' in body
        with pytest.raises(WorkerTimeout):
            await pool.run_async(_query(RUNAWAY), timeout=0.5)

    try:
        asyncio.run(scenario())
        workers = list(pool._all)
        assert len(workers) == 1 and workers[0].process.poll() is None
        header, _ = pool.run(_query(FAST), timeout=30)  # the blocking form, for threads
        assert header["ok"]
    finally:
        pool.close()


# -- rdflib's parser is not thread-safe -----------------------------------------------------
def _distinct_queries() -> list[tuple[str, int]]:
    """(query, expected row count) pairs that differ in text, so no parse can be reused."""
    return [(f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {n}", n) for n in range(1, 25)]


def _hammer(url: str) -> None:
    with httpx.Client(base_url=url, timeout=60) as client, ThreadPoolExecutor(8) as pool:
        def ask(item: tuple[str, int]) -> int:
            answer = client.post("/sparql", data={"query": item[0]})
            assert answer.status_code == 200, answer.text
            return len(answer.json()["results"]["bindings"])

        queries = _distinct_queries()
        assert list(pool.map(ask, queries)) == [n for _, n in queries]
        assert ask(("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", 3)) == 3  # still healthy after


def test_concurrent_distinct_queries_on_oxigraph(live_server) -> None:
    _hammer(live_server.url)


def test_concurrent_distinct_queries_on_the_rdflib_store(bundled_store: GraphStore) -> None:
    """The rdflib backend parses with rdflib's SPARQL parser: it must serialise the parses."""
    memory = open_store("memory:")
    memory.replace_graphs({name: bundled_store.graph(name)
                           for name in bundled_store.graph_names()[:3] if name != INFERRED_GRAPH})
    with serving(memory, query_timeout=30.0) as url:
        _hammer(url)


def test_answers_larger_than_the_pipe_arrive_whole_one_after_another(
    bundled_store: GraphStore,
) -> None:
    """The pool reads each answer in as few reads as the pipe allows: an answer many times the
    pipe's buffer arrives whole, a small one right after it is its own (nothing of one answer
    is read as the next), and the bodies are those of evaluating in this process."""
    engine = bundled_store.engine  # type: ignore[attr-defined]  # the fixture is an OxigraphStore
    pool = QueryPool(bundled_store.path, size=1)  # type: ignore[attr-defined]  # the same

    def request(text: str, rows: int) -> dict[str, object]:
        query = ev.QueryRequest(query=text, formats={"results": "json", "graph": None},
                                max_rows=rows)
        return {"op": "query", "generation": bundled_store.generation, "query": asdict(query)}

    try:
        for text, rows in ((ALL, 100_000), (FAST, 10), (ALL, 100_000), (FAST, 10)):
            header, body = pool.run(request(text, rows), timeout=60)
            expected = ev.evaluate(engine, ev.QueryRequest(**request(text, rows)["query"]))
            assert header["ok"] and header["count"] == expected.count
            assert body == expected.body
            if text == ALL:
                assert len(body) > 1 << 20  # many pipe buffers
    finally:
        pool.close()


def test_a_sequential_client_is_served_by_the_worker_that_just_answered(
    bundled_store: GraphStore, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Idle workers are taken last in, first out: one after another, queries go to the same
    worker (its caches warm), while two at once still get one worker each."""
    served: list[int] = []
    call = Worker.call

    async def recording(self: Worker, request: dict[str, object],
                        deadline: float) -> tuple[dict[str, object], bytes]:  # fmt: skip
        served.append(self.process.pid)
        return await call(self, request, deadline)

    monkeypatch.setattr(Worker, "call", recording)
    pool = QueryPool(bundled_store.path, size=2)  # type: ignore[attr-defined]  # the fixture is an OxigraphStore, typed as the base

    async def scenario() -> None:
        for _ in range(6):
            header, _ = await pool.run_async(_query(FAST), timeout=30)
            assert header["ok"]
        assert len(set(served)) == 1
        served.clear()
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f } "
        answers = await asyncio.gather(*(pool.run_async(_query(slow), timeout=30)
                                         for _ in range(2)))  # fmt: skip
        assert all(header["ok"] for header, _ in answers)
        assert len(set(served)) == 2

    try:
        asyncio.run(scenario())
    finally:
        pool.close()
