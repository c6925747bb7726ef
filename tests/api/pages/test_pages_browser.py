"""The web pages in a real browser: Playwright driving Debian's Chromium against a real uvicorn
server. Screenshots of each page are saved under test-artifacts/screenshots/ (CI keeps them).

Without /usr/bin/chromium these tests skip, except under CI=true, where they fail: CI installs
Chromium (.ci/run), so a missing browser there is a broken build, not a reason to skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.pages.netgraph import VENDOR_JS
from api.settings import Settings
from api.sparql import page as sparql_page
from graph.namespaces import DG, PREFIXES
from graph.store import open_store
from tests.support.extract_support import load_reference
from tests.support.paths import PROJECT_ROOT
from tests.support.server import TOKEN, LiveServer, start_server

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TAIWAN_RED_LINE = "2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"
BIDEN_TAIWAN = "undated--joe-biden--commitment--not-support-taiwan-independence"

if not CHROMIUM.exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {CHROMIUM} is missing; .ci/run installs chromium", pytrace=False)
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install -y chromium); browser tests skipped",
        allow_module_level=True,
    )

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, live_server: LiveServer) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    opened = context.new_page()
    yield opened
    context.close()


def shoot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object


def test_search_wang_yi_in_chinese_opens_his_page(page: object) -> None:
    page.goto("/")
    page.get_by_label("Search actors, meetings, claims, topics and documents").fill("王毅")
    page.locator("main form.search button").click()
    page.wait_for_url("**/find?q=*")
    shoot(page, "search")
    page.get_by_role("link", name="Wang Yi", exact=True).click()
    page.wait_for_url("**/id/actor/wang-yi")
    sync_api.expect(page.locator("h1")).to_have_text("Wang Yi")
    sync_api.expect(page.locator('span[lang="zh"]').first).to_have_text("王毅")
    shoot(page, "actor-wang-yi")


def test_april_2024_red_lines_show_taiwan_first(page: object) -> None:
    page.goto("/id/bundle/2024-04-red-lines")
    first = page.locator("ol.bundle > li").first
    sync_api.expect(first).to_contain_text("Taiwan")
    assert page.locator("ol.bundle > li").count() == 4
    shoot(page, "bundle-red-lines")


def test_claim_quote_is_marked_inside_its_paragraph(page: object) -> None:
    page.goto(f"/id/claim/{TAIWAN_RED_LINE}")
    mark = page.locator("blockquote.paragraph mark").first
    # the span carries the red line itself, not the bare noun "Taiwan" (data audit, 2026-12)
    quote = "the United States must not cross China's red lines on Taiwan"
    sync_api.expect(mark).to_have_text(quote)
    paragraph = page.locator("blockquote.paragraph").first.inner_text()
    assert "democracy and human rights" in paragraph and len(paragraph) > len(quote) + 50
    shoot(page, "claim-taiwan-red-line")


def test_anchorage_shows_both_sides(page: object) -> None:
    page.goto("/id/meeting/2021-03-18-anchorage-dialogue")
    sides = page.locator("section.side h3")
    sync_api.expect(sides).to_have_count(2)
    assert "China" in sides.nth(0).inner_text() and "United States" in sides.nth(1).inner_text()
    box0, box1 = (page.locator("section.side").nth(i).bounding_box() for i in (0, 1))
    assert box0 and box1 and box0["x"] < box1["x"]  # side by side on a wide screen
    shoot(page, "meeting-anchorage")


def test_document_highlight_shows_its_claim_on_focus(page: object) -> None:
    page.goto("/id/document/2024-04-24-xinhua-mfa-official-briefing")
    mark = page.locator("article.doctext mark").first
    mark.focus()
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    described = mark.get_attribute("aria-describedby") or ""
    assert page.locator(f"#{described.split()[0]}").count() == 1
    shoot(page, "document")


def test_graph_svg_fallback_without_javascript(browser: object, live_server: LiveServer) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    page = context.new_page()
    page.goto("/browse/graph?view=actors&node=actor/wang-yi")
    circles = page.locator("svg.ego circle")
    assert circles.count() > 3
    box = page.locator("svg.ego").bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100
    assert not page.locator("#graph-canvas").is_visible()
    shoot(page, "graph-no-javascript")
    page.locator('svg.ego a[href="/id/actor/antony-blinken"] circle').click()
    page.wait_for_url("**/id/actor/antony-blinken")
    sync_api.expect(page.locator("h1")).to_have_text("Antony Blinken")
    context.close()


def require_vendor() -> None:
    """The interactive drawing needs ``npm ci`` (make test runs it): skip without it, except
    under CI=true, where a missing library is a broken build."""
    if VENDOR_JS.is_file():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {VENDOR_JS} is missing; make test runs npm ci", pytrace=False)
    pytest.skip(f"{VENDOR_JS} is missing (npm ci installs it)")


def drawn(page: object) -> int:
    """How many nodes Cytoscape drew, once it has."""
    page.wait_for_function("window.diplographGraph && window.diplographGraph.nodes().length > 0")  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    return int(page.evaluate("window.diplographGraph.nodes().length"))  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object


def test_interactive_graph_draws_nodes_and_a_click_opens_the_entity(page: object) -> None:
    require_vendor()
    page.goto("/browse/graph?view=actors&node=actor/wang-yi")
    assert drawn(page) > 3
    canvas = page.locator("#graph-canvas")
    sync_api.expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    assert not page.locator("#graph-fallback").is_visible()  # the SVG stays for no-JS pages
    inked = page.evaluate(
        """() => { const c = document.querySelector('#graph-canvas canvas:last-of-type');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""
    )
    shoot(page, "graph")
    assert inked > 1000, "the canvas is blank"
    page.evaluate("window.diplographGraph.$id('actor/antony-blinken').emit('tap')")
    page.wait_for_url("**/id/actor/antony-blinken")
    sync_api.expect(page.locator("h1")).to_have_text("Antony Blinken")


