"""The response cache: repeats answered from memory, dropped by every write, ETags honoured.

A real uvicorn server over a small writable Oxigraph store; the writes go through ``/update``,
the same validated path as every other write.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.caching import Entry, ResponseCache
from graph.extract.ingest import ingest
from graph.namespaces import graph_iri
from graph.readmodel import registry
from graph.store import GraphStore, open_store, settling
from graph.write import commit
from graph.write.files import load
from tests.support.sparql_support import AUTH, PROLOGUE, serving, state_triples, writable_store

GRAPH = graph_iri("file", "states")
READOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "readouts"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[httpx.Client, GraphStore]]:
    store = writable_store(tmp_path)
    with serving(store) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client, store
    store.close()


def _add_state(client: httpx.Client, slug: str) -> None:
    update = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {state_triples(slug)} }} }}"
    answer = client.post("/update", data={"update": PROLOGUE + update}, headers=AUTH)
    assert answer.status_code == 200, answer.text


def test_a_repeat_is_the_same_answer_and_revalidates(
    served: tuple[httpx.Client, GraphStore],
) -> None:
    client, _ = served
    _add_state(client, "france")
    first = client.get("/actors/france")
    again = client.get("/actors/france")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    etag = again.headers["etag"]
    assert etag.startswith('W/"') and first.headers["etag"] == etag
    unchanged = client.get("/actors/france", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["etag"] == etag
    other = client.get("/actors/france", headers={"If-None-Match": 'W/"not-it"'})
    assert other.status_code == 200 and other.content == first.content


def test_a_kept_answer_still_gets_its_cors_headers(
    served: tuple[httpx.Client, GraphStore],
) -> None:
    client, _ = served
    _add_state(client, "france")
    plain = client.get("/actors/france")  # kept, from a request without Origin
    assert "access-control-allow-origin" not in plain.headers
    browser = client.get("/actors/france", headers={"Origin": "https://news.example"})
    assert browser.headers.get("etag") == plain.headers["etag"]  # the kept answer
    assert browser.headers["access-control-allow-origin"] == "*"


def test_a_write_drops_what_was_kept(served: tuple[httpx.Client, GraphStore]) -> None:
    client, _ = served
    _add_state(client, "france")
    before = client.get("/actors", params={"type": "state"}).json()
    assert client.get("/actors", params={"type": "state"}).json() == before  # now kept
    missing = client.get("/actors/japan")
    assert missing.status_code == 404 and "etag" not in missing.headers  # errors are not kept
    _add_state(client, "japan")
    after = client.get("/actors", params={"type": "state"}).json()
    assert after["total"] == before["total"] + 1
    assert "japan" in {item["id"] for item in after["items"]}
    assert client.get("/actors/japan").status_code == 200


def test_health_counts_again_after_a_write(served: tuple[httpx.Client, GraphStore]) -> None:
    client, store = served
    before = client.get("/health").json()["triples"]
    assert before == store.quad_count() and client.get("/health").json()["triples"] == before
    _add_state(client, "france")
    assert client.get("/health").json()["triples"] == store.quad_count() > before


def test_answers_to_requests_with_authorization_are_never_kept(
    served: tuple[httpx.Client, GraphStore],
) -> None:
    client, _ = served
    _add_state(client, "france")
    signed = client.get("/actors/france", headers=AUTH)
    assert signed.status_code == 200 and "etag" not in signed.headers  # not kept
    plain = client.get("/actors/france")
    assert plain.headers["etag"].startswith('W/"')  # kept: for whoever asks without
    again = client.get("/actors/france", headers=AUTH)
    assert "etag" not in again.headers  # computed for the signed request, not replayed


def test_sparql_answers_are_never_kept(served: tuple[httpx.Client, GraphStore]) -> None:
    client, _ = served
    answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200 and "etag" not in answer.headers


def _entry(size: int, generation: int = 1) -> Entry:
    return Entry(generation, 200, [], b"x" * size, b'W/"e"')


def test_the_budget_drops_the_least_recently_used() -> None:
    cache = ResponseCache(budget=250)
    cache.put(("a",), _entry(100))
    cache.put(("b",), _entry(100))
    assert cache.get(("a",), 1) is not None  # a is now the most recently used
    cache.put(("c",), _entry(100))
    assert cache.get(("b",), 1) is None
    assert cache.get(("a",), 1) is not None and cache.get(("c",), 1) is not None
    assert cache.held == 200
    cache.put(("huge",), _entry(300))  # bigger than the whole budget: not kept
    assert cache.get(("huge",), 1) is None and cache.held == 200


def test_an_entry_from_another_generation_is_dropped() -> None:
    cache = ResponseCache(budget=1000)
    cache.put(("a",), _entry(10, generation=1))
    assert cache.get(("a",), 2) is None
    assert cache.held == 0


def test_an_answer_made_while_a_write_is_followed_is_not_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """A reader arriving after a write landed, while its caches follow it, is answered at once
    from the read model as it was before the write (concurrent with the write, it may see the
    store before it); that answer is not kept for the readers who ask after the write returns."""
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    load(store)
    entered, release = threading.Event(), threading.Event()

    def hold(_store: GraphStore, _before: int, _touched: object) -> None:
        entered.set()
        release.wait(30)

    text = (READOUTS / "cn-vice-ministerial-consultation-2024.txt").read_text(encoding="utf-8")
    with serving(store) as url, httpx.Client(base_url=url, timeout=60) as client:
        deadline = time.monotonic() + 60
        while client.get("/health").json()["caches"] != "ready" and time.monotonic() < deadline:
            time.sleep(0.1)  # the read model is built in the background at start
        assert registry.claims_now(store) is not None, "the read model was built"
        before = client.get("/documents", params={"limit": 1}).json()["total"]
        monkeypatch.setattr(commit, "_LISTENERS", [hold, *commit._LISTENERS])  # before every cache
        writer = threading.Thread(target=ingest, args=(store, text))
        writer.start()
        try:
            assert entered.wait(60), "the write reached its listeners"
            began = time.monotonic()
            during = client.get("/documents", params={"limit": 1})
            assert time.monotonic() - began < settling.WAIT_S / 2, "answered, not waited for"
            assert during.status_code == 200 and during.json()["total"] == before
            assert writer.is_alive(), "the write is not answered while it is followed"
        finally:
            release.set()
            writer.join(60)
        after = client.get("/documents", params={"limit": 1}).json()
        assert after["total"] == before + 1, "the answer made during the follow was not kept"
    registry.keep(store, None)
    store.close()
