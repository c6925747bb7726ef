"""A validation worker: a child process that runs pyshacl on a write's neighbourhood.

Run as ``python -m graph.shacl.worker``; ``graph.shacl.process`` starts, feeds and stops it.
Why a process: pyshacl is pure Python and holds the interpreter lock for the whole run (about
half of an ingest), so in the server a write's validation was slowed by every reader's request
handling, and slowed them in turn. Here it runs on a core of its own. It needs nothing from the
store: the parent reads the neighbourhood (``graph.shacl.focus``) and sends it.

Protocol on stdin/stdout: frames of a 4-byte big-endian length and a pickled payload (parent and
child are the same code). A request is ``{"data": [triples], "focus": [nodes], "ontology":
[triples] | None | absent}``: the ontology is sent when it differs from the last one the worker
was given (absent: use that one; None: the bundled ontology). The answer is ``{"ok": True,
"conforms", "violations", "warnings", "report_text", "report": [triples]}`` or ``{"ok": False,
"error": "shapes" | "other", "message"}``. The worker exits when its input closes, so it never
outlives the server (even one killed outright).
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import IO, Any, BinaryIO

from graph.pipes import read_frame, write_frame

#: A request without an "ontology" key: keep the one sent last.
_ABSENT = object()


def send(stream: IO[bytes], payload: Any) -> None:
    """``payload`` pickled, as one frame."""
    write_frame(stream, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    stream.flush()


def _answer(request: dict[str, Any], ontology: Any) -> dict[str, Any]:
    from graph.shacl.validate import ShapesError, validate

    try:
        result = validate(request["data"], ontology, request["focus"])
    except ShapesError as exc:
        return {"ok": False, "error": "shapes", "message": str(exc)}
    except Exception as exc:  # told to the server, which answers 5xx
        return {"ok": False, "error": "other", "message": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "conforms": result.conforms, "violations": result.violations,
            "warnings": result.warnings, "report_text": result.report_text,
            "report": list(result.report_graph)}


def serve(incoming: BinaryIO, outgoing: IO[bytes]) -> None:
    """Answer requests until the server closes the pipe."""
    from rdflib import Graph

    ontology: Graph | None = None
    while (frame := read_frame(incoming)) is not None:
        request = pickle.loads(frame)
        sent = request.get("ontology", _ABSENT)
        if sent is not _ABSENT:
            if sent is None:
                ontology = None
            else:
                ontology = Graph()
                ontology.addN((s, p, o, ontology) for s, p, o in sent)
        send(outgoing, _answer(request, ontology))


def main() -> None:
    # The protocol owns the real stdout; anything printed by mistake goes to stderr instead.
    outgoing = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    from graph.shacl.validate import load_ontology, validate

    validate(load_ontology(), None, [])  # shapes parsed and compiled before the first write
    send(outgoing, {"ok": True, "ready": True})
    serve(sys.stdin.buffer, outgoing)


if __name__ == "__main__":
    main()
