"""The evidence of a claim or a status event, as the REST answers show it.

Claims and status events point at the same kind of evidence node (document, quote, offsets,
speech mode, stance, reporting and relaying side), so both readers read and show it here: what
the shape fetches, how one span is shown and the order of the spans are written once, and a
field added to one reader cannot be missing from the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.lookups import vocab
from graph.lookups.ids import slug_of
from graph.lookups.paths import Link
from graph.lookups.refs import document_ref, ref
from graph.lookups.sparql import Fields, as_int, as_str, first, text

_NAMES = frozenset({vocab.LABEL, vocab.PREF_LABEL})
_DOCUMENT = frozenset({vocab.TITLE, vocab.PUBLISHER_NAME, vocab.URL})
_SPAN = frozenset({
    vocab.DOCUMENT, vocab.REPORTING_SIDE, vocab.QUOTE, vocab.START, vocab.END,
    vocab.SPEECH_MODE, vocab.STANCE, vocab.RELAYED_BY,
})  # fmt: skip


def evidence_link(predicate: str) -> Link:
    """The link from a claim or an event along ``predicate`` to its evidence nodes, reading
    what ``evidence_span`` shows of them and of the document and sides they name."""
    return Link(predicate, _SPAN, then=(
        Link(vocab.DOCUMENT, _DOCUMENT),
        Link(vocab.REPORTING_SIDE, _NAMES),
        Link(vocab.RELAYED_BY, _NAMES),
    ))  # fmt: skip


def evidence_spans(fields: dict[str, Fields], spans: Iterable[str]) -> list[dict[str, Any]]:
    """The REST shapes of the evidence nodes ``spans`` that name a document, by document, then
    offset, then id: the one order of a claim's and an event's evidence."""
    shown = [e for e in (evidence_span(fields, s) for s in spans) if e]
    shown.sort(key=lambda e: (e["document"]["id"], e["start"] or 0, e["id"]))
    return shown


def evidence_span(fields: dict[str, Fields], iri: str) -> dict[str, Any] | None:
    """The REST shape of one evidence node (a claim's or a status event's), None without a
    document."""
    node = fields.get(iri, {})
    document = first(node.get(vocab.DOCUMENT))
    if document is None:
        return None
    return {
        "id": slug_of(iri),
        "document": document_ref(fields, document),
        "side": ref(fields, first(node.get(vocab.REPORTING_SIDE))),
        "quote": as_str(first(node.get(vocab.QUOTE))) or "",
        "start": as_int(first(node.get(vocab.START))),
        "end": as_int(first(node.get(vocab.END))),
        "speech_mode": _named(node.get(vocab.SPEECH_MODE), vocab.SPEECH_MODES),
        "stance": _named(node.get(vocab.STANCE), vocab.STANCES),
        "relayed_by": ref(fields, first(node.get(vocab.RELAYED_BY))),
    }


def _named(values: list | None, table: dict[str, str]) -> str | None:
    """The REST name of an ontology individual (a speech mode, a stance), None if unknown."""
    value = first(values)
    return None if value is None else table.get(text(value))
