"""An rdflib in-memory backend: no files, for tests and throwaway sessions."""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Mapping
from typing import cast

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier, Node

from graph.inference import subject_update, touched_subjects
from graph.namespaces import INFERRED_GRAPH, sparql_prologue
from graph.store.base import Bindings, GraphStore, Quad, Row, StoreError

# rdflib's SPARQL parser and evaluator are not thread-safe: one lock for every query.
_RDFLIB_LOCK = threading.RLock()


class MemoryStore(GraphStore):
    """rdflib ``Dataset`` whose default graph is the union of its named graphs."""

    description = "rdflib in memory"

    def __init__(self) -> None:
        self._ds = Dataset(default_union=True)

    @property
    def counts_writes(self) -> bool:
        return not self.read_only

    def _query(self, query: str, bindings: Bindings | None) -> Result:
        # Bound values are terms (Identifier); the binding type, ``Node``, also spans graphs.
        init = cast("dict[str, Identifier]", dict(bindings or {}))
        with _RDFLIB_LOCK:
            try:
                return self._ds.query(query, initBindings=init)
            except Exception as exc:  # rdflib raises pyparsing and assorted errors
                raise StoreError(f"query failed: {exc}") from exc

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        result = self._query(query, bindings)
        if result.type != "SELECT":
            raise StoreError("select() needs a SELECT query")
        names = [str(v) for v in result.vars or []]
        rows = cast("Iterable[ResultRow]", result)  # a SELECT result iterates as rows
        with _RDFLIB_LOCK:
            return [
                {n: row[i] for i, n in enumerate(names) if row[i] is not None} for row in rows
            ]

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        result = self._query(query, bindings)
        if result.type != "ASK":
            raise StoreError("ask() needs an ASK query")
        return bool(result.askAnswer)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        result = self._query(query, bindings)
        if result.type not in ("CONSTRUCT", "DESCRIBE"):
            raise StoreError("construct() needs a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for triple in cast("Iterable[tuple[Node, Node, Node]]", result):  # a graph result's triples
            graph.add(triple)
        return graph

    def graph_names(self) -> list[str]:
        return sorted(
            str(g.identifier)
            for g in self._ds.graphs()
            if isinstance(g.identifier, URIRef)
            and len(g)
            and not str(g.identifier).startswith("urn:x-rdflib")
        )

    def graph(self, name: str) -> Graph:
        copy = Graph()
        for triple in self._ds.graph(URIRef(name)):
            copy.add(triple)
        return copy

    def quad_count(self, graph: str | None = None) -> int:
        if graph is not None:
            return len(self._ds.graph(URIRef(graph)))
        return sum(len(self._ds.graph(URIRef(n))) for n in self.graph_names())

    def quads_about(
        self, nodes: Iterable[Node], *, as_object: bool = False, predicate: URIRef | None = None,
        predicates: Collection[URIRef] | None = None,
    ) -> list[Quad]:
        """Read the dataset's indexes directly instead of one SPARQL query per node."""
        found: list[Quad] = []
        with _RDFLIB_LOCK:
            for node in dict.fromkeys(nodes):
                if not as_object and isinstance(node, Literal):
                    continue
                pattern = (None, predicate, node) if as_object else (node, predicate, None)
                for s, p, o, g in self._ds.quads((*pattern, None)):
                    name = getattr(g, "identifier", g)
                    if predicates is not None and p not in predicates:
                        continue
                    if isinstance(name, URIRef) and not str(name).startswith("urn:x-rdflib"):
                        found.append((s, p, o, str(name)))
        return found

    def replace_graphs(self, graphs: Mapping[str, Graph], drop: Iterable[str] = (),
                       add: Mapping[str, Graph] | None = None) -> None:
        self._check_writable()
        drop = list(drop)
        add = add or {}
        with _RDFLIB_LOCK:
            saved = {n: self.graph(n) for n in (*graphs, *drop, *add)}
            old = {s for graph in saved.values() for s in graph.subjects()}
            saved[INFERRED_GRAPH] = self.graph(INFERRED_GRAPH)  # rolled back on failure too
            subjects = touched_subjects(old, graphs, drop)
            infer = (self.inference_update() if subjects is None
                     else subject_update(subjects))
            try:
                for name in (*graphs, *drop):
                    self._ds.remove_graph(URIRef(name))
                for name, triples in graphs.items():
                    target = self._ds.graph(URIRef(name))
                    for triple in triples:
                        target.add(triple)
                if infer:
                    self._ds.update(sparql_prologue() + infer)
                for name, triples in add.items():
                    target = self._ds.graph(URIRef(name))
                    for triple in triples:
                        target.add(triple)
            except Exception:
                self._restore(saved)
                raise
            self.generation += 1

    def update(self, update: str) -> None:
        self._check_writable()
        with _RDFLIB_LOCK:
            saved = {n: self.graph(n) for n in self.graph_names()}
            try:
                self._ds.update(update)
                self._ds.update(sparql_prologue() + self.inference_update())
            except Exception as exc:
                self._restore(saved, full=True)
                raise StoreError(f"update failed: {exc}") from exc
            self.generation += 1

    def _restore(self, saved: Mapping[str, Graph], full: bool = False) -> None:
        """Put graphs back as they were: rdflib has no transactions, so we keep a copy."""
        if full:
            for name in self.graph_names():
                if name not in saved:
                    self._ds.remove_graph(URIRef(name))
        for name, triples in saved.items():
            self._ds.remove_graph(URIRef(name))
            target = self._ds.graph(URIRef(name))
            for triple in triples:
                target.add(triple)
