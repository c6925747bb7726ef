"""The /sparql endpoint against the W3C SPARQL 1.1 Protocol test cases, over a real server.

Named after the cases of the W3C suite (``query_get``, ``query_post_form``,
``query_dataset_default_graphs_get``, ``bad_query_wrong_media_type``...): the protocol's
behaviour, then the endpoint's own promises (formats by Accept and ``format=``, the page, the
service description, CORS).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from api.pages import vendor
from api.sparql import page as sparql_page
from api.sparql.formats import FORMATS
from api.sparql.service_description import SD
from graph.namespaces import AUDIT_GRAPH, HIDDEN_GRAPHS, PREFIXES, graph_iri
from graph.paths import COMPETENCY_DIR

ACTORS = graph_iri("curated", "actors")
TOPICS = graph_iri("curated", "topics")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
WANG_YI = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?label WHERE { <https://w3id.org/diplograph/id/actor/wang-yi> rdfs:label ?label }"
    " ORDER BY ?label"
)
JSON = "application/sparql-results+json"


def embedded(page: str, name: str) -> object:
    """The JSON a page carries in ``<script id="{name}" type="application/json">``."""
    return json.loads(page.split(f'<script id="{name}" type="application/json">')[1]
                      .split("</script>")[0])


@pytest.fixture(scope="module")
def client(live_server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        yield http


def _count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _graphs(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, response.text
    return {b["g"]["value"] for b in response.json()["results"]["bindings"]}


def _triples(store, *names: str) -> int:
    found: set = set()
    for name in names:
        found |= set(store.graph(name))
    return len(found)


def _labels(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [b["label"]["value"] for b in response.json()["results"]["bindings"]]


# -- the three ways to send a query ---------------------------------------------------------
def test_query_get(client: httpx.Client, live_server) -> None:
    response = client.get("/sparql", params={"query": WANG_YI}, headers={"Accept": JSON})
    assert response.headers["content-type"] == JSON
    expected = [str(r["label"]) for r in live_server.store.select(WANG_YI)]
    assert _labels(response) == expected
    assert "Wang Yi" in expected


def test_query_post_form(client: httpx.Client) -> None:
    by_get = client.get("/sparql", params={"query": WANG_YI})
    by_form = client.post("/sparql", data={"query": WANG_YI})
    assert _labels(by_form) == _labels(by_get)


def test_query_post_direct(client: httpx.Client) -> None:
    by_get = client.get("/sparql", params={"query": WANG_YI})
    direct = client.post("/sparql", content=WANG_YI.encode(),
                         headers={"Content-Type": "application/sparql-query; charset=UTF-8"})
    assert _labels(direct) == _labels(by_get)


# -- the dataset ----------------------------------------------------------------------------
def test_default_graph_is_the_union_of_named_graphs(client: httpx.Client, live_server) -> None:
    """Of every named graph but the audit trail, which needs a token (``GET /audit``): the
    embedded store keeps it in a store of its own."""
    store = live_server.store
    assert store.quad_count(AUDIT_GRAPH) > 0 and AUDIT_GRAPH not in store.graph_names()
    shown = [name for name in store.graph_names() if name not in HIDDEN_GRAPHS]
    assert _count(client.get("/sparql", params={"query": COUNT})) == _triples(store, *shown)


def test_query_dataset_default_graph(client: httpx.Client, live_server) -> None:
    answer = client.get("/sparql", params={"query": COUNT, "default-graph-uri": ACTORS})
    assert _count(answer) == _triples(live_server.store, ACTORS) > 0


def test_query_dataset_default_graphs_get(client: httpx.Client, live_server) -> None:
    params = [("query", COUNT), ("default-graph-uri", ACTORS), ("default-graph-uri", TOPICS)]
    expected = _triples(live_server.store, ACTORS, TOPICS)
    assert expected > _triples(live_server.store, ACTORS)
    assert _count(client.get("/sparql", params=params)) == expected


def test_query_dataset_default_graphs_post(client: httpx.Client, live_server) -> None:
    form = {"query": COUNT, "default-graph-uri": [ACTORS, TOPICS]}
    assert _count(client.post("/sparql", data=form)) == _triples(live_server.store, ACTORS, TOPICS)
    direct = client.post(f"/sparql?default-graph-uri={quote(ACTORS)}&default-graph-uri="
                         f"{quote(TOPICS)}", content=COUNT,
                         headers={"Content-Type": "application/sparql-query"})
    assert _count(direct) == _triples(live_server.store, ACTORS, TOPICS)


def test_query_dataset_named_graphs(client: httpx.Client) -> None:
    params = {"query": GRAPHS, "named-graph-uri": [ACTORS, TOPICS]}
    assert _graphs(client.get("/sparql", params=params)) == {ACTORS, TOPICS}
    assert _graphs(client.post("/sparql", data=params)) == {ACTORS, TOPICS}
    # Naming only named graphs leaves the default graph empty (SPARQL 1.1 Protocol 2.1.4).
    empty = client.get("/sparql", params={"query": COUNT, "named-graph-uri": ACTORS})
    assert _count(empty) == 0


def test_query_dataset_full(client: httpx.Client, live_server) -> None:
    query = ("SELECT ?n ?g WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } } "
             "OPTIONAL { GRAPH ?g { } } }")
    answer = client.get("/sparql", params=[("query", query), ("default-graph-uri", ACTORS),
                                           ("named-graph-uri", TOPICS)])
    assert answer.status_code == 200, answer.text
    rows = answer.json()["results"]["bindings"]
    assert {r["g"]["value"] for r in rows if "g" in r} == {TOPICS}
    assert int(rows[0]["n"]["value"]) == live_server.store.quad_count(ACTORS)


def test_query_multiple_dataset(client: httpx.Client, live_server) -> None:
    """Protocol parameters override the query's own FROM clause."""
    query = f"SELECT (COUNT(*) AS ?n) FROM <{TOPICS}> WHERE {{ ?s ?p ?o }}"
    assert _count(client.get("/sparql", params={"query": query})) == _triples(
        live_server.store, TOPICS)
    overridden = client.get("/sparql", params={"query": query, "default-graph-uri": ACTORS})
    assert _count(overridden) == _triples(live_server.store, ACTORS)


