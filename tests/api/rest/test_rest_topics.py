"""/topics and /topics/{id}: the SKOS scheme with claim counts, and a topic's claims."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.rest_support import ids


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_topics_with_claim_counts_equal_to_the_claims_route(rest_client: TestClient) -> None:
    topics = get(rest_client, "/topics?limit=500")
    assert topics["total"] == len(topics["items"]) > 20
    labels = [t["label"].casefold() for t in topics["items"]]
    assert labels == sorted(labels)
    for topic in topics["items"]:
        assert (
            topic["claim_count"]
            == get(rest_client, f"/claims?topic={topic['id']}&limit=1")["total"]
        )
    assert next(t for t in topics["items"] if t["id"] == "taiwan")["claim_count"] > 3


def test_a_narrower_topic_counts_towards_the_broader_one(rest_client: TestClient) -> None:
    students = get(rest_client, "/topics/students")
    assert students["broader"]["id"] == "people-to-people-exchanges"
    broader = get(rest_client, "/topics/people-to-people-exchanges")
    assert "students" in {t["id"] for t in broader["narrower"]}
    assert broader["claim_count"] >= students["claim_count"]


def test_topic_detail_pages_its_claims(rest_client: TestClient) -> None:
    taiwan = get(rest_client, "/topics/taiwan?limit=2")
    assert taiwan["label"] == "Taiwan" and taiwan["definition"]
    assert {"label": "台湾", "lang": "zh"} in taiwan["aliases"] or any(
        a["lang"] == "zh" for a in taiwan["aliases"]
    )
    assert taiwan["claims"]["limit"] == 2 and len(taiwan["claims"]["items"]) == 2
    assert taiwan["claims"]["total"] == taiwan["claim_count"]
    assert ids(taiwan["claims"]) == ids(get(rest_client, "/claims?topic=taiwan&limit=2"))
    oldest = get(rest_client, "/topics/taiwan?sort=date&limit=1")
    assert ids(oldest["claims"]) == ids(get(rest_client, "/claims?topic=taiwan&sort=date&limit=1"))


def test_unknown_topic_is_404_and_bad_parameters_422(rest_client: TestClient) -> None:
    assert "quantum" in get(rest_client, "/topics/quantum", status=404)["detail"]
    get(rest_client, "/topics/wang-yi", status=404)
    get(rest_client, "/topics?limit=1000", status=422)
    get(rest_client, "/topics/taiwan?sort=popularity", status=422)
