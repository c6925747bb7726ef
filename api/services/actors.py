"""Actors: the list by name, type and country, and one actor's profile."""

from __future__ import annotations

from typing import Any

from api.pagination import Paging
from api.rest import not_found, path_iri, resolve
from api.services.listing import list_page, matching
from graph.lookups import actors
from graph.lookups.ids import Ids
from graph.lookups.labels import LabelIndex
from graph.store import GraphStore


def list_actors(
    *,
    store: GraphStore,
    ids: Ids,
    index: LabelIndex,
    paged: Paging,
    q: str | None = None,
    type: str | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """By name best matches first, else alphabetically."""
    among = None if q is None else set(index.match(q, kinds={"actor"}))  # the few it names
    found = actors.find(store, type=type, country=resolve(ids, "actor", country), among=among)
    iris = matching([m.iri for m in found], index=index, q=q, kind="actor", best_first=True)
    return list_page(iris, paged=paged, details=lambda shown: actors.details(store, shown))


def get_actor(*, store: GraphStore, ids: Ids, id: str) -> dict[str, Any]:
    """The actor's profile (posts held, engagements), or a 404."""
    iri = path_iri(ids, "actor", "actor", id)
    found = actors.profile(store, str(iri))
    if found is None:
        raise not_found("actor", id)
    return found
