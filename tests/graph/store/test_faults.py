"""The classification of store faults, and what the CLI makes of them: an engine that cannot
be reached is exit 69 (EX_UNAVAILABLE) with one line naming it, not a traceback nor exit 1."""

from __future__ import annotations

import errno

from typer.testing import CliRunner

from graph.cli import app
from graph.store.faults import (
    EXIT_UNAVAILABLE,
    StorageUnwritable,
    StoreTimeout,
    StoreUnavailable,
    exit_code,
    storage_cause,
)
from tests.support.server import free_port


def test_the_engine_s_io_errors_are_told_apart_by_errno_and_by_wording() -> None:
    assert storage_cause(OSError(errno.ENOSPC, "No space left on device")) == "disk full"
    assert storage_cause(OSError("IO error: No space left on device: While appending to "
                                 "file: /s/000008.log")) == "disk full"
    assert storage_cause(OSError("IO error: Read-only file system")) == "read-only filesystem"
    assert storage_cause(OSError("IO error: Corruption: block checksum mismatch")) is None


def test_each_fault_has_its_exit_status() -> None:
    assert exit_code(StoreUnavailable("gone")) == EXIT_UNAVAILABLE
    assert exit_code(StoreTimeout("slow")) == 75
    assert exit_code(StorageUnwritable("full", "disk full")) == 74
    assert exit_code(ValueError("bad input")) == 1


def test_the_cli_names_an_engine_it_cannot_reach_and_exits_69() -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
    result = CliRunner().invoke(app, ["stats", "--store", f"sparql:{url}"])
    assert result.exit_code == EXIT_UNAVAILABLE, result.output
    assert f"cannot reach the SPARQL engine at {url}" in result.output
    assert "Traceback" not in result.output
