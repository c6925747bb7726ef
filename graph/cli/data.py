"""``diplograph load``, ``validate``, ``query`` and ``stats``: the store's data."""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TaskID,
    TaskProgressColumn,
    TextColumn,
)
from rich.table import Table

from graph.cli.common import StoreOption, err, fail, open_db, out, print_validation
from graph.rdf.io import RDFInputError
from graph.sparql.text import SparqlTextError, query_form
from graph.stats import class_counts, graph_counts
from graph.store import GraphStore, StoreError, open_store
from graph.store.faults import exit_code
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


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _store_or_empty(store: str | None) -> GraphStore:
    """The store read-only when it exists, else an empty one: files are checked on their own."""
    try:
        return open_store(store, read_only=True)
    except StoreError:
        return open_store("memory:")


def load_command(
    files: list[Path] = typer.Argument(None, help="RDF files; the bundled graph when none."),
    store: str | None = StoreOption,
    bulk: bool = typer.Option(
        False, "--bulk", help="Large .nt/.ttl files: Oxigraph's bulk loader (on sparql: stores, "
        "chunks into a staging graph moved into place at the end), then SHACL on a sample of "
        "every class (not every node); each file must be a new graph.",
    ),
) -> None:
    """Load files into their named graphs (replacing earlier loads of the same file), validated."""
    paths = files or bundled_files()
    if bulk and not files:
        fail("--bulk needs the files to load")
    db = open_db(store, read_only=False)
    started = time.perf_counter()
    try:
        with Progress(
            SpinnerColumn(), TextColumn("{task.description}"), *_bulk_columns(bulk),
            console=err, transient=True,
        ) as bar:
            task = bar.add_task("parsing", total=None, rate="")
            step = lambda text: bar.update(task, description=text)  # noqa: E731
            report = (_bulk(db, paths, step, _meter(bar, task)) if bulk
                      else load(db, paths, progress=step))
    except ValidationFailed as exc:
        print_validation(exc.result)
        fail(str(exc), exit_code(exc))
    except (LoadError, RDFInputError, StoreError) as exc:
        fail(str(exc), exit_code(exc))
    finally:
        db.close()
    took = time.perf_counter() - started
    speed = f" in {took:.1f} s ({report.triples / took:,.0f} triples/s)" if bulk and took else ""
    out.print(
        f"loaded {report.triples} triples into {len(report.graphs)} graphs "
        f"({db.description}){speed}",
        highlight=False,
    )
    if report.validation and report.validation.warnings:
        err.print(
            f"{len(report.validation.warnings)} SHACL warning(s); "
            "run 'diplograph validate' to list them"
        )


def _bulk_columns(bulk: bool) -> list[ProgressColumn]:
    """A bulk load's bar: how much of the file is read, and how fast."""
    if not bulk:
        return []
    return [BarColumn(), TaskProgressColumn(), TextColumn("{task.fields[rate]}")]


def _meter(bar: Progress, task: TaskID) -> Callable[[int, int, int], None]:
    """The bulk loader's progress (bytes read, file size, triples) on the bar, or, where
    stderr is not a terminal (a log, a pipe), on one line per tenth of the file."""
    started = time.perf_counter()
    printed = [-1]

    def meter(done: int, total: int, triples: int) -> None:
        rate = triples / max(time.perf_counter() - started, 1e-6)
        text = f"{triples:,} triples, {rate:,.0f} triples/s"
        bar.update(task, completed=done, total=total, rate=text)
        tenth = 10 * done // total if total else 10
        if not err.is_terminal and tenth > printed[0]:
            printed[0] = tenth
            err.print(f"  {10 * tenth:3d}%  {text}", highlight=False)

    return meter


def _bulk(db: GraphStore, paths: list[Path], progress: Callable[[str], None],
          meter: Callable[[int, int, int], None]) -> LoadReport:
    """Bulk-load each file in turn; a refused file is dropped again, earlier ones stay."""
    report = LoadReport()
    for path in paths:
        loaded = bulk_load(db, path, progress=progress, meter=meter)
        report.graphs.update(loaded.graphs)
        report.validation = loaded.validation
    return report


def validate_command(
    files: list[Path] = typer.Argument(
        None, help="Check these files as if loaded; the store when none."
    ),
    store: str | None = StoreOption,
) -> None:
    """Validate the store (or files, without loading them) against the SHACL shapes."""
    db = open_db(store, read_only=True) if not files else _store_or_empty(store)
    try:
        graphs = plan(files) if files else {}
        result = check(db, graphs)
    except (LoadError, RDFInputError, StoreError) as exc:
        fail(str(exc), exit_code(exc))
    finally:
        db.close()
    print_validation(result)
    if not result.conforms:
        fail(f"{len(result.violations)} violation(s), {len(result.warnings)} warning(s)")
    out.print(f"conforms ({len(result.warnings)} warning(s))")


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
    db = open_db(store, read_only=True)
    try:
        if _is_ask(text):
            out.print("true" if db.ask(text) else "false")
            return
        rows = db.select(text)
    except StoreError as exc:
        fail(str(exc), exit_code(exc))
    finally:
        db.close()
    _print_rows(rows, fmt)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}")


def _is_ask(text: str) -> bool:
    """ASK by the one query-form lexer; text with no query form goes to the store to refuse."""
    try:
        return query_form(text) == "ASK"
    except SparqlTextError:
        return False


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


def stats_command(store: str | None = StoreOption) -> None:
    """Counts of resources per class and of triples per named graph."""
    db = open_db(store, read_only=True)
    try:
        classes, graphs = class_counts(db), graph_counts(db)
    except StoreError as exc:
        fail(str(exc), exit_code(exc))
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


def register(app: typer.Typer) -> None:
    """Add ``load``, ``validate``, ``query`` and ``stats`` to the ``diplograph`` app."""
    app.command("load")(load_command)
    app.command("validate")(validate_command)
    app.command("query")(query_command)
    app.command("stats")(stats_command)
