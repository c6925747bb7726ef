"""/claims and its per-type lists against the bundled graph: the competency questions, filters,
sorting, paging, one claim with its history, and refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from graph.store import GraphStore
from tests.support.rest_support import competency, ids, slug

TAIWAN_FIRST = "2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_red_lines_reported_by_china_since_april_2024_hold_the_taiwan_red_line_first(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    answer = get(rest_client, "/claims?type=red_line&reported_by=china&since=2024-04-01")
    by_id = {item["id"]: item for item in answer["items"]}
    taiwan = by_id[TAIWAN_FIRST]
    assert taiwan["bundle"] == {
        "id": "2024-04-red-lines",
        "label": taiwan["bundle"]["label"],
        "position": 1,
    }
    assert {"id": "taiwan", "label": "Taiwan"} in taiwan["topics"]
    assert all(item["type"] == "red_line" for item in answer["items"])
    assert all(
        dt.date.fromisoformat(item["date"]) >= dt.date(2024, 4, 1) for item in answer["items"]
    )
    assert all("china" in [s["id"] for s in item["reporting_sides"]] for item in answer["items"])
    # CQ2 asks the same of the graph in SPARQL: the route answers the same claims.
    assert set(by_id) == {slug(row["claim"]) for row in competency(bundled_store, 2)}
    positions = {
        slug(r["claim"]): int(r["position"])
        for r in competency(bundled_store, 2)
        if "position" in r
    }
    assert {i: by_id[i]["bundle"]["position"] for i in positions} == positions


def test_wang_yi_demands_of_the_us_on_19_june_2023(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    answer = get(
        rest_client,
        "/demands?claimant=wang-yi&addressee=united-states&since=2023-06-19&until=2023-06-19&limit=500",
    )
    expected = {slug(row["claim"]) for row in competency(bundled_store, 3)}
    assert set(ids(answer)) == expected and answer["total"] == len(expected) > 5
    stop = next(
        i
        for i in answer["items"]
        if i["id"] == "2023-06-19--wang-yi--demand--stop-hyping-china-threat"
    )
    assert stop["text"] == "The US should stop hyping the 'China threat' narrative."
    quotes = {e["quote"] for e in stop["evidence"]}
    assert 'stop hyping the "China threat" narrative' in quotes
    assert stop["claimant"] == {"id": "wang-yi", "label": "Wang Yi"}
    assert stop["meeting"]["id"] == "2023-06-19-wang-yi-blinken-meeting"
    assert stop["meeting"]["date"] == "2023-06-19"


def test_biden_commitments_as_the_chinese_side_reports_them(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    answer = get(rest_client, "/commitments?claimant=joe-biden&reported_by=china&limit=500")
    rows = competency(bundled_store, 4)
    assert set(ids(answer)) == {slug(r["claim"]) for r in rows}
    assert "undated--joe-biden--commitment--no-new-cold-war" in ids(answer)
    for item in answer["items"]:
        assert item["claimant"]["id"] == "joe-biden" and item["type"] == "commitment"
        china_spans = [e for e in item["evidence"] if e["side"] and e["side"]["id"] == "china"]
        assert china_spans, item["id"]
        documents = {slug(r["document"]) for r in rows if slug(r["claim"]) == item["id"]}
        assert documents <= {e["document"]["id"] for e in china_spans}


def test_reported_by_a_document_slug(rest_client: TestClient) -> None:
    doc = "2023-06-19-global-times-wang-yi-meets-blinken"
    answer = get(rest_client, f"/claims?reported_by={doc}&limit=500")
    assert answer["total"] > 5
    assert all(doc in [d["id"] for d in item["reported_by"]] for item in answer["items"])


def test_consensus_at_anchorage_counts_the_dialogue_and_nothing_else(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    rows = competency(bundled_store, 5)
    for meeting in ("2021-03-18-anchorage-dialogue", "2023-06-18-blinken-beijing-visit"):
        answer = get(rest_client, f"/consensus?meeting={meeting}&limit=500")
        expected = {slug(r["claim"]) for r in rows if slug(r["engagement"]) == meeting}
        assert set(ids(answer)) == expected and expected
        assert all(len(item["claimants"]) == 2 for item in answer["items"])


def test_typed_lists_equal_claims_with_type(rest_client: TestClient) -> None:
    for path, kind in (
        ("commitments", "commitment"),
        ("demands", "demand"),
        ("red-lines", "red_line"),
        ("consensus", "consensus"),
    ):
        typed = get(rest_client, f"/{path}?limit=500")
        assert typed == get(rest_client, f"/claims?type={kind}&limit=500")
        assert typed["total"] > 0


def test_include_state_widens_the_claimant_to_the_state_it_speaks_for(
    rest_client: TestClient,
) -> None:
    own = get(rest_client, "/claims?claimant=wang-yi&limit=500")
    widened = get(rest_client, "/claims?claimant=wang-yi&include_state=true&limit=500")
    china = get(rest_client, "/claims?claimant=china&limit=500")
    assert own["total"] > 0 and china["total"] > 0
    assert set(ids(widened)) == set(ids(own)) | set(ids(china))
    assert all(item["claimant"]["id"] == "wang-yi" for item in own["items"])


def test_topic_filter_and_narrower_topics(rest_client: TestClient) -> None:
    taiwan = get(rest_client, "/claims?topic=taiwan&limit=500")
    assert taiwan["total"] > 3
    assert all("taiwan" in [t["id"] for t in item["topics"]] for item in taiwan["items"])
    exchanges = set(ids(get(rest_client, "/claims?topic=people-to-people-exchanges&limit=500")))
    assert set(ids(get(rest_client, "/claims?topic=students&limit=500"))) <= exchanges


def test_since_and_until_are_inclusive(rest_client: TestClient) -> None:
    day = get(rest_client, "/claims?since=2021-07-26&until=2021-07-26&limit=500")
    assert day["total"] > 0 and {item["date"] for item in day["items"]} == {"2021-07-26"}
    assert get(rest_client, "/claims?since=2030-01-01")["total"] == 0


def test_newest_first_unless_sort_date(rest_client: TestClient) -> None:
    newest = get(rest_client, "/claims?limit=500")
    oldest = get(rest_client, "/claims?sort=date&limit=500")
    dated = [i["date"] for i in newest["items"] if i["date"]]
    assert dated == sorted(dated, reverse=True) and dated
    assert [i["date"] for i in oldest["items"] if i["date"]] == sorted(dated)
    assert newest["total"] == oldest["total"] == len(newest["items"])
    first_undated = next(n for n, i in enumerate(newest["items"]) if not i["date"])
    assert all(not i["date"] for i in newest["items"][first_undated:])


def test_pages_partition_the_list(rest_client: TestClient) -> None:
    whole = get(rest_client, "/claims?limit=500")
    pages = [
        get(rest_client, f"/claims?limit=7&offset={offset}")
        for offset in range(0, whole["total"], 7)
    ]
    assert [i for p in pages for i in ids(p)] == ids(whole)
    assert (
        pages[1]["limit"] == 7 and pages[1]["offset"] == 7 and pages[1]["total"] == whole["total"]
    )
    assert get(rest_client, "/claims")["limit"] == 50
    assert get(rest_client, f"/claims?offset={whole['total']}")["items"] == []


def test_q_finds_statements_and_quotes_case_and_accent_insensitively(
    rest_client: TestClient,
) -> None:
    answer = get(rest_client, "/claims?q=CHINA%20THRÉAT&limit=500")
    assert "2023-06-19--wang-yi--demand--stop-hyping-china-threat" in ids(answer)
    assert get(rest_client, "/claims?q=zzzz-no-such-words")["total"] == 0


def test_origin_filter(rest_client: TestClient) -> None:
    curated = get(rest_client, "/claims?origin=curated&limit=500")
    assert curated["total"] == get(rest_client, "/claims?limit=500")["total"]
    assert get(rest_client, "/claims?origin=extracted")["total"] == 0


def test_every_field_of_the_contract_is_there(rest_client: TestClient) -> None:
    item = get(rest_client, f"/claims/{TAIWAN_FIRST}")
    for field in (
        "id",
        "iri",
        "type",
        "text",
        "claimant",
        "addressee",
        "topics",
        "meeting",
        "date",
        "reported_by",
        "evidence",
        "reiterates",
        "bundle",
        "origin",
        "cameo",
        "plover",
    ):
        assert field in item
    assert item["iri"] == f"https://w3id.org/diplograph/id/claim/{TAIWAN_FIRST}"
    assert (item["cameo"], item["plover"], item["origin"]) == ("13", "THREATEN", "curated")
    evidence = item["evidence"][0]
    assert set(evidence["document"]) == {"id", "title", "publisher", "url"}
    assert evidence["end"] - evidence["start"] == len(evidence["quote"])


def test_history_is_the_reiteration_chain_both_ways_in_date_order(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    pairs = [(slug(r["claim"]), slug(r["earlier"])) for r in competency(bundled_store, 6)]
    assert pairs
    for later, earlier in pairs:
        seen_later = get(rest_client, f"/claims/{later}")
        assert earlier in seen_later["reiterates"]
        assert {"id": earlier, "relation": "earlier"}.items() <= _entry(seen_later, earlier).items()
        assert _entry(seen_later, later)["relation"] == "this"
        seen_earlier = get(rest_client, f"/claims/{earlier}")
        assert _entry(seen_earlier, later)["relation"] == "later"
        dates = [h["date"] for h in seen_earlier["history"] if h["date"]]
        assert dates == sorted(dates)


def _entry(claim: dict, id: str) -> dict:
    return next(h for h in claim["history"] if h["id"] == id)


def test_unknown_claim_is_404_with_a_message(rest_client: TestClient) -> None:
    answer = get(rest_client, "/claims/2099-01-01--nobody--demand--nothing", status=404)
    assert "2099-01-01--nobody--demand--nothing" in answer["detail"]
    # An actor is not a claim.
    get(rest_client, "/claims/wang-yi", status=404)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("since=2024-13-01", "since"),
        ("until=yesterday", "until"),
        ("limit=-1", "limit"),
        ("limit=501", "limit"),
        ("offset=-3", "offset"),
        ("type=threat", "type"),
        ("sort=name", "sort"),
        ("include_state=perhaps", "include_state"),
        ("claimant=Wang%20Yi", "claimant"),
        ("origin=guessed", "origin"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(
    rest_client: TestClient, query: str, parameter: str
) -> None:
    answer = get(rest_client, f"/claims?{query}", status=422)
    assert any(error["loc"][-1] == parameter for error in answer["detail"])


def test_answers_follow_a_write_to_the_store() -> None:
    """Claims are cached between requests only until the store's next write."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    from api.app import create_app
    from api.settings import Settings
    from graph.namespaces import DG
    from graph.store import open_store

    claim = URIRef("https://w3id.org/diplograph/id/claim/test-claim")

    def graph(text: str) -> Graph:
        g = Graph()
        g.add((claim, RDF.type, DG.Demand))
        g.add((claim, DG.statement, Literal(text, lang="en")))
        return g

    store = open_store("oxigraph:")
    name = "https://w3id.org/diplograph/graph/file/test"
    store.replace_graphs({name: graph("First wording.")})
    with TestClient(create_app(Settings(store="oxigraph:"), store=store)) as client:
        assert get(client, "/claims/test-claim")["text"] == "First wording."
        assert get(client, "/demands")["items"][0]["text"] == "First wording."
        store.replace_graphs({name: graph("Second wording.")})
        assert get(client, "/claims/test-claim")["text"] == "Second wording."
        assert get(client, "/demands?q=second")["total"] == 1
        store.replace_graphs({}, drop=[name])
        get(client, "/claims/test-claim", status=404)
    store.close()


