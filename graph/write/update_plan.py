"""What a SPARQL update would make of the named graphs, computed on a private copy.

An update is never run on the store itself: it is applied to an in-memory pyoxigraph copy, and
the graphs it changed are handed to ``graph.write.commit``, which validates them and commits
them in one transaction. The copy handles what a rewrite of the update could not: several
operations that see each other's effects, ``INSERT ... WHERE`` with blank nodes,
``WITH``/``USING``, ``DROP ALL``.

The store keeps everything in named graphs and queries see their union as the default graph, so
the copy's default graph starts as that union (the inferred graph included, as a query sees it):

* a triple an update removes from the default graph is removed from every named graph;
* a triple an update adds to the default graph lands in ``default_target`` (a named graph);
* changes to the inferred graph are dropped: it is rebuilt from the others after every write;
* the ``hidden`` graphs (the audit trail) are not in the copy: an update neither reads them nor
  drops them (``DROP ALL`` empties the data, not the record of who changed it), and one that
  writes into such a graph shows it as changed, which the commit then refuses.

Imports nothing but pyoxigraph: it also runs inside the query worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

Triples = set[ox.Triple]


def _named(quads: Iterable[ox.Quad]) -> dict[str, Triples]:
    graphs: dict[str, Triples] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs.setdefault(quad.graph_name.value, set()).add(quad.triple)
    return graphs


def snapshot(source: ox.Store) -> dict[str, Triples]:
    """The named graphs of a store, each as a set of triples."""
    return _named(source.quads_for_pattern(None, None, None, None))


def plan(before: dict[str, Triples], update: str, *, default_target: str, derived: str,
         prefixes: dict[str, str] | None = None, base_iri: str | None = None,
         hidden: Iterable[str] = ()) -> dict[str, Triples]:
    """The new content of every named graph the update changes (an empty set: the graph goes).

    ``base_iri`` resolves the update's relative IRIs (its own ``BASE`` wins).

    Raises ``SyntaxError`` for an update the engine cannot parse, ``OSError`` when it fails.
    """
    left_out = set(hidden)
    before = {name: ts for name, ts in before.items() if name not in left_out}
    union: Triples = set().union(*before.values()) if before else set()
    copy = ox.Store()
    copy.extend(ox.Quad(*t, ox.NamedNode(name)) for name, ts in before.items() for t in ts)  # type: ignore[call-arg]  # stubs: a Triple unpacks to 3 terms
    copy.extend(ox.Quad(*t, ox.DefaultGraph()) for t in union)  # type: ignore[call-arg]  # stubs: a Triple unpacks to 3 terms
    copy.update(update, base_iri=base_iri, prefixes=prefixes or None)

    after = _named(copy.quads_for_pattern(None, None, None, None))
    default = {q.triple for q in copy.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    removed, added = union - default, default - union
    if removed:
        after = {name: ts - removed for name, ts in after.items()}
    if added:
        after.setdefault(default_target, set()).update(added)

    changed: dict[str, Triples] = {}
    for name in {*before, *after} - {derived}:
        new = after.get(name, set())
        if new != before.get(name, set()):
            changed[name] = new
    return changed


def to_nquads(changed: dict[str, Triples]) -> bytes:
    """The changed graphs as N-Quads (the worker's answer to the server)."""
    quads = (ox.Quad(*t, ox.NamedNode(name)) for name, ts in changed.items() for t in ts)  # type: ignore[call-arg]  # stubs: a Triple unpacks to 3 terms
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def from_nquads(data: bytes, names: Iterable[str]) -> dict[str, Triples]:
    """The inverse of ``to_nquads``; ``names`` lists every changed graph, emptied ones too."""
    changed: dict[str, Triples] = {name: set() for name in names}
    for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        changed.setdefault(quad.graph_name.value, set()).add(quad.triple)
    return changed
