"""The inferred graph, kept up to date by one strategy per engine, all deriving the same triples.

The inferred graph holds the ``rdf:type`` closure over ``rdfs:subClassOf`` and the
sub-property closure, read from the ontology graph. Four strategies build it, side by side
here, with all their SPARQL in ``graph/queries``:

- **full** (embedded engines, SPARQL Update): ``materialise-types.ru`` drops the graph and
  derives it again from the whole dataset, ~35 s at 1M triples.
- **per subject** (embedded engines, after a write): every inferred triple has the subject
  of the asserted triple it comes from, so when the ontology is unchanged a write can only
  change the inferred triples of the subjects whose asserted triples it adds or removes:
  those are deleted (``inferred-drop-of.ru``) and derived again from the whole dataset
  (``materialise-types-of.ru``), in the same update request as the write.
- **remote** (an external engine): the same, with the ontology's closures computed here and
  listed in the request (``remote-infer-*.ru``), because Virtuoso cannot evaluate
  ``rdfs:subClassOf+`` with both ends free; only the application's graphs are read. A bulk
  load there keeps its graph's inferences in a part of its own (``INFERRED_PART_BASE``, see
  ``graph.write.remote_bulk``): a re-inference takes a subject's out of every part, a rebuild
  drops the parts.
- **bulk** (the embedded Oxigraph store, after a bulk load): Python over Oxigraph's indexes,
  a third of the update's time, adding a new graph's consequences without a transaction.

Subjects reach the updates as N-Triples terms serialised by Oxigraph (``graph.rdf.terms.nt``),
the project's one safe way to put a term into SPARQL text (an update takes no bindings),
at the ``#@name`` markers of the files. Blank nodes cannot be named in an update, so a write
touching one, or touching the ontology, or too many subjects to list, rebuilds the whole
graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from graph import queries
from graph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, is_inferred_part
from graph.rdf.hierarchy import ancestors
from graph.rdf.terms import nt

#: Above this many touched subjects a full rebuild is as cheap as listing them.
MAX_SUBJECTS = 20_000
#: Subjects listed in one remote re-inference operation (Virtuoso caps the length of a VALUES
#: list: "Too many arguments for standard built-in function").
SUBJECTS_PER_OPERATION = 500


def touched_subjects(
    old: Iterable[Node], graphs: Mapping[str, Graph], drop: Iterable[str]
) -> set[Node] | None:
    """Subjects whose inferred triples a replace may change, or None for a full rebuild.

    ``old`` are the subjects of the replaced and dropped graphs as stored; the new content
    adds its own.
    """
    if ONTOLOGY_GRAPH in graphs or ONTOLOGY_GRAPH in set(drop):
        return None
    subjects = set(old)
    for graph in graphs.values():
        subjects.update(graph.subjects())
    if len(subjects) > MAX_SUBJECTS or any(isinstance(s, BNode) for s in subjects):
        return None
    return subjects


# ---------------------------------------------------------------------------------- the files
@cache
def _template(name: str, options: frozenset[str] = frozenset()) -> str:
    """Update ``name`` with ``options`` enabled and its comment lines left out (requests to a
    remote engine are packed by size)."""
    text = queries.with_options(queries.body(name), name, options)
    return "\n".join(line for line in text.splitlines()
                     if line.strip() and not line.lstrip().startswith("#")).strip()


def _fill(text: str, **lists: str) -> str:
    """``text`` with each ``#@name`` marker replaced by ``lists[name]``: N-Triples terms
    (``graph.rdf.terms.nt``) and parentheses only, never request text."""
    for name, terms in lists.items():
        marker = f"#@{name}"
        if marker not in text:
            raise KeyError(f"no marker {marker} in the update")
        text = text.replace(marker, terms)
    return text


def _listed(subjects: Iterable[Node]) -> str:
    return " ".join(sorted(nt(s) for s in subjects))


# ---------------------------------------------------------------------------------- embedded
def full_update() -> str:
    """The update that rebuilds the inferred graph (no prologue: callers put one first)."""
    return queries.body("materialise-types")


def subject_update(subjects: Iterable[Node]) -> str:
    """The update that re-derives the inferred triples of ``subjects`` (IRIs; no prologue
    needed), or "" for none."""
    terms = _listed(subjects)
    if not terms:
        return ""
    drop = _fill(_template("inferred-drop-of"), subjects=terms)
    return drop + " ;\n" + _fill(_template("materialise-types-of"), subjects=terms)


# ---------------------------------------------------------------------------------- remote
def closure(links: Iterable[tuple[Node, Node]]) -> list[tuple[Node, Node]]:
    """(sub, super) for every chain of one or more links, as ``rdfs:subClassOf+`` gives."""
    return sorted((sub, sup) for sub, sups in ancestors(links).items() for sup in sups)


@dataclass(frozen=True)
class Hierarchy:
    """The ontology's subclass and sub-property closures, for an engine that cannot derive
    them itself. IRIs only: a VALUES block cannot carry blank nodes."""

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

    def tables(self) -> list[tuple[str, str]]:
        """(update name, its listed pairs) for each closure that has pairs."""
        return [(name, " ".join(f"({nt(a)} {nt(b)})" for a, b in pairs))
                for name, pairs in (("remote-infer-types", self.classes),
                                    ("remote-infer-properties", self.properties))
                if pairs]


def _prefixes(graph_prefix: str | Sequence[str]) -> str:
    """The prefix, or several, as the literals of the templates' ``VALUES ?prefix`` list."""
    listed = [graph_prefix] if isinstance(graph_prefix, str) else list(graph_prefix)
    return " ".join(nt(Literal(p)) for p in listed)


