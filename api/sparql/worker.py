"""A query worker: a child process that evaluates SPARQL on a read-only view of the store.

Run as ``python -m api.sparql.worker STORE_PATH``; ``api.sparql.pool`` starts and stops it.
Why a process: pyoxigraph releases the GIL while it evaluates (other requests keep running) but
cannot be interrupted, and a query whose first solution never comes (an aggregate over a
cartesian product) would otherwise burn a core until it ends. A process can be killed at the time
limit. It also contains the worst case: a query that overflows the engine's stack kills this
worker, never the server.

Protocol on stdin/stdout: frames of a 4-byte big-endian length and a payload. The server sends a
JSON request; the worker answers with a JSON header frame then a body frame. The store is
reopened whenever the request's ``generation`` (the store's write counter) has moved, so
answers always reflect the last committed write.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from typing import Any, BinaryIO

import pyoxigraph as ox

from api.sparql.eval import EngineError, QueryRequest, QuerySyntaxError, WrongKind, evaluate
from graph.pipes import LENGTH, framed, read_frame, write_frame
from graph.write import update_plan

#: Stack of the evaluating thread: deep but legal queries need more than the default 8 MiB
#: (address space only; pages are committed as they are touched).
STACK_BYTES = 512 * 1024 * 1024
def _open(path: str, attempts: int = 8) -> ox.Store:
    """Open read-only beside the server's writer, retrying while a compaction swaps files."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(path)
        except OSError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _handle(store: ox.Store, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    if request["op"] == "update":
        before = update_plan.snapshot(store)
        changed = update_plan.plan(before, request["update"],
                                   default_target=request["default_target"],
                                   derived=request["derived"], prefixes=request["prefixes"],
                                   base_iri=request.get("base_iri"),
                                   hidden=request.get("hidden", ()))
        return {"ok": True, "changed": sorted(changed)}, update_plan.to_nquads(changed)
    query = QueryRequest(**request["query"])
    answer = evaluate(store, query)
    header = {"ok": True, "kind": answer.kind, "format": answer.format,
              "truncated": answer.truncated, "count": answer.count}
    return header, answer.body


def _answer(store: ox.Store, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    try:
        return _handle(store, request)
    except (QuerySyntaxError, SyntaxError) as exc:
        return {"ok": False, "error": "syntax", "message": str(exc)}, b""
    except WrongKind as exc:
        return {"ok": False, "error": "kind", "message": exc.kind}, b""
    except (EngineError, OSError, RuntimeError, ValueError) as exc:
        return {"ok": False, "error": "engine", "message": str(exc)}, b""


def serve(path: str, incoming: BinaryIO, outgoing: BinaryIO) -> None:
    """Answer requests until the server closes the pipe."""
    store: ox.Store | None = None
    generation: int | None = None
    while (frame := read_frame(incoming)) is not None:
        request = json.loads(frame)
        if store is None or request["generation"] != generation:
            store = None  # release the old view's files before opening the new one
            try:
                store = _open(path)
            except OSError as exc:
                header: dict[str, Any] = {"ok": False, "error": "store", "message": str(exc)}
                write_frame(outgoing, json.dumps(header).encode())
                write_frame(outgoing, b"")
                outgoing.flush()
                continue
            generation = request["generation"]
        header, body = _answer(store, request)
        # buffered, then flushed: a small answer leaves in one write (the server, woken by the
        # first bytes, finds the rest there), and a large body is written as it is, not copied
        outgoing.write(framed(json.dumps(header).encode()) + LENGTH.pack(len(body)))
        outgoing.write(body)
        outgoing.flush()


def main() -> None:
    path = sys.argv[1]
    # The protocol owns the real stdout; anything printed by mistake goes to stderr instead.
    outgoing = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    with contextlib.suppress(ValueError, RuntimeError):  # else keep the default stack
        threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=serve, args=(path, sys.stdin.buffer, outgoing))
    worker.start()
    worker.join()


if __name__ == "__main__":
    main()
