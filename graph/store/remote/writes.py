"""Turning "replace these graphs" into SPARQL Update requests a real engine accepts.

Limits measured on Virtuoso 7.2 shape the requests: one triples block of more than ~4,900
triples overflows its SPARQL compiler, a request text over 10 MB is refused, blank nodes are
refused inside INSERT DATA, and a template (INSERT {...} WHERE {}) of ~3,300 triples overflows.
So triples go in blocks of ``BLOCK_TRIPLES``, blank-node triples in templates that keep each
connected blank-node component whole (labels are scoped to one operation), and a write that
does not fit one request of ``max_bytes`` is staged in hidden graphs and moved into place by
one final request.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from graph import inference
from graph.inference import Hierarchy
from graph.rdf.terms import nt
from graph.store.remote import queries as rq

BLOCK_TRIPLES = 1000
TEMPLATE_TRIPLES = 500
STAGING_BASE = "urn:x-diplograph:staging:"


def _line(triple: tuple[Node, Node, Node]) -> str:
    s, p, o = triple
    return f"{nt(s)} {nt(p)} {nt(o)} .\n"


def _components(graph: Graph) -> tuple[list[str], list[list[str]]]:
    """(lines without blank nodes, blank-node components as groups of lines)."""
    parent: dict[Node, Node] = {}

    def root(node: Node) -> Node:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    plain: list[str] = []
    with_bnodes: list[tuple[Node, str]] = []
    for triple in graph:
        bnodes = [t for t in (triple[0], triple[2]) if isinstance(t, BNode)]
        if not bnodes:
            plain.append(_line(triple))
            continue
        if len(bnodes) == 2:
            parent[root(bnodes[0])] = root(bnodes[1])
        with_bnodes.append((bnodes[0], _line(triple)))
    groups: dict[Node, list[str]] = {}
    for node, line in with_bnodes:
        groups.setdefault(root(node), []).append(line)
    return plain, list(groups.values())


def _batches(groups: Iterable[list[str]], size: int) -> Iterator[str]:
    batch: list[str] = []
    for group in groups:
        if batch and len(batch) + len(group) > size:
            yield "".join(batch)
            batch = []
        batch.extend(group)
    if batch:
        yield "".join(batch)


def insert_operations(name: str, graph: Graph) -> list[str]:
    """Operations that add a graph's triples to graph ``name``, each of bounded size."""
    target = nt(URIRef(name))
    plain, components = _components(graph)
    ops = [
        rq.INSERT_DATA.format(blocks=rq.GRAPH_BLOCK.format(graph=target, triples="".join(chunk)))
        for chunk in (plain[i:i + BLOCK_TRIPLES] for i in range(0, len(plain), BLOCK_TRIPLES))
    ]
    ops += [rq.INSERT_TEMPLATE.format(graph=target, triples=batch)
            for batch in _batches(components, TEMPLATE_TRIPLES)]
    return ops


def drop_operations(names: Iterable[str]) -> list[str]:
    return [rq.DROP_GRAPH.format(graph=nt(URIRef(name))) for name in names]


def move_operation(source: str, target: str) -> str:
    return rq.MOVE_GRAPH.format(source=nt(URIRef(source)), target=nt(URIRef(target)))


def pack(operations: Iterable[str], max_bytes: int, head: str = "") -> list[str]:
    """Requests of at most ``max_bytes`` (one operation larger than that goes alone)."""
    requests: list[list[str]] = []
    size = 0
    for op in operations:
        length = len(op.encode()) + 3
        if not requests or size + length > max_bytes:
            requests.append([])
            size = len(head)
        requests[-1].append(op)
        size += length
    return [head + " ;\n".join(ops) for ops in requests]


def plan(graphs: Mapping[str, Graph], drop: Iterable[str], hierarchy: Hierarchy,
         graph_prefix: str | Sequence[str], subjects: Iterable[Node] | None = None,
         parts: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """(drop + insert operations, inference operations) for one replace, in order.

    With ``subjects`` (those the replace touches), only their inferred triples are redone;
    without, the inferred graph is rebuilt and the bulk loads' ``parts`` of it dropped.
    """
    names = list(dict.fromkeys([*graphs, *drop]))
    writes = drop_operations(names)
    for name, graph in graphs.items():
        writes += insert_operations(name, graph)
    if subjects is None:
        return writes, inference.remote_full_operations(hierarchy, graph_prefix, parts)
    return writes, inference.remote_subject_operations(hierarchy, graph_prefix, subjects)