def test_interactive_claims_view_colours_claims_by_type(page: object) -> None:
    require_vendor()
    page.goto("/browse/graph?view=claims&node=actor/wang-yi&since=2023-01-01&depth=2")
    assert drawn(page) > 3
    kinds = page.evaluate(
        "[...new Set(window.diplographGraph.nodes().map(n => n.data('kind')))].sort()"
    )
    assert {"actor", "claim", "topic"} <= set(kinds)
    colours = page.evaluate(
        """Object.fromEntries(window.diplographGraph.nodes('[kind = "claim"]')
        .map(n => [n.data('type'), n.style('background-color')]))"""
    )
    assert len(colours) >= 2 and len(set(colours.values())) == len(colours)
    shoot(page, "graph-claims")
    claim = page.evaluate("window.diplographGraph.nodes('[kind = \"claim\"]')[0].id()")
    page.evaluate(f"window.diplographGraph.$id({claim!r}).emit('tap')")
    page.wait_for_url(f"**/id/{claim}")


def test_narrow_screen_stacks_the_sides(browser: object, live_server: LiveServer) -> None:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 380, "height": 800})  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    page = context.new_page()
    page.goto("/id/meeting/2021-03-18-anchorage-dialogue")
    box0, box1 = (page.locator("section.side").nth(i).bounding_box() for i in (0, 1))
    assert box0 and box1 and box1["y"] > box0["y"] + box0["height"] - 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page scrolls sideways on a phone ({width}px)"
    shoot(page, "meeting-anchorage-narrow")
    context.close()


# -- the SPARQL page: YASGUI from node_modules -----------------------------------------------
def require_yasgui() -> None:
    """The query editor needs ``npm ci`` as the graph drawing does (see ``require_vendor``)."""
    if sparql_page.interactive():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {sparql_page.VENDOR} missing; make test runs npm ci", pytrace=False)
    pytest.skip("YASGUI is not installed (npm ci installs it)")


