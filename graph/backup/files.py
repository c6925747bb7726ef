"""The dump file itself: its format by name, gzip, and the header and end lines that make a
truncated or damaged dump detectable.

A dump is plain TriG or N-Quads with two comment lines around the statements::

    # diplograph dump 1: <store>; written by diplograph <v> with pyoxigraph <v> at <time>
    ...statements...
    # diplograph dump end: 8809 quads in 16 graphs, sha256 <hex>

The end line is written last and records the SHA-256 of every byte before it (header
included, uncompressed). A file cut short at a line boundary still parses, so the parser
alone cannot tell it from a complete one; a missing end line, or one whose count or digest
does not match, can. Any RDF tool still reads the file: the two lines are comments.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from graph import __version__

#: The layout of the comment lines; a restore refuses a dump of a later one.
VERSION = 1
HEADER = b"# diplograph dump "
END = b"# diplograph dump end: "
_END_LINE = re.compile(
    rb"# diplograph dump end: (\d+) quads in (\d+) graphs, sha256 ([0-9a-f]{64})")
_HEADER_VERSION = re.compile(rb"# diplograph dump (\d+):")
#: Bytes held back from the digest while reading: the end line is among the last of them.
_KEEP = 4096
#: What reading a damaged gzip stream raises (a cut-off one: EOFError).
GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


class DumpError(Exception):
    """A dump cannot be written or read; the message names the file and the problem."""


class DumpFormat(Enum):
    """The two formats a dump is written in, by file name."""

    trig = ox.RdfFormat.TRIG
    nquads = ox.RdfFormat.N_QUADS


_SUFFIXES = {".trig": DumpFormat.trig, ".nq": DumpFormat.nquads, ".nquads": DumpFormat.nquads}


def dump_format(path: Path) -> tuple[DumpFormat, bool]:
    """(format, gzipped) from the name: ``.trig``, ``.nq`` or ``.nquads``, then maybe ``.gz``."""
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    stem = Path(name.removesuffix(".gz"))
    found = _SUFFIXES.get(stem.suffix)
    if found is None:
        raise DumpError(
            f"{path.name}: a dump is .trig or .nq (TriG or N-Quads), gzipped when it ends "
            "in .gz (.trig.gz, .nq.gz)"
        )
    return found, gzipped


def header(description: str, now: dt.datetime | None = None) -> bytes:
    """The first line: what was dumped, by which versions, when."""
    when = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    about = " ".join(description.split())
    line = (f"# diplograph dump {VERSION}: {about}; written by diplograph {__version__} with "
            f"pyoxigraph {ox.__version__} at {when}\n")
    return line.encode("utf-8")


def end_line(quads: int, graphs: int, sha256: str) -> bytes:
    return f"{END.decode()}{quads} quads in {graphs} graphs, sha256 {sha256}\n".encode()


class DigestWriter:
    """A binary sink that hashes what passes through it (the header and the statements)."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.sha256 = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        return self.target.write(data)

    def flush(self) -> None:
        self.target.flush()


def open_for_writing(path: Path, gzipped: bool) -> IO[bytes]:
    raw = path.open("wb")
    if not gzipped:
        return raw
    # mtime 0: the same store dumps to the same bytes; the header says when it was made
    # typeshed's GzipFile is no IO[bytes], though it is one to every caller here
    return cast("IO[bytes]",
                gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=6, mtime=0))


@dataclass(frozen=True)
class EndLine:
    """What the end line of a dump records."""

    quads: int
    graphs: int
    sha256: str


class VerifyingReader(io.RawIOBase):
    """The dump's bytes for the parser, hashed on the way, the last few kept back to find
    the end line; ``on_read`` is told the position in the file on disk (for a progress bar)."""

    def __init__(self, stream: IO[bytes], on_read: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._stream = stream
        self._on_read = on_read
        self._sha256 = hashlib.sha256()
        self._tail = b""
        self.head = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]  # io's stubs type the buffer as WriteableBuffer; a memoryview is what we get
        chunk = self._stream.read(len(buffer))
        if not chunk:
            return 0
        size = len(chunk)
        buffer[:size] = chunk
        if len(self.head) < 256:
            self.head += chunk[: 256 - len(self.head)]
        tail = self._tail + chunk
        if len(tail) > _KEEP:
            self._sha256.update(tail[:-_KEEP])
            tail = tail[-_KEEP:]
        self._tail = tail
        if self._on_read is not None:
            self._on_read()
        return size

    def drain(self) -> None:
        """Read to the end (a parser may stop before the last comment)."""
        buffer = bytearray(65536)
        while self.readinto(memoryview(buffer)):
            pass

    def version(self) -> int | None:
        """The header's layout version; None when the file does not start like a dump."""
        if not self.head.startswith(HEADER):
            return None
        found = _HEADER_VERSION.match(self.head)
        return int(found.group(1)) if found else None

    def verify(self, name: str, quads: int, graphs: int) -> EndLine:
        """The end line, checked against the bytes before it and against what was parsed
        (``quads`` in ``graphs``); a ``DumpError`` saying what is wrong otherwise."""
        body, newline, last = self._tail.rstrip(b"\n").rpartition(b"\n")
        found = _END_LINE.fullmatch(last) if newline else None
        if found is None:
            raise DumpError(
                f"{name} is truncated: it lacks the end line a complete dump ends with "
                f"('{END.decode()}N quads in N graphs, sha256 ...')"
            )
        recorded = EndLine(int(found.group(1)), int(found.group(2)), found.group(3).decode())
        digest = self._sha256.copy()
        digest.update(body + newline)
        if digest.hexdigest() != recorded.sha256:
            raise DumpError(
                f"{name} is corrupted: its content does not match the SHA-256 its end line "
                "records"
            )
        if (recorded.quads, recorded.graphs) != (quads, graphs):
            raise DumpError(
                f"{name} is corrupted: its end line records {recorded.quads} quads in "
                f"{recorded.graphs} graphs, the file holds {quads} in {graphs}"
            )
        return recorded
