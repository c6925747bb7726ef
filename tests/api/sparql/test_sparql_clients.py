"""Real SPARQL clients against the real server: SPARQLWrapper and rdflib's SPARQLStore.

Each client is driven the way its users drive it (its own Accept headers and ``format=``
parameters, GET and POST), in every format it supports for each kind of query, and its parsed
answer is compared with what the store itself answers.
"""

from __future__ import annotations

import csv
import io
import warnings

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)

from graph.paths import COMPETENCY_DIR

WANG_YI = URIRef("https://w3id.org/diplograph/id/actor/wang-yi")
SELECT = (COMPETENCY_DIR / "08-wang-yi-and-blinken-meetings.rq").read_text(encoding="utf-8")
ASK = f"ASK {{ <{WANG_YI}> a <https://w3id.org/diplograph/ontology#Person> }}"
CONSTRUCT = f"CONSTRUCT WHERE {{ <{WANG_YI}> ?p ?o }}"
DESCRIBE = f"DESCRIBE <{WANG_YI}>"


def _expected(store) -> list[dict[str, str]]:
    rows = [{k: str(v) for k, v in row.items()} for row in store.select(SELECT)]
    assert rows, "the competency question should have answers"
    return rows


def _wrapper(url: str, query: str, fmt: str, method: str, conneg_only: bool) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setOnlyConneg(conneg_only)
    if method == POST:
        client.setMethod(POST)
    return client


METHODS = [("GET", False), ("GET", True), (POST, False), (POST, True)]
IDS = ["get", "get-conneg", "post", "post-conneg"]


# -- SPARQLWrapper --------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "conneg"), METHODS, ids=IDS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(live_server, fmt: str, method: str, conneg: bool) -> None:
    result = _wrapper(live_server.url, SELECT, fmt, method, conneg).query()
    converted = result.convert()
    if fmt == JSON:
        rows = [{k: v["value"] for k, v in b.items()} for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = [
            {b.getAttribute("name"): b.firstChild.firstChild.nodeValue
             for b in r.getElementsByTagName("binding")}
            for r in converted.getElementsByTagName("result")
        ]
    else:
        text = io.StringIO(converted.decode("utf-8"))
        reader = (csv.DictReader(text) if fmt == CSV
                  else csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE))
        rows = [dict(r) for r in reader]
        if fmt == TSV:  # TSV cells are RDF terms: "label"@en, "date"^^xsd:date
            rows = [{k.lstrip("?"): v for k, v in r.items()} for r in rows]
            assert all(r["label"].startswith('"') for r in rows)
            rows = [{**r, "label": r["label"].split('"')[1], "date": r["date"].split('"')[1],
                     "meeting": r["meeting"].strip("<>")} for r in rows]
    assert rows == _expected(live_server.store)


@pytest.mark.parametrize(("method", "conneg"), METHODS, ids=IDS)
@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(live_server, fmt: str, method: str, conneg: bool) -> None:
    converted = _wrapper(live_server.url, ASK, fmt, method, conneg).query().convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    else:
        assert converted.getElementsByTagName("boolean")[0].firstChild.nodeValue == "true"


@pytest.mark.parametrize(("method", "conneg"), METHODS, ids=IDS)
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, XML, JSONLD])
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_sparqlwrapper_graph(live_server, query: str, fmt: str, method: str,
                             conneg: bool) -> None:
    with warnings.catch_warnings():
        # SPARQLWrapper warns (RuntimeWarning) when an answer's type is not what it asked for
        warnings.simplefilter("error", RuntimeWarning)
        converted = _wrapper(live_server.url, query, fmt, method, conneg).query().convert()
    graph = converted if isinstance(converted, Graph) else Graph().parse(
        data=converted, format={TURTLE: "turtle", N3: "turtle", JSONLD: "json-ld"}[fmt])
    expected = live_server.store.construct(CONSTRUCT)
    assert len(graph) == len(expected) > 0
    assert (WANG_YI, RDF.type, None) in graph


# -- rdflib SPARQLStore ---------------------------------------------------------------------
STORE_METHODS = ["GET", "POST", "POST_FORM"]


@pytest.mark.parametrize("method", STORE_METHODS)
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rdflib_sparqlstore_select_and_ask(live_server, fmt: str, method: str) -> None:
    store = SPARQLStore(f"{live_server.url}/sparql", returnFormat=fmt, method=method)
    rows = [{str(k): str(v) for k, v in row.asdict().items()} for row in store.query(SELECT)]
    assert rows == _expected(live_server.store)
    if fmt in ("json", "xml"):  # rdflib's CSV and TSV parsers read no boolean answer
        assert store.query(ASK).askAnswer is True
    store.close()


@pytest.mark.parametrize("method", STORE_METHODS)
@pytest.mark.parametrize("fmt", ["xml", "turtle", "json-ld", "nt", "trig"])
def test_rdflib_sparqlstore_graph(live_server, fmt: str, method: str) -> None:
    store = SPARQLStore(f"{live_server.url}/sparql", returnFormat=fmt, method=method)
    for query in (CONSTRUCT, DESCRIBE):
        graph = store.query(query).graph
        assert graph is not None and (WANG_YI, RDF.type, None) in graph
        assert len(graph) == len(live_server.store.construct(CONSTRUCT))
    store.close()


def test_rdflib_graph_over_the_endpoint(live_server) -> None:
    """rdflib's Graph API (triples, value) reads the union default graph through the store."""
    graph = Graph(SPARQLStore(f"{live_server.url}/sparql", returnFormat="json"))
    labels = {str(o) for o in graph.objects(WANG_YI, URIRef(
        "http://www.w3.org/2000/01/rdf-schema#label"))}
    assert "Wang Yi" in labels
