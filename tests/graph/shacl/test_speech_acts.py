"""One speech act, one claim, on a real write: a claim whose span overlaps a stored claim's
in the same document is refused unless the two are linked.

The shape (``dgsh:Claim-speechActLinked``) is checked on the bundled graph by every validated
load and on its fixtures in ``tests/shapes/``; here the write path of the server
(``PUT /rdf-graphs``) meets it with the other claim already stored, in another graph, so the
check must read that claim from the store (``graph.shacl.speech_acts``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef

from graph.namespaces import DG, graph_iri
from graph.store import GraphStore
from tests.support.paths import TESTS_DIR
from tests.support.sparql_support import AUTH, serving, writable_store

FIXTURE = TESTS_DIR / "shapes" / "Claim-speechActLinked" / "invalid-one-statement-two-claims.ttl"
ID = "https://w3id.org/diplograph/id/"
STORED = URIRef(ID + "claim/2021-03-18--wang-yi--demand--stop-interfering")
NEW = URIRef(ID + "claim/2021-03-18--wang-yi--demand--stop-interfering-internal-affairs")
NEW_EVIDENCE = URIRef(
    ID + "evidence/2021-03-18--wang-yi--demand--stop-interfering-internal-affairs--1")
SHAPE = "https://w3id.org/diplograph/shapes#Claim-speechActLinked"
CONTEXT_GRAPH, NEW_GRAPH = graph_iri("file", "anchorage"), graph_iri("file", "second-claim")
TURTLE = {"Content-Type": "text/turtle", **AUTH}


def _split() -> tuple[Graph, Graph]:
    """The fixture as two writes: everything but the second claim, then that claim."""
    context, second = Graph(), Graph()
    for triple in Graph().parse(FIXTURE, format="turtle"):
        (second if triple[0] in (NEW, NEW_EVIDENCE) else context).add(triple)
    return context, second


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[httpx.Client, GraphStore]]:
    store = writable_store(tmp_path)
    with serving(store) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http, store
    store.close()


def _put(http: httpx.Client, name: str, graph: Graph) -> httpx.Response:
    return http.put("/rdf-graphs", params={"graph": name},
                    content=graph.serialize(format="turtle"), headers=TURTLE)


def test_a_second_claim_of_a_stored_speech_act_is_refused_with_the_report(client) -> None:
    http, store = client
    context, second = _split()
    assert _put(http, CONTEXT_GRAPH, context).status_code in (200, 201, 204)
    before = sorted(store.quads_about([NEW, NEW_EVIDENCE, STORED]))
    count = store.quad_count()

    answer = _put(http, NEW_GRAPH, second)
    assert answer.status_code == 422, answer.text
    found = {(v["focus_node"], v["value"]) for v in answer.json()["violations"]
             if v["shape"] == SHAPE}
    assert found == {(str(NEW), str(STORED)), (str(STORED), str(NEW))}
    assert store.quad_count() == count
    assert NEW_GRAPH not in store.graph_names()
    assert sorted(store.quads_about([NEW, NEW_EVIDENCE, STORED])) == before

    second.add((NEW, DG.sameSpeechAct, STORED))
    assert _put(http, NEW_GRAPH, second).status_code in (200, 201, 204)
    assert NEW_GRAPH in store.graph_names()
