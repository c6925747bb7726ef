"""The benchmark's HTTP client: ``http.client`` on one kept-alive connection, URL encoded once.

Why not httpx (which the rest of the bench uses for one-off calls): at 1M triples a selective
query is answered in well under a millisecond, and httpx spends ~1–3 ms per request in Python
percent-encoding the query string and building its models. Eight such clients in one process
also queue on the GIL. That time would be counted against every server alike and squeeze every
ratio towards 1; a lean client keeps the figures about the servers.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable, Iterable
from types import TracebackType
from urllib.parse import urlencode, urlsplit


class BenchClient:
    """GET requests to one server over one persistent connection."""

    def __init__(self, base: str, headers: dict[str, str] | None = None,
                 timeout: float = 600) -> None:  # fmt: skip
        parts = urlsplit(base)
        self.prefix = parts.path
        self.headers = headers or {}
        self._conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port,
                                                timeout=timeout)  # fmt: skip

    @staticmethod
    def path(path: str, params: dict[str, str] | None = None) -> str:
        """``path`` with ``params`` encoded: build it once, outside the timed loop."""
        return f"{path}?{urlencode(params)}" if params else path

    def get(self, path: str, headers: dict[str, str] | None = None) -> bytes:
        """The body of a 2xx answer to ``GET prefix+path``; anything else raises."""
        target = self.prefix + path
        target = target if target.startswith("/") else "/" + target
        self._conn.request("GET", target, headers={**self.headers, **(headers or {})})
        resp = self._conn.getresponse()
        body = resp.read()
        if not 200 <= resp.status < 300:
            raise RuntimeError(f"GET {path[:80]} answered {resp.status}: {body[:200]!r}")
        return body

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> BenchClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.close()


def timed_clients(
    base: str,
    clients: int,
    paths_for: Callable[[int], Iterable[str]],
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> list[float]:
    """Seconds per request of ``clients`` threads, each on its own kept-alive connection,
    client ``k`` asking the paths ``paths_for(k)`` yields (a generator decides when to stop:
    a deadline, a shared queue running dry, a slice). Only the request is timed."""
    found: list[float] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        mine: list[float] = []
        with BenchClient(base, headers, timeout=timeout) as client:
            for path in paths_for(k):
                t0 = time.perf_counter()
                client.get(path)
                mine.append(time.perf_counter() - t0)
        with lock:
            found.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return found
