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
- **bulk** (the embedded Oxigraph store, beside a bulk load): the consequences of the file's
  triples read from the file itself (``derive_from_file``) and bulk-loaded while the loader
  still writes the file, or, where the file cannot give them (blank nodes, a rebuild's other
  graphs), a ``CONSTRUCT`` per class and per super-property (``bulk-infer-*.rq``) answered as
  N-Triples in Rust, side by side (``store_bulk_inferences``): a new graph's consequences
  added without a transaction.

Subjects reach the updates as N-Triples terms serialised by Oxigraph (``graph.rdf.terms.nt``),
the project's one safe way to put a term into SPARQL text (an update takes no bindings),
at the ``#@name`` markers of the files. Blank nodes cannot be named in an update, so a write
touching one, or touching the ontology, or too many subjects to list, rebuilds the whole
graph.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from graph import queries
from graph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, is_inferred_part
from graph.rdf.hierarchy import ancestors
from graph.rdf.scan import triples_naming
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
_SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
_SUBPROPERTY = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_Subject = ox.NamedNode | ox.BlankNode | ox.Triple
#: Lines of derived N-Triples joined and encoded at a time (a few MB each, not one big string).
_CHUNK = 65_536


def _engine_closure(engine: ox.Store, relation: ox.NamedNode) -> dict[_Subject, set[_Subject]]:
    """Every class (property) of the ontology with all its super-classes (-properties)."""
    links = engine.quads_for_pattern(None, relation, None, ox.NamedNode(ONTOLOGY_GRAPH))
    return ancestors((q.subject, q.object) for q in links if isinstance(q.object, ox.NamedNode))


#: One CONSTRUCT of the bulk strategy: its text and the variables Oxigraph substitutes.
BulkQuery = tuple[str, dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]]


def bulk_queries(engine: ox.Store, only: ox.NamedNode | None) -> list[BulkQuery]:
    """The CONSTRUCTs deriving what the asserted types and sub-property triples of graph
    ``only`` imply (of every named graph but the inferred one when None): one per class with
    a super-class, one per (property, super-property) pair, so they can run side by side."""
    graph = {} if only is None else {ox.Variable("g"): only}
    found: list[BulkQuery] = []
    types = _template("bulk-infer-types")
    for cls, supers in _engine_closure(engine, _SUBCLASS).items():
        if isinstance(cls, ox.Triple):  # no quoted triple is a class
            continue
        listed = ", ".join(sorted(str(s) for s in supers))  # IRIs: Oxigraph's own N-Triples
        found.append((_fill(types, supers=listed), {ox.Variable("class"): cls, **graph}))
    prop = _template("bulk-infer-property")
    for sub, sups in _engine_closure(engine, _SUBPROPERTY).items():
        if isinstance(sub, ox.NamedNode):  # RDF has no blank or quoted predicates
            found += [(_fill(prop, super=str(sup)), {ox.Variable("property"): sub, **graph})
                      for sup in sorted(sups, key=str)]
    return found


def bulk_derive(engine: ox.Store, query: BulkQuery) -> bytes:
    """One of ``bulk_queries`` answered as N-Triples, in Rust: it runs without the GIL."""
    text, bound = query
    answer = cast("ox.QueryTriples", engine.query(text, substitutions=bound))
    return cast(bytes, answer.serialize(format=ox.RdfFormat.N_TRIPLES))  # no output: bytes


def bulk_write(engine: ox.Store, parts: Iterable[bytes], *, rebuild: bool) -> None:
    """Store the derived triples in the inferred graph; ``rebuild``: replacing what it held.

    Oxigraph's bulk loader gives blank nodes new names, so triples about blank nodes are
    parsed and added as they are (slower; the project's data has none).
    """
    inferred = ox.NamedNode(INFERRED_GRAPH)
    data = b"".join(parts)
    if rebuild:
        engine.remove_graph(inferred)
    if not data:
        return
    if b"_:" not in data:
        engine.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES, to_graph=inferred,
                         lenient=True)  # our own serialiser's output: valid already
        return
    # Serialised N-Triples end every line with " .\n" and escape newlines in literals.
    quads = data.replace(b" .\n", b" " + str(inferred).encode() + b" .\n")
    engine.bulk_extend(ox.parse(input=quads, format=ox.RdfFormat.N_QUADS))


@dataclass(frozen=True)
class FileInferences:
    """What ``derive_from_file`` read: the file's triples, counted as a loader counts them (a
    triple repeated in the file counts each time), and its consequences as N-Triples chunks,
    or None when a derived triple names a blank node: the loader renames those, so they are
    derived from the store instead (``bulk_queries``)."""

    triples: int
    chunks: list[bytes] | None


def derive_from_file(engine: ox.Store, path: Path, fmt: ox.RdfFormat,
                     stop: threading.Event | None = None) -> FileInferences | None:
    """What the type and sub-property triples of the file at ``path`` imply, read from the
    file itself; None once ``stop`` is set (the loader failed: what was read is of no use).

    Run in a thread while Oxigraph's loader writes the same file (the loader releases the GIL
    but, on two cores, wants both at times), so the file is searched for the lines of those
    predicates and only they are parsed (``graph.rdf.scan``).
    """
    classes: dict[object, list[str]] = {  # looked up by any object, a literal too
        cls: [f" {_RDF_TYPE} {sup} .\n" for sup in sorted(map(str, sups))]
        for cls, sups in _engine_closure(engine, _SUBCLASS).items()}
    properties = {prop: [f" {sup} " for sup in sorted(map(str, sups))]
                  for prop, sups in _engine_closure(engine, _SUBPROPERTY).items()}
    wanted = [_RDF_TYPE, *(p for p in properties if isinstance(p, ox.NamedNode))]
    chunks: list[bytes] = []
    lines: list[str] = []
    read = 0
    for count, triples in triples_naming(path, fmt, wanted):
        if stop is not None and stop.is_set():
            return None
        read += count
        for triple in triples:
            predicate = triple.predicate
            if predicate == _RDF_TYPE:
                if tails := classes.get(triple.object):
                    subject = str(triple.subject)
                    lines += [subject + tail for tail in tails]
            elif middles := properties.get(predicate):
                subject, obj = str(triple.subject), str(triple.object)
                lines += [f"{subject}{middle}{obj} .\n" for middle in middles]
        if len(lines) >= _CHUNK:
            chunks.append("".join(lines).encode())
            lines.clear()
    chunks.append("".join(lines).encode())
    # "_:" in a literal only sends the file the slower way
    blank = any(b"_:" in chunk for chunk in chunks)
    return FileInferences(read, None if blank else chunks)


def store_bulk_inferences(engine: ox.Store, graphs: Sequence[ox.NamedNode | None],
                          pool: Executor, *, rebuild: bool) -> None:
    """Store in the inferred graph what ``graphs`` imply (None: every graph but the inferred
    one), derived in the store by ``bulk_queries`` side by side in ``pool``; ``rebuild``:
    replacing what the inferred graph held. (A file's own consequences are stored as they are
    read, by ``derive_from_file``'s caller.)

    As materialise-types.ru would, from Oxigraph's indexes, without its transaction: a new
    graph only adds consequences, so when the rest of the store is already inferred (every
    write keeps it so) nothing is removed (clearing a large inferred graph alone takes
    seconds), and any later write keeps the graph the transactional way. Called from a worker
    of ``pool`` it waits for the queries it submits: the pool needs a worker free for them.
    """
    found = [query for graph in graphs for query in bulk_queries(engine, graph)]
    derived = pool.map(lambda query: bulk_derive(engine, query), found)
    bulk_write(engine, derived, rebuild=rebuild)
