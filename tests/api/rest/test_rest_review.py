"""``/claims/{id}/review`` and the pages' review form with versions: two reviewers on one claim,
over a real uvicorn server and a real Oxigraph store, with named reviewer tokens."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from api import tokens
from api.schemas.common import CLAIM_ID
from api.settings import Settings
from graph.store import GraphStore, open_store
from tests.support.extract_support import load_reference
from tests.support.server import LiveServer, start_server

READOUT = (
    "Wang Yi met Antony Blinken in Beijing on {day}.\n"
    "Wang urged the US side to stop arming Taiwan and lift illegal sanctions.\n"
    "Both sides agreed to maintain high-level exchanges.\n"
)
HTML = {"Accept": "text/html"}


@dataclass
class Reviewers:
    url: str
    store: GraphStore
    alice: str
    bob: str
    editor: str


@pytest.fixture(scope="module")
def reviewers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reviewers]:
    folder = tmp_path_factory.mktemp("review")
    store = open_store(f"oxigraph:{folder / 'store'}")
    load_reference(store)
    path = folder / "tokens.json"
    made = Reviewers("", store, tokens.add(path, "alice", "reviewer"),
                     tokens.add(path, "bob", "reviewer"), tokens.add(path, "erin", "editor"))
    settings = Settings(store="oxigraph:", token=None, tokens_file=str(path), query_timeout=5.0)
    server, thread, made.url = start_server(store, settings)
    yield made
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def auth(token: str, **more: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **more}


def ingest(c: httpx.Client, who: Reviewers, day: str) -> list[str]:
    """A new document (a reviewer may ingest); the ids of its claims."""
    slug = f"review-{day.lower()}"
    posted = c.post("/documents", json={"text": READOUT.format(day=day), "slug": slug},
                    headers=auth(who.alice))
    assert posted.status_code == 201, posted.text
    return [claim["id"] for claim in posted.json()["claims"]]


def test_the_review_resource_has_a_version_that_follows_the_triples(reviewers: Reviewers) -> None:
    with httpx.Client(base_url=reviewers.url, timeout=120) as c:
        claim = ingest(c, reviewers, "Monday")[0]
        got = c.get(f"/claims/{claim}/review")
        assert got.status_code == 200, got.text
        state = got.json()
        assert got.headers["etag"] == f'"{state["version"]}"'
        assert state["status"] == "proposed" and state["claimants"] == ["wang-yi"]
        assert c.get(f"/claims/{claim}/review").headers["etag"] == got.headers["etag"]
        # any write to the claim's triples gives a new version, whoever made it
        iri = f"https://w3id.org/diplograph/id/claim/{claim}"
        update = (
            "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
            f"DELETE {{ GRAPH ?g {{ <{iri}> dg:confidence ?x }} }} "
            f"INSERT {{ GRAPH ?g {{ <{iri}> dg:confidence 0.5 }} }} "
            f"WHERE {{ GRAPH ?g {{ <{iri}> dg:confidence ?x }} }}"
        )
        done = c.post("/update", data={"update": update}, headers=auth(reviewers.editor))
        assert done.status_code == 200, done.text
        after = c.get(f"/claims/{claim}/review")
        assert after.json()["version"] != state["version"]
        stale = c.post(f"/claims/{claim}/review", json={"action": "accept"},
                       headers=auth(reviewers.alice, **{"If-Match": got.headers["etag"]}))
        assert stale.status_code == 409 and stale.json()["current"] == after.json()
        assert c.get("/claims/no-such-claim/review").status_code == 404


def test_curated_claims_have_no_review(live_server: LiveServer) -> None:
    assert httpx.get(f"{live_server.url}/claims/{CLAIM_ID}").status_code == 200
    assert httpx.get(f"{live_server.url}/claims/{CLAIM_ID}/review").status_code == 404


def test_two_reviewers_correct_the_same_claim_and_the_second_gets_409(
    reviewers: Reviewers,
) -> None:
    with httpx.Client(base_url=reviewers.url, timeout=120) as c:
        claim = ingest(c, reviewers, "Tuesday")[0]
        path = f"/claims/{claim}/review"
        seen_by_alice = c.get(path).headers["etag"]
        seen_by_bob = c.get(path).headers["etag"]
        assert seen_by_alice == seen_by_bob

        alice = c.post(path, json={"action": "correct", "type": "commitment"},
                       headers=auth(reviewers.alice, **{"If-Match": seen_by_alice}))
        assert alice.status_code == 200, alice.text
        assert alice.json()["type"] == "commitment" and alice.json()["status"] == "reviewed"
        assert alice.headers["etag"] != seen_by_alice
        after_alice = c.get(path).json()

        bob = c.post(path, json={"action": "correct", "type": "demand",
                                 "addressee": "antony-blinken"},
                     headers=auth(reviewers.bob, **{"If-Match": seen_by_bob}))
        assert bob.status_code == 409, bob.text
        assert bob.json()["current"] == after_alice  # what to decide on again
        assert bob.headers["etag"] == alice.headers["etag"]
        assert c.get(path).json() == after_alice  # Bob's correction changed nothing

        # Bob reads again and decides on the new state: accepted
        again = c.post(path, json={"action": "correct", "addressee": None},
                       headers=auth(reviewers.bob, **{"If-Match": bob.headers["etag"]}))
        assert again.status_code == 200 and again.json()["addressee"] is None
        assert again.json()["type"] == "commitment"


def test_concurrent_verdicts_on_one_version_apply_exactly_one(reviewers: Reviewers) -> None:
    with httpx.Client(base_url=reviewers.url, timeout=120) as c:
        claim = ingest(c, reviewers, "Wednesday")[0]
        path = f"/claims/{claim}/review"
        version = c.get(path).headers["etag"]
    start = threading.Barrier(2)
    answers: dict[str, httpx.Response] = {}

    def review(name: str, token: str, body: dict[str, object]) -> None:
        with httpx.Client(base_url=reviewers.url, timeout=120) as own:
            start.wait()
            answers[name] = own.post(path, json=body, headers=auth(token, **{"If-Match": version}))

    threads = [
        threading.Thread(target=review, args=("alice", reviewers.alice,
                                               {"action": "correct", "type": "red_line"})),
        threading.Thread(target=review, args=("bob", reviewers.bob, {"action": "reject"})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    codes = sorted(a.status_code for a in answers.values())
    shown = {name: (a.status_code, a.text) for name, a in answers.items()}
    assert codes in ([200, 409], [204, 409]), shown
    with httpx.Client(base_url=reviewers.url, timeout=120) as c:
        now = c.get(path)
        if answers["alice"].status_code == 200:  # the correction won: the reject changed nothing
            assert now.json()["type"] == "red_line" and now.json()["status"] == "reviewed"
            assert answers["bob"].json()["current"] == now.json()
        else:  # the reject won: the claim is gone, the correction wrote nothing
            assert now.status_code == 404
            assert answers["alice"].json()["current"] is None


def test_if_match_is_optional_and_only_a_strong_current_tag_matches(reviewers: Reviewers) -> None:
    with httpx.Client(base_url=reviewers.url, timeout=120) as c:
        first, second = ingest(c, reviewers, "Thursday")[:2]
        tag = c.get(f"/claims/{first}/review").headers["etag"]
        weak = c.post(f"/claims/{first}/review", json={"action": "accept"},
                      headers=auth(reviewers.alice, **{"If-Match": f"W/{tag}"}))
        assert weak.status_code == 409
        listed = c.post(f"/claims/{first}/review", json={"action": "accept"},
                        headers=auth(reviewers.alice, **{"If-Match": f'"older", {tag}'}))
        assert listed.status_code == 200 and listed.json()["status"] == "reviewed"
        star = c.post(f"/claims/{second}/review", json={"action": "accept"},
                      headers=auth(reviewers.alice, **{"If-Match": "*"}))
        assert star.status_code == 200
        # no If-Match: applied to whatever the claim is now, as before versions existed
        bare = c.post(f"/claims/{second}/review", json={"action": "correct", "type": "demand"},
                      headers=auth(reviewers.bob))
        assert bare.status_code == 200 and bare.json()["type"] == "demand"
        assert c.post(f"/claims/{second}/review", json={"action": "accept", "type": "demand"},
                      headers=auth(reviewers.bob)).status_code == 422
        assert c.post(f"/claims/{second}/review", json={"action": "accept"}).status_code == 401
        assert c.post(f"/claims/{second}/review", json={"action": "reject"},
                      headers=auth(reviewers.bob)).status_code == 204
        assert c.get(f"/claims/{second}").status_code == 404


def test_the_page_form_carries_the_version_and_a_stale_one_is_409(reviewers: Reviewers) -> None:
    with httpx.Client(base_url=reviewers.url, timeout=120) as c:
        claim = ingest(c, reviewers, "Friday")[0]
        version = c.get(f"/claims/{claim}/review").json()["version"]
        page = c.get(f"/id/claim/{claim}", headers=HTML).text
        assert page.count(f'name="version" value="{version}"') == 2  # both forms
        doc_page = c.get("/id/document/review-friday", headers=HTML).text
        assert f'name="version" value="{version}"' in doc_page

        def form(token: str, **fields: str) -> httpx.Response:
            body = {"token": token, "back": "review-friday", "version": version, **fields}
            return c.post(f"/review/claims/{claim}", data=body, follow_redirects=False)

        first = form(reviewers.alice, action="correct", type="commitment")
        assert first.status_code == 303, first.text
        now = c.get(f"/claims/{claim}/review").json()
        second = form(reviewers.bob, action="correct", type="red_line")  # the same old page
        assert second.status_code == 409 and second.json()["current"] == now
        assert c.get(f"/claims/{claim}/review").json() == now
        assert form(reviewers.bob, action="reject").status_code == 409
        assert c.get(f"/claims/{claim}").status_code == 200
        # a form from before versions (none sent) applies to the claim as it is
        old_form = {"token": reviewers.bob, "action": "accept", "back": "review-friday"}
        assert c.post(f"/review/claims/{claim}", data=old_form,
                      follow_redirects=False).status_code == 303



def test_a_page_of_another_origin_may_send_if_match_and_read_the_etag(
    reviewers: Reviewers,
) -> None:
    with httpx.Client(base_url=reviewers.url, timeout=60) as c:
        origin = {"Origin": "https://notebook.example"}
        preflight = c.options("/claims/any/review", headers={
            **origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, if-match"})
        assert preflight.status_code == 200
        assert "if-match" in preflight.headers["access-control-allow-headers"].lower()
        claim = ingest(c, reviewers, "Saturday")[0]
        got = c.get(f"/claims/{claim}/review", headers=origin)
        assert "etag" in got.headers["access-control-expose-headers"].lower()
        assert c.options(f"/claims/{claim}/review").headers["allow"] == "GET, POST, OPTIONS"
