"""Ingest into a real Oxigraph store: validated, one named graph per document, all or nothing,
text byte for byte; and the extract/ingest commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from graph.audit import trail
from graph.cli import app
from graph.extract.ingest import (
    DuplicateDocument,
    UnknownDocument,
    delete_document,
    ingest,
)
from graph.extract.pipeline import DocumentMeta
from graph.extract.rdf import named_graph
from graph.namespaces import AUDIT_GRAPH, DG, entity_iri
from graph.store import GraphStore, open_store
from graph.write.files import ValidationFailed, check
from tests.support.extract_support import FIXTURES, corpus, corpus_meta, corpus_text, load_reference

ROUND_TRIP = (
    "Readout\ttab\r\n"
    "Wang Yi met Antony Blinken in Beijing on Monday.\r\n"
    "Wang urged the US side to stop arming Taiwan\u00a0and lift sanctions.\r"
    "왕이 외교부장 — 中方 🙂 e\u0301 trailing  \n"
)


def snapshot(store: GraphStore) -> tuple[int, list[str]]:
    return store.quad_count(), store.graph_names()


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    """An empty store (reference data only) into which the five corpus documents are ingested."""
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('ingest') / 'store'}")
    load_reference(store)
    for slug in corpus():
        ingest(store, corpus_text(slug), corpus_meta(slug))
    yield store
    store.close()


@pytest.fixture()
def store(tmp_path: Path) -> GraphStore:
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    load_reference(store)
    yield store
    store.close()


def test_the_corpus_ingested_into_an_empty_store_validates(corpus_store: GraphStore) -> None:
    result = check(corpus_store, {})
    assert result.conforms, result.report_text
    extracted = [g for g in corpus_store.graph_names() if "/graph/extracted/" in g]
    assert len(extracted) == 5
    rows = corpus_store.select(
        "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c dg:origin 'extracted' ; dg:reviewStatus 'proposed' ;"
        " dg:reportedBy ?d ; dg:evidence ?e . ?e dg:quote ?q ; dg:start ?s ; dg:end ?x }"
    )
    assert int(rows[0]["n"].toPython()) > 200


def test_the_same_text_is_refused_and_nothing_changes(corpus_store: GraphStore) -> None:
    slug = next(iter(corpus()))
    before = snapshot(corpus_store)
    with pytest.raises(DuplicateDocument):
        ingest(corpus_store, corpus_text(slug), corpus_meta(slug))
    assert snapshot(corpus_store) == before


def test_a_document_whose_claims_break_a_shape_writes_nothing(tmp_path: Path) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    load_reference(store, ("actors.ttl", "engagements.ttl"))  # no topic scheme to tag with
    before = snapshot(store)
    with pytest.raises(ValidationFailed) as refused:
        ingest(store, corpus_text("2023-06-19-global-times-wang-yi-meets-blinken"))
    assert any(str(v.path) == str(DG.topic) for v in refused.value.result.violations)
    assert snapshot(store) == before
    store.close()


def test_text_round_trips_byte_for_byte(store: GraphStore) -> None:
    done = ingest(store, ROUND_TRIP, DocumentMeta(date=dt.date(2023, 6, 19), title="Round trip"))
    doc = URIRef(done.extraction.iri)
    stored = store.graph(done.graph).value(doc, DG.text)
    assert isinstance(stored, Literal) and str(stored).encode("utf-8") == ROUND_TRIP.encode("utf-8")
    (row,) = store.select(
        "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
        "SELECT ?doc ?text WHERE { ?doc dg:text ?text }",
        {"doc": doc},
    )
    assert str(row["text"]) == ROUND_TRIP
    assert done.extraction.claims, "the round-trip text has claims"
    for claim in done.extraction.claims:
        assert ROUND_TRIP[claim["start"] : claim["end"]] == claim["quote"]


def test_delete_removes_the_document_graph_and_only_it(store: GraphStore) -> None:
    trail_before = store.quad_count(AUDIT_GRAPH)
    before, recorded = snapshot(store), trail.find(store)
    done = ingest(store, ROUND_TRIP, DocumentMeta(date=dt.date(2023, 6, 19)))
    assert done.graph in store.graph_names()
    delete_document(store, done.extraction.slug)
    assert snapshot(store) == before  # the data as it was (the trail is a store of its own)
    assert store.quad_count(AUDIT_GRAPH) > trail_before  # which records both writes
    newest = trail.find(store)
    assert newest[2:] == recorded
    deleted, ingested = (trail.read(store, i) for i in newest[:2])
    assert ingested is not None and deleted is not None
    assert (ingested.kind, deleted.kind) == ("ingest", "delete")
    assert ingested.added == deleted.removed > 0
    with pytest.raises(UnknownDocument):
        delete_document(store, done.extraction.slug)
    with pytest.raises(UnknownDocument):  # curated documents are not removed this way
        delete_document(store, "2021-09-22-mfa-press-conference-zhao-lijian")


def test_a_new_official_is_stored_with_post_and_country(store: GraphStore) -> None:
    text = (FIXTURES / "us-secretary-call-2024.txt").read_bytes().decode("utf-8")
    done = ingest(store, text, DocumentMeta(date=dt.date(2024, 2, 2)))
    graph = store.graph(done.graph)
    person = URIRef(entity_iri("actor", "kurt-campbell"))
    assert graph.value(person, DG.country) == URIRef(entity_iri("actor", "united-states"))
    holding = graph.value(predicate=DG.holder, object=person)
    post = URIRef(entity_iri("post", "us-deputy-secretary-of-state"))
    assert graph.value(holding, DG.post) == post


def test_curated_claims_are_never_written_by_an_ingest(corpus_store: GraphStore) -> None:
    for name in corpus_store.graph_names():
        if "/graph/extracted/" not in name:
            continue
        origins = {str(o) for o in corpus_store.graph(name).objects(None, DG.origin)}
        assert origins == {"extracted"}


def test_extract_command_prints_json_lines_and_turtle(tmp_path: Path) -> None:
    source = tmp_path / "readout.txt"
    source.write_bytes(ROUND_TRIP.encode("utf-8"))
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(source), "--date", "2023-06-19",
                                 "--store", f"oxigraph:{tmp_path / 'none'}"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and {"type", "claimant", "claimant_label", "addressee", "text", "quote",
                        "start", "end", "topics", "meeting", "date", "confidence", "cameo",
                        "plover"} <= set(records[0])
    for r in records:
        assert ROUND_TRIP[r["start"] : r["end"]] == r["quote"]
    turtle = runner.invoke(app, ["extract", str(source), "--date", "2023-06-19", "--format",
                                 "turtle", "--store", f"oxigraph:{tmp_path / 'none'}"])
    assert turtle.exit_code == 0
    assert len(Graph().parse(data=turtle.output, format="turtle")) > 20


def test_extract_command_refuses_bad_input_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    result = CliRunner().invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1 and "not UTF-8" in result.output
    good = tmp_path / "good.txt"
    good.write_text("The U.S. side must stop arming Taiwan.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(good), "--date", "19 June"])
    assert result.exit_code == 2 and "--date" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_ingest_command_writes_and_then_refuses_the_same_text(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = open_store(f"oxigraph:{path}")
    load_reference(store)
    store.close()
    source = tmp_path / "readout.txt"
    source.write_bytes(ROUND_TRIP.encode("utf-8"))
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(source), "--date", "2023-06-19",
                                "--store", f"oxigraph:{path}"])
    assert first.exit_code == 0, first.output
    assert "claim(s)" in first.output
    again = runner.invoke(app, ["ingest", str(source), "--store", f"oxigraph:{path}"])
    assert again.exit_code == 3 and "already in the store" in again.output
    assert len(again.output.strip().splitlines()) == 1
    store = open_store(f"oxigraph:{path}", read_only=True)
    assert sum(1 for g in store.graph_names() if g.startswith(named_graph(""))) == 1
    store.close()
