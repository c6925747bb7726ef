"""SHACL on a neighbourhood instead of the whole graph: what a write adds and what it touches.

Full-graph pyshacl costs about a minute per 20k triples here, so a write into a large store
cannot afford it. A node's shapes look at its own triples and, through ``sh:class`` and the
SPARQL constraints, at the nodes it points at (their types, a document's text), so the data
validated is the focus nodes' triples plus those of every IRI they point at, read from every
named graph. Only results whose focus node is one of the focus nodes count: a neighbour's own
links are cut at the edge of the sample and would be blamed wrongly. Inbound constraints (a
node that something else must point at) are outside this scheme.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from graph.namespaces import ONTOLOGY_GRAPH
from graph.store import GraphStore
from graph.terms import from_ox, to_ox
from graph.validate import ValidationResult, load_ontology, validate


def neighbourhood(engine: ox.Store, nodes: list[ox.Node], extra: Graph | None = None) -> Graph:
    """The nodes' triples and those of every IRI they point at, from every named graph."""
    out = Graph()
    if extra is not None:
        out += extra
    seen: set[ox.Node] = set()
    frontier = list(nodes)
    if extra is not None:
        frontier += [to_ox(o) for o in extra.objects() if isinstance(to_ox(o), ox.NamedNode)]
    for depth in range(2):
        following: list[ox.Node] = []
        for node in frontier:
            if node in seen:
                continue
            seen.add(node)
            for quad in engine.quads_for_pattern(node, None, None, None):
                out.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
                if depth == 0 and isinstance(quad.object, ox.NamedNode):
                    following.append(quad.object)
        frontier = following
    return out


def validate_focus(store: GraphStore, data: Graph, focus: set[Node]) -> ValidationResult:
    """Validate ``data``, keeping only the results about ``focus`` nodes."""
    ontology = store.graph(ONTOLOGY_GRAPH)
    result = validate(data, ontology if len(ontology) else load_ontology())
    kept = [v for v in result.violations if v.focus_node in focus]
    return ValidationResult(
        conforms=not kept,
        violations=kept,
        warnings=[w for w in result.warnings if w.focus_node in focus],
        report_text=result.report_text,
        report_graph=result.report_graph,
    )


def check_write(store: GraphStore, engine: ox.Store, added: Graph) -> ValidationResult:
    """Validate a graph about to be written, with the stored nodes it points at.

    The focus is every subject of ``added`` (inserted triples on existing nodes included).
    """
    subjects = {s for s in added.subjects() if not isinstance(to_ox(s), ox.BlankNode)}
    data = neighbourhood(engine, [to_ox(s) for s in subjects], extra=added)  # type: ignore[misc]
    return validate_focus(store, data, set(subjects))
