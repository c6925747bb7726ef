"""/bundles and /bundles/{id}: named bundles with their members in order."""

from __future__ import annotations

from fastapi.testclient import TestClient

from graph.store import GraphStore
from tests.support.rest_support import competency, ids, slug


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_seven_point_common_understandings_in_order(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    bundle = get(rest_client, "/bundles/seven-point-common-understandings")
    members = bundle["members"]
    assert [m["position"] for m in members] == [1, 2, 3, 4, 5, 6, 7]
    rows = competency(bundled_store, 7)
    assert [m["id"] for m in members] == [slug(r["claim"]) for r in rows]
    assert [m["claim"]["text"] for m in members] == [r["statement"] for r in rows]
    assert (
        members[0]["claim"]["text"] == "China and the United States treat each other with respect."
    )
    assert all(m["kind"] == "claim" and m["claim"]["type"] == "consensus" for m in members)


def test_the_two_lists_hold_their_lists_and_items(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    bundle = get(rest_client, "/bundles/two-lists")
    assert [(m["position"], m["kind"], m["id"]) for m in bundle["members"]] == [
        (1, "bundle", "two-lists-wrongdoings"),
        (2, "bundle", "two-lists-key-cases"),
    ]
    rows = [r for r in competency(bundled_store, 9) if "list" in r]
    for member in bundle["members"]:
        expected = [
            (int(r["position"]), slug(r["item"])) for r in rows if slug(r["list"]) == member["id"]
        ]
        assert [(m["position"], m["id"]) for m in member["members"]] == sorted(expected)
        assert all(m["claim"]["claimant"]["id"] == "xie-feng" for m in member["members"])
    sub = get(rest_client, "/bundles/two-lists-wrongdoings")
    assert sub["part_of"] == {"id": "two-lists", "label": "the two lists", "position": 1}


def test_bundle_list_has_members_in_order(rest_client: TestClient) -> None:
    bundles = get(rest_client, "/bundles?limit=500")
    assert {"three-bottom-lines", "two-lists", "2024-04-red-lines"} <= set(ids(bundles))
    for bundle in bundles["items"]:
        positions = [m["position"] for m in bundle["members"]]
        assert positions == sorted(positions)
    red = next(b for b in bundles["items"] if b["id"] == "2024-04-red-lines")
    assert (
        red["members"][0]["id"]
        == "2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"
    )
    assert "claim" not in red["members"][0]


def test_claims_name_their_bundle(rest_client: TestClient) -> None:
    bottom = get(rest_client, "/bundles/three-bottom-lines")
    for member in bottom["members"]:
        assert member["claim"]["bundle"] == {
            "id": "three-bottom-lines",
            "label": bottom["label"],
            "position": member["position"],
        }


def test_unknown_bundle_is_404(rest_client: TestClient) -> None:
    get(rest_client, "/bundles/three-lists", status=404)
    get(rest_client, "/bundles?offset=-1", status=422)
