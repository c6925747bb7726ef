"""The audit trail over a real uvicorn server and a real Oxigraph store: every write recorded
with who, when, which graphs and the request's id; refused writes record nothing; the list's
filters; reverts (an admin's), refused with 409 while a later write depends on the activity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from typer.testing import CliRunner

from api import tokens
from api.app import create_app
from api.settings import Settings
from graph.cli import app as cli
from graph.namespaces import AUDIT, AUDIT_GRAPH, graph_iri
from graph.shacl.validate import validate
from graph.store import GraphStore, open_store
from tests.support.extract_support import load_reference
from tests.support.server import TOKEN, start_server
from tests.support.sparql_support import PROLOGUE, state_triples, state_ttl
from tests.support.virtuoso import Virtuoso

READOUT = (
    "Wang Yi met Antony Blinken in Beijing on Monday.\n"
    "Wang urged the US side to stop arming Taiwan and lift illegal sanctions.\n"
)
OTHER = (
    "Wang Yi met Jake Sullivan in Vienna on Tuesday.\n"
    "Wang urged the US side to lift illegal sanctions on Chinese companies.\n"
)
STATES = graph_iri("file", "audit-states")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Team:
    url: str
    store: GraphStore
    reviewer: str
    editor: str
    admin: str


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    folder = tmp_path_factory.mktemp("audit")
    store = open_store(f"oxigraph:{folder / 'store'}")
    load_reference(store)
    path = folder / "tokens.json"
    made = {role: tokens.add(path, f"{role}-ann", role) for role in tokens.ROLES}
    settings = Settings(store="oxigraph:", token=TOKEN, tokens_file=str(path), query_timeout=10.0)
    server, thread, url = start_server(store, settings, create_app(settings, store=store))
    yield Team(url, store, made["reviewer"], made["editor"], made["admin"])
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def activities(c: httpx.Client, token: str, **params: str) -> list[dict]:
    answer = c.get("/audit", params={"limit": "500", **params}, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def ingest(c: httpx.Client, token: str, text: str, slug: str) -> httpx.Response:
    answer = c.post("/documents", json={"text": text, "slug": slug}, headers=bearer(token))
    assert answer.status_code == 201, answer.text
    return answer


def test_every_write_is_recorded_with_who_when_and_the_request(team: Team) -> None:
    with httpx.Client(base_url=team.url, timeout=120) as c:
        assert c.get("/audit").status_code == 401
        before = {a["id"] for a in activities(c, team.reviewer)}
        started = dt.datetime.now(dt.UTC)
        posted = ingest(c, team.reviewer, READOUT, "audit-first")
        newest = activities(c, team.reviewer)[0]
        assert newest["id"] not in before
        assert newest["kind"] == "ingest" and newest["actor"] == "reviewer-ann"
        assert newest["request_id"] == posted.headers["x-request-id"]
        assert newest["graphs"] == [posted.json()["graph"]]
        assert newest["added"] > 10 and newest["removed"] == 0
        assert started <= dt.datetime.fromisoformat(newest["time"]) <= dt.datetime.now(dt.UTC)

        insert = f"{PROLOGUE} INSERT DATA {{ GRAPH <{STATES}> {{ {state_triples('france')} }} }}"
        assert c.post("/update", data={"update": insert},
                      headers=bearer(team.editor)).status_code == 200
        put = c.put("/rdf-graphs", params={"graph": STATES}, content=state_ttl("japan"),
                    headers={"Content-Type": "text/turtle", **bearer(team.admin)})
        assert put.status_code == 204, put.text
        assert c.delete("/documents/audit-first", headers=bearer(team.editor)).status_code == 204
        kinds = [(a["kind"], a["actor"]) for a in activities(c, team.reviewer)[:3]]
        assert kinds == [("delete", "editor-ann"), ("graph_store", "admin-ann"),
                         ("update", "editor-ann")]
        count = len(activities(c, team.reviewer))

        # refused writes record nothing: a role too weak, data the shapes refuse, the trail
        assert c.post("/update", data={"update": insert},
                      headers=bearer(team.reviewer)).status_code == 403
        bad = f"{PROLOGUE} INSERT DATA {{ GRAPH <{STATES}> {{ actor:x a dg:State }} }}"
        assert c.post("/update", data={"update": bad},
                      headers=bearer(team.editor)).status_code == 422
        forged = (f"{PROLOGUE} INSERT DATA {{ GRAPH <{AUDIT_GRAPH}> "
                  "{ <urn:x> audit:actor \"nobody\" } }")
        refused = c.post("/update", data={"update": forged}, headers=bearer(team.admin))
        assert refused.status_code == 400 and "server only" in refused.text
        wiped = c.delete("/rdf-graphs", params={"graph": AUDIT_GRAPH}, headers=bearer(TOKEN))
        assert wiped.status_code == 400
        assert len(activities(c, team.reviewer)) == count


def test_the_trail_is_no_data(team: Team) -> None:
    """Not in the claims, not in the graph views, not judged by the shapes."""
    with httpx.Client(base_url=team.url, timeout=120) as c:
        ingest(c, team.reviewer, OTHER, "audit-not-data")
        claims = c.get("/claims", params={"limit": "500"}).json()["items"]
        assert claims and all("activity" not in claim["iri"] for claim in claims)
        full = c.get("/export/full.graphml")
        assert full.status_code == 200, full.text
        assert "audit-not-data" in full.text and "/activity/" not in full.text
    assert team.store.quad_count(AUDIT_GRAPH) > 0
    assert validate(team.store.dataset()).conforms


def test_the_list_filters_by_actor_time_and_graph_and_pages(team: Team) -> None:
    with httpx.Client(base_url=team.url, timeout=120) as c:
        posted = ingest(c, team.editor, OTHER.replace("Tuesday", "Friday"), "audit-filtered")
        graph = posted.json()["graph"]
        mine = activities(c, team.reviewer, actor="editor-ann")
        assert mine and {a["actor"] for a in mine} == {"editor-ann"}
        assert activities(c, team.reviewer, actor="nobody") == []
        on_graph = activities(c, team.reviewer, graph=graph)
        assert [a["kind"] for a in on_graph] == ["ingest"] and on_graph[0]["graphs"] == [graph]
        tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
        assert activities(c, team.reviewer, since=tomorrow) == []
        newest = activities(c, team.reviewer)[0]
        recent = activities(c, team.reviewer, since=newest["time"])
        assert [a["id"] for a in recent] == [newest["id"]]
        everything = activities(c, team.reviewer)
        second = c.get("/audit", params={"limit": "1", "offset": "1"}, headers=bearer(team.admin))
        assert second.json()["total"] == len(everything)
        assert [a["id"] for a in second.json()["items"]] == [everything[1]["id"]]
        # the bundled load that made the store is an activity too
        assert everything[-1]["kind"] == "load" and everything[-1]["added"] > 0


def _review_state(c: httpx.Client, claim: str) -> dict:
    answer = c.get(f"/claims/{claim}/review")
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_review_is_reverted_and_a_depended_on_ingest_is_not(team: Team) -> None:
    with httpx.Client(base_url=team.url, timeout=120) as c:
        posted = ingest(c, team.reviewer, READOUT.replace("Monday", "Sunday"), "audit-revert")
        claim = posted.json()["claims"][0]["id"]
        ingested = activities(c, team.reviewer, graph=posted.json()["graph"])[0]
        assert c.get(f"/audit/{ingested['id']}", headers=bearer(team.reviewer)).json()[
            "revertible"] is True
        accepted = c.post(f"/claims/{claim}/review", json={"action": "accept"},
                          headers=bearer(team.reviewer))
        assert accepted.status_code == 200 and accepted.json()["status"] == "reviewed"
        review = activities(c, team.reviewer)[0]
        assert review["kind"] == "review" and review["added"] == review["removed"] == 1

        # the review depends on the ingest: 409 naming it, nothing written
        for token in (team.reviewer, team.editor):
            refused = c.post(f"/audit/{ingested['id']}/revert", headers=bearer(token))
            assert refused.status_code == 403
        count = len(activities(c, team.reviewer))
        conflict = c.post(f"/audit/{ingested['id']}/revert", headers=bearer(team.admin))
        assert conflict.status_code == 409, conflict.text
        assert conflict.json()["later"] == [review["id"]]
        assert "later writes depend" in conflict.json()["detail"]
        assert len(activities(c, team.reviewer)) == count
        assert _review_state(c, claim)["status"] == "reviewed"

        undone = c.post(f"/audit/{review['id']}/revert", headers=bearer(team.admin))
        assert undone.status_code == 200, undone.text
        assert undone.json()["kind"] == "revert" and undone.json()["reverts"] == review["id"]
        assert undone.json()["actor"] == "admin-ann"
        assert _review_state(c, claim)["status"] == "proposed"
        again = c.post(f"/audit/{review['id']}/revert", headers=bearer(team.admin))
        assert again.status_code == 409 and "reverted already" in again.json()["detail"]
        shown = c.get(f"/audit/{review['id']}", headers=bearer(team.reviewer)).json()
        assert shown["reverted_by"] == [undone.json()["id"]] and shown["revertible"] is False

        # with the review undone, nothing depends on the ingest any more
        gone = c.post(f"/audit/{ingested['id']}/revert", headers=bearer(team.admin))
        assert gone.status_code == 200, gone.text
        assert c.get("/documents/audit-revert").status_code == 404
        assert c.post("/audit/19700101t000000000000-000000/revert",
                      headers=bearer(team.admin)).status_code == 404


def test_a_later_document_that_restates_a_claim_depends_on_its_ingest(team: Team) -> None:
    """The later ingest is in another graph, but its claim points at the earlier one."""
    with httpx.Client(base_url=team.url, timeout=120) as c:
        earlier = ingest(c, team.reviewer, READOUT.replace("Monday", "Wednesday"), "audit-early")
        first = activities(c, team.reviewer, graph=earlier.json()["graph"])[0]
        later = ingest(c, team.reviewer, READOUT.replace("Monday", "Friday"), "audit-late")
        restated = {claim["reiterates"] for claim in later.json()["claims"]}
        assert restated & {claim["id"] for claim in earlier.json()["claims"]}
        second = activities(c, team.reviewer, graph=later.json()["graph"])[0]
        conflict = c.post(f"/audit/{first['id']}/revert", headers=bearer(team.admin))
        assert conflict.status_code == 409, conflict.text
        assert second["id"] in conflict.json()["later"]
        assert c.get("/documents/audit-early").status_code == 200
        for undone in (second, first):  # newest first, each now free of later writes
            answer = c.post(f"/audit/{undone['id']}/revert", headers=bearer(team.admin))
            assert answer.status_code == 200, answer.text
        assert c.get("/documents/audit-early").status_code == 404


def test_a_rejection_is_reverted_and_the_claim_comes_back(team: Team) -> None:
    with httpx.Client(base_url=team.url, timeout=120) as c:
        posted = ingest(c, team.reviewer, OTHER.replace("Tuesday", "Monday"), "audit-reject")
        claim = posted.json()["claims"][0]["id"]
        before = c.get(f"/claims/{claim}").json()
        assert c.post(f"/claims/{claim}/review", json={"action": "reject"},
                      headers=bearer(team.reviewer)).status_code == 204
        assert c.get(f"/claims/{claim}").status_code == 404
        rejected = activities(c, team.reviewer, actor="reviewer-ann")[0]
        assert rejected["kind"] == "review" and rejected["removed"] > rejected["added"]
        assert c.post(f"/audit/{rejected['id']}/revert",
                      headers=bearer(TOKEN)).status_code == 200
        assert c.get(f"/claims/{claim}").json() == before


def test_the_revert_command(team: Team, tmp_path: Path) -> None:
    """``diplograph revert`` on a store no server holds; ``audit`` lists the trail."""
    setting = f"oxigraph:{tmp_path / 'store'}"
    with open_store(setting) as store:
        load_reference(store)
        from graph.extract.ingest import ingest as run_ingest

        run_ingest(store, READOUT)
    runner = CliRunner()
    listed = runner.invoke(cli, ["audit", "--json", "--store", setting])
    assert listed.exit_code == 0, listed.output
    newest = listed.stdout.splitlines()[0]
    assert '"kind": "ingest"' in newest and '"actor": "local:' in newest
    activity = newest.split('"id": "')[1].split('"')[0]
    done = runner.invoke(cli, ["revert", activity, "--store", setting])
    assert done.exit_code == 0, done.output
    again = runner.invoke(cli, ["revert", activity, "--store", setting])
    assert again.exit_code == 1 and "reverted already" in again.output
    with open_store(setting, read_only=True) as store:
        assert not any("/extracted/" in name for name in store.graph_names())


def _sparql(c: httpx.Client | TestClient, query: str, **params: str) -> list[dict]:
    answer = c.post("/sparql", data={"query": query, **params},
                    headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]["bindings"]


def test_the_public_endpoint_does_not_show_the_trail(team: Team) -> None:
    """``GET /audit`` needs a token, so ``/sparql`` must not read the trail around it: not in
    the union default graph, not through ``GRAPH ?g``, not named by FROM, FROM NAMED or the
    protocol's dataset parameters (the workers of an on-disk store evaluate these)."""
    activity = "SELECT ?a WHERE { ?a <https://w3id.org/diplograph/audit#actor> ?who }"
    in_graphs = "SELECT ?a WHERE { GRAPH ?g { ?a <https://w3id.org/diplograph/audit#actor> ?w } }"
    with httpx.Client(base_url=team.url, timeout=120) as c:
        document = ingest(c, team.editor, OTHER.replace("Vienna", "Geneva"),
                          "audit-hidden").json()["graph"]
        listed = activities(c, team.editor)
        assert listed[0]["actor"] == "editor-ann" and listed[0]["kind"] == "ingest"
        assert team.store.quad_count(AUDIT_GRAPH) > 0
        assert _sparql(c, activity) == []
        graphs = _sparql(c, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert graphs and AUDIT_GRAPH not in {row["g"]["value"] for row in graphs}
        assert _sparql(c, in_graphs) == []
        named = f"SELECT ?a FROM NAMED <{AUDIT_GRAPH}> WHERE {{ GRAPH ?g {{ ?a ?p ?o }} }}"
        assert _sparql(c, named) == []
        prefixed = ("PREFIX g: <https://w3id.org/diplograph/graph/> "
                    "SELECT ?a FROM g:audit WHERE { ?a ?p ?o }")
        assert _sparql(c, prefixed) == []
        relative = ("BASE <https://w3id.org/diplograph/graph/> "
                    "SELECT ?a FROM <audit> WHERE { ?a ?p ?o }")
        assert _sparql(c, relative) == []
        everything = "SELECT ?a WHERE { ?a ?p ?o }"
        assert _sparql(c, everything, **{"default-graph-uri": AUDIT_GRAPH}) == []
        assert _sparql(c, in_graphs, **{"named-graph-uri": AUDIT_GRAPH}) == []
        # the rest of the data is still there, through each of the same doors
        claims = "SELECT ?c WHERE { ?c a <https://w3id.org/diplograph/ontology#Claim> }"
        assert _sparql(c, claims)
        assert _sparql(c, everything, **{"default-graph-uri": document})
        mixed = (f"SELECT DISTINCT ?g FROM NAMED <{AUDIT_GRAPH}> FROM NAMED <{document}> "
                 "WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert [row["g"]["value"] for row in _sparql(c, mixed)] == [document]
        # nor through the Graph Store Protocol's reads
        assert c.get("/rdf-graphs", params={"graph": AUDIT_GRAPH}).status_code == 404
        union = c.get("/rdf-graphs?default", headers={"Accept": "application/n-triples"})
        assert union.status_code == 200 and "/audit#" not in union.text
        assert document.rsplit("/", 1)[-1] in union.text


@pytest.mark.virtuoso
def test_an_engine_does_not_show_the_trail_either(virtuoso_server: Virtuoso) -> None:
    """Over a ``sparql:`` engine the dataset sent with each query leaves the trail out too."""
    store = open_store(virtuoso_server.store_setting())
    store.replace_graphs({}, drop=store.graph_names())
    data, trail = Graph(), Graph()
    data.add((URIRef("urn:x:claim"), RDFS.label, Literal("shown")))
    trail.add((URIRef("urn:x:activity"), AUDIT.actor, Literal("editor-ann")))
    shown = graph_iri("file", "hidden-test")
    store.replace_graphs({shown: data, AUDIT_GRAPH: trail})
    queries = [
        ("SELECT ?a WHERE { ?a ?p ?o }", {}),
        ("SELECT ?a WHERE { GRAPH ?g { ?a ?p ?o } }", {}),
        ("SELECT ?a WHERE { ?a ?p ?o }", {"default-graph-uri": AUDIT_GRAPH}),
        ("SELECT ?a WHERE { GRAPH ?g { ?a ?p ?o } }", {"named-graph-uri": AUDIT_GRAPH}),
    ]
    try:
        with TestClient(create_app(Settings(store="oxigraph:"), store=store)) as c:
            for query, params in queries:
                found = {row["a"]["value"] for row in _sparql(c, query, **params)}
                assert "urn:x:activity" not in found, query
            assert {row["a"]["value"] for row in _sparql(c, queries[0][0])} == {"urn:x:claim"}
            assert {row["a"]["value"] for row in _sparql(c, queries[1][0])} == {"urn:x:claim"}
            # Virtuoso lets a query's own FROM clauses win over the protocol's: refused
            for own in (f"SELECT ?a FROM NAMED <{AUDIT_GRAPH}> WHERE {{ GRAPH ?g {{ ?a ?p ?o }} }}",
                        f"SELECT ?a FROM <{AUDIT_GRAPH}> WHERE {{ ?a ?p ?o }}"):
                refused = c.post("/sparql", data={"query": own})
                assert refused.status_code == 400 and "GET /audit" in refused.text, own
            mixed = f"SELECT ?a FROM <{shown}> WHERE {{ ?a ?p ?o }}"
            assert {row["a"]["value"] for row in _sparql(c, mixed)} == {"urn:x:claim"}
    finally:
        store.replace_graphs({}, drop=store.graph_names())
        store.close()
