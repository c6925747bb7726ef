"""Walking a view: neighbourhoods, shortest paths, centrality and communities.

Traversal ignores edge direction (a claimant and an addressee are both *connected* to the
claim); steps still report the direction of the fact they follow. Results are deterministic:
ties are broken by id, and Louvain runs with a fixed seed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from graph.cache import FrozenCache
from graph.namespaces import ID_BASE, KINDS

METRICS = ("degree", "betweenness", "pagerank")
MAX_DEPTH = 3
#: Nodes a neighbourhood answer holds unless the request asks for another number (``nearest``),
#: and the most it may ask for. At depth 2 a neighbourhood reaches a hub (a state) and with it
#: most of the view: 1,400 nodes at a million triples, some 10 MB of JSON at ten million.
#: The exports give a whole view.
NEIGHBOURS_DEFAULT = 500
NEIGHBOURS_MAX = 10_000
SEED = 42


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
    names = _names(graph)
    if text.startswith(("http://", "https://")) and text in names.by_iri:
        return names.by_iri[text]
    if "/" not in text:
        found = names.by_slug.get(text, [])
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousNode(
                f"{text!r} names several nodes ({', '.join(found)}); give one as kind/slug"
            )
    raise NodeNotFound(f"no node {text[:120]!r} in the {graph.graph.get('view', '')} view")


@dataclass(frozen=True)
class _Names:
    """The other ways a request names a node: its IRI, and a bare slug (for ``kind/slug`` ids)."""

    by_iri: dict[str, str]
    by_slug: dict[str, list[str]]


def _names(graph: nx.MultiDiGraph) -> _Names:
    """The names of a view's nodes, indexed once per frozen view (a scan of every node per
    request was most of a lookup by slug or IRI on a large view)."""

    def compute() -> _Names:
        by_iri: dict[str, str] = {}
        for node, iri in graph.nodes(data="iri"):
            if isinstance(iri, str):
                by_iri.setdefault(iri, str(node))  # the first node in view order, as a scan found
        by_slug: dict[str, list[str]] = defaultdict(list)
        for node in map(str, graph):
            _kind, sep, slug = node.partition("/")
            if sep and "/" not in slug:
                by_slug[slug].append(node)
        return _Names(by_iri, {slug: sorted(nodes) for slug, nodes in by_slug.items()})

    return _memo(graph, "names", compute) if nx.is_frozen(graph) else compute()


# ---------------------------------------------------------------------------------- shapes
def node_ref(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = graph.nodes[node]
    return {"id": node, "label": data["label"], "kind": data["kind"]}


def edge_list(graph: nx.MultiDiGraph, nodes: set[str]) -> list[tuple[str, str, str, dict]]:
    """The edges among ``nodes``, in a stable order (by source, target and kind): read from
    the nodes' own adjacency, not by a pass over every edge of the view."""
    succ = _adjacency(graph)[0]
    return sorted(
        (u, v, k, d)
        for u in nodes
        for v, keyed in succ[u].items()
        if v in nodes
        for k, d in keyed.items()
    )


def _adjacency(graph: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[str, Any]]:
    """The successors and predecessors of every node, as networkx keeps them: walking them
    directly is several times faster than through its undirected view."""
    return graph._succ, graph._pred  # type: ignore[attr-defined]  # private adjacency; not in the stubs


# ---------------------------------------------------------------------------------- walking
def neighborhood(graph: nx.MultiDiGraph, node: str, depth: int = 1) -> set[str]:
    """The nodes at most ``depth`` steps from ``node``, whatever the edges' direction: a
    breadth-first search that stops at ``depth`` (``nearest`` without a cap)."""
    return nearest(graph, node, depth, max(len(graph), 1)).nodes


@dataclass(frozen=True)
class Nearest:
    """The nodes of a neighbourhood kept under a cap, and whether the cap left some out."""

    nodes: set[str]
    truncated: bool


