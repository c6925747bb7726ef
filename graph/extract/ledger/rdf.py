"""The RDF of proposed status events (ontology section "status events", shapes/ledger.ttl).

Each event is a new ``dg:StatusEvent`` (origin "extracted", review status "proposed") about
the stored claim or bundle it was linked to, with its evidence span in the document. An event
the detector could not link to anything stored has nothing to be the status *of*
(``dg:statusOf`` is required), and a supersession whose replacing claim is not known cannot say
``dg:supersededBy``: both stay in the extraction's printed records for a reviewer, not in the
graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef

from graph.extract.evidence import add_evidence
from graph.namespaces import DG, entity_iri

KINDS = {
    "reaffirmed": DG.reaffirmed,
    "implemented": DG.implemented,
    "accused_of_breach": DG.accusedOfBreach,
    "disputed": DG.disputed,
    "withdrawn": DG.withdrawn,
    "superseded": DG.superseded,
    "moot": DG.moot,
}
_SAYS = {
    "reaffirmed": "reaffirms",
    "implemented": "reports as carried out",
    "accused_of_breach": "says the other side has not honoured",
    "disputed": "disputes",
    "withdrawn": "withdraws from",
    "superseded": "says a later one replaces",
    "moot": "says there is no longer an object for",
}


def storable(record: dict, claims: Sequence[dict] = ()) -> bool:
    """Can the event be written: it has a target (and is not a supersession, whose replacing
    claim the detector does not tell), someone asserts it, it has a day, and it is not a
    restatement already written as a claim that ``dg:reiterates`` the same claim (``claims``:
    the document's claim records; the ledger lists restatements beside events, so both would
    count it twice)."""
    has_target = bool(record["target_claim_iri"] or record["target_bundle_iri"])
    restated = record["kind"] == "reaffirmed" and any(
        c.get("reiterates_iri") == record["target_claim_iri"]
        and c["start"] < record["end"] and record["start"] < c["end"]
        for c in claims
    )
    return (has_target and bool(record["asserted_by_iris"]) and record["kind"] != "superseded"
            and bool(record["date"]) and not restated)


def add_events(g: Graph, records: list[dict], doc: URIRef, side: URIRef | None,
               labels: dict[str, str], claims: Sequence[dict] = ()) -> None:
    """Add the storable events of ``records`` (``storable``) to ``g``. ``labels``: actor IRI
    -> English label, for the statement; ``claims``: the document's claim records."""
    for record in records:
        if not storable(record, claims):
            continue
        node = URIRef(entity_iri("event", record["id"]))
        target = record["target_claim_iri"] or record["target_bundle_iri"]
        g.add((node, RDF.type, DG.StatusEvent))
        g.add((node, DG.slug, Literal(record["id"])))
        g.add((node, DG.statusKind, KINDS[record["kind"]]))
        g.add((node, DG.statusOf, URIRef(target)))
        for actor in record["asserted_by_iris"]:
            g.add((node, DG.assertedBy, URIRef(actor)))
        g.add((node, DG.eventDate, Literal(record["date"], datatype=XSD.date)))
        g.add((node, DG.eventStatement, Literal(statement(record, labels), lang="en")))
        g.add((node, DG.origin, Literal("extracted")))
        g.add((node, DG.reviewStatus, Literal("proposed")))
        g.add((node, DG.confidence,
               Literal(Decimal(str(record["confidence"])), datatype=XSD.decimal)))
        ev = add_evidence(g, f"{record['id']}--1", doc, side, record)
        g.add((node, DG.eventEvidence, ev))


def statement(record: dict, labels: dict[str, str]) -> str:
    """A one-line English statement for reviewers (the quote stays verbatim on the evidence)."""
    who = " and ".join(labels.get(a, a.rsplit("/", 1)[-1]) for a in record["asserted_by_iris"])
    what = record.get("target_label") or record["target_claim"] or record["target_bundle"]
    quote = " ".join(record["quote"].split())
    return f'{who} {_SAYS[record["kind"]]}: {what.rstrip(".")} ("{quote}")'