def remote_full_operations(hierarchy: Hierarchy, graph_prefix: str | Sequence[str],
                           parts: Iterable[str] = ()) -> list[str]:
    """Operations that rebuild the inferred graph from the stored data under ``graph_prefix``
    (one prefix or several) and the given hierarchy; the inferred graphs of bulk loads
    (``parts``) are dropped, their triples derived again into the one inferred graph."""
    prefix = _prefixes(graph_prefix)
    drops = [part_drop(part) for part in parts]
    return [_template("inferred-drop"), *drops, *(
        _fill(_template(name), pairs=rows, prefix=prefix) for name, rows in hierarchy.tables())]


def part_drop(part: str) -> str:
    """The operation that drops one bulk load's inferred graph (``is_inferred_part``)."""
    if not is_inferred_part(part):
        raise ValueError(f"{part} is not the inferred graph of a bulk load")
    return f"DROP SILENT GRAPH {nt(URIRef(part))}"


def remote_subject_operations(hierarchy: Hierarchy, graph_prefix: str | Sequence[str],
                              subjects: Iterable[Node]) -> list[str]:
    """Operations that re-derive the inferred triples of ``subjects`` only (IRIs),
    ``SUBJECTS_PER_OPERATION`` at a time: removed from the inferred graph and the bulk loads'
    parts of it, derived again into the inferred graph."""
    prefix = _prefixes(graph_prefix)
    terms = sorted(nt(s) for s in subjects)
    tables = hierarchy.tables()
    only = frozenset({"subjects"})
    ops: list[str] = []
    for i in range(0, len(terms), SUBJECTS_PER_OPERATION):
        listed = " ".join(terms[i:i + SUBJECTS_PER_OPERATION])
        ops.append(_fill(_template("remote-inferred-drop-of"), subjects=listed))
        ops += [_fill(_template(name, only), subjects=listed, pairs=rows, prefix=prefix)
                for name, rows in tables]
    return ops


# ---------------------------------------------------------------------------------- bulk
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
_SUBPROPERTY = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
_Subject = ox.NamedNode | ox.BlankNode | ox.Triple


def _engine_closure(engine: ox.Store, relation: ox.NamedNode) -> dict[_Subject, set[_Subject]]:
    """Every class (property) of the ontology with all its super-classes (-properties)."""
    links = engine.quads_for_pattern(None, relation, None, ox.NamedNode(ONTOLOGY_GRAPH))
    return ancestors((q.subject, q.object) for q in links if isinstance(q.object, ox.NamedNode))


def _bulk_inferred(engine: ox.Store, only: ox.NamedNode | None) -> Iterator[ox.Quad]:
    """The consequences of the asserted type and sub-property triples of graph ``only`` (of
    every named graph but the inferred one when None), into the inferred graph.

    Type triples are read class by class, only for the classes that have a super-class: at
    a million triples, a fifth faster than reading every type triple and looking its class up.
    """
    inferred = ox.NamedNode(INFERRED_GRAPH)
    named = ox.NamedNode
    for cls, supers in _engine_closure(engine, _SUBCLASS).items():
        above = list(supers)
        for quad in engine.quads_for_pattern(None, _RDF_TYPE, cls, only):
            if type(quad.graph_name) is named and quad.graph_name != inferred:
                subject = quad.subject
                for sup in above:
                    yield ox.Quad(subject, _RDF_TYPE, sup, inferred)
    # Properties are IRIs (RDF has no blank or quoted predicates).
    properties = cast("dict[ox.NamedNode, set[ox.NamedNode]]",
                      _engine_closure(engine, _SUBPROPERTY))
    for prop, sups in properties.items():
        for quad in engine.quads_for_pattern(None, prop, None, only):
            if type(quad.graph_name) is named and quad.graph_name != inferred:
                for sup in sups:
                    yield ox.Quad(quad.subject, sup, quad.object, inferred)


def materialise_bulk(engine: ox.Store, only: ox.NamedNode | None = None) -> None:
    """Add what graph ``only`` implies to the inferred graph, or rebuild it from every graph.

    As materialise-types.ru would, from Oxigraph's indexes: the update takes ~35 s at a million
    triples, this a third of that. A new graph only adds consequences, so when the rest of the
    store is already inferred (every write keeps it so) its own are added and nothing is
    removed: clearing a large inferred graph alone takes seconds. Like the bulk load itself
    this is not one transaction: the loader runs it before it reports success, and any later
    write rebuilds the graph the transactional way.
    """
    inferred = list(_bulk_inferred(engine, only))  # read everything before the graph is cleared
    if only is None:
        engine.remove_graph(ox.NamedNode(INFERRED_GRAPH))
    engine.bulk_extend(inferred)
