"""The extraction commands: ``extract``, ``ingest``, ``evaluate`` and ``gold export``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.cli.common import StoreOption, err, fail, open_db, out, print_validation
from graph.extract.pipeline import DocumentMeta
from graph.store import GraphStore, StoreError, open_store, store_setting
from graph.store.faults import exit_code
from graph.store.holder import store_path
from graph.write.files import ValidationFailed

if TYPE_CHECKING:
    from graph.extract.ingest import Ingested

#: The fields of a claim record that ``extract`` prints (the rest is internal).
PUBLIC_FIELDS = (
    "type", "claimant", "claimants", "claimant_label", "addressee", "text", "quote", "start",
    "end", "negated", "topics", "meeting", "date", "confidence", "cameo", "plover", "id",
    "reiterates", "document",
)  # fmt: skip


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    turtle = "turtle"


gold_app = typer.Typer(help="The gold claims derived from the curated graph.", no_args_is_help=True)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--date {value!r} is not a date (YYYY-MM-DD)", code=2)


def read_text(path: Path) -> str:
    """The file's text exactly as stored: UTF-8, no newline translation."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})")


def _knowledge(store: str | None):
    """The graph to link against: the store when it holds actors, else the bundled data."""
    from graph.extract.kb import bundled_kb, load_kb

    try:
        db = open_store(store, read_only=True)
    except StoreError:
        return bundled_kb()
    try:
        kb = load_kb(db)
    finally:
        db.close()
    return kb if kb.actors else bundled_kb()


#: ``--lang``: Chinese ("zh"), English ("en"), or told per paragraph by its share of Han
#: characters ("auto", the default).
LangOption = typer.Option(
    "auto", "--lang", help="zh, en, or auto (Chinese paragraphs told by their Han characters)."
)


def _lang(value: str) -> str | None:
    if value not in {"auto", "en", "zh"}:
        fail(f"--lang {value!r}: expected zh, en or auto", code=2)
    return None if value == "auto" else value


def public_record(record: dict) -> dict:
    return {key: record.get(key) for key in PUBLIC_FIELDS}


