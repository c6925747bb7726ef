"""Traversal of views: ids, neighbourhoods, shortest paths, centrality and communities."""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import pairwise

import networkx as nx
import pytest

from graph.namespaces import ID_BASE
from graph.store import GraphStore, open_store
from graph.views import traverse
from graph.views.registry import view
from tests.support.graphdata import ALICE, BOB, CAROL, fill

ANCHORAGE = "meeting/2021-03-18-anchorage-dialogue"


@pytest.fixture(scope="module")
def small() -> Iterator[GraphStore]:
    store = fill(open_store("oxigraph:"))
    yield store
    store.close()


def test_blinken_reaches_yang_through_anchorage(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "meetings")
    source = traverse.resolve(graph, "antony-blinken")
    target = traverse.resolve(graph, "https://w3id.org/diplograph/id/actor/yang-jiechi")
    steps = traverse.shortest_path(graph, source, target)
    assert [(s.source, s.kind, s.target) for s in steps] == [
        ("actor/antony-blinken", "attended", ANCHORAGE),
        (ANCHORAGE, "attended", "actor/yang-jiechi"),
    ]
    assert [s.direction for s in steps] == ["forward", "backward"]


def test_paths_exist_in_every_bundled_view(bundled_store: GraphStore) -> None:
    for name in ("actors", "claims", "full"):
        graph = view(bundled_store, name)
        steps = traverse.shortest_path(graph, "actor/antony-blinken", "actor/yang-jiechi")
        assert steps[0].source == "actor/antony-blinken"
        assert steps[-1].target == "actor/yang-jiechi"
        assert all(a.target == b.source for a, b in pairwise(steps))


@pytest.mark.parametrize(
    "ident",
    ["alice", "actor/alice", "actor:alice", f"{ID_BASE}actor/alice", " alice "],
)
def test_ids_resolve_in_every_spelling(small: GraphStore, ident: str) -> None:
    assert traverse.resolve(view(small, "actors"), ident) == ALICE


@pytest.mark.parametrize("ident", ["nobody", "actor/nobody", "https://example.org/alice", ""])
def test_unknown_ids_are_not_found(small: GraphStore, ident: str) -> None:
    with pytest.raises(traverse.NodeNotFound, match="no node"):
        traverse.resolve(view(small, "actors"), ident)


def test_a_slug_shared_by_two_kinds_is_ambiguous(small: GraphStore) -> None:
    graph = view(small, "full")
    assert "post/secretary" in graph
    twin = nx.MultiDiGraph(graph)
    twin.add_node("topic/secretary", iri="x", label="x", kind="topic")
    with pytest.raises(traverse.AmbiguousNode, match="post/secretary, topic/secretary"):
        traverse.resolve(twin, "secretary")


def test_neighbourhood_grows_with_depth(small: GraphStore) -> None:
    graph = view(small, "meetings")
    one = traverse.neighborhood(graph, ALICE, 1)
    two = traverse.neighborhood(graph, ALICE, 2)
    assert one == {ALICE, "meeting/first-talks", "meeting/second-call"}
    assert one < two and {BOB, "actor/china"} <= two and CAROL not in two
    with pytest.raises(ValueError, match="depth"):
        traverse.neighborhood(graph, ALICE, 4)


def _rings() -> nx.MultiDiGraph:
    """c; a and b one step out; x (linked to a, b and z) and y (to a only) two steps; z three."""
    graph = nx.MultiDiGraph()
    for u, v in [("c", "a"), ("b", "c"), ("a", "x"), ("x", "b"), ("a", "y"), ("z", "x")]:
        graph.add_edge(u, v, key="met")
    return graph


@pytest.mark.parametrize(
    ("depth", "limit", "kept", "truncated"),
    [
        (2, 10, {"c", "a", "b", "x", "y"}, False),
        (2, 5, {"c", "a", "b", "x", "y"}, False),  # fits exactly; the third ring was not asked
        (3, 5, {"c", "a", "b", "x", "y"}, True),  # z left out
        (2, 4, {"c", "a", "b", "x"}, True),  # x has three neighbours, y one
        (2, 3, {"c", "a", "b"}, True),
        (2, 2, {"c", "a"}, True),  # a has three neighbours, b two
        (1, 3, {"c", "a", "b"}, False),
        (1, 1, {"c"}, True),
    ],
)
def test_nearest_keeps_whole_rings_then_the_best_connected(
    depth: int, limit: int, kept: set[str], truncated: bool
) -> None:
    assert traverse.nearest(_rings(), "c", depth, limit) == traverse.Nearest(kept, truncated)


