"""/ledger, /claims/{id}/ledger and /bundles/{id}/ledger: what became of each claim, over time."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from api import rest
from api.app import create_app
from api.settings import Settings
from graph.store import GraphStore
from tests.support.rest_support import competency, ids, slug
from tests.support.server import TOKEN

BIDEN = "biden-four-noes-one-no-intention"
TAIWAN = "undated--joe-biden--commitment--not-support-taiwan-independence"
OFFICIAL = "mfa-senior-official-north-american-affairs-2024"
BLINKEN_VISIT = "2022-11-14--china-united-states--consensus--blinken-to-visit-china"


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


# ---------------------------------------------------------------- /ledger


def test_every_curated_event_is_listed_newest_first(rest_client: TestClient) -> None:
    everything = get(rest_client, "/ledger?limit=500")
    assert everything["total"] == len(everything["items"]) >= 20
    dates = [item["date"] for item in everything["items"]]
    assert dates == sorted(dates, reverse=True)
    assert {item["origin"] for item in everything["items"]} == {"curated"}
    for item in everything["items"]:
        assert item["evidence"], item["id"]
        assert item["target"]["kind"] in {"claim", "bundle"}


def test_ledger_is_paged_like_every_list(rest_client: TestClient) -> None:
    whole = get(rest_client, "/ledger?limit=500")
    pages = [get(rest_client, f"/ledger?limit=6&offset={offset}") for offset in (0, 6, 12, 18)]
    assert all(p["total"] == whole["total"] and p["limit"] == 6 for p in pages)
    assert [i for p in pages for i in ids(p)] == ids(whole)[:24]
    assert get(rest_client, f"/ledger?offset={whole['total']}")["items"] == []


def test_biden_commitments_said_not_honoured_match_the_competency_question(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    answer = get(rest_client, "/ledger?claimant=joe-biden&kind=accused_of_breach&limit=500")
    expected = {slug(row["event"]) for row in competency(bundled_store, 13)}
    assert set(ids(answer)) == expected
    assert {item["date"] for item in answer["items"]} == {"2024-04-22"}
    taiwan = [i for i in answer["items"] if i["member"] and i["member"]["id"] == TAIWAN]
    assert len(taiwan) == 1 and taiwan[0]["target"]["id"] == BIDEN
    assert taiwan[0]["asserted_by"][0]["id"] == OFFICIAL
    evidence = taiwan[0]["evidence"][0]
    assert evidence["document"]["id"] == "2024-04-24-xinhua-mfa-official-briefing"
    assert "honor President Biden's commitments with concrete actions" in evidence["quote"]
    assert evidence["end"] - evidence["start"] == len(evidence["quote"])


def test_filters_narrow_the_list(rest_client: TestClient) -> None:
    every = get(rest_client, "/ledger?limit=500")["items"]
    implemented = get(rest_client, "/ledger?kind=implemented&limit=500")["items"]
    assert implemented and {i["kind"] for i in implemented} == {"implemented"}
    assert len(implemented) < len(every)
    in_2021 = get(rest_client, "/ledger?since=2021-01-01&until=2021-12-31&limit=500")["items"]
    assert in_2021 and all(i["date"].startswith("2021-") for i in in_2021)
    by_blinken = get(rest_client, "/ledger?asserted_by=antony-blinken")["items"]
    assert [(i["kind"], i["target"]["id"]) for i in by_blinken] == [
        ("reaffirmed", "bali-common-understandings")
    ]
    taiwan = get(rest_client, "/ledger?topic=taiwan&limit=500")["items"]
    assert taiwan and TAIWAN in {(i["member"] or {}).get("id") for i in taiwan}
    assert "2021-09-22--zhao-lijian--accused-of-breach--two-lists" not in ids({"items": taiwan})
    assert get(rest_client, "/ledger?origin=extracted")["total"] == 0
    assert get(rest_client, "/ledger?claimant=nobody-at-all")["total"] == 0


def test_bad_parameters_are_refused(rest_client: TestClient) -> None:
    for url in (
        "/ledger?kind=forgotten",
        "/ledger?since=2024-13-01",
        "/ledger?claimant=not%20a%20slug",
        "/ledger?limit=0",
        "/claims/x/ledger?as_of=yesterday",
    ):
        assert rest_client.get(url).status_code == 422, url


# ---------------------------------------------------------------- one claim


def test_claim_ledger_of_biden_taiwan_commitment(rest_client: TestClient) -> None:
    ledger = get(rest_client, f"/claims/{TAIWAN}/ledger?as_of=2024-04-26")
    assert ledger["claim"]["id"] == TAIWAN and ledger["as_of"] == "2024-04-26"
    # the bundle as a whole, and the Taiwan paragraph naming this member
    assert sorted(e["via"] for e in ledger["events"]) == ["as_member", "via_bundle"]
    assert ledger["status"]["kind"] == "accused_of_breach"
    assert ledger["status"]["since"] == "2024-04-22"
    assert set(ledger["status"]["latest_by_kind"]) == {"accused_of_breach"}


def test_as_of_is_a_query_not_a_migration(rest_client: TestClient) -> None:
    before = get(rest_client, f"/claims/{TAIWAN}/ledger?as_of=2024-04-21")
    assert before["events"] == []
    assert before["status"] == {
        "kind": "stated", "since": None, "event": None, "latest_by_kind": {}
    }  # fmt: skip
    today = get(rest_client, f"/claims/{TAIWAN}/ledger")
    assert today["as_of"] == dt.date.today().isoformat()
    assert today["status"]["kind"] == "accused_of_breach"


def test_claim_ledger_lists_restatements_in_date_order(rest_client: TestClient) -> None:
    claim = "2021-03-19--united-states--commitment--one-china-policy"
    ledger = get(rest_client, f"/claims/{claim}/ledger?as_of=2024-12-31")
    restated = [(r["id"], r["relation"]) for r in ledger["restatements"]]
    assert ("2021-09-09--joe-biden--commitment--one-china-policy", "later") in restated
    assert all(r["evidence"] or r["reported_by"] for r in ledger["restatements"])
    assert ledger["status"]["kind"] == "stated"
    early = get(rest_client, f"/claims/{claim}/ledger?as_of=2021-03-20")
    assert early["restatements"] == []


def test_bali_member_implemented_then_reaffirmed_as_a_bundle(rest_client: TestClient) -> None:
    ledger = get(rest_client, f"/claims/{BLINKEN_VISIT}/ledger?as_of=2024-04-26")
    kinds = [(e["date"], e["kind"], e["via"]) for e in ledger["events"]]
    assert ("2023-06-19", "implemented", "as_member") in kinds
    assert ("2023-06-19", "reaffirmed", "via_bundle") in kinds
    # The senior officials' contact (another member) does not concern this one.
    assert not any(e["member"] and e["member"]["id"] != BLINKEN_VISIT for e in ledger["events"])
    # Same day: implemented outweighs a restatement.
    assert ledger["status"]["kind"] == "implemented"
    assert set(ledger["status"]["latest_by_kind"]) == {"implemented", "reaffirmed"}
    implemented = next(e for e in ledger["events"] if e["kind"] == "implemented")
    assert {ev["document"]["id"] for ev in implemented["evidence"]} == {
        "2023-06-19-mfa-briefing-yang-tao-report",
        "2023-06-19-global-times-wang-yi-meets-blinken",
    }


def test_unknown_claim_is_a_404(rest_client: TestClient) -> None:
    assert get(rest_client, "/claims/no-such-claim/ledger", 404)["detail"]


# ---------------------------------------------------------------- one bundle


def test_two_lists_as_of_26_april_2024_match_the_competency_question(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    ledger = get(rest_client, "/bundles/two-lists/ledger?as_of=2024-04-26")
    assert ledger["bundle"]["id"] == "two-lists"
    assert ledger["status"]["kind"] == "accused_of_breach"
    claims = [m for m in ledger["members"] if m["kind"] == "claim"]
    rows = competency(bundled_store, 15)
    assert {m["id"]: m["status"]["kind"] for m in claims} == {
        slug(r["member"]): "accused_of_breach" for r in rows
    }
    assert {m["status"]["since"] for m in claims} == {"2021-09-22"}
    lists = [m for m in ledger["members"] if m["kind"] == "bundle"]
    assert [(m["id"], m["depth"]) for m in lists] == [
        ("two-lists-wrongdoings", 0),
        ("two-lists-key-cases", 0),
    ]
    assert all(m["depth"] == 1 for m in claims)
    before = get(rest_client, "/bundles/two-lists/ledger?as_of=2021-09-21")
    assert {m["status"]["kind"] for m in before["members"]} == {"stated"}


def test_bundle_ledger_keeps_member_events_apart(rest_client: TestClient) -> None:
    ledger = get(rest_client, "/bundles/bali-common-understandings/ledger?as_of=2024-04-26")
    vias = {(e["id"].split("--", 2)[1], e["via"]) for e in ledger["events"]}
    assert ("china", "about_member") in vias and ("antony-blinken", "about") in vias
    # as a whole: reaffirmed; the members carried out are told apart
    assert ledger["status"]["kind"] == "reaffirmed"
    status = {m["id"]: m["status"]["kind"] for m in ledger["members"]}
    assert status[BLINKEN_VISIT] == "implemented"
    assert (
        status["2022-11-14--china-united-states--consensus--senior-officials-maintain-communication"]
        == "implemented"
    )
    assert status["2022-11-14--china-united-states--consensus--nuclear-war-never-fought"] == (
        "reaffirmed"
    )


def test_unknown_bundle_is_a_404(rest_client: TestClient) -> None:
    assert get(rest_client, "/bundles/no-such-bundle/ledger", 404)["detail"]


def test_openapi_documents_the_ledger_with_examples(rest_client: TestClient) -> None:
    spec = get(rest_client, "/openapi.json")
    for path in ("/ledger", "/claims/{id}/ledger", "/bundles/{id}/ledger"):
        operation = spec["paths"][path]["get"]
        assert operation["summary"] and operation["description"]
        assert all(p["schema"].get("examples") for p in operation["parameters"]), path
    event = spec["components"]["schemas"]["StatusEvent"]["properties"]
    assert event["kind"]["examples"] == ["accused_of_breach"]


def test_a_ledger_kept_yesterday_is_not_replayed_today(
    bundled_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without as_of a ledger stands at today: the response cache keys it by the day too."""
    app = create_app(Settings(store="oxigraph:", token=TOKEN), store=bundled_store)
    url = f"/claims/{TAIWAN}/ledger"
    with TestClient(app) as client:
        monkeypatch.setattr(rest, "today", lambda: dt.date(2024, 4, 21))
        before = get(client, url)
        assert before["as_of"] == "2024-04-21" and before["status"]["kind"] == "stated"
        assert get(client, url) == before  # the same day: replayed
        monkeypatch.setattr(rest, "today", lambda: dt.date(2024, 4, 22))
        after = get(client, url)
        assert after["as_of"] == "2024-04-22" and after["status"]["kind"] == "accused_of_breach"
