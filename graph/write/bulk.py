"""Loading a large file fast: Oxigraph's bulk loader, then SHACL on a stratified sample.

pyshacl needs about a minute per 20k triples on this project's shapes, so the validated
loader (``graph.write.files.load``) cannot take a million-triple file. The bulk path streams the
file into its named graph with ``Store.bulk_load`` (parsing in Rust, no rdflib graph), then
validates a sample: up to ``per_class`` resources of every class the file types, each with
its own triples and those of the nodes it points at (types, document texts), against the full
shapes. Only violations whose focus node is a sampled resource count, so a neighbour cut off
at the sample's edge is not blamed. What is validated is therefore *every shape on a sample of
every class*, not every node: a malformed resource outside the sample gets in. On a violation
the file's graph is dropped again, and because the bulk path refuses a graph that already
exists, a refused load leaves the store as it was.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import Graph

from graph import queries
from graph.audit.record import activity
from graph.inference import (
    MAX_SUBJECTS,
    FileInferences,
    bulk_write,
    derive_from_file,
    store_bulk_inferences,
)
from graph.namespaces import AUDIT_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from graph.rdf.terms import from_ox
from graph.shacl.focus import neighbourhood, validate_focus
from graph.shacl.validate import ValidationResult
from graph.store import GraphStore
from graph.write.files import (
    LoadError,
    LoadReport,
    ValidationFailed,
    add_bundled_ontology,
    graph_name_for,
)

#: A class's members are sampled among the first this many of the index, where they come in
#: the order of their keys, the hashes of their IRIs: as random a choice as any, and an OFFSET
#: walks every member it skips (at 10M, 2.4 s for the sample of every class).
SAMPLE_WINDOW = 10_000
FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE, ".nq": None}


@dataclass
class BulkReport(LoadReport):
    """A load report that also says how much of the file the SHACL check saw."""

    sampled_nodes: int = 0
    sampled_triples: int = 0


def _nth(query: str, offset: int) -> str:
    """``query`` (a ``LIMIT``-ed select) from its ``offset``-th answer: an integer we draw,
    never input, so it can be written into the text (a slice cannot be bound)."""
    return f"{query}\nOFFSET {int(offset):d}"


def _sample(
    engine: ox.Store, graph: ox.NamedNode, per_class: int, seed: int
) -> list[ox.NamedNode | ox.BlankNode]:
    """Up to ``per_class`` typed subjects of every class in ``graph``, chosen by ``seed``.

    Counted and picked by offset inside Oxigraph: reading every type triple into Python to
    choose among them took over a second at a million triples.
    """
    g = ox.Variable("g")
    sizes = cast(  # a SELECT query answers solutions
        ox.QuerySolutions,
        engine.query(queries.load("bulk-class-sizes"), substitutions={g: graph}),
    )
    member = queries.load("bulk-class-member")
    rng = random.Random(seed)
    chosen: list[ox.NamedNode | ox.BlankNode] = []
    for row in sorted(sizes, key=lambda r: str(r["class"])):
        cls, size = row["class"], int(row["n"].value)
        for offset in sorted(rng.sample(range(min(size, SAMPLE_WINDOW)), min(per_class, size))):
            found = cast(ox.QuerySolutions,  # a SELECT query answers solutions
                         engine.query(_nth(member, offset),
                                      substitutions={g: graph, ox.Variable("class"): cls}))
            chosen.extend(solution["s"] for solution in found)
    return list(dict.fromkeys(chosen))


def _graph_size(engine: ox.Store, graph: ox.NamedNode) -> int:
    count = cast(ox.QuerySolutions,  # a SELECT query answers solutions
                 engine.query(queries.load("graph-size"), default_graph=graph))
    return int(next(iter(count))["n"].value)


def _check_sample(
    store: GraphStore, engine: ox.Store, graph: ox.NamedNode, per_class: int, seed: int,
    step: Callable[[str], None], label: str,
) -> tuple[list[ox.NamedNode | ox.BlankNode], Graph, ValidationResult]:
    """The sampled nodes, the triples their shapes read, and SHACL's verdict on them."""
    nodes = _sample(engine, graph, per_class, seed)
    step(f"{label}: SHACL on a sample of {len(nodes)} nodes")
    data = neighbourhood(engine, nodes)
    return nodes, data, validate_focus(store, data, {from_ox(n) for n in nodes})


