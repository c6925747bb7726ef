"""Every route answers the same with its caches on and off (DIPLOGRAPH_CACHES=off, the cold path
the benchmark measures), and the same on a fresh store as after writes that leave the data as
it was (a document ingested, then deleted): the queries shaped for speed, the search text
driving the claims and actors queries and the label index's word lists change no answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.cache import keep_answers
from graph.store import GraphStore, open_store
from graph.write.files import load
from tests.api.rest.test_rest_backends import URLS as BACKEND_URLS
from tests.support.server import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
READOUT = (
    "Wang Yi met Antony Blinken in Beijing on Monday.\n"
    "Wang urged the US side to stop arming Taiwan and lift illegal sanctions.\n"
    "Both sides agreed to maintain high-level exchanges.\n"
)
#: One request per route family and filter, beside those every backend must answer alike.
URLS = [
    *BACKEND_URLS,
    "/claims?addressee=united-states&limit=500",
    "/claims?reported_by=china&topic=taiwan&limit=500",
    "/claims?q=sanctions&since=2023-01-01&limit=500",
    "/claims?q=nothing-matches-this",
    "/claims?origin=curated&until=2022-12-31&limit=500",
    "/red-lines?topic=taiwan",
    "/actors?q=wang%20yi",
    "/actors?limit=500",
    "/meetings?limit=500",
    "/meetings?type=visit",
    "/meetings/2023-06-18-blinken-beijing-visit",
    "/documents?q=blinken",
    "/documents?meeting=2023-06-18-blinken-beijing-visit",
    "/timeline?actor=antony-blinken&limit=500",
    "/search?q=wang%20yi",
    "/search?q=%E7%8E%8B%E6%AF%85&type=actor",
    "/graph/actors/neighbors/actor/antony-blinken?depth=2",
    "/graph/actors/path?source=antony-blinken&target=yang-jiechi",
]


def _answers(store: GraphStore, *, caches: bool) -> dict[str, Any]:
    app = create_app(Settings(store="oxigraph:", token=TOKEN, caches=caches), store=store)
    with TestClient(app) as client:
        out = {}
        for url in URLS:
            answer = client.get(url)
            assert answer.status_code == 200, (url, answer.text[:300])
            out[url] = answer.json()
        if caches:  # asked again: from the caches this time
            for url in URLS:
                assert client.get(url).json() == out[url], url
        return out


def _write_and_undo(store: GraphStore) -> None:
    app = create_app(Settings(store="oxigraph:", token=TOKEN), store=store)
    with TestClient(app) as client:
        body = {"text": READOUT, "date": "2023-06-19", "title": "Wang Yi meets Blinken"}
        created = client.post("/documents", json=body, headers=AUTH)
        assert created.status_code == 201, created.text
        assert client.get(f"/documents/{created.json()['id']}").status_code == 200
        gone = client.delete(f"/documents/{created.json()['id']}", headers=AUTH)
        assert gone.status_code == 204, gone.text


@pytest.fixture(autouse=True)
def answers_kept_afterwards() -> Iterator[None]:
    """An app built with caches off turns the answer caches off process-wide: on again after."""
    yield
    keep_answers(True)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('cold') / 'store'}")
    load(store)
    yield store
    store.close()


def test_caches_off_answer_as_caches_on(fresh: GraphStore) -> None:
    on = _answers(fresh, caches=True)
    off = _answers(fresh, caches=False)
    for url in URLS:
        assert off[url] == on[url], url
    assert any(on[url].get("total") for url in URLS if isinstance(on[url], dict))


def test_same_answers_after_writes_that_leave_the_data_as_it_was(
    fresh: GraphStore,
) -> None:
    before = _answers(fresh, caches=True)
    _write_and_undo(fresh)
    for caches in (True, False):
        after = _answers(fresh, caches=caches)
        for url in URLS:
            assert after[url] == before[url], url
