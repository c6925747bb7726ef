"""Start and stop a real Virtuoso Open Source on loopback, for the tests that need an engine.

The packaged ``virtuoso.ini`` is copied and rewritten so the database lives in a temporary
directory and both listeners (SQL and HTTP) bind ``127.0.0.1`` on free ports; nothing of the
system installation is touched. Where ``virtuoso-t`` is missing the tests skip, except in CI
(``CI=true``), where a missing engine is a failure: CI installs it, so a skip there would hide
a broken suite.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from graph.store.remote.client import RemoteStore

#: The database administrator of a fresh Virtuoso database (loopback test instances only).
DBA_USER = "dba"
DBA_PASSWORD = "dba"
INSTALL = "apt-get install virtuoso-opensource"

_INI_CANDIDATES = (
    "/etc/virtuoso-opensource-*/virtuoso.ini",
    "/usr/share/virtuoso-opensource-*/virtuoso.ini",
    "/etc/virtuoso/virtuoso.ini",
    "/usr/local/virtuoso-opensource/var/lib/virtuoso/db/virtuoso.ini",
)
_DB_KEYS = {"DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile", "xa_persistent_file"}
_SECTION = re.compile(r"^\s*\[(?P<name>[^\]]+)\]")
_KEY = re.compile(r"^\s*(?P<key>[A-Za-z_0-9]+)\s*=")


class VirtuosoUnavailable(RuntimeError):
    """Virtuoso is not installed here (the reason names what is missing)."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def packaged_ini() -> Path:
    """The ``virtuoso.ini`` the package installed, to copy (never to edit in place)."""
    for pattern in _INI_CANDIDATES:
        found = sorted(Path("/").glob(pattern.lstrip("/")))
        if found:
            return found[-1]
    raise VirtuosoUnavailable(f"no packaged virtuoso.ini found ({INSTALL})")


def binaries() -> tuple[str, str]:
    """Paths of the server and of its isql client (Debian names the latter isql-vt)."""
    server = shutil.which("virtuoso-t")
    if not server:
        raise VirtuosoUnavailable(f"virtuoso-t is not installed ({INSTALL})")
    isql = shutil.which("isql-vt") or shutil.which("isql-v") or shutil.which("isql")
    if not isql:
        raise VirtuosoUnavailable("Virtuoso's isql client (isql-vt) is not installed")
    return server, isql


def rewrite_ini(text: str, workdir: Path, sql_port: int, http_port: int) -> str:
    """The packaged configuration, pointed at ``workdir`` and at loopback ports.

    Plugins are not loaded and the VAD directory is empty, so startup does not install the
    Conductor web UI (seconds saved, nothing the tests use).
    """
    vad_dir = workdir / "vad"
    vad_dir.mkdir(exist_ok=True)
    replacements = {
        ("Parameters", "ServerPort"): f"127.0.0.1:{sql_port}",
        ("HTTPServer", "ServerPort"): f"127.0.0.1:{http_port}",
        ("Parameters", "DirsAllowed"): f"., {workdir}",
        ("Parameters", "VADInstallDir"): f"{vad_dir}/",
        ("Parameters", "NumberOfBuffers"): "20000",
        ("Parameters", "MaxDirtyBuffers"): "15000",
        ("URIQA", "DefaultHost"): f"127.0.0.1:{http_port}",
    }
    lines: list[str] = []
    section = ""
    for line in text.splitlines():
        if match := _SECTION.match(line):
            section = match["name"].strip()
        elif (match := _KEY.match(line)) and not line.lstrip().startswith(";"):
            key = match["key"]
            if section in ("Database", "TempDatabase") and key in _DB_KEYS:
                line = f"{key} = {workdir / Path(line.split('=', 1)[1].strip()).name}"
            elif (section, key) in replacements:
                line = f"{key} = {replacements[(section, key)]}"
            elif section == "Plugins" and key.startswith("Load"):
                line = f";{line}"
        lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass
