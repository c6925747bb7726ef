"""The SPARQL 1.1 Service Description of the endpoint (``GET /sparql`` without a query)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from api.sparql.formats import FORMATS

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
W3C_FORMATS = Namespace("http://www.w3.org/ns/formats/")
_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples",
    "jsonld": "JSON-LD", "rdfxml": "RDF_XML", "trig": "TriG",
}


def describe(endpoint: str, update_endpoint: str, graph_names: list[str], timeout: float,
             max_rows: int) -> Graph:
    """The service, its formats, its limits and its dataset (the named graphs, and their union)."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", W3C_FORMATS)
    service, update = URIRef(endpoint), URIRef(update_endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, DCTERMS.title, Literal("diplograph SPARQL endpoint", lang="en")))
    g.add((service, RDFS.comment, Literal(
        f"Queries stop after {timeout:g} s (HTTP 503); answers carry at most {max_rows} rows or "
        "triples (header X-Diplograph-Truncated when cut). SERVICE and LOAD are refused. "
        "The default graph is the union of the named graphs: the Graph Store Protocol's "
        "?default reads it (GET, HEAD) and adds to it (POST), but never replaces or deletes it "
        "whole (PUT, DELETE: 405).", lang="en")))
    for fmt in FORMATS:
        g.add((service, SD.resultFormat, W3C_FORMATS[_FORMAT_IRIS[fmt.name]]))
    dataset, default = BNode(), BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for name in graph_names:
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
    g.add((update, RDF.type, SD.Service))
    g.add((update, SD.endpoint, update))
    g.add((update, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((update, RDFS.comment, Literal(
        "Needs 'Authorization: Bearer <token>'. Every update is validated against the SHACL "
        "shapes and refused whole (HTTP 422) when it would break them.", lang="en")))
    return g
