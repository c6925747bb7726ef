"""POST /documents and DELETE /documents/{id} on a real uvicorn server over a real store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import URIRef

from api.settings import Settings
from graph.store import GraphStore, open_store
from tests.support.extract_support import corpus_text, load_reference
from tests.support.server import TOKEN, start_server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
READOUT = (
    "Wang Yi met Antony Blinken in Beijing on Monday.\n"
    "Wang urged the US side to stop arming Taiwan and lift illegal sanctions.\n"
    "Both sides agreed to maintain high-level exchanges.\n"
)


class Server:
    def __init__(self, store: GraphStore, token: str | None = TOKEN) -> None:
        self.store = store
        settings = Settings(store="oxigraph:", token=token, query_timeout=5.0)
        self.server, self.thread, self.url = start_server(store, settings)
        self.client = httpx.Client(base_url=self.url, timeout=120)

    def close(self) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _store(path: Path, files: tuple[str, ...] | None = None) -> GraphStore:
    store = open_store(f"oxigraph:{path / 'store'}")
    if files is None:
        load_reference(store)
    else:
        load_reference(store, files)
    return store


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = _store(tmp_path_factory.mktemp("api"))
    running = Server(store)
    yield running
    running.close()
    store.close()


def snapshot(store: GraphStore) -> tuple[int, list[str]]:
    return store.quad_count(), store.graph_names()


def test_post_creates_the_document_with_its_claims_then_409_then_delete(server: Server) -> None:
    body = {"text": READOUT, "date": "2023-06-19", "title": "Wang Yi meets Blinken",
            "publisher": "Example Wire", "url": "https://example.org/readout"}
    created = server.client.post("/documents", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    answer = created.json()
    assert created.headers["location"] == f"/documents/{answer['id']}"
    steps = [part.split(";dur=")[0] for part in created.headers["server-timing"].split(", ")]
    assert steps[:4] == ["knowledge-base", "extraction", "validation", "commit"], steps
    kinds = sorted((c["type"], c["claimant"]) for c in answer["claims"])
    assert kinds == [("consensus", None), ("demand", "wang-yi"), ("demand", "wang-yi")]
    for claim in answer["claims"]:
        assert READOUT[claim["start"] : claim["end"]] == claim["quote"]
    assert answer["graph"] in server.store.graph_names()

    again = server.client.post("/documents", json={"text": READOUT}, headers=AUTH)
    assert again.status_code == 409 and "already" in again.json()["detail"]

    gone = server.client.delete(f"/documents/{answer['id']}", headers=AUTH)
    assert gone.status_code == 204
    assert answer["graph"] not in server.store.graph_names()
    assert server.client.delete(f"/documents/{answer['id']}", headers=AUTH).status_code == 404


def test_text_round_trips_through_the_api(server: Server) -> None:
    text = "Readout\twith a tab\r\nThe US side must stop arming Taiwan.\r\n한국어 🙂\n"
    created = server.client.post("/documents", json={"text": text, "date": "2024-01-02"},
                                 headers=AUTH)
    assert created.status_code == 201, created.text
    (row,) = server.store.select(
        "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
        "SELECT ?doc ?text WHERE { ?doc dg:text ?text }",
        {"doc": URIRef(created.json()["iri"])},
    )
    assert str(row["text"]).encode("utf-8") == text.encode("utf-8")
    server.client.delete(f"/documents/{created.json()['id']}", headers=AUTH)


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": "Basic x"}, 401)],
)
def test_writes_need_the_bearer_token(server: Server, headers: dict, status: int) -> None:
    before = snapshot(server.store)
    posted = server.client.post("/documents", json={"text": READOUT}, headers=headers)
    assert posted.status_code == status
    assert server.client.delete("/documents/x", headers=headers).status_code == status
    assert snapshot(server.store) == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "   \n"},
        {"text": READOUT, "date": "19 June 2023"},
        {"text": READOUT, "url": "javascript:alert(1)"},
        {"text": READOUT, "slug": "Not A Slug"},
        {"text": READOUT, "unexpected": 1},
        {"text": 42},
    ],
)
def test_bad_bodies_are_422_and_change_nothing(server: Server, body: dict) -> None:
    before = snapshot(server.store)
    answer = server.client.post("/documents", json=body, headers=AUTH)
    assert answer.status_code == 422
    assert snapshot(server.store) == before


def test_a_bad_document_id_is_refused(server: Server) -> None:
    assert server.client.delete("/documents/..%2Fetc", headers=AUTH).status_code in {404, 422}
    assert server.client.delete("/documents/" + "a" * 300, headers=AUTH).status_code == 422


def test_data_breaking_a_shape_is_422_with_the_report_and_nothing_written(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path, ("actors.ttl", "engagements.ttl"))  # no topic scheme
    running = Server(store)
    try:
        before = snapshot(store)
        answer = running.client.post(
            "/documents",
            json={"text": corpus_text("2023-06-19-global-times-wang-yi-meets-blinken")},
            headers=AUTH,
        )
        assert answer.status_code == 422, answer.text
        refusal = answer.json()
        assert any("dg:topic" in line for line in refusal["violations"])
        assert "Validation Report" in refusal["report"]
        assert snapshot(store) == before
    finally:
        running.close()
        store.close()


def test_writes_are_off_without_a_configured_token(tmp_path: Path) -> None:
    store = _store(tmp_path)
    running = Server(store, token=None)
    try:
        answer = running.client.post("/documents", json={"text": READOUT}, headers=AUTH)
        assert answer.status_code == 403
    finally:
        running.close()
        store.close()


def test_extracted_claims_are_served_like_curated_ones(server: Server) -> None:
    created = server.client.post(
        "/documents", json={"text": READOUT.replace("Monday", "Monday afternoon"),
                            "date": "2023-06-19"}, headers=AUTH
    )
    assert created.status_code == 201, created.text
    slug = created.json()["id"]
    try:
        listed = server.client.get("/claims", params={"origin": "extracted", "limit": 100})
        assert listed.status_code == 200, listed.text
        ids = {c["id"] for c in listed.json()["items"]}
        assert {c["id"] for c in created.json()["claims"]} <= ids
        document = server.client.get(f"/documents/{slug}")
        assert document.status_code == 200, document.text
    finally:
        server.client.delete(f"/documents/{slug}", headers=AUTH)


def test_an_id_already_taken_is_409(server: Server) -> None:
    first = server.client.post(
        "/documents", json={"text": READOUT + "Another line.\n", "slug": "wire-readout-1"},
        headers=AUTH,
    )
    assert first.status_code == 201, first.text
    before = snapshot(server.store)
    taken = server.client.post(
        "/documents", json={"text": READOUT + "A third line.\n", "slug": "wire-readout-1"},
        headers=AUTH,
    )
    assert taken.status_code == 409 and "already exists" in taken.json()["detail"]
    assert snapshot(server.store) == before
    server.client.delete("/documents/wire-readout-1", headers=AUTH)


@pytest.mark.parametrize(
    ("method", "path", "status", "allow"),
    [
        ("OPTIONS", "/documents", 204, "GET, POST, OPTIONS"),
        ("PUT", "/documents", 405, "GET, POST, OPTIONS"),
        ("OPTIONS", "/documents/x", 204, "GET, DELETE, OPTIONS"),
        ("PATCH", "/documents/x", 405, "GET, DELETE, OPTIONS"),
    ],
)
def test_allow_names_every_method_of_the_path(
    server: Server, method: str, path: str, status: int, allow: str
) -> None:
    answer = server.client.request(method, path)
    assert (answer.status_code, answer.headers["allow"]) == (status, allow)
