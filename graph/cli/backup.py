"""``diplograph dump`` and ``restore``: a backup of the whole store, and the way back."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn

from graph.cli.common import StoreOption, err, fail, open_db, out, print_validation
from graph.store import StoreError
from graph.store.faults import exit_code


def _progress(*columns: BarColumn | TextColumn) -> Progress:
    """A progress display on stderr when it is a terminal; nothing in a pipe, a log or a cron
    mail."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), *columns, console=err,
                    transient=True, disable=not err.is_terminal)


def _megabytes(done: int | None, total: int | None) -> str:
    return f"{(done or 0) / 1e6:.1f} of {total / 1e6:.1f} MB" if total else ""


def dump_command(
    output: Path = typer.Option(
        ..., "--output", "-o",
        help="The file to write: .trig (TriG) or .nq (N-Quads), gzipped when the name ends "
        "in .gz (backup.trig.gz).",
    ),
    store: str | None = StoreOption,
) -> None:
    """Write every named graph of the store to one file, for 'diplograph restore'.

    The store is opened read-only, so this works while 'diplograph serve' holds it. The
    inferred graph is left out: a restore derives it again.
    """
    from graph.backup import DumpError, dump, dump_format

    try:
        dump_format(output)
    except DumpError as exc:
        fail(str(exc), code=2)
    db = open_db(store, read_only=True)
    try:
        with _progress() as bar:
            task = bar.add_task("dumping", total=None)
            report = dump(db, output, progress=lambda n: bar.update(
                task, description=f"dumping: {n:,} quads"))
    except (DumpError, StoreError) as exc:
        fail(str(exc), exit_code(exc))
    finally:
        db.close()
    out.print(f"dumped {report.quads} quads in {report.graphs} graphs to {output}",
              highlight=False)


def restore_command(
    file: Path = typer.Argument(..., help="A dump written by 'diplograph dump'."),
    replace: bool = typer.Option(
        False, "--replace",
        help="Replace whatever the store holds (without it, the store must be empty).",
    ),
    store: str | None = StoreOption,
) -> None:
    """Load a dump into an empty store: checked complete, validated, written all or nothing."""
    from graph.backup import DumpError, StoreNotEmpty, restore
    from graph.write.files import ValidationFailed

    db = open_db(store, read_only=False)
    try:
        with _progress(BarColumn(), TextColumn("{task.fields[amount]}")) as bar:
            tasks: dict[str, TaskID] = {}

            def step(name: str, done: int | None, total: int | None) -> None:
                if name not in tasks:  # a new step: the earlier ones are done
                    for earlier in tasks.values():
                        bar.update(earlier, visible=False)
                    tasks[name] = bar.add_task(name, total=total, amount="")
                bar.update(tasks[name], completed=done or 0, amount=_megabytes(done, total))

            report = restore(db, file, replace=replace, progress=step)
    except ValidationFailed as exc:
        print_validation(exc.result)
        fail(f"{file.name}: {exc}")
    except (DumpError, StoreNotEmpty, StoreError) as exc:
        fail(str(exc), exit_code(exc))
    finally:
        db.close()
    replaced = f", replacing {len(report.dropped)} other graphs" if report.dropped else ""
    out.print(f"restored {report.quads} triples in {len(report.graphs)} graphs from {file.name}"
              f"{replaced} ({db.description})", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``dump`` and ``restore`` to the ``diplograph`` app."""
    app.command("dump")(dump_command)
    app.command("restore")(restore_command)
