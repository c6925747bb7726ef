"""The extraction commands: ``extract``, ``ingest``, ``evaluate`` and ``gold export``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from graph.cli import StoreOption, _print_validation, err, fail, out
from graph.extract.pipeline import DocumentMeta, Extraction
from graph.load import ValidationFailed
from graph.store import StoreError, open_store

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


def _knowledge(store: str | None):  # type: ignore[no-untyped-def]
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
    for record in extraction.claims:
        sys.stdout.write(json.dumps(public_record(record), ensure_ascii=False) + "\n")


def ingest_command(
    files: list[Path] = typer.Argument(..., help="UTF-8 text files, one document each."),
    date: str | None = typer.Option(None, "--date", help="Document date (else from the text)."),
    publisher: str | None = typer.Option(None, "--publisher", help="Publisher as shown."),
    title: str | None = typer.Option(None, "--title", help="Title (one file only)."),
    url: str | None = typer.Option(None, "--url", help="Where it was published (one file only)."),
    store: str | None = StoreOption,
    lang: str = LangOption,
) -> None:
    """Extract each file, validate, and write it with its claims into a graph of its own.

    Each document is one transaction; the command stops at the first refused file.
    """
    from graph.extract.ingest import DuplicateDocument, IngestError, ingest

    if len(files) > 1 and (title or url):
        fail("--title and --url describe one document; give one file", code=2)
    language = _lang(lang)
    texts = [(path, read_text(path)) for path in files]
    try:
        db = open_store(store, read_only=False)
    except StoreError as exc:
        fail(str(exc))
    try:
        for path, text in texts:
            meta = DocumentMeta(title=title, date=_date(date), publisher=publisher, url=url,
                                lang=language)
            try:
                done = ingest(db, text, meta)
            except DuplicateDocument as exc:
                fail(f"{path.name}: {exc}", code=3)
            except ValidationFailed as exc:
                _print_validation(exc.result)
                fail(f"{path.name}: {exc}")
            except (IngestError, StoreError) as exc:
                fail(f"{path.name}: {exc}")
            _report(path, done.extraction, done.graph)
    finally:
        db.close()


def _report(path: Path, extraction: Extraction, graph: str) -> None:
    ids = {r["id"] for r in extraction.claims}
    out.print(
        f"{path.name}: document {extraction.slug}, {len(ids)} claim(s) "
        f"({len(extraction.claims)} evidence span(s)) into {graph}",
        highlight=False,
    )


def evaluate_command(
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    errors: bool = typer.Option(False, "--errors", help="Also list misses and spurious claims."),
    readouts: Path | None = typer.Option(
        None, "--readouts", help="Score a folder of readouts (NAME.txt with NAME.json) instead."
    ),
) -> None:
    """Precision, recall and F1 per claim type and overall against data/gold, and claimant
    accuracy on the matched claims."""
    from graph.extract.evaluate import evaluate, evaluate_readouts, format_report

    if readouts is not None and not readouts.is_dir():
        fail(f"--readouts {readouts}: not a folder", code=2)
    report = evaluate() if readouts is None else evaluate_readouts(readouts)
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


@gold_app.command("export")
def gold_export_command() -> None:
    """Write data/gold/<document>.jsonl from the curated claims and their evidence."""
    from graph.extract.gold import export

    try:
        written = export()
    except (ValueError, OSError) as exc:
        fail(str(exc))
    for name, n in written.items():
        out.print(f"{name}: {n} gold claim(s)", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the extraction commands to the ``diplograph`` app."""
    app.command("extract")(extract_command)
    app.command("ingest")(ingest_command)
    app.command("evaluate")(evaluate_command)
    app.add_typer(gold_app, name="gold")
