"""Readouts the extractor was not developed on (tests/fixtures/readouts), hand-annotated."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.extract.evaluate import Report, score_document
from graph.extract.pipeline import DocumentMeta
from tests.support.extract_support import extractor, fixtures

CASES = fixtures()


def expected_records(text: str, spec: dict) -> list[dict]:
    out = []
    for claim in spec["claims"]:
        start = text.index(claim["quote"])
        out.append({**claim, "start": start, "end": start + len(claim["quote"]), "document": ""})
    return out


@pytest.mark.parametrize(("name", "text", "spec"), CASES, ids=[c[0] for c in CASES])
def test_heldout_readout(name: str, text: str, spec: dict) -> None:
    meta = DocumentMeta(
        title=spec["title"], date=dt.date.fromisoformat(spec["date"]), publisher=spec["publisher"]
    )
    extraction = extractor().extract(text, meta)
    gold = expected_records(text, spec)
    report = Report()
    score_document(report, gold, extraction.claims)
    missed = [(r["type"], r["quote"]) for k, _, r in report.errors if k == "missed"]
    spurious = [(r["type"], r["quote"]) for k, _, r in report.errors if k == "spurious"]
    assert report.overall.recall >= 0.85, missed
    assert report.overall.precision >= 0.85, spurious
    assert report.claimant_accuracy >= 0.9
    assert {a.slug for a in extraction.new_actors} == set(spec["new_actors"])
    for claim in spec["claims"]:
        found = [c for c in extraction.claims if claim["quote"] in c["quote"]
                 or c["quote"] in claim["quote"]]
        if "negated" in claim and found:
            assert found[0]["negated"] is claim["negated"], claim["quote"]
        if "meeting" in claim and found:
            assert found[0]["meeting"] == claim["meeting"], claim["quote"]
    for record in extraction.claims:
        assert text[record["start"] : record["end"]] == record["quote"]


def test_heldout_set_is_there() -> None:
    assert len(CASES) >= 3
