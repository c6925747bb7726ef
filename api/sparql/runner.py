"""Where and how the endpoint evaluates a query or plans an update, within the time limit.

Measured on pyoxigraph 0.5: evaluation releases the GIL (other requests keep being served while
a query runs in a thread), but cannot be interrupted, and an aggregate or ORDER BY over a
cartesian product computes for minutes inside ``Store.query`` before its first solution. So:

* On-disk Oxigraph store (every deployment): queries and update planning go to a small pool of
  worker processes (``api.sparql.pool``) that read the store read-only. At the limit the worker
  is killed and replaced: the client gets a 503 within the limit, and the CPU is freed too. A
  query that crashes the engine kills only its worker.
* In-memory Oxigraph, rdflib memory and remote stores (tests, throwaway sessions, an external
  engine with its own limits): evaluated in a thread of this process with a large stack. The
  client still gets its 503 at the limit and streaming answers stop at the next solution, but a
  query blocked inside the engine runs on in its abandoned thread until it ends. Serve real
  traffic from an on-disk store.

``query`` is awaited on the event loop; ``plan_update`` blocks, so the update router runs it in
a worker thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, TypeVar

import pyoxigraph as ox
from fastapi.concurrency import run_in_threadpool
from rdflib import Graph
from rdflib.term import Node

from api.sparql import eval as ev
from api.sparql.pool import PoolBusy, QueryPool, WorkerDied, WorkerTimeout
from api.sparql.worker import STACK_BYTES
from graph.namespaces import HIDDEN_GRAPHS
from graph.rdf.terms import to_ox
from graph.sparql.text import SparqlTextError, with_base
from graph.store import GraphStore, StoreError
from graph.store.base import Row
from graph.store.faults import StorageUnwritable, StoreTimeout, StoreUnavailable
from graph.store.oxigraph import OxigraphStore
from graph.store.remote.client import GivenDataset, RemoteStore
from graph.write import update_plan

T = TypeVar("T")
_STACK_LOCK = threading.Lock()


def in_thread(work: Callable[[], T], timeout: float) -> T:
    """``work()`` in a fresh big-stack thread, waited for at most ``timeout`` seconds."""
    future: Future[T] = Future()

    def target() -> None:
        try:
            future.set_result(work())
        except BaseException as exc:
            future.set_exception(exc)

    with _STACK_LOCK:
        old = threading.stack_size(STACK_BYTES)
        try:
            threading.Thread(target=target, daemon=True, name="sparql-eval").start()
        finally:
            threading.stack_size(old)
    try:
        return future.result(timeout=timeout)
    except TimeoutError:
        raise ev.QueryTimeout("the query ran past its time limit") from None


class QueryRunner:
    """Evaluates protocol queries and plans updates for one store."""

    def __init__(self, store: GraphStore, timeout: float, pool_size: int | None = None) -> None:
        self.store = store
        self.timeout = timeout
        path = store.path if isinstance(store, OxigraphStore) else None
        self._pool = QueryPool(path, pool_size) if path is not None else None
        #: Queries and update plans stopped at the time limit, by operation (for /metrics).
        self.timeouts: dict[str, int] = {"query": 0, "update": 0}
        self._timeouts_lock = threading.Lock()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    # -- queries ----------------------------------------------------------------------------
    async def query(self, request: ev.QueryRequest, form: str | None) -> ev.Answer:
        """The answer, awaited: the pool's pipe is watched by the event loop (no thread
        hand-off per query); the other stores evaluate in a thread."""
        with self._counting_timeouts("query"):
            return await self._query(request, form)

    async def _query(self, request: ev.QueryRequest, form: str | None) -> ev.Answer:
        if self._pool is None:
            return await run_in_threadpool(self._query_here, request, form)
        # vars(), not asdict(): asdict deep-copies the prefix table on every query.
        request_json = {"op": "query", "query": vars(request), "generation": self.store.generation}
        with _pool_errors():
            header, body = await self._pool.run_async(request_json, self.timeout)
        _raise_for(header)
        return ev.Answer(header["kind"], header["format"], body, header["truncated"],
                         header["count"])  # fmt: skip

    def _query_here(self, request: ev.QueryRequest, form: str | None) -> ev.Answer:
        deadline = time.monotonic() + self.timeout
        if isinstance(self.store, OxigraphStore):
            engine = self.store.engine
            return in_thread(lambda: ev.evaluate(engine, request, deadline), self.timeout)
        return in_thread(lambda: _generic(self.store, request, form, deadline), self.timeout)

    # -- updates ----------------------------------------------------------------------------
    def plan_update(self, update: str, *, default_target: str, derived: str,
                    base_iri: str | None = None,
                    hidden: Sequence[str] = ()) -> dict[str, update_plan.Triples]:
        """The graphs an update would change, and their new content (nothing is written).

        Planned by Oxigraph whatever the store (on a copy), so ``base_iri`` is passed to it
        beside the text on every backend. The ``hidden`` graphs are left out of the copy."""
        with self._counting_timeouts("update"):
            return self._plan_update(update, default_target=default_target, derived=derived,
                                     base_iri=base_iri, hidden=list(hidden))

    def _plan_update(self, update: str, *, default_target: str, derived: str,
                     base_iri: str | None, hidden: list[str]) -> dict[str, update_plan.Triples]:
        if self._pool is not None:
            request = {"op": "update", "update": update, "prefixes": None,
                       "default_target": default_target, "derived": derived,
                       "base_iri": base_iri, "hidden": hidden,
                       "generation": self.store.generation}  # fmt: skip
            with _pool_errors():
                header, body = self._pool.run(request, self.timeout)
            _raise_for(header)
            return update_plan.from_nquads(body, header["changed"])

        def work() -> dict[str, update_plan.Triples]:
            before = _snapshot(self.store)
            try:
                return update_plan.plan(before, update, default_target=default_target,
                                        derived=derived, base_iri=base_iri, hidden=hidden)
            except SyntaxError as exc:
                raise ev.QuerySyntaxError(str(exc)) from None
            except (OSError, RuntimeError, ValueError) as exc:
                raise ev.EngineError(str(exc)) from None

        if not isinstance(self.store, RemoteStore):
            return in_thread(work, self.timeout)
        # the engine's own time limit (the same) answers first, as the engine's fault; a plan
        # still waiting on the engine past it is one too (writes queued behind fail with it)
        try:
            return in_thread(work, self.timeout + 0.5)
        except ev.QueryTimeout:
            raise StoreTimeout(f"the SPARQL engine did not answer within {self.timeout:g} s "
                               "while the update was planned") from None

    @contextmanager
    def _counting_timeouts(self, operation: str) -> Iterator[None]:
        try:
            yield
        except ev.QueryTimeout:
            with self._timeouts_lock:  # updates are planned in several threads at once
                self.timeouts[operation] += 1
            raise


@contextmanager
def _pool_errors() -> Iterator[None]:
    """The pool's failures as the endpoint's errors."""
    try:
        yield
    except WorkerTimeout:
        raise ev.QueryTimeout("the query ran past its time limit and was stopped") from None
    except WorkerDied as exc:
        if exc.status is not None and exc.status < 0:  # a signal: the engine crashed
            raise ev.EngineCrashed(str(exc)) from None
        raise ev.Busy(f"the query workers cannot run: {exc}") from None
    except PoolBusy:
        raise ev.Busy("every query worker stayed busy until the time limit") from None


def _raise_for(header: dict[str, Any]) -> None:
    """The error a worker reported in its answer's header, raised here."""
    if header["ok"]:
        return
    error, message = header["error"], header["message"]
    if error == "syntax":
        raise ev.QuerySyntaxError(message)
    if error == "kind":
        raise ev.WrongKind(message)
    if error == "store":
        raise ev.Busy(f"the query workers cannot open the store: {message}")
    raise ev.EngineError(message)