def nearest(graph: nx.MultiDiGraph, node: str, depth: int, limit: int) -> Nearest:
    """The nodes at most ``depth`` steps from ``node``, at most ``limit`` of them, nearest
    first: whole rings while they fit, then of the ring that does not fit its best-connected
    nodes (the most links out plus links in, to distinct nodes; ties by id). Without the cap,
    ``neighborhood``.

    Rings are gathered by set operations and a cut ring is ranked by ``ranked`` (at depth 2 a
    ring holds most of a view: 8,600 nodes at ten million triples, which a sort keyed in Python
    took 3 ms to order)."""
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}")
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if node not in graph:
        raise nx.NodeNotFound(f"Source {node} is not in G")
    succ, pred = _adjacency(graph)
    seen: set[str] = {node}
    frontier: set[str] = {node}
    for _ in range(depth):
        ring: set[str] = set()
        for u in frontier:
            ring.update(succ[u])
            ring.update(pred[u])
        ring -= seen
        if not ring:
            break
        room = limit - len(seen)
        if len(ring) > room:
            seen.update(best_connected(graph, ring, room))
            return Nearest(seen, True)
        seen |= ring
        frontier = ring
    return Nearest(seen, False)


def best_connected(graph: nx.MultiDiGraph, nodes: set[str], count: int) -> list[str]:
    """The ``count`` best-connected of ``nodes`` (``nearest``'s order). A large share of the
    view is picked from the view's whole order, which C walks until it has them; a small one
    is sorted."""
    order, place = ranked(graph)
    if len(nodes) * _SORT_BELOW < len(order):
        return sorted(nodes, key=place.__getitem__)[:count]
    return list(islice(filter(nodes.__contains__, order), count))


#: ``best_connected`` sorts the nodes it picks from when they are under 1/32 of the view.
_SORT_BELOW = 32


def ranked(graph: nx.MultiDiGraph) -> tuple[list[str], dict[str, int]]:
    """Every node of the view, best-connected first (links out plus links in, to distinct
    nodes; ties by id), and each node's place in that order; kept per frozen view."""

    def compute() -> tuple[list[str], dict[str, int]]:
        links = _links(graph)
        order = sorted(sorted(links), key=links.__getitem__, reverse=True)  # stable: ids in ties
        return order, {v: i for i, v in enumerate(order)}

    return _memo(graph, "ranked", compute) if nx.is_frozen(graph) else compute()