def test_from_named_in_the_query_is_honoured(client: httpx.Client) -> None:
    query = f"SELECT DISTINCT ?g FROM NAMED <{ACTORS}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _graphs(client.get("/sparql", params={"query": query})) == {ACTORS}


def test_dataset_parameter_must_be_an_iri(client: httpx.Client) -> None:
    answer = client.get("/sparql", params={"query": COUNT, "default-graph-uri": "not an iri"})
    assert answer.status_code == 400
    assert "default-graph-uri" in answer.json()["detail"]


# -- answer formats -------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f.kind == "results"], ids=lambda f: f.name)
def test_query_content_type_select(client: httpx.Client, fmt) -> None:
    answer = client.get("/sparql", params={"query": WANG_YI}, headers={"Accept": fmt.media_type})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].split(";")[0] == fmt.media_type
    assert "Wang Yi" in answer.text
    if fmt.name == "csv":
        rows = list(csv.reader(io.StringIO(answer.text)))
        assert rows[0] == ["label"] and ["Wang Yi"] in rows[1:]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f.kind == "results"], ids=lambda f: f.name)
def test_query_content_type_ask(client: httpx.Client, fmt) -> None:
    answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": fmt.media_type})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].split(";")[0] == fmt.media_type
    assert "true" in answer.text


@pytest.mark.parametrize("form", ["CONSTRUCT", "DESCRIBE"])
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f.kind == "graph"], ids=lambda f: f.name)
def test_query_content_type_graph(client: httpx.Client, fmt, form: str) -> None:
    wang_yi = "<https://w3id.org/diplograph/id/actor/wang-yi>"
    query = (f"CONSTRUCT WHERE {{ {wang_yi} ?p ?o }}" if form == "CONSTRUCT"
             else f"DESCRIBE {wang_yi}")
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": fmt.media_type})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].split(";")[0] == fmt.media_type
    parsed = Graph().parse(data=answer.content, format={
        "turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml",
        "trig": "trig"}[fmt.name])
    assert (URIRef(wang_yi[1:-1]), RDF.type, None) in parsed


def test_accept_q_values_choose(client: httpx.Client) -> None:
    accept = "application/sparql-results+xml;q=0.5, text/csv, application/json;q=0.9"
    answer = client.get("/sparql", params={"query": WANG_YI}, headers={"Accept": accept})
    assert answer.headers["content-type"].startswith("text/csv")
    accept = "text/*;q=0.3, text/csv;q=0, */*;q=0.1"
    answer = client.get("/sparql", params={"query": WANG_YI}, headers={"Accept": accept})
    assert answer.headers["content-type"].startswith("text/tab-separated-values")


