"""Bundles: the named, ordered collections of claims, members in order."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path

from api.deps import get_store
from api.models import Bundle, BundleDetail
from api.pagination import Page, Paging, page, paging
from api.rest import NOT_FOUND, get_ids, not_found, path_iri
from graph.lookups import bundles, claims
from graph.lookups.ids import Ids
from graph.store import GraphStore

router = APIRouter(tags=["bundles"])

#: How deep sub-bundles are expanded (the two lists are two levels).
MAX_DEPTH = 4


@router.get(
    "/bundles", response_model=Page[Bundle], summary="Named bundles with their members in order"
)
def list_bundles(
    paged: Paging = Depends(paging), store: GraphStore = Depends(get_store)
) -> dict[str, Any]:
    """The "two lists", the "three bottom lines", the seven-point common understandings..."""
    iris = bundles.find(store)
    shown = list(paged.slice(iris))
    found = bundles.details(store, shown)
    return page([found[i] for i in shown if i in found], len(iris), paged)


@router.get(
    "/bundles/{id}",
    response_model=BundleDetail,
    responses=NOT_FOUND,
    summary="One bundle, members in full",
)
def get_bundle(
    id: str = Path(
        description="The bundle's slug.", examples=["seven-point-common-understandings"]
    ),
    store: GraphStore = Depends(get_store),
    ids: Ids = Depends(get_ids),
) -> dict[str, Any]:
    """The bundle's members in order: each claim in full, each sub-bundle with its own members."""
    iri = str(path_iri(ids, "bundle", "bundle", id))
    tree = _collect(store, [iri])
    if iri not in tree:
        raise not_found("bundle", id)
    claim_iris = [m["iri"] for b in tree.values() for m in b["members"] if m["kind"] == "claim"]
    found = claims.details(store, claim_iris)
    return {**tree[iri], "members": _expand(tree[iri]["members"], tree, found, depth=0)}


def _collect(store: GraphStore, roots: list[str]) -> dict[str, dict[str, Any]]:
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
