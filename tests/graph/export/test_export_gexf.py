"""GEXF 1.3 exports: valid against the official schema, readable by networkx, and built the
way Gephi imports well (typed edges, aggregated parallels, dynamic attributes, a timeline)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from lxml import etree
from typer.testing import CliRunner

from graph.cli import app
from graph.export import export, style
from graph.export.common import clean
from graph.store import GraphStore, open_store
from graph.views.registry import VIEWS, view
from tests.support.gexfcheck import GEXF, check_gexf
from tests.support.graphdata import ALICE, BOB, fill

VIZ = "{http://gexf.net/1.3/viz}"


@pytest.fixture(scope="module")
def small() -> Iterator[GraphStore]:
    store = fill(open_store("oxigraph:"))
    yield store
    store.close()


def gexf(graph: nx.MultiDiGraph) -> etree._Element:
    return check_gexf(export(graph, "gexf", "test export"))


def _node(root: etree._Element, node_id: str) -> etree._Element:
    return next(n for n in root.iter(f"{GEXF}node") if n.get("id") == node_id)


def _values(element: etree._Element) -> dict[str, str]:
    return {v.get("for"): v.get("value") for v in element.iter(f"{GEXF}attvalue")
            if v.get("start") is None}


def expected(value: Any) -> Any:
    """A view value as networkx reads it back from our GEXF."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean(value) if isinstance(value, str) else value


# ---------------------------------------------------------------------------------- bundled
@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("window", [{}, {"since": "2021-01-01", "until": "2021-12-31"},
                                    {"topic": "taiwan"}])
def test_every_bundled_view_validates(bundled_store: GraphStore, name: str, window) -> None:
    graph = view(bundled_store, name, **window)
    root = gexf(graph)
    assert len(list(root.iter(f"{GEXF}node"))) == graph.number_of_nodes()
    assert len(list(root.iter(f"{GEXF}edge"))) == graph.number_of_edges()


def test_the_timeline_carries_dates(bundled_store: GraphStore) -> None:
    root = gexf(view(bundled_store, "meetings"))
    body = root.find(f"{GEXF}graph")
    assert (body.get("mode"), body.get("timeformat")) == ("dynamic", "date")
    anchorage = _node(root, "meeting/2021-03-18-anchorage-dialogue")
    assert (anchorage.get("start"), anchorage.get("end")) == ("2021-03-18", "2021-03-19")
    blinken = _node(root, "actor/antony-blinken")
    spells = [(s.get("start"), s.get("end")) for s in blinken.iter(f"{GEXF}spell")]
    assert ("2021-03-18", "2021-03-19") in spells and len(spells) > 3
    years = {s[0][:4] for s in spells}
    assert {"2021", "2023", "2024"} <= years  # the timeline plays across the years
    dated = [e for e in root.iter(f"{GEXF}edge") if e.get("start") or e.find(f"{GEXF}spells")]
    assert len(dated) > 0.9 * len(list(root.iter(f"{GEXF}edge")))


def test_posts_change_over_time_as_dynamic_attributes(bundled_store: GraphStore) -> None:
    root = gexf(view(bundled_store, "actors"))
    dynamic = [b for b in root.iter(f"{GEXF}attributes") if b.get("mode") == "dynamic"]
    assert [a.get("id") for b in dynamic for a in b] == ["post"]
    wang = _node(root, "actor/wang-yi")
    posts = [(v.get("value"), v.get("start")) for v in wang.iter(f"{GEXF}attvalue")
             if v.get("for") == "post"]
    assert len(posts) >= 2 and all(start for _, start in posts)


def test_claims_are_coloured_by_type(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "claims")
    root = gexf(graph)
    for node in root.iter(f"{GEXF}node"):
        data = graph.nodes[node.get("id")]
        colour = node.find(f"{VIZ}color")
        rgb = tuple(int(colour.get(c)) for c in "rgb")
        if data["kind"] == "claim":
            assert rgb == style.CLAIM_COLOURS[data["claim_type"]]
        elif data["kind"] == "topic":
            assert rgb == style.KIND_COLOURS["topic"]
    china = _node(root, "actor/china").find(f"{VIZ}color")
    assert tuple(int(china.get(c)) for c in "rgb") == style.COUNTRY_COLOURS[
        "https://w3id.org/diplograph/id/actor/china"]


def test_sizes_grow_with_degree(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "actors")
    root = gexf(graph)
    size = {n.get("id"): float(n.find(f"{VIZ}size").get("value")) for n in root.iter(f"{GEXF}node")}
    by_degree = sorted(graph, key=graph.degree)
    assert size[by_degree[-1]] > size[by_degree[0]]


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("window", [{}, {"since": "2021-01-01", "until": "2021-12-31"}])
def test_networkx_reads_back_every_view(bundled_store: GraphStore, name: str, window) -> None:
    """What Gephi opens, networkx (and so any tool built on it) reads too: one edge direction
    per view, every node and edge with its values; and the file is valid GEXF 1.3."""
    graph = view(bundled_store, name, **window)
    data = export(graph, "gexf")
    back = nx.read_gexf(io.BytesIO(data))
    assert back.is_directed() is (name != "actors")  # who met whom is symmetric
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges())
    for node, data_ in graph.nodes(data=True):
        read = back.nodes[node]
        assert read["label"] == " ".join(clean(data_["label"]).split())
        for key in ("iri", "kind", "type", "claim_type", "date", "meetings", "claims"):
            if key in data_:
                assert read[key] == expected(data_[key]), (node, key)
        if "spells" in data_:  # the timeline: a node's intervals, as networkx reads them
            spells = read.get("spells") or [(read["start"], read.get("end"))]
            assert [s[0] for s in spells] == [s.isoformat() for s, _ in data_["spells"]]
    for u, v, data_ in graph.edges(data=True):
        found = back.get_edge_data(u, v)
        found = list(found.values()) if back.is_multigraph() else [found]
        (read,) = [d for d in found if d["label"] == data_["label"]]
        assert read["weight"] == data_["weight"]
        if "start" in data_ and "spells" not in read:
            assert read["start"] == data_["start"].isoformat()
    if name == "actors":  # the posts over time, as dynamic values
        wang = back.nodes["actor/wang-yi"]["post"]
        assert isinstance(wang, list) and all(start for _, start, _ in wang)
    check_gexf(data)  # last: it skips, with its reason, where the schema is absent


