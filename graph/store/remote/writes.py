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

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from graph.namespaces import INFERRED_GRAPH
from graph.rdf.hierarchy import ancestors
from graph.rdf.terms import nt
from graph.store.remote import queries as rq

BLOCK_TRIPLES = 1000
TEMPLATE_TRIPLES = 500
STAGING_BASE = "urn:x-diplograph:staging:"
#: Subjects listed in one re-inference operation (Virtuoso caps the length of a VALUES list).
SUBJECTS_PER_OPERATION = 500

Pairs = list[tuple[Node, Node]]


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


def closure(links: Iterable[tuple[Node, Node]]) -> Pairs:
    """(sub, super) for every chain of one or more links, as ``rdfs:subClassOf+`` gives."""
    return sorted((sub, sup) for sub, sups in ancestors(links).items() for sup in sups)


@dataclass(frozen=True)
class Hierarchy:
    """The ontology's subclass and sub-property closures.

    IRIs only: a VALUES block cannot carry blank nodes.
    """

    classes: tuple[tuple[Node, Node], ...] = ()
    properties: tuple[tuple[Node, Node], ...] = ()

    @classmethod
    def of(cls, links: Iterable[tuple[Node, Node, Node]]) -> Hierarchy:
        """From (relation, sub, super) links."""
        by_relation: dict[Node, list[tuple[Node, Node]]] = {
            RDFS.subClassOf: [], RDFS.subPropertyOf: [],
        }
        for rel, sub, sup in links:
            if rel in by_relation and isinstance(sub, URIRef) and isinstance(sup, URIRef):
                by_relation[rel].append((sub, sup))
        return cls(tuple(closure(by_relation[RDFS.subClassOf])),
                   tuple(closure(by_relation[RDFS.subPropertyOf])))

    @classmethod
    def of_graph(cls, ontology: Graph) -> Hierarchy:
        return cls.of((p, s, o) for s, p, o in ontology
                      if p in (RDFS.subClassOf, RDFS.subPropertyOf))


def inference_operations(hierarchy: Hierarchy, graph_prefix: str) -> list[str]:
    """Rebuild the inferred graph from the stored data and the given hierarchy."""
    inferred, prefix = nt(URIRef(INFERRED_GRAPH)), nt(Literal(graph_prefix))
    ops = [rq.DROP_GRAPH.format(graph=inferred)]
    for template, pairs in ((rq.INFER_TYPES, hierarchy.classes),
                            (rq.INFER_PROPERTIES, hierarchy.properties)):
        if pairs:
            rows = " ".join(f"({nt(a)} {nt(b)})" for a, b in pairs)
            ops.append(template.format(inferred=inferred, pairs=rows, prefix=prefix, subjects=""))
    return ops


def subject_inference_operations(hierarchy: Hierarchy, graph_prefix: str,
                                 subjects: Iterable[Node]) -> list[str]:
    """Re-derive the inferred triples of ``subjects`` only (IRIs; see ``graph.inference``),
    ``SUBJECTS_PER_OPERATION`` at a time: Virtuoso refuses a VALUES list of thousands
    ("Too many arguments for standard built-in function")."""
    inferred, prefix = nt(URIRef(INFERRED_GRAPH)), nt(Literal(graph_prefix))
    terms = sorted(nt(s) for s in subjects)
    tables = [(template, " ".join(f"({nt(a)} {nt(b)})" for a, b in pairs))
              for template, pairs in ((rq.INFER_TYPES, hierarchy.classes),
                                      (rq.INFER_PROPERTIES, hierarchy.properties))
              if pairs]
    ops: list[str] = []
    for i in range(0, len(terms), SUBJECTS_PER_OPERATION):
        listed = " ".join(terms[i:i + SUBJECTS_PER_OPERATION])
        ops.append(rq.DROP_INFERRED_OF.format(inferred=inferred, subjects=listed))
        only = rq.SUBJECTS.format(listed=listed)
        ops += [template.format(inferred=inferred, pairs=rows, prefix=prefix, subjects=only)
                for template, rows in tables]
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
         graph_prefix: str, subjects: Iterable[Node] | None = None,
         ) -> tuple[list[str], list[str]]:
    """(drop + insert operations, inference operations) for one replace, in order.

    With ``subjects`` (those the replace touches), only their inferred triples are redone.
    """
    names = list(dict.fromkeys([*graphs, *drop]))
    writes = drop_operations(names)
    for name, graph in graphs.items():
        writes += insert_operations(name, graph)
    if subjects is None:
        return writes, inference_operations(hierarchy, graph_prefix)
    return writes, subject_inference_operations(hierarchy, graph_prefix, subjects)
