"""Shutting down without cutting a write in half: new writes are refused, running ones end.

``begin`` (on SIGTERM) makes every later ``graph.write.commit.write`` raise ``Draining`` (an
HTTP 503 with ``Retry-After``: another instance, or this one restarted, takes it); ``settle``
waits, bounded, for the write in progress to commit or fail whole before the store is closed.
"""

from __future__ import annotations

import logging
import threading
import time

_DRAINING = threading.Event()
_log = logging.getLogger(__name__)


class Draining(Exception):
    """The server is shutting down and takes no new write."""


def begin() -> None:
    """Refuse new writes from now on (the process is about to exit)."""
    if not _DRAINING.is_set():
        _log.warning("shutting down: new writes are refused, the running one may finish")
    _DRAINING.set()


def draining() -> bool:
    return _DRAINING.is_set()


def check() -> None:
    """Raise ``Draining`` once shutdown has begun (called as a write starts)."""
    if _DRAINING.is_set():
        raise Draining("the server is shutting down and takes no new writes; retry shortly")


def settle(lock: threading.Lock, timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for the write holding ``lock`` to end; False if it did
    not (the store is closed anyway: a write is one transaction, whole or absent)."""
    started = time.monotonic()
    if not lock.acquire(timeout=timeout):
        _log.error("shutting down: a write still ran after %.0f s", timeout)
        return False
    lock.release()
    _log.info("shutting down: writes settled in %.2f s", time.monotonic() - started)
    return True


def reset() -> None:
    """Take writes again (tests, and an app started again in the same process)."""
    _DRAINING.clear()
