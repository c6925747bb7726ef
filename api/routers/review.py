"""``/claims/{id}/review``: a reviewer's verdict on an extracted claim over the API.

GET answers the claim's review state with its version as a strong ``ETag``; POST applies a
verdict (a reviewer's token or stronger). A POST with ``If-Match`` is applied only if the claim
is still at that version: otherwise 409 with the claim as it is now, nothing written, so two
reviewers cannot overwrite each other unseen. ``If-Match`` is optional: a client that sends
none (as before versions existed) reviews whatever the claim is now; the pages' form always
sends the version it showed. 409 rather than RFC 9110's 412: the answer carries the current
state to decide on again, as for any conflict with the resource's state.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Header, Path, Request, Response
from fastapi.responses import JSONResponse

from api.deps import Store, StoreIds, require_reviewer
from api.pages import review
from api.rest import NOT_FOUND
from api.schemas.common import ErrorMessage
from api.schemas.review import ReviewConflict, ReviewIn, ReviewState
from api.services import review as service
from api.threads import in_write_thread

router = APIRouter(tags=["claims"])

ID = Path(max_length=300, description="The claim's slug.",
          examples=["2024-04-26-readout--demand--taiwan"])


@router.get(
    "/claims/{id}/review",
    response_model=ReviewState,
    responses=NOT_FOUND,
    summary="An extracted claim's review state and version (ETag)",
)
def get_review(*, id: str = ID, store: Store, ids: StoreIds, response: Response) -> Any:
    """The claim's review status, type, claimants and addressee, with `version` (also the
    `ETag`) to send back as `If-Match` with a verdict. 404 for curated claims: they are not
    reviewed."""
    state = service.review_state(store, ids, id)
    response.headers["ETag"] = service.etag(state["version"])
    return state


@router.post(
    "/claims/{id}/review",
    response_model=ReviewState,
    dependencies=[Depends(require_reviewer)],
    responses={
        204: {"description": "Rejected: the claim and its evidence are gone."},
        401: {"model": ErrorMessage, "description": "No, unknown or revoked bearer token."},
        403: {"model": ErrorMessage, "description": "Writes are disabled on this server, or "
              "the token's role is too weak."},
        404: {"model": ErrorMessage, "description": "No extracted claim has this id."},
        409: {"model": ReviewConflict, "description": "If-Match names an older version: the "
              "claim changed meanwhile; nothing was written."},
        422: {"model": ErrorMessage, "description": "A bad verdict, or one the shapes refuse."},
        503: {"model": ErrorMessage, "description": "Another write held the store too long."},
    },
    summary="Accept, reject or correct an extracted claim (a reviewer's token)",
)
async def post_review(
    *,
    id: str = ID,
    body: ReviewIn,
    request: Request,
    store: Store,
    ids: StoreIds,
    if_match: str | None = Header(
        None, description="The version the verdict was made on (the ETag of GET).",
        examples=['"5f2c0d1e9a7b4c3d2e1f0a9b8c7d6e5f"'],
    ),
) -> Any:
    """Apply the verdict through the validated write path; answer the claim's new state (or
    204 once rejected)."""
    form = _form(body)
    if body.action != "correct" and form:
        return JSONResponse({"detail": "type, claimant and addressee go with action correct"},
                            status_code=422)
    expected = service.matches(if_match)
    try:
        await in_write_thread(service.apply, store, ids, id, body.action, form, expected)
    except review.Stale as stale:
        return await in_write_thread(service.conflict, store, ids, id, stale)
    if body.action == "reject":
        return Response(status_code=204)
    state = await in_write_thread(service.review_state, store, ids, id)
    return JSONResponse(state, headers={"ETag": service.etag(state["version"])})


def _form(body: ReviewIn) -> dict[str, list[str]]:
    """The correction's fields as the pages' form sends them (those the body left out are
    absent: unchanged)."""
    sent = body.model_fields_set
    form: dict[str, list[str]] = {}
    if "type" in sent:
        form["type"] = [body.type or ""]
    if "claimant" in sent:
        form["claimant"] = [", ".join(body.claimant or [])]
    if "addressee" in sent:
        form["addressee"] = [body.addressee or ""]
    return form


@router.api_route("/claims/{id}/review", methods=["OPTIONS", "HEAD", "PUT", "PATCH", "DELETE"],
                  include_in_schema=False)
def review_methods(request: Request, id: str) -> Response:
    """The methods the path answers (Starlette would name only the first route's)."""
    status = 204 if request.method == "OPTIONS" else 405
    return Response(status_code=status, headers={"Allow": "GET, POST, OPTIONS"})
