"""A write's SHACL validation in a process of its own (``graph.shacl.worker``), for the server.

Only the pyshacl run crosses over: the parent reads the change's neighbourhood from the store
(``graph.shacl.focus``, which works the same on the embedded store and on a ``sparql:`` engine),
pickles its triples with the focus nodes (a few hundred triples, 1-7 ms), and the worker answers
the validation result. The ontology is sent only when it differs from the one the worker holds.
The commit stays in the server, under the write lock, as before: the worker writes nothing and
holds no store open, so killing it can never leave a write half done.

A worker that dies (killed, crashed) is replaced and the validation sent once more; if the fresh
one dies too, or a worker gives no answer within ``TIMEOUT`` seconds (it is then killed), the
write fails with ``ValidationUnavailable`` (HTTP 503) and nothing is written. The worker exits
when its input closes, so it never outlives the server, even one killed with SIGKILL; ``close``
(the server's shutdown) ends it at once.

``attach(store, process)`` makes every validation of a write to ``store`` go through
``process``; a store with none attached (the CLI, tests that build no app) validates in-process.
"""

from __future__ import annotations

import os
import pickle
import select
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from graph.pipes import LENGTH, end
from graph.shacl.validate import ShapesError, ValidationResult, validate
from graph.shacl.worker import send
from graph.store import GraphStore
from graph.store.base import Triple

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
#: Seconds a validation may take in the worker before it is killed (the write lock's wait:
#: ``graph.write.commit.LOCK_WAIT``); a write's takes tens of milliseconds.
TIMEOUT = 120.0
#: Seconds a fresh worker may take to start (imports, shapes compiled).
START_TIMEOUT = 60.0


class ValidationUnavailable(Exception):
    """The validation worker died twice, or gave no answer in time; nothing was written."""


#: A worker that has been sent no ontology yet.
_NEVER = object()


class _Died(Exception):
    """The worker exited or closed its pipe."""


def worker_argv() -> list[str]:
    return [sys.executable, "-m", "graph.shacl.worker"]


class _Child:
    """One worker process and its pipes."""

    def __init__(self, argv: Sequence[str]) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PROJECT_ROOT, env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(list(argv), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, bufsize=0, env=env)
        #: The ontology the worker holds (None: the bundled one; ``_NEVER``: none sent yet).
        self.ontology: object = _NEVER
        self.ready = False

    def send(self, request: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        try:
            send(self.process.stdin, request)
        except OSError as exc:  # BrokenPipeError: it died
            raise _Died(str(exc)) from None

    def receive(self, deadline: float) -> dict[str, Any]:
        size = int.from_bytes(self._read(LENGTH.size, deadline), "big")
        answer: dict[str, Any] = pickle.loads(self._read(size, deadline))
        return answer

    def _read(self, size: int, deadline: float) -> bytes:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        chunks: list[bytes] = []
        while size:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise TimeoutError
            chunk = os.read(fd, min(size, 1 << 20))
            if not chunk:
                raise _Died(f"exited with status {self.process.wait()}")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def kill(self) -> None:
        end(self.process)


class ValidationProcess:
    """A validation worker, started at the first validation (or ``start``), replaced when it
    dies. Validations are serialised (writes are anyway, under the write lock)."""

    def __init__(self, argv: Sequence[str] | None = None, timeout: float = TIMEOUT,
                 start_timeout: float = START_TIMEOUT) -> None:  # fmt: skip
        self.argv = list(argv or worker_argv())
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._child: _Child | None = None
        self._lock = threading.Lock()
        self._closed = False
        #: Workers started so far (replacements included), for tests and /metrics-like checks.
        self.started = 0

    @property
    def pid(self) -> int | None:
        child = self._child
        return None if child is None else child.process.pid

    def start(self) -> None:
        """Start the worker now and wait until it is ready (warming, at server start)."""
        with self._lock:
            try:
                self._ready_child()
            except _Died as exc:
                raise ValidationUnavailable(str(exc)) from None

    def _ready_child(self) -> _Child:
        if self._closed:
            raise ValidationUnavailable("the server is shutting down")
        child = self._child
        if child is not None and child.process.poll() is None and child.ready:
            return child
        if child is not None:
            child.kill()
        self._child = child = _Child(self.argv)
        self.started += 1
        try:
            hello = child.receive(time.monotonic() + self.start_timeout)
        except (_Died, TimeoutError, pickle.UnpicklingError, EOFError) as exc:
            child.kill()
            self._child = None
            raise _Died(f"the validation worker did not start: {exc or type(exc).__name__}"
                        ) from None
        child.ready = bool(hello.get("ready"))
        return child

    def validate(self, data: Iterable[Triple], ontology: Graph | None,
                 focus: Collection[Node]) -> ValidationResult:  # fmt: skip
        """``graph.shacl.validate.validate(data, ontology, focus)``, run in the worker."""
        request: dict[str, Any] = {"data": list(data), "focus": list(focus)}
        wanted = None if ontology is None else frozenset(ontology)
        with self._lock:
            for attempt in (1, 2):
                try:
                    answer = self._call(request, ontology, wanted)
                    break
                except _Died as exc:
                    self._drop()
                    if attempt == 2:
                        raise ValidationUnavailable(
                            f"the validation worker died twice ({exc}); nothing was written, "
                            "retry later") from None
                except TimeoutError:
                    self._drop()
                    raise ValidationUnavailable(
                        f"the validation gave no answer within {self.timeout:g} s and was "
                        "stopped; nothing was written") from None
        if not answer["ok"]:
            if answer["error"] == "shapes":
                raise ShapesError(answer["message"])
            raise ValidationUnavailable(f"the validation failed: {answer['message']}")
        report = Graph()
        report.addN((s, p, o, report) for s, p, o in answer["report"])
        return ValidationResult(answer["conforms"], answer["violations"], answer["warnings"],
                                answer["report_text"], report)

    def _call(self, request: dict[str, Any], ontology: Graph | None,
              wanted: frozenset[tuple[Node, Node, Node]] | None) -> dict[str, Any]:  # fmt: skip
        child = self._ready_child()
        if child.ontology is _NEVER or child.ontology != wanted:
            request = {**request, "ontology": None if ontology is None else list(ontology)}
        child.send(request)
        try:
            answer = child.receive(time.monotonic() + self.timeout)
        except (pickle.UnpicklingError, EOFError) as exc:
            raise _Died(f"unreadable answer: {exc}") from None
        child.ontology = wanted
        return answer

    def _drop(self) -> None:
        if self._child is not None:
            self._child.kill()
            self._child = None

    def close(self) -> None:
        """End the worker (the server's shutdown); later validations are refused."""
        with self._lock:
            self._closed = True
            self._drop()


_ATTACHED: weakref.WeakKeyDictionary[GraphStore, ValidationProcess] = weakref.WeakKeyDictionary()


def attach(store: GraphStore, process: ValidationProcess | None) -> None:
    """Validate the writes to ``store`` in ``process`` (None: in this process again)."""
    if process is None:
        _ATTACHED.pop(store, None)
    else:
        _ATTACHED[store] = process


def validate_for(store: GraphStore, data: Iterable[Triple], ontology: Graph | None,
                 focus: Collection[Node]) -> ValidationResult:  # fmt: skip
    """Validate ``data`` (the neighbourhood of a write to ``store``: a graph, or plain
    triples): in the store's attached worker, else in this process."""
    process = _ATTACHED.get(store)
    if process is None:
        return validate(data, ontology, focus)
    return process.validate(data, ontology, focus)
