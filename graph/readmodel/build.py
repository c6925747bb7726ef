"""Building the claims read model, and keeping it up to date in the write that changes the data.

Built whole when a server starts (``attach``: every claim's REST shape read with one lookup
per claim, seconds at 1M triples) and whenever it is missing or behind (a write whose subjects are
unknown, such as a SPARQL update of the ontology); meanwhile the lookups ask the store. After
every other write that lands (``graph.write.commit.on_commit``, under the write lock) the claims
the write touched, and those whose shape read a touched node, are read again and the next state
swapped in, in milliseconds: a write never makes every read cold.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from rdflib import BNode, Literal
from rdflib.term import Node

from graph.lookups import claims, documents, meetings, vocab
from graph.lookups.paths import Shape, by_subject, reached, read
from graph.lookups.sparql import Fields, node_fields, select, text
from graph.readmodel import registry
from graph.readmodel.claims import (
    DOCUMENT_FIELDS,
    ENGAGEMENT,
    MEETING_FIELDS,
    ORDERED,
    SOURCE_DOCUMENT,
    UP_LINKS,
    ClaimRow,
    ClaimState,
    DocumentRow,
    Hierarchy,
    MeetingRow,
    document_row,
    meeting_row,
    pack,
    pack_claim,
    row_of,
)
from graph.store import GraphStore
from graph.write.commit import exclusive, on_commit

log = logging.getLogger(__name__)
#: A write touching more claims than this rebuilds the model whole, in the background.
MAX_CHANGED = 5_000
#: Claims read at a time when the model is built.
CHUNK = 2_000
_MEETING = Shape(fields=MEETING_FIELDS)
#: What a source document's row and list item read (``documents.summary``).
_DOCUMENT = Shape(fields=DOCUMENT_FIELDS | (documents.DOCUMENT_SHAPE.fields or frozenset()),
                  links=documents.DOCUMENT_SHAPE.links)
_BUILDS: weakref.WeakKeyDictionary[GraphStore, threading.Thread] = weakref.WeakKeyDictionary()
_BUILDS_LOCK = threading.Lock()


def attachable(store: GraphStore) -> bool:
    """Whether ``store`` can have a read model: one whose every write goes through it, or an
    external engine (read again every ``registry.REFRESH_AFTER`` seconds, as others may write
    to it). Not an embedded store read beside another process's writer."""
    from graph.store.remote.client import RemoteStore

    return store.counts_writes or isinstance(store, RemoteStore)


def attach(store: GraphStore) -> ClaimState | None:
    """Give ``store`` a claims read model, built now (the server's start-up): from here on its
    lookups read the model whenever it is current. An embedded store read beside another
    process's writer cannot know when it is behind, and gets none."""
    if not attachable(store):
        return None
    registry.enable(store, rebuild_soon)
    return rebuild(store)


def rebuild(store: GraphStore, attempts: int = 3) -> ClaimState:
    """Build the model from the store and keep it, unless a write landed meanwhile (then again;
    the last attempt holds writes off while it reads)."""
    with _source(store) as source:
        for _ in range(attempts - 1):
            generation, read_at = store.generation, time.monotonic()
            state = _build(source, generation)
            with exclusive():
                if store.generation == generation:
                    registry.keep(store, state, read_at)
                    return state
        with exclusive():
            read_at = time.monotonic()
            state = _build(source, store.generation)
            registry.keep(store, state, read_at)
            return state


@contextmanager
def _source(store: GraphStore) -> Iterator[GraphStore]:
    """Where a build reads ``store``: itself, or over an external engine a connection of its
    own, whose queries may take the setting's whole timeout (the server limits its requests'
    queries to seconds, and a build at a million triples asks longer questions)."""
    from graph.store.remote.client import RemoteStore

    if not isinstance(store, RemoteStore):
        yield store
        return
    own = RemoteStore(store.settings, read_only=True)
    try:
        yield own
    finally:
        own.close()


def rebuild_soon(store: GraphStore) -> None:
    """Start a rebuild in the background unless one is running."""
    with _BUILDS_LOCK:
        running = _BUILDS.get(store)
        if running is not None and running.is_alive():
            return
        thread = threading.Thread(target=_rebuild_logged, args=(store,), daemon=True,
                                  name="read-model")  # fmt: skip
        _BUILDS[store] = thread
        thread.start()


def _rebuild_logged(store: GraphStore) -> None:
    try:
        rebuild(store)
    except Exception:  # the lookups ask the store meanwhile; the next request tries again
        log.warning("building the claims read model failed", exc_info=True)


def _build(store: GraphStore, generation: int) -> ClaimState:
    with by_subject():  # a claim's fields in one lookup, not one per field
        return _build_all(store, generation)


def _build_all(store: GraphStore, generation: int) -> ClaimState:
    iris = sorted({text(r["claim"]) for r in select(store, "readmodel-claims")})
    rows: dict[str, ClaimRow] = {}
    shapes: dict[str, bytes] = {}
    for start in range(0, len(iris), CHUNK):  # a chunk's fields at a time: a low peak of memory
        chunk = iris[start:start + CHUNK]
        more_rows, more_shapes = _assembled(chunk, read(store, chunk, claims.CLAIM_SHAPE))
        rows.update(more_rows)
        shapes.update(more_shapes)
    up: dict[str, dict[str, frozenset[str]]] = {link: {} for link in UP_LINKS}
    for node, own in node_fields(select(store, "readmodel-hierarchy")).items():
        for link, values in own.items():
            up.setdefault(link, {})[node] = frozenset(text(v) for v in values)
    state = ClaimState(generation).changed(generation, rows, shapes, (), Hierarchy.of(up))
    engagements = sorted({text(r["node"]) for r in select(store, "readmodel-engagements")})
    packed: dict[str, tuple[bytes, frozenset[str]]] = {}
    for start in range(0, len(engagements), CHUNK):
        packed |= _meeting_shapes(store, engagements[start:start + CHUNK])
    filters = _meeting_rows(engagements, read(store, engagements, _MEETING))
    state = state.with_meetings(filters, packed)
    sources = sorted({text(r["node"]) for r in select(store, "readmodel-documents")})
    with by_subject(False):  # field by field: a document's triples include its whole text
        fields = read(store, sources, _DOCUMENT)
    return state.with_documents(_document_rows(sources, fields))


