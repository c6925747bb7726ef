"""``/update``: SPARQL 1.1 Update for token holders, validated against the shapes, all or nothing.

Every test gets its own small writable store and server (never the session's bundled store).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from graph.namespaces import DG, INFERRED_GRAPH, graph_iri
from graph.store import GraphStore
from graph.write.commit import DEFAULT_WRITE_GRAPH
from tests.support.server import TOKEN
from tests.support.sparql_support import (
    AUTH,
    EX,
    PROLOGUE,
    SEED_GRAPH,
    serving,
    state_triples,
    writable_store,
)

NEW_GRAPH = graph_iri("file", "new")
OTHER_GRAPH = graph_iri("file", "other")
UPDATE_TYPE = {"Content-Type": "application/sparql-update", **AUTH}
LIMIT = 2.0


@dataclass
class Writable:
    url: str
    store: GraphStore
    client: httpx.Client

    def update(self, text: str, *, prologue: bool = True, **kwargs: object) -> httpx.Response:
        body = (PROLOGUE + text) if prologue else text
        return self.client.post("/update", data={"update": body},
                                headers=kwargs.get("headers", AUTH))  # type: ignore[arg-type]  # kwargs are object-typed; headers is a dict here

    def ask(self, query: str) -> bool:
        answer = self.client.get("/sparql", params={"query": PROLOGUE + query})
        assert answer.status_code == 200, answer.text
        return bool(answer.json()["boolean"])

    def snapshot(self) -> dict[str, int]:
        return {name: self.store.quad_count(name) for name in self.store.graph_names()}


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[Writable]:
    store = writable_store(tmp_path)
    with serving(store, query_timeout=LIMIT) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield Writable(url, store, c)
    store.close()


def _insert(slug: str, graph: str = NEW_GRAPH, *, valid: bool = True) -> str:
    return f"INSERT DATA {{ GRAPH <{graph}> {{ {state_triples(slug, valid=valid)} }} }}"


# -- writing --------------------------------------------------------------------------------
def test_update_by_form_and_by_body(writable: Writable) -> None:
    answer = writable.update(_insert("france"))
    assert answer.status_code == 200, answer.text
    assert answer.json()["graphs"] == {NEW_GRAPH: 3}
    steps = dict(part.split(";dur=") for part in answer.headers["server-timing"].split(", "))
    assert {"validation", "commit"} <= set(steps) and all(float(ms) >= 0 for ms in steps.values())
    direct = writable.client.post("/update", content=PROLOGUE + _insert("japan", OTHER_GRAPH),
                                  headers=UPDATE_TYPE)
    assert direct.status_code == 200, direct.text
    assert writable.ask("ASK { actor:france dg:slug 'france' . actor:japan a dg:State }")
    # the write is re-inferred: a State is an Actor
    assert writable.ask(f"ASK {{ GRAPH <{INFERRED_GRAPH}> {{ actor:france a dg:Actor }} }}")


def test_modify_with_where(writable: Writable) -> None:
    answer = writable.update(
        f"DELETE {{ GRAPH <{SEED_GRAPH}> {{ ?s rdfs:label ?l }} }} "
        f"INSERT {{ GRAPH <{SEED_GRAPH}> {{ ?s rdfs:label 'People’s Republic of China'@en }} }} "
        f"WHERE {{ GRAPH <{SEED_GRAPH}> {{ ?s dg:slug 'china' ; rdfs:label ?l }} }}")
    assert answer.status_code == 200, answer.text
    assert writable.ask("ASK { actor:china rdfs:label 'People’s Republic of China'@en }")
    assert not writable.ask("ASK { actor:china rdfs:label 'China'@en }")


def test_half_valid_update_changes_nothing(writable: Writable) -> None:
    before = writable.snapshot()
    invalid = _insert("nowhere", OTHER_GRAPH, valid=False)
    answer = writable.update(f"{_insert('france')} ;\n{invalid}")
    assert answer.status_code == 422
    report = answer.json()
    assert report["conforms"] is False and "nothing was written" in report["detail"]
    (violation,) = [v for v in report["violations"] if v["focus_node"].endswith("/nowhere")]
    assert violation["shape"] and violation["message"]
    assert violation["path"] == str(DG.slug)
    assert writable.snapshot() == before
    assert not writable.ask("ASK { actor:france ?p ?o }")


def test_multi_operation_update_sees_its_own_effects(writable: Writable) -> None:
    answer = writable.update(
        f"{_insert('france')} ;\n"
        f"INSERT {{ GRAPH <{OTHER_GRAPH}> {{ ?s <{EX}copied> true }} }} "
        f"WHERE {{ GRAPH <{NEW_GRAPH}> {{ ?s a dg:State }} }} ;\n"
        f"DELETE DATA {{ GRAPH <{NEW_GRAPH}> {{ actor:france rdfs:label 'France'@en }} }} ;\n"
        f"INSERT DATA {{ GRAPH <{NEW_GRAPH}> {{ actor:france rdfs:label 'French Republic'@en }} }}")
    assert answer.status_code == 200, answer.text
    assert writable.ask(f"ASK {{ GRAPH <{OTHER_GRAPH}> {{ actor:france <{EX}copied> true }} }}")
    assert writable.ask("ASK { actor:france rdfs:label 'French Republic'@en }")
    assert not writable.ask("ASK { actor:france rdfs:label 'France'@en }")


def test_blank_nodes_keep_their_links(writable: Writable) -> None:
    answer = writable.update(
        f"INSERT DATA {{ GRAPH <{NEW_GRAPH}> {{ <{EX}s> <{EX}p> _:b1 . _:b1 <{EX}q> 'one' . "
        f"<{EX}s> <{EX}p> _:b2 . _:b2 <{EX}q> 'two' }} }}")
    assert answer.status_code == 200, answer.text
    rows = writable.client.get("/sparql", params={
        "query": f"SELECT ?v WHERE {{ <{EX}s> <{EX}p> ?b . ?b <{EX}q> ?v }} ORDER BY ?v"})
    assert [r["v"]["value"] for r in rows.json()["results"]["bindings"]] == ["one", "two"]
    # a later, unrelated write leaves them linked
    assert writable.update(_insert("france", OTHER_GRAPH)).status_code == 200
    assert writable.ask(f"ASK {{ <{EX}s> <{EX}p> ?b . ?b <{EX}q> 'one' }}")


def test_the_default_graph_maps_onto_named_graphs(writable: Writable) -> None:
    """Inserted into the default graph: lands in a named graph of its own. Deleted from the
    default graph (the union): gone from every named graph."""
    triple = f"<{EX}s> <{EX}p> 'x'"
    assert writable.update(f"INSERT DATA {{ {triple} }}").status_code == 200
    assert writable.ask(f"ASK {{ GRAPH <{DEFAULT_WRITE_GRAPH}> {{ {triple} }} }}")
    assert writable.update(f"INSERT DATA {{ GRAPH <{NEW_GRAPH}> {{ {triple} }} }}").status_code \
        == 200
    assert writable.update(f"DELETE DATA {{ {triple} }}").status_code == 200
    assert not writable.ask(f"ASK {{ GRAPH ?g {{ {triple} }} }}")
    assert writable.update("DELETE WHERE { actor:china ?p ?o }").status_code == 200
    assert not writable.ask("ASK { actor:china ?p ?o }")
    assert writable.ask("ASK { actor:united-states ?p ?o }")


def test_writers_are_serialised(writable: Writable) -> None:
    """Six updates of one graph at once: each is planned on the state the previous left, so
    none is lost (planning on a stale copy would drop the others' triples)."""
    slugs = [f"state-{i}" for i in range(6)]
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda s: writable.update(_insert(s)), slugs))
    assert [a.status_code for a in answers] == [200] * 6
    for slug in slugs:
        assert writable.ask(f"ASK {{ GRAPH <{NEW_GRAPH}> {{ actor:{slug} a dg:State }} }}")


