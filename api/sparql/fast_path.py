"""``GET`` and ``POST /sparql`` answered without FastAPI's routing and dependency machinery.

A cheap query costs the engine a tenth of a millisecond; FastAPI's walk of the route tree, its
dependency solving (which parses the query string a second time) and its exception layers cost
several times that on every request. This middleware sits inside the request log, the metrics
and CORS (so every answer is still logged, counted and headed as before) and hands the two
query methods straight to the endpoint's own handler, ``api.routers.sparql.sparql``: the same
code reads the protocol, runs the guard, negotiates, applies the time limit and shapes every
error, so the answers are byte for byte those of the routed path. Every other request (HEAD,
OPTIONS, the other methods and paths) goes through FastAPI as before.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from api import faults
from api.routers import sparql as endpoint

PATH = "/sparql"
METHODS = frozenset({"GET", "POST"})


def _route() -> Any:
    """The endpoint's POST route: named in the scope so metrics and logs see ``/sparql``."""
    for route in endpoint.router.routes:
        if getattr(route, "path_format", None) == PATH and "POST" in getattr(route, "methods", ()):
            return route
    raise LookupError(f"no POST {PATH} route in api.routers.sparql")


class SparqlFastPath:
    """Answers ``GET``/``POST /sparql`` with the endpoint's handler, skipping the router."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.route = _route()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["path"] != PATH or scope["method"] not in METHODS
                or scope.get("root_path")):  # fmt: skip
            await self.app(scope, receive, send)
            return
        scope["route"] = self.route
        request = Request(scope, receive)
        try:
            response = await endpoint.sparql(request)
        except Exception as exc:  # a store fault the handler let through: answered as routed
            answer = faults.respond(request, exc)
            if answer is None:
                raise
            response = answer
        await response(scope, receive, send)
