"""Evaluation: the matching rule, the command's output and the quality targets."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from graph.cli import app
from graph.extract.evaluate import Report, score_document


def record(kind: str, who: list[str], start: int, end: int) -> dict:
    return {"type": kind, "claimants": who, "start": start, "end": end, "quote": "x",
            "document": "d"}


def test_matching_needs_type_claimant_and_overlapping_spans() -> None:
    gold = [
        record("demand", ["wang-yi"], 0, 10),
        record("demand", ["wang-yi"], 20, 30),
        record("commitment", ["china"], 40, 50),
        record("consensus", ["china", "united-states"], 60, 70),
    ]
    pred = [
        record("demand", ["wang-yi"], 5, 15),  # overlaps: a hit
        record("demand", ["qin-gang"], 20, 30),  # wrong claimant
        record("demand", ["china"], 40, 50),  # wrong type
        record("consensus", ["both"], 65, 80),  # consensus: both sides, whatever listed
        record("demand", ["wang-yi"], 90, 95),  # nowhere
    ]
    report = Report()
    score_document(report, gold, pred)
    overall = report.overall
    assert (overall.tp, overall.fp, overall.fn) == (2, 3, 2)
    assert report.by_type["demand"].tp == 1 and report.by_type["consensus"].tp == 1
    # matched on type and span alone: 3 pairs, of which 2 name the same claimant
    assert (report.claimant_pairs, report.claimant_agree) == (3, 2)


def test_a_prediction_matches_one_gold_claim_only() -> None:
    gold = [record("demand", ["wang-yi"], 0, 10), record("demand", ["wang-yi"], 11, 20)]
    report = Report()
    score_document(report, gold, [record("demand", ["wang-yi"], 0, 20)])
    assert (report.overall.tp, report.overall.fn) == (1, 1)


def test_evaluate_command_prints_the_table_and_meets_the_targets() -> None:
    result = CliRunner().invoke(app, ["evaluate"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["type", "P", "R", "F1", "TP", "FP", "FN"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:6]}
    assert set(rows) == {"demand", "red_line", "commitment", "consensus", "overall"}
    assert "claimant accuracy on matched claims" in lines[6]

    figures = json.loads(CliRunner().invoke(app, ["evaluate", "--json"]).output)
    overall = figures["overall"]
    assert overall["f1"] >= 0.85 and overall["precision"] >= 0.90
    assert figures["claimant_accuracy"] >= 0.90
    assert float(rows["overall"][2]) == round(overall["f1"], 3)
