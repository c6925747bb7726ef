"""Which server holds an on-disk store: a note beside the store while ``diplograph serve`` runs.

Oxigraph lets one process write a store; a command that finds the store locked can only say
"lock unavailable". With the note (``<store>.server.json``: the server's URL, its process id
and whether it takes writes) it can say where to send the write instead: the server's API.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Holder:
    """The running server that holds a store."""

    url: str
    pid: int
    #: Whether it was started with a write token (without one it refuses every write).
    writes: bool


def store_path(spec: str) -> Path | None:
    """The directory of an ``oxigraph:PATH`` setting; None for any other store."""
    scheme, _, rest = spec.partition(":")
    return Path(rest).expanduser() if scheme == "oxigraph" and rest else None


def note_path(store: Path) -> Path:
    """Beside the store, not in it: the store's directory belongs to Oxigraph."""
    return store.with_name(store.name + ".server.json")


def client_url(host: str, port: int) -> str:
    """The URL a client on this machine reaches a server listening on ``host``:``port`` by."""
    if host in {"", "0.0.0.0", "::"}:
        host = "127.0.0.1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


@contextlib.contextmanager
def announce(spec: str, url: str, *, writes: bool) -> Iterator[None]:
    """Keep the note for the store ``spec`` names while the block (the server) runs."""
    path = store_path(spec)
    if path is None:
        yield
        return
    note = note_path(path)
    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(json.dumps({"url": url, "pid": os.getpid(), "writes": writes}),
                        encoding="utf-8")
    except OSError:  # a note is a courtesy: a read-only directory must not stop the server
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if json.loads(note.read_text(encoding="utf-8")).get("pid") == os.getpid():
                note.unlink()


def holder(store: Path) -> Holder | None:
    """The server the note beside ``store`` names, if that process is still running."""
    try:
        data = json.loads(note_path(store).read_text(encoding="utf-8"))
        found = Holder(str(data["url"]), int(data["pid"]), bool(data.get("writes")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(found.pid, 0)
    except ProcessLookupError:
        return None  # a server that died without removing its note
    except PermissionError:
        pass  # alive, under another user
    return found
