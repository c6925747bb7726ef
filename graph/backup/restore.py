"""``restore``: a dump back into a store, checked whole before anything is written.

The file is read to its end first: a statement that does not parse, a gzip stream cut short, a
missing end line or one whose quad count or SHA-256 disagrees with the file refuses the
restore. The graphs are then validated against the SHACL shapes as one dataset (as ``load``
validates files) and written by one ``replace_graphs`` call, which re-derives the inferred graph
in the same transaction: the store holds the whole dump or is left as it was.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox
from rdflib import Graph

from graph.audit.record import activity
from graph.backup.files import (
    GZIP_ERRORS,
    VERSION,
    DumpError,
    VerifyingReader,
    dump_format,
)
from graph.namespaces import AUDIT_GRAPH, INFERRED_GRAPH
from graph.rdf.terms import from_ox
from graph.shacl.validate import ValidationResult
from graph.store import GraphStore
from graph.store.memory import MemoryStore
from graph.write.files import ValidationFailed, check

#: Told each step as it goes: its name, and for reading the bytes read of the file's size.
Progress = Callable[[str, int | None, int | None], None]


class StoreNotEmpty(Exception):
    """The store holds graphs and the restore was not asked to replace them."""


@dataclass
class RestoreReport:
    #: Triples per restored graph.
    graphs: dict[str, int] = field(default_factory=dict)
    #: Graphs the store held that the dump has not (gone after a ``replace``).
    dropped: list[str] = field(default_factory=list)
    validation: ValidationResult | None = None

    @property
    def quads(self) -> int:
        return sum(self.graphs.values())


def _quiet(_step: str, _done: int | None, _total: int | None) -> None:
    """The progress of a restore nobody watches."""


def read_dump(path: Path, *, progress: Progress = _quiet) -> dict[str, Graph]:
    """The named graphs of a dump, once the whole file is read and found complete and intact."""
    fmt, gzipped = dump_format(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise DumpError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with raw:
        size = os.fstat(raw.fileno()).st_size
        # typeshed's GzipFile is no IO[bytes], though it reads as one
        stream = cast("IO[bytes]", gzip.GzipFile(fileobj=raw, mode="rb")) if gzipped else raw
        reader = VerifyingReader(stream, lambda: progress("reading", raw.tell(), size))
        graphs: dict[str, Graph] = {}
        quads = 0
        try:
            # pyoxigraph reads any object with ``readinto``; its stubs ask for IO[bytes]
            for quad in ox.parse(cast("IO[bytes]", reader), fmt.value):
                name = quad.graph_name
                if not isinstance(name, ox.NamedNode):
                    raise DumpError(f"{path.name} holds statements outside any named graph: "
                                    "not a diplograph dump")
                graph = graphs.get(name.value)
                if graph is None:
                    graph = graphs[name.value] = Graph()
                graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
                quads += 1
            reader.drain()
        except SyntaxError as exc:
            _check_header(reader, path)
            raise DumpError(f"{path.name} is truncated or corrupted: {exc.msg}") from None
        except GZIP_ERRORS as exc:  # before OSError: BadGzipFile is one
            raise DumpError(f"{path.name} is truncated or corrupted: its gzip stream is "
                            f"damaged ({exc})") from None
        except OSError as exc:
            raise DumpError(f"cannot read {path}: {exc.strerror or exc}") from exc
    _check_header(reader, path)
    reader.verify(path.name, quads, len(graphs))
    return graphs


def _check_header(reader: VerifyingReader, path: Path) -> None:
    version = reader.version()
    if version is None:
        raise DumpError(f"{path.name} is not a diplograph dump: it does not start with the "
                        "'# diplograph dump' line 'diplograph dump' writes")
    if version > VERSION:
        raise DumpError(f"{path.name} was written by a later diplograph (dump layout {version}; "
                        f"this version reads {VERSION}): restore it with that version")


def restore(store: GraphStore, path: Path, *, replace: bool = False,
            progress: Progress = _quiet) -> RestoreReport:
    """Load the dump at ``path`` into ``store``, which must be empty unless ``replace``."""
    existing = store.graph_names()
    if existing and not replace:
        raise StoreNotEmpty(
            f"the store ({store.description}) already holds {len(existing)} graphs; restore "
            "into an empty store, or pass --replace to replace its whole content"
        )
    graphs = read_dump(path, progress=progress)
    graphs.pop(INFERRED_GRAPH, None)  # derived again below, from what the dump asserts
    progress("SHACL validation", None, None)
    # the dump alone (nothing of the store stays), its audit trail aside: that is no data
    result = check(MemoryStore(), {n: g for n, g in graphs.items() if n != AUDIT_GRAPH})
    if not result.conforms:
        raise ValidationFailed(result)
    dropped = [name for name in existing if name not in graphs and name != AUDIT_GRAPH]
    progress("writing", None, None)
    # the restore is an activity of the trail it brings back (the store's own trail goes,
    # even when the dump has none)
    _, record = activity("restore", graphs=sorted(n for n in graphs if n != AUDIT_GRAPH),
                         added=sum(len(g) for g in graphs.values()),
                         removed=store.quad_count() if existing else 0)
    writes = {**graphs, AUDIT_GRAPH: graphs.get(AUDIT_GRAPH, Graph())}
    store.replace_graphs(writes, drop=dropped, add={AUDIT_GRAPH: record})
    return RestoreReport({n: len(g) for n, g in graphs.items()},
                         [n for n in dropped if n != INFERRED_GRAPH], result)
