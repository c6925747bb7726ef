"""The performance patches, in one place: each measured, version-checked, and switchable off.

Each one changes how fast something runs, never what it returns:

- ``paused_gc``: Python's cyclic garbage collector paused while a large view is built or
  written. The claims view of a million triples allocates millions of dicts, lists and tuples
  that stay alive until it is done, and each full collection walks all of them (about half a
  second on the benchmark store), several times as the heap grows, for no garbage: nothing a
  view builds is cyclic. Reference counting frees everything as usual during the pause, and
  cycles made meanwhile (by any thread) are collected once the last pause ends.
- ``freeze_heap``: every object alive moved out of the collector's reach (``gc.freeze``), once
  a server has warmed its caches. The extractor's knowledge base is half a million
  long-lived objects, and each full collection walked them all, 0.3 to 1.2 s landing on
  whichever request was running. It holds no cycles, so reference counting still frees what a
  later refresh replaces. Process-wide, so only the server's start-up calls it, never a
  library function. Full collections are then made ten times rarer (every 100 collections
  of the middle generation, not 10): each walks every object made since the freeze (the
  caches each write makes anew: the label index's lists, the read model's rows, the views),
  50-400 ms at 1M triples every three seconds under a continuous writer, a stall of every
  thread. The cycles a write leaves are few (its rdflib graphs are let go of at once,
  ``release``), so waiting longer for them costs little memory.
- ``cap_malloc_arenas``: glibc's malloc keeps up to eight arenas per core, one taken by each
  thread that allocates at once, and a server's thread pools, RocksDB's threads and the
  writer's validation each leave memory freed in their own arena that the process keeps. Two
  arenas on this two-core target: the peak resident memory of a 10M-triple server under
  writes is the figure it serves (``docs/performance.md``). Process-wide, so only the server's
  start-up calls it, before its store opens its threads.
- ``patch_pyshacl``: pyshacl's table of constraint parameters (``pyshacl.shape.
  CONSTRAINT_PARAMS``, where ``Shape.validate`` keeps it) replaced by one whose list answers
  ``in`` from a set and whose components are built once per kept shape
  (``graph.shacl.engine``), SPARQL constraints asking one query for all their focus nodes
  (``graph.shacl.batched_sparql``). Written for pyshacl 0.40.
- ``add_keyed_edges``: edges put into a ``MultiDiGraph``'s adjacency (``_succ``/``_pred``)
  the way ``add_edge`` puts them, without its checks and copies: a view has over a hundred
  thousand edges, and ``add_edge`` was a tenth of an export. Written for networkx 3.

``DIPLOGRAPH_PERF_PATCHES=0`` (or ``off``) turns all of them off: the public APIs run
instead, for the same results. A comma-separated list of patch names (``PATCHES``) keeps only
those on, so one patch can be ruled out at a time (``paused_gc,networkx``). A patch whose
library has another version than the one it was written for is skipped, with a warning in
the log.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from importlib.metadata import version
from typing import Any

import networkx as nx

__all__ = ["ENV", "add_keyed_edges", "cap_malloc_arenas", "enabled", "freeze_heap",
           "patch_pyshacl", "paused_gc"]

#: The environment variable that switches every patch off ("0" or "off"); on by default.
ENV = "DIPLOGRAPH_PERF_PATCHES"
#: The names the setting's list form accepts, one per patch.
PATCHES = ("paused_gc", "freeze_heap", "malloc_arenas", "pyshacl", "networkx")
_OFF = frozenset({"0", "off", "false", "no"})
_ON = frozenset({"1", "on", "true", "yes", ""})
#: The library versions (prefixes) each patch was written and measured against.
PYSHACL_VERSION = "0.40."
NETWORKX_VERSION = "3."

_log = logging.getLogger(__name__)


def enabled(patch: str | None = None) -> bool:
    """Whether ``patch`` is on (without a name: whether any is), from ``DIPLOGRAPH_PERF_PATCHES``
    read at each use, so a test or an operator can switch one off without a restart of Python.
    """
    value = os.environ.get(ENV, "1").strip().lower()
    if value in _ON or value in _OFF:
        return value in _ON
    kept = {name.strip() for name in value.split(",") if name.strip()}
    unknown = kept - set(PATCHES)
    if unknown:
        raise ValueError(f"{ENV}: unknown patch {sorted(unknown)}; known: {', '.join(PATCHES)}")
    return bool(kept) if patch is None else patch in kept


def _written_for(library: str, found: str, expected: str) -> bool:
    if found.startswith(expected):
        return True
    _log.warning("%s %s: the fast path written for %sx is skipped", library, found, expected)
    return False


# ---------------------------------------------------------------------------------- the collector
class _Pauses:
    """Nested and concurrent pauses: the first disables the collector, the last restores it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.was_enabled = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        if not enabled("paused_gc"):
            yield
            return
        with self.lock:
            if self.depth == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.depth += 1
        try:
            yield
        finally:
            with self.lock:
                self.depth -= 1
                if self.depth == 0 and self.was_enabled:
                    gc.enable()


#: ``with paused_gc(): ...`` around building or writing a large view.
paused_gc = _Pauses()


#: Middle-generation collections between two full ones once the heap is frozen (Python's
#: default: 10).
FULL_COLLECTION_EVERY = 100


def freeze_heap() -> bool:
    """Collect once, then move every live object out of the collector's reach, and make full
    collections ten times rarer; whether it did. For a server's start-up, after its long-lived
    caches are built."""
    if not enabled("freeze_heap"):
        return False
    gc.collect()
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
    return True


