"""What every command shares: the consoles, ``fail``, the ``--store`` option, opening the store
and printing a validation report."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from graph.shacl.validate import ValidationResult, format_report
from graph.store import GraphStore, StoreError, StoreLocked, open_store
from graph.store.faults import exit_code
from graph.store.holder import holder

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOption = typer.Option(
    None,
    "--store",
    "-s",
    envvar="DIPLOGRAPH_STORE",
    help="oxigraph:PATH, memory: or sparql:URL. Default: oxigraph:var/store in the source "
    "checkout (the store 'make serve' uses), else ~/.local/share/diplograph/store.",
    show_default=False,
)


def fail(message: str, code: int = 1) -> NoReturn:
    """One clear line on stderr and a non-zero exit: the CLI's only way to report an error."""
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def open_db(
    store: str | None, *, read_only: bool, ingesting: list[Path] | None = None
) -> GraphStore:
    """The store ``--store`` names; a store that cannot be opened is one line and exit 1.

    A store a running server holds says so, and how to reach the server instead (for
    ``ingesting`` files: ``POST /documents``).
    """
    try:
        return open_store(store, read_only=read_only)
    except StoreLocked as exc:
        fail(locked_message(exc.path, ingesting))
    except StoreError as exc:
        fail(str(exc), exit_code(exc))


def locked_message(path: Path, ingesting: list[Path] | None) -> str:
    """What to do when another process (most often ``diplograph serve``) holds the store."""
    found = holder(path)
    url = found.url if found else "http://127.0.0.1:8000"
    who = (f"a running server ({found.url}, process {found.pid})" if found
           else "another process (a running 'diplograph serve'?)")
    text = f"the store at {path} is held by {who}, so this command cannot write to it"
    if not ingesting:
        return f"{text}; stop that process first, or write through the server's API"
    if found is not None and not found.writes:
        text += ("; that server was started without write tokens (DIPLOGRAPH_TOKEN or "
                 "DIPLOGRAPH_TOKENS_FILE) and refuses writes until restarted with them")
    source = shlex.quote(str(ingesting[0])) if ingesting[0].is_file() else "FILE"
    return (
        f"{text}. Ingest through its API instead, with the server's write token, one request "
        f"per file (or stop the server and run this command again):\n"
        f"  python3 -c 'import json,sys; print(json.dumps({{\"text\": "
        f"sys.stdin.buffer.read().decode()}}))' < {source} | curl -sS -X POST {url}/documents "
        f"-H \"Authorization: Bearer $DIPLOGRAPH_TOKEN\" -H 'Content-Type: application/json' "
        f"--data-binary @-"
    )


def print_validation(result: ValidationResult) -> None:
    """The SHACL report on stderr, when there is anything to report."""
    if result.violations or result.warnings:
        err.print(format_report(result), highlight=False, markup=False)