# -- refusals -------------------------------------------------------------------------------
def test_writes_need_the_token(writable: Writable) -> None:
    before = writable.snapshot()
    missing = writable.update(_insert("france"), headers={})
    wrong = writable.update(_insert("france"), headers={"Authorization": "Bearer nope"})
    basic = writable.update(_insert("france"), headers={"Authorization": f"Basic {TOKEN}"})
    for answer in (missing, wrong, basic):
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"].startswith("Bearer")
    assert writable.snapshot() == before


def test_writes_are_off_without_a_configured_token(tmp_path: Path) -> None:
    store = writable_store(tmp_path)
    before = store.quad_count()
    with serving(store, token=None) as url:
        answer = httpx.post(f"{url}/update", data={"update": PROLOGUE + _insert("france")},
                            headers=AUTH, timeout=30)
    assert answer.status_code == 403 and "DIPLOGRAPH_TOKEN" in answer.json()["detail"]
    assert store.quad_count() == before
    store.close()


@pytest.mark.parametrize("update", [
    "LOAD <http://example.org/data.ttl>",
    "LOAD SILENT <http://127.0.0.1:9/x.ttl> INTO GRAPH <http://example.org/g>",
    "INSERT { GRAPH <http://example.org/g> { ?s ?p ?o } } WHERE { SERVICE <http://example.org/"
    "sparql> { ?s ?p ?o } }",
])
def test_remote_fetches_are_refused(writable: Writable, update: str) -> None:
    before = writable.snapshot()
    answer = writable.update(update, prologue=False)
    assert answer.status_code == 400
    assert "remote" in answer.json()["detail"]
    assert writable.snapshot() == before