def _meeting_shapes(store: GraphStore, iris: list[str]) -> dict[str, tuple[bytes, frozenset[str]]]:
    """Each engagement's packed REST shape (with titles) and the nodes read for it."""
    return {iri: (pack(shape), frozenset(reads))
            for iri, (shape, reads) in meetings.shapes_read(store, iris).items()}  # fmt: skip


def _meeting_rows(iris: Iterable[str], fields: Mapping[str, Fields]
                  ) -> dict[str, MeetingRow | None]:  # fmt: skip
    return {iri: meeting_row(iri, fields.get(iri, {})) for iri in iris}


def _document_rows(iris: Iterable[str], fields: dict[str, Fields]
                   ) -> dict[str, DocumentRow | None]:  # fmt: skip
    """Each document's row with its list item (read with ``_DOCUMENT``), None: no longer one."""
    rows: dict[str, DocumentRow | None] = {}
    for iri in iris:
        item = documents.summary(iri, fields)
        rows[iri] = None if item is None else document_row(
            iri, fields.get(iri, {}), pack(item),
            frozenset(reached(iri, fields, documents.DOCUMENT_SHAPE)))
    return rows


def _assembled(iris: Iterable[str], fields: dict[str, Fields]
               ) -> tuple[dict[str, ClaimRow], dict[str, bytes]]:  # fmt: skip
    """The filter row and packed REST shape of each of ``iris`` that is a claim in ``fields``."""
    rows: dict[str, ClaimRow] = {}
    shapes: dict[str, bytes] = {}
    for iri in iris:
        own = fields.get(iri)
        kind = vocab.type_name(own.get(vocab.TYPE, []), vocab.CLAIM_TYPES) if own else None
        if own is None or kind is None:
            continue
        shapes[iri] = pack_claim(claims.assemble(iri, kind, own, fields))
        rows[iri] = row_of(iri, fields, reached(iri, fields, claims.CLAIM_SHAPE))
    return rows, shapes


def _committed(store: GraphStore, before: int, touched: set[Node] | None) -> None:
    """After a write (under the write lock): the next state, or a rebuild when it cannot tell."""
    state = registry.held(store)
    if state is None or state.generation != before:
        return  # not attached, or already behind: the next request starts a rebuild
    if touched is None or any(isinstance(n, BNode) for n in touched):
        registry.keep(store, None)
        rebuild_soon(store)
        return
    try:
        following = _follow(store, state, {str(n) for n in touched if not isinstance(n, Literal)})
    except Exception:  # the write has landed: a failed refresh only means a rebuild
        log.warning("claims read model dropped", exc_info=True)
        following = None
    registry.keep(store, following)
    if following is None:
        rebuild_soon(store)


def _follow(store: GraphStore, state: ClaimState, nodes: set[str]) -> ClaimState | None:
    """The state after a write that touched ``nodes``, None when too much changed."""
    now = read(store, nodes, Shape(fields=frozenset({*MEETING_FIELDS, *UP_LINKS, vocab.HOLDER})))
    affected = {n for n in nodes if n in state.rows or _is_claim(now.get(n, {}))}
    for node in nodes:
        affected.update(state.readers.get(node, ()))
    if len(affected) > MAX_CHANGED:
        return None
    with by_subject():  # as the build reads them: a claim's fields in one lookup
        fields = read(store, sorted(affected), claims.CLAIM_SHAPE)
    rows, shapes = _assembled(sorted(affected), fields)
    gone = affected - rows.keys()
    hierarchy = state.hierarchy.changed(nodes, now)
    engagements = [n for n in nodes if n in state.meetings or ENGAGEMENT in
                   {text(t) for t in now.get(n, {}).get(vocab.TYPE, [])}]  # fmt: skip
    # shapes that read a touched node, or show titles a touched holding may give
    holders = {text(h) for n in nodes for h in now.get(n, {}).get(vocab.HOLDER, [])}
    redo = set(engagements)
    for node in nodes | holders:
        redo.update(state.meeting_readers.get(node, ()))
    for holder in holders:
        redo |= state.attendance.get(holder, frozenset())
    if len(redo) > MAX_CHANGED:
        return None
    changed = state.changed(store.generation, rows, shapes, gone, hierarchy)
    changed = changed.with_meetings(_meeting_rows(engagements, now), {})
    changed = changed.with_meetings({}, _meeting_shapes(store, sorted(redo)))
    # documents touched, or whose list item read a touched node (a publisher's, a meeting's name)
    sources = {n for n in nodes if n in state.documents or SOURCE_DOCUMENT in
               {text(t) for t in now.get(n, {}).get(vocab.TYPE, [])}}  # fmt: skip
    for node in nodes:
        sources.update(state.document_readers.get(node, ()))
    if len(sources) > MAX_CHANGED:
        return None
    ordered = sorted(sources)
    fields = read(store, ordered, _DOCUMENT) if ordered else {}
    return changed.with_documents(_document_rows(ordered, fields))


def _is_claim(own: Fields) -> bool:
    return any(str(t) in ORDERED for t in own.get(vocab.TYPE, []))


on_commit(_committed, first=True)  # every claims page waits for it after a write
