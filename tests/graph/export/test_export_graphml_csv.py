"""GraphML and CSV exports: typed keys that Gephi will not mistake for visual properties,
Gephi's spreadsheet-import columns, and round trips that keep counts and values."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest
from lxml import etree

from graph.export import export, filename
from graph.export.common import clean
from graph.export.graphml import VISUAL_KEYS
from graph.store import GraphStore, open_store
from graph.views.registry import VIEWS, Filters, view
from tests.support.graphdata import ALICE, BOB, fill

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
TIMESET = re.compile(r"^<\[\d{4}-\d\d-\d\d, (\d{4}-\d\d-\d\d|inf)\](; \[\d{4}-\d\d-\d\d, "
                     r"(\d{4}-\d\d-\d\d|inf)\])*>$")


@pytest.fixture(scope="module")
def small() -> Iterator[GraphStore]:
    store = fill(open_store("oxigraph:"))
    yield store
    store.close()


def expected(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean(value) if isinstance(value, str) else value


def tables(data: bytes) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {"nodes.csv", "edges.csv"} <= set(archive.namelist())
        read = [list(csv.DictReader(io.StringIO(archive.read(f"{t}.csv").decode("utf-8"))))
                for t in ("nodes", "edges")]
    return read[0], read[1]


# ---------------------------------------------------------------------------------- GraphML
@pytest.mark.parametrize("name", ["meetings", "claims", "full"])
def test_graphml_round_trips_through_networkx(bundled_store: GraphStore, name: str) -> None:
    graph = view(bundled_store, name)
    back = nx.read_graphml(io.BytesIO(export(graph, "graphml")))
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges())
    for node, data in graph.nodes(data=True):
        read = back.nodes[node]
        for key, value in data.items():
            if key not in ("spells", "dynamic"):
                assert read[key] == expected(value), (node, key)
        if data.get("spells"):
            assert TIMESET.match(read["timeset"])
    for u, v, data in graph.edges(data=True):
        found = back.get_edge_data(u, v)
        found = list(found.values()) if back.is_multigraph() else [found]
        (read,) = [d for d in found if d["kind"] == data["kind"]]
        assert read["weight"] == data["weight"] and read["label"] == data["label"]


def test_graphml_keys_are_typed_and_not_visual(bundled_store: GraphStore) -> None:
    for name in VIEWS:
        root = etree.fromstring(export(view(bundled_store, name), "graphml"))
        keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type")
                for k in root.iter(f"{GRAPHML}key")}
        assert not {n for _, n in keys} & VISUAL_KEYS
        assert keys[("node", "label")] == "string" and keys[("node", "iri")] == "string"
        assert keys[("edge", "weight")] in ("int", "long")
        ids = {n.get("id") for n in root.iter(f"{GRAPHML}node")}
        for edge in root.iter(f"{GRAPHML}edge"):
            assert edge.get("source") in ids and edge.get("target") in ids


def test_graphml_of_the_actors_view_is_undirected(small: GraphStore) -> None:
    data = export(view(small, "actors"), "graphml")
    root = etree.fromstring(data)
    assert root.find(f"{GRAPHML}graph").get("edgedefault") == "undirected"
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML}key")}
    edges = {}
    for edge in root.iter(f"{GRAPHML}edge"):
        assert edge.get("directed") is None  # one direction for the whole view
        found = {keys[d.get("key")]: d.text for d in edge.iter(f"{GRAPHML}data")}
        edges[(edge.get("source"), edge.get("target"), found["kind"])] = found
    met = edges[(ALICE, BOB, "met")]
    assert met["weight"] == "2"
    assert met["timeset"] == "<[2020-05-01, 2020-05-01]; [2022-01-01, 2022-01-02]>"
    assert (ALICE, "actor/united-states", "country") in edges
    back = nx.read_graphml(io.BytesIO(data))
    assert not back.is_directed() and back.edges[ALICE, BOB]["weight"] == 2


@pytest.mark.parametrize("name", VIEWS)
def test_networkx_reads_back_every_graphml_view(bundled_store: GraphStore, name: str) -> None:
    graph = view(bundled_store, name)
    back = nx.read_graphml(io.BytesIO(export(graph, "graphml")))
    assert back.is_directed() is (name != "actors")
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges())
    for node, data in graph.nodes(data=True):
        for key in ("iri", "label", "kind", "type", "claim_type", "meetings"):
            if key in data:
                assert back.nodes[node][key] == expected(data[key]), (node, key)
    for u, v, data in graph.edges(data=True):
        found = back.get_edge_data(u, v)
        found = list(found.values()) if back.is_multigraph() else [found]
        assert data["weight"] in [d["weight"] for d in found if d["kind"] == data["kind"]]


def test_graphml_types_follow_values(small: GraphStore) -> None:
    back = nx.read_graphml(io.BytesIO(export(view(small, "full"), "graphml")))
    claim = back.nodes["claim/stop-tariffs"]
    assert claim["dg:negated"] is False and claim["dg:confidence"] == 0.75
    assert claim["dg:statement"] == "Stop the tariffs"  # U+0001 stripped
    assert back.nodes["evidence/stop-tariffs-1"]["dg:start"] == 10


# ---------------------------------------------------------------------------------- CSV
@pytest.mark.parametrize("name", VIEWS)
def test_csv_tables_follow_gephi_conventions(bundled_store: GraphStore, name: str) -> None:
    graph = view(bundled_store, name)
    nodes, edges = tables(export(graph, "csv"))
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert list(nodes[0])[:3] == ["Id", "Label", "Timeset"]
    assert list(edges[0])[:7] == ["Source", "Target", "Type", "Kind", "Weight", "Label",
                                  "Timeset"]
    ids = {row["Id"] for row in nodes}
    assert ids == set(graph)
    for row in edges:
        assert row["Source"] in ids and row["Target"] in ids
        assert row["Type"] in ("Directed", "Undirected") and int(row["Weight"]) >= 1
        assert not row["Timeset"] or TIMESET.match(row["Timeset"])
    for row in nodes:
        assert not row["Timeset"] or TIMESET.match(row["Timeset"])


def test_csv_values_and_timeset(small: GraphStore) -> None:
    nodes, edges = tables(export(view(small, "actors"), "csv"))
    alice = next(r for r in nodes if r["Id"] == ALICE)
    assert alice["Label"] == "Alice Smith" and alice["post"] == "Envoy"
    assert alice["Timeset"] == "<[2020-05-01, 2020-05-01]; [2022-01-01, 2022-01-02]>"
    met = next(r for r in edges if (r["Source"], r["Target"], r["Kind"]) == (ALICE, BOB, "met"))
    assert (met["Type"], met["Weight"]) == ("Undirected", "2")
    assert met["meetings"] == "First talks (2020-05-01) | Second call (2022-01-01)"
    claims, _ = tables(export(view(small, "claims"), "csv"))
    claim = next(r for r in claims if r["Id"] == "claim/stop-tariffs")
    assert claim["Timeset"] == "<[2022-01-01, 2022-01-01]>"
    assert (claim["negated"], claim["confidence"], claim["claim_type"]) == (
        "false", "0.75", "demand")


def test_file_names_say_what_the_file_holds() -> None:
    assert filename("actors", "gexf", Filters()) == "diplograph-actors.gexf"
    window = Filters(dt.date(2021, 1, 1), dt.date(2021, 12, 31),
                     "https://w3id.org/diplograph/id/topic/taiwan")
    assert filename("claims", "csv", window) == (
        "diplograph-claims-2021-01-01--2021-12-31-taiwan.csv.zip")
    assert filename("full", "graphml", Filters(until=dt.date(2022, 1, 1))) == (
        "diplograph-full-start--2022-01-01.graphml")


def test_claims_export_carries_negation_speech_mode_stance_and_targets(
    bundled_store: GraphStore,
) -> None:
    nodes, edges = tables(export(view(bundled_store, "claims"), "csv"))
    by_id = {row["Id"]: row for row in nodes}
    claim = "claim/"
    consensus = by_id[claim + "2021-02-11--china-united-states--consensus--manage-differences"]
    assert consensus["affirmed_only_by"] == "China"
    assert consensus["stances"] == "affirms | reports the other side's position"
    demand = by_id[claim + "2023-06-19--wang-yi--demand--lift-unilateral-sanctions"]
    assert "Entity List" in demand["objects_to"] and demand["speech_modes"] == "reported speech"
    stop = by_id[claim + "2023-06-19--wang-yi--demand--stop-hyping-china-threat"]
    assert stop["negated"].lower() == "true"
    assert {"reiterates", "same_speech_act"} <= {row["Kind"] for row in edges}
