"""The faults of a store or engine that are not the caller's doing, told apart once.

Every front end (the REST routes, the SPARQL endpoint, the pages, the CLI) answers from this
classification, so an engine that is gone is "unavailable" everywhere, never a bad request in
one place and an internal error in another:

* ``StoreUnavailable``: the engine cannot be reached or refuses to serve (connection refused,
  reset, an HTTP 502/503 from it). Transient: retry after ``retry_after`` seconds.
* ``StoreTimeout``: the engine took the connection but gave no answer within the time limit
  (a stopped or overloaded engine).
* ``StorageUnwritable``: the embedded store's disk is full, read-only or not writable by us:
  writes cannot land, reads keep working.

``Condition`` is what ``/health`` reports: ok, degraded (reads work, writes do not) or down.
"""

from __future__ import annotations

import errno
import time
from dataclasses import dataclass, field
from typing import Literal

from graph.store.base import StoreError

Status = Literal["ok", "degraded", "down"]


class StoreUnavailable(StoreError):
    """The engine is unreachable or refuses to serve; worth retrying later."""

    def __init__(self, message: str, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StoreTimeout(StoreError):
    """The engine gave no answer within the time limit."""


class StorageUnwritable(StoreError):
    """The store's storage takes no writes (full, read-only, no permission); reads work."""

    def __init__(self, message: str, cause: str) -> None:
        super().__init__(message)
        #: A few words for ``/health``: "disk full", "read-only filesystem", "no permission".
        self.cause = cause


#: errno values and the engine's wordings of them (RocksDB reports "IO error: ..." texts).
_STORAGE_CAUSES: tuple[tuple[int, str, str], ...] = (
    (errno.ENOSPC, "no space left on device", "disk full"),
    (errno.EDQUOT, "disk quota exceeded", "disk quota exceeded"),
    (errno.EROFS, "read-only file system", "read-only filesystem"),
    (errno.EACCES, "permission denied", "no write permission"),
    (errno.EPERM, "operation not permitted", "no write permission"),
)


def storage_cause(exc: BaseException) -> str | None:
    """The storage fault an engine error reports ("disk full", ...), or None for another error."""
    number = getattr(exc, "errno", None)
    text = str(exc).lower()
    for code, words, cause in _STORAGE_CAUSES:
        if number == code or words in text:
            return cause
    return None


@dataclass
class Condition:
    """The state of a store as ``/health`` reports it, and since when (wall clock)."""

    status: Status = "ok"
    cause: str | None = None
    since: float = field(default_factory=time.time)

    def move(self, status: Status, cause: str | None) -> bool:
        """Enter ``status`` (the time is kept while the status stays); True if it changed."""
        if status == self.status:
            self.cause = cause
            return False
        self.status, self.cause, self.since = status, cause, time.time()
        return True


#: The CLI's exit statuses for the faults (from sysexits.h), so a cron job or a supervisor
#: can tell "retry later" from a refused input (exit 1).
EXIT_UNAVAILABLE = 69  # EX_UNAVAILABLE: the engine cannot be reached
EXIT_IOERR = 74  # EX_IOERR: the storage takes no writes
EXIT_TEMPFAIL = 75  # EX_TEMPFAIL: no answer within the time limit


def exit_code(exc: BaseException) -> int:
    """The CLI's exit status for ``exc``: one of the above for a fault, else 1."""
    if isinstance(exc, StoreUnavailable):
        return EXIT_UNAVAILABLE
    if isinstance(exc, StoreTimeout):
        return EXIT_TEMPFAIL
    if isinstance(exc, StorageUnwritable):
        return EXIT_IOERR
    return 1