def _prepared(store: GraphStore, path: Path) -> tuple[str, ox.NamedNode, ox.RdfFormat, bool]:
    """The new graph's name and IRI, the file's format, and whether the store held the
    ontology (and so its inferences) before; the ontology is there after."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(f"{path.name}: the bulk loader reads .nt or .ttl files")
    name = graph_name_for(path)
    try:
        target = ox.NamedNode(name)
    except ValueError as exc:
        raise LoadError(f"{path.name}: the file name does not make a graph IRI ({exc})") from exc
    if name in store.graph_names():
        raise LoadError(f"{name} is already loaded: the bulk loader only adds new graphs")
    inferred_before = ONTOLOGY_GRAPH in store.graph_names()  # writes keep the rest inferred
    if not inferred_before:
        add_bundled_ontology(store)
    return name, target, fmt, inferred_before


def _load_file(engine: ox.Store, path: Path, fmt: ox.RdfFormat, target: ox.NamedNode) -> None:
    try:
        engine.bulk_load(path=str(path), format=fmt, to_graph=target)
    except (SyntaxError, OSError, ValueError) as exc:
        raise LoadError(f"{path.name}: {exc}; nothing was written") from exc


def _infer_from_file(engine: ox.Store, path: Path, fmt: ox.RdfFormat,
                     stop: threading.Event) -> FileInferences | None:
    """The file's inferences read from it and stored while the loader still writes the file
    (two bulk loads into one store side by side: RocksDB takes each one's files in turn);
    None, and nothing stored, once ``stop`` is set (the loader failed)."""
    read = derive_from_file(engine, path, fmt, stop)
    if read is not None and read.chunks is not None and not stop.is_set():
        bulk_write(engine, read.chunks, rebuild=False)
    return read


def _still_to_derive(store: GraphStore, target: ox.NamedNode, inferred_before: bool,
                     from_file: bool) -> list[ox.NamedNode]:
    """The graphs whose consequences the store must derive: the new one unless its file's
    were read from the file, and on a rebuild every other graph but the inferred one."""
    others = [] if inferred_before else [
        ox.NamedNode(g) for g in store.graph_names() if g not in (INFERRED_GRAPH, target.value)]
    return others if from_file else [target, *others]


def _take_back(store: GraphStore, engine: ox.Store, target: ox.NamedNode, pool: ThreadPoolExecutor,
               *, rebuild: bool) -> None:
    """Drop a refused file's graph and its inferences. Dropping a graph re-infers its subjects
    in the store's transaction, or the whole graph when they are too many to list (minutes at
    ten million triples); with ``rebuild`` (such a file, or inferences stored about subjects
    whose triples a failed load never wrote) the graph goes and the inferred graph is rebuilt
    as the bulk load builds it, which is no transaction either."""
    if not rebuild:
        store.replace_graphs({}, drop=[target.value])
        return
    engine.remove_graph(target)
    store_bulk_inferences(engine, [None], pool, rebuild=True)


def bulk_load(store: GraphStore, path: Path, *, per_class: int = 4, seed: int = 0,
              progress: Callable[[str], None] | None = None,
              meter: Callable[[int, int, int], None] | None = None) -> BulkReport:
    """Stream ``path`` into its own named graph, sample-validate it, add its inferences.

    The embedded Oxigraph store loads with its own bulk loader; an external engine (``sparql:``)
    into a hidden graph (``graph.write.remote_bulk``), which alone reports to ``meter``
    (bytes read, file size, triples read) as it streams. The file's graph must not exist yet
    (load it with ``graph.write.files.load`` to replace a graph atomically). ``progress`` is told
    each step as it starts (the CLI's spinner): a million triples take about twenty seconds.
    The embedded store's report counts the triples read, as loaders do (a triple repeated in
    the file counts each time).
    """
    from graph.store.remote.client import RemoteStore

    if isinstance(store, RemoteStore):
        from graph.write import remote_bulk

        remote = remote_bulk.bulk_load(store, path, per_class=per_class, seed=seed,
                                       progress=progress, meter=meter)
        return BulkReport(graphs=remote.graphs, validation=remote.validation,
                          sampled_nodes=remote.sampled_nodes,
                          sampled_triples=remote.sampled_triples)
    engine = getattr(store, "engine", None)
    if not isinstance(engine, ox.Store):
        raise LoadError("the bulk loader needs the embedded Oxigraph store (oxigraph:PATH) "
                        "or an external engine (sparql:URL)")
    step = progress or (lambda _text: None)
    name, target, fmt, inferred_before = _prepared(store, path)
    # three workers: the file read again for its inferences (stored as soon as read) and its
    # count beside the loader, then the store's share stored beside the sample's check by one
    # that waits on the store's queries, which the other two answer
    pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="bulk-load")
    try:
        if not inferred_before:  # rebuilt: the new graph's consequences and the others' added
            engine.remove_graph(ox.NamedNode(INFERRED_GRAPH))
        failed = threading.Event()
        from_file = pool.submit(_infer_from_file, engine, path, fmt, failed)
        step(f"{path.name}: bulk loading")
        try:
            _load_file(engine, path, fmt, target)
        except LoadError:
            # the file's inferences may be stored, in part, and about subjects the loader
            # never wrote: they go by a rebuild once the thread has stopped (at its next block)
            failed.set()
            wait([from_file])
            _take_back(store, engine, target, pool, rebuild=True)
            raise
        read = from_file.result() if from_file.exception() is None else None
        chunks = read.chunks if read is not None else None
        graphs = _still_to_derive(store, target, inferred_before, chunks is not None)
        written = pool.submit(store_bulk_inferences, engine, graphs, pool, rebuild=False)
        nodes, data, result = _check_sample(store, engine, target, per_class, seed,
                                             step, path.name)
        step(f"{path.name}: inferring types and super-properties")
        written.result()
        triples = read.triples if read is not None else _graph_size(engine, target)
        if not result.conforms:
            _take_back(store, engine, target, pool, rebuild=triples > MAX_SUBJECTS)
            raise ValidationFailed(result)
    finally:
        pool.shutdown(cancel_futures=True)
    store.generation += 1  # the views and caches built before the load are stale
    # the bulk loader writes outside a transaction of ours: the load is recorded once it stands
    _, record = activity("load", graphs=[name], added=triples, removed=0)
    store.replace_graphs({}, add={AUDIT_GRAPH: record})
    return BulkReport(
        graphs={name: triples},
        validation=result,
        sampled_nodes=len(nodes),
        sampled_triples=len(data),
    )
