"""The ``diplograph`` command line: load, validate, query, stats and serve."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from graph import __version__
from graph.rdf.io import RDFInputError
from graph.shacl.validate import ValidationResult, format_report
from graph.stats import class_counts, graph_counts
from graph.store import GraphStore, StoreError, open_store, store_setting
from graph.write.bulk import bulk_load
from graph.write.files import (
    LoadError,
    LoadReport,
    ValidationFailed,
    bundled_files,
    check,
    load,
    plan,
)

app = typer.Typer(
    help="diplograph: a knowledge graph of high-level diplomacy (who met whom, and said what).",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOption = typer.Option(
    None,
    "--store",
    "-s",
    envvar="DIPLOGRAPH_STORE",
    help="oxigraph:PATH (default), memory: or sparql:URL.",
)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def fail(message: str, code: int = 1) -> NoReturn:
    """One clear line on stderr and a non-zero exit: the CLI's only way to report an error."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _open(store: str | None, *, read_only: bool) -> GraphStore:
    try:
        return open_store(store, read_only=read_only)
    except StoreError as exc:
        fail(str(exc))


def _store_or_empty(store: str | None) -> GraphStore:
    """The store read-only when it exists, else an empty one: files are checked on their own."""
    try:
        return open_store(store, read_only=True)
    except StoreError:
        return open_store("memory:")


def _print_validation(result: ValidationResult) -> None:
    if result.violations or result.warnings:
        err.print(format_report(result), highlight=False, markup=False)


@app.command("load")
def load_command(
    files: list[Path] = typer.Argument(None, help="RDF files; the bundled graph when none."),
    store: str | None = StoreOption,
    bulk: bool = typer.Option(
        False, "--bulk", help="Large .nt/.ttl files: Oxigraph's bulk loader, then SHACL on a "
        "sample of every class (not every node); each file must be a new graph.",
    ),
) -> None:
    """Load files into their named graphs (replacing earlier loads of the same file), validated."""
    paths = files or bundled_files()
    if bulk and not files:
        fail("--bulk needs the files to load")
    db = _open(store, read_only=False)
    try:
        with Progress(
            SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True
        ) as bar:
            task = bar.add_task("parsing", total=None)
            step = lambda text: bar.update(task, description=text)  # noqa: E731
            report = _bulk(db, paths, step) if bulk else load(db, paths, progress=step)
    except ValidationFailed as exc:
        _print_validation(exc.result)
        fail(str(exc))
    except (LoadError, RDFInputError, StoreError) as exc:
        fail(str(exc))
    finally:
        db.close()
    out.print(
        f"loaded {report.triples} triples into {len(report.graphs)} graphs "
        f"({db.description})",
        highlight=False,
    )
    if report.validation and report.validation.warnings:
        err.print(
            f"{len(report.validation.warnings)} SHACL warning(s); "
            "run 'diplograph validate' to list them"
        )


def _bulk(db: GraphStore, paths: list[Path], progress: Callable[[str], None]) -> LoadReport:
    """Bulk-load each file in turn; a refused file is dropped again, earlier ones stay."""
    report = LoadReport()
    for path in paths:
        loaded = bulk_load(db, path, progress=progress)
        report.graphs.update(loaded.graphs)
        report.validation = loaded.validation
    return report


@app.command("validate")
def validate_command(
    files: list[Path] = typer.Argument(
        None, help="Check these files as if loaded; the store when none."
    ),
    store: str | None = StoreOption,
) -> None:
    """Validate the store (or files, without loading them) against the SHACL shapes."""
    db = _open(store, read_only=True) if not files else _store_or_empty(store)
    try:
        graphs = plan(files) if files else {}
        result = check(db, graphs)
    except (LoadError, RDFInputError, StoreError) as exc:
        fail(str(exc))
    finally:
        db.close()
    _print_validation(result)
    if not result.conforms:
        fail(f"{len(result.violations)} violation(s), {len(result.warnings)} warning(s)")
    out.print(f"conforms ({len(result.warnings)} warning(s))")


