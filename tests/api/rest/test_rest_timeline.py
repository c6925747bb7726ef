"""/timeline: an actor's or a topic's engagements and claims in date order."""

from __future__ import annotations

from fastapi.testclient import TestClient


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_wang_yi_timeline_in_date_order(rest_client: TestClient) -> None:
    timeline = get(rest_client, "/timeline?actor=wang-yi&limit=500")
    items = timeline["items"]
    assert timeline["total"] == len(items) > 10
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    meetings = {i["id"] for i in items if i["kind"] == "meeting"}
    assert meetings == {
        m["id"] for m in get(rest_client, "/actors/wang-yi")["meetings"] if m["date"]
    }
    claims = [i for i in items if i["kind"] == "claim"]
    assert all(c["claimant"]["id"] == "wang-yi" for c in claims)
    assert {c["id"] for c in claims} == {
        c["id"]
        for c in get(rest_client, "/claims?claimant=wang-yi&limit=500")["items"]
        if c["date"]
    }
    # On one day, the engagement comes before the claims made at it.
    anchorage = [i for i in items if i["date"] == "2021-03-18"]
    assert anchorage[0]["kind"] == "meeting"


def test_what_wang_yi_said_about_taiwan_since_2021(rest_client: TestClient) -> None:
    timeline = get(rest_client, "/timeline?actor=wang-yi&topic=taiwan&since=2021-01-01&limit=500")
    claims = [i for i in timeline["items"] if i["kind"] == "claim"]
    assert claims and all(i["date"] >= "2021-01-01" for i in timeline["items"])
    expected = get(rest_client, "/claims?claimant=wang-yi&topic=taiwan&since=2021-01-01&limit=500")
    assert {c["id"] for c in claims} == {c["id"] for c in expected["items"]}


def test_until_and_paging(rest_client: TestClient) -> None:
    whole = get(rest_client, "/timeline?until=2021-12-31&limit=500")
    assert whole["items"] and all(i["date"] <= "2021-12-31" for i in whole["items"])
    page = get(rest_client, "/timeline?until=2021-12-31&limit=3&offset=3")
    assert [i["id"] for i in page["items"]] == [i["id"] for i in whole["items"][3:6]]


def test_bad_parameters(rest_client: TestClient) -> None:
    get(rest_client, "/timeline?since=2021", status=422)
    get(rest_client, "/timeline?actor=Wang%20Yi", status=422)
    assert get(rest_client, "/timeline?actor=nobody")["total"] == 0
