"""The ledger's derived status, and the curated status events against their documents."""

from __future__ import annotations

import datetime as dt

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF

from graph.lookups.ledger import derive
from graph.namespaces import DG
from graph.write.files import bundled_files

D = dt.date


def event(id: str, kind: str, day: dt.date, via: str = "about") -> dict:
    return {"id": id, "kind": kind, "date": day, "via": via}


def test_the_latest_event_on_or_before_the_day_decides() -> None:
    events = [
        event("a", "reaffirmed", D(2023, 6, 19)),
        event("b", "accused_of_breach", D(2024, 4, 22)),
        event("c", "implemented", D(2025, 1, 1)),
    ]
    assert derive(events, D(2024, 4, 26))["kind"] == "accused_of_breach"
    assert derive(events, D(2024, 4, 21))["kind"] == "reaffirmed"
    assert derive(events, D(2025, 1, 1))["event"] == "c"
    assert derive(events, D(2024, 4, 26))["latest_by_kind"] == {
        "reaffirmed": {"date": D(2023, 6, 19), "event": "a"},
        "accused_of_breach": {"date": D(2024, 4, 22), "event": "b"},
    }


def test_nothing_yet_is_stated() -> None:
    assert derive([event("a", "moot", D(2022, 1, 1))], D(2021, 12, 31)) == {
        "kind": "stated", "since": None, "event": None, "latest_by_kind": {}
    }  # fmt: skip
    assert derive([], D(2024, 1, 1))["kind"] == "stated"


def test_same_day_ties_go_to_the_weightier_kind_whatever_the_order() -> None:
    day = D(2023, 6, 19)
    pair = [event("z", "reaffirmed", day), event("a", "implemented", day)]
    assert derive(pair, day)["kind"] == "implemented"
    assert derive(list(reversed(pair)), day)["kind"] == "implemented"
    assert derive([event("a", "accused_of_breach", day), event("b", "moot", day)], day)[
        "kind"
    ] == "moot"


def test_an_event_naming_another_member_does_not_count() -> None:
    events = [event("a", "implemented", D(2023, 6, 19), via="about_member")]
    assert derive(events, D(2024, 1, 1))["kind"] == "stated"
    events.append(event("b", "reaffirmed", D(2023, 6, 19), via="via_bundle"))
    assert derive(events, D(2024, 1, 1))["kind"] == "reaffirmed"


def test_curated_events_are_dated_by_their_documents() -> None:
    """A document cannot report what was said after it: every curated event is dated on or
    before each document its evidence lies in (a two-hop check the shapes leave to this test)."""
    graph = Graph()
    for path in bundled_files():
        graph.parse(path)
    events = list(graph.subjects(RDF.type, DG.StatusEvent))
    assert len(events) >= 20
    for node in events:
        day = graph.value(node, DG.eventDate).toPython()  # type: ignore[union-attr]  # the shapes require one
        for evidence in graph.objects(node, DG.eventEvidence):
            document = graph.value(evidence, DG.document)
            published = graph.value(document, DCTERMS.date)
            assert published is not None and day <= published.toPython(), node  # type: ignore[union-attr]  # a dated literal