class Watched:
    """Every request a page makes and every console error or uncaught exception it shows."""

    def __init__(self, page: object) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
        page.on("console", self._console)  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
        page.on("response", self._response)  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object

    def _response(self, response: object) -> None:
        if response.status >= 400:  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
            self.errors.append(f"HTTP {response.status}: {response.url}")  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object

    def _console(self, message: object) -> None:
        if message.type in ("error", "warning"):  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
            where = message.location.get("url", "")  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
            self.errors.append(f"{message.type}: {message.text} ({where})")  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object

    def check(self, origin: str) -> None:
        """No console error or warning, and every request went to the app itself."""
        assert self.errors == [], (self.errors, self.requests)
        assert self.requests, "no request recorded"
        elsewhere = [u for u in self.requests if not u.startswith(f"{origin}/")]
        assert elsewhere == [], f"requests left the server: {elsewhere}"


def results_table(page: object) -> object:
    """The rows of the results table YASR draws for the current tab."""
    return page.locator(".tabPanel.active .yasr table tbody tr")  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object


def test_sparql_page_runs_a_query_in_yasgui(page: object, live_server: LiveServer) -> None:
    require_yasgui()
    watched = Watched(page)
    page.goto("/sparql")
    page.wait_for_function("window.diplographYasgui && window.diplographYasgui.getTab()")
    tab = "window.diplographYasgui.getTab()"
    sync_api.expect(page.locator(".yasqe .CodeMirror")).to_be_visible()
    assert page.evaluate(f"{tab}.getEndpoint()") == f"{live_server.url}/sparql"
    assert page.evaluate(f"{tab}.getQuery()") == sparql_page.DEFAULT_QUERY
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    rows = results_table(page)
    sync_api.expect(rows.first).to_be_visible(timeout=20_000)
    names = page.locator(".tabPanel.active .yasr table tbody").inner_text()
    assert "Wang Yi" in names and "Antony Blinken" in names
    shoot(page, "sparql-yasgui")
    watched.check(live_server.url)
    link = page.get_by_role("link", name="actor:antony-blinken")
    assert link.get_attribute("href") == "https://w3id.org/diplograph/id/actor/antony-blinken"
    with page.context.expect_page() as opened:  # YASR opens links in a new tab
        link.click()
    entity = opened.value
    entity.wait_for_load_state()
    assert entity.url == f"{live_server.url}/id/actor/antony-blinken"  # its page here
    sync_api.expect(entity.locator("h1")).to_have_text("Antony Blinken")


def test_sparql_page_opens_a_competency_question_in_a_tab(
    page: object, live_server: LiveServer
) -> None:
    require_yasgui()
    watched = Watched(page)
    page.goto("/sparql")
    page.wait_for_function("window.diplographYasgui && window.diplographYasgui.getTab()")
    wanted = next(e for e in sparql_page.examples() if e["name"].startswith("08-"))
    page.get_by_label("Competency questions").select_option(wanted["name"])
    tab = "window.diplographYasgui.getTab()"
    assert page.evaluate(f"{tab}.getName()") == "CQ8"
    assert page.evaluate(f"{tab}.getQuery()") == wanted["query"]
    assert page.locator(".tabsList .tab").count() == 2
    page.locator(".tabsList .tab").first.locator("a").click()
    assert page.evaluate(f"{tab}.getName()") == "Query"
    page.get_by_label("Competency questions").select_option(wanted["name"])  # its tab again
    assert page.evaluate(f"{tab}.getName()") == "CQ8"
    assert page.locator(".tabsList .tab").count() == 2
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    sync_api.expect(results_table(page).first).to_be_visible(timeout=20_000)
    assert results_table(page).count() >= 2
    shoot(page, "sparql-yasgui-cq8")
    watched.check(live_server.url)


