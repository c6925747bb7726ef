"""Walking a view: neighbourhoods, shortest paths, centrality and communities.

Traversal ignores edge direction (a claimant and an addressee are both *connected* to the
claim); steps still report the direction of the fact they follow. Results are deterministic:
ties are broken by id, and Louvain runs with a fixed seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from graph.cache import FrozenCache
from graph.namespaces import ID_BASE, KINDS

METRICS = ("degree", "betweenness", "pagerank")
MAX_DEPTH = 3
SEED = 42
_MAX_TIED_PATHS = 500


class NodeNotFound(LookupError):
    """An id that names no node of the view."""


class AmbiguousNode(ValueError):
    """A bare slug that several kinds of node share."""


class NoPath(LookupError):
    """Two nodes of the view that no chain of edges joins."""


# ---------------------------------------------------------------------------------- ids
def resolve(graph: nx.MultiDiGraph, ident: str) -> str:
    """The node an id names: ``kind/slug``, ``kind:slug``, a full IRI or a bare slug."""
    text = ident.strip()
    if text in graph:
        return text
    if text.startswith(ID_BASE) and text[len(ID_BASE):] in graph:
        return text[len(ID_BASE):]
    kind, sep, slug = text.partition(":")
    if sep and kind in KINDS and f"{kind}/{slug}" in graph:
        return f"{kind}/{slug}"
    if text.startswith(("http://", "https://")):
        found = [n for n, iri in graph.nodes(data="iri") if iri == text]
        if found:
            return str(found[0])
    if "/" not in text:
        found = sorted(n for n in graph if str(n).endswith(f"/{text}") and str(n).count("/") == 1)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousNode(
                f"{text!r} names several nodes ({', '.join(found)}); give one as kind/slug"
            )
    raise NodeNotFound(f"no node {text[:120]!r} in the {graph.graph.get('view', '')} view")


# ---------------------------------------------------------------------------------- shapes
def node_ref(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = graph.nodes[node]
    return {"id": node, "label": data["label"], "kind": data["kind"]}


def edge_list(graph: nx.MultiDiGraph, nodes: set[str]) -> list[tuple[str, str, str, dict]]:
    """The edges among ``nodes``, in a stable order."""
    edges = graph.edges(keys=True, data=True)
    return sorted((u, v, k, d) for u, v, k, d in edges if u in nodes and v in nodes)


# ---------------------------------------------------------------------------------- walking
def neighborhood(graph: nx.MultiDiGraph, node: str, depth: int = 1) -> set[str]:
    """The nodes at most ``depth`` steps from ``node``, whatever the edges' direction."""
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}")
    lengths = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), node, depth)
    return set(lengths)


@dataclass(frozen=True)
class Step:
    source: str
    target: str
    kind: str
    label: str
    #: ``forward`` when the fact points from source to target, ``backward`` when it points the
    #: other way, ``undirected`` for symmetric facts (met).
    direction: str


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[Step]:
    """A shortest chain from source to target; among equally short ones, the one through the
    best-connected intermediate nodes (Blinken - Anchorage - Yang, not a lone phone call)."""
    undirected = graph.to_undirected(as_view=True)
    try:
        tied = list(islice(nx.all_shortest_paths(undirected, source, target), _MAX_TIED_PATHS))
    except nx.NetworkXNoPath:
        raise NoPath(
            f"no path from {source} to {target} in the {graph.graph.get('view', '')} view"
        ) from None
    best = min(tied, key=lambda path: (-sum(undirected.degree(n) for n in path[1:-1]), path))
    return [_step(graph, u, v) for u, v in pairwise(best)]


def _step(graph: nx.MultiDiGraph, u: str, v: str) -> Step:
    """The fact joining two adjacent nodes (the heaviest kind when several do)."""
    options = [(d["weight"], k, d, "forward") for k, d in graph[u].get(v, {}).items()]
    options += [(d["weight"], k, d, "backward") for k, d in graph[v].get(u, {}).items()]
    _, kind, data, direction = max(options, key=lambda o: (o[0], o[3] == "forward", o[1]))
    if not data.get("directed", True):
        direction = "undirected"
    return Step(u, v, kind, str(data.get("label", kind)), direction)


# ---------------------------------------------------------------------------------- measures
#: Measures by name, per (frozen, cached) view graph.
_MEASURES: FrozenCache[str, Any] = FrozenCache()


def simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph under a view, parallel facts summed into one weight."""
    flat: nx.Graph[str] = nx.Graph()
    flat.add_nodes_from(graph.nodes)
    for u, v, weight in graph.edges(data="weight", default=1):
        if u == v:
            continue
        previous = flat.get_edge_data(u, v, default={}).get("weight", 0)
        flat.add_edge(u, v, weight=previous + weight)
    return flat


def _memo(graph: nx.MultiDiGraph, name: str, compute: Any) -> Any:
    """A measure computed once per (frozen, cached) view graph."""
    return _MEASURES.get(graph, name, compute)


def centrality(graph: nx.MultiDiGraph, metric: str = "degree") -> list[tuple[str, float]]:
    """Nodes ranked by a centrality, highest first (ties by id).

    ``degree`` and ``betweenness`` count links, not their weight; ``pagerank`` weighs them.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {', '.join(METRICS)}")

    def compute() -> list[tuple[str, float]]:
        flat = simple(graph)
        if metric == "degree":
            scores = nx.degree_centrality(flat) if len(flat) > 1 else dict.fromkeys(flat, 0.0)
        elif metric == "betweenness":
            scores = nx.betweenness_centrality(flat)
        else:
            scores = nx.pagerank(flat, weight="weight") if len(flat) else {}
        return sorted(((str(n), float(s)) for n, s in scores.items()), key=lambda x: (-x[1], x[0]))

    return list(_memo(graph, f"centrality:{metric}", compute))


@dataclass(frozen=True)
class Partition:
    communities: list[list[str]]
    modularity: float


def communities(graph: nx.MultiDiGraph, seed: int = SEED) -> Partition:
    """Louvain communities of the weighted undirected graph, largest first, fixed seed."""

    def compute() -> Partition:
        flat = simple(graph)
        if flat.number_of_edges() == 0:
            return Partition(sorted(([str(n)] for n in flat), key=lambda c: c[0]), 0.0)
        groups = nx.community.louvain_communities(flat, weight="weight", seed=seed)
        ordered = sorted((sorted(map(str, g)) for g in groups), key=lambda c: (-len(c), c[0]))
        score = nx.community.modularity(flat, groups, weight="weight")
        return Partition(ordered, 0.0 if math.isnan(score) else float(score))

    return _memo(graph, f"communities:{seed}", compute)
