"""Scoring proposed status events against the gold of data/devset/ledger.

A proposed event matches a gold event when their kinds agree and their spans overlap; each is
used at most once (largest overlap first). Precision, recall and F1 are per kind and overall.
On the matched pairs, three agreements are reported beside them: who asserts the event (the
same actors), its date, and its target (the same stored claim or bundle, or none on both sides).

The split (``split.json``) was fixed before the detector existed: develop on the development
texts only, and score the held-out ones only to report them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.extract.evaluate import Score
from graph.extract.kb import bundled_kb
from graph.extract.ledger.cues import KINDS
from graph.extract.pipeline import DocumentMeta, Extractor
from graph.paths import DATA_DIR

LEDGER_DIR = DATA_DIR / "devset" / "ledger"


@dataclass
class Report:
    by_kind: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    pairs: int = 0
    who_agree: int = 0
    date_agree: int = 0
    target_agree: int = 0
    errors: list[tuple[str, str, dict]] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        return Score(
            sum(s.tp for s in self.by_kind.values()),
            sum(s.fp for s in self.by_kind.values()),
            sum(s.fn for s in self.by_kind.values()),
        )

    def as_dict(self) -> dict:
        def row(s: Score) -> dict:
            return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4), "f1": round(s.f1, 4)}

        def share(n: int) -> float:
            return round(n / self.pairs, 4) if self.pairs else 0.0

        return {
            "by_kind": {k: row(s) for k, s in self.by_kind.items()},
            "overall": row(self.overall),
            "matched": self.pairs,
            "asserted_by_accuracy": share(self.who_agree),
            "date_accuracy": share(self.date_agree),
            "target_accuracy": share(self.target_agree),
        }


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _target(event: dict) -> tuple[str, str] | None:
    if event.get("target"):  # gold
        ((key, value),) = event["target"].items()
        return key, value
    if event.get("target_claim"):
        return "claim", event["target_claim"]
    if event.get("target_bundle"):
        return "bundle", event["target_bundle"]
    return None


def score_document(report: Report, gold: list[dict], pred: list[dict], name: str = "") -> None:
    """Add one document's matches and misses to ``report``."""
    pairs = sorted(
        ((_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
         if g["kind"] == p["kind"] and _overlap(g, p) > 0),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        g, p = gold[i], pred[j]
        report.by_kind[g["kind"]].tp += 1
        report.pairs += 1
        report.who_agree += sorted(g["asserted_by"]) == sorted(p["asserted_by"])
        report.date_agree += g["date"] == p["date"]
        if "targets" in g:  # a curated unit: any of its events' targets
            report.target_agree += _target(p) in g["targets"]
        else:
            report.target_agree += _target(g) == _target(p)
    for i, g in enumerate(gold):
        if i not in used_g:
            report.by_kind[g["kind"]].fn += 1
            report.errors.append(("missed", name, g))
    for j, p in enumerate(pred):
        if j not in used_p:
            report.by_kind[p["kind"]].fp += 1
            report.errors.append(("spurious", name, p))


def split(folder: Path = LEDGER_DIR) -> dict[str, dict[str, list[str]]]:
    """{"development"|"held_out": {lang: [names]}} from ``split.json``."""
    data = json.loads((folder / "split.json").read_text(encoding="utf-8"))
    return {part: data[part] for part in ("development", "held_out")}


def paths(part: str, folder: Path = LEDGER_DIR, langs: Iterable[str] = ("en", "zh")) -> list[Path]:
    """The gold specs of one part of the split."""
    names = split(folder)[part]
    return [folder / lang / f"{name}.json" for lang in langs for name in names.get(lang, [])]


def score(specs: Iterable[Path], extractor: Extractor | None = None) -> Report:
    """Extract each readout (``NAME.txt`` beside ``NAME.json``) and score its events."""
    extractor = extractor or Extractor(bundled_kb())
    report = Report()
    for spec_path in specs:
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        text = spec_path.with_suffix(".txt").read_bytes().decode("utf-8")
        for event in spec["events"]:
            assert text[event["start"] : event["end"]] == event["quote"], event
        day = dt.date.fromisoformat(spec["date"]) if spec.get("date") else None
        meta = DocumentMeta(title=spec.get("title"), date=day, publisher=spec.get("publisher"),
                            lang=spec.get("lang"))
        extraction = extractor.extract(text, meta)
        score_document(report, spec["events"], extraction.events, spec_path.stem)
    return report


def score_corpus(extractor: Extractor | None = None) -> Report:
    """Extract the corpus documents and score their events against the curated ones
    (``ledger.corpus``)."""
    from graph.extract.ledger.corpus import corpus_meta, curated_events
    from graph.paths import SOURCES_DIR

    extractor = extractor or Extractor(bundled_kb())
    docs = corpus_meta()
    report = Report()
    for slug, gold in curated_events().items():
        meta = docs[slug]
        text = (SOURCES_DIR / meta["file"]).read_text(encoding="utf-8")
        day = dt.date.fromisoformat(meta["date"]) if meta["date"] else None
        extraction = extractor.extract(
            text, DocumentMeta(title=meta["title"], date=day, publisher=meta["publisher"])
        )
        score_document(report, gold, extraction.events, slug)
    return report


def format_report(report: Report) -> str:
    """The table ``diplograph evaluate --ledger`` prints."""
    lines = [f"{'kind':<18}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
    for name, s in [*report.by_kind.items(), ("overall", report.overall)]:
        lines.append(f"{name:<18}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                     f"{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    d = report.as_dict()
    lines.append(f"on {report.pairs} matched events: asserted by {d['asserted_by_accuracy']:.3f}, "
                 f"date {d['date_accuracy']:.3f}, target {d['target_accuracy']:.3f}")
    return "\n".join(lines)