def test_sparql_page_completes_the_project_prefixes(page: object, live_server: LiveServer) -> None:
    require_yasgui()
    watched = Watched(page)
    page.goto("/sparql")
    page.wait_for_function("window.diplographYasgui && window.diplographYasgui.getTab()")
    yasqe = "window.diplographYasgui.getTab().getYasqe()"
    page.evaluate(f"{yasqe}.setValue('SELECT * WHERE {{ ?s ?p ?o }}')")
    page.evaluate(f"{yasqe}.focus(); {yasqe}.setCursor({{line: 0, ch: 26}})")
    page.keyboard.type(" . ?s a dg:")  # typing a known prefix adds its PREFIX line
    page.wait_for_function(f"{yasqe}.getValue().startsWith('PREFIX dg:')")
    assert page.evaluate(f"{yasqe}.getPrefixesFromQuery()") == {"dg": str(DG)}
    page.evaluate(f"{yasqe}.setValue('PREFIX act'); {yasqe}.focus(); "
                  f"{yasqe}.setCursor({{line: 0, ch: 10}})")
    page.keyboard.press("Control+Space")
    hints = page.locator(".CodeMirror-hints li")
    sync_api.expect(hints.first).to_be_visible()
    assert hints.all_inner_texts() == [f"actor: <{PREFIXES['actor']}>"]
    watched.check(live_server.url)


