"""Bundles: the named, ordered collections of claims ("two lists", "three bottom lines")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.lookups import vocab
from graph.lookups.ids import slug_of
from graph.lookups.paths import Link, Shape, read
from graph.lookups.refs import label_of, ref
from graph.lookups.sparql import Fields, as_int, as_str, best_text, first, node_fields, select, text
from graph.namespaces import DG
from graph.store import GraphStore
from graph.store.oxigraph import OxigraphStore

_BUNDLE = str(DG.Bundle)
_CLAIM = str(DG.Claim)
_MEMBER = "member"


def find(store: GraphStore) -> list[str]:
    """Every bundle, sorted by English label then id."""
    labels: dict[str, str] = {}
    for row in select(store, "lookup-bundles"):
        iri = text(row["bundle"])
        label = as_str(row.get("label")) or slug_of(iri)
        labels[iri] = min(label, labels.get(iri, label))
    return sorted(labels, key=lambda iri: (labels[iri].casefold(), slug_of(iri)))


def details(store: GraphStore, iris: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The REST shape of each bundle of ``iris`` that exists, members in order."""
    iris = [str(i) for i in iris]  # rdflib terms never equal the plain strings we key by
    fields = _fields(store, iris)
    out: dict[str, dict[str, Any]] = {}
    for iri in iris:
        own = fields.get(iri, {})
        if _BUNDLE not in [text(t) for t in own.get(vocab.TYPE, [])]:
            continue
        part_of = ref(fields, first(own.get(vocab.IN_BUNDLE)))
        out[iri] = {
            "id": slug_of(iri),
            "iri": iri,
            "label": label_of(fields, iri),
            "description": best_text(own.get(vocab.COMMENT, [])),
            "part_of": part_of and {**part_of, "position": as_int(first(own.get(vocab.POSITION)))},
            "members": _members(fields, own),
        }
    return out


#: What ``lookup-bundle-details.rq`` reads, as links from the bundles: their own fields, their
#: parent's name, and their members (recorded as "member") with their positions, names and types.
DETAILS_SHAPE = Shape(
    fields=frozenset({vocab.TYPE, vocab.LABEL, vocab.COMMENT, vocab.IN_BUNDLE, vocab.POSITION}),
    links=(Link(vocab.IN_BUNDLE, frozenset({vocab.LABEL})),
           Link(vocab.IN_BUNDLE, frozenset({vocab.POSITION, vocab.LABEL, vocab.STATEMENT,
                                            vocab.TYPE}), inverse=True, record=_MEMBER)),
)  # fmt: skip


def _fields(store: GraphStore, iris: list[str]) -> dict[str, Fields]:
    """The fields ``details`` assembles: on Oxigraph by index lookups from the bundles (the
    query's four branches over a VALUES list took half of a cold bundle page at 1M triples),
    elsewhere by the one query. A member's types past Bundle and Claim, which the query leaves
    out, do not change its kind."""
    if isinstance(store, OxigraphStore):
        return read(store, iris, DETAILS_SHAPE)
    return node_fields(select(store, "lookup-bundle-details", values={"bundles": iris}))


def _members(fields: dict[str, Fields], own: Fields) -> list[dict[str, Any]]:
    members = []
    for member in own.get(_MEMBER, []):
        node = fields.get(text(member), {})
        types = {text(t) for t in node.get(vocab.TYPE, [])}
        kind = "bundle" if _BUNDLE in types else "claim" if _CLAIM in types else "other"
        name = best_text(node.get(vocab.STATEMENT, [])) or label_of(fields, member)
        members.append(
            {
                "position": as_int(first(node.get(vocab.POSITION))),
                "kind": kind,
                "id": slug_of(text(member)),
                "iri": text(member),
                "label": name,
            }
        )
    members.sort(key=lambda m: (m["position"] is None, m["position"] or 0, m["id"]))
    return members
