"""A neighbourhood's answer as JSON bytes, joined from each node's and edge's JSON made once
per view.

At depth 2 a neighbourhood reaches a hub (a state) and with it most of the actors view: 1,400
nodes and 2,500 edges at a million triples. Making a pydantic model of each and serializing the
lot was nearly all of a first request's time, the same work for the same nodes request after
request. A frozen view never changes, so each node's and each edge's JSON is made once for it
(on first use, or for the whole view when it is warmed at start) and kept as long as the view;
an answer is those parts joined, byte for byte what FastAPI makes of the ``Neighborhood``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx

from api.schemas.graph import EdgeOut, Neighborhood, NodeOut, NodeRef, Scalar
from graph.cache import FrozenCache
from graph.views import registry as views
from graph.views import traverse

_NODE_FIXED = {"iri", "label", "kind", "start", "end"}
_EDGE_FIXED = {"kind", "label", "weight", "directed", "start", "end"}


def _extra(data: dict[str, Any], fixed: set[str]) -> dict[str, Scalar]:
    return {
        k: (v.isoformat() if isinstance(v, dt.date) else v)
        for k, v in data.items()
        if k not in fixed and isinstance(v, str | int | float | bool | dt.date)
    }


def node_out(graph: nx.MultiDiGraph, node: str) -> NodeOut:
    data = graph.nodes[node]
    return NodeOut(
        **traverse.node_ref(graph, node),
        iri=data["iri"],
        start=data.get("start"),
        end=data.get("end"),
        attributes=_extra(data, _NODE_FIXED),
    )


def edge_out(u: str, v: str, kind: str, data: dict[str, Any]) -> EdgeOut:
    return EdgeOut(
        source=u,
        target=v,
        kind=kind,
        label=str(data.get("label", kind)),
        weight=int(data.get("weight", 1)),
        directed=bool(data.get("directed", True)),
        start=data.get("start"),
        end=data.get("end"),
        attributes=_extra(data, _EDGE_FIXED),
    )


class Parts:
    """The JSON of a view's nodes, and of the edges out of each node in (target, kind) order,
    made on first use. Threads may make the same part twice; both make the same bytes.

    ``seed``: the parts of the view this one replaced after a write: a node whose data, or
    whose edges out, are the same in both takes its JSON from there rather than making it."""

    def __init__(self, graph: nx.MultiDiGraph, seed: Parts | None = None) -> None:
        self.graph = graph
        self.seed = seed
        self._nodes: dict[str, bytes] = {}
        self._out: dict[str, list[tuple[str, bytes]]] = {}
        self._joined: dict[str, tuple[frozenset[str], bytes]] = {}
        self._by_target: dict[str, dict[str, bytes]] = {}

    def node(self, node: str) -> bytes:
        part = self._nodes.get(node)
        if part is None:
            seed = self.seed
            if seed is not None and node in seed._nodes and \
                    seed.graph.nodes[node] == self.graph.nodes[node]:  # fmt: skip
                part = self._nodes[node] = seed._nodes[node]
            else:
                part = self._nodes[node] = node_out(self.graph, node).model_dump_json().encode()
        return part

    def edges_from(self, node: str) -> list[tuple[str, bytes]]:
        """(target, JSON) of each edge out of ``node``, by target and kind."""
        parts = self._out.get(node)
        seed = self.seed
        if parts is None and seed is not None and node in seed._out and \
                seed.graph.succ[node] == self.graph.succ[node]:  # fmt: skip
            parts = self._out[node] = seed._out[node]
        if parts is None:
            keyed = self.graph.succ[node]
            ordered = sorted(((v, k) for v, edges in keyed.items() for k in edges))
            parts = self._out[node] = [
                (v, edge_out(node, v, k, keyed[v][k]).model_dump_json().encode())
                for v, k in ordered
            ]
        return parts

    def joined_from(self, node: str) -> tuple[frozenset[str], bytes]:
        """The targets of the edges out of ``node``, and those edges' JSON joined by commas:
        a neighbourhood holding every target takes them in one piece (at depth 2 most nodes'
        edges stay inside it, and there are tens of thousands of them at 10M triples)."""
        joined = self._joined.get(node)
        if joined is None:
            parts = self.edges_from(node)
            joined = self._joined[node] = (frozenset(v for v, _ in parts),
                                           b",".join(part for _, part in parts))  # fmt: skip
        return joined

    def by_target(self, node: str) -> dict[str, bytes]:
        """The JSON of the edges out of ``node`` to each target, joined by commas: a node whose
        edges leave a neighbourhood adds those to the nodes kept, looked up by them (a set
        intersection in C) rather than found among all of its edges (a hub, a state, has
        thousands; the best-connected nodes a cut neighbourhood keeps, hundreds each)."""
        found = self._by_target.get(node)
        if found is not None:
            return found
        parts, seed = self.edges_from(node), self.seed
        if seed is not None and node in seed._by_target and parts is seed._out.get(node):
            found = seed._by_target[node]  # the same edges as in the view this one replaced
        else:
            grouped: dict[str, list[bytes]] = {}
            for v, part in parts:
                grouped.setdefault(v, []).append(part)
            found = {v: b",".join(p) for v, p in grouped.items()}
        self._by_target[node] = found
        return found

    def fill(self) -> None:
        """Make every part now (a view warmed at start answers its first requests at once)."""
        for node in self.graph:
            self.node(node)
            self.joined_from(node)
            self.by_target(node)


_PARTS: FrozenCache[str, Parts] = FrozenCache(name="view_parts")


def parts(graph: nx.MultiDiGraph) -> Parts:
    """The parts of a view, kept with it when it is frozen (as the cached views are)."""
    if not nx.is_frozen(graph):
        return Parts(graph)

    def made() -> Parts:
        before = views.previous(graph)
        seed = None if before is None else _PARTS.peek(before, "parts")
        if seed is not None:
            seed.seed = None  # one view back at most, not every view since the server started
        return Parts(graph, seed)

    return _PARTS.get(graph, "parts", made)


_EMPTY_TAIL = b'"nodes":[],"edges":[]}'


def neighborhood(graph: nx.MultiDiGraph, view: str, center: str, depth: int,
                 nodes: set[str], truncated: bool = False) -> bytes:  # fmt: skip
    """The JSON of the ``Neighborhood`` of ``center``: ``nodes`` by id, the edges among them by
    (source, target, kind), as ``traverse.edge_list`` orders them."""
    own = parts(graph)
    ordered = sorted(nodes)
    edges: list[bytes] = []
    for u in ordered:
        targets, joined = own.joined_from(u)
        if not joined:
            continue
        if targets <= nodes:
            edges.append(joined)
        else:
            to = own.by_target(u)
            edges.extend(to[v] for v in sorted(targets & nodes))
    head = Neighborhood(
        view=view,
        center=NodeRef(**traverse.node_ref(graph, center)),
        depth=depth,
        truncated=truncated,
        nodes=[],
        edges=[],
    ).model_dump_json().encode()
    if not head.endswith(_EMPTY_TAIL):  # the model's fields moved: the splice below is wrong
        raise AssertionError("Neighborhood no longer ends with its nodes and edges")
    return b"".join((
        head[: -len(_EMPTY_TAIL)],
        b'"nodes":[', b",".join(map(own.node, ordered)),
        b'],"edges":[', b",".join(edges), b"]}",
    ))  # fmt: skip
