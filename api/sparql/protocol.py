"""Reading SPARQL 1.1 Protocol requests: where the operation is, its dataset, and bad input.

The three ways to send a query (GET ``?query=``, a urlencoded form, a direct
``application/sparql-query`` body) and the two ways to send an update are read into one
``Operation``. Everything that is not a well-formed request is a ``ProtocolError`` naming the
problem: a non-UTF-8 body or query string (400, never 500), a missing or unknown content type
(415), an oversized body (413), a repeated or conflicting parameter (400).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.requests import ClientDisconnect

from graph.sparql.guard import MAX_TEXT_BYTES

FORM = "application/x-www-form-urlencoded"
#: A body holds the text plus its encoding and parameters; anything past this is refused unread.
MAX_BODY_BYTES = 4 * MAX_TEXT_BYTES
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
_IRI_CHARS = re.compile(r"[^<>\"{}|^`\\\x00-\x20]+")


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The answer to a refused operation: ``{"detail": message}``, as the REST routes answer."""
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


@dataclass
class Operation:
    text: str | None
    params: dict[str, list[str]]

    def values(self, name: str) -> list[str]:
        return self.params.get(name, [])


def media_type(request: Request) -> tuple[str, str | None]:
    """(media type, charset) of the request body."""
    raw = request.headers.get("content-type", "")
    media, *params = (p.strip() for p in raw.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def parse_params(raw: bytes, where: str) -> dict[str, list[str]]:
    """urlencoded parameters, strictly UTF-8 (a bad byte is the client's error, not ours)."""
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"the {where} is not valid UTF-8 (percent-encode UTF-8 bytes)") \
            from None
    except ValueError as exc:
        raise ProtocolError(400, f"malformed {where}: {exc}") from None
    params: dict[str, list[str]] = {}
    for key, value in pairs:
        params.setdefault(key, []).append(value)
    return params


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, refused with 413 as soon as it is known to pass ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, f"the request body is larger than {limit // 1024} KiB")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ProtocolError(413, f"the request body is larger than {limit // 1024} KiB")
            chunks.append(chunk)
    except ClientDisconnect:
        raise ProtocolError(400, "the client closed the connection before the body ended") \
            from None
    return b"".join(chunks)


def decode_text(body: bytes, charset: str | None, what: str) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise ProtocolError(415, f"the {what} must be sent as UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the {what} is not valid UTF-8 (byte {exc.start})") from None


def _single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise ProtocolError(400, f"one '{name}' parameter per request, not {len(values)}")
    return values[0] if values else None


async def read_operation(request: Request, field: str, direct_type: str) -> Operation:
    """The query (``field="query"``) or update of a request, with every protocol parameter."""
    other = "update" if field == "query" else "query"
    params = parse_params(request.scope.get("query_string", b""), "query string")
    if request.method == "POST":
        media, charset = media_type(request)
        body = await read_body(request)
        if media == FORM:
            for key, values in parse_params(body, "form body").items():
                params.setdefault(key, []).extend(values)
        elif media == direct_type:
            if field in params:
                raise ProtocolError(400, f"the {field} is in the body; it cannot also be a "
                                         "URL parameter")
            params[field] = [decode_text(body, charset, field)]
        else:
            shown = media or "no Content-Type"
            raise ProtocolError(415, f"cannot read a {field} sent as {shown}: use {FORM} "
                                     f"or {direct_type}")
    if other in params:
        raise ProtocolError(400, f"a request carries a {field} or an {other}, not both")
    return Operation(_single(params, field), params)


def base_iri(request: Request, configured: str | None) -> str | None:
    """The service's base IRI for relative IRIs in a query or update: the configured one, else
    the endpoint's URL as the request reached it. None when that is no usable IRI (a Host
    header no IRI can hold): relative IRIs are then refused by the parser, as before."""
    candidate = configured or str(request.url.replace(query=None, fragment=None))
    if not _ABSOLUTE_IRI.fullmatch(candidate) or not _IRI_CHARS.fullmatch(candidate):
        return None
    try:
        ox.NamedNode(candidate)
    except ValueError:
        return None
    return candidate


def graph_iris(operation: Operation, name: str) -> list[str] | None:
    """Absolute IRIs of a dataset parameter (None when the parameter is absent)."""
    values = operation.values(name)
    if not values:
        return None
    for value in values:
        try:
            ox.NamedNode(value)
            valid = _ABSOLUTE_IRI.fullmatch(value) is not None
        except ValueError:
            valid = False
        if not valid:
            raise ProtocolError(400, f"{name} must be an absolute IRI, not {value[:80]!r}")
    return values
