"""The actors view after a write, made from the view before it and the inputs that changed.

Making the whole view again from its inputs (``builders.actors_graph``) walks every
engagement and every pair of those who attended it: 75-150 ms of Python at a million triples,
held under the write lock after each readout that adds or removes an engagement, and paid
three times over by the writer when readers share the interpreter. A readout changes one or
two engagements: only the nodes of the actors who attend them (or whose name, type, country
or posts changed), the 'met' edges between those attendees and the 'country' edges whose
ends changed are made again here, by the builder's own code restricted to them
(``builders.attend``, ``builders.country_edges``); every other node and edge keeps the attribute
dict of the view before (views are frozen and only read, so the two share them). The result is
the graph a rebuild makes, in the same order (``builders.assemble``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations

import networkx as nx

from graph.views.builders import (
    ActorInputs,
    Builder,
    ViewEdge,
    ViewNode,
    assemble,
    attend,
    country_edges,
    node_id,
)

__all__ = ["actors_graph_after"]


def actors_graph_after(view: nx.MultiDiGraph, before: ActorInputs,
                       now: ActorInputs) -> nx.MultiDiGraph:  # fmt: skip
    """The actors view of ``now``, ``view`` being the one of ``before``."""
    shown = {data["iri"] for _node, data in view.nodes(data=True)}
    attendees, pairs = _attending(before, now)
    candidates = shown | attendees
    remade = attendees.union(*(_differing(old, new, candidates) for old, new in (
        (before.names, now.names), (before.facts, now.facts), (before.held, now.held))))
    b = Builder(now.names)
    attend(b, now, remade, pairs)
    shown_now = (shown - remade) | set(b.nodes)
    # a 'country' edge changes with its ends' facts, or with a state shown or no longer shown
    renewed = _differing(before.facts, now.facts, candidates) | (shown ^ shown_now)
    citizens = [iri for iri in shown_now - renewed
                if now.facts.get(iri, {}).get("country_iri") in renewed]  # fmt: skip
    country_edges(b, [*(renewed & shown_now), *citizens], now.facts, shown_now)
    nodes, edges = b.finished()
    gone = {node_id(iri) for iri in remade}
    moved = {node_id(iri) for iri in renewed}
    met = {(node_id(one), node_id(other), "met") for one, other in pairs}
    kept_nodes: list[ViewNode] = [(n, d) for n, d in view.nodes(data=True) if n not in gone]
    kept_edges: list[ViewEdge] = [
        (u, v, k, d) for u, v, k, d in view.edges(keys=True, data=True)
        if not ((u, v, k) in met or (k == "country" and (u in moved or v in moved)))]
    return assemble("actors", [*kept_nodes, *nodes], [*kept_edges, *edges])


def _attending(before: ActorInputs, now: ActorInputs) -> tuple[set[str], set[tuple[str, str]]]:
    """Who attends (before or now) an engagement that changed or was renamed, and the pairs
    (in IRI order) who attended one together: the only nodes and 'met' edges the change of
    engagements can reach."""
    keys = before.meetings.keys() | now.meetings.keys()
    changed = _differing(before.meetings, now.meetings, keys)
    changed |= _differing(before.names, now.names, keys)  # an edge's notes name it
    attendees: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for iri in changed:
        for version in (before.meetings.get(iri), now.meetings.get(iri)):
            if version is not None:
                attendees |= version.participants | version.sides
                for group in (version.participants, version.sides):
                    pairs.update(combinations(sorted(group), 2))
    return attendees, pairs


def _differing(old: Mapping[str, object], new: Mapping[str, object],
               keys: Iterable[str]) -> set[str]:  # fmt: skip
    """The ``keys`` whose values differ between ``old`` and ``new`` (a follow keeps the value
    objects it did not change, so most are the same object)."""
    if old is new:
        return set()
    missing = object()
    return {key for key in keys
            if (a := old.get(key, missing)) is not (b := new.get(key, missing)) and a != b}
