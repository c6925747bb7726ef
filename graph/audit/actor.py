"""Who is writing, and for which request: kept in a context variable, not passed down.

Writes are made deep inside the library (an ingest's extraction, a review's rewrite), and the
server sets who acts once, where it checks the token (``api.deps.require``). A context
variable follows the request into the worker thread that runs the write (Starlette copies the
context there), and a thread or command that never set one acts as the local user.
"""

from __future__ import annotations

import getpass
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    #: The token's name on the server (``DIPLOGRAPH_TOKEN`` for the admin token), ``local:USER``
    #: on the command line.
    name: str
    #: The id of the HTTP request that made the write (the ``X-Request-ID`` the logs show).
    request_id: str | None = None


_CURRENT: ContextVar[Actor | None] = ContextVar("diplograph_actor", default=None)


def local() -> Actor:
    """The user running a command on this machine."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        user = "unknown"
    return Actor(f"local:{user}")


def acting(name: str, request_id: str | None = None) -> None:
    """Say who makes the writes of this context from here on (a request's task)."""
    _CURRENT.set(Actor(name, request_id))


def current() -> Actor:
    """Who makes a write made now."""
    return _CURRENT.get() or local()