def ox_triple(triple: tuple[Node, Node, Node]) -> ox.Triple:
    """An rdflib triple as a pyoxigraph one (for Oxigraph's serialisers)."""
    return ox.Triple(*(to_ox(t) for t in triple))  # type: ignore[arg-type]  # each term fits its place; to_ox's type is any term


def _snapshot(store: GraphStore) -> dict[str, update_plan.Triples]:
    if isinstance(store, OxigraphStore):
        return update_plan.snapshot(store.engine)
    return {name: {ox_triple(triple) for triple in store.graph(name)}
            for name in store.graph_names()}


def _select(store: GraphStore, query: str, given: GivenDataset | None) -> list[Row]:
    if given is not None and isinstance(store, RemoteStore):
        return store.select(query, dataset=given)
    return store.select(query)


def _ask(store: GraphStore, query: str, given: GivenDataset | None) -> bool:
    if given is not None and isinstance(store, RemoteStore):
        return store.ask(query, dataset=given)
    return store.ask(query)


def _construct(store: GraphStore, query: str, given: GivenDataset | None) -> Graph:
    if given is not None and isinstance(store, RemoteStore):
        return store.construct(query, dataset=given)
    return store.construct(query)


def _generic(store: GraphStore, request: ev.QueryRequest, form: str | None,
             deadline: float) -> ev.Answer:
    """A query through the GraphStore interface, for backends that are not Oxigraph."""
    given = None
    if request.default_graphs is not None or request.named_graphs is not None:
        if not isinstance(store, RemoteStore):
            raise ev.EngineError("default-graph-uri and named-graph-uri need the Oxigraph "
                                 "store or a sparql: engine; use FROM and FROM NAMED instead")
        given = (request.default_graphs or [], request.named_graphs or [])
    if isinstance(store, RemoteStore):
        given = _shown_dataset(store, request, given)
    query = request.query
    try:
        if request.base_iri is not None:  # these stores take the text alone: BASE goes in it
            query = with_base(query, str(ox.NamedNode(request.base_iri)))
    except (SparqlTextError, ValueError):
        pass  # no usable base: relative IRIs stay unresolved, and the parser says so
    try:
        if form == "SELECT":
            rows = _select(store, query, given)
            names = list(dict.fromkeys(name for row in rows for name in row))
            cells = ([to_ox(row[n]) if n in row else None for n in names] for row in rows)
            return ev.solutions(names, cells, _wanted(request, "results"), request.max_rows,
                                deadline)
        if form == "ASK":
            return ev.boolean(_ask(store, query, given), _wanted(request, "results"))
        if form in ("CONSTRUCT", "DESCRIBE"):
            graph: Graph = _construct(store, query, given)
            found = (ox_triple(triple) for triple in graph)
            return ev.triples(found, _wanted(request, "graph"), request.max_rows,
                              request.prefixes, deadline)
    except (StoreUnavailable, StoreTimeout, StorageUnwritable):
        raise  # the engine's fault, not the query's: answered as such (api.faults)
    except StoreError as exc:
        raise ev.EngineError(str(exc)) from None
    raise ev.QuerySyntaxError("cannot tell the query form: expected SELECT, ASK, CONSTRUCT or "
                              "DESCRIBE after the prologue")