def test_sparql_page_without_javascript_is_a_plain_form(
    browser: object, live_server: LiveServer
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    page = context.new_page()
    watched = Watched(page)
    page.goto("/sparql")
    page.get_by_label("Query").fill(
        "SELECT ?label WHERE { <https://w3id.org/diplograph/id/actor/wang-yi> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    )
    page.get_by_label("Answer as").select_option("json")
    shoot(page, "sparql-no-javascript")
    page.get_by_role("button", name="Run query").click()
    page.wait_for_url("**/sparql?query=*")
    assert "Wang Yi" in page.locator("body").inner_text()
    watched.check(live_server.url)
    context.close()


READOUT = (
    "Wang Yi met Antony Blinken in Beijing on Monday.\n"
    "Wang urged the US side to stop arming Taiwan and lift illegal sanctions.\n"
    "Both sides agreed to maintain high-level exchanges.\n"
)
ASK = (
    "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
    'ASK { <https://w3id.org/diplograph/id/claim/%s> dg:reviewStatus "reviewed" }'
)


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a store of its own, holding one ingested readout with extracted claims."""
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('review') / 'store'}")
    load_reference(store)
    settings = Settings(store="oxigraph:", token=TOKEN, query_timeout=5.0)
    server, thread, url = start_server(store, settings)
    body = {"text": READOUT, "title": "Readout", "slug": "browser-review-doc"}
    posted = httpx.post(
        f"{url}/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120
    )
    assert posted.status_code == 201, posted.text
    yield url
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def test_reviewer_accepts_and_rejects_in_the_browser(browser: object, writable: str) -> None:
    context = browser.new_context(base_url=writable)  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    page = context.new_page()
    page.goto("/id/document/browser-review-doc")
    forms = page.locator("form.review")
    assert forms.count() >= 2
    first = forms.nth(0).get_attribute("action").rsplit("/", 1)[-1]
    second = forms.nth(1).get_attribute("action").rsplit("/", 1)[-1]
    shoot(page, "document-review")
    forms.nth(0).get_by_label("Reviewer token").fill(TOKEN)
    forms.nth(0).get_by_role("button", name="Accept").click()
    page.wait_for_url("**/id/document/browser-review-doc")
    form = page.locator(f'form.review[action="/review/claims/{second}"]')
    form.get_by_label("Reviewer token").fill(TOKEN)
    form.get_by_role("button", name="Reject").click()
    page.wait_for_url("**/id/document/browser-review-doc")
    sync_api.expect(page.locator(f'a[href="/id/claim/{second}"]')).to_have_count(0)
    context.close()
    with httpx.Client(base_url=writable, timeout=30) as rest:
        assert rest.get(f"/claims/{second}").status_code == 404
        assert rest.get(f"/claims/{first}").status_code == 200
        answer = rest.get(
            "/sparql",
            params={"query": ASK % first},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert answer.json()["boolean"] is True


def test_reviewer_corrects_a_claim_in_the_browser(browser: object, writable: str) -> None:
    body = {"text": READOUT + "Wang Yi said China will keep talking.\n", "title": "Readout",
            "slug": "browser-correct-doc"}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=writable, timeout=120) as rest:
        posted = rest.post("/documents", json=body, headers=headers)
        assert posted.status_code == 201, posted.text
        claim = posted.json()["claims"][0]["id"]
        before = rest.get(f"/claims/{claim}").json()
    wanted = "red_line" if before["type"] != "red_line" else "demand"
    context = browser.new_context(base_url=writable, viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    page = context.new_page()
    page.goto("/id/document/browser-correct-doc")
    item = page.locator(f"li#c-{claim}")
    sync_api.expect(item.locator(".status")).to_have_text("proposed")
    item.locator("details.correct summary").click()
    form = item.locator("form.correct")
    form.get_by_label("Claimant").fill("nobody-at-all")
    form.get_by_label("Reviewer token").fill(TOKEN)
    form.get_by_role("button", name="Save correction").click()
    sync_api.expect(page.locator("body")).to_contain_text("claimant: no actor has the id")
    with httpx.Client(base_url=writable, timeout=30) as rest:
        assert rest.get(f"/claims/{claim}").json() == before  # the bad slug changed nothing
    page.goto("/id/document/browser-correct-doc")
    item.locator("details.correct summary").click()
    form.get_by_label("Type").select_option(wanted)
    form.get_by_label("Reviewer token").fill(TOKEN)
    shoot(page, "document-correct")
    form.get_by_role("button", name="Save correction").click()
    page.wait_for_url("**/id/document/browser-correct-doc")
    sync_api.expect(item.locator(".status")).to_have_text("reviewed")
    sync_api.expect(item.locator(".badge")).to_have_text(wanted.replace("_", " "))
    context.close()
    with httpx.Client(base_url=writable, timeout=30) as rest:
        after = rest.get(f"/claims/{claim}").json()
    assert after["type"] == wanted and after["claimants"] == before["claimants"]


def test_two_reviewers_on_one_claim_the_stale_form_is_refused(
    browser: object, writable: str
) -> None:
    """Two reviewers open the same claim page; the first corrects it, the second's verdict
    from the page as it was is refused with a page saying so, and changes nothing."""
    text = READOUT.replace("Monday", "Friday")  # a document of its own: any test order
    with httpx.Client(base_url=writable, timeout=120) as rest:
        posted = rest.post("/documents", json={"text": text, "slug": "browser-conflict-doc"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.status_code == 201, posted.text
        claim = posted.json()["claims"][0]["id"]
        before = rest.get(f"/claims/{claim}/review").json()
    wanted = "commitment" if before["type"] != "commitment" else "demand"
    first = browser.new_context(base_url=writable)  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    second = browser.new_context(base_url=writable)  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    alice, bob = first.new_page(), second.new_page()
    for page in (alice, bob):
        page.goto(f"/id/claim/{claim}")
    alice.locator("details.correct summary").click()
    correct = alice.locator("form.correct")
    correct.get_by_label("Type").select_option(wanted)
    correct.get_by_label("Reviewer token").fill(TOKEN)
    correct.get_by_role("button", name="Save correction").click()
    alice.wait_for_url(f"**/id/claim/{claim}")
    form = bob.locator("form.review")
    form.get_by_label("Reviewer token").fill(TOKEN)
    with bob.expect_response(f"**/review/claims/{claim}") as answer:
        form.get_by_role("button", name="Reject").click()
    assert answer.value.status == 409
    sync_api.expect(bob.locator("h1")).to_have_text("The claim changed since you opened the page")
    sync_api.expect(bob.locator("dl.facts")).to_contain_text("reviewed")
    shoot(bob, "review-conflict")
    first.close()
    second.close()
    with httpx.Client(base_url=writable, timeout=30) as rest:
        now = rest.get(f"/claims/{claim}/review").json()
        assert now["type"] == wanted and now["status"] == "reviewed"  # Bob's reject: not done


def test_claim_and_document_pages_show_their_history(browser: object, writable: str) -> None:
    """An ingest, a review made in the page and its revert, in the pages' History."""
    body = {"text": READOUT.replace("Monday", "Thursday"), "title": "Readout",
            "slug": "browser-history-doc"}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=writable, timeout=120) as rest:
        posted = rest.post("/documents", json=body, headers=headers)
        assert posted.status_code == 201, posted.text
        claim = posted.json()["claims"][0]["id"]
    context = browser.new_context(base_url=writable, viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]  # playwright is optional: its objects are typed object
    page = context.new_page()
    page.goto(f"/id/claim/{claim}")
    history = page.locator("section.history li")
    sync_api.expect(history).to_have_count(1)
    sync_api.expect(history.first).to_contain_text("ingest by DIPLOGRAPH_TOKEN")
    form = page.locator("form.review").first
    form.get_by_label("Reviewer token").fill(TOKEN)
    form.get_by_role("button", name="Accept").click()
    page.wait_for_url(f"**/id/claim/{claim}")
    sync_api.expect(history).to_have_count(2)
    sync_api.expect(history.first).to_contain_text("review by DIPLOGRAPH_TOKEN")
    sync_api.expect(history.first).to_contain_text("+1 −1 triples")
    review = history.first.get_attribute("id").removeprefix("activity-")
    with httpx.Client(base_url=writable, timeout=60) as rest:
        reverted = rest.post(f"/audit/{review}/revert", headers=headers)
        assert reverted.status_code == 200, reverted.text
    page.reload()
    sync_api.expect(history).to_have_count(3)
    sync_api.expect(history.first).to_contain_text("revert by DIPLOGRAPH_TOKEN")
    sync_api.expect(history.nth(1)).to_contain_text(f"reverted by {reverted.json()['id']}")
    shoot(page, "claim-history")
    page.goto("/id/document/browser-history-doc")
    kinds = page.locator("section.history li .kind")
    sync_api.expect(kinds).to_have_text(["revert", "review", "ingest"])
    context.close()


def test_ledger_pages_tell_what_became_of_bidens_commitments(page: object) -> None:
    page.goto(f"/id/claim/{BIDEN_TAIWAN}")
    page.get_by_role("link", name="Ledger: what became of this claim").click()
    page.wait_for_url(f"**/browse/ledger/claim/{BIDEN_TAIWAN}")
    quotes = page.locator("ol.ledger li.event blockquote")
    sync_api.expect(quotes.first).to_contain_text("honor President Biden's")
    page.goto("/browse/ledger/bundle/biden-four-noes-one-no-intention?as_of=2024-04-26")
    sync_api.expect(page.locator("p.current .status-kind")).to_have_text("accused of breach")
    rows = page.locator("table.members tbody tr")
    sync_api.expect(rows).to_have_count(5)
    sync_api.expect(rows.nth(3)).to_contain_text("Taiwan independence")
    shoot(page, "ledger-bundle-biden")
    page.locator('input[name="as_of"]').fill("2024-04-21")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**as_of=2024-04-21")
    sync_api.expect(page.locator("p.current .status-kind")).to_have_text("stated (no event yet)")
    rows.nth(3).get_by_role("link").click()
    page.wait_for_url(f"**/browse/ledger/claim/{BIDEN_TAIWAN}?as_of=2024-04-21")
    sync_api.expect(page.locator("h1")).to_contain_text("Taiwan independence")


def test_interactive_ledger_view_draws_events_as_coloured_stars(page: object) -> None:
    require_vendor()
    page.goto("/browse/ledger/bundle/biden-four-noes-one-no-intention")
    page.get_by_role("link", name="In the ledger graph").click()
    page.wait_for_url("**/browse/graph**")  # a glob: "?" would match one character
    assert drawn(page) > 3
    events = page.evaluate(
        """window.diplographGraph.nodes('[kind = "event"]')
        .map(n => [n.data('type'), n.style('shape'), n.style('background-color')])"""
    )
    assert events and {shape for _, shape, _ in events} == {"star"}
    colours = {kind: colour for kind, _, colour in events}
    assert "accused_of_breach" in colours
    shoot(page, "graph-ledger")
