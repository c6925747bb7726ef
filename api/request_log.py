"""A request id on every request, and one JSON log line per request when asked for.

The id is the client's ``X-Request-ID`` when it is well formed (a proxy in front may have made
it, and its logs then join ours), else a new one; it is echoed in the answer's header and kept
in ``request.state.request_id``, so that what the request writes can be recorded under the same
id. With ``DIPLOGRAPH_LOG_FORMAT=json`` each request ends with one line on the
``diplograph.access`` logger: time, method, route template (never the raw path, which may carry
search text), status, milliseconds, request id and the token's name when one was given.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.route_template import route_template

HEADER = "X-Request-ID"
_HEADER_KEY = HEADER.lower().encode()
#: An incoming id is kept when it looks like an id (a UUID, a proxy's hex or base64 token), not
#: free text that could forge a log line or fill the log.
WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+/=-]{0,127}")
LOGGER = "diplograph.access"
#: The log formats ``DIPLOGRAPH_LOG_FORMAT`` takes.
FORMATS = ("text", "json")


def request_id(scope: Scope) -> str:
    """The client's id when well formed, else a new one (32 hex digits)."""
    for name, value in scope["headers"]:
        if name == _HEADER_KEY:
            supplied = value.decode("latin-1")
            if WELL_FORMED.fullmatch(supplied):
                return supplied
            break
    return uuid.uuid4().hex


def json_logging() -> logging.Logger:
    """The access logger, writing bare JSON lines to stderr (once per process)."""
    logger = logging.getLogger(LOGGER)
    if not any(getattr(h, "_diplograph", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler._diplograph = True  # type: ignore[attr-defined]  # marks the handler added here
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # one line, not a second one through the root's handlers
    return logger


class RequestLogMiddleware:
    """Gives every HTTP request an id and, when ``log_json``, logs it as one JSON line."""

    def __init__(self, app: ASGIApp, log_json: bool) -> None:
        self.app = app
        self.logger = json_logging() if log_json else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(scope)
        scope.setdefault("state", {})["request_id"] = rid
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k != _HEADER_KEY]
                message = {**message, "headers": [*headers, (_HEADER_KEY, rid.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            if self.logger is not None:
                self.logger.info(self.line(scope, rid, status, time.perf_counter() - started))

    @staticmethod
    def line(scope: Scope, rid: str, status: int, seconds: float) -> str:
        principal = scope.get("state", {}).get("principal")
        return json.dumps({
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "method": scope["method"],
            "route": route_template(scope),
            "status": status,
            "duration_ms": round(seconds * 1000, 3),
            "request_id": rid,
            "principal": getattr(principal, "name", None),
        }, ensure_ascii=False)
