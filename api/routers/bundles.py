"""Bundles: the named, ordered collections of claims, members in order."""

from __future__ import annotations

from fastapi import APIRouter, Path, Response

from api.deps import Paged, Store, StoreIds
from api.json_answer import json_answer
from api.pagination import Page
from api.rest import NOT_FOUND
from api.schemas.bundles import Bundle, BundleDetail
from api.services import bundles

router = APIRouter(tags=["bundles"])


@router.get(
    "/bundles", response_model=Page[Bundle], summary="Named bundles with their members in order"
)
def list_bundles(*, paged: Paged, store: Store) -> Response:
    """The "two lists", the "three bottom lines", the seven-point common understandings..."""
    return json_answer(Page[Bundle], bundles.list_bundles(store=store, paged=paged))


@router.get(
    "/bundles/{id}",
    response_model=BundleDetail,
    responses=NOT_FOUND,
    summary="One bundle, members in full",
)
def get_bundle(
    *,
    id: str = Path(
        description="The bundle's slug.", examples=["seven-point-common-understandings"]
    ),
    store: Store,
    ids: StoreIds,
) -> Response:
    """The bundle's members in order: each claim in full, each sub-bundle with its own members."""
    return json_answer(BundleDetail, bundles.get_bundle(store=store, ids=ids, id=id))
