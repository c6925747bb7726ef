"""``/audit``: who changed what. Reading the trail needs a token (a reviewer's or stronger);
reverting an activity needs an admin's.

A revert undoes one recorded write through the validated write path and is recorded itself
(``graph.audit.revert``): 200 with the revert's activity, 404 for an unknown id, 409 when later
writes depend on the activity (their ids in ``later``), when it was reverted already or when
it kept its counts only, 422 when the result would break the shapes. Nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import JSONResponse

from api.deps import Paged, Store, require_admin, require_reviewer
from api.pagination import Page, page
from api.schemas.audit import Activity, ActivityDetail, RevertConflict
from api.schemas.common import ErrorMessage
from api.threads import in_write_thread
from graph.audit import revert as reverting
from graph.audit import trail
from graph.store import GraphStore, StoreError
from graph.write.commit import WriteBusy, WriteRefused, refusal_json

router = APIRouter(tags=["audit"])

ID = Path(max_length=100, pattern=r"^[a-z0-9-]+$", description="The activity's id.",
          examples=["20260412t093015123456-4f2a1c"])
TOKEN_NEEDED: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorMessage, "description": "No, unknown or revoked bearer token."},
    403: {"model": ErrorMessage, "description": "Writes are disabled on this server, so no "
          "token is valid; or (revert) the token is not an admin's."},
}


@router.get(
    "/audit",
    response_model=Page[Activity],
    dependencies=[Depends(require_reviewer)],
    responses=TOKEN_NEEDED,
    summary="The audit trail: who changed what, newest first (a token)",
)
def list_activities(
    *,
    actor: str | None = Query(None, max_length=200, description="Only this token's name.",
                              examples=["alice"]),
    since: dt.datetime | None = Query(None, description="Only from this time on (a date, or "
                                      "an ISO 8601 time; UTC when it names no zone).",
                                      examples=["2026-04-01"]),
    graph: str | None = Query(None, max_length=2000, description="Only activities that "
                              "changed this named graph (its IRI).",
                              examples=["https://w3id.org/diplograph/graph/extracted/x"]),
    paged: Paged,
    store: Store,
) -> dict[str, Any]:
    """Every recorded write (ingest, review, update, Graph Store write, delete, load, restore,
    revert): who, when, which graphs, how many triples added and removed, the request's id."""
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError:
            raise HTTPException(422, f"graph: {graph[:80]!r} is not an IRI") from None
    iris = trail.find(store, actor=actor, since=since, graph=graph)
    shown = list(paged.slice(iris))
    found = trail.read_many(store, shown)
    return page([found[i].as_json() for i in shown if i in found], len(iris), paged)


def _detail(store: GraphStore, activity_id: str) -> dict[str, Any]:
    activity = trail.by_id(store, activity_id)
    if activity is None:
        raise HTTPException(404, f"no activity {activity_id!r} in the audit trail")
    revertible = (trail.delta(store, activity.iri) is not None
                  and not reverting.undone_by(store, activity))
    return activity.as_json(revertible=revertible)


@router.get(
    "/audit/{id}",
    response_model=ActivityDetail,
    dependencies=[Depends(require_reviewer)],
    responses={**TOKEN_NEEDED, 404: {"model": ErrorMessage, "description": "No such activity."}},
    summary="One activity of the audit trail (a token)",
)
def read_activity(*, id: str = ID, store: Store) -> dict[str, Any]:
    """The activity, and whether it can be reverted."""
    return _detail(store, id)


@router.post(
    "/audit/{id}/revert",
    response_model=ActivityDetail,
    dependencies=[Depends(require_admin)],
    responses={
        **TOKEN_NEEDED,
        404: {"model": ErrorMessage, "description": "No such activity."},
        409: {"model": RevertConflict, "description": "Later writes depend on it, it was "
              "reverted already, or it kept no triples to revert; nothing was written."},
        422: {"model": ErrorMessage, "description": "The result would break the shapes."},
        503: {"model": ErrorMessage, "description": "Another write held the store too long."},
    },
    summary="Undo one recorded write through the validated write path (an admin's token)",
)
async def revert_activity(*, id: str = ID, store: Store) -> Any:
    """Remove the triples the activity added and put back those it removed, validated and
    recorded as a `revert` activity (answered)."""
    try:
        report = await in_write_thread(reverting.revert, store, id)
    except reverting.UnknownActivity as exc:
        raise HTTPException(404, str(exc)) from exc
    except reverting.RevertConflict as exc:
        return JSONResponse({"detail": str(exc), "later": exc.later}, status_code=409)
    except reverting.NotRevertible as exc:
        return JSONResponse({"detail": str(exc), "later": []}, status_code=409)
    except WriteRefused as exc:
        return JSONResponse(refusal_json(exc.result), status_code=422)
    except (WriteBusy, StoreError) as exc:
        raise HTTPException(503, f"the store refused the revert: {exc}") from exc
    assert report.activity is not None  # a revert always changes something
    return await in_write_thread(_detail, store, trail.activity_id(report.activity))
