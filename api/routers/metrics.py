"""``GET /metrics``: the service's metrics for Prometheus to scrape (see ``api.metrics``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import require_reviewer

router = APIRouter(tags=["service"])
#: With ``DIPLOGRAPH_METRICS=token``: any valid bearer token (the weakest role, reviewer).
token_router = APIRouter(tags=["service"], dependencies=[Depends(require_reviewer)])

_DOC = {
    "summary": "Metrics in the Prometheus text format",
    "description": (
        "Requests and latency by route template and status, SPARQL queries stopped at the "
        "time limit, writes by kind and refused writes, the store's size and the response "
        "cache's hits. `DIPLOGRAPH_METRICS` turns it off or puts it behind a token."
    ),
    "response_class": Response,
    "responses": {200: {"content": {CONTENT_TYPE_LATEST.split(";")[0]: {}},
                        "description": "The metrics."}},
}


def _metrics(request: Request) -> Response:
    body = request.app.state.metrics.exposition()
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


@router.get("/metrics", **_DOC)  # type: ignore[arg-type]  # the keywords of APIRouter.get
def metrics(request: Request) -> Response:
    return _metrics(request)


@token_router.get("/metrics", **_DOC)  # type: ignore[arg-type]  # the keywords of APIRouter.get
def metrics_with_token(request: Request) -> Response:
    return _metrics(request)
