"""The traversal and export routes over a real uvicorn server and a real Oxigraph store."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import networkx as nx
import pytest

from api.settings import Settings
from graph.store import open_store
from graph.views.registry import view
from tests.support.gexfcheck import GEXF, check_gexf
from tests.support.graphdata import fill
from tests.support.server import LiveServer, start_server

ANCHORAGE = "meeting/2021-03-18-anchorage-dialogue"
BLINKEN_IRI = "https://w3id.org/diplograph/id/actor/antony-blinken"


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=60) as http:
        yield http


@pytest.fixture(scope="module")
def small_client() -> Iterator[httpx.Client]:
    """A server over the small graph, where Carol is out of everyone's reach."""
    store = fill(open_store("oxigraph:"))
    server, thread, url = start_server(store, Settings(store="oxigraph:", token="t"))
    with httpx.Client(base_url=url, timeout=60) as http:
        yield http
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


# ---------------------------------------------------------------------------------- traversal
def test_path_from_blinken_to_yang_passes_anchorage(client: httpx.Client) -> None:
    reply = client.get("/graph/meetings/path",
                       params={"source": "antony-blinken", "target": "yang-jiechi"})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["length"] == 2
    labels = [body["steps"][0]["source"]["label"]] + [s["target"]["label"] for s in body["steps"]]
    assert labels == ["Antony Blinken", "Anchorage high-level strategic dialogue", "Yang Jiechi"]
    assert [s["kind"] for s in body["steps"]] == ["attended", "attended"]
    assert body["steps"][0]["target"]["id"] == ANCHORAGE


def test_neighbors_of_blinken_in_2021(client: httpx.Client) -> None:
    reply = client.get("/graph/actors/neighbors/antony-blinken",
                       params={"since": "2021-01-01", "until": "2021-12-31"})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    ids = {n["id"] for n in body["nodes"]}
    assert {"actor/yang-jiechi", "actor/wang-yi", "actor/jake-sullivan"} <= ids
    assert body["center"] == {"id": "actor/antony-blinken", "label": "Antony Blinken",
                              "kind": "actor"}
    met = next(e for e in body["edges"] if {e["source"], e["target"]} == {
        "actor/antony-blinken", "actor/yang-jiechi"})
    assert met["kind"] == "met" and met["directed"] is False and met["weight"] >= 2
    assert met["start"].startswith("2021") and "Anchorage" in met["attributes"]["meetings"]


@pytest.mark.parametrize(
    "ident", [BLINKEN_IRI, quote(BLINKEN_IRI, safe=""), "actor:antony-blinken"]
)
def test_neighbors_take_full_iris(client: httpx.Client, ident: str) -> None:
    reply = client.get(f"/graph/meetings/neighbors/{ident}", params={"depth": 2})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["center"]["id"] == "actor/antony-blinken" and body["depth"] == 2
    ids = {n["id"] for n in body["nodes"]}
    assert ANCHORAGE in ids and "actor/yang-jiechi" in ids  # two hops out


def test_neighbors_are_cut_at_limit_nearest_first(client: httpx.Client) -> None:
    url = "/graph/actors/neighbors/antony-blinken"
    whole = client.get(url, params={"depth": 2})
    assert whole.status_code == 200, whole.text
    assert whole.json()["truncated"] is False and "x-diplograph-truncated" not in whole.headers
    assert client.get(url, params={"depth": 2, "limit": 10_000}).content == whole.content
    ring = {n["id"] for n in client.get(url).json()["nodes"]}  # one step out
    assert len(ring) > 5 and len(whole.json()["nodes"]) > len(ring)

    cut = client.get(url, params={"depth": 2, "limit": 5})
    assert cut.status_code == 200, cut.text
    assert cut.headers["x-diplograph-truncated"] == "true"
    body = cut.json()
    assert body["truncated"] is True and body["depth"] == 2
    ids = {n["id"] for n in body["nodes"]}
    assert len(ids) == 5 and "actor/antony-blinken" in ids and ids < ring  # nearest first
    # the same nodes and edges as the whole answer's, in its order; edges only among the kept
    assert body["nodes"] == [n for n in whole.json()["nodes"] if n["id"] in ids]
    assert body["edges"] == [e for e in whole.json()["edges"]
                             if e["source"] in ids and e["target"] in ids]  # fmt: skip
    assert body["edges"]


