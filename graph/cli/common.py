"""What every command shares: the consoles, ``fail``, the ``--store`` option, opening the store
and printing a validation report."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

from graph.shacl.validate import ValidationResult, format_report
from graph.store import GraphStore, StoreError, open_store

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOption = typer.Option(
    None,
    "--store",
    "-s",
    envvar="DIPLOGRAPH_STORE",
    help="oxigraph:PATH (default), memory: or sparql:URL.",
)


def fail(message: str, code: int = 1) -> NoReturn:
    """One clear line on stderr and a non-zero exit: the CLI's only way to report an error."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def open_db(store: str | None, *, read_only: bool) -> GraphStore:
    """The store ``--store`` names; a store that cannot be opened is one line and exit 1."""
    try:
        return open_store(store, read_only=read_only)
    except StoreError as exc:
        fail(str(exc))


def print_validation(result: ValidationResult) -> None:
    """The SHACL report on stderr, when there is anything to report."""
    if result.violations or result.warnings:
        err.print(format_report(result), highlight=False, markup=False)
