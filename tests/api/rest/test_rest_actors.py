"""/actors and /actors/{id}: names in any language, types, countries, posts and meetings."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.store import GraphStore
from tests.support.rest_support import competency, ids, slug


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("wang yi", "wang-yi"),
        ("王毅", "wang-yi"),
        ("왕이", "wang-yi"),
        ("WANG  YI", "wang-yi"),
        ("blinken", "antony-blinken"),
        ("Blínken", "antony-blinken"),
        ("布林肯", "antony-blinken"),
        ("Tony Blinken", "antony-blinken"),
        ("习近平", "xi-jinping"),
    ],
)
def test_q_matches_labels_and_aliases_in_any_language(
    rest_client: TestClient, q: str, expected: str
) -> None:
    answer = rest_client.get("/actors", params={"q": q}).json()
    assert ids(answer)[0] == expected


def test_korean_names_written_with_no_break_spaces_match(rest_client: TestClient) -> None:
    # The Korean summary of the corpus separates words with U+00A0; a name typed from it matches.
    assert ids(rest_client.get("/actors", params={"q": "토니\u00a0블링컨"}).json()) == [
        "antony-blinken"
    ]


def test_q_without_a_match_is_an_empty_page(rest_client: TestClient) -> None:
    assert get(rest_client, "/actors?q=nobody-of-that-name") == {
        "items": [],
        "total": 0,
        "limit": 50,
        "offset": 0,
    }


def test_item_shape(rest_client: TestClient) -> None:
    (wang,) = [a for a in get(rest_client, "/actors?q=wang%20yi")["items"] if a["id"] == "wang-yi"]
    assert wang["iri"] == "https://w3id.org/diplograph/id/actor/wang-yi"
    assert (wang["type"], wang["label"], wang["country"]) == ("person", "Wang Yi", "china")
    assert {"label": "王毅", "lang": "zh"} in wang["aliases"]
    assert {"label": "왕이", "lang": "ko"} in wang["aliases"]


def test_type_and_country_filters(rest_client: TestClient) -> None:
    states = get(rest_client, "/actors?type=state")
    assert {"china", "united-states"} <= set(ids(states))
    assert all(a["type"] == "state" for a in states["items"])
    chinese_people = get(rest_client, "/actors?type=person&country=china&limit=500")
    assert "wang-yi" in ids(chinese_people) and "antony-blinken" not in ids(chinese_people)
    assert all(a["country"] == "china" for a in chinese_people["items"])
    us = get(rest_client, "/actors?country=united-states&q=blinken")
    assert ids(us) == ["antony-blinken"]
    assert get(rest_client, "/actors?country=china&q=blinken")["total"] == 0


def test_list_is_alphabetical_and_paged(rest_client: TestClient) -> None:
    whole = get(rest_client, "/actors?limit=500")
    labels = [a["label"].casefold() for a in whole["items"]]
    assert labels == sorted(labels) and whole["total"] == len(labels) > 20
    second = get(rest_client, "/actors?limit=5&offset=5")
    assert ids(second) == ids(whole)[5:10]


def test_wang_yi_posts_include_the_foreign_affairs_commission_office_from_2023(
    rest_client: TestClient,
) -> None:
    wang = get(rest_client, "/actors/wang-yi")
    director = [
        p
        for p in wang["posts"]
        if p["title"] == "Director of the Office of the Central Foreign Affairs Commission"
    ]
    assert director and director[0]["start"].startswith("2023")
    assert director[0]["end"] is None
    assert director[0]["organization"]["id"] == "office-of-the-central-foreign-affairs-commission"
    minister = [p for p in wang["posts"] if p["post"] == "china-minister-of-foreign-affairs"]
    assert [(p["start"], p["end"]) for p in minister] == [
        ("2013-03-16", "2022-12-29"),
        ("2023-07-25", None),
    ]
    starts = [p["start"] for p in wang["posts"]]
    assert starts == sorted(starts)


def test_actor_meetings_include_those_with_blinken(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    wang = {m["id"] for m in get(rest_client, "/actors/wang-yi")["meetings"]}
    blinken = {m["id"] for m in get(rest_client, "/actors/antony-blinken")["meetings"]}
    assert {slug(r["meeting"]) for r in competency(bundled_store, 8)} == wang & blinken


def test_a_state_s_meetings_are_those_it_was_a_side_of(rest_client: TestClient) -> None:
    china = get(rest_client, "/actors/china")
    assert china["type"] == "state" and china["country"] is None
    assert "2021-03-18-anchorage-dialogue" in {m["id"] for m in china["meetings"]}


def test_unknown_actor_is_404(rest_client: TestClient) -> None:
    assert "wang-yee" in get(rest_client, "/actors/wang-yee", status=404)["detail"]
    get(rest_client, "/actors/taiwan", status=404)  # a topic, not an actor


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("type=people", "type"),
        ("country=the%20US", "country"),
        ("limit=0", "limit"),
        ("q=" + "x" * 600, "q"),
    ],
)
def test_bad_parameters_are_422(rest_client: TestClient, query: str, parameter: str) -> None:
    answer = get(rest_client, f"/actors?{query}", status=422)
    assert any(error["loc"][-1] == parameter for error in answer["detail"])