def extract_command(
    file: Path = typer.Argument(..., help="A UTF-8 text file: a readout, briefing or article."),
    date: str | None = typer.Option(None, "--date", help="Document date, YYYY-MM-DD."),
    publisher: str | None = typer.Option(None, "--publisher", help="Publisher as shown."),
    title: str | None = typer.Option(None, "--title", help="Document title."),
    url: str | None = typer.Option(None, "--url", help="Where it was published."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", help="jsonl or turtle."),
    store: str | None = StoreOption,
    lang: str = LangOption,
    events: bool = typer.Option(
        False, "--events", help="Print the status events it states instead of its claims."
    ),
) -> None:
    """Print the claims of a document, one JSON object per line (or the RDF ingest writes)."""
    from graph.extract.pipeline import Extractor

    text = read_text(file)
    meta = DocumentMeta(title=title, date=_date(date), publisher=publisher, url=url,
                        lang=_lang(lang))
    extraction = Extractor(_knowledge(store)).extract(text, meta)
    if fmt is ExtractFormat.turtle:
        sys.stdout.write(extraction.graph().serialize(format="turtle"))
        return
    if events:
        for record in extraction.events:
            public = {k: v for k, v in record.items() if not k.endswith("_iris")
                      and not k.endswith("_iri")}
            sys.stdout.write(json.dumps(public, ensure_ascii=False) + "\n")
        return
    for record in extraction.claims:
        sys.stdout.write(json.dumps(public_record(record), ensure_ascii=False) + "\n")


def ingest_command(
    files: list[Path] = typer.Argument(
        ..., help="UTF-8 text files, one document each, or folders (their *.txt files)."
    ),
    date: str | None = typer.Option(None, "--date", help="Document date (else from the text)."),
    publisher: str | None = typer.Option(None, "--publisher", help="Publisher as shown."),
    title: str | None = typer.Option(None, "--title", help="Title (one file only)."),
    url: str | None = typer.Option(None, "--url", help="Where it was published (one file only)."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Extract and validate against the shapes only; write nothing "
        "(the store is opened read-only, so this works while the server runs).",
    ),
    store: str | None = StoreOption,
    lang: str = LangOption,
) -> None:
    """Extract each file, validate, and write it with its claims into a graph of its own.

    Each document is its own transaction: a refused file is reported and skipped, the others
    are stored. A line per file, then (for several) a summary; the exit status is 0 when every
    file was stored, 3 when the only refusals were texts already stored, 1 otherwise. A store
    without the knowledge base (run 'diplograph load' first) is refused before any file.
    """
    from graph.extract.ingest import IngestError, NoKnowledgeBase, check_store

    paths = _documents(files)
    if len(paths) > 1 and (title or url):
        fail("--title and --url describe one document; give one file", code=2)
    meta = DocumentMeta(
        title=title, date=_date(date), publisher=publisher, url=url, lang=_lang(lang)
    )
    where = store_path(store_setting(store))
    if where is not None and not where.is_dir():  # not even created: nothing to link against
        fail(f"no store at {where}: {NoKnowledgeBase()}")
    db = open_db(store, read_only=dry_run, ingesting=paths)
    try:
        try:
            check_store(db)
        except (IngestError, StoreError) as exc:
            fail(str(exc), exit_code(exc))
        if len(paths) == 1:
            _ingest_one(db, paths[0], meta, dry_run)
            return
        codes = _ingest_all(db, paths, meta, dry_run)
    finally:
        db.close()
    if codes:
        raise typer.Exit(max(codes) if 1 not in codes else 1)


def _documents(files: list[Path]) -> list[Path]:
    """The files to ingest: each file named, and each folder's *.txt files in name order."""
    paths: list[Path] = []
    for path in files:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                fail(f"{path}: no .txt files in this folder", code=2)
            paths += found
        elif not path.exists():
            fail(f"{path}: no such file or folder", code=2)
        else:
            paths.append(path)
    return paths


def _ingest_one(db: GraphStore, path: Path, meta: DocumentMeta, dry_run: bool) -> None:
    """One file: its line, or its error and the exit status."""
    _status, code, message, done = _ingest_file(db, path, meta, dry_run)
    if code:
        fail(f"{path.name}: {message}", code=code)
    assert done is not None
    _report(path, done, dry_run)


def _ingest_all(db: GraphStore, paths: list[Path], meta: DocumentMeta, dry_run: bool) -> list[int]:
    """Each file in its own transaction, under a progress bar (on a terminal); the exit
    statuses of the refused ones."""
    codes: list[int] = []
    claims = 0
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("ingesting" if not dry_run else "checking", total=len(paths))
        for path in paths:
            bar.update(task, description=path.name)
            status, code, message, done = _ingest_file(db, path, meta, dry_run)
            if code:
                codes.append(code)
                out.print(f"{path.name}: {status}: {message}", highlight=False, markup=False)
            else:
                assert done is not None
                claims += len({r["id"] for r in done.extraction.claims})
                _report(path, done, dry_run)
            bar.advance(task)
    good = len(paths) - len(codes)
    verb = "valid (nothing written)" if dry_run else "stored"
    out.print(
        f"{good} of {len(paths)} file(s) {verb}, {claims} claim(s); {len(codes)} refused",
        highlight=False,
    )
    return codes


def _ingest_file(
    db: GraphStore, path: Path, meta: DocumentMeta, dry_run: bool
) -> tuple[str, int, str, Ingested | None]:
    """(status, exit status, message, result) of one file; a refusal writes nothing."""
    from graph.extract.ingest import DuplicateDocument, IngestError, ingest

    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return "failed", 1, f"cannot read it: {exc.strerror}", None
    except UnicodeDecodeError as exc:
        return "failed", 1, f"not UTF-8 ({exc.reason} at byte {exc.start})", None
    try:
        return "ok", 0, "", ingest(db, text, meta, dry_run=dry_run)
    except DuplicateDocument as exc:
        return "duplicate", 3, str(exc), None
    except ValidationFailed as exc:
        print_validation(exc.result)
        return "refused", 1, str(exc), None
    except (IngestError, StoreError) as exc:
        return "failed", 1, str(exc), None


def _report(path: Path, done: Ingested, dry_run: bool) -> None:
    extraction = done.extraction
    ids = {r["id"] for r in extraction.claims}
    where = "valid, not written (dry run)" if dry_run else f"into {done.graph}"
    out.print(
        f"{path.name}: document {extraction.slug}, {len(ids)} claim(s) "
        f"({len(extraction.claims)} evidence span(s)) {where}",
        highlight=False,
        markup=False,
    )


def evaluate_command(
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    errors: bool = typer.Option(False, "--errors", help="Also list misses and spurious claims."),
    readouts: Path | None = typer.Option(
        None, "--readouts", help="Score a folder of readouts (NAME.txt with NAME.json) instead."
    ),
    ledger: str | None = typer.Option(
        None,
        "--ledger",
        help="Score status events instead: on the ledger set's 'development' or 'held_out' "
        "texts (data/devset/ledger), per language and together, or on the 'corpus' documents "
        "against the curated events (data/curated/ledger.ttl).",
    ),
) -> None:
    """Precision, recall and F1 per claim type and overall against data/gold, and claimant
    accuracy on the matched claims."""
    from graph.extract.evaluate import evaluate, format_report, readout_specs, score_readouts

    if ledger is not None:
        _evaluate_ledger(ledger, as_json, errors)
        return
    if readouts is not None and not readouts.is_dir():
        fail(f"--readouts {readouts}: not a folder", code=2)
    report = evaluate() if readouts is None else score_readouts(readout_specs(readouts))
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=1) + "\n")
    else:
        out.print(format_report(report), highlight=False, markup=False)
    if errors:
        for kind, doc, rec in sorted(report.errors, key=lambda e: (e[1], e[2]["start"])):
            err.print(
                f"{kind} {doc} {rec['start']}-{rec['end']} {rec['type']} "
                f"{','.join(rec['claimants'])}: {rec['quote'][:100]}",
                highlight=False,
                markup=False,
            )


