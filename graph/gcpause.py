"""Python's cyclic garbage collector paused while a large view is built or written.

The claims view of a million triples allocates millions of dicts, lists and tuples that stay
alive until it is done, and each full collection walks all of them (about half a second on the
benchmark store); the collector runs several as the heap grows, for no garbage: nothing a view
builds is cyclic. Reference counting frees everything as usual during the pause, and cycles
made meanwhile (by any thread) are collected once the last pause ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """Nested and concurrent pauses: the first disables the collector, the last restores it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.was_enabled = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self.lock:
            if self.depth == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.depth += 1
        try:
            yield
        finally:
            with self.lock:
                self.depth -= 1
                if self.depth == 0 and self.was_enabled:
                    gc.enable()


#: ``with paused_gc(): ...``
paused_gc = _Pauses()
