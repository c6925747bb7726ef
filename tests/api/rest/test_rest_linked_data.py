"""/id/{kind}/{slug}: every entity IRI served, as a readable page or as its triples."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from api.app import create_app
from api.routers.linked_data import negotiate
from api.settings import Settings
from graph.namespaces import DG, INFERRED_GRAPH
from graph.store import GraphStore, open_store

WANG = URIRef("https://w3id.org/diplograph/id/actor/wang-yi")


def test_html_page_for_a_browser(rest_client: TestClient) -> None:
    response = rest_client.get(
        "/id/actor/wang-yi", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<h1>Wang Yi</h1>" in page and "王毅" in page
    assert 'href="/id/actor/china"' in page  # links stay on the server
    assert "Referred to by" in page and "/id/claim/" in page


def test_turtle_is_the_entity_s_asserted_triples(
    rest_client: TestClient, bundled_store: GraphStore
) -> None:
    response = rest_client.get("/id/actor/wang-yi", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/turtle"
    )
    assert "Accept" in response.headers["vary"]
    served = Graph().parse(data=response.text, format="turtle")
    assert set(served.subjects()) == {WANG}
    assert (WANG, RDFS.label, Literal("王毅", lang="zh")) in served
    assert (WANG, DG.country, URIRef("https://w3id.org/diplograph/id/actor/china")) in served
    assert (WANG, RDF.type, DG.Person) in served
    inferred = bundled_store.graph(INFERRED_GRAPH)
    assert (WANG, RDF.type, DG.Actor) in inferred and (WANG, RDF.type, DG.Actor) not in served


def test_json_ld_and_n_triples_say_the_same(rest_client: TestClient) -> None:
    turtle = Graph().parse(
        data=rest_client.get("/id/meeting/2021-03-18-anchorage-dialogue?format=turtle").text,
        format="turtle",
    )
    response = rest_client.get(
        "/id/meeting/2021-03-18-anchorage-dialogue", headers={"Accept": "application/ld+json"}
    )
    assert response.headers["content-type"].startswith("application/ld+json")
    json.loads(response.text)
    jsonld = Graph().parse(data=response.text, format="json-ld")
    nt = Graph().parse(
        data=rest_client.get(
            "/id/meeting/2021-03-18-anchorage-dialogue", headers={"Accept": "application/n-triples"}
        ).text,
        format="nt",
    )
    assert len(turtle) > 10
    assert set(turtle) == set(jsonld) == set(nt)


def test_every_kind_of_entity_is_served(rest_client: TestClient) -> None:
    for kind, slug in [
        ("claim", "2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"),
        ("document", "2024-04-24-xinhua-mfa-official-briefing"),
        ("topic", "taiwan"),
        ("bundle", "two-lists"),
        ("place", "anchorage"),
        ("post", "us-secretary-of-state"),
        ("holding", "wang-yi--china-minister-of-foreign-affairs--2013"),
        (
            "evidence",
            "2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan--xinhua-1",
        ),
    ]:
        response = rest_client.get(f"/id/{kind}/{slug}?format=nt")
        assert response.status_code == 200, (kind, response.text)
        assert f"<https://w3id.org/diplograph/id/{kind}/{slug}>" in response.text


def test_unknown_entities_are_404_and_unservable_types_406(rest_client: TestClient) -> None:
    assert rest_client.get("/id/actor/nobody").status_code == 404
    assert rest_client.get("/id/person/wang-yi").status_code == 404  # no such kind
    assert rest_client.get("/id/actor/wang%20yi").status_code == 404
    response = rest_client.get("/id/actor/wang-yi", headers={"Accept": "image/png"})
    assert response.status_code == 406 and "text/turtle" in response.json()["detail"]
    assert rest_client.get("/id/actor/wang-yi?format=pdf").status_code == 422


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "text/html"),
        ("*/*", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json;q=0.9, text/turtle;q=0.5", "application/ld+json"),
        ("text/html;q=0.1, application/n-triples", "application/n-triples"),
        ("application/*", "application/ld+json"),
        ("image/png", None),
        ("text/turtle;q=0", None),
        ("text/turtle;q=abc, text/html", "text/html"),
    ],
)
def test_negotiation(accept: str | None, media: str | None) -> None:
    assert negotiate(accept) == media


def test_the_base_iri_is_a_setting() -> None:
    """A deployment minting IRIs under its own domain serves /id/ under that base (its data must
    use the same base; the bundled data uses w3id.org)."""
    store = open_store("oxigraph:")
    base = "https://diplomacy.example.org/id/"
    person = URIRef(f"{base}actor/test-person")
    graph = Graph()
    graph.add((person, RDF.type, DG.Person))
    graph.add((person, RDFS.label, Literal("Test Person", lang="en")))
    store.replace_graphs({"https://diplomacy.example.org/graph/test": graph})
    with TestClient(create_app(Settings(store="oxigraph:", base_iri=base), store=store)) as client:
        response = client.get("/id/actor/test-person?format=nt")
        assert response.status_code == 200 and f"<{person}>" in response.text
        assert client.get("/actors/test-person").json()["iri"] == str(person)
        assert client.get("/search?q=test%20person").json()["items"][0]["iri"] == str(person)
    with TestClient(create_app(Settings(store="oxigraph:"), store=store)) as client:
        assert client.get("/id/actor/test-person").status_code == 404
    store.close()
