"""``GET``/``POST /sparql`` skip FastAPI's router (``api.sparql.fast_path``) and lose nothing.

Two real uvicorn servers over the same store, one app with the fast path and one without it,
answer the same protocol requests (results in each format, a graph, the service description,
every refusal: an update sent as a query, SERVICE, a bad content type, a repeated parameter, a
malformed query): status, body and headers must be the same. The fast path must answer the
query methods itself (the app behind it is never reached) and leave every other request to
FastAPI, and its answers are counted by the metrics and written to the request log under the
route template ``/sparql``, time-limited queries included.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from rdflib import Graph
from rdflib.compare import isomorphic

from api.app import create_app
from api.request_log import LOGGER
from api.settings import Settings
from api.sparql.fast_path import SparqlFastPath
from graph.store import GraphStore
from tests.support.logs import Lines
from tests.support.server import TOKEN, start_server
from tests.support.sparql_support import PROLOGUE, writable_store

SELECT = PROLOGUE + "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s LIMIT 5"
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
           "?m ?n2 ?o }")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
#: (method, params, body, headers): the protocol's ways to ask, and ways to ask wrongly.
REQUESTS: list[tuple[str, dict[str, str], bytes | None, dict[str, str]]] = [
    ("GET", {"query": SELECT}, None, {"Accept": "application/sparql-results+json"}),
    ("GET", {"query": SELECT}, None, {"Accept": "application/sparql-results+xml"}),
    ("GET", {"query": SELECT, "format": "csv"}, None, {}),
    ("GET", {"query": PROLOGUE + "ASK { ?s ?p ?o }"}, None,
     {"Accept": "text/tab-separated-values"}),
    ("GET", {"query": PROLOGUE + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l } "
             "LIMIT 3"}, None, {"Accept": "text/turtle"}),
    ("POST", {}, str(httpx.QueryParams({"query": SELECT})).encode(), FORM),
    ("POST", {}, SELECT.encode(), DIRECT),
    ("POST", {}, SELECT.encode(), {"Content-Type": "text/plain"}),  # 415
    ("POST", {"query": SELECT}, SELECT.encode(), DIRECT),  # the query twice: 400
    ("GET", {"query": "INSERT DATA { <a:x> <a:y> <a:z> }"}, None, {}),  # an update: 400
    ("GET", {"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"}, None, {}),
    ("GET", {"query": "SELECT WHERE {"}, None, {}),  # malformed: 400
    ("GET", {"query": SELECT}, None, {"Accept": "image/png"}),  # 406
    ("GET", {}, None, {"Accept": "text/turtle"}),  # the service description
    ("POST", {}, b"", FORM),  # no query: 400
]
#: Headers that differ between any two answers.
VOLATILE = {"date", "x-request-id", "content-length"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    opened = writable_store(tmp_path_factory.mktemp("fast-path"))
    yield opened
    opened.close()


def _serve(store: GraphStore, *, fast: bool) -> Iterator[str]:
    settings = Settings(store="oxigraph:", token=TOKEN, query_timeout=1.0, log_format="json")
    app = create_app(settings, store=store)
    if not fast:  # the stack is built at the first request: taken out before it
        app.user_middleware = [m for m in app.user_middleware if m.cls is not SparqlFastPath]
    server, thread, url = start_server(store, settings, app)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="module")
def fast(store: GraphStore) -> Iterator[str]:
    yield from _serve(store, fast=True)


@pytest.fixture(scope="module")
def routed(store: GraphStore) -> Iterator[str]:
    yield from _serve(store, fast=False)


def _ask(url: str, method: str, params: dict[str, str], body: bytes | None,
         headers: dict[str, str]) -> httpx.Response:  # fmt: skip
    with httpx.Client(base_url=url, timeout=30) as client:
        return client.request(method, "/sparql", params=params, content=body, headers=headers)


@pytest.mark.parametrize(("method", "params", "body", "headers"), REQUESTS)
def test_the_fast_path_answers_as_the_routed_one(
    fast: str, routed: str, method: str, params: dict[str, str], body: bytes | None,
    headers: dict[str, str],
) -> None:
    quick, slow = (_ask(url, method, params, body, headers) for url in (fast, routed))
    assert quick.status_code == slow.status_code
    if "turtle" in quick.headers["content-type"]:  # blank nodes are named afresh each time
        # the service description names each server's own address
        read = [Graph().parse(data=a.text.replace(url, "http://server"), format="turtle")
                for a, url in ((quick, fast), (slow, routed))]
        assert len(read[0]) > 0 and isomorphic(*read)
    else:
        assert quick.content == slow.content
    shown = {k: v for k, v in quick.headers.items() if k not in VOLATILE}
    assert shown == {k: v for k, v in slow.headers.items() if k not in VOLATILE}
    assert quick.headers["x-request-id"]


def test_only_the_query_methods_take_the_fast_path(store: GraphStore) -> None:
    """Driven at the ASGI level: GET and POST /sparql never reach the app behind; HEAD,
    OPTIONS and every other path do."""
    app = create_app(Settings(store="oxigraph:", token=TOKEN), store=store)
    reached: list[tuple[str, str]] = []

    async def behind(scope: dict[str, Any], receive: Any, send: Any) -> None:
        reached.append((scope["method"], scope["path"]))
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    fast_path = SparqlFastPath(behind)

    async def call(method: str, path: str, query: bytes = b"") -> tuple[int, bytes, Any]:
        scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(),
                 "query_string": query, "headers": [(b"host", b"test")], "app": app,
                 "scheme": "http", "server": ("test", 80), "root_path": "", "state": {}}
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await fast_path(scope, receive, send)
        return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:]), scope

    async def run() -> None:
        async with app.router.lifespan_context(app):
            query = str(httpx.QueryParams({"query": SELECT})).encode()
            status, body, scope = await call("GET", "/sparql", query)
            assert status == 200 and json.loads(body)["results"]["bindings"]
            assert scope["route"].path_format == "/sparql"  # what metrics and logs read
            status, _, _ = await call("POST", "/sparql")  # no body, no type: refused here
            assert status == 415
            assert reached == []
            for method, path in (("HEAD", "/sparql"), ("OPTIONS", "/sparql"),
                                 ("PUT", "/sparql"), ("GET", "/sparql/static/x"),
                                 ("GET", "/health"), ("POST", "/update")):
                status, _, _ = await call(method, path)
                assert status == 299 and reached[-1] == (method, path)

    asyncio.run(run())


def test_fast_answers_are_counted_and_logged(fast: str) -> None:
    lines = Lines()
    logger = logging.getLogger(LOGGER)
    logger.addHandler(lines)
    try:
        with httpx.Client(base_url=fast, timeout=30) as client:
            def count(method: str, status: str) -> float:
                scrape = client.get("/metrics").text
                return sum(s.value for family in text_string_to_metric_families(scrape)
                           for s in family.samples
                           if s.name == "diplograph_http_requests_total"
                           and s.labels == {"method": method, "route": "/sparql",
                                            "status": status})  # fmt: skip

            def timeouts() -> float:
                scrape = client.get("/metrics").text
                return sum(s.value for family in text_string_to_metric_families(scrape)
                           for s in family.samples
                           if s.name == "diplograph_sparql_timeouts_total"
                           and s.labels == {"operation": "query"})  # fmt: skip

            before = {(m, s): count(m, s) for m in ("GET", "POST") for s in ("200", "400", "504")}
            stopped = timeouts()
            answer = client.get("/sparql", params={"query": SELECT})
            assert answer.status_code == 200
            rid = answer.headers["x-request-id"]
            assert client.post("/sparql", content=SELECT, headers=DIRECT).status_code == 200
            refused = client.post("/sparql", data={"query": "DELETE WHERE { ?s ?p ?o }"})
            assert refused.status_code == 400
            limited = client.get("/sparql", params={"query": RUNAWAY})
            assert limited.status_code == 504  # the time limit holds on the fast path
            assert count("GET", "200") == before[("GET", "200")] + 1
            assert count("POST", "200") == before[("POST", "200")] + 1
            assert count("POST", "400") == before[("POST", "400")] + 1
            assert count("GET", "504") == before[("GET", "504")] + 1
            assert timeouts() == stopped + 1
        deadline = time.monotonic() + 5  # written as the answer ends, maybe after the read
        while not any(rid in line for line in lines.lines) and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        logger.removeHandler(lines)
    found = [json.loads(line) for line in lines.lines if rid in line]
    assert len(found) == 1
    assert found[0]["route"] == "/sparql" and found[0]["method"] == "GET"
    assert found[0]["status"] == 200
