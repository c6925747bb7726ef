"""A few worker processes (``api.sparql.worker``) that evaluate queries and can be killed.

The time limit is enforced here, by the server: it awaits the answer with a deadline, and a
worker that misses it is killed (SIGKILL) and replaced, so a runaway query stops using the CPU
at the limit rather than when it finishes. ``run_async`` waits on the event loop itself (the
pipe is watched by the loop), so a query costs no thread hand-off; ``run`` is the same for
callers in a thread (update planning, tests).
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from graph.pipes import end, write_frame

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
#: Bytes of a frame's length prefix, and most bytes asked of the pipe in one read.
_LENGTH = 4
_CHUNK = 1 << 20


class WorkerTimeout(Exception):
    """The worker did not answer before the deadline (it has been killed)."""


class WorkerDied(Exception):
    """The worker exited while working: killed by a signal when the engine crashed on the
    request (``status`` < 0), or unable to run at all (``status`` >= 0)."""

    def __init__(self, message: str, status: int | None) -> None:
        super().__init__(message)
        self.status = status


class PoolBusy(Exception):
    """Every worker stayed busy until the deadline."""


def default_size() -> int:
    return max(2, min(4, os.cpu_count() or 2))


class Worker:
    """One child process and its pipes."""

    def __init__(self, store_path: str) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PROJECT_ROOT, env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.sparql.worker", store_path],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, env=env,
        )
        assert self.process.stdout is not None
        os.set_blocking(self.process.stdout.fileno(), False)  # read what is there, else wait

    async def call(self, request: dict[str, Any], deadline: float) -> tuple[dict[str, Any], bytes]:
        assert self.process.stdin is not None
        try:
            write_frame(self.process.stdin, json.dumps(request).encode())
        except (BrokenPipeError, OSError) as exc:
            raise WorkerDied(f"query worker unavailable: {exc}", self._status()) from None
        header, body = await self._read_answer(deadline)
        return json.loads(header), body

    async def _read_answer(self, deadline: float) -> tuple[bytes, bytes]:
        """The header and body frames, read in as few reads as the pipe allows (the worker
        writes both at once, so a small answer is usually there whole after one wait)."""
        buffer = bytearray()
        await self._fill(buffer, _LENGTH, deadline)
        header_end = _LENGTH + int.from_bytes(buffer[:_LENGTH], "big")
        await self._fill(buffer, header_end + _LENGTH, deadline)
        body_end = header_end + _LENGTH + int.from_bytes(buffer[header_end:header_end + _LENGTH],
                                                        "big")  # fmt: skip
        await self._fill(buffer, body_end, deadline)
        if len(buffer) != body_end:  # the worker writes one answer per request, nothing more
            raise WorkerDied("query worker wrote past its answer", None)
        return bytes(buffer[_LENGTH:header_end]), bytes(buffer[header_end + _LENGTH:body_end])

    async def _fill(self, buffer: bytearray, size: int, deadline: float) -> None:
        """Read into ``buffer`` until it holds at least ``size`` bytes. Each read takes all
        the pipe holds (up to a chunk): nothing but this answer can be there, since the worker
        writes only when asked."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        while len(buffer) < size:
            try:
                chunk = os.read(fd, _CHUNK)
            except BlockingIOError:  # nothing yet: let the loop say when there is
                if not await _readable(fd, deadline - time.monotonic()):
                    raise WorkerTimeout("no answer before the deadline") from None
                continue
            if not chunk:
                status = self._status()
                raise WorkerDied(f"query worker exited (status {status})", status)
            buffer += chunk

    def _status(self) -> int | None:
        """The exit status of a worker whose pipe closed (None if it lingers)."""
        try:
            return self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        end(self.process)


async def _readable(fd: int, wait: float) -> bool:
    """Whether ``fd`` has data within ``wait`` seconds, watched by the running loop."""
    if wait <= 0:
        return False
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[bool] = loop.create_future()

    def settle(value: bool) -> None:
        if not ready.done():
            ready.set_result(value)

    loop.add_reader(fd, settle, True)
    timer = loop.call_later(wait, settle, False)  # lighter than wait_for's task per read
    try:
        return await ready
    finally:
        timer.cancel()
        loop.remove_reader(fd)


class QueryPool:
    """Workers over one on-disk store; ``run`` hands a request to an idle one.

    The workers start with the first request, so an app that never answers SPARQL (most test
    apps, a CLI) never pays for them.
    """

    def __init__(self, store_path: str | Path, size: int | None = None) -> None:
        self.store_path = str(store_path)
        self.size = size or default_size()
        # Last in, first out: a sequential client is served by the worker that just answered,
        # whose caches are warm (measured at 1M triples: 0.24 against 0.35 ms a cheap query
        # when two workers took turns); under load every worker still takes its share.
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False

    def _start_all(self) -> None:
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
        atexit.register(self.close)
        for _ in range(self.size):
            self._start()

    def _start(self) -> None:
        worker = Worker(self.store_path)
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _retire(self, worker: Worker) -> None:
        """Kill a worker whose state is unknown and start a fresh one in its place."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        if not closed:
            self._start()

    async def run_async(self, request: dict[str, Any],
                        timeout: float) -> tuple[dict[str, Any], bytes]:  # fmt: skip
        """The worker's (header, body) for the request, within ``timeout`` seconds in all."""
        deadline = time.monotonic() + timeout
        self._start_all()
        worker = await self._take_idle(deadline)
        try:
            answer = await worker.call(request, deadline)
        except BaseException:  # a timeout, a dead worker, or a caller that went away mid-answer
            self._retire(worker)
            raise
        self._idle.put(worker)
        return answer

    def run(self, request: dict[str, Any], timeout: float) -> tuple[dict[str, Any], bytes]:
        """``run_async`` for a caller outside the event loop (a worker thread, a test)."""
        return asyncio.run(self.run_async(request, timeout))

    async def _take_idle(self, deadline: float) -> Worker:
        """An idle worker, polled for: a cancelled wait must never take one and lose it."""
        while True:
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                if time.monotonic() >= deadline:
                    raise PoolBusy("every query worker stayed busy") from None
                await asyncio.sleep(0.002)

    def close(self) -> None:
        atexit.unregister(self.close)
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
