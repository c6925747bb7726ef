"""Ingest: extract a document, validate the result, and write it in one transaction.

The document, its text and its claims go into a named graph of their own (one per document),
so deleting the document removes exactly what it brought. Nothing is written unless the store,
with the new graph in it, conforms to the shapes (checked by ``graph.write.commit`` on what the
graph touches); a text already in the store (same SHA-256) is refused.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import Graph, Literal

from graph import queries
from graph._perf import release
from graph.extract import kb_cache
from graph.extract.kb import KnowledgeBase, slug_of
from graph.extract.pipeline import DocumentMeta, Extraction
from graph.extract.rdf import named_graph
from graph.namespaces import entity_iri
from graph.shacl.validate import ValidationResult
from graph.store import GraphStore, StoreError
from graph.write.commit import WriteBusy, WriteRefused, WriteReport, write
from graph.write.commit import dry_run as check_only
from graph.write.files import ValidationFailed


class IngestError(Exception):
    """An ingest or delete was refused; nothing was written."""


class DuplicateDocument(IngestError):
    """The same text (by SHA-256) is already in the store."""

    def __init__(self, document: str, sha256: str) -> None:
        super().__init__(f"this text (SHA-256 {sha256}) is already in the store as {document}")
        self.document = document
        self.sha256 = sha256


class NoKnowledgeBase(IngestError):
    """The store holds no actors (or fewer than two states): every name in the document would
    go unlinked and its claims be lost, so nothing is ingested."""

    def __init__(self) -> None:
        super().__init__(
            "the store holds no knowledge base (no actors and states to link the document's "
            "names to), so its claims would be lost; load the bundled graph first with "
            "'diplograph load' (the server stopped), then ingest again. Nothing was written"
        )


class SlugTaken(IngestError):
    """The id asked for is already a document's."""


class UnknownDocument(IngestError):
    """No ingested document has this id (curated documents are not deleted this way)."""


class StillReferenced(IngestError):
    """Removing the document would leave other data pointing at it."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__("other data refers to this document's claims; nothing was removed")
        self.result = result


@dataclass
class Ingested:
    extraction: Extraction
    graph: str
    triples: int
    validation: ValidationResult
    #: Seconds per step: knowledge base, extraction, validation, commit, caches (updating the
    #: knowledge base kept for the next ingest).
    timings: dict[str, float] = field(default_factory=dict)


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def existing_document(store: GraphStore, sha256: str) -> str | None:
    """The document already stored with this text hash, if any."""
    rows = store.select(queries.load("document-by-sha256"), {"sha256": Literal(sha256)})
    return str(rows[0]["document"]) if rows else None


def require_knowledge_base(kb: KnowledgeBase) -> None:
    """Refuse (``NoKnowledgeBase``) a knowledge base no claim can be told from: no actors to
    link names to, or fewer than two states to be a consensus's claimants."""
    if not kb.actors or len(kb.states()) < 2:
        raise NoKnowledgeBase()


def check_store(store: GraphStore) -> None:
    """``require_knowledge_base`` on the store's knowledge base, before a batch of ingests."""
    require_knowledge_base(kb_cache.knowledge_base(store))


def ingest(
    store: GraphStore, text: str, meta: DocumentMeta | None = None, *, dry_run: bool = False
) -> Ingested:
    """Extract ``text`` and write it with its claims, or raise and write nothing.

    The write goes through ``graph.write.commit`` like every other: under the one write lock (so the
    duplicate check and the write see the same store), validated on what it touches. A store
    without a knowledge base is refused (``NoKnowledgeBase``). ``dry_run``: extract and
    validate the same way, and write nothing (the store may be opened read-only).
    """
    if not text.strip():
        raise IngestError("the document is empty")
    steps: dict[str, float] = {}
    done: list[tuple[Extraction, Graph]] = []

    def compute() -> dict[str, Graph]:
        started = time.perf_counter()
        digest = sha256_of(text)
        found = existing_document(store, digest)
        if found:
            raise DuplicateDocument(slug_of(found), digest)
        extract = kb_cache.extractor(store)
        require_knowledge_base(extract.kb)
        if meta is not None and meta.slug and entity_iri("document", meta.slug) in extract.kb.iris:
            raise SlugTaken(f"a document with id {meta.slug!r} already exists")
        steps["knowledge base"] = time.perf_counter() - started
        started = time.perf_counter()
        extraction = extract.extract(text, meta)
        graph = extraction.graph()
        steps["extraction"] = time.perf_counter() - started
        done.append((extraction, graph))
        return {named_graph(extraction.slug): graph}

    report = _write(store, compute, ValidationFailed, dry_run=dry_run, kind="ingest")
    steps.update(report.timings)
    extraction, graph = done[0]
    assert report.validation is not None
    size = len(graph)
    release(graph)  # written (or checked): freed now, not by the next full collection
    return Ingested(extraction, named_graph(extraction.slug), size, report.validation, steps)


def delete_document(store: GraphStore, slug: str) -> int:
    """Remove an ingested document's graph; returns how many triples went with it."""
    name = named_graph(slug)
    size: list[int] = []

    def compute() -> dict[str, Graph]:
        if name not in store.graph_names():
            raise UnknownDocument(f"no ingested document {slug!r}")
        size.append(store.quad_count(name))
        return {name: Graph()}

    _write(store, compute, StillReferenced, kind="delete")
    return size[0]


def _write(store: GraphStore, compute: Callable[[], dict[str, Graph]],
           refusal: Callable[[ValidationResult], Exception], *,
           dry_run: bool = False, kind: str) -> WriteReport:
    """``graph.write.commit.write`` (or its ``dry_run``), with its refusals as this module's
    errors; recorded in the audit trail as a write of ``kind``."""
    try:
        return check_only(store, compute) if dry_run else write(store, compute, kind=kind)
    except WriteRefused as exc:
        raise refusal(exc.result) from None
    except WriteBusy as exc:
        raise StoreError(str(exc)) from None
