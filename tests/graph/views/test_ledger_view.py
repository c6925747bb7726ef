"""The ledger view: claims, bundles and status events on a timeline, with the fixture's events
(tests/fixtures/ledger/events.ttl) on the bundled graph."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import networkx as nx
import pytest

from graph.export import export, style
from graph.store import GraphStore, open_store
from graph.views.ledger import STATUS_KINDS
from graph.views.registry import view
from tests.support.gexfcheck import GEXF, check_gexf
from tests.support.ledger import (
    BALI_REAFFIRMED,
    BIDEN_BREACH,
    FIXTURE_EVENTS,
    MILITARY_IMPLEMENTED,
    NARCOTICS_IMPLEMENTED,
    load_with_events,
)

SF = "bundle/san-francisco-vision"
BIDEN = "bundle/biden-four-noes-one-no-intention"
BALI = "bundle/bali-common-understandings"
MILITARY = "claim/2023-11-15--china-united-states--consensus--resume-military-communication"
NARCOTICS = "claim/2023-11-15--china-united-states--consensus--counternarcotics-cooperation"
NO_COLD_WAR = "claim/undated--joe-biden--commitment--no-new-cold-war"
NUCLEAR = "claim/2022-11-14--china-united-states--consensus--nuclear-war-never-fought"
OFFICIAL = "actor/mfa-senior-official-north-american-affairs-2024"
DAY = dt.date(2024, 4, 22)
VIZ = "{http://gexf.net/1.3/viz}"


@pytest.fixture(scope="module")
def ledger_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The bundled graph with the fixture's events, loaded only if the shapes accept them."""
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('ledger') / 'store'}")
    yield load_with_events(store)
    store.close()


@pytest.fixture(scope="module")
def ledger(ledger_store: GraphStore) -> nx.MultiDiGraph:
    return view(ledger_store, "ledger")


def _edges(graph: nx.MultiDiGraph, kind: str) -> set[tuple[str, str]]:
    return {(u, v) for u, v, k in graph.edges(keys=True) if k == kind}


def test_events_are_dated_points_with_their_kind_and_quote(ledger: nx.MultiDiGraph) -> None:
    assert set(FIXTURE_EVENTS) <= set(ledger)
    breach = ledger.nodes[BIDEN_BREACH]
    assert breach["kind"] == "event" and breach["status_kind"] == "accused_of_breach"
    assert breach["spells"] == [(DAY, DAY)] and (breach["start"], breach["end"]) == (DAY, DAY)
    assert breach["date"] == DAY and breach["origin"] == "curated"
    assert breach["quote"].startswith("We urge the U.S. side to honor President Biden")
    assert breach["asserted_by"] == ledger.nodes[OFFICIAL]["label"]
    assert breach["statement"].startswith("The Chinese side urges the US")
    kinds = {d["status_kind"] for _, d in ledger.nodes(data=True) if d["kind"] == "event"}
    assert kinds <= {name for name, _ in STATUS_KINDS.values()}


def test_edges_name_what_each_event_says(ledger: nx.MultiDiGraph) -> None:
    assert (BIDEN_BREACH, BIDEN) in _edges(ledger, "accuses_breach_of")
    # the member the text names gets the verb; the bundle it is named in, "about"
    assert (MILITARY_IMPLEMENTED, MILITARY) in _edges(ledger, "implements")
    assert (MILITARY_IMPLEMENTED, SF) in _edges(ledger, "about")
    assert (NARCOTICS_IMPLEMENTED, NARCOTICS) in _edges(ledger, "implements")
    assert (BALI_REAFFIRMED, BALI) in _edges(ledger, "reaffirms")
    assert (OFFICIAL, BIDEN_BREACH) in _edges(ledger, "asserts")
    assert (MILITARY, SF) in _edges(ledger, "in_bundle")
    assert ledger.get_edge_data(MILITARY, SF, key="in_bundle")["position"] == 1
    assert (NO_COLD_WAR, BIDEN) in _edges(ledger, "in_bundle")
    assert ("actor/joe-biden", NO_COLD_WAR) in _edges(ledger, "claimant")
    restates = _edges(ledger, "restates")
    assert restates, "the bundled graph has restatements"
    for later, earlier in restates:  # a restatement points back in time
        assert ledger.nodes[later]["start"] >= ledger.nodes[earlier]["start"]
    for *_, k, d in ledger.edges(keys=True, data=True):
        assert d["directed"] is True and d["kind"] == k


