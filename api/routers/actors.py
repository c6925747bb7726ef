"""Actors: persons, states and organisations, found by any of their names."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from api.deps import get_store
from api.models import Actor, ActorDetail
from api.pagination import Page, Paging, page, paging
from api.rest import (
    NOT_FOUND,
    get_ids,
    get_index,
    not_found,
    path_iri,
    resolve,
    slug_query,
    text_query,
)
from graph.lookups import actors
from graph.lookups.ids import Ids
from graph.lookups.labels import LabelIndex
from graph.store import GraphStore

router = APIRouter(tags=["actors"])


@router.get("/actors", response_model=Page[Actor], summary="Persons, states and organisations")
def list_actors(
    q: str | None = text_query(
        "A name or alias in any language; case and accents are ignored.", "wang yi"
    ),
    type: Literal["person", "state", "organization"] | None = Query(
        None, description="person, state or organization.", examples=["person"]
    ),
    country: str | None = slug_query("Slug of the state the actor belongs to.", "china"),
    paged: Paging = Depends(paging),
    store: GraphStore = Depends(get_store),
    ids: Ids = Depends(get_ids),
    index: LabelIndex = Depends(get_index),
) -> dict[str, Any]:
    """Actors by name (`wang yi`, `王毅`, `왕이`, `blinken`), type and country; by name, best
    matches first (exact, then prefix, then anywhere), else alphabetically."""
    matches = actors.find(store, type=type, country=resolve(ids, "actor", country))
    iris = [m.iri for m in matches]
    if q is not None:
        hits = index.match(q, kinds={"actor"})
        iris = [i for i in iris if i in hits]
        iris.sort(key=lambda i: (hits[i].quality, not hits[i].entry.primary))
    found = actors.details(store, list(paged.slice(iris)))
    return page([found[i] for i in paged.slice(iris) if i in found], len(iris), paged)


@router.get(
    "/actors/{id}",
    response_model=ActorDetail,
    responses=NOT_FOUND,
    summary="One actor, its posts and meetings",
)
def get_actor(
    id: str = Path(description="The actor's slug.", examples=["wang-yi"]),
    store: GraphStore = Depends(get_store),
    ids: Ids = Depends(get_ids),
) -> dict[str, Any]:
    """The actor, the posts it held (title, organisation, start, end) and its engagements."""
    iri = path_iri(ids, "actor", "actor", id)
    found = actors.profile(store, str(iri))
    if found is None:
        raise not_found("actor", id)
    return found