class Virtuoso:
    """A running Virtuoso owned by the test session."""

    workdir: Path
    sql_port: int
    http_port: int
    isql_path: str
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    startup_seconds: float = 0.0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/sparql"

    @property
    def update_url(self) -> str:
        """The Digest-protected endpoint that accepts updates from SPARQL_UPDATE holders."""
        return f"{self.base_url}/sparql-auth"

    def store_setting(self, *, with_credentials: bool = True) -> str:
        """The ``sparql:`` store setting for this instance (writes as ``dba`` over Digest)."""
        if not with_credentials:
            return f"sparql:{self.query_url}"
        return (f"sparql:{self.query_url}|update={self.update_url}"
                f"|user={DBA_USER}|password={DBA_PASSWORD}")

    def isql(self, sql: str) -> str:
        """Run SQL through isql on the SQL port; raise with Virtuoso's output on failure."""
        result = subprocess.run(
            [self.isql_path, f"127.0.0.1:{self.sql_port}", DBA_USER, DBA_PASSWORD, f"exec={sql}"],
            capture_output=True, text=True, timeout=60, check=False,
        )
        output = result.stdout + result.stderr
        if result.returncode != 0 or "*** Error" in output:
            raise RuntimeError(f"isql failed for {sql!r}: {output.strip()}")
        return output

    def log_tail(self, lines: int = 30) -> str:
        log = self.workdir / "virtuoso.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 30) -> None:
        """Stop the server: SIGTERM (Virtuoso checkpoints and exits), SIGKILL if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _wait_until_answering(virtuoso: Virtuoso, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert virtuoso.process is not None
        if virtuoso.process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {virtuoso.process.returncode}:\n"
                               f"{virtuoso.log_tail()}")
        try:
            response = httpx.get(virtuoso.query_url, params={"query": "ASK {}"}, timeout=2,
                                 headers={"Accept": "application/sparql-results+json"})
            if response.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    virtuoso.stop()
    raise RuntimeError(
        f"Virtuoso did not answer SPARQL within {timeout:.0f} s:\n{virtuoso.log_tail()}")


def start(workdir: Path, *, timeout: float = 180) -> Virtuoso:
    """A fresh Virtuoso with its database in ``workdir``, answering SPARQL on loopback."""
    server, isql = binaries()
    workdir.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(rewrite_ini(packaged_ini().read_text(), workdir, sql_port, http_port))
    started = time.monotonic()
    log = (workdir / "stdout.log").open("wb")
    process = subprocess.Popen(
        [server, "+foreground", "+configfile", str(ini)],
        cwd=workdir, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    virtuoso = Virtuoso(workdir, sql_port, http_port, isql, process)
    _wait_until_answering(virtuoso, timeout)
    virtuoso.startup_seconds = time.monotonic() - started
    return virtuoso


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """One real Virtuoso for the whole session; skipped where absent, a failure in CI."""
    try:
        server = start(tmp_path_factory.mktemp("virtuoso"))
    except VirtuosoUnavailable as exc:
        if in_ci():
            pytest.fail(f"CI must run the Virtuoso tests, but {exc}", pytrace=False)
        pytest.skip(f"Virtuoso tests skipped: {exc}")
    yield server
    server.stop()


@contextmanager
def bundled_remote(virtuoso: Virtuoso) -> Iterator[RemoteStore]:
    """A store over ``virtuoso`` holding the bundled graph alone, closed after (its read model,
    if a test kept one, forgotten first)."""
    from graph.readmodel import registry
    from graph.store import open_store
    from graph.store.remote.client import RemoteStore
    from graph.write.files import load

    store = open_store(virtuoso.store_setting())
    assert isinstance(store, RemoteStore)
    store.replace_graphs({}, drop=store.graph_names())
    load(store)
    try:
        yield store
    finally:
        registry.keep(store, None)
        store.close()
