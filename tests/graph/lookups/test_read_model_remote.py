"""The claims read model over a real Virtuoso: built from the engine as from the embedded store,
kept up to date by the writes that go through it, and read again once it is old (others may
write to an external engine without telling us)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from graph.readmodel import build, registry
from graph.store import GraphStore, open_store
from graph.store.remote.client import RemoteStore
from graph.write.commit import write
from graph.write.files import load
from tests.graph.lookups.test_read_model import _same
from tests.support.virtuoso import Virtuoso, bundled_remote

pytestmark = pytest.mark.virtuoso
BLINKEN = URIRef("https://w3id.org/diplograph/id/actor/antony-blinken")


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('embedded') / 'store'}")
    load(store)
    yield store
    store.close()


@pytest.fixture
def remote(virtuoso_server: Virtuoso) -> Iterator[RemoteStore]:
    with bundled_remote(virtuoso_server) as store:
        yield store


def _renamed(store: GraphStore) -> tuple[str, Graph]:
    """The graph holding Blinken's label, with the label changed."""
    rows = store.select("SELECT ?g WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#"
                        "label> ?l } } LIMIT 1", {"s": BLINKEN})
    name = str(rows[0]["g"])
    graph = Graph()
    for t in store.graph(name):
        graph.add(t)
    graph.remove((BLINKEN, RDFS.label, None))
    graph.add((BLINKEN, RDFS.label, Literal("Antony J. Blinken", lang="en")))
    return name, graph


def test_the_engine_gets_the_model_the_embedded_store_gets(
    remote: RemoteStore, embedded: GraphStore
) -> None:
    attached = build.attach(remote)
    assert attached is not None and registry.claims_now(remote) is attached
    _same(attached, build._build(embedded, embedded.generation))


def test_writes_through_the_store_are_followed(remote: RemoteStore) -> None:
    attached = build.attach(remote)
    assert attached is not None
    name, graph = _renamed(remote)
    write(remote, lambda: {name: graph})
    state = registry.claims_now(remote)
    assert state is not None and state is not attached, "the write was followed, not dropped"
    named = [s for s in map(state.shape, state.shapes)
             if s and s["claimant"] and s["claimant"]["id"] == "antony-blinken"]
    assert named and all(s["claimant"]["label"] == "Antony J. Blinken" for s in named)


def test_an_old_model_is_read_again_and_answers_meanwhile(
    remote: RemoteStore, virtuoso_server: Virtuoso, monkeypatch: pytest.MonkeyPatch
) -> None:
    attached = build.attach(remote)
    assert attached is not None
    other = open_store(virtuoso_server.store_setting())  # another writer the model never hears of
    name, graph = _renamed(other)
    other.replace_graphs({name: graph})
    other.close()
    assert registry.claims_now(remote) is attached, "young enough: trusted"
    monkeypatch.setattr(registry, "REFRESH_AFTER", 0.0)
    monkeypatch.setattr(registry, "REFRESH_BUILDS", 0.0)
    assert registry.claims_now(remote) is attached, "old: still answers while read again"
    deadline = time.monotonic() + 120
    while registry.held(remote) is attached:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    fresh = registry.held(remote)
    assert fresh is not None
    assert any(s and s["claimant"] and s["claimant"]["label"] == "Antony J. Blinken"
               for s in map(fresh.shape, fresh.shapes))


def test_a_model_slow_to_build_is_trusted_for_longer(
    remote: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five minutes after a build of minutes began, the engine would spend most of its time
    on builds: a model is trusted for ``REFRESH_BUILDS`` times its build's time too."""
    attached = build.attach(remote)
    assert attached is not None
    monkeypatch.setattr(registry, "REFRESH_AFTER", 0.0)
    monkeypatch.setattr(registry, "REFRESH_BUILDS", 10_000.0)  # the build took > 1 ms
    assert registry.claims_now(remote) is attached
    running = build._BUILDS.get(remote)
    assert running is None or not running.is_alive(), "no build was started"
    monkeypatch.setattr(registry, "REFRESH_BUILDS", 0.0)
    assert registry.claims_now(remote) is attached, "now old: answers while read again"
    running = build._BUILDS.get(remote)
    assert running is not None
    running.join(120)
    assert registry.held(remote) is not attached
