"""The neighbourhood's JSON joined from parts is what the ``Neighborhood`` model makes of it,
whether each node's edges stay inside it (taken whole) or some leave it (taken by target)."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from api.schemas.graph import Neighborhood, NodeRef
from api.services import graph_answers
from graph.views import traverse


def _view() -> nx.MultiDiGraph:
    """A hub with an edge of two kinds to most nodes, and a sparse rest."""
    rng = random.Random(3)
    graph = nx.MultiDiGraph(view="actors")
    names = [f"actor/n{i:03d}" for i in range(300)]
    for node in ["actor/hub", *names]:
        graph.add_node(node, iri=f"https://example.org/{node}", label=node, kind="actor")
    for i, node in enumerate(names):
        if i % 5:
            graph.add_edge("actor/hub", node, key="met", label="met", weight=i % 3 + 1)
            graph.add_edge("actor/hub", node, key="country", label="country", weight=1)
        graph.add_edge(node, rng.choice(names), key="met", label="met", weight=1)
    return nx.freeze(graph)


def _plain(graph: nx.MultiDiGraph, center: str, depth: int, nodes: set[str]) -> dict:
    return json.loads(Neighborhood(
        view="actors", center=NodeRef(**traverse.node_ref(graph, center)), depth=depth,
        truncated=False, nodes=[graph_answers.node_out(graph, n) for n in sorted(nodes)],
        edges=[graph_answers.edge_out(u, v, k, d)
               for u, v, k, d in traverse.edge_list(graph, nodes)],
    ).model_dump_json())  # fmt: skip


@pytest.mark.parametrize("limit", [3, 20, 50, 150, 301])
def test_a_hubs_edges_to_the_nodes_kept_are_those_a_pass_over_all_of_them_finds(limit: int) -> None:
    graph = _view()
    kept = traverse.nearest(graph, "actor/n007", 2, limit)
    assert "actor/hub" in kept.nodes
    body = graph_answers.neighborhood(graph, "actors", "actor/n007", 2, kept.nodes)
    assert json.loads(body) == _plain(graph, "actor/n007", 2, kept.nodes)
    assert kept.truncated == (limit < 301)
