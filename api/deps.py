"""The dependencies of the routes, in one place: the settings, the open store and its query
runner, the id scheme and label index, paging, and the role check of the write routes.

Routes take them through the ``Annotated`` aliases at the end (``store: Store``), so a route's
signature names what it needs and not how it is found.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Query, Request

from api.auth import Authenticator, Principal, authorize, bearer, check_enabled
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Paging
from api.settings import Settings
from api.sparql.runner import QueryRunner
from api.threads import in_write_thread
from graph.audit.actor import acting
from graph.lookups.ids import Ids
from graph.lookups.labels import LabelIndex, LazyIndex, cached_index
from graph.store import GraphStore

# These are ``async``: FastAPI runs a plain ``def`` dependency in the thread pool, and a hop
# there per dependency costs more than the lookups behind most REST routes.


async def get_store(request: Request) -> GraphStore:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_runner(request: Request) -> QueryRunner:
    """The SPARQL query runner (plain ``def``: the protocol routes call it in their threads)."""
    return request.app.state.query_runner


async def get_ids(settings: Settings = Depends(get_settings)) -> Ids:
    return Ids(settings.base_iri)


async def get_index(
    store: GraphStore = Depends(get_store), ids: Ids = Depends(get_ids)
) -> LabelIndex:
    """The store's label index: the one kept when it is fresh, else one built when a name is
    first asked for (in the route's worker thread): a request that reads no name, such as a
    list without a search text, does not wait for the index a write made stale."""
    cached = cached_index(store, ids)
    if cached is not None:
        return cached
    return LazyIndex(store, ids)


async def paging(
    limit: int = Query(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"The most items to return (1–{MAX_LIMIT}).",
        examples=[DEFAULT_LIMIT],
    ),
    offset: int = Query(
        0,
        ge=0,
        le=1_000_000_000,
        description="How many items to skip.",
        examples=[0],
    ),
) -> Paging:
    """The ``limit`` and ``offset`` query parameters every list takes."""
    return Paging(limit=limit, offset=offset)


def get_auth(request: Request) -> Authenticator:
    return request.app.state.auth


def act_as(request: Request, principal: Principal) -> None:
    """Keep who writes in ``request.state.principal`` for the handler and the request log, and
    as the actor the audit trail records for this request's writes."""
    request.state.principal = principal
    acting(principal.name, getattr(request.state, "request_id", None))


def require(role: str) -> Callable[[Request], Awaitable[Principal]]:
    """A dependency for write routes: the request's principal when its bearer token has
    ``role`` or a stronger one (401 without a valid token, 403 when too weak or writes are
    off), kept in ``request.state.principal`` for the handler and as the writes' actor."""

    async def check(request: Request) -> Principal:
        auth = get_auth(request)
        check_enabled(auth)
        supplied = bearer(request.headers.get("authorization", ""))
        # a file token costs a scrypt hash: in a thread, not on the event loop
        principal = await in_write_thread(authorize, auth, supplied, role)
        act_as(request, principal)
        return principal

    check.__name__ = f"require_{role}"
    return check


#: Review claims and ingest documents.
require_reviewer = require("reviewer")
#: Also SPARQL Update, Graph Store Protocol writes and document deletes.
require_editor = require("editor")
#: Everything, revert and restore included.
require_admin = require("admin")


Store = Annotated[GraphStore, Depends(get_store)]
StoreIds = Annotated[Ids, Depends(get_ids)]
Index = Annotated[LabelIndex, Depends(get_index)]
Paged = Annotated[Paging, Depends(paging)]