def test_a_consensus_only_chinas_documents_affirm_shows_as_one_sided(
    rest_client: TestClient,
) -> None:
    claim = get(
        rest_client, "/claims/2021-02-11--china-united-states--consensus--manage-differences"
    )
    assert claim["affirmed_only_by"] == {"id": "china", "label": "China"}
    reports = {(e["side"]["id"], e["speech_mode"], e["stance"]) for e in claim["evidence"]}
    # the US transcript records Yang Jiechi's words through the interpreter: not a US affirmation
    assert ("united-states", "translation", "reports_other_side") in reports
    assert ("china", "summary", "affirms") in reports
    listed = get(rest_client, "/claims?type=consensus&limit=100")["items"]
    one_sided = [c for c in listed if c["affirmed_only_by"]]
    assert one_sided and all(c["affirmed_only_by"]["id"] == "china" for c in one_sided)
    assert claim["id"] in {c["id"] for c in one_sided}


def test_restatements_measures_bundles_and_undated_claims(rest_client: TestClient) -> None:
    lift = get(rest_client, "/claims/2023-06-19--wang-yi--demand--lift-unilateral-sanctions")
    assert lift["reiterates"] == [
        "2021-07-26--xie-feng--demand--revoke-sanctions-on-chinese-officials"
    ]
    assert [m["id"] for m in lift["objects_to"]] == ["us-sanctions-and-entity-list-designations"]
    honour = get(rest_client, "/claims/2024-04-22--mfa-senior-official-north-american-affairs-2024"
                              "--demand--honor-biden-commitments")
    assert [b["id"] for b in honour["refers_to"]] == ["biden-four-noes-one-no-intention"]
    assert honour["date"] == "2024-04-22"
    cold_war = get(rest_client, "/claims/undated--joe-biden--commitment--no-new-cold-war")
    assert cold_war["date"] is None and cold_war["meeting"] is None
    assert cold_war["date_on_or_before"] == "2024-04-22"
    assert cold_war["negated"] is True
    assert {e["stance"] for e in cold_war["evidence"]} == {"reports_other_side"}
    relayed = get(rest_client, "/claims/2023-06-19--wang-yi--demand--stop-hyping-china-threat")
    relays = [e for e in relayed["evidence"] if e["relayed_by"]]
    assert relays and relays[0]["relayed_by"]["id"] == "yang-tao"
    assert relays[0]["speech_mode"] == "reported_speech"
