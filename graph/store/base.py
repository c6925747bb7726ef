"""The one small interface every backend implements, so the application never knows which runs."""

from __future__ import annotations

import abc
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from graph import inference, queries
from graph.namespaces import AUDIT_GRAPH, HIDDEN_GRAPHS, INFERRED_GRAPH

if TYPE_CHECKING:
    from graph.store.faults import Condition

Row = dict[str, Node]
Bindings = Mapping[str, Node]
#: One statement: subject, predicate, object.
Triple = tuple[Node, Node, Node]
#: One stored statement: subject, predicate, object and the IRI of its named graph.
Quad = tuple[Node, Node, Node, str]


class StoreError(Exception):
    """A store could not be opened or could not do what was asked."""


class ReadOnlyStoreError(StoreError):
    """A write was attempted on a store opened read-only."""


class StoreLocked(StoreError):
    """An on-disk store another process holds for writing (a running server, most often):
    the caller can say how to reach that process instead."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class GraphStore(abc.ABC):
    """A quad store with named graphs, queried by SPARQL with bound values.

    Queries see the union of all named graphs as their default graph, as Fuseki's
    ``unionDefaultGraph`` does, so a user need not know which file a triple came from.
    """

    read_only: bool = False
    #: Bumped by every write that lands, so caches built from the store (the REST label index)
    #: know when to rebuild; a backend written by others (a remote engine) cannot keep it.
    generation: int = 0
    #: Human-readable description of the backend, for ``stats`` and the service description.
    description: str = ""

    @property
    def counts_writes(self) -> bool:
        """Whether every write to the store goes through this object, so ``generation`` is
        exact and what was read from it stays true until the counter moves: an embedded store
        opened for writing. Not a remote engine, nor a store read beside another process's
        writer: caches built from those must expire by time."""
        return False

    # -- reading ------------------------------------------------------------------------
    @abc.abstractmethod
    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        """Rows of a SELECT query; unbound variables are absent from a row."""

    def select_stream(self, query: str, bindings: Bindings | None = None) -> Iterator[Row]:
        """``select``'s rows one at a time, where the store can give them so (a query over the
        whole store then never holds all its rows at once)."""
        return iter(self.select(query, bindings))

    @abc.abstractmethod
    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """The answer of an ASK query."""

    @abc.abstractmethod
    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        """The graph a CONSTRUCT or DESCRIBE query builds."""

    @abc.abstractmethod
    def graph_names(self) -> list[str]:
        """IRIs of the named graphs, sorted."""

    @abc.abstractmethod
    def graph(self, name: str) -> Graph:
        """A copy of one named graph's triples (empty when it does not exist)."""

    @abc.abstractmethod
    def quad_count(self, graph: str | None = None) -> int:
        """How many quads the store (or one of its graphs) holds."""

    def quads_about(
        self, nodes: Iterable[Node], *, as_object: bool = False, predicate: URIRef | None = None,
        predicates: Collection[URIRef] | None = None,
    ) -> list[Quad]:
        """Every stored quad whose subject (or, ``as_object``, object) is one of ``nodes``.

        The neighbourhood a write touches is read with this, so validating a write costs what
        the write touches, not what the store holds. ``predicate``, or any of ``predicates``:
        only the quads with it (a hub's thousands of other triples are never read). This
        default asks one bound query per node and works on any backend; the embedded stores
        read their indexes directly and the remote one batches the nodes into a VALUES block.
        """
        query = queries.load("neighbour-quads")
        found: list[Quad] = []
        for node in dict.fromkeys(nodes):
            bindings: dict[str, Node] = {"o" if as_object else "s": node}
            if predicate is not None:
                bindings["p"] = predicate
            for row in self.select(query, bindings):
                if predicates is None or row["p"] in predicates:
                    found.append((row["s"], row["p"], row["o"], str(row["g"])))
        return found

    # -- the audit trail -----------------------------------------------------------------
    @property
    def hidden_graphs(self) -> tuple[str, ...]:
        """Named graphs of the store that the public endpoints must not show: the audit trail,
        kept here as a named graph (``memory:``, ``sparql:``). The embedded Oxigraph store keeps
        its trail in a store of its own, so it has none to hide."""
        return HIDDEN_GRAPHS

    def audit_select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        """Rows of a query on the audit trail (``graph.audit.trail``): here its named graph."""
        return self.select(query, bindings)

    # -- writing ------------------------------------------------------------------------
    @abc.abstractmethod
    def replace_graphs(self, graphs: Mapping[str, Graph], drop: Iterable[str] = (),
                       add: Mapping[str, Graph] | None = None) -> None:
        """Atomically replace each named graph by its new triples, drop others, re-infer;
        then add the triples of ``add`` to their graphs, kept as they are (the audit trail's
        record of the write, which must land with it and is never inferred from).

        Either everything lands or nothing does: readers never see half a write.
        """

    @abc.abstractmethod
    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update (already checked by the caller) and re-infer."""

    def close(self) -> None:  # noqa: B027 - backends without resources need nothing
        """Release files, connections and locks."""

    # -- health -------------------------------------------------------------------------
    def condition(self) -> Condition:
        """Whether the store serves reads and writes now (``/health``): backends that can
        fail on their own (a disk, a remote engine) check and heal here; others are ok."""
        from graph.store.faults import Condition

        return Condition()

    # -- shared helpers -----------------------------------------------------------------
    def dataset(self, exclude: Iterable[str] = ()) -> Dataset:
        """An in-memory copy of the stored named graphs (minus the inferred one and the audit
        trail, which are not data), for SHACL."""
        skip = {INFERRED_GRAPH, AUDIT_GRAPH, *exclude}
        ds = Dataset()
        for name in self.graph_names():
            if name in skip:
                continue
            target = ds.graph(URIRef(name))
            for triple in self.graph(name):
                target.add(triple)
        return ds

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyStoreError(
                "this store is open read-only; writes need the server or a writable store"
            )

    @staticmethod
    def inference_update() -> str:
        """The update that rebuilds the inferred graph (no prologue: callers put one first)."""
        return inference.full_update()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