# ---------------------------------------------------------------------------------- small
def test_the_actors_view_is_undirected_and_reads_back(small: GraphStore) -> None:
    graph = view(small, "actors")
    data = export(graph, "gexf")
    root = gexf(graph)
    assert root.find(f"{GEXF}graph").get("defaultedgetype") == "undirected"
    types = {(e.get("source"), e.get("target"), e.get("kind")): e.get("type")
             for e in root.iter(f"{GEXF}edge")}
    assert types[(ALICE, BOB, "met")] == "undirected"
    assert types[(ALICE, "actor/united-states", "country")] == "undirected"
    assert set(types.values()) == {"undirected"}
    met = next(e for e in root.iter(f"{GEXF}edge") if e.get("kind") == "met"
               and e.get("source") == ALICE)
    assert float(met.get("weight")) == 2.0  # two meetings, one edge
    assert [(s.get("start"), s.get("end")) for s in met.iter(f"{GEXF}spell")] == [
        ("2020-05-01", "2020-05-01"), ("2022-01-01", "2022-01-02")]
    back = nx.read_gexf(io.BytesIO(data))
    assert not back.is_directed()
    assert back.edges[ALICE, BOB]["spells"] == [("2020-05-01", "2020-05-01"),
                                                ("2022-01-01", "2022-01-02")]
    for node, values in graph.nodes(data=True):
        read = back.nodes[node]
        assert read["iri"] == values["iri"] and read["kind"] == values["kind"]
        assert read["meetings"] == values["meetings"]
        assert _values(_node(root, node))["iri"] == values["iri"]


def test_types_are_declared_for_gephi(small: GraphStore) -> None:
    root = gexf(view(small, "full"))
    declared = {(b.get("class"), a.get("id")): a.get("type")
                for b in root.iter(f"{GEXF}attributes") for a in b}
    assert declared[("node", "iri")] == "string"  # not anyURI: Gephi drops those
    assert declared[("node", "dg:start")] == "integer"
    assert declared[("node", "dg:negated")] == "boolean"
    assert declared[("node", "dg:confidence")] == "double"
    assert declared[("node", "dg:startDate")] == "string"  # GEXF 1.3 has no date type
    assert ("node", "dg:text") not in declared


def test_forbidden_characters_are_stripped(small: GraphStore) -> None:
    root = gexf(view(small, "claims"))
    assert _node(root, ALICE).get("label") == "Alice Smith"
    claim = _node(root, "claim/stop-tariffs")
    assert claim.get("label") == "Stop the tariffs"
    assert _values(claim)["statement"] == "Stop the tariffs"


def test_hostile_text_in_any_field_still_validates() -> None:
    nasty = "a\x00b\x0bc\x1fd\ud800e\ufffef\U0001f600 <&>\"' \r\n\tend"
    graph = nx.MultiDiGraph(view="test")
    graph.add_node(f"x{nasty}", iri="https://example.org/x", label=nasty, kind="actor",
                   note=nasty, spells=[(dt.date(2020, 1, 1), None)], start=dt.date(2020, 1, 1))
    graph.add_node("y", iri="https://example.org/y", label="y", kind="topic")
    graph.add_edge(f"x{nasty}", "y", key=nasty, kind=nasty, label=nasty, weight=3,
                   directed=True, note=nasty)
    root = gexf(nx.freeze(graph))
    node = next(root.iter(f"{GEXF}node"))
    assert node.get("label") == "abcdef\U0001f600 <&>\"' end"
    assert _values(node)["note"] == "abcdef\U0001f600 <&>\"' \r\n\tend"
    assert node.get("start") == "2020-01-01" and node.get("end") is None


def test_empty_view_validates(small: GraphStore) -> None:
    graph = view(small, "claims", since="1990-01-01", until="1990-12-31")
    assert graph.number_of_nodes() == 0
    gexf(graph)


# ---------------------------------------------------------------------------------- CLI
@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "store"
    fill(open_store(f"oxigraph:{path}")).close()
    return f"oxigraph:{path}"


def test_cli_exports_a_valid_gexf(store_dir: str, tmp_path: Path) -> None:
    out = tmp_path / "actors.gexf"
    result = CliRunner().invoke(app, ["export", "actors", "--format", "gexf", "-o", str(out),
                                      "--since", "2022-01-01", "--store", store_dir])
    assert result.exit_code == 0, result.output
    root = check_gexf(out.read_bytes())
    assert {n.get("id") for n in root.iter(f"{GEXF}node")} >= {ALICE, BOB, "actor/carol"}
    assert "since 2022-01-01" in root.find(f"{GEXF}meta/{GEXF}description").text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "nothing"], "unknown view"),
        (["export", "actors", "--format", "pdf"], "unknown format"),
        (["export", "actors", "--since", "yesterday"], "since must be a date"),
        (["export", "claims", "--topic", "nope"], "unknown topic"),
    ],
)
def test_cli_refuses_bad_input_and_writes_nothing(
    store_dir: str, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out.gexf"
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--store", store_dir])
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())
    assert not out.exists()
