"""The REST answers do not depend on the backend: the rdflib store and a real Virtuoso (the
external engine, through ``sparql:``) answer every route as the embedded Oxigraph store does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import GraphStore, open_store
from graph.write.files import load

URLS = [
    "/claims?type=red_line&reported_by=china&since=2024-04-01",
    "/claims?claimant=wang-yi&limit=500",
    "/claims?claimant=wang-yi&include_state=true&limit=500",
    "/commitments?claimant=joe-biden&reported_by=china",
    "/claims?topic=people-to-people-exchanges&limit=500",
    "/consensus?meeting=2023-06-18-blinken-beijing-visit",
    "/claims?q=china%20threat&sort=date",
    "/claims/2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan-first-red-line",
    "/actors?q=%E7%8E%8B%E6%AF%85",
    "/actors?type=person&country=china",
    "/actors/wang-yi",
    "/meetings?participant=antony-blinken&since=2023-01-01",
    "/meetings/2021-03-18-anchorage-dialogue",
    "/meetings/2021-03-18-anchorage-dialogue/sides",
    "/topics",
    "/topics/taiwan",
    "/bundles",
    "/bundles/two-lists",
    "/documents",
    "/documents/2024-04-24-xinhua-mfa-official-briefing",
    "/timeline?actor=wang-yi&topic=taiwan",
    "/search?q=blinken",
    # the shapes tuned for Oxigraph's planner (one VALUES copy per branch, links from the
    # bound end, a search text driving the query) must answer alike elsewhere
    "/claims?meeting=2023-06-18-blinken-beijing-visit&limit=500",
    "/claims?reported_by=2024-04-24-xinhua-mfa-official-briefing&limit=500",
    "/claims?q=taiwan&claimant=wang-yi&limit=500",
    "/actors?q=blinken&type=person",
    "/meetings?topic=taiwan&limit=500",
    "/documents?limit=500",
    # the commitment ledger: its two queries (events by filter, what concerns a claim or a
    # bundle through "+" paths) and the status derived from them
    "/ledger?limit=500",
    "/ledger?claimant=joe-biden&kind=accused_of_breach",
    "/ledger?topic=taiwan&since=2024-01-01&asserted_by=mfa-senior-official-north-american-affairs-2024",
    "/claims/undated--joe-biden--commitment--not-support-taiwan-independence/ledger?as_of=2024-04-26",
    "/claims/2021-03-19--united-states--commitment--one-china-policy/ledger?as_of=2024-04-26",
    "/bundles/two-lists/ledger?as_of=2024-04-26",
    "/bundles/bali-common-understandings/ledger?as_of=2024-04-26",
]


@pytest.fixture(
    scope="module", params=["memory", pytest.param("virtuoso", marks=pytest.mark.virtuoso)]
)
def other_backend(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    if request.param == "memory":
        store: GraphStore = open_store("memory:")
    else:
        server = request.getfixturevalue("virtuoso_server")
        store = open_store(server.store_setting())
        store.replace_graphs({}, drop=store.graph_names())
    load(store)
    with TestClient(create_app(Settings(store="oxigraph:"), store=store)) as client:
        yield client
    store.close()


@pytest.mark.parametrize("url", URLS)
def test_same_answer_on_every_backend(
    rest_client: TestClient, other_backend: TestClient, url: str
) -> None:
    expected = rest_client.get(url)
    assert expected.status_code == 200
    assert other_backend.get(url).json() == expected.json()


@pytest.mark.parametrize("view", [
    "actors.gexf", "meetings.gexf", "claims.gexf", "full.gexf", "ledger.gexf",
    "actors.gexf?since=2023-01-01&until=2023-12-31", "claims.gexf?topic=taiwan",
    "full.gexf?topic=taiwan&since=2022-01-01", "meetings.graphml?until=2022-06-30",
])  # fmt: skip
def test_same_export_on_every_backend(
    rest_client: TestClient, other_backend: TestClient, view: str
) -> None:
    """The views' queries are tuned for Oxigraph (subqueries, literals for names): the other
    engines must still build the same graph, to the byte (GEXF is dated the same day)."""
    expected = rest_client.get(f"/export/{view}")
    assert expected.status_code == 200 and b"<node " in expected.content
    assert other_backend.get(f"/export/{view}").content == expected.content