def test_format_parameter_overrides_accept(client: httpx.Client) -> None:
    answer = client.get("/sparql", params={"query": WANG_YI, "format": "tsv"},
                        headers={"Accept": JSON})
    assert answer.headers["content-type"].startswith("text/tab-separated-values")
    unknown = client.get("/sparql", params={"query": WANG_YI, "format": "yaml"})
    assert unknown.status_code == 400 and "yaml" in unknown.json()["detail"]


def test_bad_accept_is_406_listing_the_formats(client: httpx.Client) -> None:
    answer = client.get("/sparql", params={"query": WANG_YI}, headers={"Accept": "image/png"})
    assert answer.status_code == 406
    detail = answer.json()["detail"]
    assert all(t in detail for t in (JSON, "text/csv", "text/tab-separated-values"))
    graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"},
                       headers={"Accept": "text/csv"})
    assert graph.status_code == 406 and "text/turtle" in graph.json()["detail"]


# -- bad requests ---------------------------------------------------------------------------
def test_bad_query_syntax_names_line_and_column(client: httpx.Client) -> None:
    answer = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert answer.status_code == 400
    assert re.search(r"\b3:\d+\b", answer.json()["detail"])  # line 3, with a column


def test_bad_query_method(client: httpx.Client) -> None:
    answer = client.put("/sparql", content=WANG_YI)
    assert answer.status_code == 405
    assert "POST" in answer.headers["allow"] and "GET" in answer.headers["allow"]


def test_head_answers_like_get_without_a_body(client: httpx.Client) -> None:
    answer = client.head("/sparql", params={"query": WANG_YI}, headers={"Accept": "text/csv"})
    assert answer.status_code == 200 and answer.content == b""
    assert answer.headers["content-type"].startswith("text/csv")
    description = client.head("/sparql")
    assert description.status_code == 200
    assert description.headers["content-type"].startswith("text/turtle")


def test_bad_multiple_queries(client: httpx.Client) -> None:
    answer = client.get("/sparql", params=[("query", WANG_YI), ("query", "ASK {}")])
    assert answer.status_code == 400


def test_bad_query_wrong_media_type(client: httpx.Client) -> None:
    answer = client.post("/sparql", content=WANG_YI, headers={"Content-Type": "text/plain"})
    assert answer.status_code == 415


def test_bad_query_missing_form_type(client: httpx.Client) -> None:
    answer = client.post("/sparql", content=f"query={quote(WANG_YI)}")
    assert answer.status_code == 415


def test_bad_query_missing_direct_type(client: httpx.Client) -> None:
    answer = client.post("/sparql", content=WANG_YI)
    assert answer.status_code == 415


