"""One search across actors, topics, meetings, bundles, documents and claims."""

from __future__ import annotations

from typing import Any

from api.pagination import Paging, page
from graph.lookups.ids import slug_of
from graph.lookups.labels import SEARCH_KINDS, LabelIndex

#: Where the REST API serves each kind of resource.
PATHS = {
    "actor": "actors",
    "topic": "topics",
    "meeting": "meetings",
    "bundle": "bundles",
    "document": "documents",
    "claim": "claims",
}


def search(
    *, index: LabelIndex, q: str, paged: Paging, type: str | None = None
) -> dict[str, Any]:
    """Best matches first (exact name, then prefix, then the words anywhere); on equal terms
    actors, then topics, meetings, bundles, documents and claims."""
    kinds: set[str] = {type} if type else set(SEARCH_KINDS)
    hits = index.match(q, kinds=kinds)
    order = {kind: n for n, kind in enumerate(SEARCH_KINDS)}
    ranked = sorted(
        hits.items(),
        key=lambda item: (
            item[1].quality,
            order[item[1].entry.kind],
            not item[1].entry.primary,
            slug_of(item[0]),
        ),
    )
    items = []
    for iri, hit in paged.slice(ranked):
        kind, slug = hit.entry.kind, slug_of(iri)
        items.append(
            {
                "kind": kind,
                "id": slug,
                "iri": iri,
                "label": index.label(iri) or hit.entry.text,
                "matched": hit.entry.text,
                "lang": hit.entry.lang or None,
                "path": f"/{PATHS[kind]}/{slug}",
            }
        )
    return page(items, len(ranked), paged)
