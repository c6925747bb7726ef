"""The ``diplograph`` command line: one module per command group, registered here in the order
``--help`` lists them (load, validate, query, stats; dump, restore; audit, revert; export;
serve; token; extract, ingest, evaluate, gold)."""

from __future__ import annotations

import typer

from graph import __version__
from graph.cli import audit, backup, data, export, extract, serve, tokens
from graph.cli.common import out

app = typer.Typer(
    help="diplograph: a knowledge graph of high-level diplomacy (who met whom, and said what).",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback(invoke_without_command=True)
def main(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        out.print(__version__)
        raise typer.Exit()


data.register(app)
backup.register(app)
audit.register(app)
export.register(app)
serve.register(app)
tokens.register(app)
extract.register(app)

if __name__ == "__main__":  # pragma: no cover
    app()
