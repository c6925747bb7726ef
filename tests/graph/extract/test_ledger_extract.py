"""Status events proposed from readouts: the ledger set's files, what the detector finds in two
development texts (English and Chinese), the RDF it writes (valid against the shapes, through a
real ingest), and the development figures' floors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from rdflib import URIRef

from graph.extract.ingest import ingest
from graph.extract.kb import bundled_kb
from graph.extract.ledger import evaluate as ledger_eval
from graph.extract.ledger.cues import KINDS
from graph.extract.pipeline import DocumentMeta, Extractor
from graph.extract.rdf import named_graph
from graph.namespaces import DG, entity_iri
from graph.paths import CURATED_DIR
from graph.store import GraphStore, open_store
from graph.write.files import bundled_files, plan

LEDGER = ledger_eval.LEDGER_DIR
AGREED = "2023-11-15--china-united-states--consensus"  # the San Francisco outcomes
BIDEN = "undated--joe-biden--commitment"
STORED_EVENTS = f"""
PREFIX dg: <{DG}>
SELECT ?g ?e ?kind ?target ?origin ?q WHERE {{ GRAPH ?g {{
    ?e a dg:StatusEvent ; dg:statusKind ?kind ; dg:statusOf ?target ; dg:origin ?origin ;
       dg:eventEvidence/dg:quote ?q }} }}