def test_bad_update_syntax(writable: Writable) -> None:
    answer = writable.update("INSERT DATA { <http://example.org/s> }", prologue=False)
    assert answer.status_code == 400
    assert "invalid SPARQL update" in answer.json()["detail"] and "1:" in answer.json()["detail"]


def test_bad_update_get(writable: Writable) -> None:
    answer = writable.client.get("/update", params={"update": _insert("france")})
    assert answer.status_code == 405 and answer.headers["allow"] == "POST"


def test_bad_update_non_utf8(writable: Writable) -> None:
    body = ("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> "
            "<http://example.org/p> 'caf\xe9' } }").encode("latin-1")
    answer = writable.client.post("/update", content=body, headers=UPDATE_TYPE)
    assert answer.status_code == 400 and "UTF-8" in answer.json()["detail"]


def test_bad_update_wrong_media_type_and_dataset(writable: Writable) -> None:
    wrong = writable.client.post("/update", content=_insert("france"),
                                 headers={"Content-Type": "text/plain", **AUTH})
    assert wrong.status_code == 415
    conflict = writable.client.post(
        "/update", headers=AUTH,
        data={"update": f"WITH <{SEED_GRAPH}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
              "using-graph-uri": SEED_GRAPH})
    assert conflict.status_code == 400 and "WITH" in conflict.json()["detail"]
    both = writable.client.post("/update", data={"update": _insert("france"), "query": "ASK {}"},
                                headers=AUTH)
    assert both.status_code == 400


def test_writing_the_inferred_graph_is_ignored(writable: Writable) -> None:
    answer = writable.update(f"INSERT DATA {{ GRAPH <{INFERRED_GRAPH}> {{ <{EX}s> <{EX}p> 1 }} }}")
    assert answer.status_code == 200 and answer.json()["graphs"] == {}
    assert not writable.ask(f"ASK {{ <{EX}s> <{EX}p> 1 }}")


def test_runaway_update_is_stopped_and_the_lock_released(writable: Writable) -> None:
    before = writable.snapshot()
    started = time.monotonic()
    answer = writable.update(
        f"INSERT {{ GRAPH <{NEW_GRAPH}> {{ ?a <{EX}p> ?c }} }} "
        "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }")
    assert answer.status_code == 504, answer.text
    assert time.monotonic() - started < LIMIT + 1
    assert writable.snapshot() == before
    assert writable.update(_insert("france")).status_code == 200


def test_workers_see_each_write(writable: Writable) -> None:
    """Query workers read the store through their own view; every answer after a write
    reflects it, however many workers answer."""
    for i in range(4):
        assert writable.update(_insert(f"state-{i}")).status_code == 200
        for _ in range(3):
            assert writable.ask(f"ASK {{ actor:state-{i} a dg:State }}")


def test_reads_need_no_token(writable: Writable) -> None:
    answer = writable.client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert answer.status_code == 200 and answer.json()["boolean"] is True


# -- the protocol's dataset and base IRI ------------------------------------------------------
def _copy_labels(target: str) -> str:
    return (f"INSERT {{ GRAPH <{target}> {{ ?s <{EX}copied> ?label }} }} "
            "WHERE { ?s rdfs:label ?label }")


