"""JSON answers written straight from the service's data, without FastAPI's response pass.

A route declared with ``response_model`` has its return value validated against the model and
then serialised by it, in a second thread hop for a sync route: on a cold claims or topic page
at 1M triples that pass was a quarter of the request's CPU, as much as reading the data. The
hot read routes keep ``response_model`` (it is what OpenAPI documents) and return
``json_answer(Model, data)`` instead: the standard library writes the same JSON from the plain
data the services already build.

"The same JSON" is checked, not assumed: with ``DIPLOGRAPH_CHECK_ANSWERS`` set (the test suite
sets it), every answer is also validated and serialised by its model and the two must be equal,
so a field the model would add, drop or reformat fails the tests of that route.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from functools import cache
from typing import Any

from fastapi import Response
from pydantic import TypeAdapter

#: Set (to anything but "" or "0") to check every answer against its model (tests do).
CHECK_ENV = "DIPLOGRAPH_CHECK_ANSWERS"
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                            default=lambda value: _plain(value))  # fmt: skip


def _plain(value: object) -> object:
    """What pydantic writes for the few non-JSON types the services return."""
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


@cache
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def _checking() -> bool:
    return os.environ.get(CHECK_ENV, "") not in ("", "0")


def json_answer(model: Any, data: Any, status_code: int = 200) -> Response:
    """``data`` as the JSON body ``model`` documents (see the module's docstring)."""
    body = _ENCODER.encode(data).encode()
    if _checking():
        adapter = _adapter(model)
        expected = adapter.dump_python(adapter.validate_python(data), mode="json", by_alias=True)
        if json.loads(body) != expected:
            raise AssertionError(f"the answer differs from what {model!r} makes of it")
    return Response(body, status_code=status_code, media_type="application/json")


@dataclass(frozen=True, slots=True)
class Written:
    """A value already written as JSON (UTF-8): a claim as the read model keeps it, which a
    page splices in as it is rather than reading it back and writing it again."""

    text: bytes


def written_answer(model: Any, data: Any, status_code: int = 200) -> Response:
    """``json_answer`` for ``data`` holding ``Written`` values (in its dicts and lists): the
    same bytes as ``json_answer`` of the data they were written from. Checked as
    ``json_answer`` is, on the data read back from the body."""
    body = _written(data)
    if _checking():
        adapter = _adapter(model)
        read = json.loads(body)
        if read != adapter.dump_python(adapter.validate_python(read), mode="json", by_alias=True):
            raise AssertionError(f"the answer differs from what {model!r} makes of it")
    return Response(body, status_code=status_code, media_type="application/json")


def _written(value: Any) -> bytes:
    """``value``'s JSON text as ``_ENCODER`` writes it, its ``Written`` parts as they are:
    those standing as a dict's values (at any depth of dicts) and as the items of a list of
    them; anything else is encoded whole (a ``Written`` elsewhere fails loudly there)."""
    if isinstance(value, Written):
        return value.text
    if isinstance(value, dict):
        return b"{" + b",".join(_key(k) + b":" + _written(v)
                                for k, v in value.items()) + b"}"  # fmt: skip
    if isinstance(value, list) and value and isinstance(value[0], Written):
        return b"[" + b",".join(map(_written, value)) + b"]"
    return _ENCODER.encode(value).encode()


def _key(key: object) -> bytes:
    if not isinstance(key, str):  # the answers' keys are names; JSON would write others anew
        raise TypeError(f"a {type(key).__name__} key in a written answer")
    return _ENCODER.encode(key).encode()