@app.command("query")
def query_command(
    sparql: str = typer.Argument(None, help="A SPARQL query (or use --file)."),
    file: Path = typer.Option(None, "--file", "-f", help="Read the query from a .rq file."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, csv or json."),
    store: str | None = StoreOption,
) -> None:
    """Run a SELECT or ASK query against the store (read-only) and print the answer."""
    if bool(sparql) == bool(file):
        fail("give a query or --file, not both or neither", code=2)
    text = sparql or _read(file)
    db = _open(store, read_only=True)
    try:
        if _is_ask(text):
            out.print("true" if db.ask(text) else "false")
            return
        rows = db.select(text)
    except StoreError as exc:
        fail(str(exc))
    finally:
        db.close()
    _print_rows(rows, fmt)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}")


def _is_ask(text: str) -> bool:
    body = "\n".join(
        line
        for line in text.splitlines()
        if not line.lstrip().upper().startswith(("PREFIX", "BASE", "#"))
    )
    return body.lstrip().upper().startswith("ASK")


def _print_rows(rows: list[dict], fmt: OutputFormat) -> None:
    names: list[str] = []
    for row in rows:
        names.extend(n for n in row if n not in names)
    if fmt is OutputFormat.json:
        json.dump(
            [{k: str(v) for k, v in r.items()} for r in rows],
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        sys.stdout.write("\n")
    elif fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows([[str(r.get(n, "")) for n in names] for r in rows])
    else:
        table = Table(*names)
        for r in rows:
            table.add_row(*[str(r.get(n, "")) for n in names])
        out.print(table)
        out.print(f"{len(rows)} row(s)")


@app.command("stats")
def stats_command(store: str | None = StoreOption) -> None:
    """Counts of resources per class and of triples per named graph."""
    db = _open(store, read_only=True)
    try:
        classes, graphs = class_counts(db), graph_counts(db)
    except StoreError as exc:
        fail(str(exc))
    finally:
        db.close()
    table = Table("class", "resources")
    for iri, n in classes:
        table.add_row(iri, str(n))
    out.print(table)
    table = Table("named graph", "triples")
    for iri, n in graphs:
        table.add_row(iri, str(n))
    out.print(table)


@app.command("export")
def export_command(
    view_name: str = typer.Argument(..., metavar="VIEW", help="actors, claims, meetings or full."),
    fmt: str = typer.Option("gexf", "--format", help="gexf, graphml or csv (a zip of tables)."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write."),
    since: str | None = typer.Option(None, help="Only facts dated on or after YYYY-MM-DD."),
    until: str | None = typer.Option(None, help="Only facts dated on or before YYYY-MM-DD."),
    topic: str | None = typer.Option(None, help="Only facts on a topic (slug or IRI)."),
    store: str | None = StoreOption,
) -> None:
    """Export a graph view for Gephi: GEXF 1.3 with a timeline, GraphML, or CSV tables."""
    from graph.export import FORMATS, describe, export
    from graph.views.registry import VIEWS, ViewError, build_view, filters

    if view_name not in VIEWS:
        fail(f"unknown view {view_name!r}; expected one of {', '.join(VIEWS)}", code=2)
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", code=2)
    db = _open(store, read_only=True)
    try:
        wanted = filters(db, since, until, topic)
        graph = build_view(db, view_name, wanted)
        body = export(graph, fmt, describe(view_name, wanted))
    except (ViewError, StoreError) as exc:
        fail(str(exc))
    finally:
        db.close()
    try:
        output.write_bytes(body)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    out.print(
        f"wrote the {view_name} view ({graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} edges) as {fmt} to {output}",
        highlight=False,
    )


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    store: str | None = StoreOption,
) -> None:
    """Serve the API, the SPARQL endpoint and the pages with uvicorn."""
    import os

    import uvicorn

    os.environ["DIPLOGRAPH_STORE"] = store_setting(store)
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port)


@app.callback(invoke_without_command=True)
def main(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        out.print(__version__)
        raise typer.Exit()


# extract, ingest, evaluate and gold export (graph/cli_extract.py)
from graph import cli_extract  # noqa: E402 - needs the helpers above

cli_extract.register(app)

if __name__ == "__main__":  # pragma: no cover
    app()
