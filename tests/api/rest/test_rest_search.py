"""/search, and the label index behind every ``q``: folding, ranking, refreshing after writes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from api.app import create_app
from api.settings import Settings
from graph.lookups.labels import normalise
from graph.namespaces import DG
from graph.store import open_store


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


@pytest.mark.parametrize(
    ("q", "kind", "id"),
    [
        ("wang yi", "actor", "wang-yi"),
        ("王毅", "actor", "wang-yi"),
        ("taiwan", "topic", "taiwan"),
        ("anchorage", "place", None),
        ("seven-point", "bundle", "seven-point-common-understandings"),
        ("Global Times", "actor", "global-times"),
    ],
)
def test_one_box_finds_every_kind(
    rest_client: TestClient, q: str, kind: str, id: str | None
) -> None:
    hits = rest_client.get("/search", params={"q": q, "limit": 500}).json()["items"]
    if id is None:  # places are not searchable resources; the engagement at Anchorage is
        assert "2021-03-18-anchorage-dialogue" in {h["id"] for h in hits}
        assert all(h["kind"] != "place" for h in hits)
        return
    assert hits[0]["kind"] == kind and hits[0]["id"] == id
    assert hits[0]["path"] == f"/{kind}s/{id}"


def test_hits_carry_what_matched_and_link_to_the_rest_api(rest_client: TestClient) -> None:
    (hit,) = get(rest_client, "/search?q=%EC%99%95%EC%9D%B4&type=actor")["items"]
    assert (hit["label"], hit["matched"], hit["lang"]) == ("Wang Yi", "왕이", "ko")
    assert get(rest_client, hit["path"])["id"] == "wang-yi"
    claims = get(rest_client, "/search?q=china%20threat&type=claim")["items"]
    assert claims and all(h["kind"] == "claim" for h in claims)
    for hit in claims:
        assert get(rest_client, hit["path"])["id"] == hit["id"]


def test_exact_names_rank_before_partial_ones(rest_client: TestClient) -> None:
    hits = get(rest_client, "/search?q=china&limit=500")["items"]
    assert hits[0]["id"] == "china"
    assert len(hits) > 20


def test_documents_by_title(rest_client: TestClient) -> None:
    hits = get(rest_client, "/search?q=wang%20yi%20meets%20blinken&type=document")["items"]
    assert [h["id"] for h in hits] == ["2023-06-19-global-times-wang-yi-meets-blinken"]


def test_q_is_required_and_bounded(rest_client: TestClient) -> None:
    get(rest_client, "/search", status=422)
    get(rest_client, "/search?q=", status=422)
    get(rest_client, "/search?q=x&type=post", status=422)
    assert get(rest_client, "/search?q=%20%20")["total"] == 0


def test_normalise_folds_case_accents_widths_and_spaces() -> None:
    assert normalise("  Ｗáng\u00a0YI ") == "wang yi"
    assert normalise("Blínken") == normalise("BLINKEN")
    assert normalise("왕이") == normalise("왕이")  # Hangul compares decomposed on both sides


def test_the_index_is_rebuilt_after_a_write() -> None:
    """A name written to the store is found by the next request: the index follows the store's
    write counter instead of keeping what it read first."""
    store = open_store("oxigraph:")
    person = URIRef("https://w3id.org/diplograph/id/actor/test-person")
    first = Graph()
    first.add((person, RDF.type, DG.Person))
    first.add((person, RDFS.label, Literal("Alpha Person", lang="en")))
    store.replace_graphs({"https://w3id.org/diplograph/graph/file/test": first})
    with TestClient(create_app(Settings(store="oxigraph:"), store=store)) as client:
        assert [h["id"] for h in get(client, "/search?q=alpha")["items"]] == ["test-person"]
        second = Graph()
        second.add((person, RDF.type, DG.Person))
        second.add((person, RDFS.label, Literal("Beta Person", lang="en")))
        store.replace_graphs({"https://w3id.org/diplograph/graph/file/test": second})
        assert get(client, "/search?q=alpha")["total"] == 0
        assert [h["id"] for h in get(client, "/actors?q=beta")["items"]] == ["test-person"]
    store.close()


@pytest.mark.parametrize("kinds", [{"claim"}, {"actor"}, None])
def test_matching_is_the_set_match_ranks(bundled_store, kinds) -> None:  # type: ignore[no-untyped-def]
    """Claims search takes the unranked set; it must name exactly the entities ``match`` does,
    whatever the words (several, partial, Chinese, none found)."""
    from graph.lookups.ids import Ids
    from graph.lookups.labels import LabelIndex

    index = LabelIndex.build(bundled_store, Ids())
    queries = ["taiwan", "red line", "wang", "tai", "两岸", "王毅", "blinken anchorage",
               "no such word at all", "South  CHINA sea"]
    found_any = False
    for q in queries:
        ranked = index.match(q, kinds)
        assert index.matching(q, kinds) == set(ranked), q
        found_any = found_any or bool(ranked)
    assert found_any
