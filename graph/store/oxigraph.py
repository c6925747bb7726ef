"""The embedded default backend: a persistent on-disk (or in-memory) Oxigraph store."""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypedDict, Unpack

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from graph.inference import subject_update, touched_subjects
from graph.namespaces import AUDIT_GRAPH, HIDDEN_GRAPHS, sparql_prologue
from graph.rdf.terms import from_ox, to_ox
from graph.store import trail
from graph.store.base import Bindings, GraphStore, Quad, Row, StoreError, StoreLocked
from graph.store.faults import Condition, StorageUnwritable, storage_cause

_log = logging.getLogger(__name__)
#: Seconds between the background checks of a store whose storage failed, doubling from the
#: first; after the last the checks are left to writes and ``/health`` (each at most once per
#: ``RECHECK_EVERY`` seconds).
HEAL_BACKOFF = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0, 60.0, 60.0, 60.0, 60.0)
RECHECK_EVERY = 1.0
#: Bytes that must be free beside the store before it is reopened for writing.
MIN_FREE_BYTES = 1 << 20

_OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_OxGraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


class QueryOptions(TypedDict, total=False):
    """The keyword options of ``pyoxigraph.Store.query`` that ``raw_query`` passes on."""

    base_iri: str | None
    prefixes: dict[str, str] | None
    use_default_graph_as_union: bool
    default_graph: _OxGraphName | list[_OxGraphName] | None
    named_graphs: list[ox.NamedNode | ox.BlankNode] | None


def _substitutions(bindings: Bindings | None) -> dict[ox.Variable, _OxTerm] | None:
    if not bindings:
        return None
    return {ox.Variable(name): to_ox(value) for name, value in bindings.items()}


def _triples_nt(graph: Graph) -> str:
    """N-Triples of a graph, every term escaped by Oxigraph's own serialiser."""
    return "".join(
        f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n"
        for s, p, o in graph
    )


