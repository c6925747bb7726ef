"""Hostile input through every parameter of every REST route: quotes, braces, ``} UNION {``,
newlines, backslashes, a value ending in backslash-quote, 10,000 characters and non-Latin
scripts. Each answer is a 200, 404 or 422, never a 500, and a 200 lists nothing: no value can
turn into SPARQL that matches more than it names.

The routes and their parameters are read from the app's own OpenAPI document, so a parameter
added later is attacked too.
"""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings

#: Every value carries the token "qqzx", which no name in the graph contains, so a search that
#: answers anything at all has let the value escape.
HOSTILE = [
    'qqzx"',
    "qqzx'",
    'qqzx" } UNION { ?s ?p ?o } #',
    "qqzx} UNION {",
    "{qqzx}",
    'qqzx"\n}\nSELECT * WHERE { ?s ?p ?o }\n#',
    "qqzx\\",
    'qqzx\\"',
    'qqzx\n"""\n\\"',
    "qqzx'''\\'",
    "qqzx <http://example.org/x> ?var $var",
    "qqzx\r\n\t;",
    "qqzx%20%7B%22",
    "qqzx\x00",
    "qqzx " + "a" * 10_000,
    "qqzx 漢字テスト",
    "qqzx 안녕하세요",
    "qqzx Привет",
    "qqzx مرحبا",
    "qqzx \U0001f600",
]

#: The REST routes of issue 4 (other routers are tested by their own modules).
REST_PREFIXES = (
    "/claims",
    "/commitments",
    "/demands",
    "/red-lines",
    "/consensus",
    "/actors",
    "/meetings",
    "/topics",
    "/bundles",
    "/documents",
    "/timeline",
    "/search",
    "/id/",
    "/ledger",
)

#: A valid value for each path parameter, so that one parameter at a time is hostile.
VALID_PATH = {
    "/claims/{id}": {
        "id": "2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"
    },
    "/actors/{id}": {"id": "wang-yi"},
    "/meetings/{id}": {"id": "2021-03-18-anchorage-dialogue"},
    "/meetings/{id}/sides": {"id": "2021-03-18-anchorage-dialogue"},
    "/topics/{id}": {"id": "taiwan"},
    "/bundles/{id}": {"id": "two-lists"},
    "/claims/{id}/ledger": {
        "id": "undated--joe-biden--commitment--not-support-taiwan-independence"
    },
    "/bundles/{id}/ledger": {"id": "two-lists"},
    "/documents/{id}": {"id": "2024-04-24-xinhua-mfa-official-briefing"},
    "/id/{kind}/{slug}": {"kind": "actor", "slug": "wang-yi"},
}
#: Parameters a route requires, with a harmless value, when another one is under attack.
REQUIRED = {"/search": {"q": "qqzx"}}


def _operations() -> list[tuple[str, list[dict]]]:
    schema = create_app(Settings(store="oxigraph:")).openapi()
    found = []
    for path, item in sorted(schema["paths"].items()):
        if "get" in item and path.startswith(REST_PREFIXES):
            found.append((path, item["get"].get("parameters", [])))
    return found


OPERATIONS = _operations()


def test_every_rest_route_is_attacked() -> None:
    paths = {path for path, _ in OPERATIONS}
    assert set(VALID_PATH) <= paths
    assert {
        "/claims",
        "/commitments",
        "/demands",
        "/red-lines",
        "/consensus",
        "/actors",
        "/meetings",
        "/topics",
        "/bundles",
        "/documents",
        "/timeline",
        "/search",
    } <= paths
    assert sum(len(params) for _, params in OPERATIONS) > 80


def _url(path: str, path_values: dict[str, str]) -> str:
    for name, value in path_values.items():
        path = path.replace(f"{{{name}}}", quote(value, safe=""))
    return path


def _check(response: httpx.Response, where: str) -> None:
    assert response.status_code in (200, 404, 422), (
        where,
        response.status_code,
        response.text[:300],
    )
    if response.status_code != 200:
        assert response.headers["content-type"].startswith("application/json"), where
        assert response.json()["detail"], where
        return
    if response.headers["content-type"].startswith("application/json"):
        body = response.json()
        assert isinstance(body, dict) and body.get("total") == 0 and body.get("items") == [], (
            where,
            str(body)[:300],
        )
    else:  # a linked-data page can only be the one entity asked for
        assert "wang-yi" in response.text, where


@pytest.mark.parametrize(("path", "params"), OPERATIONS, ids=[p for p, _ in OPERATIONS])
def test_hostile_values_in_every_parameter(
    rest_client: TestClient, path: str, params: list[dict]
) -> None:
    for param in params:
        name, where_in = param["name"], param["in"]
        for value in HOSTILE:
            path_values = dict(VALID_PATH.get(path, {}))
            query = dict(REQUIRED.get(path, {}))
            if where_in == "path":
                path_values[name] = value
            else:
                query[name] = value
            response = rest_client.get(_url(path, path_values), params=query)
            _check(response, f"{path} {name}={value[:40]!r}")


def test_hostile_accept_headers_on_linked_data(rest_client: TestClient) -> None:
    for accept in [
        'text/turtle;q="1"}',
        "text/html;q=1e999",
        "*/*;q=-1",
        "\\",
        "a/b, c/d;;;q=",
        "x" * 5000,
    ]:
        response = rest_client.get("/id/actor/wang-yi", headers={"Accept": accept})
        assert response.status_code in (200, 406), (accept, response.status_code)


def test_through_a_real_server(live_server) -> None:
    """The same over HTTP and uvicorn's parser (shorter values: a request line has a size limit)."""
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        for value in HOSTILE[:14]:
            for url, params in (
                ("/claims", {"q": value}),
                ("/claims", {"claimant": value}),
                ("/actors", {"q": value}),
                ("/search", {"q": value}),
                ("/timeline", {"since": value}),
                (f"/claims/{quote(value, safe='')}", {}),
                (f"/id/actor/{quote(value, safe='')}", {}),
            ):
                _check(client.get(url, params=params), f"{url} {value[:30]!r}")
