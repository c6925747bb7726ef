"""The HTTP answer to each fault of the store or engine, the same on every route.

``graph.store.faults`` tells the faults apart; this maps them to statuses, once, for the REST
routes, the SPARQL protocols and the pages alike:

* 503 with ``Retry-After``: the engine cannot be reached or refuses, every query worker is
  busy, another write holds the lock too long, the validation worker died twice or hung, or
  the server is shutting down;
* 504: no answer within the query time limit (a stopped engine, a runaway query);
* 507: a write the storage cannot take (disk full, read-only); reads keep working.

None of them is a 4xx (the client did nothing wrong) nor a 500 (the server knows what
happened). An exception handler answers them wherever a route lets one through.
"""

from __future__ import annotations

import html
import logging
import math
from dataclasses import dataclass

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from api.sparql import eval as ev
from graph.shacl.process import ValidationUnavailable
from graph.store import StoreError
from graph.store.faults import StorageUnwritable, StoreTimeout, StoreUnavailable
from graph.write.commit import WriteBusy
from graph.write.drain import Draining

#: Seconds a client is told to wait before retrying a busy or draining server.
BUSY_RETRY = 2
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fault:
    """A fault's answer: status, message, and ``Retry-After`` seconds (None: no header)."""

    status: int
    message: str
    retry_after: int | None = None

    def headers(self) -> dict[str, str]:
        return {} if self.retry_after is None else {"Retry-After": str(self.retry_after)}


#: The fault answers of a write route, for its OpenAPI ``responses``.
WRITE_FAULTS: dict[int | str, dict[str, str]] = {
    503: {"description": "The store cannot be reached, the server is busy or shutting down "
          "(Retry-After says when to try again); nothing was written."},
    504: {"description": "The store did not answer within the time limit; nothing was "
          "written."},
    507: {"description": "The storage takes no writes now (disk full, read-only); reads "
          "keep working; nothing was written."},
}


def classify(exc: BaseException, limit: float | None = None) -> Fault | None:
    """The answer to ``exc``, or None when it is not a fault of the store or the server."""
    within = f" within the time limit of {limit:g} s" if limit is not None else ""
    if isinstance(exc, StoreUnavailable):
        return Fault(503, str(exc), max(1, math.ceil(exc.retry_after)))
    if isinstance(exc, StoreTimeout):
        return Fault(504, str(exc))
    if isinstance(exc, StorageUnwritable):
        return Fault(507, str(exc))
    if isinstance(exc, ev.QueryTimeout):
        return Fault(504, f"no answer{within}: the query was stopped; narrow it (LIMIT, more "
                          "specific patterns), or retry if the engine is overloaded")
    if isinstance(exc, Draining):
        return Fault(503, str(exc), BUSY_RETRY)
    if isinstance(exc, ValidationUnavailable):
        return Fault(503, str(exc), BUSY_RETRY)
    if isinstance(exc, WriteBusy | ev.Busy):
        return Fault(503, f"the server is busy: {exc}", BUSY_RETRY)
    if isinstance(exc, StoreError):  # a failure the store named but no class above covers
        return Fault(503, f"the store failed: {exc}", BUSY_RETRY)
    return None


def wants_html(request: Request) -> bool:
    """A browser (the pages) rather than an API client."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "json" not in accept


def answer(request: Request, fault: Fault) -> Response:
    """The fault as JSON (``{"detail": ...}``, as every refusal) or, for a browser, a page."""
    if wants_html(request):
        body = (f"<!doctype html><meta charset=utf-8><title>{fault.status}</title>"
                f"<h1>The service cannot answer this now</h1><p>{html.escape(fault.message)}"
                + ("<p>Try again shortly." if fault.retry_after else ""))
        return HTMLResponse(body, status_code=fault.status, headers=fault.headers())
    return JSONResponse({"detail": fault.message}, status_code=fault.status,
                        headers=fault.headers())


def respond(request: Request, exc: Exception) -> Response | None:
    """The answer to a fault a route let through (logged), or None when ``exc`` is none."""
    fault = classify(exc, request.app.state.settings.query_timeout)
    if fault is None:
        return None
    _log.warning("%s %s: %d: %s", request.method, request.url.path, fault.status,
                 fault.message)
    return answer(request, fault)


def install(app: FastAPI) -> None:
    """Answer every store fault a route lets through by its class."""

    async def handle(request: Request, exc: Exception) -> Response:
        response = respond(request, exc)
        if response is None:  # not reached: only the classes classify knows are registered
            raise exc
        return response

    for kind in (StoreError, ev.QueryTimeout, ev.Busy, WriteBusy, Draining,
                 ValidationUnavailable):
        app.add_exception_handler(kind, handle)