def test_bad_query_non_utf8(client: httpx.Client) -> None:
    latin1 = 'SELECT * WHERE { ?s ?p "caf\xe9" }'.encode("latin-1")
    direct = client.post("/sparql", content=latin1,
                         headers={"Content-Type": "application/sparql-query"})
    form = client.post("/sparql", content=b"query=" + quote(latin1).encode(),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    get = client.get("/sparql?query=" + quote(latin1))
    for answer in (direct, form, get):
        assert answer.status_code == 400, answer.text
        assert "UTF-8" in answer.json()["detail"]


def test_bad_query_and_update_together(client: httpx.Client) -> None:
    answer = client.post("/sparql", data={"query": WANG_YI, "update": "CLEAR ALL"})
    assert answer.status_code == 400


def test_update_via_the_query_endpoint_is_refused(client: httpx.Client, live_server) -> None:
    before = live_server.store.quad_count()
    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> " \
             "<http://example.org/p> 1 } }"
    for answer in (
        client.get("/sparql", params={"query": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", content=update,
                    headers={"Content-Type": "application/sparql-query"}),
        client.post("/sparql", content=update,
                    headers={"Content-Type": "application/sparql-update"}),
    ):
        assert answer.status_code in (400, 405, 415), answer.text
    assert live_server.store.quad_count() == before


def test_post_without_a_query(client: httpx.Client) -> None:
    answer = client.post("/sparql", data={"format": "json"})
    assert answer.status_code == 400 and "query" in answer.json()["detail"]


# -- the page, the service description, CORS ------------------------------------------------
def test_page_for_browsers_lists_the_competency_questions(client: httpx.Client) -> None:
    answer = client.get("/sparql", headers={
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    examples = embedded(answer.text, "examples")
    files = sorted(COMPETENCY_DIR.glob("*.rq"))
    assert len(files) == 15
    assert [e["query"] for e in examples] == [p.read_text(encoding="utf-8") for p in files]
    assert all(e["title"].startswith("CQ") for e in examples)
    assert embedded(answer.text, "prefixes") == PREFIXES  # the editor's prefix completion
    assert "<textarea" in answer.text and 'id="format"' in answer.text  # the no-JS form
    for asset in ("app.js", "style.css"):
        assert f"/sparql/static/{asset}" in answer.text
        served = client.get(f"/sparql/static/{asset}")
        assert served.status_code == 200 and served.content
    loaded = re.findall(r'(?:src|href)="([^"]*)"', answer.text)
    # no CDN, no other host: the icon is an empty data: URL so the browser asks for none
    assert loaded and all(url.startswith("/") or url == "data:," for url in loaded)
    assert client.get("/sparql/static/..%2Fapp.py").status_code == 404


def test_page_loads_yasgui_from_node_modules(client: httpx.Client) -> None:
    text = client.get("/sparql", headers={"Accept": "text/html"}).text
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', text)
    if not sparql_page.interactive():  # npm ci has not run: the page says so, the form works
        assert scripts == [] and "npm ci" in text and "not installed" in text
        assert client.get("/static/vendor/yasgui.min.js").status_code == 404
        return
    assert scripts == ["/static/vendor/yasgui.min.js", "/sparql/static/app.js"]
    assert '<link rel="stylesheet" href="/static/vendor/yasgui.min.css">' in text
    for name in sparql_page.VENDOR:
        served = client.get(f"/static/vendor/{name}")
        assert served.status_code == 200
        assert served.content == vendor.FILES[name].path.read_bytes()
    assert "<noscript>" in text  # the plain form is there for browsers without JavaScript
    assert client.get("/static/vendor/yasgui.min.js.map").status_code == 404


def test_page_form_formats_are_the_endpoint_s(client: httpx.Client) -> None:
    """Each choice of the no-JS form is a ``format=`` the endpoint takes, for SELECT and
    CONSTRUCT alike."""
    text = client.get("/sparql", headers={"Accept": "text/html"}).text
    form = text.split('<select id="format" name="format">')[1].split("</select>")[0]
    names = re.findall(r'<option value="([^"]+)">', form)
    assert names and "json" in names and "csv" in names
    for name in names:
        for query in ("SELECT ?x WHERE { BIND(1 AS ?x) }", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"):
            answer = client.get("/sparql", params={"query": query, "format": name},
                                headers={"Accept": "text/html"})
            is_select = query.startswith("SELECT")
            kind = "results" if is_select else "graph"
            if answer.status_code == 406:  # a results-only or graph-only format
                assert name in {f.name for f in FORMATS if f.kind != kind}, (name, query)
                continue
            assert answer.status_code == 200, (name, query, answer.text)


def test_service_description(client: httpx.Client, live_server) -> None:
    for accept in (None, "text/turtle", "*/*"):
        answer = client.get("/sparql", headers={"Accept": accept} if accept else {})
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/turtle")
        sd = Graph().parse(data=answer.text, format="turtle")
        service = URIRef(f"{live_server.url}/sparql")
        assert (service, RDF.type, SD.Service) in sd
        assert (service, SD.endpoint, service) in sd
        assert (service, SD.feature, SD.UnionDefaultGraph) in sd
        # what the Graph Store Protocol does with that union (docs/conformance.md cites it)
        assert any("(PUT, DELETE: 405)" in c for c in sd.objects(service, RDFS.comment))
        names = {str(n) for n in sd.objects(None, SD.name)}
        assert names == set(live_server.store.graph_names())
    as_jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"].startswith("application/ld+json")


def test_cors_for_get_and_post(client: httpx.Client) -> None:
    origin = {"Origin": "https://yasgui.example"}
    answer = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert answer.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/sparql", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert preflight.headers["access-control-allow-origin"] == "*"


def test_competency_questions_answer_as_the_store_does(client: httpx.Client, live_server) -> None:
    for path in sorted(COMPETENCY_DIR.glob("*.rq")):
        query = path.read_text(encoding="utf-8")
        answer = client.post("/sparql", data={"query": query}, headers={"Accept": JSON})
        assert answer.status_code == 200, (path.name, answer.text)
        expected = [{k: str(v) for k, v in row.items()} for row in live_server.store.select(query)]
        got = [{k: v["value"] for k, v in b.items()} for b in answer.json()["results"]["bindings"]]
        assert got == expected, path.name
