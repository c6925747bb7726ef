"""Reading a page's fields by access path: from the entities asked for, link by link.

A detail page needs the fields of a few entities (a page of claims, one meeting) and of the
nodes they point to (evidence, the claimant's name, a document's title). One SPARQL query for
all of it (a VALUES list of the page, UNION branches per link) leaves Oxigraph's planner to
guess where to start, and its guesses walked every claim of the store: 70 ms for a page of 50
claims at 1M triples, almost all of it in the engine. The page's shape is known in advance, so
here it is written down as a ``Shape`` (own fields, then links to follow, each with the fields
to read at its end) and read with the subjects always bound: on Oxigraph one index lookup per
node (``quads_for_pattern``), on other engines one query per link and hop, the nodes listed in
a VALUES block. The answer is ``{node: {field: [values]}}``, the shape ``node_fields`` gives,
so the assembly code is the same whichever store answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.lookups.sparql import Fields, Lit, PlainRow, Value, node_fields, select, text
from graph.store import GraphStore
from graph.store.oxigraph import OxigraphStore


@dataclass(frozen=True)
class Link:
    """From each node, along ``predicate`` (or against it), to nodes whose ``fields`` are read.

    ``fields`` None reads every field of the reached nodes; ``record`` stores the reached nodes
    under that field name on the node they were reached from (an inverse link's answer, e.g. a
    topic's narrower topics, which are not a field of the topic itself).
    """

    predicate: str
    fields: frozenset[str] | None = frozenset()
    inverse: bool = False
    record: str | None = None
    then: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Shape:
    """The fields of the entities asked for (None: all of them), and the links to follow."""

    fields: frozenset[str] | None = None
    links: tuple[Link, ...] = field(default_factory=tuple)


def read(store: GraphStore, nodes: Iterable[str], shape: Shape) -> dict[str, Fields]:
    """``{node: {field: [values]}}`` for ``nodes`` and every node ``shape`` links them to."""
    reader = _OxReader(store.engine) if isinstance(store, OxigraphStore) else _SparqlReader(store)
    out: dict[str, Fields] = {}
    roots = list(dict.fromkeys(str(n) for n in nodes))
    reader.read(roots, shape.fields, out)
    follow(reader, roots, shape.fields, shape.links, out)
    return out


def follow(reader: Reader, nodes: list[str], read_with: frozenset[str] | None,
            links: tuple[Link, ...], out: dict[str, Fields]) -> None:  # fmt: skip
    for link in links:
        if not link.inverse and (read_with is None or link.predicate in read_with):
            found = {n: out[n].get(link.predicate, []) for n in nodes}  # read with the nodes
        else:
            held = [] if link.inverse else [n for n in nodes if n in reader.whole]
            found = {n: out[n].get(link.predicate, []) for n in held}
            rest = [n for n in nodes if n not in found]
            if rest:
                found.update(reader.links(rest, link.predicate, link.inverse))
        reached: list[str] = []
        for node, targets in found.items():
            if link.record is not None:
                for target in targets:
                    put(out.setdefault(node, {}), link.record, target)
            reached.extend(text(t) for t in targets if not isinstance(t, Lit))
        reached = list(dict.fromkeys(reached))
        if link.fields is None or link.fields:
            reader.read(reached, link.fields, out)
        if link.then:
            follow(reader, reached, link.fields, link.then, out)


def put(own: Fields, name: str, value: Value) -> None:
    held = own.get(name)
    if held is None:
        own[name] = [value]
    elif value not in held:
        held.append(value)


class Reader:
    """Reads fields and follows links; remembers the nodes it has read whole."""

    def __init__(self) -> None:
        self.whole: set[str] = set()

    def read(self, nodes: list[str], wanted: frozenset[str] | None,
             out: dict[str, Fields]) -> None:  # fmt: skip
        todo = [n for n in nodes if n not in self.whole]
        if wanted is None:
            self.whole.update(todo)
        for node in todo:
            out.setdefault(node, {})
        if todo:
            self.fields(todo, wanted, out)

    def fields(self, nodes: list[str], wanted: frozenset[str] | None,
               out: dict[str, Fields]) -> None:  # fmt: skip
        raise NotImplementedError

    def links(self, nodes: list[str], predicate: str, inverse: bool) -> dict[str, list[Value]]:
        raise NotImplementedError


def _ox_term(node: str) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(node[2:]) if node.startswith("_:") else ox.NamedNode(node)


def _plain(term: object) -> Value:
    if type(term) is ox.NamedNode:
        return term.value
    if type(term) is ox.Literal:
        return Lit(term.value, term.language or "", term.datatype.value)
    return f"_:{term.value}"  # type: ignore[attr-defined]  # a blank node


#: Fields wanted of a node past which a bulk read (``by_subject``) reads all of the node's
#: triples in one lookup and keeps those wanted.
SUBJECT_LOOKUP_FIELDS = 4
_BY_SUBJECT: ContextVar[bool] = ContextVar("by_subject", default=False)


@contextmanager
def by_subject(on: bool = True) -> Iterator[None]:
    """Within it (in this thread), ``read`` reads a node whose shape wants more than
    ``SUBJECT_LOOKUP_FIELDS`` fields (a claim: 22, its evidence: 8) by one lookup of all its
    triples, keeping those wanted. On Oxigraph instead of one lookup per field: each opens a
    snapshot of the store, which cost more than the few triples read, and a read model's build
    reads every claim; the values, and their order in each field, are the same (the index
    orders a subject's triples by predicate, then object). Over SPARQL by ``lookup-fields-all``
    (only the nodes bound) instead of ``lookup-fields`` (nodes and fields both bound): Virtuoso
    7.2 answered the second for 1,000 claims in 28 s when the answer passed its row cap and
    came in pages, the first in 1.6 s, at 1M triples. For bulk reads only: a node with a long
    text (a document) is read with its text; nodes wanting few fields (names, titles) are
    still read field by field. ``on`` False: field by field within it, whatever the fields."""
    token = _BY_SUBJECT.set(on)
    try:
        yield
    finally:
        _BY_SUBJECT.reset(token)


def _whole_nodes(wanted: frozenset[str]) -> bool:
    """Whether to read the nodes whole and keep ``wanted`` of their fields (``by_subject``)."""
    return len(wanted) > SUBJECT_LOOKUP_FIELDS and _BY_SUBJECT.get()


class _OxReader(Reader):
    """Index lookups with the subject bound, in every graph (the default graph is their union)."""

    def __init__(self, engine: ox.Store) -> None:
        super().__init__()
        self.engine = engine
        self.predicates: dict[str, ox.NamedNode] = {}

    def _p(self, iri: str) -> ox.NamedNode:
        node = self.predicates.get(iri)
        if node is None:
            node = self.predicates[iri] = ox.NamedNode(iri)
        return node

    def fields(self, nodes: list[str], wanted: frozenset[str] | None,
               out: dict[str, Fields]) -> None:  # fmt: skip
        quads = self.engine.quads_for_pattern
        if wanted is not None and _whole_nodes(wanted):
            for node in nodes:
                own = out[node]
                for quad in quads(_ox_term(node), None, None):
                    iri = quad.predicate.value
                    if iri in wanted:
                        put(own, iri, _plain(quad.object))
            return
        for node in nodes:
            own = out[node]
            subject = _ox_term(node)
            if wanted is None:
                for quad in quads(subject, None, None):
                    put(own, quad.predicate.value, _plain(quad.object))
                continue
            for iri in wanted:  # one lookup per field: never decode a document's whole text
                for quad in quads(subject, self._p(iri), None):
                    put(own, iri, _plain(quad.object))

    def links(self, nodes: list[str], predicate: str, inverse: bool) -> dict[str, list[Value]]:
        p, quads = self._p(predicate), self.engine.quads_for_pattern
        if inverse:
            return {n: list(dict.fromkeys(_plain(q.subject) for q in quads(None, p, _ox_term(n))))
                    for n in nodes}  # fmt: skip
        return {n: list(dict.fromkeys(_plain(q.object) for q in quads(_ox_term(n), p, None)))
                for n in nodes}  # fmt: skip


#: Nodes in one query's VALUES list over SPARQL. Virtuoso caps an answer at 10,000 rows
#: (``ResultSetMaxRows``) and a capped answer is read in pages, each the whole query again,
#: sorted: 2,000 claims read whole took 6.5 s in one query (four pages), 1.5 s in lists of
#: 250 or 500 (at 1M triples); a claim is about 15 rows.
VALUES_BATCH = 250


class _SparqlReader(Reader):
    """One query per hop and ``VALUES_BATCH`` nodes: the nodes in one VALUES list, the fields
    in another."""

    def __init__(self, store: GraphStore) -> None:
        super().__init__()
        self.store = store

    def _rows(self, name: str, nodes: list[str], fields: list[str] | None = None,
              ) -> list[PlainRow]:  # fmt: skip
        rows: list[PlainRow] = []
        for start in range(0, len(nodes), VALUES_BATCH):
            values = {"nodes": nodes[start:start + VALUES_BATCH]}
            rows += select(self.store, name, values=values if fields is None
                           else {**values, "fields": fields})  # fmt: skip
        return rows

    def fields(self, nodes: list[str], wanted: frozenset[str] | None,
               out: dict[str, Fields]) -> None:  # fmt: skip
        if wanted is None or _whole_nodes(wanted):
            rows = self._rows("lookup-fields-all", nodes)
        else:
            rows = self._rows("lookup-fields", nodes, sorted(wanted))
        for node, own in node_fields(rows).items():
            target = out.setdefault(node, {})
            for name, values in own.items():
                if wanted is not None and name not in wanted:
                    continue
                for value in values:
                    put(target, name, value)

    def links(self, nodes: list[str], predicate: str, inverse: bool) -> dict[str, list[Value]]:
        name = "lookup-fields-inverse" if inverse else "lookup-fields"
        rows = self._rows(name, nodes, [predicate])
        found: dict[str, list[Value]] = {n: [] for n in nodes}
        for node, own in node_fields(rows).items():
            found.setdefault(node, []).extend(own.get(predicate, []))
        return found


def reached(node: str, fields: dict[str, Fields], shape: Shape) -> set[str]:
    """The nodes ``shape`` reads from ``node`` along its links (forward, and inverse ones that
    record what they reached), not ``node`` itself: what a change to may change the answer
    read for ``node``."""
    found: set[str] = set()

    def walk(nodes: list[str], links: tuple[Link, ...]) -> None:
        for link in links:
            if link.inverse and link.record is None:
                continue  # nothing says which nodes it reached
            field = link.record if link.inverse and link.record else link.predicate
            targets = [text(v) for n in nodes for v in fields.get(n, {}).get(field, [])
                       if not isinstance(v, Lit)]  # fmt: skip
            found.update(targets)
            walk(targets, link.then)

    walk([node], shape.links)
    found.discard(node)
    return found
