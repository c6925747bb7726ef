"""The embedded store's audit trail, in an Oxigraph store of its own beside the data.

Why a store of its own: as a named graph of the data store, the trail had to be hidden from
the public ``/sparql``, which then spelt its default graph as the list of the other graphs;
Oxigraph looks a pattern up once per listed graph, so every public query cost two to three
times the union's. With the trail apart, the data store holds data only and every public
query reads the union.

Where: ``<store>.audit``, the data store's directory name with ``.audit`` added, beside it
(``var/store`` and ``var/store.audit``), as the server's note ``<store>.server.json`` is: the
data store's directory belongs to Oxigraph. Copy, move and back up the two together. Inside,
the activities are in the named graph ``AUDIT_GRAPH``, as before, so the trail's queries are
unchanged. An in-memory store keeps its trail in a second in-memory store.

A write and its record stay all or nothing across a crash (kill -9 at any point), although
they land in two stores, because a recorded write takes three steps:

1. ``pending``: the record goes into the trail store's ``PENDING_GRAPH`` (which no trail read
   looks at), with how many triples each graph the write replaces or drops will hold after it
   (and, for a restore, the trail that replaces the store's, in ``STAGED_GRAPH``);
2. the data transaction commits, or not: the write happened if and only if it did;
3. ``finish``: one transaction of the trail store moves the record into ``AUDIT_GRAPH``.

Writes are serialised (one writer per store, and the write lock), so at most one record is
pending. One found later (at open, before the next recorded write, after a write that failed)
is resolved against the data, which no other write has changed since: it is finished when its
write landed and discarded otherwise. Whether it landed is read from the data (``landed``):
a record that keeps its triples (a write through ``graph.write.commit``) landed when every
triple it added is stored and none it removed is (before the write the reverse held: the
added ones were absent and the removed ones present); one that keeps its counts only (a load,
a restore, a very large write) landed when each graph holds the number of triples the write
left in it. A crash between steps 1 and 2 leaves a pending record whose write did not land:
discarded; between 2 and 3 one whose write landed: finished.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from graph.namespaces import AUDIT, AUDIT_GRAPH, GRAPH_BASE
from graph.rdf.terms import to_ox

#: Where a record waits for its write, and the trail a restore brings, until step 3.
PENDING_GRAPH = f"{GRAPH_BASE}audit-pending"
STAGED_GRAPH = f"{GRAPH_BASE}audit-staged"
#: The subject of what the pending record expects of the data (not part of the record).
_EXPECT = URIRef(f"{PENDING_GRAPH}#write")

#: Called with the name of each step as it ends ("pending", "data", "finish", "migrated"):
#: the tests put a ``kill -9`` there to crash a writer between two steps, deterministically.
step_hook: Callable[[str], None] | None = None


def step(name: str) -> None:
    if step_hook is not None:
        step_hook(name)


def trail_path(data: Path) -> Path:
    """The trail store of the data store at ``data``: its sibling ``<name>.audit``."""
    return data.with_name(data.name + ".audit")


def _nt(graph: Graph) -> str:
    return "".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n" for s, p, o in graph)


def pending_update(record: Graph | None, counts: Mapping[str, int],
                   trail: Graph | None) -> str:
    """Step 1: the record, the counts the write will leave (``counts``), and the trail that
    replaces the store's (``trail``, a restore's) when given."""
    expect = Graph()
    for name, count in counts.items():
        expect.add((_EXPECT, AUDIT.expectCount, Literal(f"{count} {name}")))
    if trail is not None:
        expect.add((_EXPECT, AUDIT.replacesTrail, Literal(True)))
    body = _nt(expect) + (_nt(record) if record is not None else "")
    staged = ""
    if trail is not None and len(trail):
        staged = f"GRAPH <{STAGED_GRAPH}> {{\n{_nt(trail)}}}\n"
    return (f"DROP SILENT GRAPH <{PENDING_GRAPH}> ; DROP SILENT GRAPH <{STAGED_GRAPH}> ;\n"
            f"INSERT DATA {{ GRAPH <{PENDING_GRAPH}> {{\n{body}}}\n{staged}}}")


def finish_update(replaces_trail: bool) -> str:
    """Step 3: the pending record into the trail (after the staged trail replaced it)."""
    staged = (f"DROP SILENT GRAPH <{AUDIT_GRAPH}> ;\n"
              f"INSERT {{ GRAPH <{AUDIT_GRAPH}> {{ ?s ?p ?o }} }} "
              f"WHERE {{ GRAPH <{STAGED_GRAPH}> {{ ?s ?p ?o }} }} ;\n") if replaces_trail else ""
    return (f"{staged}INSERT {{ GRAPH <{AUDIT_GRAPH}> {{ ?s ?p ?o }} }} "
            f"WHERE {{ GRAPH <{PENDING_GRAPH}> {{ ?s ?p ?o FILTER(?s != <{_EXPECT}>) }} }} ;\n"
            f"{DISCARD_UPDATE}")


#: A pending record whose write did not land, gone.
DISCARD_UPDATE = f"DROP SILENT GRAPH <{STAGED_GRAPH}> ; DROP SILENT GRAPH <{PENDING_GRAPH}>"


@dataclass
class Pending:
    """A record found pending, with what its write would have left in the data."""

    counts: dict[str, int] = field(default_factory=dict)
    replaces_trail: bool = False
    added: list[ox.Quad] = field(default_factory=list)
    removed: list[ox.Quad] = field(default_factory=list)


def _quads(text: str) -> list[ox.Quad]:
    """The quads of a record's N-Quads literal that can be looked up: blank nodes are named
    afresh when stored, so a quad holding one cannot be found by its label."""
    return [q for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)]


def read_pending(trail: ox.Store) -> Pending | None:
    """The record pending in ``trail``, or None."""
    quads = list(trail.quads_for_pattern(None, None, None, ox.NamedNode(PENDING_GRAPH)))
    if not quads:
        return None
    found = Pending()
    count, replaces = ox.NamedNode(str(AUDIT.expectCount)), ox.NamedNode(str(AUDIT.replacesTrail))
    added, removed = ox.NamedNode(str(AUDIT.addedTriples)), ox.NamedNode(str(AUDIT.removedTriples))
    for quad in quads:
        value = quad.object.value if isinstance(quad.object, ox.Literal) else ""
        if quad.predicate == count:
            number, _, name = value.partition(" ")
            found.counts[name] = int(number)
        elif quad.predicate == replaces:
            found.replaces_trail = True
        elif quad.predicate == added:
            found.added = _quads(value)
        elif quad.predicate == removed:
            found.removed = _quads(value)
    return found


def graph_size(data: ox.Store, name: str) -> int:
    return sum(1 for _ in data.quads_for_pattern(None, None, None, ox.NamedNode(name)))


def landed(pending: Pending, data: ox.Store) -> bool:
    """Whether the pending record's write is in ``data`` (see the module doc)."""
    if pending.added or pending.removed:
        return (all(q in data for q in pending.added)
                and not any(q in data for q in pending.removed))
    return all(graph_size(data, name) == n for name, n in pending.counts.items())


def expected_counts(graphs: Mapping[str, Graph], drop: Iterable[str]) -> dict[str, int]:
    """How many triples each replaced or dropped graph holds once the write lands."""
    return {**{name: 0 for name in drop}, **{name: len(g) for name, g in graphs.items()}}
