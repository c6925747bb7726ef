"""Graph views: the four projections, their filters, and their cache."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise

import networkx as nx
import pytest
from rdflib import Graph, URIRef

from graph.namespaces import ACTOR, DG, MEETING, graph_iri
from graph.store import GraphStore, open_store
from graph.views.registry import VIEWS, UnknownTopic, ViewError, view
from tests.support.graphdata import ALICE, BOB, CAROL, fill

ANCHORAGE = ["antony-blinken", "jake-sullivan", "yang-jiechi", "wang-yi"]


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def small(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """The small graph on both backends: views must not depend on the engine."""
    store = fill(open_store("oxigraph:" if request.param == "oxigraph" else "memory:"))
    yield store
    store.close()


def _kinds(graph: nx.MultiDiGraph) -> set[str]:
    return {k for *_, k in graph.edges(keys=True)}


# ---------------------------------------------------------------------------------- bundled
@pytest.mark.parametrize("name", VIEWS)
def test_every_node_and_edge_keeps_the_conventions(bundled_store: GraphStore, name: str) -> None:
    graph = view(bundled_store, name)
    assert graph.number_of_nodes() > 10 and graph.number_of_edges() > 10
    for node, data in graph.nodes(data=True):
        assert data["iri"].startswith("https://") and data["label"] and data["kind"], node
        if data.get("spells"):
            assert data["start"] == data["spells"][0][0]
    for u, v, kind, data in graph.edges(keys=True, data=True):
        assert data["kind"] == kind and data["weight"] >= 1, (u, v, kind)
        assert isinstance(data["directed"], bool)
        if "start" in data and "end" in data:
            assert data["start"] <= data["end"]
    # one direction per view (networkx, and so many tools, refuse a mixed graph)
    directions = {d["directed"] for *_, d in graph.edges(data=True)}
    assert directions == {name != "actors"}


def test_actors_of_2021_hold_the_anchorage_participants(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "actors", since="2021-01-01", until="2021-12-31")
    assert {f"actor/{slug}" for slug in ANCHORAGE} <= set(graph)
    assert "actor/qin-gang" not in graph  # met Blinken only in 2023
    met = graph.get_edge_data("actor/antony-blinken", "actor/yang-jiechi", key="met")
    assert met["directed"] is False
    assert "Anchorage" in met["meetings"]
    assert all(dt.date(2021, 1, 1) <= s <= dt.date(2021, 12, 31) for s, _ in met["spells"])
    assert met["weight"] == len(met["meetings"].split(" | "))
    blinken = graph.nodes["actor/antony-blinken"]
    assert blinken["type"] == "person" and blinken["country"] == "United States"
    assert blinken["post"] == "Secretary of State"
    country = graph.get_edge_data("actor/antony-blinken", "actor/united-states", key="country")
    assert country["directed"] is False


def test_posts_held_at_once_share_one_value_at_a_time(bundled_store: GraphStore) -> None:
    wang = view(bundled_store, "actors", until="2021-12-31").nodes["actor/wang-yi"]
    assert wang["post"] == "Minister of Foreign Affairs; State Councilor"
    assert not any("Director of the Office" in titles for titles, *_ in wang["dynamic"]["post"])
    segments = view(bundled_store, "actors").nodes["actor/wang-yi"]["dynamic"]["post"]
    for (_, _, end), (_, start, _) in pairwise(segments):
        assert end is not None and end < start  # no overlap: Gephi keeps one value per time
    assert any("Director of the Office" in titles for titles, *_ in segments)


def test_meetings_view_chains_follow_ups(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "meetings")
    assert {"attended", "side", "followsUp", "partOf"} <= _kinds(graph)
    anchorage = graph.nodes["meeting/2021-03-18-anchorage-dialogue"]
    assert anchorage["kind"] == "meeting" and anchorage["type"] == "strategic dialogue"
    assert anchorage["date"] == dt.date(2021, 3, 18) and anchorage["place"] == "Anchorage"
    for slug in ANCHORAGE:
        assert graph.has_edge(f"actor/{slug}", "meeting/2021-03-18-anchorage-dialogue")
    follow_ups = [(u, v) for u, v, k in graph.edges(keys=True) if k == "followsUp"]
    assert ("meeting/2023-11-15-san-francisco-summit", "meeting/2022-11-14-bali-summit") in (
        follow_ups
    )


def test_claims_view_links_claimant_claim_addressee_topic(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "claims")
    assert {d["kind"] for _, d in graph.nodes(data=True)} == {"actor", "claim", "topic"}
    claims = [(n, d) for n, d in graph.nodes(data=True) if d["kind"] == "claim"]
    assert {d["claim_type"] for _, d in claims} == {"demand", "red line", "commitment", "consensus"}
    for node, _ in claims:
        sources = {graph.nodes[u]["kind"] for u, _, k in graph.in_edges(node, keys=True)
                   if k == "claimant"}
        assert sources == {"actor"}, node
    for u, v, kind in graph.edges(keys=True):
        if kind == "topic":
            assert graph.nodes[u]["kind"] == "claim" and graph.nodes[v]["kind"] == "topic"


def test_claims_view_shows_speech_modes_stances_restatements_and_what_a_claim_is_about(
    bundled_store: GraphStore,
) -> None:
    graph = view(bundled_store, "claims")
    claim = "claim/"
    consensus = graph.nodes[
        claim + "2021-02-11--china-united-states--consensus--manage-differences"
    ]
    assert consensus["affirmed_only_by"] == "China"
    assert consensus["stances"] == "affirms | reports the other side's position"
    assert consensus["speech_modes"] == "summary | translation"
    lift = graph.nodes[claim + "2023-06-19--wang-yi--demand--lift-unilateral-sanctions"]
    assert "Entity List" in lift["objects_to"]
    kinds = {k for _, _, k in graph.edges(keys=True)}
    assert {"reiterates", "same_speech_act"} <= kinds
    assert graph.has_edge(claim + "2023-06-18--qin-gang--red-line--taiwan-core-of-core-interests",
                          claim + "2022-11-14--xi-jinping--red-line--taiwan-first-red-line")


def test_full_view_keeps_literals_as_attributes(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "full")
    assert all(data["iri"].startswith("https://") for _, data in graph.nodes(data=True))
    assert not any("dg:text" in data for _, data in graph.nodes(data=True))
    demand = next(d for _, d in graph.nodes(data=True) if d["kind"] == "claim")
    assert "claim" not in demand["type"].split(" | ")  # no inferred superclass
    assert "dg:statement" in demand and isinstance(demand["dg:date"], dt.date)
    assert "dg:participant" in _kinds(graph)
    assert not any(str(n).startswith("https://w3id.org/diplograph/ontology#") for n in graph)
    evidence = next(d for _, d in graph.nodes(data=True) if d["kind"] == "evidence")
    assert evidence["dg:speechMode"] in {"dg:directQuote", "dg:translation", "dg:reportedSpeech",
                                         "dg:summary"}
    assert evidence["dg:stance"] in {"dg:affirms", "dg:reportsOtherSide"}


def test_topic_filter_keeps_only_claims_on_the_topic(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "claims", topic="taiwan")
    claims = [n for n, d in graph.nodes(data=True) if d["kind"] == "claim"]
    assert claims and len(claims) < len(
        [n for n, d in view(bundled_store, "claims").nodes(data=True) if d["kind"] == "claim"]
    )
    assert all(graph.has_edge(c, "topic/taiwan") for c in claims)


# ---------------------------------------------------------------------------------- small
def test_actors_view_aggregates_meetings_into_weight(small: GraphStore) -> None:
    graph = view(small, "actors")
    met = graph.get_edge_data(ALICE, BOB, key="met")
    assert met["weight"] == 2
    assert met["spells"] == [(dt.date(2020, 5, 1), dt.date(2020, 5, 1)),
                             (dt.date(2022, 1, 1), dt.date(2022, 1, 2))]
    assert (met["start"], met["end"]) == (dt.date(2020, 5, 1), dt.date(2022, 1, 2))
    assert graph.get_edge_data("actor/china", "actor/united-states", key="met")["weight"] == 2
    alice = graph.nodes[ALICE]
    assert alice["post"] == "Envoy"  # the latest post held
    assert alice["dynamic"]["post"] == [
        ("Secretary", dt.date(2019, 1, 1), dt.date(2021, 6, 30)),
        ("Envoy", dt.date(2021, 7, 1), None),
    ]


@pytest.mark.parametrize(
    ("since", "until", "present", "absent"),
    [
        ("2020-01-01", "2020-12-31", {ALICE, BOB}, {CAROL}),
        ("2022-02-01", None, {CAROL}, {ALICE, BOB}),
        (None, "2019-12-31", set(), {ALICE, BOB, CAROL}),
    ],
)
def test_date_filters(small: GraphStore, since, until, present, absent) -> None:
    graph = view(small, "actors", since=since, until=until)
    assert present <= set(graph) and not absent & set(graph)


def test_topic_filter_includes_narrower_topics(small: GraphStore) -> None:
    claims = view(small, "claims", topic="trade")
    assert {n for n, d in claims.nodes(data=True) if d["kind"] == "claim"} == {
        "claim/stop-tariffs"
    }
    meetings = view(small, "meetings", topic="https://w3id.org/diplograph/id/topic/trade")
    assert {n for n, d in meetings.nodes(data=True) if d["kind"] == "meeting"} == {
        "meeting/second-call"
    }


def test_full_view_filters_dated_resources_and_their_evidence(small: GraphStore) -> None:
    everything = view(small, "full")
    assert "evidence/stop-tariffs-1" in everything and "doc:text" not in str(everything.nodes)
    assert everything.nodes["evidence/stop-tariffs-1"]["dg:start"] == 10
    assert everything.nodes["claim/stop-tariffs"]["dg:negated"] is False
    assert everything.nodes["claim/stop-tariffs"]["dg:confidence"] == 0.75
    assert everything.nodes["document/readout"]["label"] == "Readout"
    early = view(small, "full", until="2021-01-01")
    assert "claim/stop-tariffs" not in early and "evidence/stop-tariffs-1" not in early
    assert "meeting/second-call" not in early and "claim/cut-emissions" in early
    assert ALICE in early  # undated resources stay


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "everything"}, "unknown view"),
        ({"since": "2022-13-01"}, "since must be a date"),
        ({"topic": "nothing-like-it"}, "unknown topic"),
        ({"topic": '"} UNION { ?s ?p ?o } #'}, "unknown topic"),
    ],
)
def test_bad_names_and_filters_are_refused(small: GraphStore, kwargs, message) -> None:
    wanted = dict(kwargs)
    name = wanted.pop("name", "actors")
    with pytest.raises(ViewError, match=message):
        view(small, name, **wanted)


def test_unknown_topic_is_a_lookup_error(small: GraphStore) -> None:
    with pytest.raises(UnknownTopic, match="unknown topic 'nothing'; topics include climate"):
        view(small, "claims", topic="nothing")


@pytest.mark.parametrize("name", VIEWS)
def test_an_inverted_window_holds_nothing(small: GraphStore, name: str) -> None:
    # Anchorage-like: the second call spans 1-2 January; since 2 Jan, until 1 Jan matches none.
    graph = view(small, name, since="2022-01-02", until="2022-01-01")
    assert graph.number_of_nodes() == 0 and graph.graph["view"] == name


def test_views_are_cached_and_rebuilt_after_a_write(tmp_path) -> None:
    store = fill(open_store(f"oxigraph:{tmp_path / 'db'}"))
    first = view(store, "actors")
    assert view(store, "actors") is first
    assert view(store, "actors", since="2021-01-01") is not first
    with pytest.raises(nx.NetworkXError):
        first.add_node("x")  # cached graphs are frozen
    assert not first.has_edge(ALICE, CAROL)
    extra = Graph()
    extra.add((URIRef(MEETING["second-call"]), DG.participant, URIRef(ACTOR["carol"])))
    store.replace_graphs({graph_iri("file", "extra"): extra})
    rebuilt = view(store, "actors")
    assert rebuilt is not first and rebuilt.has_edge(ALICE, CAROL, key="met")
    assert view(store, "actors") is rebuilt
    store.close()


def test_a_renamed_actor_shows_its_new_name_in_the_next_view(tmp_path) -> None:
    """The display names are kept between views until the store changes."""
    from rdflib import Literal
    from rdflib.namespace import RDFS

    store = fill(open_store(f"oxigraph:{tmp_path / 'db'}"))
    old = view(store, "actors").nodes[ALICE]["label"]
    assert view(store, "claims", since="2000-01-01") is not None  # a second view: names kept
    names = Graph()
    names.add((URIRef(ACTOR["alice"]), RDFS.label, Literal("Al renamed", lang="en")))
    store.replace_graphs({graph_iri("file", "names"): names})
    assert old != "Al renamed"  # sorts first among her English names
    labels = {view(store, name).nodes[ALICE]["label"] for name in ("actors", "full")}
    assert labels == {"Al renamed"}
    store.close()