@pytest.mark.parametrize("limit", ["0", "10001", "-3", "many"])
def test_limit_out_of_range_is_422(client: httpx.Client, limit: str) -> None:
    reply = client.get("/graph/actors/neighbors/antony-blinken", params={"limit": limit})
    assert reply.status_code == 422
    assert "limit" in reply.text


@pytest.mark.parametrize("depth", ["0", "4", "-1", "two"])
def test_depth_out_of_range_is_422(client: httpx.Client, depth: str) -> None:
    reply = client.get("/graph/actors/neighbors/antony-blinken", params={"depth": depth})
    assert reply.status_code == 422
    assert "depth" in reply.text


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/graph/actors/neighbors/no-such-person", {}),
        ("/graph/actors/path", {"source": "no-such-person", "target": "wang-yi"}),
        ("/graph/actors/path", {"source": "wang-yi", "target": '"} UNION { ?s ?p ?o }'}),
        ("/graph/actors/neighbors/qin-gang", {"until": "2021-12-31"}),  # not in 2021
    ],
)
def test_unknown_ids_are_404(client: httpx.Client, url: str, params: dict) -> None:
    reply = client.get(url, params=params)
    assert reply.status_code == 404
    assert "no node" in reply.json()["detail"]


def test_unreachable_pair_is_404(small_client: httpx.Client) -> None:
    reply = small_client.get("/graph/meetings/path", params={"source": "alice", "target": "carol"})
    assert reply.status_code == 404
    assert reply.json()["detail"] == "no path from actor/alice to actor/carol in the meetings view"


@pytest.mark.parametrize("metric", ["degree", "betweenness", "pagerank"])
def test_centrality_ranks_top_nodes(client: httpx.Client, metric: str) -> None:
    reply = client.get("/graph/actors/centrality", params={"metric": metric, "limit": 5})
    assert reply.status_code == 200, reply.text
    nodes = reply.json()["nodes"]
    assert len(nodes) == 5
    assert [n["score"] for n in nodes] == sorted((n["score"] for n in nodes), reverse=True)
    assert all(n["kind"] == "actor" and n["label"] for n in nodes)


def test_communities_partition_the_view(client: httpx.Client, live_server: LiveServer) -> None:
    reply = client.get("/graph/meetings/communities")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    members = [m["id"] for c in body["communities"] for m in c["members"]]
    assert sorted(members) == sorted(view(live_server.store, "meetings"))
    assert body["algorithm"] == "louvain" and body["communities"][0]["id"] == 0
    assert client.get("/graph/meetings/communities").json() == body  # same seed, same answer


@pytest.mark.parametrize(
    ("url", "params", "needle"),
    [
        ("/graph/everything/centrality", {}, "view_name"),
        ("/graph/actors/centrality", {"metric": "closeness"}, "metric"),
        ("/graph/actors/centrality", {"limit": 0}, "limit"),
        ("/graph/actors/centrality", {"since": "2021-13-01"}, "since"),
        ("/graph/actors/centrality", {"until": "0"}, "until"),  # not read as 1970-01-01
    ],
)
def test_bad_parameters_are_422(client: httpx.Client, url: str, params: dict, needle: str) -> None:
    reply = client.get(url, params=params)
    assert reply.status_code == 422, reply.text
    assert needle in reply.text


