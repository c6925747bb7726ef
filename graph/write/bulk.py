"""Loading a large file fast: Oxigraph's bulk loader, then SHACL on a stratified sample.

pyshacl needs about a minute per 20k triples on this project's shapes, so the validated
loader (``graph.write.files.load``) cannot take a million-triple file. The bulk path streams the
file into its named graph with ``Store.bulk_load`` (parsing in Rust, no rdflib graph), then
validates a sample: up to ``per_class`` resources of every class the file types, each with
its own triples and those of the nodes it points at (types, document texts), against the full
shapes. Only violations whose focus node is a sampled resource count, so a neighbour cut off
at the sample's edge is not blamed. What is validated is therefore *every shape on a sample of
every class*, not every node: a malformed resource outside the sample gets in. On a violation
the file's graph is dropped again, and because the bulk path refuses a graph that already
exists, a refused load leaves the store as it was.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from graph import queries
from graph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
from graph.rdf.hierarchy import ancestors
from graph.rdf.terms import from_ox
from graph.shacl.focus import neighbourhood, validate_focus
from graph.store import GraphStore
from graph.write.files import (
    LoadError,
    LoadReport,
    ValidationFailed,
    bundled_ontology,
    graph_name_for,
)

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
_SUBPROPERTY = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
_Subject = ox.NamedNode | ox.BlankNode | ox.Triple
FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE, ".nq": None}


@dataclass
class BulkReport(LoadReport):
    """A load report that also says how much of the file the SHACL check saw."""

    sampled_nodes: int = 0
    sampled_triples: int = 0


#: The ``offset``-th resource of ``?class`` in graph ``?g`` (an integer we draw, never input).
_MEMBER = "SELECT ?g ?class ?s WHERE {{ GRAPH ?g {{ ?s a ?class }} }} OFFSET {offset:d} LIMIT 1"


def _sample(
    engine: ox.Store, graph: ox.NamedNode, per_class: int, seed: int
) -> list[ox.NamedNode | ox.BlankNode]:
    """Up to ``per_class`` typed subjects of every class in ``graph``, chosen by ``seed``.

    Counted and picked by offset inside Oxigraph: reading every type triple into Python to
    choose among them took over a second at a million triples.
    """
    g = ox.Variable("g")
    sizes = cast(  # a SELECT query answers solutions
        ox.QuerySolutions,
        engine.query(queries.load("bulk-class-sizes"), substitutions={g: graph}),
    )
    rng = random.Random(seed)
    chosen: list[ox.NamedNode | ox.BlankNode] = []
    for row in sorted(sizes, key=lambda r: str(r["class"])):
        cls, size = row["class"], int(row["n"].value)
        for offset in sorted(rng.sample(range(size), min(per_class, size))):
            found = cast(ox.QuerySolutions,  # a SELECT query answers solutions
                         engine.query(_MEMBER.format(offset=offset),
                                      substitutions={g: graph, ox.Variable("class"): cls}))
            chosen.extend(solution["s"] for solution in found)
    return list(dict.fromkeys(chosen))


def _closure(engine: ox.Store, relation: ox.NamedNode) -> dict[_Subject, set[_Subject]]:
    """Every class (property) of the ontology with all its super-classes (-properties)."""
    links = engine.quads_for_pattern(None, relation, None, ox.NamedNode(ONTOLOGY_GRAPH))
    return ancestors((q.subject, q.object) for q in links if isinstance(q.object, ox.NamedNode))


def _inferred(engine: ox.Store, only: ox.NamedNode | None) -> Iterator[ox.Quad]:
    """The consequences of the asserted type and sub-property triples of graph ``only`` (of
    every named graph but the inferred one when None), into the inferred graph.

    Type triples are read class by class, only for the classes that have a super-class: at
    a million triples, a fifth faster than reading every type triple and looking its class up.
    """
    inferred = ox.NamedNode(INFERRED_GRAPH)
    named = ox.NamedNode
    for cls, supers in _closure(engine, _SUBCLASS).items():
        above = list(supers)
        for quad in engine.quads_for_pattern(None, RDF_TYPE, cls, only):
            if type(quad.graph_name) is named and quad.graph_name != inferred:
                subject = quad.subject
                for sup in above:
                    yield ox.Quad(subject, RDF_TYPE, sup, inferred)
    # Properties are IRIs (RDF has no blank or quoted predicates).
    properties = cast("dict[ox.NamedNode, set[ox.NamedNode]]", _closure(engine, _SUBPROPERTY))
    for prop, sups in properties.items():
        for quad in engine.quads_for_pattern(None, prop, None, only):
            if type(quad.graph_name) is named and quad.graph_name != inferred:
                for sup in sups:
                    yield ox.Quad(quad.subject, sup, quad.object, inferred)


def materialise(engine: ox.Store, only: ox.NamedNode | None = None) -> None:
    """Add what graph ``only`` implies to the inferred graph, or rebuild it from every graph.

    As materialise-types.ru would, from Oxigraph's indexes: the update takes ~35 s at a million
    triples, this a third of that. A new graph only adds consequences, so when the rest of the
    store is already inferred (every write keeps it so) its own are added and nothing is
    removed: clearing a large inferred graph alone takes seconds. Like the bulk load itself
    this is not one transaction: the loader runs it before it reports success, and any later
    write rebuilds the graph the transactional way.
    """
    inferred = list(_inferred(engine, only))  # read everything before the graph is cleared
    if only is None:
        engine.remove_graph(ox.NamedNode(INFERRED_GRAPH))
    engine.bulk_extend(inferred)


def bulk_load(store: GraphStore, path: Path, *, per_class: int = 4, seed: int = 0,
              progress: Callable[[str], None] | None = None) -> BulkReport:
    """Stream ``path`` into its own named graph, sample-validate it, add its inferences.

    Only the embedded Oxigraph store has a bulk loader; the file's graph must not exist yet
    (load it with ``graph.write.files.load`` to replace a graph atomically). ``progress`` is told
    each step as it starts (the CLI's spinner): a million triples take about twenty seconds.
    """
    step = progress or (lambda _text: None)
    engine = getattr(store, "engine", None)
    if not isinstance(engine, ox.Store):
        raise LoadError("the bulk loader needs the embedded Oxigraph store (oxigraph:PATH)")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(f"{path.name}: the bulk loader reads .nt or .ttl files")
    name = graph_name_for(path)
    try:
        target = ox.NamedNode(name)
    except ValueError as exc:
        raise LoadError(f"{path.name}: the file name does not make a graph IRI ({exc})") from exc
    if name in store.graph_names():
        raise LoadError(f"{name} is already loaded: the bulk loader only adds new graphs")
    inferred_before = ONTOLOGY_GRAPH in store.graph_names()  # writes keep the rest inferred
    if not inferred_before:
        store.replace_graphs({ONTOLOGY_GRAPH: bundled_ontology()})
    step(f"{path.name}: bulk loading")
    try:
        engine.bulk_load(path=str(path), format=fmt, to_graph=target)
    except (SyntaxError, OSError, ValueError) as exc:
        store.update(f"DROP SILENT GRAPH {target}")
        raise LoadError(f"{path.name}: {exc}; nothing was written") from exc
    nodes = _sample(engine, target, per_class, seed)
    step(f"{path.name}: SHACL on a sample of {len(nodes)} nodes")
    data = neighbourhood(engine, nodes)
    result = validate_focus(store, data, {from_ox(n) for n in nodes})
    if not result.conforms:
        store.update(f"DROP SILENT GRAPH {target}")
        raise ValidationFailed(result)
    step(f"{path.name}: inferring types and super-properties")
    materialise(engine, target if inferred_before else None)
    store.generation += 1  # the views and caches built before the load are stale
    count = cast(ox.QuerySolutions,  # a SELECT query answers solutions
                 engine.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH {target} {{ ?s ?p ?o }} }}"))
    triples = int(next(iter(count))["n"].value)
    return BulkReport(
        graphs={name: triples},
        validation=result,
        sampled_nodes=len(nodes),
        sampled_triples=len(data),
    )
