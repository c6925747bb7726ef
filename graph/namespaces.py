"""The one prefix table of the project: ontology, instance and named-graph namespaces."""

from __future__ import annotations

from rdflib import Namespace

# Re-exported: the rest of the project takes every namespace from this table.
from rdflib.namespace import DCTERMS as DCTERMS
from rdflib.namespace import FOAF as FOAF
from rdflib.namespace import ORG as ORG
from rdflib.namespace import OWL as OWL
from rdflib.namespace import PROV as PROV
from rdflib.namespace import RDF as RDF
from rdflib.namespace import RDFS as RDFS
from rdflib.namespace import SKOS as SKOS
from rdflib.namespace import XSD as XSD

DG = Namespace("https://w3id.org/diplograph/ontology#")
DGSH = Namespace("https://w3id.org/diplograph/shapes#")
ID_BASE = "https://w3id.org/diplograph/id/"
GRAPH_BASE = "https://w3id.org/diplograph/graph/"
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")

#: Instance namespaces, one per kind of resource; the kind is the IRI path segment.
KINDS = (
    "actor",
    "post",
    "holding",
    "meeting",
    "place",
    "claim",
    "evidence",
    "document",
    "topic",
    "bundle",
    "measure",
    "event",
)
(
    ACTOR,
    POST,
    HOLDING,
    MEETING,
    PLACE,
    CLAIM,
    EVIDENCE,
    DOCUMENT,
    TOPIC,
    BUNDLE,
    MEASURE,
    EVENT,
) = (Namespace(f"{ID_BASE}{kind}/") for kind in KINDS)

#: Named graphs that are not a file's or a document's own.
ONTOLOGY_GRAPH = f"{GRAPH_BASE}ontology"
INFERRED_GRAPH = f"{GRAPH_BASE}inferred"
#: Where an external engine keeps the inferences of a bulk-loaded graph, one graph each
#: (``graph.write.remote_bulk``): part of the inferred graph, whose name they start with.
INFERRED_PART_BASE = f"{INFERRED_GRAPH}/"
#: Who changed what: one ``prov:Activity`` per write (``graph.audit``), written by the server only.
AUDIT_GRAPH = f"{GRAPH_BASE}audit"
#: Graphs the public SPARQL endpoints never show: the trail is read through ``GET /audit``, with
#: a token. ``/sparql`` leaves them out of every dataset; ``/update`` neither reads nor drops them.
HIDDEN_GRAPHS = (AUDIT_GRAPH,)
#: The audit trail's own terms, and where its activities are named.
AUDIT = Namespace("https://w3id.org/diplograph/audit#")
ACTIVITY_BASE = f"{ID_BASE}activity/"

PREFIXES: dict[str, str] = {
    "dg": str(DG),
    "dgsh": str(DGSH),
    "actor": str(ACTOR),
    "post": str(POST),
    "holding": str(HOLDING),
    "meeting": str(MEETING),
    "place": str(PLACE),
    "claim": str(CLAIM),
    "evidence": str(EVIDENCE),
    "doc": str(DOCUMENT),
    "topic": str(TOPIC),
    "bundle": str(BUNDLE),
    "measure": str(MEASURE),
    "event": str(EVENT),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "audit": str(AUDIT),
}


def sparql_prologue() -> str:
    """PREFIX lines for every prefix of the table, for queries that want them all."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def is_inferred_part(name: str) -> bool:
    """Whether ``name`` is the inferred graph of one bulk load on an external engine."""
    return name.startswith(INFERRED_PART_BASE)


def graph_iri(kind: str, name: str) -> str:
    """The IRI of the named graph that holds one source (a curated file, a document...)."""
    return f"{GRAPH_BASE}{kind}/{name}"


def entity_iri(kind: str, slug: str) -> str:
    """The IRI of an entity of a kind from its slug (``actor``, ``wang-yi``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    return f"{ID_BASE}{kind}/{slug}"


def split_entity_iri(iri: str) -> tuple[str, str] | None:
    """(kind, slug) of an entity IRI of ours, None for any other IRI."""
    if not iri.startswith(ID_BASE):
        return None
    kind, _, slug = iri[len(ID_BASE) :].partition("/")
    if kind not in KINDS or not slug or "/" in slug:
        return None
    return kind, slug
