"""``/rdf-graphs``: the SPARQL 1.1 Graph Store HTTP Protocol, validated writes, safe uploads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph.namespaces import DG, INFERRED_GRAPH, graph_iri
from graph.store import GraphStore
from graph.write.commit import DEFAULT_WRITE_GRAPH
from tests.support.sparql_support import AUTH, SEED_GRAPH, serving, state_ttl, writable_store

NEW_GRAPH = graph_iri("file", "uploaded")
TURTLE = {"Content-Type": "text/turtle", **AUTH}
FRANCE = URIRef("https://w3id.org/diplograph/id/actor/france")


@pytest.fixture
def gsp(tmp_path: Path) -> Iterator[tuple[httpx.Client, GraphStore]]:
    store = writable_store(tmp_path)
    with serving(store) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client, store
    store.close()


def _get(client: httpx.Client, graph: str | None, accept: str = "text/turtle") -> httpx.Response:
    params = {"graph": graph} if graph else {"default": ""}
    return client.get("/rdf-graphs", params=params, headers={"Accept": accept})


def test_get_a_named_graph_in_each_format(gsp) -> None:
    client, store = gsp
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
                        ("application/trig", "trig")):
        answer = _get(client, SEED_GRAPH, accept)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].split(";")[0] == accept
        parsed = Graph().parse(data=answer.content, format=fmt) if fmt != "trig" else None
        if parsed is not None:
            assert set(parsed) == set(store.graph(SEED_GRAPH))
    assert _get(client, SEED_GRAPH, "image/png").status_code == 406


def test_head_and_missing_graphs(gsp) -> None:
    client, _ = gsp
    head = client.head("/rdf-graphs", params={"graph": SEED_GRAPH})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("text/turtle")
    assert client.get("/rdf-graphs", params={"graph": NEW_GRAPH}).status_code == 404
    assert client.head("/rdf-graphs", params={"graph": NEW_GRAPH}).status_code == 404
    assert client.get("/rdf-graphs").status_code == 400
    assert client.get("/rdf-graphs", params={"graph": "not an iri"}).status_code == 400
    both = client.get("/rdf-graphs", params={"graph": SEED_GRAPH, "default": ""})
    assert both.status_code == 400


def test_default_graph_reads_as_the_union(gsp) -> None:
    client, store = gsp
    answer = _get(client, None, "application/n-triples")
    assert answer.status_code == 200
    union = Graph().parse(data=answer.text, format="nt")
    expected = set()
    for name in store.graph_names():
        expected |= set(store.graph(name))
    assert set(union) == expected and (FRANCE, None, None) not in union


def test_put_creates_then_replaces(gsp) -> None:
    client, store = gsp
    params = {"graph": NEW_GRAPH}
    created = client.put("/rdf-graphs", params=params, content=state_ttl("france"), headers=TURTLE)
    assert created.status_code == 201, created.text
    assert (FRANCE, DG.slug, None) in store.graph(NEW_GRAPH)
    replaced = client.put("/rdf-graphs", params=params, content=state_ttl("japan"), headers=TURTLE)
    assert replaced.status_code == 204
    assert (FRANCE, None, None) not in store.graph(NEW_GRAPH)
    # the inferred graph follows every write
    japan = URIRef("https://w3id.org/diplograph/id/actor/japan")
    assert (japan, RDF.type, DG.Actor) in store.graph(INFERRED_GRAPH)


def test_post_merges_and_default_lands_in_its_graph(gsp) -> None:
    client, store = gsp
    added = client.post("/rdf-graphs", params={"graph": SEED_GRAPH},
                        content=state_ttl("france"), headers=TURTLE)
    assert added.status_code == 204, added.text
    seed = store.graph(SEED_GRAPH)
    assert (FRANCE, DG.slug, None) in seed and len(seed) == 6 + 3
    to_default = client.post("/rdf-graphs", params={"default": ""},
                             content=state_ttl("japan"), headers=TURTLE)
    assert to_default.status_code == 201
    assert len(store.graph(DEFAULT_WRITE_GRAPH)) == 3
    assert "japan" in _get(client, None).text


def test_delete(gsp) -> None:
    client, store = gsp
    client.put("/rdf-graphs", params={"graph": NEW_GRAPH}, content=state_ttl("france"),
               headers=TURTLE)
    deleted = client.delete("/rdf-graphs", params={"graph": NEW_GRAPH}, headers=AUTH)
    assert deleted.status_code == 204
    assert NEW_GRAPH not in store.graph_names()
    again = client.delete("/rdf-graphs", params={"graph": NEW_GRAPH}, headers=AUTH)
    assert again.status_code == 404


def test_the_default_graph_cannot_be_replaced_or_deleted(gsp) -> None:
    client, store = gsp
    before = store.quad_count()
    for answer in (client.put("/rdf-graphs", params={"default": ""}, content=state_ttl("x"),
                              headers=TURTLE),
                   client.delete("/rdf-graphs", params={"default": ""}, headers=AUTH)):
        assert answer.status_code == 405
        assert "POST" in answer.headers["allow"]
    assert store.quad_count() == before


def test_invalid_upload_is_refused_with_the_report(gsp) -> None:
    client, store = gsp
    before = store.graph(SEED_GRAPH)
    answer = client.put("/rdf-graphs", params={"graph": SEED_GRAPH},
                        content=state_ttl("nowhere", valid=False), headers=TURTLE)
    assert answer.status_code == 422
    assert any(v["path"] == str(DG.slug) for v in answer.json()["violations"])
    assert set(store.graph(SEED_GRAPH)) == set(before)
    emptied = client.delete("/rdf-graphs", params={"graph": SEED_GRAPH}, headers=AUTH)
    assert emptied.status_code == 204  # deleting data breaks no shape here


def test_writes_need_the_token(gsp) -> None:
    client, store = gsp
    before = store.quad_count()
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        for send in (client.put, client.post):
            answer = send("/rdf-graphs", params={"graph": NEW_GRAPH}, content=state_ttl("x"),
                          headers={"Content-Type": "text/turtle", **headers})
            assert answer.status_code == 401 and "www-authenticate" in answer.headers
        delete = client.delete("/rdf-graphs", params={"graph": SEED_GRAPH}, headers=headers)
        assert delete.status_code == 401
    assert store.quad_count() == before


def test_writing_the_inferred_graph_is_refused(gsp) -> None:
    client, _ = gsp
    answer = client.put("/rdf-graphs", params={"graph": INFERRED_GRAPH},
                        content=state_ttl("france"), headers=TURTLE)
    assert answer.status_code == 400 and "derived" in answer.json()["detail"]


# -- hostile uploads ------------------------------------------------------------------------
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/s"><ex:p>&c;</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize(("media", "body", "message"), [
    ("application/rdf+xml", BILLION_LAUGHS, "DOCTYPE"),
    ("application/ld+json",
     json.dumps({"@context": "http://example.org/context.jsonld", "@id": "http://example.org/s",
                 "p": "x"}).encode(), "remote JSON-LD"),
    ("text/turtle", "<http://example.org/s> <http://example.org/p> 'caf\xe9' .".encode("latin-1"),
     "UTF-8"),
    ("text/turtle", b"<http://example.org/s> <http://example.org/p> .", "invalid turtle"),
])
def test_hostile_uploads_are_refused(gsp, media: str, body: bytes, message: str) -> None:
    client, store = gsp
    before = store.quad_count()
    answer = client.put("/rdf-graphs", params={"graph": NEW_GRAPH}, content=body,
                        headers={"Content-Type": media, **AUTH})
    assert answer.status_code == 400
    assert message in answer.json()["detail"]
    assert store.quad_count() == before


def test_unsupported_and_oversized_uploads(gsp) -> None:
    client, _ = gsp
    for media in ("application/trig", "image/png", ""):
        answer = client.put("/rdf-graphs", params={"graph": NEW_GRAPH}, content=b"x",
                            headers={"Content-Type": media, **AUTH} if media else AUTH)
        assert answer.status_code == 415
    huge = client.post("/rdf-graphs", params={"graph": NEW_GRAPH},
                       content=b"#" * (17 * 1024 * 1024), headers=TURTLE)
    assert huge.status_code == 413