def _evaluate_ledger(part: str, as_json: bool, errors: bool) -> None:
    """``evaluate --ledger PART``: the status-event figures of one part of the ledger set."""
    from graph.extract.kb import bundled_kb
    from graph.extract.ledger import evaluate as ledger_eval
    from graph.extract.pipeline import Extractor

    if part not in {"development", "held_out", "corpus"}:
        fail(f"--ledger {part}: expected development, held_out or corpus", code=2)
    extractor = Extractor(bundled_kb())
    if part == "corpus":
        reports = {"all": ledger_eval.score_corpus(extractor)}
    else:
        reports = {
            name: ledger_eval.score(ledger_eval.paths(part, langs=langs), extractor)
            for name, langs in (("en", ("en",)), ("zh", ("zh",)), ("all", ("en", "zh")))
        }
    if as_json:
        sys.stdout.write(json.dumps({k: r.as_dict() for k, r in reports.items()}, indent=1) + "\n")
    else:
        for name, report in reports.items():
            out.print(f"{part} ({name})\n{ledger_eval.format_report(report)}\n",
                      highlight=False, markup=False)
    if errors:
        for kind, doc, rec in reports["all"].errors:
            err.print(f"{kind} {doc} {rec['start']}-{rec['end']} {rec['kind']}: "
                      f"{rec['quote'][:100]}", highlight=False, markup=False)


@gold_app.command("export")
def gold_export_command() -> None:
    """Write data/gold/<document>.jsonl from the curated claims and their evidence."""
    from graph.extract.gold import export

    try:
        written = export()
    except (ValueError, OSError) as exc:
        fail(str(exc), exit_code(exc))
    for name, n in written.items():
        out.print(f"{name}: {n} gold claim(s)", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the extraction commands to the ``diplograph`` app."""
    app.command("extract")(extract_command)
    app.command("ingest")(ingest_command)
    app.command("evaluate")(evaluate_command)
    app.add_typer(gold_app, name="gold")
