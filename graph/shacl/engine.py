"""One pyshacl run, with the shapes read once per process instead of once per validation.

``pyshacl.validate`` builds its view of the shapes (a ``ShapesGraph``: every shape with its
targets and parameters) on each call, from a shapes graph it then adds triples to; with the
copy of the shapes that this forces on us, and targets rewritten for the focus nodes, that
was ~25 ms of every write. The shapes only change when their files do, so the view is built
once per parsed template (``graph.shacl.validate._template``) and kept.

A run is the loop of pyshacl's ``Validator.run``: the ontology is mixed into the data (what
``inoculate`` adds of it worked out once per ontology), every
shape is validated, and pyshacl builds the report. With focus nodes, each shape is handed
the focus nodes its targets select (what ``graph.shacl.validate`` documents for ``focus``) instead
of finding its targets in the data; the other nodes of the data are context, not checked.
(Not pyshacl's ``focus_nodes`` option, which also filters the value nodes that ``sh:node``
and ``sh:qualifiedValueShape`` check, so a literal would never fail ``dgsh:EnglishLiteral``.)
SHACL-AF rules, functions and custom targets are not run here; shapes that declare any are
refused (``UnsupportedShapes``).

Two of pyshacl's per-validation costs are cut where ``Shape.validate`` keeps its parameter
table (``graph._perf.patch_pyshacl``, applied by the first run): the parameter list answers
``in`` from a set, and each constraint component is built once per kept shape. Both only
change how pyshacl finds and builds components, not what they check; and the same patch
has SPARQL constraints ask which focus nodes have rows in one query
(``graph.shacl.batched_sparql``) before pyshacl runs them for those nodes alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from pyshacl.functions import gather_functions
from pyshacl.graph_abstraction import DataGraph
from pyshacl.pytypes import SHACLExecutor
from pyshacl.rdfutil.inoculate import inoculate
from pyshacl.rules import gather_rules
from pyshacl.shape import Shape
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.target import gather_target_types
from pyshacl.validator import Validator
from rdflib import Graph
from rdflib.term import Node

from graph import _perf
from graph.shacl.batched_sparql import BatchedSPARQLBasedConstraint

__all__ = ["Kinds", "run"]

#: The classes each focus node is an instance of, superclasses included.
Kinds = Mapping[Node, Collection[Node]]


class UnsupportedShapes(ValueError):
    """The shapes use SHACL-AF features (rules, functions, custom targets) a run skips."""


@dataclass(frozen=True)
class _Targets:
    """A shape's target declarations, read once."""

    classes: frozenset[Node]
    subjects_of: frozenset[Node]
    objects_of: frozenset[Node]
    nodes: frozenset[Node]

    def select(self, focus: Collection[Node], kinds: Kinds, data: Graph) -> list[Node]:
        """The focus nodes these targets pick out of ``data``."""
        if not (self.nodes or self.classes or self.subjects_of or self.objects_of):
            return []  # most property shapes: reached through a node shape only
        return [node for node in focus
                if node in self.nodes
                or not self.classes.isdisjoint(kinds.get(node, ()))
                or any((node, p, None) in data for p in self.subjects_of)
                or any((None, p, node) in data for p in self.objects_of)]


@dataclass(frozen=True)
class _Compiled:
    template: Graph
    shapes_graph: ShapesGraph
    shapes: list[tuple[Shape, _Targets]]


_EXECUTOR = SHACLExecutor(advanced_mode=True, allow_warnings=True)
_LOCK = threading.Lock()
_kept: list[_Compiled] = []
_kept_shapes: set[Shape] = set()
#: Forgets the components built for the kept shapes (None: the pyshacl patch is off).
_forget_built: Callable[[], None] | None = None


