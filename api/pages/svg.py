"""A server-rendered ego network: the centre in the middle, its neighbours on rings around it.

No JavaScript and no layout library: a radial layout is enough for one node's neighbourhood and
is the same on every request, so the picture is stable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from graph.views import traverse

SIZE = 640
#: Node colours by kind (contrast checked against white text halos).
COLOURS = {
    "actor": "#1f5fa8",
    "meeting": "#b35900",
    "claim": "#8a1c7c",
    "topic": "#2d7a2d",
    "document": "#555555",
    "bundle": "#7a5c00",
    "measure": "#6d3b2e",
    "event": "#b3261e",
}
MAX_NODES = 60


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str
    x: float
    y: float
    colour: str
    href: str


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float


def ego(graph: nx.MultiDiGraph, center: str, depth: int = 1) -> tuple[list[Node], list[Edge]]:
    """Positioned nodes and edges of ``center``'s neighbourhood (at most MAX_NODES nodes)."""
    found = traverse.neighborhood(graph, center, depth) - {center}
    undirected = graph.to_undirected(as_view=True)
    near = sorted(found, key=lambda n: (-undirected.degree(n), n))[: MAX_NODES - 1]
    near.sort(key=lambda n: (graph.nodes[n].get("kind", ""), n))
    positions = {center: (SIZE / 2, SIZE / 2)}
    radius = SIZE / 2 - 60
    for i, node in enumerate(near):
        angle = 2 * math.pi * i / max(len(near), 1)
        ring = radius if i % 2 == 0 or len(near) < 16 else radius * 0.62
        x, y = SIZE / 2 + ring * math.cos(angle), SIZE / 2 + ring * math.sin(angle)
        positions[node] = (round(x, 1), round(y, 1))
    nodes = [_node(graph, n, *positions[n]) for n in [center, *near]]
    edges = [
        Edge(*positions[u], *positions[v])
        for u, v, _, _ in traverse.edge_list(graph, set(positions))
    ]
    return nodes, edges


def _node(graph: nx.MultiDiGraph, node: str, x: float, y: float) -> Node:
    data = graph.nodes[node]
    kind = str(data.get("kind", ""))
    return Node(
        node,
        str(data.get("label") or node),
        kind,
        x,
        y,
        COLOURS.get(kind, "#444444"),
        f"/id/{node}",
    )
