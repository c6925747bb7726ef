"""``dump``: every named graph of a store (the inferred one aside) into one TriG or N-Quads file.

The embedded store is read from its indexes in one pass, which Oxigraph serves from one
snapshot: the dump is the store as it was at that moment, even while ``serve`` writes (the CLI
opens the store read-only beside it). Its audit trail follows, read from the trail's own store
(``graph.store.trail``), opened just after the data: a write landing in that instant can show
in the dumped trail and not in the dumped data. Any other backend is read graph by graph with
the store interface, so a remote engine others write to should be left alone while it is
dumped. The file is written beside its final name and moved there only once complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox
from rdflib import BNode
from rdflib.term import Node

from graph.backup.files import (
    DigestWriter,
    DumpError,
    DumpFormat,
    dump_format,
    end_line,
    header,
    open_for_writing,
)
from graph.namespaces import INFERRED_GRAPH, PREFIXES
from graph.rdf.terms import to_ox
from graph.store import GraphStore, StoreError
from graph.store.oxigraph import OxigraphStore

#: Told the number of quads written so far, every ``PROGRESS_EVERY`` quads and at the end.
Progress = Callable[[int], None]
PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class DumpReport:
    path: Path
    format: DumpFormat
    gzipped: bool
    quads: int
    graphs: int


def stored_quads(store: GraphStore) -> Iterator[ox.Quad]:
    """Every quad of every named graph but the inferred one, graph after graph."""
    inferred = ox.NamedNode(INFERRED_GRAPH)
    engine = getattr(store, "engine", None)
    if isinstance(engine, ox.Store):
        try:
            for quad in engine.quads_for_pattern(None, None, None, None):
                if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name != inferred:
                    yield quad
            if isinstance(store, OxigraphStore):  # its audit trail, in a store of its own
                yield from store.trail_quads()
        except (OSError, RuntimeError) as exc:  # the store's, not the dump file's
            raise StoreError(f"reading the store failed: {exc} (when a server compacts it "
                             "meanwhile, dump again)") from exc
        return
    fresh: dict[BNode, ox.BlankNode] = {}  # an engine's blank node labels need not suit Oxigraph

    def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(node, BNode):
            return fresh.setdefault(node, ox.BlankNode())
        return to_ox(node)

    for name in store.graph_names():
        if name == INFERRED_GRAPH:
            continue
        graph = ox.NamedNode(name)
        for s, p, o in store.graph(name):
            # RDF's positions: the subject a node, the predicate an IRI, as the store gave them
            subject = cast("ox.NamedNode | ox.BlankNode", term(s))
            yield ox.Quad(subject, cast("ox.NamedNode", term(p)), term(o), graph)


class _Counted:
    """The quads on their way to the serialiser, counted, their graphs noted."""

    def __init__(self, quads: Iterable[ox.Quad], progress: Progress | None) -> None:
        self._quads = quads
        self._progress = progress
        self.quads = 0
        self.graphs: set[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = set()

    def __iter__(self) -> Iterator[ox.Quad]:
        last = None
        for quad in self._quads:
            if quad.graph_name != last:
                last = quad.graph_name
                self.graphs.add(last)
            self.quads += 1
            if self._progress is not None and self.quads % PROGRESS_EVERY == 0:
                self._progress(self.quads)
            yield quad
        if self._progress is not None:
            self._progress(self.quads)


def dump(store: GraphStore, path: Path, *, progress: Progress | None = None) -> DumpReport:
    """Write the store to ``path`` (format by its name, see ``dump_format``)."""
    fmt, gzipped = dump_format(path)
    partial = path.with_name(f".{path.name}.partial")
    counted = _Counted(stored_quads(store), progress)
    try:
        with open_for_writing(partial, gzipped) as target:
            sink = DigestWriter(target)
            sink.write(header(store.description))
            prefixes = PREFIXES if fmt is DumpFormat.trig else None
            # pyoxigraph writes to any object with ``write``; its stubs ask for IO[bytes]
            ox.serialize(counted, cast("IO[bytes]", sink), fmt.value, prefixes=prefixes)
            target.write(end_line(counted.quads, len(counted.graphs), sink.sha256.hexdigest()))
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DumpError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return DumpReport(path, fmt, gzipped, counted.quads, len(counted.graphs))
