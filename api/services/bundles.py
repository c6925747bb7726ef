"""Bundles: the list, and one bundle with its members (claims in full, sub-bundles expanded)."""

from __future__ import annotations

from typing import Any

from api.pagination import Paging
from api.rest import not_found, path_iri
from api.services.listing import list_page
from graph.lookups import bundles, claims
from graph.lookups.ids import Ids
from graph.store import GraphStore

#: How deep sub-bundles are expanded (the two lists are two levels).
MAX_DEPTH = 4


def list_bundles(*, store: GraphStore, paged: Paging) -> dict[str, Any]:
    return list_page(
        bundles.find(store), paged=paged, details=lambda shown: bundles.details(store, shown)
    )


def get_bundle(*, store: GraphStore, ids: Ids, id: str) -> dict[str, Any]:
    """The bundle's members in order: each claim in full, each sub-bundle with its own members;
    or a 404."""
    iri = str(path_iri(ids, "bundle", "bundle", id))
    tree = collect(store, [iri])
    if iri not in tree:
        raise not_found("bundle", id)
    claim_iris = [m["iri"] for b in tree.values() for m in b["members"] if m["kind"] == "claim"]
    found = claims.details(store, claim_iris)
    return {**tree[iri], "members": _expand(tree[iri]["members"], tree, found, depth=0)}


def collect(store: GraphStore, roots: list[str]) -> dict[str, dict[str, Any]]:
    """The bundles under ``roots``, level by level: one query per level, not per bundle."""
    tree: dict[str, dict[str, Any]] = {}
    level = roots
    for _ in range(MAX_DEPTH):
        found = bundles.details(store, [b for b in level if b not in tree])
        tree.update(found)
        level = [m["iri"] for b in found.values() for m in b["members"] if m["kind"] == "bundle"]
        if not level:
            break
    return tree


def _expand(
    members: list[dict[str, Any]], tree: dict[str, Any], found: dict[str, Any], depth: int
) -> list[dict[str, Any]]:
    out = []
    for member in members:
        nested = (
            tree.get(member["iri"]) if member["kind"] == "bundle" and depth < MAX_DEPTH else None
        )
        out.append(
            {
                **member,
                "claim": found.get(member["iri"]) if member["kind"] == "claim" else None,
                "members": _expand(nested["members"], tree, found, depth + 1) if nested else [],
            }
        )
    return out
