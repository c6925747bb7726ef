"""The curated status events of the corpus documents as gold for the detector.

data/curated/ledger.ttl records what the five corpus documents say became of earlier claims,
annotated by hand and independently of the detector's development set; scoring the detector on
the corpus against it (``diplograph evaluate --ledger corpus``) measures it on long, real
readouts. Events that share a kind and a span (one sentence about two commitments) are one unit
here, as in the claim evaluation; its targets are all of theirs (``dg:statusOf`` and
``dg:bundleMember``), and a proposed target agrees when it is one of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.namespace import RDF

from graph.extract.gold import corpus_documents
from graph.extract.kb import slug_of
from graph.extract.ledger.rdf import KINDS
from graph.namespaces import DG
from graph.paths import CURATED_DIR
from graph.rdf.io import parse_file

_NAMES = {str(iri): name for name, iri in KINDS.items()}


def curated_events(curated_dir=CURATED_DIR) -> dict[str, list[dict]]:
    """Gold event units per corpus document slug, in text order."""
    graph = parse_file(curated_dir / "ledger.ttl") + parse_file(curated_dir / "documents.ttl")
    units: dict[tuple[str, str, int, int], dict] = {}
    for record in _records(graph):
        key = (record["document"], record["kind"], record["start"], record["end"])
        unit = units.setdefault(key, {**record, "targets": set()})
        unit["targets"] |= record["targets"]
    out: dict[str, list[dict]] = {}
    for unit in sorted(units.values(), key=lambda u: (u["document"], u["start"], u["kind"])):
        out.setdefault(unit["document"], []).append(unit)
    return out


def _records(graph: Graph) -> Iterator[dict]:
    for event in graph.subjects(RDF.type, DG.StatusEvent):
        kind = _NAMES[str(graph.value(event, DG.statusKind))]
        targets = {
            ("claim" if "/claim/" in str(t) else "bundle", slug_of(str(t)))
            for prop in (DG.statusOf, DG.bundleMember)
            for t in graph.objects(event, prop)
        }
        who = sorted(slug_of(str(a)) for a in graph.objects(event, DG.assertedBy))
        for evidence in graph.objects(event, DG.eventEvidence):
            yield {
                "document": slug_of(str(graph.value(evidence, DG.document))),
                "kind": kind,
                "asserted_by": who,
                "date": str(graph.value(event, DG.eventDate)),
                "quote": str(graph.value(evidence, DG.quote)),
                "start": int(str(graph.value(evidence, DG.start))),
                "end": int(str(graph.value(evidence, DG.end))),
                "targets": targets,
            }


def corpus_meta() -> dict[str, dict[str, str]]:
    """The corpus documents' files and metadata (``gold.corpus_documents``)."""
    from graph.extract.gold import curated_graph

    return corpus_documents(curated_graph())