def _links(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each node's links out plus links in, to distinct nodes; kept per frozen view."""
    succ, pred = _adjacency(graph)

    def compute() -> dict[str, int]:
        return {v: len(succ[v]) + len(pred[v]) for v in graph}

    return _memo(graph, "links", compute) if nx.is_frozen(graph) else compute()


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
    best-connected intermediate nodes (Blinken - Anchorage - Yang, not a lone phone call),
    then the first by node ids.

    Breadth-first searches from both ends meet in the middle (a hub's thousand neighbours are
    walked only when a shortest chain passes through it); the best chain is then read off the
    shortest-path DAG by dynamic programming over (undirected) degrees, so no tied chain is
    listed."""
    nexts = _shortest_dag(graph, source, target)
    if nexts is None:
        raise NoPath(f"no path from {source} to {target} in the {graph.graph.get('view', '')} view")
    degree = _degrees(graph)
    best: dict[str, int] = {target: 0}  # the highest score of the rest of a chain from a node
    for node in reversed(nexts):  # a node comes after every node it leads to
        if node != target:
            best[node] = max(_gain(w, target, degree) + best[w] for w in nexts[node])
    chain_, node = [source], source
    while node != target:
        node = min(w for w in nexts[node] if _gain(w, target, degree) + best[w] == best[node])
        chain_.append(node)
    return [_step(graph, u, v) for u, v in pairwise(chain_)]


def _gain(node: str, target: str, degree: Any) -> int:
    """What a node adds to a chain's score: its degree, unless it ends the chain."""
    return 0 if node == target else int(degree(node))


def _shortest_dag(graph: nx.MultiDiGraph, source: str, target: str) -> dict[str, list[str]] | None:
    """The nodes on shortest paths from ``source`` to ``target``, each with the next nodes it
    leads to along them, in order of distance from the source; None when no path joins them.

    Each round expands a whole layer of the side whose frontier has fewer links. The first
    layer to reach a node seen from the other side puts every meeting node at the same
    distances from both ends (a shorter meeting would have been found a round earlier), so
    shortest paths are a shortest path to a meeting node and one from it."""
    for node in (source, target):
        if node not in graph:
            raise nx.NodeNotFound(f"Node {node} not in G")
    succ, pred = _adjacency(graph)
    links = _links(graph)
    ends = (_Side(source, succ, pred, links), _Side(target, succ, pred, links))
    meeting = {source} if source == target else set()
    while not meeting:
        i = 0 if ends[0].cost <= ends[1].cost else 1
        ring = ends[i].expand()
        if not ring:
            return None
        meeting = ring & ends[1 - i].depth.keys()
    back, ahead = ends
    nexts: dict[str, list[str]] = {}
    # from the meeting nodes back to the source: each node's links one layer nearer to it
    levels: list[dict[str, set[str]]] = []  # per level, each node's links one layer nearer
    level, found = sorted(meeting), set(meeting)
    while level:
        nearer = {v: back.parents(v) for v in level}
        levels.append(nearer)
        up = set().union(*nearer.values()) - found
        found |= up
        level = sorted(up)
    for nearer in reversed(levels):  # the source first, then by distance
        for v, parents in nearer.items():
            nexts.setdefault(v, [])
            for u in parents:
                nexts[u].append(v)
    # from the meeting nodes on to the target: every link toward it is on a shortest path
    level, found = sorted(meeting), set(meeting)
    while level:
        down: set[str] = set()
        for v in level:
            toward = ahead.parents(v)
            nexts[v] = sorted(toward)
            down |= toward
        down -= found
        found |= down
        level = sorted(down)
    return nexts


class _Side:
    """One end of a two-ended breadth-first search: its layers and each node's distance, found
    by set operations (a layer through a hub holds thousands of nodes)."""

    def __init__(self, start: str, succ: dict[str, Any], pred: dict[str, Any],
                 links: dict[str, int]) -> None:  # fmt: skip
        self.succ, self.pred, self.links = succ, pred, links
        self.layers: list[set[str]] = [{start}]
        self.depth: dict[str, int] = {start: 0}
        self.cost = links[start]

    def expand(self) -> set[str]:
        """The next layer (empty when there is none), and the links out of it."""
        ring: set[str] = set()
        for u in self.layers[-1]:
            ring.update(self.succ[u])
            ring.update(self.pred[u])
        ring.difference_update(self.depth)
        self.depth.update(dict.fromkeys(ring, len(self.layers)))
        self.layers.append(ring)
        self.cost = sum(map(self.links.__getitem__, ring))
        return ring

    def parents(self, node: str) -> set[str]:
        """The linked nodes one layer nearer this end."""
        nearer = self.depth[node] - 1
        if nearer < 0:
            return set()
        layer = self.layers[nearer]  # a view's keys and a set meet over the smaller of them
        return (self.succ[node].keys() & layer) | (self.pred[node].keys() & layer)


def _degrees(graph: nx.MultiDiGraph) -> Any:
    """A node's degree in the undirected view (a fact both ways with one kind counts once,
    a loop twice), as networkx counts it; kept per frozen view."""
    succ, pred = _adjacency(graph)

    def degree(node: str) -> int:
        out, into = succ[node], pred[node]
        total = 0
        for v in out.keys() | into.keys():
            links = len(out.get(v, {}).keys() | into.get(v, {}).keys())
            total += 2 * links if v == node else links
        return total

    if not nx.is_frozen(graph):
        return degree
    known: dict[str, int] = _memo(graph, "degrees", dict)

    def kept(node: str) -> int:
        value = known.get(node)
        if value is None:
            value = known[node] = degree(node)
        return value

    return kept


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
_MEASURES: FrozenCache[str, Any] = FrozenCache(name="view_measures")


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