"""


def _spec(lang: str, name: str) -> tuple[str, dict, DocumentMeta]:
    spec = json.loads((LEDGER / lang / f"{name}.json").read_text(encoding="utf-8"))
    text = (LEDGER / lang / f"{name}.txt").read_bytes().decode("utf-8")
    meta = DocumentMeta(title=spec["title"], date=dt.date.fromisoformat(spec["date"]),
                        publisher=spec["publisher"], lang=spec["lang"])
    return text, spec, meta


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(bundled_kb())


def test_every_gold_event_quotes_its_text_and_the_split_is_whole() -> None:
    split = ledger_eval.split()
    known = set((CURATED_DIR / "actors.ttl").read_text(encoding="utf-8").split('dg:slug "'))
    slugs = {part.split('"', 1)[0] for part in known}
    kb = bundled_kb()
    targets = {iri.rsplit("/", 1)[-1] for iri in [c.iri for c in kb.claims] + list(kb.bundles)}
    seen = []
    for lang in ("en", "zh"):
        names = {p.stem for p in (LEDGER / lang).glob("*.json")}
        dev, held = set(split["development"][lang]), set(split["held_out"][lang])
        assert dev | held == names and not dev & held
        assert len(held) * 4 >= len(names)  # about a third held out
        for name in names:
            text, spec, _ = _spec(lang, name)
            assert spec["lang"] == lang
            for event in spec["events"]:
                assert event["kind"] in KINDS
                assert text[event["start"] : event["end"]] == event["quote"]
                assert set(event["asserted_by"]) <= slugs | set(spec["new_actors"])
                dt.date.fromisoformat(event["date"])
                if event["target"]:
                    ((_, value),) = event["target"].items()
                    assert value in targets, value
                seen.append(event["kind"])
    assert set(seen) == set(KINDS)


def test_english_events_of_a_readout(extractor: Extractor) -> None:
    text, _, meta = _spec("en", "cn-mfa-wang-blinken-munich-2024-02")
    events = extractor.extract(text, meta).events
    found = {(e["kind"], e["target_claim"] or e["target_bundle"]) for e in events}
    assert ("implemented", "san-francisco-vision") in found
    assert ("implemented", f"{AGREED}--counternarcotics-cooperation") in found
    assert ("accused_of_breach", f"{BIDEN}--not-curtail-china-development") in found
    assert ("reaffirmed", "2021-09-09--joe-biden--commitment--one-china-policy") in found
    breach = next(e for e in events if e["kind"] == "accused_of_breach")
    assert breach["asserted_by"] == ["wang-yi"] and breach["date"] == "2024-02-16"
    vision = next(e for e in events if e["target_bundle"] == "san-francisco-vision")
    assert vision["target_label"] == "the San Francisco vision"  # for the statement
    assert breach["target_label"].startswith("The objective of the United States is not to")
    # "will discuss the implementation of the consensus" plans; it reports nothing
    assert not any("discuss" in e["quote"] for e in events)


def test_chinese_events_of_a_transcript(extractor: Extractor) -> None:
    text, _, meta = _spec("zh", "mfa-mao-ning-press-2023-04-taiwan")
    events = extractor.extract(text, meta).events
    assert [(e["kind"], e["asserted_by"]) for e in events] == [
        ("accused_of_breach", ["mao-ning"]), ("accused_of_breach", ["mao-ning"])
    ]
    assert events[0]["target_claim"] == f"{BIDEN}--not-support-taiwan-independence"
    assert "言而无信" in events[0]["quote"]


@pytest.fixture()
def store(tmp_path: Path) -> GraphStore:
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    store.replace_graphs(plan(bundled_files()))
    yield store
    store.close()


def test_ingest_writes_the_linked_events_and_they_validate(store: GraphStore) -> None:
    text, _, meta = _spec("zh", "mfa-wang-yi-blinken-munich-2024-02")
    done = ingest(store, text, meta)  # validated against the shapes, or it raises
    rows = store.select(STORED_EVENTS, {"g": URIRef(named_graph(done.extraction.slug))})
    stored = {(str(r["kind"]), str(r["target"]).rsplit("/", 1)[-1]) for r in rows}
    assert (str(DG.implemented),
            "2023-11-15--china-united-states--consensus--resume-military-communication") in stored
    assert (str(DG.reaffirmed), "2021-09-09--joe-biden--commitment--one-china-policy") in stored
    assert {str(r["origin"]) for r in rows} == {"extracted"}
    linked = [e for e in done.extraction.events if e["target_claim"] or e["target_bundle"]]
    assert len(rows) == len(linked) >= 4
    assert all(str(r["e"]).startswith(entity_iri("event", "")) for r in rows)


def test_development_figures_hold(extractor: Extractor) -> None:
    report = ledger_eval.score(ledger_eval.paths("development"), extractor)
    overall = report.overall
    assert overall.tp + overall.fn == 48  # the set is the one scored in docs/extraction.md
    assert overall.precision >= 0.9 and overall.recall >= 0.9
    assert report.as_dict()["target_accuracy"] >= 0.7


def test_the_commands_print_events_and_figures() -> None:
    from typer.testing import CliRunner

    from graph.cli import app

    runner = CliRunner()
    path = LEDGER / "en" / "cn-mfa-wang-blinken-munich-2024-02.txt"
    done = runner.invoke(app, ["extract", str(path), "--date", "2024-02-17", "--events"])
    assert done.exit_code == 0, done.output
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert {line["kind"] for line in lines} >= {"implemented", "accused_of_breach", "reaffirmed"}
    assert not any(key.endswith("_iri") or key.endswith("_iris") for key in lines[0])
    done = runner.invoke(app, ["evaluate", "--ledger", "development", "--json"])
    assert done.exit_code == 0, done.output
    figures = json.loads(done.stdout)
    assert set(figures) == {"en", "zh", "all"} and figures["all"]["overall"]["tp"] > 0
    assert runner.invoke(app, ["evaluate", "--ledger", "everything"]).exit_code == 2


def test_corpus_figures_hold(extractor: Extractor) -> None:
    report = ledger_eval.score_corpus(extractor)
    overall = report.overall
    assert overall.tp + overall.fn == 18  # the curated units scored in docs/extraction.md
    assert overall.precision >= 0.65 and overall.recall >= 0.55


def test_an_officials_label_in_capitals_is_a_speaker_not_a_journalist(
    extractor: Extractor,
) -> None:
    """ "MR PATEL:" with no one named in full: the turn still asserts what it says (the
    publisher's state asserts it, as no person can be told); "QUESTION:" asserts nothing."""
    text = (LEDGER / "en" / "us-state-press-briefing-patel-2024-05.txt").read_text("utf-8")
    text = text.replace(" - Principal Deputy Spokesperson Vedant Patel", "")
    meta = DocumentMeta(date=dt.date(2024, 5, 14), publisher="U.S. Department of State")
    events = extractor.extract(text, meta).events
    assert [e["kind"] for e in events] == ["implemented", "implemented", "reaffirmed"]
    assert {tuple(e["asserted_by"]) for e in events} == {("united-states",)}
    assert not any("not honoring" in e["quote"] for e in events)


def test_the_same_event_in_a_second_document_gets_its_own_node(store: GraphStore) -> None:
    """Two readouts saying the same thing the same day: two events, not one node in two graphs."""
    text, _, meta = _spec("zh", "mfa-wang-yi-blinken-munich-2024-02")
    first = ingest(store, text, meta).extraction
    again = ingest(store, text + "\n（完）\n", meta).extraction
    ids = {e["id"] for e in first.events} & {e["id"] for e in again.events}
    assert first.events and not ids


def test_a_restatement_written_as_a_claim_is_not_written_again_as_an_event() -> None:
    """The ledger lists a claim's restatements (dg:reiterates) beside its events: a reaffirmation
    whose span a claim that reiterates the same claim covers is printed, not stored."""
    from graph.extract.ledger.rdf import storable

    target = entity_iri("claim", "2021-09-09--joe-biden--commitment--one-china-policy")
    event = {"kind": "reaffirmed", "target_claim_iri": target, "target_bundle_iri": None,
             "asserted_by_iris": [entity_iri("actor", "antony-blinken")], "date": "2024-02-16",
             "start": 100, "end": 150}
    claim = {"reiterates_iri": target, "start": 120, "end": 140}
    assert storable(event)
    assert not storable(event, [claim])
    assert storable(event, [{**claim, "start": 160, "end": 170}])  # elsewhere in the text
    assert storable({**event, "kind": "implemented"}, [claim])
    assert not storable({**event, "target_claim_iri": None})  # about nothing stored
