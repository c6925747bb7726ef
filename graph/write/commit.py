"""The one write path of the server: a change is validated, then committed whole.

A change is the new content of the named graphs it touches (an empty graph: the graph goes).
It is checked against the SHACL shapes as part of the dataset it would produce, on the nodes
the change can affect and the triples their shapes read (``graph.shacl.focus``: the store
conformed before, so the rest still does; a change to the ontology is checked in full), and
either refused with the report, leaving the store untouched, or committed by one
``replace_graphs`` call, which the backends apply as a single transaction together with the
inferred triples of the subjects it touched. Writers are serialised by one process-wide lock,
held from computing the change to committing it, so a change is always computed on the state
it replaces (and Oxigraph, which does not detect every write-write conflict, never sees two).
Caches built from the store may follow each write under the same lock (``on_commit``).

Every write that changes something is recorded in the audit trail (``graph.audit``) by the
same ``replace_graphs`` call, which lands the two all or nothing (``graph.store.trail`` on the
embedded store): its delta is the difference between the graphs as read for validation and
their new content, so recording reads nothing more. A refused write records nothing; the audit
graph itself is written by the server only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from graph._perf import release
from graph.audit.record import activity, delta_of
from graph.namespaces import AUDIT_GRAPH, GRAPH_BASE, INFERRED_GRAPH
from graph.rdf.terms import from_ox
from graph.shacl.focus import changed_subjects, check_change, keep_ontology
from graph.shacl.validate import ValidationResult, Violation
from graph.store import GraphStore, StoreError, settling
from graph.store.faults import StoreTimeout, StoreUnavailable
from graph.write import drain

#: Where triples written to "the default graph" land (SPARQL Update and GSP ``?default``):
#: queries see the union of the named graphs as their default graph, so these show up there.
DEFAULT_WRITE_GRAPH = f"{GRAPH_BASE}default"
#: Seconds a writer waits for another write (validation can take a while) before giving up.
LOCK_WAIT = 120.0

_WRITE_LOCK = threading.Lock()
Changes = Mapping[str, Graph]
#: (store, its generation before the write, the subjects the write touched or None)
Listener = Callable[[GraphStore, int, "set[Node] | None"], None]
_LISTENERS: list[Listener] = []
#: Those of caches only writers read (``on_commit(readers=False)``)
_WRITER_LISTENERS: list[Listener] = []
#: (store, the subjects the write will touch): called before it commits, after validation
Preview = Callable[[GraphStore, "set[Node]"], None]
_PREVIEWS: list[Preview] = []
#: When a write last failed because the engine did not answer, and how.
_ENGINE_FAILED: tuple[float, StoreError] | None = None


class WriteError(ValueError):
    """The change cannot be made at all; the message names the problem (HTTP 400)."""


class WriteBusy(Exception):
    """Another write held the lock for too long (HTTP 503)."""


class WriteRefused(Exception):
    """The change would break the shapes; ``result`` holds the report (HTTP 422)."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__(f"{len(result.violations)} SHACL violation(s); nothing was written")
        self.result = result


@dataclass
class WriteReport:
    #: Triples in each changed graph after the write (0: the graph was removed).
    graphs: dict[str, int] = field(default_factory=dict)
    warnings: int = 0
    validation: ValidationResult | None = None
    #: Seconds spent in each step ("validation", "commit", "caches"), for the benchmarks.
    timings: dict[str, float] = field(default_factory=dict)
    #: Subjects whose triples the write changed (None: unknown, e.g. the ontology changed).
    touched: set[Node] | None = None
    #: The IRI of the write's activity in the audit trail (None: nothing changed).
    activity: str | None = None


def graphs_from_ox(changed: Mapping[str, set[ox.Triple]]) -> dict[str, Graph]:
    """Planned graph contents (pyoxigraph triples) as rdflib graphs, for validation."""
    graphs: dict[str, Graph] = {}
    for name, triples in changed.items():
        graph = Graph()
        for triple in triples:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate),
                       from_ox(triple.object)))
        graphs[name] = graph
    return graphs


def on_commit(listener: Listener, *, readers: bool = True, first: bool = False) -> None:
    """Call ``listener`` after every write that lands, with the write lock still held.

    Caches built from the store (the read model, the extractor's knowledge base) update
    themselves there from the subjects the write touched, so no writer sees them half updated.
    Readers that find a cache behind wait until the listeners are done (``graph.store.settling``);
    ``readers=False`` says no reader uses this cache (only writers, under the lock), so it
    follows the write after they are let go: they do not wait for it. ``first``: before the
    listeners registered so far (the cache most readers wait for, as each cache's readers go
    on once it has followed).
    """
    kept = _LISTENERS if readers else _WRITER_LISTENERS
    if listener not in kept:
        kept.insert(0 if first else len(kept), listener)


def before_commit(listener: Preview) -> None:
    """Call ``listener`` with the subjects a validated write is about to change, just before it
    commits (write lock held): what a cache needs to know of them as they were (which of them
    a view read) before ``on_commit`` tells it they changed. Not called when the subjects are
    unknown (then ``on_commit`` gets None)."""
    if listener not in _PREVIEWS:
        _PREVIEWS.append(listener)


on_commit(keep_ontology)  # the ontology validation reads, kept while writes leave it alone


