"""/meetings, /meetings/{id} and /meetings/{id}/sides against the bundled graph."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.store import GraphStore
from tests.support.rest_support import competency, ids, slug

ANCHORAGE = "2021-03-18-anchorage-dialogue"


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_anchorage_participants_have_the_titles_they_held_that_day(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    meeting = get(rest_client, f"/meetings/{ANCHORAGE}")
    held = {(p["id"], t["title"]) for p in meeting["participants"] for t in p["titles"]}
    expected = {
        (slug(r["person"]), r["title"]) for r in competency(bundled_store, 1) if "title" in r
    }
    assert held == expected
    assert ("antony-blinken", "Secretary of State") in held
    assert (
        "yang-jiechi",
        "Director of the Office of the Central Foreign Affairs Commission",
    ) in held
    # Wang Yi was foreign minister then, not yet director of the commission's office (2023).
    wang = next(p for p in meeting["participants"] if p["id"] == "wang-yi")
    assert "Director of the Office of the Central Foreign Affairs Commission" not in {
        t["title"] for t in wang["titles"]
    }


def test_meeting_detail(rest_client: TestClient) -> None:
    meeting = get(rest_client, f"/meetings/{ANCHORAGE}")
    assert (meeting["type"], meeting["date"], meeting["end_date"]) == (
        "strategic_dialogue",
        "2021-03-18",
        "2021-03-19",
    )
    assert meeting["place"] == {"id": "anchorage", "label": "Anchorage"}
    assert {s["id"] for s in meeting["sides"]} == {"china", "united-states"}
    assert meeting["host"]["id"] == "united-states"
    assert "2021-03-18-anchorage-compilation" in {d["id"] for d in meeting["documents"]}
    assert set(meeting["claims"]) == {"demand", "red_line", "commitment", "consensus"}
    for kind, claims in meeting["claims"].items():
        assert all(c["type"] == kind and c["meeting"]["id"] == ANCHORAGE for c in claims)
    assert meeting["claims"]["consensus"] and meeting["claims"]["red_line"]


def test_a_visit_lists_its_parts_and_their_claims(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    visit = get(rest_client, "/meetings/2023-06-18-blinken-beijing-visit")
    assert "2023-06-19-wang-yi-blinken-meeting" in {p["id"] for p in visit["parts"]}
    consensus = {c["id"] for c in visit["claims"]["consensus"]}
    expected = {
        slug(r["claim"])
        for r in competency(bundled_store, 5)
        if slug(r["engagement"]) == "2023-06-18-blinken-beijing-visit"
    }
    assert consensus == expected and expected
    part = get(rest_client, "/meetings/2023-06-19-wang-yi-blinken-meeting")
    assert part["part_of"]["id"] == "2023-06-18-blinken-beijing-visit"


def test_follow_ups_both_ways(rest_client: TestClient) -> None:
    anchorage = get(rest_client, f"/meetings/{ANCHORAGE}")
    assert "2021-02-10-xi-biden-call" in {m["id"] for m in anchorage["follows_up"]}
    call = get(rest_client, "/meetings/2021-02-10-xi-biden-call")
    assert ANCHORAGE in {m["id"] for m in call["followed_by"]}


def test_meetings_of_wang_yi_and_blinken(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    wang = set(ids(get(rest_client, "/meetings?participant=wang-yi&limit=500")))
    blinken = set(ids(get(rest_client, "/meetings?participant=antony-blinken&limit=500")))
    assert wang & blinken == {slug(r["meeting"]) for r in competency(bundled_store, 8)}


def test_filters_dates_type_and_q(rest_client: TestClient) -> None:
    whole = get(rest_client, "/meetings?limit=500")
    dates = [m["date"] for m in whole["items"] if m["date"]]
    assert dates == sorted(dates) and whole["total"] > 10
    # since/until compare the meeting's days, both ends inclusive: 18-19 March matches 19 March.
    assert ANCHORAGE in ids(get(rest_client, "/meetings?since=2021-03-19&until=2021-03-19"))
    assert ANCHORAGE not in ids(get(rest_client, "/meetings?since=2021-03-20&until=2021-12-31"))
    calls = get(rest_client, "/meetings?type=call&limit=500")
    assert calls["total"] > 2 and all(m["type"] == "call" for m in calls["items"])
    assert ids(get(rest_client, "/meetings?q=ANCHORAGE")) == [ANCHORAGE]
    assert ids(get(rest_client, "/meetings?participant=china&type=strategic_dialogue")) == [
        ANCHORAGE
    ]


def test_sides_put_each_side_s_reports_side_by_side(rest_client: TestClient) -> None:
    sides = get(rest_client, f"/meetings/{ANCHORAGE}/sides")
    assert sides["meeting"]["id"] == ANCHORAGE
    by_side = {s["side"]["id"]: s for s in sides["sides"]}
    assert set(by_side) == {"china", "united-states"}
    assert by_side["china"]["claims"] > 0 and by_side["united-states"]["claims"] > 0
    meeting = get(rest_client, f"/meetings/{ANCHORAGE}")
    all_claims = {c["id"] for group in meeting["claims"].values() for c in group}
    assert {row["claim"]["id"] for row in sides["rows"]} == all_claims
    for row in sides["rows"]:
        assert row["reported_by_sides"] == sorted(row["reports"])
        assert row["one_side_only"] == (len(row["reports"]) == 1)
        for side, reports in row["reports"].items():
            assert reports and all(r["quote"] for r in reports), (side, row["claim"]["id"])
    for side, summary in by_side.items():
        only = sum(1 for r in sides["rows"] if r["reported_by_sides"] == [side])
        assert summary["only_this_side"] == only
    several = sum(1 for r in sides["rows"] if len(r["reports"]) > 1)
    assert sides["reported_by_several_sides"] == several


def test_unknown_meeting_is_404(rest_client: TestClient) -> None:
    get(rest_client, "/meetings/1999-01-01-nothing", status=404)
    get(rest_client, "/meetings/1999-01-01-nothing/sides", status=404)
    get(rest_client, "/meetings/wang-yi", status=404)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("type=party", "type"),
        ("since=2021-02-30", "since"),
        ("participant=%22x%22", "participant"),
    ],
)
def test_bad_parameters_are_422(rest_client: TestClient, query: str, parameter: str) -> None:
    answer = get(rest_client, f"/meetings?{query}", status=422)
    assert any(error["loc"][-1] == parameter for error in answer["detail"])


def test_sides_show_a_consensus_only_one_side_affirms(rest_client: TestClient) -> None:
    sides = get(rest_client, f"/meetings/{ANCHORAGE}/sides")
    rows = {row["claim"]["id"]: row for row in sides["rows"]}
    climate = rows["2021-03-19--china-united-states--consensus--climate-joint-working-group"]
    assert climate["claim"]["affirmed_only_by"] == {"id": "china", "label": "China"}
    assert climate["affirmed_by_sides"] == ["china"]
    yang = rows["2021-03-18--yang-jiechi--demand--stop-advancing-democracy-abroad"]
    assert yang["reported_by_sides"] == ["united-states"] and yang["affirmed_by_sides"] == []
    (report,) = yang["reports"]["united-states"]
    assert (report["speech_mode"], report["stance"]) == ("translation", "reports_other_side")
    for row in rows.values():
        if row["claim"]["affirmed_only_by"]:
            assert row["affirmed_by_sides"] == [row["claim"]["affirmed_only_by"]["id"]]