def test_nearest_breaks_ties_by_id_and_checks_its_arguments() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edges_from([("c", "q"), ("c", "p"), ("c", "r")])
    assert traverse.nearest(graph, "c", 1, 3).nodes == {"c", "p", "q"}
    with pytest.raises(ValueError, match="limit"):
        traverse.nearest(graph, "c", 1, 0)
    with pytest.raises(ValueError, match="depth"):
        traverse.nearest(graph, "c", 4, 10)
    with pytest.raises(nx.NodeNotFound):
        traverse.nearest(graph, "nobody", 1, 10)


def _by_links(graph: nx.MultiDiGraph, nodes: set[str], count: int) -> list[str]:
    """``best_connected`` written plainly: links out plus links in, most first, ties by id."""
    return sorted(nodes, key=lambda v: (-(len(graph.succ[v]) + len(graph.pred[v])), v))[:count]


@pytest.mark.parametrize("frozen", [True, False])
def test_the_best_connected_are_picked_alike_from_few_nodes_and_from_most_of_the_view(
    frozen: bool,
) -> None:
    """Few nodes are sorted, many picked from the view's whole order: the same answer both
    ways, on a view with many ties (the sets cover both sides of ``_SORT_BELOW``)."""
    rng = random.Random(5)
    graph = nx.MultiDiGraph()
    for _ in range(1500):
        graph.add_edge(f"n{rng.randrange(400):03d}", f"n{rng.randrange(400):03d}", key="met")
    if frozen:
        nx.freeze(graph)
    names = sorted(graph)
    for size in (1, 3, 8, 12, 13, 40, 200, len(names)):
        nodes = set(rng.sample(names, size))
        for count in {1, size // 2 or 1, size}:
            assert traverse.best_connected(graph, nodes, count) == \
                _by_links(graph, nodes, count), (size, count)  # fmt: skip


def test_nearest_without_a_binding_cap_is_the_neighbourhood(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "actors")
    for depth in (1, 2, 3):
        whole = traverse.neighborhood(graph, "actor/antony-blinken", depth)
        assert traverse.nearest(graph, "actor/antony-blinken", depth, len(whole)) == \
            traverse.Nearest(whole, False)  # fmt: skip
        cut = traverse.nearest(graph, "actor/antony-blinken", depth, len(whole) - 1)
        assert cut.truncated and len(cut.nodes) == len(whole) - 1 and cut.nodes < whole


def test_no_path_between_components(small: GraphStore) -> None:
    graph = view(small, "meetings")
    with pytest.raises(traverse.NoPath, match="no path from actor/alice to actor/carol"):
        traverse.shortest_path(graph, ALICE, CAROL)


def test_path_steps_report_the_fact_followed(small: GraphStore) -> None:
    graph = view(small, "actors")
    (step,) = traverse.shortest_path(graph, BOB, ALICE)
    assert (step.kind, step.direction, step.label) == ("met", "undirected", "met")
    steps = traverse.shortest_path(graph, ALICE, "actor/united-states")
    assert [(s.kind, s.direction) for s in steps] == [("country", "undirected")]


@pytest.mark.parametrize("metric", traverse.METRICS)
def test_centrality_ranks_every_node(small: GraphStore, metric: str) -> None:
    graph = view(small, "meetings")
    ranked = traverse.centrality(graph, metric)
    assert {n for n, _ in ranked} == set(graph)
    scores = [s for _, s in ranked]
    assert scores == sorted(scores, reverse=True)
    assert ranked[0][1] > ranked[-1][1]


def test_degree_centrality_finds_the_hubs(bundled_store: GraphStore) -> None:
    top = [n for n, _ in traverse.centrality(view(bundled_store, "actors"), "degree")[:5]]
    assert "actor/antony-blinken" in top or "actor/wang-yi" in top
    with pytest.raises(ValueError, match="unknown metric"):
        traverse.centrality(view(bundled_store, "actors"), "closeness")


def test_communities_partition_the_view_deterministically(bundled_store: GraphStore) -> None:
    graph = view(bundled_store, "meetings")
    partition = traverse.communities(graph)
    members = [n for group in partition.communities for n in group]
    assert sorted(members) == sorted(graph) and len(members) == len(set(members))
    sizes = [len(g) for g in partition.communities]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) > 1
    assert 0 < partition.modularity < 1
    again = traverse.communities(nx.MultiDiGraph(graph))  # a new object: computed afresh
    assert again.communities == partition.communities
