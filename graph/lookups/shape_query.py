"""Reading a few entities' shapes in one query, for engines other than the embedded one.

``paths.read`` asks an external engine one query per link and hop: a meeting's page is about
ten HTTP round trips of SPARQL the engine compiles and answers in a few milliseconds each, and
with eight clients at once on two cores those round trips, not the answers, are what a page
costs. Here the same ``Shape`` is written as one query: a ``UNION`` branch per path of the
shape, each starting from the entities asked for (a ``VALUES`` block first, so Virtuoso's
planner binds the subject before anything else) and walking one predicate at a time, with
no property-path alternatives. Its rows are then handed to the very walk ``paths.read`` does
(``paths.follow``), which asks a reader that answers from them instead of the network: the
answer is the one the link-by-link reading gives, by construction.

Kept for small reads (a page's entities): a read model's build reads thousands of nodes, whose
one query would pass the engine's row cap and be read again page by page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import URIRef

from graph.lookups.paths import Link, Reader, Shape, follow, put, read
from graph.lookups.sparql import Fields, Value, plain, text
from graph.rdf.terms import nt
from graph.store import GraphStore
from graph.store.oxigraph import OxigraphStore

#: At most this many entities are read by one query (more: ``paths.read``, link by link).
MOST_NODES = 100
#: The query: one branch per path, each naming itself in ``?b``.
QUERY = "SELECT DISTINCT ?b ?node ?field ?value WHERE {{\n{branches}\n}}"
#: A branch: the entities asked for, the walk to the nodes it reads, what it reads of them.
BRANCH = '  {{ VALUES ?n0 {{ {roots} }}\n{walk}    {read}\n    BIND("{id}" AS ?b) }}'
#: One hop of a walk, forward and against the predicate.
FORWARD, INVERSE = "    ?{a} {p} ?{b} .\n", "    ?{b} {p} ?{a} .\n"
#: What a branch reads of the nodes it reached: some fields, every field, or a link's ends.
SOME_FIELDS = "VALUES ?field {{ {fields} }} ?{at} ?field ?value . BIND(?{at} AS ?node)"
ALL_FIELDS = "?{at} ?field ?value . BIND(?{at} AS ?node)"
LINK_ENDS = "BIND(?{at} AS ?node) {hop}"


@dataclass(frozen=True)
class _Branch:
    group: int
    #: the hops from the entities asked for: ``(predicate, inverse)``
    path: tuple[tuple[str, bool], ...]
    #: "fields": the fields ``wanted`` of the nodes at the path's end (None: all of them);
    #: "link": the ends of ``link`` from those nodes
    kind: str
    wanted: frozenset[str] | None = None
    link: Link | None = None


def _branches(group: int, shape: Shape) -> list[_Branch]:
    """The branches that read what ``paths.read`` reads for ``shape``."""
    out: list[_Branch] = []
    if shape.fields is None or shape.fields:
        out.append(_Branch(group, (), "fields", shape.fields))

    def walk(path: tuple[tuple[str, bool], ...], read_with: frozenset[str] | None,
             links: tuple[Link, ...]) -> None:  # fmt: skip
        for link in links:
            if link.inverse or (read_with is not None and link.predicate not in read_with):
                out.append(_Branch(group, path, "link", link=link))
            step = (*path, (link.predicate, link.inverse))
            if link.fields is None or link.fields:
                out.append(_Branch(group, step, "fields", link.fields))
            if link.then:
                walk(step, link.fields, link.then)

    walk((), shape.fields, shape.links)
    return out


def _text(branch: _Branch, number: int, roots: list[str]) -> str:
    walk = "".join((INVERSE if inverse else FORWARD).format(a=f"n{i}", b=f"n{i + 1}",
                                                            p=nt(URIRef(p)))
                   for i, (p, inverse) in enumerate(branch.path))  # fmt: skip
    at = f"n{len(branch.path)}"
    if branch.kind == "link":
        assert branch.link is not None
        hop = (INVERSE if branch.link.inverse else FORWARD).format(
            a=at, b="value", p=nt(URIRef(branch.link.predicate))).strip()
        reads = LINK_ENDS.format(at=at, hop=hop)
    elif branch.wanted is None:
        reads = ALL_FIELDS.format(at=at)
    else:
        fields = " ".join(nt(URIRef(f)) for f in sorted(branch.wanted))
        reads = SOME_FIELDS.format(fields=fields, at=at)
    # One entity is listed twice: Virtuoso 7.2 turns a VALUES block of one row into a
    # constant and then plans a hop's branch from the fields' side (50-400 ms at 1M triples,
    # against a few for the same branch with two rows).
    listed = roots * 2 if len(roots) == 1 else roots
    return BRANCH.format(roots=" ".join(nt(URIRef(r)) for r in listed), walk=walk,
                         read=reads, id=number)


class _Answered(Reader):
    """A reader answering from one query's rows: each node's fields, and each link's ends."""

    def __init__(self) -> None:
        super().__init__()
        self.held: dict[str, Fields] = defaultdict(dict)
        self.ends: dict[tuple[str, bool], dict[str, list[Value]]] = defaultdict(dict)

    def fields(self, nodes: list[str], wanted: frozenset[str] | None,
               out: dict[str, Fields]) -> None:  # fmt: skip
        for node in nodes:
            own = self.held.get(node, {})
            target = out.setdefault(node, {})
            for name in own if wanted is None else wanted & own.keys():
                for value in own[name]:
                    put(target, name, value)

    def links(self, nodes: list[str], predicate: str, inverse: bool) -> dict[str, list[Value]]:
        ends = self.ends.get((predicate, inverse), {})
        return {n: list(ends.get(n, [])) for n in nodes}


def read_together(store: GraphStore, wanted: Sequence[tuple[Iterable[str], Shape]]
                  ) -> list[dict[str, Fields]]:  # fmt: skip
    """For each ``(nodes, shape)`` of ``wanted``, what ``paths.read(store, nodes, shape)``
    answers; over an external engine, all of them in one query when they are few."""
    groups = [(list(dict.fromkeys(str(n) for n in nodes)), shape) for nodes, shape in wanted]
    if isinstance(store, OxigraphStore) or any(len(r) > MOST_NODES for r, _ in groups):
        return [read(store, roots, shape) for roots, shape in groups]
    branches = [b for number, (roots, shape) in enumerate(groups) if roots
                for b in _branches(number, shape)]  # fmt: skip
    readers = [_Answered() for _ in groups]
    if branches:
        query = QUERY.format(branches="\n  UNION\n".join(
            _text(b, i, groups[b.group][0]) for i, b in enumerate(branches)))
        for row in store.select(query):
            branch = branches[int(str(row["b"]))]
            node, value = text(plain(row["node"])), plain(row["value"])
            reader = readers[branch.group]
            if branch.kind == "fields":
                put(reader.held[node], text(plain(row["field"])), value)
            else:
                assert branch.link is not None
                key = (branch.link.predicate, branch.link.inverse)
                held = reader.ends[key].setdefault(node, [])
                if value not in held:
                    held.append(value)
    out: list[dict[str, Fields]] = []
    for (roots, shape), reader in zip(groups, readers, strict=True):
        fields: dict[str, Fields] = {}
        reader.read(roots, shape.fields, fields)
        follow(reader, roots, shape.fields, shape.links, fields)
        out.append(fields)
    return out
