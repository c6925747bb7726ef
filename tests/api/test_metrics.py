"""``GET /metrics`` and the request log, read from a real uvicorn server over a real store.

Every scrape is parsed with ``prometheus_client.parser``, as Prometheus would read it: requests
are counted by route template (never by raw path, even when the response cache answers),
writes by kind and refusals by reason, a query stopped at the time limit is counted, and the
store's size is the count /health reports. The JSON request log is read from the logger the
server writes to; each line carries the id the answer's ``X-Request-ID`` header carries.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import Request
from prometheus_client.parser import text_string_to_metric_families

from api import tokens
from api.app import create_app
from api.request_log import LOGGER
from api.settings import Settings
from graph.namespaces import graph_iri
from graph.store import GraphStore
from tests.support.logs import Lines
from tests.support.server import TOKEN, start_server
from tests.support.sparql_support import AUTH, PROLOGUE, serving, state_triples, writable_store

GRAPH = graph_iri("file", "states")
#: A cartesian product no store of this size answers within a second.
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
           "?m ?n2 ?o }")

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(client: httpx.Client, **headers: str) -> Samples:
    """Every sample of a scrape, by name and labels."""
    answer = client.get("/metrics", headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(answer.text)
            for s in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def requests(samples: Samples, route: str, status: str = "200") -> float:
    return value(samples, "diplograph_http_requests_total", method="GET", route=route,
                 status=status)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    opened = writable_store(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def client(store: GraphStore) -> Iterator[httpx.Client]:
    with serving(store, query_timeout=1.0) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def _update(client: httpx.Client, slug: str, *, valid: bool = True,
            headers: dict[str, str] | None = None) -> httpx.Response:  # fmt: skip
    text = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {state_triples(slug, valid=valid)} }} }}"
    return client.post("/update", data={"update": PROLOGUE + text},
                       headers=AUTH if headers is None else headers)  # fmt: skip


# ------------------------------------------------------------------------------ requests
def test_requests_are_counted_by_route_template_and_status(client: httpx.Client) -> None:
    before = scrape(client)
    for path in ("/actors/china", "/actors/united-states", "/actors/china", "/actors/nobody"):
        client.get(path)
    client.get("/no/such/page")
    after = scrape(client)
    # the second /actors/china is replayed by the response cache: still under its template
    assert requests(after, "/actors/{id}") - requests(before, "/actors/{id}") == 3
    assert requests(after, "/actors/{id}", "404") - requests(before, "/actors/{id}", "404") == 1
    assert requests(after, "unmatched", "404") - requests(before, "unmatched", "404") == 1
    routes = {dict(labels).get("route") for _, labels in after}
    assert not {r for r in routes if r and ("china" in r or "nobody" in r or "no/such" in r)}
    count = value(after, "diplograph_http_request_duration_seconds_count", method="GET",
                  route="/actors/{id}", status="200")
    assert count == requests(after, "/actors/{id}")
    assert value(after, "diplograph_http_request_duration_seconds_sum", method="GET",
                 route="/actors/{id}", status="200") > 0


def test_response_cache_hits_and_misses_are_counted(client: httpx.Client) -> None:
    before = scrape(client)
    client.get("/actors/china")
    client.get("/actors/china")
    client.get("/actors/china", headers={"Cache-Control": "no-cache"})
    after = scrape(client)
    assert value(after, "diplograph_response_cache_hits_total") - value(
        before, "diplograph_response_cache_hits_total") == 1
    assert value(after, "diplograph_response_cache_misses_total") - value(
        before, "diplograph_response_cache_misses_total") == 2
    assert value(after, "diplograph_response_cache_bytes") > 0


def test_metrics_are_never_kept_by_the_response_cache(client: httpx.Client) -> None:
    first = scrape(client)
    second = scrape(client)
    assert requests(second, "/metrics") == requests(first, "/metrics") + 1


# -------------------------------------------------------------------------------- writes
def test_writes_and_refused_writes_are_counted_by_kind(client: httpx.Client) -> None:
    before = scrape(client)
    assert _update(client, "france").status_code == 200
    assert _update(client, "japan", valid=False).status_code == 422  # the shapes refuse it
    assert _update(client, "peru", headers={}).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert client.delete("/documents/some-doc", headers=wrong).status_code == 401
    after = scrape(client)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("diplograph_writes_total", kind="update") == 1
    assert moved("diplograph_writes_refused_total", kind="update", reason="invalid") == 1
    assert moved("diplograph_writes_refused_total", kind="update", reason="unauthenticated") == 1
    assert moved("diplograph_writes_refused_total", kind="delete", reason="unauthenticated") == 1
    assert moved("diplograph_writes_total", kind="delete") == 0
    # reads are not writes: a query by POST is counted as a request only
    assert client.post("/sparql", data={"query": "ASK {}"}).status_code == 200
    assert not [k for k in scrape(client) if k[0].startswith("diplograph_writes")
                and dict(k[1]).get("kind") not in ("update", "delete")]


def test_a_weak_role_is_counted_as_forbidden(tmp_path: Path, store: GraphStore) -> None:
    path = tmp_path / "tokens.json"
    reviewer = tokens.add(path, "rev-1", "reviewer")
    with serving(store, tokens_file=str(path)) as url, httpx.Client(base_url=url) as client:
        weak = {"Authorization": f"Bearer {reviewer}"}
        assert _update(client, "france", headers=weak).status_code == 403
        samples = scrape(client)
    assert value(samples, "diplograph_writes_refused_total", kind="update",
                 reason="forbidden") == 1


# ------------------------------------------------------------------------ SPARQL and store
def test_a_query_stopped_at_the_time_limit_is_counted(client: httpx.Client) -> None:
    before = value(scrape(client), "diplograph_sparql_timeouts_total", operation="query")
    assert client.get("/sparql", params={"query": RUNAWAY}).status_code == 504
    after = scrape(client)
    assert value(after, "diplograph_sparql_timeouts_total", operation="query") == before + 1
    assert requests(after, "/sparql", "504") == 1
    runaway_update = (f"INSERT {{ GRAPH <{GRAPH}> {{ ?a ?b ?c }} }} "
                      "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }")
    assert client.post("/update", data={"update": runaway_update},
                       headers=AUTH).status_code == 504
    last = scrape(client)
    assert value(last, "diplograph_sparql_timeouts_total", operation="update") == 1
    assert value(last, "diplograph_writes_total", kind="update") == 0  # nothing was written


def test_store_size_is_the_health_count(client: httpx.Client) -> None:
    triples = client.get("/health").json()["triples"]
    assert triples > 0
    deadline = time.monotonic() + 30
    while True:  # counted in the background: the first scrape starts the count
        samples = scrape(client)
        if ("diplograph_store_triples", frozenset()) in samples or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert value(samples, "diplograph_store_triples") == triples


# ------------------------------------------------------------------------------- settings
def test_metrics_can_be_off_or_behind_a_token(store: GraphStore) -> None:
    with serving(store, metrics="off") as url, httpx.Client(base_url=url) as client:
        assert client.get("/metrics").status_code == 404
        assert "/metrics" not in client.get("/openapi.json").json()["paths"]
    with serving(store, metrics="token") as url, httpx.Client(base_url=url) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401
        samples = scrape(client, Authorization=f"Bearer {TOKEN}")
        assert requests(samples, "/metrics", "401") == 2


def test_a_bad_setting_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLOGRAPH_METRICS", "maybe")
    with pytest.raises(ValueError, match="DIPLOGRAPH_METRICS"):
        Settings()


def test_two_apps_in_one_process_count_apart(store: GraphStore) -> None:
    with serving(store) as one, serving(store) as two, \
            httpx.Client(base_url=one) as a, httpx.Client(base_url=two) as b:
        a.get("/health")
        a.get("/health")
        b.get("/health")
        assert requests(scrape(a), "/health") == 2
        assert requests(scrape(b), "/health") == 1


# ------------------------------------------------------------------------------------ logs

@pytest.fixture
def logged(store: GraphStore) -> Iterator[tuple[httpx.Client, Lines]]:
    settings = Settings(store="oxigraph:", token=TOKEN, query_timeout=3.0, log_format="json")
    app = create_app(settings, store=store)

    async def request_id(request: Request) -> dict[str, str]:
        return {"id": request.state.request_id}

    app.add_api_route("/test/request-id", request_id)
    lines = Lines()
    logger = logging.getLogger(LOGGER)
    logger.addHandler(lines)
    server, thread, url = start_server(store, settings, app)
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            yield client, lines
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        logger.removeHandler(lines)


def _line_for(lines: Lines, request_id: str) -> dict[str, object]:
    deadline = time.monotonic() + 5  # written as the answer ends, maybe after the client read
    while time.monotonic() < deadline:
        found = [json.loads(line) for line in lines.lines if request_id in line]
        if found:
            assert len(found) == 1, found
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"no log line for {request_id}: {lines.lines}")


def test_each_request_logs_one_json_line_with_its_id(
    logged: tuple[httpx.Client, Lines],
) -> None:
    client, lines = logged
    answer = client.get("/actors/china", params={"q": "secret text"})
    rid = answer.headers["x-request-id"]
    assert len(rid) == 32
    line = _line_for(lines, rid)
    assert line["method"] == "GET" and line["route"] == "/actors/{id}"
    assert line["status"] == 200 and line["principal"] is None
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert "secret" not in json.dumps(line)  # the template, never the raw path or query

    written = _update(client, "france", headers={**AUTH, "X-Request-ID": "proxy-7f3a.1"})
    assert written.headers["x-request-id"] == "proxy-7f3a.1"
    line = _line_for(lines, "proxy-7f3a.1")
    assert line["route"] == "/update" and line["status"] == 200
    assert line["principal"] == tokens.ADMIN_TOKEN_NAME  # the name DIPLOGRAPH_TOKEN writes as


def test_a_malformed_request_id_is_replaced(logged: tuple[httpx.Client, Lines]) -> None:
    client, lines = logged
    forged = 'x" injected\tline'
    answer = client.get("/health", headers={"X-Request-ID": forged})
    rid = answer.headers["x-request-id"]
    assert rid != forged and len(rid) == 32
    assert _line_for(lines, rid)["route"] == "/health"
    too_long = "a" * 200
    assert client.get("/health", headers={"X-Request-ID": too_long}).headers[
        "x-request-id"] != too_long


def test_the_request_id_is_on_request_state(logged: tuple[httpx.Client, Lines]) -> None:
    client, _ = logged
    answer = client.get("/test/request-id", headers={"X-Request-ID": "trace-42"})
    assert answer.json() == {"id": "trace-42"}
    assert answer.headers["x-request-id"] == "trace-42"
    fresh = client.get("/test/request-id", headers={"Cache-Control": "no-cache"})  # not kept
    assert fresh.json()["id"] == fresh.headers["x-request-id"]


def test_store_cache_hits_and_misses_are_counted_by_cache(client: httpx.Client) -> None:
    """The caches of what was read from the store, past the response cache (no-cache)."""
    fresh = {"Cache-Control": "no-cache"}
    client.get("/actors/china", headers=fresh)  # reads the profile, or finds it kept
    before = scrape(client)
    assert client.get("/actors/china", headers=fresh).status_code == 200
    after = scrape(client)

    def moved(name: str, cache: str) -> float:
        return value(after, name, cache=cache) - value(before, name, cache=cache)

    caches = {dict(labels)["cache"] for name, labels in after
              if name == "diplograph_store_cache_hits_total"}
    assert {"claims", "actor_profiles", "label_index", "views"} <= caches
    assert moved("diplograph_store_cache_hits_total", "actor_profiles") == 1
    assert moved("diplograph_store_cache_misses_total", "actor_profiles") == 0
    hits = value(after, "diplograph_store_cache_hits_total", cache="actor_profiles")
    misses = value(after, "diplograph_store_cache_misses_total", cache="actor_profiles")
    assert value(after, "diplograph_store_cache_hit_ratio", cache="actor_profiles") == (
        pytest.approx(hits / (hits + misses)))
