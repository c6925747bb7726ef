"""The servers the benchmarks talk to, each a real process on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a process: the most resident memory it ever had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _wait(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def serving(
    argv: list[str], path: str, *, env: dict[str, str] | None = None, timeout: float = 300
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run ``argv`` (with ``{port}`` filled in) until the block ends; yield (base URL, process)."""
    port = free_port()
    proc = subprocess.Popen(
        [a.format(port=port) for a in argv],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + path, proc, timeout)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_until_warm(base: str, timeout: float = 1800) -> float:
    """Measure the steady state: our server reads the extractor's knowledge base at start
    (and builds the read model: minutes at 10M triples on a shared machine, hence the limit).
    The seconds waited."""
    started = time.monotonic()
    deadline = started + timeout
    while httpx.get(base + "/health", timeout=30).json().get("caches") == "warming":
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server was still warming its caches after {timeout:.0f} s")
        time.sleep(0.5)
    return time.monotonic() - started


def ours(store_dir: Path, token: str) -> list[str]:
    """Our app under uvicorn, one worker, as ``diplograph serve`` runs it."""
    del store_dir, token  # passed through the environment, see ours_env
    return [
        str(BIN / "python"), "-m", "uvicorn", "api.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", "{port}", "--log-level", "warning",
    ]  # fmt: skip


def ours_env(store_dir: Path, token: str) -> dict[str, str]:
    return {"DIPLOGRAPH_STORE": f"oxigraph:{store_dir}", "DIPLOGRAPH_TOKEN": token}


def oxigraph_serve(store_dir: Path) -> list[str]:
    return [
        str(BIN / "oxigraph"), "serve", "--location", str(store_dir),
        "--bind", "127.0.0.1:{port}", "--union-default-graph",
    ]  # fmt: skip


def rdflib_endpoint(data: Path) -> list[str]:
    return [
        str(BIN / "rdflib-endpoint"), "serve", str(data), "--host", "127.0.0.1",
        "--port", "{port}",
    ]  # fmt: skip
