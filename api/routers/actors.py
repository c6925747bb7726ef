"""Actors: persons, states and organisations, found by any of their names."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Path, Query, Response

from api.deps import Index, Paged, Store, StoreIds
from api.json_answer import json_answer
from api.pagination import Page
from api.rest import NOT_FOUND, slug_query, text_query
from api.schemas.actors import Actor, ActorDetail
from api.services import actors

router = APIRouter(tags=["actors"])


@router.get("/actors", response_model=Page[Actor], summary="Persons, states and organisations")
def list_actors(
    *,
    q: str | None = text_query(
        "A name or alias in any language; case and accents are ignored.", "wang yi"
    ),
    type: Literal["person", "state", "organization"] | None = Query(
        None, description="person, state or organization.", examples=["person"]
    ),
    country: str | None = slug_query("Slug of the state the actor belongs to.", "china"),
    paged: Paged,
    store: Store,
    ids: StoreIds,
    index: Index,
) -> Response:
    """Actors by name (`wang yi`, `王毅`, `왕이`, `blinken`), type and country; by name, best
    matches first (exact, then prefix, then anywhere), else alphabetically."""
    return json_answer(Page[Actor], actors.list_actors(
        store=store, ids=ids, index=index, paged=paged, q=q, type=type, country=country
    ))


@router.get(
    "/actors/{id}",
    response_model=ActorDetail,
    responses=NOT_FOUND,
    summary="One actor, its posts and meetings",
)
def get_actor(
    *,
    id: str = Path(description="The actor's slug.", examples=["wang-yi"]),
    store: Store,
    ids: StoreIds,
) -> Response:
    """The actor, the posts it held (title, organisation, start, end) and its engagements."""
    return json_answer(ActorDetail, actors.get_actor(store=store, ids=ids, id=id))
