"""The ledger pages over HTTP on a real uvicorn server (the bundled graph with its curated
status events): a claim's and a bundle's timeline, the status as of a day, and the links that
lead there."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from html import unescape

import httpx
import pytest
from fastapi.testclient import TestClient

from api import rest
from api.app import create_app
from api.pages import netgraph
from api.settings import Settings
from graph.store import GraphStore
from tests.support.server import TOKEN, LiveServer

HTML = {"Accept": "text/html"}
BIDEN = "biden-four-noes-one-no-intention"
TAIWAN = "undated--joe-biden--commitment--not-support-taiwan-independence"
NARCOTICS = "2023-11-15--china-united-states--consensus--counternarcotics-cooperation"
QUOTE = "We urge the U.S. side to honor President Biden's above commitments with concrete actions"


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, headers=HTML, timeout=30) as c:
        yield c


def get(client: httpx.Client | TestClient, path: str, **params: str) -> str:
    response = client.get(path, params=params)
    assert response.status_code == 200, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return unescape(response.text)


def status(page: str) -> str:
    found = re.search(r'class="current">Status as of .*?class="status-kind sk-(\w+)"', page)
    assert found, "the page states a status"
    return found.group(1)


def test_a_bundle_ledger_shows_the_breach_with_its_quote_and_each_member(
    client: httpx.Client,
) -> None:
    page = get(client, f"/browse/ledger/bundle/{BIDEN}", as_of="2024-04-26")
    assert "<h1>President Biden's four noes and one no-intention</h1>" in page
    assert status(page) == "accused_of_breach"
    assert QUOTE in page and "/id/document/2024-04-24-xinhua-mfa-official-briefing" in page
    assert "/id/actor/mfa-senior-official-north-american-affairs-2024" in page
    members = re.findall(r'href="/browse/ledger/claim/([^"?]+)\?as_of=2024-04-26"', page)
    assert len(members) == 5 and members[3] == TAIWAN  # in the bundle's order


def test_as_of_a_day_before_the_events_the_status_is_stated(client: httpx.Client) -> None:
    page = get(client, f"/browse/ledger/bundle/{BIDEN}", as_of="2024-04-21")
    assert status(page) == "stated" and QUOTE not in page
    assert "Nothing recorded by then." in page
    assert 'value="2024-04-21"' in page  # the form keeps the day


def test_a_claim_ledger_puts_statement_and_events_in_date_order(client: httpx.Client) -> None:
    page = get(client, f"/browse/ledger/claim/{NARCOTICS}", as_of="2024-04-26")
    days = re.findall(r'<li class="(statement|event)[^"]*"[^>]*><time datetime="([\d-]+)"', page)
    assert days[0] == ("statement", "2023-11-15")
    assert ("event", "2024-04-22") in days
    assert [d for _, d in days] == sorted(d for _, d in days)
    assert 'class="event ev-implemented"' in page
    # reported carried out, and the San Francisco vision reaffirmed, on the same day: the
    # status is one of the two, by the ledger's tie rule
    assert status(page) in {"implemented", "reaffirmed"}
    assert f'href="/id/claim/{NARCOTICS}"' in page


def test_an_event_about_the_whole_bundle_reaches_its_members(client: httpx.Client) -> None:
    page = get(client, f"/browse/ledger/claim/{TAIWAN}", as_of="2024-04-26")
    assert QUOTE in page  # said of the bundle as a whole
    assert "which holds it, as a whole" in page
    assert "on or before 2024-04-22" in page  # the claim's occasion is not stated


def test_the_claim_bundle_and_actor_pages_link_their_ledgers(client: httpx.Client) -> None:
    assert f'href="/browse/ledger/claim/{TAIWAN}"' in get(client, f"/id/claim/{TAIWAN}")
    assert f'href="/browse/ledger/bundle/{BIDEN}"' in get(client, f"/id/bundle/{BIDEN}")
    assert f'href="/browse/ledger/claim/{TAIWAN}"' in get(client, "/id/actor/joe-biden")


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/browse/ledger/claim/no-such-claim", 404),
        ("/browse/ledger/bundle/no-such-bundle", 404),
        (f"/browse/ledger/bundle/{BIDEN}?as_of=yesterday", 422),
    ],
)
def test_unknown_ids_and_bad_days_are_refused(client: httpx.Client, path: str, code: int) -> None:
    assert client.get(path).status_code == code


def test_an_actor_page_lists_what_became_of_its_claims_and_what_it_said(
    client: httpx.Client,
) -> None:
    biden = get(client, "/id/actor/joe-biden")
    about = biden[biden.index("What became of Joe Biden's claims"):]
    assert f'href="/browse/ledger/bundle/{BIDEN}"' in about  # the Chinese side's breach claim
    assert 'class="status-kind sk-accused_of_breach"' in about
    official = get(client, "/id/actor/mfa-senior-official-north-american-affairs-2024")
    said = official[official.index("said became of claims"):]
    assert f'href="/browse/ledger/claim/{TAIWAN}"' in said  # the member it names


def test_the_ledger_graph_is_drawn_with_events_coloured_by_kind(client: httpx.Client) -> None:
    page = client.get(f"/browse/ledger/bundle/{BIDEN}").text
    assert f'href="/browse/graph?view=ledger&amp;node=bundle/{BIDEN}"' in page
    drawn = client.get("/browse/graph", params={"view": "ledger", "node": f"bundle/{BIDEN}"}).text
    found = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', drawn,
                      re.S)
    assert found, "the graph page embeds its drawing"
    data = json.loads(found.group(1))
    events = [n["data"] for n in data["nodes"] if n["data"]["kind"] == "event"]
    assert events and all(e["shape"] == "star" for e in events)
    breach = [e for e in events if e["type"] == "accused_of_breach"]
    assert {e["colour"] for e in breach} == {netgraph.STATUS_COLOURS["accused_of_breach"]}
    assert "accused of breach (event)" in drawn  # the legend names what the colours mean


def test_a_ledger_page_kept_yesterday_is_not_replayed_today(
    bundled_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without as_of the page stands at today: the response cache keys it by the day too."""
    app = create_app(Settings(store="oxigraph:", token=TOKEN), store=bundled_store)
    with TestClient(app) as test_client:
        monkeypatch.setattr(rest, "today", lambda: dt.date(2024, 4, 21))
        before = get(test_client, f"/browse/ledger/bundle/{BIDEN}")
        assert status(before) == "stated" and get(test_client, f"/browse/ledger/bundle/{BIDEN}")
        monkeypatch.setattr(rest, "today", lambda: dt.date(2024, 4, 22))
        assert status(get(test_client, f"/browse/ledger/bundle/{BIDEN}")) == "accused_of_breach"
