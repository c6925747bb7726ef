"""``diplograph serve`` in a process of its own, its log in a file: for the tests that kill,
stop or signal what runs under a real server and read what the server logged."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from graph.paths import ROOT
from tests.support.server import TOKEN, free_port


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def serve(store: str, log: Path, **settings: str) -> Served:
    """A server over ``store`` with the write token, ``DIPLOGRAPH_*`` ``settings`` in its
    environment; returns once it answers ``/health/live``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPLOGRAPH_")}
    env.update({"PYTHONPATH": str(ROOT), "DIPLOGRAPH_TOKEN": TOKEN,
                "DIPLOGRAPH_WARM_CACHES": "0", **settings})
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", "from graph.cli import app; app()", "serve", "--port",
             str(port), "--store", store], env=env, stdout=out, stderr=subprocess.STDOUT)
    served = Served(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{served.url}/health/live", timeout=2).status_code == 200:
                return served
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            served.stop()
            raise RuntimeError(f"the server did not start:\n{served.text()[-3000:]}")
        time.sleep(0.1)
