"""The RDF of an extraction: the document (with its text, byte for byte), its claims with
evidence, and the actors and engagements it introduced, as one graph for its own named graph.

Extracted claims are new nodes (origin "extracted", review status "proposed"); a claim that
repeats a stored one points to it with dg:reiterates. Nothing here ever names a curated claim
as a subject, so curated data is never overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from graph.extract.evidence import add_evidence
from graph.extract.ledger.rdf import add_events
from graph.namespaces import DG, PREFIXES, entity_iri, graph_iri

TYPES = {
    "demand": DG.Demand,
    "red_line": DG.RedLine,
    "commitment": DG.Commitment,
    "consensus": DG.Consensus,
}


def named_graph(slug: str) -> str:
    """The named graph an ingested document and its claims live in."""
    return graph_iri("extracted", slug)


def build_graph(extraction) -> Graph:
    """Every triple that ingesting ``extraction`` writes."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    doc = URIRef(extraction.iri)
    _document(g, doc, extraction)
    for actor in extraction.new_actors:
        _new_actor(g, actor, extraction.date)
    if extraction.new_engagement is not None:
        _new_engagement(g, extraction.new_engagement, doc)
    side = _reporting_side(extraction)
    by_claim: dict[str, list[dict]] = defaultdict(list)
    for record in extraction.claims:
        by_claim[record["id"]].append(record)
    for slug, records in by_claim.items():
        _claim(g, slug, records, doc, side)
    labels = {a.iri: a.label for a in extraction.new_actors}
    labels.update(getattr(extraction, "actor_labels", {}))
    add_events(g, getattr(extraction, "events", []), doc, side, labels, extraction.claims)
    return g


def _document(g: Graph, doc: URIRef, extraction) -> None:
    meta = extraction.meta
    g.add((doc, RDF.type, DG.SourceDocument))
    g.add((doc, DG.slug, Literal(extraction.slug)))
    g.add((doc, DCTERMS.title, Literal(meta.title or extraction.slug, lang="en")))
    # The text goes in as a plain literal built in Python: never through SPARQL text.
    g.add((doc, DG.text, Literal(extraction.text)))
    g.add((doc, DG.sha256, Literal(extraction.sha256)))
    if extraction.date:
        g.add((doc, DCTERMS.date, Literal(extraction.date.isoformat(), datatype=XSD.date)))
    if meta.publisher:
        g.add((doc, DG.publisherName, Literal(meta.publisher)))
    if extraction.publisher_actor:
        g.add((doc, DCTERMS.publisher, URIRef(extraction.publisher_actor)))
    if meta.url:
        g.add((doc, DG.url, Literal(meta.url, datatype=XSD.anyURI)))
    if meta.file_name:
        g.add((doc, DG.fileName, Literal(meta.file_name)))
    for lang in extraction.languages:
        g.add((doc, DCTERMS.language, Literal(lang)))
    for meeting in extraction.reports_on:
        g.add((doc, DG.reportsOn, URIRef(meeting)))


def _reporting_side(extraction) -> URIRef | None:
    """The state whose account the document is: its publisher's country, when known."""
    return (
        URIRef(extraction.publisher_state) if getattr(extraction, "publisher_state", None) else None
    )


def _new_actor(g: Graph, actor, day) -> None:
    node = URIRef(actor.iri)
    g.add((node, RDF.type, DG.Person))
    g.add((node, DG.slug, Literal(actor.slug)))
    g.add((node, RDFS.label, Literal(actor.label, lang="en")))
    if getattr(actor, "zh_label", None):
        g.add((node, RDFS.label, Literal(actor.zh_label, lang="zh")))
    if actor.country:
        g.add((node, DG.country, URIRef(actor.country)))
    if actor.post and day:
        post_slug = actor.post.rsplit("/", 1)[-1]
        slug = f"{actor.slug}--{post_slug}--{day.year}"
        holding = URIRef(entity_iri("holding", slug))
        g.add((holding, RDF.type, DG.PostHolding))
        g.add((holding, DG.slug, Literal(slug)))
        g.add((holding, DG.holder, node))
        g.add((holding, DG.post, URIRef(actor.post)))
        # The first day a document shows the post held; the true start is not in the text.
        g.add((holding, DG.startDate, Literal(day.isoformat(), datatype=XSD.date)))
        g.add(
            (
                holding,
                RDFS.comment,
                Literal(
                    f"Extracted from a document of {day.isoformat()} naming them as "
                    f"{actor.post_label}; the start date is that of the document.",
                    lang="en",
                ),
            )
        )


def _new_engagement(g: Graph, engagement, doc: URIRef) -> None:
    node = URIRef(engagement.iri)
    g.add((node, RDF.type, DG[engagement.type]))
    g.add((node, DG.slug, Literal(engagement.slug)))
    g.add((node, RDFS.label, Literal(engagement.label, lang="en")))
    g.add((node, DG.startDate, Literal(engagement.start.isoformat(), datatype=XSD.date)))
    if engagement.place:
        g.add((node, DG.place, URIRef(engagement.place)))
    for person in engagement.participants:
        g.add((node, DG.participant, URIRef(person)))
    for side in engagement.sides:
        g.add((node, DG.side, URIRef(side)))
    g.add((node, DCTERMS.source, doc))


def _claim(g: Graph, slug: str, records: list[dict], doc: URIRef, side: URIRef | None) -> None:
    first = records[0]
    node = URIRef(entity_iri("claim", slug))
    g.add((node, RDF.type, TYPES[first["type"]]))
    g.add((node, DG.slug, Literal(slug)))
    for claimant in first["claimant_iris"]:
        g.add((node, DG.claimant, URIRef(claimant)))
    if first["addressee_iri"] and first["type"] != "consensus":
        g.add((node, DG.addressee, URIRef(first["addressee_iri"])))
    for topic in first["topics"]:
        g.add((node, DG.topic, URIRef(entity_iri("topic", topic))))
    if first["meeting_iri"]:
        g.add((node, DG.madeAt, URIRef(first["meeting_iri"])))
    if first["date"]:
        g.add((node, DG.date, Literal(first["date"], datatype=XSD.date)))
    g.add((node, DG.statement, Literal(first["text"], lang="en")))
    g.add((node, DG.cameoCode, Literal(first["cameo"])))
    g.add((node, DG.ploverType, Literal(first["plover"])))
    g.add((node, DG.origin, Literal("extracted")))
    g.add((node, DG.reviewStatus, Literal("proposed")))
    confidence = max(r["confidence"] for r in records)
    g.add((node, DG.confidence, Literal(Decimal(str(confidence)), datatype=XSD.decimal)))
    if any(r["negated"] for r in records):
        g.add((node, DG.negated, Literal(True)))
    if first["reiterates_iri"]:
        g.add((node, DG.reiterates, URIRef(first["reiterates_iri"])))
    g.add((node, DG.reportedBy, doc))
    for n, record in enumerate(records, start=1):
        ev = add_evidence(g, f"{slug}--ev-{n}", doc, side, record)
        g.add((node, DG.evidence, ev))
