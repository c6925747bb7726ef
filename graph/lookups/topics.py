"""Topics: the SKOS scheme claims are classified by, with claim counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.lookups import vocab
from graph.lookups.ids import slug_of
from graph.lookups.paths import Link, Shape, read
from graph.lookups.refs import label_of, ref, refs
from graph.lookups.sparql import Lit, as_int, as_str, best_text, first, select, text
from graph.namespaces import SKOS
from graph.store import GraphStore

_CONCEPT = str(SKOS.Concept)
_NARROWER = "narrower"


def counts(store: GraphStore) -> list[tuple[str, int]]:
    """Every topic with its claim count, sorted by English label then id."""
    rows = select(store, "lookup-topics")
    found: dict[str, tuple[str, int]] = {}
    for row in rows:
        iri = text(row["topic"])
        label = as_str(row.get("label")) or slug_of(iri)
        found[iri] = (label, max(as_int(row.get("claims")) or 0, found.get(iri, ("", 0))[1]))
    ordered = sorted(found.items(), key=lambda item: (item[1][0].casefold(), slug_of(item[0])))
    return [(iri, count) for iri, (_, count) in ordered]


_NAME = frozenset({vocab.PREF_LABEL})
#: What a topic's REST shape reads: its names, definition and broader topic, its narrower
#: topics (recorded on it as "narrower"), and the preferred names of both.
TOPIC_SHAPE = Shape(
    fields=frozenset({vocab.TYPE, vocab.PREF_LABEL, vocab.ALT_LABEL, vocab.DEFINITION,
                      vocab.BROADER}),
    links=(Link(vocab.BROADER, _NAME), Link(vocab.BROADER, _NAME, inverse=True, record=_NARROWER)),
)  # fmt: skip


def details(
    store: GraphStore, iris: Sequence[str], claim_counts: dict[str, int]
) -> dict[str, dict[str, Any]]:
    """The REST shape of each topic of ``iris`` that exists."""
    iris = [str(i) for i in iris]  # rdflib terms never equal the plain strings we key by
    fields = read(store, iris, TOPIC_SHAPE)
    out: dict[str, dict[str, Any]] = {}
    for iri in iris:
        own = fields.get(iri, {})
        if _CONCEPT not in [text(t) for t in own.get(vocab.TYPE, [])]:
            continue
        label = label_of(fields, iri)
        names = [
            v
            for v in own.get(vocab.PREF_LABEL, []) + own.get(vocab.ALT_LABEL, [])
            if isinstance(v, Lit)
        ]
        aliases = sorted(
            {(n.value, n.lang) for n in names if n.value != label}, key=lambda a: (a[1], a[0])
        )
        out[iri] = {
            "id": slug_of(iri),
            "iri": iri,
            "label": label,
            "aliases": [{"label": value, "lang": lang or None} for value, lang in aliases],
            "definition": best_text(own.get(vocab.DEFINITION, [])),
            "broader": ref(fields, first(own.get(vocab.BROADER))),
            "narrower": refs(fields, own.get(_NARROWER, [])),
            "claim_count": claim_counts.get(iri, 0),
        }
    return out
