"""Evaluation against the gold claims: precision, recall and F1 per type and overall.

A prediction matches a gold claim when the types agree, the claimants agree and the spans
overlap; each gold claim and each prediction is used at most once. Claimant accuracy is
measured on the pairs that match on type and span alone: of those, how many name the same
claimant(s). A consensus is claimed by "both sides" whatever states the record lists.

Gold records that share type, claimants and span (one sentence reporting two claims, such as
a consensus reached at two calls) are one unit here, since no span can tell them apart; the
same holds for predictions.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.extract.gold import corpus_documents, curated_graph, load_gold
from graph.extract.kb import KnowledgeBase, bundled_kb
from graph.extract.pipeline import DocumentMeta, Extractor
from graph.paths import GOLD_DIR, SOURCES_DIR

TYPES = ("demand", "red_line", "commitment", "consensus")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    by_type: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in TYPES})
    claimant_pairs: int = 0
    claimant_agree: int = 0
    errors: list[tuple[str, str, dict]] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        return Score(
            sum(s.tp for s in self.by_type.values()),
            sum(s.fp for s in self.by_type.values()),
            sum(s.fn for s in self.by_type.values()),
        )

    @property
    def claimant_accuracy(self) -> float:
        return self.claimant_agree / self.claimant_pairs if self.claimant_pairs else 0.0

    def as_dict(self) -> dict:
        def row(s: Score) -> dict:
            return {
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }

        return {
            "by_type": {t: row(s) for t, s in self.by_type.items()},
            "overall": row(self.overall),
            "claimant_accuracy": round(self.claimant_accuracy, 4),
            "claimant_pairs": self.claimant_pairs,
        }


def _who(record: dict) -> frozenset[str]:
    if record["type"] == "consensus":
        return frozenset({"both sides"})
    return frozenset(record.get("claimants") or [record.get("claimant")])


def _units(records: Iterable[dict]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for r in records:
        seen.setdefault((r["type"], _who(r), r["start"], r["end"]), r)
    return list(seen.values())


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _match(gold: list[dict], pred: list[dict], same_claimant: bool) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching, largest overlap first."""
    pairs = []
    for g in gold:
        for p in pred:
            if g["type"] != p["type"] or _overlap(g, p) <= 0:
                continue
            if same_claimant and _who(g) != _who(p):
                continue
            pairs.append((_overlap(g, p), id(g), id(p), g, p))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi, g, p in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((g, p))
    return out


def score_document(report: Report, gold: list[dict], pred: list[dict]) -> None:
    """Add one document's matches and misses to ``report``."""
    gold, pred = _units(gold), _units(pred)
    matched = _match(gold, pred, same_claimant=True)
    hit_g = {id(g) for g, _ in matched}
    hit_p = {id(p) for _, p in matched}
    for t in TYPES:
        s = report.by_type[t]
        s.tp += sum(1 for g, _ in matched if g["type"] == t)
        s.fn += sum(1 for g in gold if g["type"] == t and id(g) not in hit_g)
        s.fp += sum(1 for p in pred if p["type"] == t and id(p) not in hit_p)
    for g in gold:
        if id(g) not in hit_g:
            report.errors.append(("missed", g["document"], g))
    for p in pred:
        if id(p) not in hit_p:
            report.errors.append(("spurious", p.get("document", ""), p))
    for g, p in _match(gold, pred, same_claimant=False):
        report.claimant_pairs += 1
        report.claimant_agree += _who(g) == _who(p)


def evaluate(kb: KnowledgeBase | None = None, gold_dir=GOLD_DIR, sources_dir=SOURCES_DIR) -> Report:
    """Extract every corpus document that has gold claims and score the predictions."""
    extractor = Extractor(kb or bundled_kb())
    docs = corpus_documents(curated_graph())
    report = Report()
    for slug, gold in load_gold(gold_dir).items():
        meta = docs[slug]
        text = (sources_dir / meta["file"]).read_text(encoding="utf-8")
        day = dt.date.fromisoformat(meta["date"]) if meta["date"] else None
        extraction = extractor.extract(
            text, DocumentMeta(title=meta["title"], date=day, publisher=meta["publisher"])
        )
        for record in extraction.claims:
            record["document"] = slug
        score_document(report, gold, extraction.claims)
    return report


def readout_gold(text: str, spec: dict, document: str = "") -> list[dict]:
    """The gold records of a readout spec (tests/fixtures/readouts*, data/devset): each quote at
    its ``start`` offset when the spec gives one, else at its first occurrence in the text."""
    out = []
    for claim in spec["claims"]:
        start = claim["start"] if "start" in claim else text.index(claim["quote"])
        end = start + len(claim["quote"])
        assert text[start:end] == claim["quote"], claim
        out.append({**claim, "start": start, "end": end, "document": document})
    return out


def readout_specs(folder: Path) -> list[Path]:
    """The readout specs of a folder (``NAME.json``, each beside its ``NAME.txt``), in order."""
    return sorted(Path(folder).glob("*.json"))


def score_readouts(paths: Iterable[Path], extractor: Extractor | None = None) -> Report:
    """Extract each readout (``NAME.txt`` beside its spec ``NAME.json``) and score it like the
    corpus. The one scorer of readouts: ``diplograph evaluate --readouts DIR`` and the tests.

    ``paths`` name the specs (or the texts); the spec's title, date, publisher and ``lang``
    (when it gives one; else the language is detected) are the document's metadata, as a caller
    ingesting the readout would give them.
    """
    extractor = extractor or Extractor(bundled_kb())
    report = Report()
    for path in paths:
        spec_path, text_path = Path(path).with_suffix(".json"), Path(path).with_suffix(".txt")
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        text = text_path.read_bytes().decode("utf-8")
        day = dt.date.fromisoformat(spec["date"]) if spec.get("date") else None
        meta = DocumentMeta(
            title=spec.get("title"),
            date=day,
            publisher=spec.get("publisher"),
            lang=spec.get("lang"),
        )
        extraction = extractor.extract(text, meta)
        for record in extraction.claims:
            record["document"] = spec_path.stem
        score_document(report, readout_gold(text, spec, spec_path.stem), extraction.claims)
    return report


def format_report(report: Report) -> str:
    """The table ``diplograph evaluate`` prints."""
    lines = [f"{'type':<12}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]
    rows = [*report.by_type.items(), ("overall", report.overall)]
    for name, s in rows:
        lines.append(
            f"{name:<12}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
        )
    lines.append(
        f"claimant accuracy on matched claims: {report.claimant_accuracy:.3f} "
        f"({report.claimant_agree}/{report.claimant_pairs})"
    )
    return "\n".join(lines)
