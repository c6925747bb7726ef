"""The gold JSONL is derived from the curated graph and must never drift from it."""

from __future__ import annotations

from graph.extract.gold import gold_records, load_gold, to_jsonl
from graph.paths import GOLD_DIR, SOURCES_DIR
from tests.support.extract_support import corpus


def test_the_committed_gold_matches_the_curated_graph() -> None:
    derived = gold_records()
    assert set(derived) == set(corpus()), "every corpus document has gold claims"
    committed = {p.stem: p.read_text(encoding="utf-8") for p in GOLD_DIR.glob("*.jsonl")}
    stale = [doc for doc, records in derived.items() if committed.get(doc) != to_jsonl(records)]
    assert not stale, f"run 'diplograph gold export': {stale} drifted from the curated graph"


def test_every_gold_quote_is_the_text_at_its_offsets() -> None:
    for doc, records in load_gold().items():
        text = (SOURCES_DIR / corpus()[doc]["file"]).read_bytes().decode("utf-8")
        for r in records:
            assert text[r["start"] : r["end"]] == r["quote"], r["evidence"]
            assert r["type"] in {"demand", "red_line", "commitment", "consensus"}
            if r["type"] == "consensus":
                assert r["claimant"] is None and len(r["claimants"]) == 2
            else:
                assert r["claimants"], r["claim"]
