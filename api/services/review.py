"""Reviewing an extracted claim, for the REST route and the pages' form alike: its state with
the version a verdict must match, the verdict applied through the validated write path, and
the 409 a stale verdict gets."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from fastapi import HTTPException
from fastapi.responses import JSONResponse

from api.pages import review
from graph.lookups import claims
from graph.lookups.ids import Ids, is_slug
from graph.lookups.sparql import is_a
from graph.namespaces import DG
from graph.store import GraphStore
from graph.write.commit import WriteBusy, WriteRefused


def _not_reviewable(id: str) -> HTTPException:
    return HTTPException(404, detail=f"no extracted claim with id {id[:80]!r}")


def review_state(store: GraphStore, ids: Ids, id: str) -> dict[str, Any]:
    """The claim as a reviewer sees it (``api.schemas.review.ReviewState``); 404 unless it is
    an extracted claim."""
    found = current(store, ids, id)
    if found is None:
        raise _not_reviewable(id)
    return found


def current(store: GraphStore, ids: Ids, id: str) -> dict[str, Any] | None:
    """The review state, None when no extracted claim has this id (any more)."""
    if not is_slug(id):
        return None
    iri = str(ids.iri("claim", id))
    state = review.state(store, iri)
    detail = claims.details(store, [iri]).get(iri)
    if state is None or detail is None:
        return None
    return {
        "id": id,
        "status": state.status,
        "version": state.version,
        "type": detail["type"],
        "text": detail["text"],
        "claimants": [c["id"] for c in detail["claimants"]],
        "addressee": detail["addressee"]["id"] if detail["addressee"] else None,
    }


def etag(version: str) -> str:
    """The strong entity tag of a version."""
    return f'"{version}"'


def matches(if_match: str | None) -> frozenset[str] | None:
    """The versions an ``If-Match`` header accepts: None for any state (no header, or ``*``:
    the claim exists, which the write checks anyway), else its strong tags' versions. A weak
    tag never matches (RFC 9110 compares strongly here): an empty set, which no claim has."""
    if if_match is None or if_match.strip() == "*":
        return None
    tags = (t.strip() for t in if_match.split(","))
    return frozenset(t.strip('"') for t in tags if t and not t.startswith("W/"))


def apply(
    store: GraphStore, ids: Ids, id: str, action: str, form: dict[str, list[str]],
    expected: Collection[str] | None,
) -> None:
    """Apply the verdict (``form`` holds a correction's fields, as the page's form sends
    them); every refusal is an ``HTTPException`` but a stale version: ``review.Stale``.
    Runs the write: call it in a worker thread."""
    if action not in ("accept", "reject", "correct"):
        raise HTTPException(422, detail="action: must be accept, reject or correct")
    if not is_slug(id):
        raise _not_reviewable(id)
    claim = ids.iri("claim", id)
    try:
        if action == "correct":
            review.correct(store, claim, review.parse_correction(store, ids, form), expected)
        else:
            review.review(store, claim, action, expected)  # type: ignore[arg-type]  # checked above
    except review.BadCorrection as error:
        raise HTTPException(422, detail=str(error)) from error
    except review.NotReviewable as error:
        raise _not_reviewable(id) from error
    except WriteRefused as error:
        messages = "; ".join(sorted({v.message for v in error.result.violations}))
        raise HTTPException(422, detail=f"{error}: {messages}") from error
    except WriteBusy as error:
        raise HTTPException(503, detail=str(error)) from error


def conflict(store: GraphStore, ids: Ids, id: str, stale: review.Stale) -> JSONResponse:
    """409: the claim as it is now (its ETag too), for the reviewer to decide again."""
    now = current(store, ids, id)
    headers = {"ETag": etag(now["version"])} if now else {}
    return JSONResponse(
        {"detail": f"{stale}", "current": now}, status_code=409, headers=headers
    )


def apply_event(
    store: GraphStore, ids: Ids, id: str, action: str, expected: Collection[str] | None
) -> None:
    """Accept or reject an extracted status event (the document page's form); refusals as in
    ``apply``: an ``HTTPException``, or ``review.Stale`` for a stale version."""
    if action not in ("accept", "reject"):
        raise HTTPException(422, detail="action: must be accept or reject")
    missing = HTTPException(404, detail=f"no extracted status event with id {id[:80]!r}")
    if not is_slug(id):
        raise missing
    event = ids.iri("event", id)
    if not is_a(store, event, str(DG.StatusEvent)):
        raise missing
    try:
        review.review(store, event, action, expected)  # type: ignore[arg-type]  # checked above
    except review.NotReviewable as error:
        raise missing from error
    except WriteRefused as error:
        messages = "; ".join(sorted({v.message for v in error.result.violations}))
        raise HTTPException(422, detail=f"{error}: {messages}") from error
    except WriteBusy as error:
        raise HTTPException(503, detail=str(error)) from error