def test_using_graph_uri_sets_the_where_dataset(writable: Writable) -> None:
    """using-graph-uri restricts the WHERE to the graphs named; without it the default
    graph is the union (the ontology's labels too). Written into the update as USING."""
    assert writable.update(_insert("france", OTHER_GRAPH)).status_code == 200
    answer = writable.client.post(
        "/update", headers=AUTH,
        data={"update": PROLOGUE + _copy_labels(NEW_GRAPH), "using-graph-uri": OTHER_GRAPH})
    assert answer.status_code == 200, answer.text
    assert answer.json()["graphs"] == {NEW_GRAPH: 1}
    assert writable.ask(f"ASK {{ GRAPH <{NEW_GRAPH}> {{ actor:france <{EX}copied> ?l }} }}")


def test_using_named_graph_uri_leaves_the_default_graph_empty(writable: Writable) -> None:
    named = writable.client.post(
        "/update", headers=UPDATE_TYPE,
        params={"using-named-graph-uri": SEED_GRAPH},
        content=(PROLOGUE + f"INSERT {{ GRAPH <{NEW_GRAPH}> {{ ?s <{EX}in> ?g }} }} "
                 "WHERE { { GRAPH ?g { ?s a dg:State } } UNION { ?s a dg:State } }").encode(),
    )
    assert named.status_code == 200, named.text
    assert writable.ask(f"ASK {{ GRAPH <{NEW_GRAPH}> {{ actor:china <{EX}in> <{SEED_GRAPH}> }} }}")
    assert writable.store.quad_count(NEW_GRAPH) == 2  # no row from the (empty) default graph


def test_using_graph_uri_writes_are_still_validated(writable: Writable) -> None:
    before = writable.snapshot()
    answer = writable.client.post(
        "/update", headers=AUTH,
        data={"update": PROLOGUE + f"INSERT {{ GRAPH <{NEW_GRAPH}> {{ ?s dg:slug 42 }} }} "
                                   "WHERE { ?s a dg:State }",
              "using-graph-uri": SEED_GRAPH})
    assert answer.status_code == 422, answer.text
    assert writable.snapshot() == before
    anonymous = writable.client.post("/update", params={"using-graph-uri": SEED_GRAPH},
                                     data={"update": PROLOGUE + _copy_labels(NEW_GRAPH)})
    assert anonymous.status_code == 401


def test_using_graph_uri_refuses_delete_where_and_bad_iris(writable: Writable) -> None:
    short = writable.client.post("/update", headers=AUTH, data={
        "update": "DELETE WHERE { ?s ?p ?o }", "using-graph-uri": SEED_GRAPH})
    assert short.status_code == 400 and "DELETE WHERE" in short.json()["detail"]
    relative = writable.client.post("/update", headers=AUTH, data={
        "update": PROLOGUE + _copy_labels(NEW_GRAPH), "using-graph-uri": "seed> } ; DROP ALL"})
    assert relative.status_code == 400 and "absolute IRI" in relative.json()["detail"]
    assert writable.store.quad_count(SEED_GRAPH) > 0


def test_relative_iris_resolve_against_the_endpoint(writable: Writable) -> None:
    answer = writable.client.post("/update", content=(
        f"INSERT DATA {{ GRAPH <{NEW_GRAPH}> {{ <{EX}s> <{EX}p> <test> }} }}").encode(),
        headers=UPDATE_TYPE)
    assert answer.status_code == 200, answer.text
    assert writable.ask(f"ASK {{ <{EX}s> <{EX}p> <{writable.url}/test> }}")
    own = writable.client.post("/update", content=(
        f"BASE <{EX}base/> INSERT DATA {{ GRAPH <{NEW_GRAPH}> {{ <{EX}s> <{EX}p> <own> }} }}"
    ).encode(), headers=UPDATE_TYPE)
    assert own.status_code == 200, own.text
    assert writable.ask(f"ASK {{ <{EX}s> <{EX}p> <{EX}base/own> }}")
    query = writable.client.post("/sparql", content=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                                 headers={"Content-Type": "application/sparql-query",
                                          "Accept": "application/n-triples"})
    assert query.status_code == 200
    assert query.text.startswith(f"<{writable.url}/s> <{writable.url}/p> ")


def test_a_configured_base_iri_wins_over_the_endpoint(tmp_path: Path) -> None:
    store = writable_store(tmp_path)
    with serving(store, sparql_base="https://example.org/base/") as url:
        answer = httpx.post(f"{url}/sparql", content=b"SELECT ?x WHERE { BIND(<x> AS ?x) }",
                            headers={"Content-Type": "application/sparql-query"})
    store.close()
    assert answer.json()["results"]["bindings"][0]["x"]["value"] == "https://example.org/base/x"