def _open_read_only(path: Path, attempts: int = 8) -> ox.Store:
    """Open read-only beside a live writer, retrying when a compaction swaps files under us."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


class OxigraphStore(GraphStore):
    """pyoxigraph with the union of named graphs as the default graph.

    One process may hold the store for writing; others open it read-only (``read_only=True``)
    so ``query`` and ``stats`` work while ``serve`` runs. Writers are serialised by a lock
    because Oxigraph does not detect every write-write conflict.

    The audit trail is kept in a second Oxigraph store (``graph.store.trail``: ``<path>.audit``
    beside this one), so this one holds data only; ``graph``, ``quad_count`` and
    ``audit_select`` read the trail there, ``replace_graphs`` records there. ``trail=False``
    opens a store without one (the trail store itself).
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 trail: bool = True) -> None:
        self.path = Path(path) if path else None
        self.read_only = read_only
        self._write_lock = threading.Lock()
        #: Held across the three steps of a recorded write (``graph.store.trail``).
        self._record_lock = threading.RLock()
        self._trail: OxigraphStore | None = None
        #: Set while the storage refuses writes (disk full, read-only): reads go on, writes
        #: are refused until a check finds the storage writable again and reopens the store.
        self._fault: StorageUnwritable | None = None
        self._condition = Condition()
        self._checked = 0.0  # monotonic time of the last check of a faulted store
        self._healer: threading.Thread | None = None
        self._read_view = False  # the failed handle was swapped for a read-only view
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(
                        f"no Oxigraph store at {self.path}: run 'diplograph load' first"
                    )
                self._store = _open_read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except (OSError, RuntimeError) as exc:
            message = f"cannot open the Oxigraph store at {self.path}: {exc}"
            if self.path is not None and "lock" in str(exc).lower():
                raise StoreLocked(message, self.path) from exc
            raise StoreError(message) from exc
        where = str(self.path) if self.path else "memory"
        self.description = (
            f"Oxigraph {ox.__version__} ({where}{', read-only' if read_only else ''})"
        )
        #: Whether the data store still holds the trail as a named graph (a store of an earlier
        #: version opened read-only: a writer moves it to the trail store at open).
        self._trail_inside = trail and self._store.contains_named_graph(ox.NamedNode(AUDIT_GRAPH))
        if trail:
            self._open_trail()

    # -- the audit trail's own store (graph.store.trail) ------------------------------------
    def _open_trail(self) -> None:
        """Open the trail store; a writer moves an earlier version's trail into it and
        resolves a record a crash left pending."""
        where = None if self.path is None else trail.trail_path(self.path)
        if self.read_only:
            if where is not None and where.is_dir():
                self._trail = OxigraphStore(where, read_only=True, trail=False)
            return
        self._trail = OxigraphStore(where, trail=False)
        if self._trail_inside:
            self._move_trail_out()
        with self._record_lock:
            self._resolve_pending()

    def _move_trail_out(self) -> None:
        """Move the ``audit`` named graph of a store written by an earlier version into the
        trail store: copied in one transaction of the trail store (adding triples it may hold
        already changes nothing, so a copy cut short by a crash is made again whole at the next
        open), then dropped from the data store in one of its own."""
        assert self._trail is not None
        legacy = ox.NamedNode(AUDIT_GRAPH)
        quads = list(self._store.quads_for_pattern(None, None, None, legacy))
        self._trail.engine.extend(quads)
        self._trail.flush()
        trail.step("copied")
        self._store.remove_graph(legacy)
        self._trail_inside = False
        self.generation += 1
        _log.warning("store %s: moved the audit trail (%d triples) into %s", self.path,
                     len(quads), self._trail.path or "its in-memory store")

    def _resolve_pending(self) -> None:
        """Finish or discard the record a write left pending (record lock held)."""
        assert self._trail is not None
        pending = trail.read_pending(self._trail.engine)
        if pending is None:
            return
        if trail.landed(pending, self._store):
            self._trail.write_raw(trail.finish_update(pending.replaces_trail))
            _log.warning("store %s: a write's audit record was pending and its write is "
                         "in the store: recorded", self.path)
        else:
            self._trail.write_raw(trail.DISCARD_UPDATE)
            _log.warning("store %s: a write's audit record was pending and its write is not "
                         "in the store: the record is dropped", self.path)

    @property
    def hidden_graphs(self) -> tuple[str, ...]:
        return HIDDEN_GRAPHS if self._trail_inside else ()

    def audit_select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        return (self._trail or self).select(query, bindings)

    def trail_quads(self) -> Iterable[ox.Quad]:
        """The quads of the audit trail, kept in the trail store (for ``dump``)."""
        if self._trail is None:
            return iter(())
        return self._trail.engine.quads_for_pattern(None, None, None, ox.NamedNode(AUDIT_GRAPH))

    def write_raw(self, update: str) -> None:
        """Run an update as it is, without inference (the trail store's own writes)."""
        self._check_writable()
        self._run_update(update, "")

    @property
    def counts_writes(self) -> bool:
        return not self.read_only

    @property
    def engine(self) -> ox.Store:
        """The pyoxigraph store, for code that streams results (the SPARQL endpoint)."""
        return self._store

    def raw_query(
        self, query: str, bindings: Bindings | None = None, **kwargs: Unpack[QueryOptions]
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """A pyoxigraph query result, with the union default graph unless graphs are named."""
        if "default_graph" not in kwargs:
            kwargs["use_default_graph_as_union"] = True
        try:
            return self._store.query(query, substitutions=_substitutions(bindings), **kwargs)
        except SyntaxError as exc:
            raise StoreError(f"invalid SPARQL query: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            # Oxigraph substitutes only variables the query projects (SEP-0007).
            raise StoreError(f"query failed: {exc}") from exc

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        return list(self.select_stream(query, bindings))

    def select_stream(self, query: str, bindings: Bindings | None = None) -> Iterator[Row]:
        result = self.raw_query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("select() needs a SELECT query")
        return self._rows(result)

    @staticmethod
    def _rows(result: ox.QuerySolutions) -> Iterator[Row]:
        names = [v.value for v in result.variables]
        for solution in result:
            row: dict[str, Node] = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = from_ox(value)
            yield row

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        # Oxigraph substitutes only projected variables and ASK projects none: with bindings,
        # ask with ``select(... LIMIT 1)`` instead (the engine's error says so).
        result = self.raw_query(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise StoreError("ask() needs an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        result = self.raw_query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise StoreError("construct() needs a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, name: str) -> Graph:
        if name == AUDIT_GRAPH and self._trail is not None:
            return self._trail.graph(name)
        graph = Graph()
        for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return graph

    def quad_count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store)
        if graph == AUDIT_GRAPH and self._trail is not None:
            return self._trail.quad_count(graph)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def quads_about(
        self, nodes: Iterable[Node], *, as_object: bool = False, predicate: URIRef | None = None,
        predicates: Collection[URIRef] | None = None,
    ) -> list[Quad]:
        """Read straight from Oxigraph's indexes: no query to parse, microseconds per node."""
        pred = to_ox(predicate) if predicate is not None else None
        preds = None if predicates is None else {to_ox(p) for p in predicates}
        return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),
                 q.graph_name.value)  # type: ignore[union-attr]  # named graphs only
                for q in self.engine_quads_about(map(to_ox, nodes), as_object=as_object,
                                                 predicate=pred)
                if preds is None or q.predicate in preds]  # fmt: skip

    def engine_quads_about(
        self, terms: Iterable[ox.NamedNode | ox.BlankNode | ox.Literal], *,
        as_object: bool = False, predicate: ox.NamedNode | None = None,
    ) -> list[ox.Quad]:
        """``quads_about`` in Oxigraph's own terms (named graphs only), for callers that keep
        them in Oxigraph: no rdflib term is made (``graph.extract.kb_cache``)."""
        found: list[ox.Quad] = []
        for term in dict.fromkeys(terms):
            if as_object:
                quads = self._store.quads_for_pattern(None, predicate, term, None)
            elif isinstance(term, ox.Literal):
                continue
            else:
                quads = self._store.quads_for_pattern(term, predicate, None, None)
            found.extend(q for q in quads if isinstance(q.graph_name, ox.NamedNode))
        return found

    def replace_graphs(self, graphs: Mapping[str, Graph], drop: Iterable[str] = (),
                       add: Mapping[str, Graph] | None = None) -> None:
        """The data in one transaction of this store; the audit record of ``add`` (and the
        trail a restore replaces, ``graphs[AUDIT_GRAPH]``) in the trail store, by the three
        steps of ``graph.store.trail``."""
        self._check_writable()
        drop = list(drop)
        add = dict(add or {})
        if self._trail is None:
            self._replace_data(graphs, drop, add)
            return
        record = add.pop(AUDIT_GRAPH, None)
        replaces = AUDIT_GRAPH in graphs or AUDIT_GRAPH in drop
        new_trail = (graphs.get(AUDIT_GRAPH) or Graph()) if replaces else None
        graphs = {n: g for n, g in graphs.items() if n != AUDIT_GRAPH}
        drop = [n for n in drop if n != AUDIT_GRAPH]
        if record is None and not replaces:
            self._replace_data(graphs, drop, add)
            return
        counts = trail.expected_counts(graphs, drop)
        with self._record_lock:
            self._resolve_pending()  # left by a write whose failure could not be written down
            self._trail.write_raw(trail.pending_update(record, counts, new_trail))
            trail.step("pending")
            try:
                self._replace_data(graphs, drop, add)
            except Exception:
                self._settle_after_failure()
                raise
            trail.step("data")
            try:
                self._trail.write_raw(trail.finish_update(replaces))
            except StoreError as exc:  # the write landed: its record is finished later
                _log.error("store %s: the write landed but its audit record stays pending "
                           "until the trail store takes writes again: %s", self.path, exc)
            trail.step("finish")

    def _settle_after_failure(self) -> None:
        """After a data transaction that failed: its record goes (decided from the data, in
        case the failure came after the commit); when the trail store cannot take that
        either, the record stays pending and the next write or open resolves it."""
        try:
            self._resolve_pending()
        except StoreError as exc:
            _log.warning("store %s: a failed write's audit record stays pending: %s",
                         self.path, exc)

    def _replace_data(self, graphs: Mapping[str, Graph], drop: list[str],
                      add: Mapping[str, Graph]) -> None:
        if not graphs and not drop and not add:
            return
        operations = [f"DROP SILENT GRAPH {ox.NamedNode(n)}" for n in (*graphs, *drop)]
        body = "".join(
            f"GRAPH {ox.NamedNode(name)} {{\n{_triples_nt(graph)}}}\n"
            for name, graph in graphs.items()
            if len(graph)
        )
        if body:
            operations.append(f"INSERT DATA {{\n{body}}}")
        added = "".join(
            f"GRAPH {ox.NamedNode(name)} {{\n{_triples_nt(graph)}}}\n"
            for name, graph in (add or {}).items()
            if len(graph)
        )
        if added:
            operations.append(f"INSERT DATA {{\n{added}}}")
        subjects = touched_subjects(self._subjects_of((*graphs, *drop)), graphs, drop)
        infer = self.inference_update() if subjects is None else subject_update(subjects)
        self._run_update(" ;\n".join(operations), infer)

    def _subjects_of(self, names: Iterable[str]) -> set[Node]:
        """The subjects stored in the named graphs ``names``."""
        return {
            from_ox(q.subject)
            for name in names
            for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        }

    def update(self, update: str) -> None:
        self._check_writable()
        self._run_update(update, self.inference_update())

    def _run_update(self, update: str, infer: str) -> None:
        # One update request is one Oxigraph transaction: the change and the re-inference
        # land together or not at all.
        tail = f" ;\n{infer}" if infer else ""
        with self._write_lock:
            if self._fault is not None and not self._heal():
                raise self._fault
            try:
                self._store.update(f"{sparql_prologue()}{update}{tail}")
            except SyntaxError as exc:
                raise StoreError(f"invalid SPARQL update: {exc}") from exc
            except OSError as exc:
                cause = storage_cause(exc)
                if cause is None:
                    raise StoreError(f"the store refused the write: {exc}") from exc
                raise self._storage_failed(cause, exc) from exc
            self.generation += 1

    # -- storage faults and healing ---------------------------------------------------------
    def _storage_failed(self, cause: str, exc: BaseException) -> StorageUnwritable:
        """Note that the storage refuses writes and start the background checks.

        RocksDB keeps such an error for the life of the handle (every later write fails the
        same way even once space is back), so healing means reopening the store."""
        self._fault = StorageUnwritable(
            f"the store at {self.path} cannot take writes: {cause} ({exc}); reads keep "
            "working, and writes resume once the storage takes them again", cause)
        if self._condition.move("degraded", cause):
            _log.error("store %s: writes refused: %s (%s)", self.path, cause, exc)
        self._checked = time.monotonic()
        if self.path is not None and (self._healer is None or not self._healer.is_alive()):
            self._healer = threading.Thread(target=self._heal_in_background, daemon=True,
                                            name="store-heal")
            self._healer.start()
        return self._fault

    def _heal_in_background(self) -> None:
        for attempt, pause in enumerate(HEAL_BACKOFF, 1):
            time.sleep(pause)
            if self._fault is None or not hasattr(self, "_store"):
                return
            with self._write_lock:
                if self._fault is None or self._heal():
                    return
            _log.warning("store %s: still unwritable after check %d of %d (%s)", self.path,
                         attempt, len(HEAL_BACKOFF), self._condition.cause)
        _log.error("store %s: gave up checking in the background; each write and /health "
                   "checks again", self.path)

    def _storage_problem(self) -> str | None:
        """Why the store's directory cannot take writes now, or None: a real write is tried."""
        assert self.path is not None
        try:
            stats = os.statvfs(self.path)
            if stats.f_bavail * stats.f_frsize < MIN_FREE_BYTES:
                return "disk full"
            probe = self.path / f".write-check-{os.getpid()}"
            try:
                with probe.open("wb") as handle:
                    handle.write(b"\0" * 4096)
                    handle.flush()
                    os.fsync(handle.fileno())
            finally:
                probe.unlink(missing_ok=True)
        except OSError as exc:
            return storage_cause(exc) or str(exc)
        return None

    def _heal(self) -> bool:
        """Reopen the store for writing if its storage takes writes again (write lock held).

        The failed handle is swapped for a read-only view first (readers go on), released,
        and the store opened again; the generation moves, so every cache built from the store
        is rebuilt from what it holds now."""
        if self._fault is None:
            return True
        if self.path is None:
            return False
        self._checked = time.monotonic()
        problem = self._storage_problem()
        if problem is not None:
            self._condition.move("degraded", problem)
            return False
        if not self._read_view:
            try:
                self._store = _open_read_only(self.path)
            except (OSError, RuntimeError) as exc:
                self._condition.move("degraded", f"cannot reopen: {exc}")
                return False
            self._read_view = True
            gc.collect()  # the failed handle's last references (its RocksDB lock with them)
        for attempt in range(20):
            try:
                self._store = ox.Store(str(self.path))
                break
            except (OSError, RuntimeError) as exc:
                if "lock" not in str(exc).lower() or attempt == 19:
                    _log.warning("store %s: cannot reopen yet: %s", self.path, exc)
                    self._condition.move("degraded", f"cannot reopen: {exc}")
                    return False
                time.sleep(0.05)  # a reader still holds the failed handle
                gc.collect()
        self._read_view = False
        self._fault = None
        self.generation += 1
        self._condition.move("ok", None)
        _log.warning("store %s: storage takes writes again; store reopened", self.path)
        return True

    def condition(self) -> Condition:
        """Degraded while the storage refuses writes; checked again at most once a second."""
        due = self._fault is not None and time.monotonic() - self._checked >= RECHECK_EVERY
        if due and self._write_lock.acquire(timeout=0.5):
            try:
                self._heal()
            finally:
                self._write_lock.release()
        if self._condition.status == "ok" and self._trail is not None:
            return self._trail.condition()  # the trail's disk may be full on its own
        return self._condition

    def flush(self) -> None:
        if not self.read_only and self._fault is None:
            self._store.flush()
        if self._trail is not None:
            self._trail.flush()

    def close(self) -> None:
        kept, self._trail = self._trail, None
        if kept is not None:
            kept.close()
        try:
            self.flush()
        except OSError as exc:  # a full disk: what was acknowledged is in the log already
            _log.warning("store %s: flush on close failed: %s", self.path, exc)
        engine = self._store
        del self._store
        # RocksDB's lock goes with the last reference; a reference cycle (an exception's
        # traceback through a frame that read the store, pyshacl's say) may keep one until
        # the collector runs, and the store could not be opened again in this process
        if sys.getrefcount(engine) > 2:  # this name and the call's argument
            del engine
            gc.collect()