def _fail_with_engine(began: float) -> None:
    """Fail a writer that queued behind a write the engine did not answer (stopped, gone):
    each would otherwise wait out the time limit in turn, the last many times over."""
    failed = _ENGINE_FAILED
    if failed is not None and failed[0] >= began:
        raise failed[1]


def settle(timeout: float) -> bool:
    """Wait, bounded, for the write in progress to end (shutdown: ``graph.write.drain``)."""
    return drain.settle(_WRITE_LOCK, timeout)


@contextmanager
def exclusive() -> Iterator[None]:
    """Hold the write lock: no write starts until the block ends (``WriteBusy`` after
    ``LOCK_WAIT`` seconds of waiting). For work on state that writes update, such as building
    the extractor's knowledge base."""
    if not _WRITE_LOCK.acquire(timeout=LOCK_WAIT):
        raise WriteBusy(f"another write has been running for over {LOCK_WAIT:.0f} s; retry later")
    try:
        yield
    finally:
        _WRITE_LOCK.release()


def write(store: GraphStore, compute: Callable[[], Changes], *, kind: str = "write",
          reverts: str | None = None) -> WriteReport:
    """Compute a change under the write lock, validate it, and commit it or refuse it whole;
    recorded in the audit trail as a write of ``kind`` (``reverts``: the activity it undoes)."""
    drain.check()
    began = time.monotonic()
    with exclusive():
        _fail_with_engine(began)
        before = store.generation
        try:
            changes = compute()
            started = 0.0
            with settling.following(store):  # readers wait for the listeners, not rebuild
                report = commit(store, changes, kind=kind, reverts=reverts)
                if store.generation != before:
                    started = time.perf_counter()
                    for listener in _LISTENERS:
                        listener(store, before, report.touched)
                        settling.progressed()
            if started:
                for listener in _WRITER_LISTENERS:
                    listener(store, before, report.touched)
                report.timings["caches"] = time.perf_counter() - started
        except (StoreTimeout, StoreUnavailable) as exc:
            global _ENGINE_FAILED
            _ENGINE_FAILED = (time.monotonic(), exc)
            raise
        return report


def dry_run(store: GraphStore, compute: Callable[[], Changes]) -> WriteReport:
    """What ``write`` would do, short of committing: the change computed under the write lock
    and validated the same way, refused with the report (``WriteRefused``) or reported;
    nothing is written, so a store opened read-only will do."""
    with exclusive():
        changes = compute()
        if INFERRED_GRAPH in changes:
            raise WriteError(f"<{INFERRED_GRAPH}> is derived from the other graphs")
        started = time.perf_counter()
        result = check_change(store, changes, changed_subjects(store, changes))
        if not result.conforms:
            raise WriteRefused(result)
        return WriteReport({n: len(g) for n, g in changes.items()}, len(result.warnings),
                           result, {"validation": time.perf_counter() - started})


def commit(store: GraphStore, changes: Changes, *, kind: str = "write",
           reverts: str | None = None) -> WriteReport:
    """Validate and commit ``changes`` with their audit record (call with the write lock held,
    through ``write``)."""
    if INFERRED_GRAPH in changes:
        raise WriteError(f"<{INFERRED_GRAPH}> is derived from the other graphs and rebuilt after "
                         "every write; write to the graphs it is inferred from")
    if AUDIT_GRAPH in changes:
        raise WriteError(f"<{AUDIT_GRAPH}> records who changed what and is written by the "
                         "server only; leave it out of the write")
    if not changes:
        return WriteReport()
    started = time.perf_counter()
    old = {name: store.graph(name) for name in changes}  # read once: diff, validation, audit
    try:
        touched = changed_subjects(store, changes, old)  # also what inference and caches use
        result = check_change(store, changes, touched)
        if not result.conforms:
            raise WriteRefused(result)
        if touched is not None:
            for preview in _PREVIEWS:
                preview(store, touched)
        validated = time.perf_counter()
        delta = delta_of(old, changes)
    finally:  # copies read for this write only: freed now, not by the next full collection
        release(*old.values())
    iri, record = activity(kind, delta, reverts=reverts) if delta else (None, None)
    store.replace_graphs({n: g for n, g in changes.items() if len(g)},
                         drop=[n for n, g in changes.items() if not len(g)],
                         add={AUDIT_GRAPH: record} if record is not None else None)
    timings = {"validation": validated - started, "commit": time.perf_counter() - validated}
    return WriteReport({n: len(g) for n, g in changes.items()}, len(result.warnings), result,
                       timings, touched, None if iri is None else str(iri))


def _term(node: Any) -> str | None:
    return None if node is None else str(node)


def violation_json(violation: Violation) -> dict[str, str | None]:
    return {
        "focus_node": _term(violation.focus_node),
        "shape": _term(violation.source_shape),
        "path": _term(violation.path),
        "message": violation.message,
        "severity": _term(violation.severity),
        "value": _term(violation.value),
    }


def refusal_json(result: ValidationResult) -> dict[str, Any]:
    """The body of a 422: what broke which shape, in data a client can act on."""
    return {
        "detail": f"the write would break {len(result.violations)} SHACL constraint(s); "
                  "nothing was written",
        "conforms": False,
        "violations": [violation_json(v) for v in result.violations],
        "warnings": [violation_json(v) for v in result.warnings],
    }
