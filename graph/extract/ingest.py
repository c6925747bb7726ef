"""Ingest: extract a document, validate the result, and write it in one transaction.

The document, its text and its claims go into a named graph of their own (one per document),
so deleting the document removes exactly what it brought. Nothing is written unless the whole
store, with the new graph in it, conforms to the shapes; a text already in the store (same
SHA-256) is refused.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from rdflib import Literal

from graph import queries
from graph.extract.kb import load_kb, slug_of
from graph.extract.pipeline import DocumentMeta, Extraction, Extractor
from graph.extract.rdf import named_graph
from graph.load import ValidationFailed, check
from graph.namespaces import entity_iri
from graph.store import GraphStore
from graph.validate import ValidationResult

#: One ingest or delete at a time per process: the duplicate check and the write go together.
_LOCK = threading.Lock()


class IngestError(Exception):
    """An ingest or delete was refused; nothing was written."""


class DuplicateDocument(IngestError):
    """The same text (by SHA-256) is already in the store."""

    def __init__(self, document: str, sha256: str) -> None:
        super().__init__(f"this text (SHA-256 {sha256}) is already in the store as {document}")
        self.document = document
        self.sha256 = sha256


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


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def existing_document(store: GraphStore, sha256: str) -> str | None:
    """The document already stored with this text hash, if any."""
    rows = store.select(queries.load("document-by-sha256"), {"sha256": Literal(sha256)})
    return str(rows[0]["document"]) if rows else None


def ingest(store: GraphStore, text: str, meta: DocumentMeta | None = None) -> Ingested:
    """Extract ``text`` and write it with its claims, or raise and write nothing."""
    if not text.strip():
        raise IngestError("the document is empty")
    with _LOCK:
        digest = sha256_of(text)
        found = existing_document(store, digest)
        if found:
            raise DuplicateDocument(slug_of(found), digest)
        kb = load_kb(store)
        if meta is not None and meta.slug and entity_iri("document", meta.slug) in kb.iris:
            raise SlugTaken(f"a document with id {meta.slug!r} already exists")
        extraction = Extractor(kb).extract(text, meta)
        name = named_graph(extraction.slug)
        graph = extraction.graph()
        result = check(store, {name: graph})
        if not result.conforms:
            raise ValidationFailed(result)
        store.replace_graphs({name: graph})
        return Ingested(extraction, name, len(graph), result)


def delete_document(store: GraphStore, slug: str) -> int:
    """Remove an ingested document's graph; returns how many triples went with it."""
    with _LOCK:
        name = named_graph(slug)
        if name not in store.graph_names():
            raise UnknownDocument(f"no ingested document {slug!r}")
        size = store.quad_count(name)
        result = check(store, {name: _empty()})
        if not result.conforms:
            raise StillReferenced(result)
        store.replace_graphs({}, drop=[name])
        return size


def _empty():  # type: ignore[no-untyped-def]
    from rdflib import Graph

    return Graph()
