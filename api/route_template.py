"""The route a request matched, as its path template (``/claims/{id}``), for metrics and logs.

Labels and log fields name the template, never the raw path: raw paths are unbounded (every
claim id, every typo a crawler tries) and a label per path grows the metrics without end.
"""

from __future__ import annotations

from typing import Any

from starlette.routing import Match
from starlette.types import Scope

#: The label of a request no route matched (a 404, or one answered before routing).
UNMATCHED = "unmatched"


def route_template(scope: Scope) -> str:
    """The template of the route that served ``scope``, read after the app has answered it.

    The router records the matched route in the scope; an answer replayed by the response
    cache carries the route it was first served by. Routes FastAPI adds itself (``/docs``,
    ``/openapi.json``) are not recorded, so the app's plain routes are matched here."""
    route = scope.get("route")
    template = getattr(route, "path_format", None)
    if isinstance(template, str):
        return template
    app: Any = scope.get("app")
    for candidate in getattr(getattr(app, "router", None), "routes", ()):
        plain = getattr(candidate, "path_format", None)
        if isinstance(plain, str) and candidate.matches(scope)[0] is Match.FULL:
            return plain
    return UNMATCHED
