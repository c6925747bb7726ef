"""SIGTERM drains: the ingest in flight finishes and is stored whole, no new write is taken,
and the process exits; and a write that reaches a draining app is a 503 with Retry-After."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef

from api.app import create_app
from api.settings import Settings
from graph.namespaces import DG, entity_iri, graph_iri
from graph.store import open_store
from graph.write import drain
from tests.support.extract_support import load_reference
from tests.support.server import TOKEN
from tests.support.serving import serve

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TRIPLE = b'<http://example.org/s> <http://example.org/p> "o" .\n'
MEASURES = ("arming Taiwan", "sanctioning Chinese firms", "restricting chip exports",
            "hyping the China threat", "interfering in Hong Kong", "suppressing Chinese students",
            "blocking Chinese investment", "raising tariffs", "listing Chinese entities",
            "smearing Xinjiang policy")
# Many times the warm-up readout (a claim per line), so that an ingest is still in flight when
# the signal lands a warm-up ingest's time after it was sent.
READOUT = (
    "Wang Yi met Antony Blinken in Beijing on April 26, 2024.\n"
    + "".join(f"Wang {verb} the US side to stop {m}.\n"
              for verb in ("urged", "called on", "pressed") for m in MEASURES)
    + "The two sides agreed to maintain high-level exchanges.\n"
)
WARM_READOUT = (
    "Wang Yi met Antony Blinken in Beijing on April 26, 2024.\n"
    "Wang urged the US side to stop sanctioning Chinese companies.\n"
)


def test_sigterm_during_an_ingest_lets_it_finish_whole_then_exits(tmp_path: Path) -> None:
    spec = f"oxigraph:{tmp_path / 'store'}"
    store = open_store(spec)
    load_reference(store)
    before = set(store.graph_names())
    store.close()
    served = serve(spec, tmp_path / "server.log")
    # Two ingests first, the second timed: the signal must land while the next one is in
    # flight, and how long an ingest takes depends on the machine (the first also waits for
    # what the server warms at start: its knowledge base, its validation worker).
    first = httpx.post(f"{served.url}/documents", json={"text": WARM_READOUT + "Again.\n"},
                       headers=AUTH, timeout=60)
    assert first.status_code == 201, first.text
    before.add(first.json()["graph"])
    started = time.monotonic()
    warm = httpx.post(f"{served.url}/documents", json={"text": WARM_READOUT}, headers=AUTH,
                      timeout=60)
    assert warm.status_code == 201, warm.text
    # as long as it: the request has reached the write (a 503 otherwise: it would be a new
    # write; half of it was too little on a loaded machine once validation got quicker) and
    # the long readout's ingest, many times as long, has not ended
    in_flight = min(1.5, max(0.1, time.monotonic() - started))
    before.add(warm.json()["graph"])
    outcome: dict[str, object] = {}

    def ingest() -> None:
        try:
            outcome["answer"] = httpx.post(f"{served.url}/documents", json={"text": READOUT},
                                           headers=AUTH, timeout=60)
        except httpx.HTTPError as exc:
            outcome["error"] = exc
        outcome["at"] = time.monotonic()

    sender = threading.Thread(target=ingest)
    sender.start()
    time.sleep(in_flight)
    sent_at = time.monotonic()
    served.process.send_signal(signal.SIGTERM)
    with pytest.raises(httpx.HTTPError):  # the listener is closed: no new request is taken
        time.sleep(0.2)
        httpx.post(f"{served.url}/documents", json={"text": READOUT}, headers=AUTH, timeout=5)
    sender.join(timeout=60)
    assert served.process.wait(timeout=45) in (0, 128 + signal.SIGTERM)
    answer = outcome.get("answer")
    assert isinstance(answer, httpx.Response), (outcome, served.text()[-2000:])
    assert float(outcome["at"]) > sent_at  # type: ignore[arg-type]  # answered after SIGTERM: it was in flight
    assert answer.status_code == 201, answer.text
    assert "writes settled" in served.text() or "Shutting down" in served.text()

    body = answer.json()
    store = open_store(spec, read_only=True)
    try:
        assert set(store.graph_names()) - before == {body["graph"]}  # its one graph, no other
        stored = {(s, p, o) for s, p, o, g in store.quads_about(
            [URIRef(body["iri"]), *(URIRef(entity_iri("claim", c["id"])) for c in body["claims"])])
            if g == body["graph"]}
        # whole: the document with its hash, and every claim the answer reported
        assert (URIRef(body["iri"]), DG.sha256, Literal(body["sha256"])) in stored
        subjects = {s for s, _, _ in stored}
        claims = {URIRef(entity_iri("claim", c["id"])) for c in body["claims"]}
        assert claims and claims <= subjects
    finally:
        store.close()


def test_a_write_reaching_a_draining_app_is_a_503_with_retry_after(tmp_path: Path) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    app = create_app(Settings(store="oxigraph:", token=TOKEN, warm_caches=False), store=store)
    try:
        with TestClient(app) as client:
            drain.begin()
            try:
                answer = client.put("/rdf-graphs", params={"graph": graph_iri("file", "x")},
                                    content=TRIPLE,
                                    headers={**AUTH, "Content-Type": "application/n-triples"})
                health = client.get("/health")
                read = client.get("/stats")
            finally:
                drain.reset()
            assert answer.status_code == 503 and answer.headers["Retry-After"], answer.text
            assert "shutting down" in answer.json()["detail"]
            assert health.status_code == 503 and health.json()["status"] == "down"
            assert read.status_code == 200  # reads are still answered while it drains
            assert store.graph_names() == []
    finally:
        store.close()
