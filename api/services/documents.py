"""Source documents: the list (newest first) and one document with its text and claims."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from api.json_answer import Written
from api.pagination import Paging
from api.rest import not_found, path_iri, resolve
from api.services.listing import list_page, matching
from graph.lookups import documents
from graph.lookups.ids import Ids
from graph.lookups.labels import LabelIndex
from graph.store import GraphStore


def list_documents(
    *,
    store: GraphStore,
    ids: Ids,
    index: LabelIndex,
    paged: Paging,
    q: str | None = None,
    meeting: str | None = None,
) -> dict[str, Any]:
    iris = documents.listed(store, meeting=resolve(ids, "meeting", meeting))
    if q is not None:
        iris = matching(list(iris), index=index, q=q, kind="document")
    return list_page(iris, paged=paged, details=lambda shown: documents.details(store, shown))


def get_document(*, store: GraphStore, ids: Ids, id: str) -> dict[str, Any]:
    """The document, its full text and the claims it reports in reading order; or a 404."""
    iri, shape, text = _found(store, ids, id)
    return {**shape, "text": text, "claims": documents.claims_in_reading_order(store, iri)}


def get_document_written(*, store: GraphStore, ids: Ids, id: str) -> dict[str, Any]:
    """``get_document`` with its claims the JSON texts the read model keeps (``Written``, for
    ``written_answer``) where it keeps them all as texts."""
    iri, shape, text = _found(store, ids, id)
    texts = documents.claim_texts_in_reading_order(store, iri)
    listed = (documents.claims_in_reading_order(store, iri) if texts is None
              else list(map(Written, texts)))  # fmt: skip
    return {**shape, "text": text, "claims": listed}


def _found(store: GraphStore, ids: Ids, id: str) -> tuple[URIRef, dict[str, Any], str | None]:
    """``(its IRI, its REST shape, its text)`` of document ``id``; or a 404."""
    iri = path_iri(ids, "document", "document", id)
    found = documents.page(store, str(iri))
    if found is None:
        raise not_found("document", id)
    return iri, *found
