"""Small references to linked resources (``{id, label}``) from fetched node fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.lookups import vocab
from graph.lookups.ids import slug_of
from graph.lookups.sparql import Fields, Value, as_date, as_str, best_text, first, text


def label_of(fields: dict[str, Fields], iri: Value) -> str:
    """The name of a resource: its English label, preferred label or title, else its id."""
    node = fields.get(text(iri), {})
    for prop in vocab.NAME_PROPERTIES:
        name = best_text(node.get(prop, ()))
        if name:
            return name
    return slug_of(text(iri))


def ref(fields: dict[str, Fields], iri: Value | None) -> dict[str, str] | None:
    return None if iri is None else {"id": slug_of(text(iri)), "label": label_of(fields, iri)}


def refs(fields: dict[str, Fields], values: Iterable[Value]) -> list[dict[str, str]]:
    """References to each of ``values``, by id."""
    found = [ref(fields, v) for v in values]
    return sorted((r for r in found if r), key=lambda r: r["id"])


def meeting_ref(fields: dict[str, Fields], iri: Value | None) -> dict[str, Any] | None:
    if iri is None:
        return None
    date = as_date(first(fields.get(text(iri), {}).get(vocab.START_DATE)))
    return {"id": slug_of(text(iri)), "label": label_of(fields, iri), "date": date}


def document_ref(fields: dict[str, Fields], iri: Value) -> dict[str, Any]:
    node = fields.get(text(iri), {})
    return {
        "id": slug_of(text(iri)),
        "title": label_of(fields, iri),
        "publisher": as_str(first(node.get(vocab.PUBLISHER_NAME))),
        "url": as_str(first(node.get(vocab.URL))),
    }