#: glibc's ``mallopt`` parameter number for the arena limit (``M_ARENA_MAX`` in malloc.h).
_M_ARENA_MAX = -8
#: The arenas a server keeps: one per core of the two-core machine it is sized for.
MALLOC_ARENAS = 2


def cap_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Limit glibc's malloc to ``arenas`` arenas; whether it did (not on another C library)."""
    if not enabled("malloc_arenas"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    return bool(libc.mallopt(_M_ARENA_MAX, arenas))


def release(*graphs: Any) -> None:
    """Let go of rdflib graphs a write made and no longer needs, now rather than at the next
    full collection.

    An rdflib ``Memory`` store keeps every triple's graph (its context) in its own dicts, so
    a graph and its store are a reference cycle: thousands of small dicts per write that only
    the cyclic collector frees, after they have been traversed by every young collection the
    write set off and have aged into the oldest generation, where a full collection (readers
    stopped for 90-110 ms at 1M triples) finds them. Emptying the store breaks the cycle: its
    dicts go at once, by reference counting. The graph is unusable afterwards; call it only
    on graphs nothing else holds."""
    for graph in graphs:
        store = getattr(graph, "store", None)
        if store is not None and hasattr(store, "__dict__"):
            vars(store).clear()


# ---------------------------------------------------------------------------------- pyshacl
class _Parameters(list[Any]):
    """pyshacl's list of constraint parameters, answering ``in`` from a set.

    ``Shape.validate`` asks whether each predicate of a shape is a parameter, on every
    validation of the shape (once per focus node for a property shape): against a list of
    ~40 rdflib terms compared in Python, that was a sixth of a write's validation.
    """

    def __init__(self, items: Iterable[Any] = ()) -> None:
        super().__init__(items)
        self._members = set(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members

    def copy(self) -> _Parameters:
        return _Parameters(self)

    def append(self, item: Any) -> None:
        super().append(item)
        self._members.add(item)


class _Built:
    """A constraint component class, built once per kept shape instead of once per validation.

    ``Shape.validate`` constructs each of a shape's constraint components (reading their
    parameters from the shapes graph) every time it runs, once per focus node for a property
    shape; a component holds nothing but what it read from its shape, so for a shape that is
    kept (``kept``), the one built first serves every later validation. Shapes not kept
    (another caller's pyshacl run in this process) get a new one each time.
    """

    def __init__(self, component: type, kept: Collection[Any]) -> None:
        self.component = component
        self.kept = kept
        self.built: dict[Any, object] = {}

    def __call__(self, shape: Any) -> object:
        if shape in self.built:
            return self.built[shape]
        component = self.component(shape)  # a load error is raised every time
        if shape in self.kept:
            self.built[shape] = component
        return component


_pyshacl_lock = threading.Lock()
_pyshacl_built: list[_Built] | None = None


def patch_pyshacl(
    kept: Collection[Any], faster: Mapping[type, type] | None = None
) -> Callable[[], None] | None:
    """Replace pyshacl's constraint-parameter table (once per process); the function to call
    when the kept shapes are read again (it forgets the components built for the old ones),
    or None when the patch is off or pyshacl is not the version it was written for.

    ``kept``: the shapes whose components may be kept, a collection the caller updates.
    ``faster``: component classes to build instead of pyshacl's (a subclass that checks the
    same things quicker), by the class they stand in for.
    """
    global _pyshacl_built
    with _pyshacl_lock:
        if _pyshacl_built is None:
            if not enabled("pyshacl") or not _written_for(
                "pyshacl", version("pyshacl"), PYSHACL_VERSION
            ):
                return None
            import pyshacl.shape
            from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

            built = {cls: _Built((faster or {}).get(cls, cls), kept)
                     for cls in set(CONSTRAINT_PARAMETERS_MAP.values())}
            pyshacl.shape.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]  # pyshacl creates this global on first use
                _Parameters(ALL_CONSTRAINT_PARAMETERS),
                {param: built[cls] for param, cls in CONSTRAINT_PARAMETERS_MAP.items()},
            )
            _pyshacl_built = list(built.values())
        components = _pyshacl_built

    def forget() -> None:
        for component in components:
            component.built.clear()

    return forget


# ---------------------------------------------------------------------------------- networkx
_NETWORKX_FAST: bool | None = None


def add_keyed_edges(g: nx.MultiDiGraph, edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]],
                    ) -> None:
    """Add ``(source, target, key, data)`` edges to ``g`` as ``add_edge(source, target, key,
    **data)`` would, ``data`` becoming the edge's own attribute dict (the caller gives it up).
    """
    global _NETWORKX_FAST
    if _NETWORKX_FAST is None:
        _NETWORKX_FAST = _written_for("networkx", nx.__version__, NETWORKX_VERSION)
    if not (_NETWORKX_FAST and enabled("networkx")):
        for source, target, key, data in edges:
            g.add_edge(source, target, key, **data)
        return
    # One key dict shared by _succ[u][v] and _pred[v][u].
    succ, pred = g._succ, g._pred  # type: ignore[attr-defined]  # private adjacency; not in the stubs
    for source, target, key, data in edges:
        if source not in succ or target not in succ:
            g.add_nodes_from((source, target))
        keys = succ[source].get(target)
        if keys is None:
            keys = succ[source][target] = pred[target][source] = {}
        if key in keys:
            keys[key].update(data)
        else:
            keys[key] = data
