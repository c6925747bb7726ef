"""A log handler that keeps what a logger writes, for tests that read the access log."""

from __future__ import annotations

import logging


class Lines(logging.Handler):
    """Keeps each record's message, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
