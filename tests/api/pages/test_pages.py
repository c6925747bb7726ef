"""The web pages, over HTTP on a real uvicorn server: each page's content, the links between
them, and a hostile document (``<script>``, very long lines, right-to-left text) shown as text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import httpx
import networkx as nx
import pytest

from api.pages import netgraph, svg
from api.pages.render import page as render_page
from api.settings import Settings
from graph.store import GraphStore, open_store
from tests.support.extract_support import load_reference
from tests.support.server import TOKEN, LiveServer, start_server

RED_LINES = "/id/bundle/2024-04-red-lines"
TAIWAN_RED_LINE = "2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"
ANCHORAGE = "/id/meeting/2021-03-18-anchorage-dialogue"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, headers=HTML, timeout=30) as c:
        yield c


def get(client: httpx.Client, path: str, **params: str) -> str:
    response = client.get(path, params=params)
    assert response.status_code == 200, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


class Links(HTMLParser):
    """The hrefs of a page, and whether its markup parses with every tag closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k == "href" and v]


def links(page: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    return parser.hrefs


@pytest.mark.parametrize("query", ["王毅", "왕이", "wang yi"])
def test_search_in_any_language_finds_wang_yi(client: httpx.Client, query: str) -> None:
    page = get(client, "/find", q=query)
    assert "/id/actor/wang-yi" in links(page)


def test_home_has_search_counts_latest_claims_and_the_sparql_link(client: httpx.Client) -> None:
    page = get(client, "/")
    assert 'action="/find"' in page and 'for="q"' in page
    counts = dict(re.findall(r'type=(\w+)">[^<]+</a> <strong>(\d+)</strong>', page))
    assert set(counts) == {"demand", "red_line", "commitment", "consensus"}
    assert all(int(n) > 0 for n in counts.values())
    assert sum(1 for h in links(page) if h.startswith("/id/claim/")) >= 5
    assert "/sparql" in links(page)


def test_wang_yi_page_shows_aliases_posts_claims_and_meetings(client: httpx.Client) -> None:
    page = get(client, get_first_actor_link(client, "王毅"))
    assert "<h1>Wang Yi</h1>" in page
    assert '<span lang="zh">王毅</span>' in page and '<span lang="ko">왕이</span>' in page
    assert "Minister of Foreign Affairs" in page and 'class="bar"' in page
    assert "/id/meeting/2021-03-18-anchorage-dialogue" in links(page)
    assert "Claims made" in page and any(h.startswith("/id/claim/") for h in links(page))
    assert "/sparql" in links(page)
    ego = page.split('<svg class="ego"', 1)[1].split("</svg>", 1)[0]  # who he met, drawn
    assert '<a href="/id/actor/antony-blinken"' in ego and "<circle" in ego


def get_first_actor_link(client: httpx.Client, query: str) -> str:
    return next(h for h in links(get(client, "/find", q=query)) if h.startswith("/id/actor/"))


def test_april_2024_red_lines_show_taiwan_first(client: httpx.Client) -> None:
    page = get(client, RED_LINES)
    listed = page.split('<ol class="bundle">', 1)[1].split("</ol>", 1)[0]
    members = re.findall(r'<a href="/id/claim/([^"]+)">([^<]+)</a>', listed)
    assert members[0][0] == TAIWAN_RED_LINE and members[0][1].startswith("Taiwan")
    assert len(members) == 4


def test_claim_page_shows_the_quote_marked_inside_its_paragraph(client: httpx.Client) -> None:
    page = get(client, f"/id/claim/{TAIWAN_RED_LINE}")
    quote = re.search(r'<blockquote class="paragraph"[^>]*>(.*?)</blockquote>', page, re.S)
    assert quote, "no paragraph shown"
    inside = quote.group(1)
    # the span carries the red line itself, not the bare noun "Taiwan" (data audit, 2026-12)
    assert (
        '<mark class="t-red_line">the United States must not cross China&#39;s red lines on'
        " Taiwan</mark>" in inside
    )
    before, after = inside.split("<mark", 1)[0], inside.split("</mark>", 1)[1]
    assert "In particular" in before and "democracy" in after
    assert "13" in page and "THREATEN" in page  # CAMEO / PLOVER
    assert "number 1 of 4" in page and "/id/bundle/2024-04-red-lines" in links(page)
    assert "Reiteration chain" in page


def test_claim_page_tells_how_each_report_gives_the_claim(client: httpx.Client) -> None:
    page = get(client, "/id/claim/2021-02-11--china-united-states--consensus--manage-differences")
    assert "Affirmed by" in page and "documents only" in page  # one-sided consensus
    assert "· translation</span>" in page and "reports the other side&#39;s position" in page
    assert "· summary</span>" in page and "affirms it" in page
    undated = get(client, "/id/claim/undated--joe-biden--commitment--no-new-cold-war")
    assert "on or before 2024-04-22" in undated and "Negated" in undated
    honour = get(client, "/id/claim/2024-04-22--mfa-senior-official-north-american-affairs-2024"
                         "--demand--honor-biden-commitments")
    assert "/id/bundle/biden-four-noes-one-no-intention" in links(honour)
    lift = get(client, "/id/claim/2023-06-19--wang-yi--demand--lift-unilateral-sanctions")
    assert "Objects to" in lift and "Entity List" in lift


def test_anchorage_page_shows_both_sides_side_by_side(client: httpx.Client) -> None:
    page = get(client, ANCHORAGE)
    sides = re.findall(r'<section class="side" aria-labelledby="side-([\w-]+)">', page)
    assert sides == ["china", "united-states"]
    assert "only one side" in page and 'class="one-side"' in page
    assert "agreement stated by China's documents only" in page
    assert "Antony Blinken" in page and "Secretary of State" in page  # title held that day
    assert "Anchorage" in page


def test_document_page_highlights_every_claim_span(client: httpx.Client) -> None:
    page = get(client, "/id/document/2024-04-24-xinhua-mfa-official-briefing")
    marks = re.findall(
        r'<mark class="t-(\w+)" tabindex="0" title="[^"]+" aria-describedby="([^"]+)">', page
    )
    assert marks and {t for t, _ in marks} <= {"demand", "red_line", "commitment", "consensus"}
    described = {ref for _, refs in marks for ref in refs.split()}
    listed = set(re.findall(r'<li id="(c-[^"]+)">', page))
    assert f"c-{TAIWAN_RED_LINE}" in described and described <= listed
    assert len(described) >= len(listed) - 2  # (nearly) every claim it reports is highlighted


def test_topic_timeline_and_filters(client: httpx.Client) -> None:
    topic = get(client, "/id/topic/taiwan")
    assert "<h1>Taiwan</h1>" in topic and any(h.startswith("/id/claim/") for h in links(topic))
    page = get(client, "/browse/timeline", actor="wang-yi", type="demand")
    dates = re.findall(r'<time datetime="([\d-]+)">', page)
    assert dates and dates == sorted(dates)
    assert 't-demand' in page and "t-commitment" not in page.split('<ol class="timeline">')[1]
    assert client.get("/browse/timeline", params={"type": "nonsense"}).status_code == 422


def test_graph_page_draws_an_svg_ego_network_with_links_and_gexf(client: httpx.Client) -> None:
    page = get(client, "/browse/graph", view="actors", node="actor/wang-yi", since="2021-01-01")
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<circle") > 3 and svg.count("<line") > 3
    assert '<a href="/id/actor/wang-yi"' in svg
    gexf = next(h for h in links(page) if h.startswith("/export/actors.gexf"))
    assert "since=2021-01-01" in gexf
    assert client.get(gexf).status_code == 200
    missing = client.get("/browse/graph", params={"node": "actor/nobody-here"})
    assert missing.status_code == 404 and "nobody-here" in missing.text


def test_other_kinds_keep_the_generic_linked_data_page(client: httpx.Client) -> None:
    page = get(client, "/id/place/anchorage")
    assert "Anchorage" in page
    assert client.get("/id/actor/no-such-actor").status_code == 404


def test_every_page_links_the_sparql_page(client: httpx.Client) -> None:
    for path in ("/", "/find", RED_LINES, ANCHORAGE, "/browse/timeline", "/browse/graph"):
        assert "/sparql" in links(get(client, path)), path


# ------------------------------------------------------------------ a hostile document
HOSTILE = (
    "<script>alert('pwned')</script> Wang Yi met Antony Blinken in Beijing on Monday.\n"
    + "Wang urged the US side to stop arming Taiwan. "
    + "x" * 5000
    + "\nשלום עולם مرحبا بالعالم \u202eevil\u202c & <b>bold</b> \"quoted\"\n"
)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Its own writable store: the session's bundled store is never written to."""
    store: GraphStore = open_store(f"oxigraph:{tmp_path_factory.mktemp('pages') / 'store'}")
    load_reference(store)
    settings = Settings(store="oxigraph:", token=TOKEN, query_timeout=5.0)
    server, thread, url = start_server(store, settings)
    yield url
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


READOUT = (
    "Wang Yi met Antony Blinken in Beijing on Monday.\n"
    "Wang urged the US side to stop arming Taiwan and lift illegal sanctions.\n"
    "Both sides agreed to maintain high-level exchanges.\n"
)
ASK_REVIEWED = (
    "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
    'ASK { <https://w3id.org/diplograph/id/claim/%s> dg:reviewStatus "reviewed" }'
)


def test_reviewer_accepts_and_rejects_extracted_claims(hostile_server: str) -> None:
    with httpx.Client(base_url=hostile_server, timeout=120) as c:
        body = {"text": READOUT, "title": "Readout", "slug": "review-doc", "date": "2024-04-26"}
        posted = c.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.status_code == 201, posted.text
        first, second = (claim["id"] for claim in posted.json()["claims"][:2])
        page = c.get("/id/document/review-doc", headers=HTML).text
        assert f'action="/review/claims/{first}"' in page and 'type="password"' in page

        def verdict(claim: str, action: str, token: str = TOKEN) -> httpx.Response:
            form = {"action": action, "token": token, "back": "review-doc"}
            return c.post(f"/review/claims/{claim}", data=form, follow_redirects=False)

        assert verdict(first, "accept", token="wrong").status_code == 401
        assert verdict(first, "delete").status_code == 422
        assert verdict("no-such-claim", "accept").status_code == 404
        before = c.get("/sparql", params={"query": ASK_REVIEWED % first},
                       headers={"Accept": "application/sparql-results+json"}).json()
        assert before["boolean"] is False
        accepted = verdict(first, "accept")
        assert accepted.status_code == 303
        assert accepted.headers["location"] == "/id/document/review-doc"
        after = c.get("/sparql", params={"query": ASK_REVIEWED % first},
                      headers={"Accept": "application/sparql-results+json"}).json()
        assert after["boolean"] is True
        assert c.get(f"/claims/{second}").status_code == 200
        assert verdict(second, "reject").status_code == 303
        assert c.get(f"/claims/{second}").status_code == 404
        assert c.get(f"/claims/{first}").status_code == 200
        assert verdict(second, "accept").status_code == 404  # gone: nothing left to review
        assert f"/id/claim/{second}" not in c.get("/id/document/review-doc", headers=HTML).text


def test_hostile_document_renders_as_text(hostile_server: str) -> None:
    with httpx.Client(base_url=hostile_server, timeout=120) as c:
        body = {"text": HOSTILE, "title": "<script>alert(1)</script>", "slug": "hostile-doc"}
        posted = c.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.status_code == 201, posted.text
        page = c.get("/id/document/hostile-doc", headers=HTML)
    assert page.status_code == 200
    text = page.text
    assert "<script>" not in text and "<b>bold</b>" not in text
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in text
    assert "&lt;b&gt;bold&lt;/b&gt;" in text and "x" * 5000 in text
    assert "שלום עולם مرحبا بالعالم" in text and '<p dir="auto">' in text


def test_blank_form_fields_mean_any_and_bad_ones_are_422(client: httpx.Client) -> None:
    blank = {"actor": "", "topic": "", "type": "", "since": "", "until": ""}
    assert client.get("/browse/timeline", params=blank).status_code == 200
    graph = {"view": "actors", "node": "actor/wang-yi", "since": "", "until": "", "topic": ""}
    assert client.get("/browse/graph", params=graph).status_code == 200
    bad_date = client.get("/browse/graph", params={"since": "2021-13-45"})
    assert bad_date.status_code == 422 and "since" in bad_date.text
    bad_actor = client.get("/browse/timeline", params={"actor": "} UNION {"})
    assert bad_actor.status_code == 422 and "actor" in bad_actor.text
    assert client.get("/browse/graph", params={"view": "full"}).status_code == 422


def test_nested_spans_each_get_a_mark() -> None:
    from api.pages.highlight import paragraphs

    text = "first line\nred lines on Taiwan, democracy\nlast"
    outer, inner = text.index("red"), text.index("Taiwan")
    lines = paragraphs(text, [(outer, text.index("\nlast"), "outer"), (inner, inner + 6, "in")])
    assert [p.text for p in lines[0]] == ["first line"]
    assert [(p.text, p.span) for p in lines[1]] == [
        ("red lines on ", "outer"),
        ("Taiwan", "in"),
        (", democracy", "outer"),
    ]
    assert lines[1][1].also == ("in", "outer") and lines[2][0].span is None
    assert "".join(p.text for line in lines for p in line) == text.replace("\n", "")


def test_reviewer_corrects_type_claimant_and_addressee(hostile_server: str) -> None:
    with httpx.Client(base_url=hostile_server, timeout=120) as c:
        text = READOUT + "The two sides will stay in touch.\n"  # not the same text: no 409
        body = {"text": text, "title": "Readout", "slug": "correct-doc", "date": "2024-04-26"}
        posted = c.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.status_code == 201, posted.text
        claim = posted.json()["claims"][0]["id"]
        before = c.get(f"/claims/{claim}").json()
        page = c.get("/id/document/correct-doc", headers=HTML).text
        item = page.split(f'<li id="c-{claim}">', 1)[1].split("</li>", 1)[0]
        assert 'class="status s-proposed">proposed<' in item and "confidence 0." in item
        assert 'name="action" value="correct"' in item and 'list="actor-ids"' in item
        assert '<datalist id="actor-ids">' in page and '<option value="wang-yi">' in page
        wanted = "commitment" if before["type"] != "commitment" else "demand"

        def correct(**fields: str) -> httpx.Response:
            form = {"action": "correct", "token": TOKEN, "back": "correct-doc", **fields}
            return c.post(f"/review/claims/{claim}", data=form, follow_redirects=False)

        refusals = [
            (correct(type=wanted, claimant="nobody-at-all"), "claimant: no actor has the id"),
            (correct(addressee="} UNION {"), "addressee: '}' is not an id"),
            (correct(type="threat"), "type: 'threat' is not one of demand"),
            (correct(claimant=""), "claimant: a claim needs at least one claimant"),
            (correct(type="consensus", claimant="wang-yi"), "consensus is claimed by both sides"),
            (correct(type=wanted, token="wrong"), "token"),
        ]
        for response, message in refusals:
            assert 400 <= response.status_code < 500 and message in response.json()["detail"]
        assert c.get(f"/claims/{claim}").json() == before  # nothing changed
        done = correct(type=wanted, claimant="wang-yi", addressee="antony-blinken")
        assert done.status_code == 303 and done.headers["location"] == "/id/document/correct-doc"
        after = c.get(f"/claims/{claim}").json()
        assert after["type"] == wanted
        assert after["cameo"] == ("03" if wanted == "commitment" else "10")
        assert [a["id"] for a in after["claimants"]] == ["wang-yi"]
        assert after["addressee"]["id"] == "antony-blinken"
        lead = "Wang Yi commits: " if wanted == "commitment" else "Wang Yi demands: "
        assert after["text"] == lead + before["text"].split(": ", 1)[1]  # said again, same gist
        reviewed = c.get("/sparql", params={"query": ASK_REVIEWED % claim},
                         headers={"Accept": "application/sparql-results+json"}).json()
        assert reviewed["boolean"] is True
        page = c.get("/id/document/correct-doc", headers=HTML).text
        assert 'class="status s-reviewed">reviewed<' in page.split(f'<li id="c-{claim}">', 1)[1]
        claim_page = c.get(f"/id/claim/{claim}", headers=HTML).text
        assert "reviewed" in claim_page and 'class="correct"' in claim_page
        unaddressed = correct(addressee="")
        assert unaddressed.status_code == 303
        assert unaddressed.headers["location"] == "/id/document/correct-doc"
        assert c.get(f"/claims/{claim}").json()["addressee"] is None
        from_claim_page = correct(back="", type="", addressee="antony-blinken")
        assert from_claim_page.headers["location"] == f"/id/claim/{claim}"
        assert c.get(f"/claims/{claim}").json()["type"] == wanted  # a blank type: unchanged


# ------------------------------------------------------------------ the interactive graph
def graph_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert found, "no embedded graph data"
    return json.loads(found.group(1))


def test_graph_page_embeds_the_claims_view_for_cytoscape(client: httpx.Client) -> None:
    page = get(client, "/browse/graph", view="claims", node="actor/wang-yi", depth="2")
    data = graph_data(page)
    nodes = {n["data"]["id"]: n["data"] for n in data["nodes"]}
    assert nodes["actor/wang-yi"]["center"] is True and len(nodes) > 10 and data["edges"]
    claims = [n for n in nodes.values() if n["kind"] == "claim"]
    assert claims and all(n["href"] == f"/id/{n['id']}" for n in claims)
    by_type = {n["type"]: n["colour"] for n in claims}
    assert len(by_type) >= 3 and len(set(by_type.values())) == len(by_type)
    assert {e["data"]["source"] for e in data["edges"]} <= set(nodes)
    assert 'class="capped"' not in page and "<svg" in page  # the no-JS drawing stays
    assert client.get("/static/pages/graph.js").status_code == 200
    assert client.get("/static/pages/app.py").status_code == 404
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', page)
    vendor = client.get("/static/vendor/cytoscape.min.js")
    if netgraph.vendor_installed():  # npm ci ran (make test does it)
        assert scripts == ["/static/vendor/cytoscape.min.js", "/static/pages/graph.js"]
        assert vendor.status_code == 200 and "cytoscape" in vendor.text[:2000]
    else:  # the page says so and keeps the server-drawn SVG
        assert scripts == [] and "npm ci" in page and "not installed" in page
        assert vendor.status_code == 404 and "npm ci" in vendor.text


def test_graph_page_caps_the_drawing_and_says_so(client: httpx.Client) -> None:
    page = get(client, "/browse/graph", view="claims", node="actor/wang-yi", scope="view")
    assert len(graph_data(page)["nodes"]) <= netgraph.MAX_NODES
    star = nx.MultiDiGraph()
    star.add_node("actor/hub", kind="actor", label="Hub")
    for i in range(netgraph.MAX_NODES + 50):
        star.add_node(f"claim/c{i}", kind="claim", label=f"c{i}", claim_type="demand")
        star.add_edge("actor/hub", f"claim/c{i}", key="claimant")
    drawn = netgraph.drawing(star, "actor/hub", "view", 1)
    assert drawn.capped and drawn.total == netgraph.MAX_NODES + 51
    assert len(drawn.elements["nodes"]) == netgraph.MAX_NODES
    assert any(n["data"]["id"] == "actor/hub" for n in drawn.elements["nodes"])
    assert not netgraph.drawing(star, "claim/c1", "node", 1).capped


def test_graph_data_cannot_end_its_script_element() -> None:
    hostile = nx.MultiDiGraph()
    label = "</script><script>alert(1)</script> & 'x'"
    hostile.add_node("actor/a", kind="actor", label=label)
    hostile.add_node("actor/b", kind="actor", label="B")
    hostile.add_edge("actor/a", "actor/b", key="met")
    nodes, edges = svg.ego(hostile, "actor/a")
    html = render_page(
        "graph.html", view="actors", node="actor/a", scope="node", depth=1, nodes=nodes,
        edges=edges, size=svg.SIZE, filters={}, colours=svg.COLOURS, legend=netgraph.legend(),
        drawing=netgraph.drawing(hostile, "actor/a", "node", 1), max_nodes=netgraph.MAX_NODES,
        interactive=True,
    ).body.decode()
    assert "<script>alert" not in html and html.count("</script>") == 3
    assert graph_data(html)["nodes"][0]["data"]["label"] == label