def _compile(template: Graph) -> _Compiled:
    """pyshacl's view of the shapes in ``template``, built once per template."""
    global _forget_built
    with _LOCK:
        if _kept and _kept[0].template is template:
            return _kept[0]
        if not _kept:  # the first run: components of kept shapes are built once (graph._perf)
            _forget_built = _perf.patch_pyshacl(
                _kept_shapes, {SPARQLBasedConstraint: BatchedSPARQLBasedConstraint})
        graph = Graph(store="SimpleMemory")
        for prefix, namespace in template.namespaces():
            graph.bind(prefix, namespace, override=True)
        graph += template  # ShapesGraph adds triples to the graph it is given
        shapes_graph = ShapesGraph(graph)
        harvested = list(shapes_graph.shapes)  # what the gather_* functions look shapes up in
        if (gather_target_types(shapes_graph) or gather_functions(_EXECUTOR, shapes_graph)
                or gather_rules(_EXECUTOR, shapes_graph)):
            raise UnsupportedShapes("the shapes use SHACL-AF rules, functions or target types")
        shapes = []
        for shape in harvested:
            shape.set_advanced(True)
            if shape.advanced_target():
                raise UnsupportedShapes(f"{shape.node} has a SHACL-AF target (sh:target)")
            shapes.append((shape, _Targets(
                classes=frozenset([*shape.target_classes(), *shape.implicit_class_targets()]),
                subjects_of=frozenset(shape.target_subjects_of()),
                objects_of=frozenset(shape.target_objects_of()),
                nodes=frozenset(shape.target_nodes()),
            )))
        if _forget_built is not None:
            _forget_built()
        _kept[:] = [_Compiled(template, shapes_graph, shapes)]
        _kept_shapes.clear()
        _kept_shapes.update(shape for shape, _targets in shapes)
        return _kept[0]


#: Per ontology graph kept by ``graph.shacl.validate`` (the last two): what pyshacl's
#: ``inoculate`` adds of it to a data graph, and the prefixes it binds there.
_INOCULATED: list[tuple[Graph, list[tuple[Node, Node, Node]], list[tuple[str, Any]]]] = []


def _inoculation(ontology: Graph) -> tuple[list[tuple[Node, Node, Node]], list[tuple[str, Any]]]:
    """The triples and prefixes pyshacl's ``inoculate`` mixes into a data graph from
    ``ontology``, worked out once per ontology object: it walks the ontology's classes and
    properties node by node (a third of a write's validation) to add the same few hundred
    triples every run. Its blank-node copies are shared by the runs, each on a graph of its own.
    """
    with _LOCK:
        for graph, triples, prefixes in _INOCULATED:
            if graph is ontology:
                return triples, prefixes
    probe = Graph(store="SimpleMemory")
    inoculate(probe, ontology)  # type: ignore[arg-type]  # reads and adds as on a DataGraph
    found = (list(probe), list(ontology.namespaces()))
    with _LOCK:
        _INOCULATED[:] = [*_INOCULATED[-1:], (ontology, *found)]
    return found


def run(data: Graph, ontology: Graph, shapes: Graph,
        focus: tuple[Collection[Node], Kinds] | None = None) -> tuple[bool, Graph, str]:
    """Validate ``data`` (modified: the ontology is mixed in) against ``shapes`` (a template
    that is never modified) as ``pyshacl.validate`` does: ``(conforms, report graph, report
    text)``. ``focus``: the only nodes to check and the classes of each, so that the shapes
    targeting a class select the focus nodes of its subclasses too.

    Callers serialise runs (pyshacl patches rdflib module-wide while it runs).
    """
    compiled = _compile(shapes)
    selected = [targets.select(focus[0], focus[1], data) if focus is not None else None
                for _shape, targets in compiled.shapes]  # before the ontology is mixed in
    mixed, prefixes = _inoculation(ontology)
    bound = {prefix for prefix, _namespace in data.namespaces()}
    for prefix, namespace in prefixes:
        if prefix not in bound:  # as inoculate binds them
            data.bind(prefix, namespace)
    data.addN((s, p, o, data) for s, p, o in mixed)
    target = DataGraph.from_rdflib(data)
    reports = []
    conforms = True
    for (shape, _targets), nodes in zip(compiled.shapes, selected, strict=True):
        if nodes is not None and not nodes:
            continue
        shape_conforms, found = shape.validate(_EXECUTOR, target, focus=nodes)  # type: ignore[arg-type]  # focus nodes are terms; pyshacl wants them narrower than Node
        conforms = conforms and shape_conforms
        reports.extend(found)
    report_graph, report_text = Validator.create_validation_report(
        compiled.shapes_graph, conforms, reports)
    return conforms, report_graph, report_text