def test_a_commitment_lives_from_its_first_statement_to_its_last_event(
    ledger: nx.MultiDiGraph,
) -> None:
    # stated at San Francisco, reported implemented in April 2024
    assert ledger.nodes[NARCOTICS]["spells"] == [(dt.date(2023, 11, 15), DAY)]
    assert ledger.nodes[MILITARY]["spells"] == [(dt.date(2023, 11, 15), DAY)]
    # an event about the whole Bali bundle reaches every member
    assert ledger.nodes[NUCLEAR]["spells"] == [(dt.date(2022, 11, 14), dt.date(2023, 6, 19))]
    # undated: placed on the latest day it can have been made (dateOnOrBefore)
    cold_war = ledger.nodes[NO_COLD_WAR]
    assert cold_war["date_on_or_before"] == DAY and "date" not in cold_war
    assert cold_war["spells"] == [(DAY, DAY)]
    # a bundle over its members' lives
    assert ledger.nodes[SF]["spells"] == [(dt.date(2023, 11, 15), DAY)]
    about_biden = {u for u, _ in ledger.in_edges(BIDEN) if ledger.nodes[u]["kind"] == "event"}
    assert BIDEN_BREACH in about_biden and ledger.nodes[BIDEN]["events"] == len(about_biden)


def test_a_restated_claim_lives_until_its_last_restatement(ledger: nx.MultiDiGraph) -> None:
    restated: dict[str, list[str]] = {}
    for later, earlier in _edges(ledger, "restates"):
        restated.setdefault(earlier, []).append(later)
    for earlier, laters in restated.items():
        last = max(ledger.nodes[n]["start"] for n in laters)
        assert ledger.nodes[earlier]["end"] >= last, earlier


def test_the_window_keeps_events_of_its_days_and_claims_alive_in_it(
    ledger_store: GraphStore,
) -> None:
    late = view(ledger_store, "ledger", since="2024-01-01")
    assert BIDEN_BREACH in late and BALI_REAFFIRMED not in late
    assert NARCOTICS in late  # stated in 2023, alive in 2024 through its event
    assert NUCLEAR not in late  # last heard of in June 2023
    early = view(ledger_store, "ledger", until="2023-12-31")
    assert BALI_REAFFIRMED in early and not {BIDEN_BREACH, MILITARY_IMPLEMENTED} & set(early)
    assert early.nodes[NARCOTICS]["spells"] == [(dt.date(2023, 11, 15),) * 2]


def test_a_topic_keeps_its_claims_their_bundles_and_events(ledger_store: GraphStore) -> None:
    graph = view(ledger_store, "ledger", topic="counternarcotics")
    assert {NARCOTICS, NARCOTICS_IMPLEMENTED, SF} <= set(graph)
    assert not {BIDEN_BREACH, BIDEN, MILITARY, MILITARY_IMPLEMENTED} & set(graph)
    claims = [n for n, d in graph.nodes(data=True) if d["kind"] == "claim"]
    assert claims == [NARCOTICS]


def test_the_gexf_plays_the_ledger_on_gephis_timeline(ledger: nx.MultiDiGraph) -> None:
    data = export(ledger, "gexf", "ledger")
    back = nx.read_gexf(io.BytesIO(data))
    assert back.is_directed()
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        ledger.number_of_nodes(), ledger.number_of_edges())
    assert back.nodes[NARCOTICS]["start"] == "2023-11-15"
    assert back.nodes[NARCOTICS]["end"] == "2024-04-22"
    assert back.nodes[BIDEN_BREACH]["status_kind"] == "accused_of_breach"
    assert back.nodes[BIDEN_BREACH]["start"] == back.nodes[BIDEN_BREACH]["end"] == "2024-04-22"
    kinds = {d["label"] for _, _, d in back.edges(data=True)}
    assert {"restates", "accuses_breach_of", "implements", "reaffirms"} <= kinds
    root = check_gexf(data)  # last: it skips, with its reason, where the schema is absent
    assert root.find(f"{GEXF}graph").get("defaultedgetype") == "directed"
    colours = {n.get("id"): tuple(int(n.find(f"{VIZ}color").get(c)) for c in "rgb")
               for n in root.iter(f"{GEXF}node")}
    assert colours[BIDEN_BREACH] == style.STATUS_COLOURS["accused_of_breach"]
    assert colours[NARCOTICS_IMPLEMENTED] == style.STATUS_COLOURS["implemented"]


def test_graphml_and_csv_carry_the_ledger(ledger: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.BytesIO(export(ledger, "graphml")))
    assert back.nodes[BIDEN_BREACH]["timeset"] == "<[2024-04-22, 2024-04-22]>"
    assert back.nodes[NARCOTICS]["timeset"] == "<[2023-11-15, 2024-04-22]>"
    assert export(ledger, "csv").startswith(b"PK")  # a zip: the tables' test covers every view
