"""SHACL-SPARQL constraints (``sh:select``) decided by Oxigraph, not by rdflib's engine.

pyshacl runs every SPARQL constraint once per focus node, as a query on the data graph with
``$this`` pre-bound. rdflib evaluates such a query in pure Python, about a millisecond each:
more than half of validating a write, which runs some 150 of them. Oxigraph answers the same
query in tens of microseconds, parsing included.

SHACL core still runs in pyshacl on the rdflib graph; only the graph's ``query`` changes.
The first query after the graph last changed copies its triples into an in-memory Oxigraph
store (a write's neighbourhood: a millisecond or two). Pre-bound variables become Oxigraph
``substitutions``, which follow SEP-0007, the pre-binding SHACL prescribes (as rdflib's
``initBindings`` do: the value is seen inside ``FILTER NOT EXISTS`` too).

Oxigraph decides whether a focus node violates a constraint: almost always it does not, and
that answer is final. When it finds rows, the query is run again by rdflib, whose rows are
the ones returned, so a report reads exactly as before: the two engines differ on what some
rows hold (rdflib's ``SUBSTR`` slices like Python for negative offsets, and a message quotes
what it computed), not on whether there are any (checked on every shape fixture and
hundreds of random edits of the curated graph). Only invalid data pays for rdflib, and each
distinct query text is parsed by it once.

Where a constraint's form allows it, which focus nodes have rows at all is asked of Oxigraph
once for all of them (``nodes_with_rows``, used by ``graph.shacl.batched_sparql``), and only
those nodes reach the per-node queries.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from graph.rdf.terms import to_ox
from graph.shacl.batched_sparql import FOCUS

__all__ = ["OxigraphQueryGraph"]


@lru_cache(maxsize=512)
def _prepared(text: str) -> Query:
    """A SPARQL query parsed by rdflib once: parsing costs it ~0.1 s, evaluating a few ms."""
    return prepareQuery(text)


def _no_rows(variables: Iterable[ox.Variable]) -> Result:
    """An empty SELECT result, as rdflib's ``Graph.query`` would return it."""
    result = Result("SELECT")
    result.vars = [Variable(v.value) for v in variables]
    result.bindings = []
    return result


class OxigraphQueryGraph(Graph):
    """An rdflib graph whose SPARQL queries Oxigraph answers first, on a copy of its triples.

    The copy is made at the first query and dropped by any change to the graph, so a query
    always sees what the graph holds (pyshacl mixes the ontology in before it queries).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._engine: ox.Store | None = None
        self._unreadable = False  # a term Oxigraph refuses (a language tag it rejects)
        self._blank: dict[BNode, ox.BlankNode] = {}

    # -- keeping the copy true to the graph -------------------------------------------
    def add(self, triple: Any) -> OxigraphQueryGraph:
        self._engine, self._unreadable = None, False
        super().add(triple)
        return self

    def addN(self, quads: Iterable[Any]) -> OxigraphQueryGraph:
        self._engine, self._unreadable = None, False
        super().addN(quads)
        return self

    def remove(self, triple: Any) -> OxigraphQueryGraph:
        self._engine, self._unreadable = None, False
        super().remove(triple)
        return self

    def _term(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        """``term`` for Oxigraph; blank nodes get ids of its own, since an rdflib label need
        not be a valid one and only whether a query has answers is read back."""
        if isinstance(term, BNode):
            return self._blank.setdefault(term, ox.BlankNode())
        return to_ox(term)

    def _substitutions(self, bindings: Mapping[Any, Any]) -> dict[ox.Variable, Any]:
        """Pre-bound variables (rdflib's ``initBindings``) as Oxigraph ``substitutions``."""
        return {ox.Variable(str(name)): self._term(value) for name, value in bindings.items()}

    def _oxigraph(self) -> ox.Store | None:
        """The copy of the graph in Oxigraph, or None when a term cannot be copied."""
        if self._engine is None and not self._unreadable:
            engine = ox.Store()
            try:
                engine.extend(ox.Quad(self._term(s), self._term(p), self._term(o))  # type: ignore[arg-type]  # rdflib types each position Node; each term fits its place
                              for s, p, o in self)
            except ValueError:
                self._unreadable = True
                return None
            self._engine = engine
        return self._engine

    # -- querying ---------------------------------------------------------------------
    def nodes_with_rows(self, text: str, bindings: Mapping[str, Any],
                        nodes: Collection[Node]) -> set[Node] | None:  # fmt: skip
        """The ``nodes`` the SELECT ``text`` has rows for, each put in the graph ``FOCUS``
        as ``(node FOCUS FOCUS)`` for the query to join (``graph.shacl.batched_sparql``);
        None when Oxigraph cannot answer (a term or the text it refuses)."""
        engine = self._oxigraph()
        if engine is None:
            return None
        focus = ox.NamedNode(FOCUS)
        ours = {self._term(node): node for node in nodes}
        try:
            engine.extend(ox.Quad(term, focus, focus, focus) for term in ours)  # type: ignore[arg-type]  # a literal focus node is refused (TypeError)
            rows = engine.query(text, substitutions=self._substitutions(bindings))
            if not isinstance(rows, ox.QuerySolutions):
                return None
            return {ours[row[0]] for row in rows}
        except (SyntaxError, TypeError, ValueError):
            return None
        finally:
            engine.clear_graph(focus)

    def query(
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Mapping[str, Any] | None = None,  # rdflib's parameter names
        initBindings: Mapping[str, Any] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Any:
        """``Graph.query`` for a SPARQL text: a SELECT without rows is Oxigraph's answer; any
        other (rows, ASK, CONSTRUCT, an extra namespace, a prepared query) is rdflib's."""
        if isinstance(query_object, str) and processor == "sparql" and result == "sparql" \
                and not initNs and not kwargs:
            engine = self._oxigraph()
            answer = None
            if engine is not None:
                try:
                    answer = engine.query(query_object,
                                          substitutions=self._substitutions(initBindings or {}))
                except (SyntaxError, ValueError):  # rdflib may read what Oxigraph refuses
                    answer = None
            if isinstance(answer, ox.QuerySolutions) and next(iter(answer), None) is None:
                return _no_rows(answer.variables)
            # Oxigraph's answers may only be dropped on the thread that made them: release it
            # here, before rdflib's evaluation, whose frames a traceback may keep for the
            # garbage collector to drop on another thread (a RuntimeError in the gc).
            answer = None
            query_object = _prepared(query_object)
        return super().query(query_object, processor, result, initNs, initBindings,
                             use_store_provided, **kwargs)