@pytest.mark.parametrize("topic", ["not-a-topic", "x\" } ; DROP ALL ; #", "0" * 300])
def test_unknown_topics_are_404(client: httpx.Client, topic: str) -> None:
    for url in ("/graph/claims/centrality", "/graph/claims/communities", "/export/claims.gexf"):
        reply = client.get(url, params={"topic": topic})
        assert reply.status_code == 404, reply.text
        assert reply.json()["detail"].startswith("unknown topic")


def test_an_inverted_window_is_empty_not_an_error(client: httpx.Client) -> None:
    params = {"since": "2022-01-01", "until": "2021-01-01"}
    reply = client.get("/graph/actors/communities", params=params)
    assert reply.status_code == 200 and reply.json()["communities"] == []
    assert client.get("/graph/actors/neighbors/wang-yi", params=params).status_code == 404
    check_gexf(client.get("/export/actors.gexf", params=params).content)


# ---------------------------------------------------------------------------------- exports
def test_gexf_export_of_2021(client: httpx.Client) -> None:
    reply = client.get("/export/actors.gexf", params={"since": "2021-01-01",
                                                      "until": "2021-12-31"})
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == "application/gexf+xml"
    assert reply.headers["content-disposition"] == (
        'attachment; filename="diplograph-actors-2021-01-01--2021-12-31.gexf"')
    root = check_gexf(reply.content)
    ids = {n.get("id") for n in root.iter(f"{GEXF}node")}
    assert {"actor/antony-blinken", "actor/jake-sullivan", "actor/yang-jiechi",
            "actor/wang-yi"} <= ids


@pytest.mark.parametrize("name", ["actors", "claims", "meetings", "full"])
def test_every_view_exports_valid_gexf(client: httpx.Client, name: str) -> None:
    reply = client.get(f"/export/{name}.gexf", params={"topic": "taiwan"})
    assert reply.status_code == 200, reply.text
    check_gexf(reply.content)


def test_graphml_export(client: httpx.Client, live_server: LiveServer) -> None:
    reply = client.get("/export/claims.graphml")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/graphml+xml"
    assert 'filename="diplograph-claims.graphml"' in reply.headers["content-disposition"]
    back = nx.read_graphml(io.BytesIO(reply.content))
    assert back.number_of_nodes() == view(live_server.store, "claims").number_of_nodes()


def test_csv_export(client: httpx.Client) -> None:
    reply = client.get("/export/meetings.csv", params={"topic": "climate"})
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/zip"
    assert 'filename="diplograph-meetings-climate.csv.zip"' in (
        reply.headers["content-disposition"])
    with zipfile.ZipFile(io.BytesIO(reply.content)) as archive:
        assert {"nodes.csv", "edges.csv"} <= set(archive.namelist())
        assert archive.read("edges.csv").decode().startswith(
            "Source,Target,Type,Kind,Weight,Label,Timeset")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/export/actors.pdf", {}),
        ("/export/nothing.gexf", {}),
        ("/export/actors.csv", {"until": "someday"}),
    ],
)
def test_bad_exports_are_422(client: httpx.Client, path: str, params: dict) -> None:
    reply = client.get(path, params=params)
    assert reply.status_code == 422, reply.text
    assert reply.json()["detail"]


def test_routes_are_documented(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for route in ("/graph/{view_name}/neighbors/{node_id}", "/graph/{view_name}/path",
                  "/graph/{view_name}/centrality", "/graph/{view_name}/communities",
                  "/export/{view_name}.{fmt}"):
        assert route in spec["paths"], route
    assert spec["components"]["schemas"]["PathOut"]["properties"]["view"]["examples"]
    neighbors = spec["paths"]["/graph/{view_name}/neighbors/{node_id}"]["get"]
    (limit,) = [p for p in neighbors["parameters"] if p["name"] == "limit"]
    assert limit["schema"]["maximum"] == 10_000 and limit["schema"]["default"] == 500
    assert "truncated" in spec["components"]["schemas"]["Neighborhood"]["properties"]
