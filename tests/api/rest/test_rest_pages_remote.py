"""Meeting, actor and document pages over a real Virtuoso answer what the embedded store does.

Over an external engine these pages read what their read model does not hold in one query
(``graph/lookups/shape_query.py``) instead of one per link; without a read model (while it is
built) they read link by link. Both must give the embedded store's answer for every entity of
the bundled graph, to the JSON.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.readmodel import registry
from graph.store.remote.client import RemoteStore
from tests.support.virtuoso import Virtuoso, bundled_remote

pytestmark = pytest.mark.virtuoso
#: The routes and the kind of slug each pages through.
ROUTES = {"meetings": "meeting", "actors": "actor", "documents": "document"}


@pytest.fixture(scope="module")
def loaded(virtuoso_server: Virtuoso) -> Iterator[RemoteStore]:
    with bundled_remote(virtuoso_server) as store:
        yield store


@pytest.fixture(scope="module", params=["link by link", "read model"])
def remote_client(request: pytest.FixtureRequest, loaded: RemoteStore) -> Iterator[TestClient]:
    modelled = request.param == "read model"
    registry.keep(loaded, None)
    app = create_app(Settings(store="oxigraph:", warm_caches=modelled), store=loaded)
    with TestClient(app) as client:
        if modelled:
            assert app.state.warmed.wait(300)
            assert registry.claims_now(loaded) is not None, "the pages read the model"
        else:  # first: once enabled, a store keeps its model
            assert not registry.enabled(loaded) and registry.claims_now(loaded) is None
        yield client
    registry.keep(loaded, None)


def _slugs(client: TestClient, route: str) -> list[str]:
    page = client.get(f"/{route}?limit=500").json()
    assert page["items"], route
    return sorted(item["id"] for item in page["items"])


@pytest.mark.parametrize("route", list(ROUTES))
def test_every_page_as_the_embedded_store_answers_it(
    rest_client: TestClient, remote_client: TestClient, route: str
) -> None:
    slugs = _slugs(rest_client, route)
    assert _slugs(remote_client, route) == slugs
    differ = []
    for slug in slugs:
        expected = rest_client.get(f"/{route}/{slug}")
        assert expected.status_code == 200
        if remote_client.get(f"/{route}/{slug}").json() != expected.json():
            differ.append(slug)
    assert differ == [], f"{len(differ)} of {len(slugs)} {route} pages differ"
    assert remote_client.get(f"/{route}/no-such-{ROUTES[route]}").status_code == 404