def _shown_dataset(store: RemoteStore, request: ev.QueryRequest,
                   given: GivenDataset | None) -> GivenDataset | None:
    """The dataset sent to the engine, without the ``hidden`` graphs: the protocol's less
    those, else (while the engine holds one) our other graphs, from the store's cached list of
    graph names. ``None``: the store's usual dataset. A query whose own FROM or FROM NAMED names
    a hidden graph is refused: Virtuoso lets those clauses win over the protocol's dataset."""
    hidden = set(request.hidden)
    if given is not None or not request.union:  # names graphs: the loads under way now
        hidden |= store.loading()
    if not hidden:
        return given
    if given is None and not request.union:
        default, named = ev.declared_dataset(request.query, request.base_iri)
        named_hidden = sorted(hidden & {*default, *named})
        if named_hidden:
            why = ("the audit trail is read through GET /audit, with a token"
                   if named_hidden[0] in HIDDEN_GRAPHS else "a bulk load is filling it")
            raise ev.EngineError(f"<{named_hidden[0]}> is not served here ({why})")
        return None
    if given is not None:
        return ([g for g in given[0] if g not in hidden], [g for g in given[1] if g not in hidden])
    names = store.graph_names()
    if hidden.isdisjoint(names):
        return None
    shown = [g for g in names if g not in hidden]
    return shown, shown


def _wanted(request: ev.QueryRequest, kind: str) -> str:
    name = request.formats.get(kind)
    if name is None:
        raise ev.WrongKind(kind)
    return name
