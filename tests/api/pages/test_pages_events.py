"""Proposed status events on the document page, over HTTP on a real uvicorn server: a readout
posted to /documents shows the events the extractor linked to stored claims and bundles, and a
reviewer accepts or rejects each through the same validated write path as claims."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from api.settings import Settings
from graph.paths import DATA_DIR
from graph.store import GraphStore, open_store
from graph.write.files import bundled_files, plan
from tests.support.server import TOKEN, start_server

HTML = {"Accept": "text/html"}
READOUT = DATA_DIR / "devset" / "ledger" / "en" / "cn-mfa-wang-blinken-munich-2024-02"
ASK = (
    "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
    "ASK { <https://w3id.org/diplograph/id/event/%s> dg:reviewStatus %s }"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Its own writable store with the curated graph: events need stored claims to be about."""
    store: GraphStore = open_store(f"oxigraph:{tmp_path_factory.mktemp('events') / 'store'}")
    store.replace_graphs(plan(bundled_files()))
    server, thread, url = start_server(store, Settings(store="oxigraph:", token=TOKEN))
    yield url
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def _ask(c: httpx.Client, event: str, status: str) -> bool:
    found = c.get("/sparql", params={"query": ASK % (event, f'"{status}"')},
                  headers={"Accept": "application/sparql-results+json"})
    return bool(found.json()["boolean"])


def test_reviewer_accepts_and_rejects_proposed_events(server: str) -> None:
    spec = json.loads(READOUT.with_suffix(".json").read_text(encoding="utf-8"))
    body = {"text": READOUT.with_suffix(".txt").read_text(encoding="utf-8"),
            "title": spec["title"], "date": spec["date"], "publisher": spec["publisher"],
            "slug": "events-doc"}
    with httpx.Client(base_url=server, timeout=180) as c:
        posted = c.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.status_code == 201, posted.text
        page = c.get("/id/document/events-doc", headers=HTML).text
        assert "Status events it states" in page
        ids = sorted({part.split('"', 1)[0] for part in page.split('action="/review/events/')[1:]})
        assert len(ids) >= 4
        breach = next(i for i in ids if "--accused-of-breach--" in i)
        assert 'href="/id/claim/undated--joe-biden--commitment--not-curtail-china-development"' \
            in page
        assert _ask(c, breach, "proposed")

        def verdict(event: str, action: str, token: str = TOKEN) -> httpx.Response:
            form = {"action": action, "token": token, "back": "events-doc"}
            return c.post(f"/review/events/{event}", data=form, follow_redirects=False)

        assert verdict(breach, "accept", token="wrong").status_code == 401
        assert verdict(breach, "correct").status_code == 422
        assert verdict("no-such-event", "accept").status_code == 404
        accepted = verdict(breach, "accept")
        assert accepted.status_code == 303
        assert accepted.headers["location"] == "/id/document/events-doc"
        assert _ask(c, breach, "reviewed")
        other = next(i for i in ids if i != breach)
        assert verdict(other, "reject").status_code == 303
        assert not _ask(c, other, "proposed") and not _ask(c, other, "reviewed")
        assert verdict(other, "accept").status_code == 404  # gone
        after = c.get("/id/document/events-doc", headers=HTML).text
        assert f'action="/review/events/{other}"' not in after
        assert f'id="e-{breach}"' in after
        # curated events are listed without forms (the corpus briefing of April 2024)
        curated = c.get("/id/document/2024-04-24-xinhua-mfa-official-briefing", headers=HTML)
        assert "Status events it states" in curated.text
        assert 'action="/review/events/' not in curated.text
