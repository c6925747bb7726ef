"""The pipe protocol of the server's worker processes (SPARQL queries, write validation).

A frame is a 4-byte big-endian length and that many bytes; parent and child are the same
code, so what a frame holds (JSON, a pickle) is each protocol's own business. A child reads
frames until its input closes, which is how it never outlives the server.
"""

from __future__ import annotations

import struct
import subprocess
from typing import IO, BinaryIO

LENGTH = struct.Struct(">I")


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame, or None at end of input (the other side went away)."""
    head = stream.read(LENGTH.size)
    if len(head) < LENGTH.size:
        return None
    (size,) = LENGTH.unpack(head)
    data = stream.read(size)
    return data if len(data) == size else None


def framed(data: bytes) -> bytes:
    return LENGTH.pack(len(data)) + data


def write_frame(stream: IO[bytes], data: bytes) -> None:
    stream.write(framed(data))


def end(process: subprocess.Popen[bytes]) -> None:
    """Kill a worker (if it still runs), reap it and close its pipes."""
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()
