"""The evidence node an extracted claim or status event points at.

Claims and status events share one `dg:Evidence` shape (document, quote, code-point offsets,
reporting side), so both writers build it here: a change to what evidence records cannot reach
one of them and miss the other.
"""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, URIRef

from graph.namespaces import DG, entity_iri


def add_evidence(
    g: Graph, slug: str, doc: URIRef, side: URIRef | None, record: dict
) -> URIRef:
    """Add the evidence node `slug` for the span `record` (quote, start, end) of `doc`."""
    ev = URIRef(entity_iri("evidence", slug))
    g.add((ev, RDF.type, DG.Evidence))
    g.add((ev, DG.slug, Literal(slug)))
    g.add((ev, DG.document, doc))
    if side is not None:
        g.add((ev, DG.reportingSide, side))
    g.add((ev, DG.quote, Literal(record["quote"])))
    g.add((ev, DG.start, Literal(record["start"], datatype=XSD.integer)))
    g.add((ev, DG.end, Literal(record["end"], datatype=XSD.integer)))
    return ev
