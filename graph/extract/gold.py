"""The gold claims: every curated claim's evidence in a corpus document, as JSON lines.

The curated graph is the annotation (data/gold/ANNOTATION.md is the guide both follow); the
JSONL files in data/gold/ are derived from it so the extractor's evaluation needs no store, and
a test checks that they never drift from the Turtle.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF

from graph.extract.kb import CLAIM_TYPES, slug_of
from graph.namespaces import DG
from graph.paths import CURATED_DIR, GOLD_DIR, SOURCES_DIR
from graph.rdf.io import parse_file


def curated_graph(curated_dir: Path = CURATED_DIR) -> Graph:
    """The documents and claim files of the curated graph (what the gold is made of)."""
    graph = Graph()
    for path in sorted(curated_dir.glob("claims-*.ttl")):
        graph += parse_file(path)
    graph += parse_file(curated_dir / "documents.ttl")
    return graph


def corpus_documents(graph: Graph) -> dict[str, dict[str, str]]:
    """slug -> metadata (file name, date, publisher, title) of each document with a file."""
    docs = {}
    for doc, file_name in graph.subject_objects(DG.fileName):
        docs[slug_of(str(doc))] = {
            "file": str(file_name),
            "date": str(graph.value(doc, DCTERMS.date) or ""),
            "publisher": str(graph.value(doc, DG.publisherName) or ""),
            "title": str(graph.value(doc, DCTERMS.title) or ""),
        }
    return docs


def gold_records(
    curated_dir: Path = CURATED_DIR, sources_dir: Path = SOURCES_DIR
) -> dict[str, list[dict]]:
    """Gold records per document slug, in text order; each quote is checked against the text."""
    graph = curated_graph(curated_dir)
    docs = corpus_documents(graph)
    texts = {
        slug: (sources_dir / meta["file"]).read_text(encoding="utf-8")
        for slug, meta in docs.items()
    }
    out: dict[str, list[dict]] = defaultdict(list)
    for claim, evidence in graph.subject_objects(DG.evidence):
        doc = slug_of(str(graph.value(evidence, DG.document)))
        if doc not in texts:
            continue
        record = _record(graph, claim, evidence, doc)
        text = texts[doc]
        if text[record["start"] : record["end"]] != record["quote"]:
            raise ValueError(f"{record['evidence']}: quote does not match the text at its offsets")
        out[doc].append(record)
    for records in out.values():
        records.sort(key=lambda r: (r["start"], r["end"], r["type"], r["claim"]))
    return dict(out)


def _record(graph: Graph, claim, evidence, doc: str) -> dict:
    types = [CLAIM_TYPES[str(t)] for t in graph.objects(claim, RDF.type) if str(t) in CLAIM_TYPES]
    claimants = sorted(slug_of(str(c)) for c in graph.objects(claim, DG.claimant))
    addressee = graph.value(claim, DG.addressee)
    return {
        "document": doc,
        "claim": slug_of(str(claim)),
        "evidence": slug_of(str(evidence)),
        "type": types[0],
        "claimant": claimants[0] if len(claimants) == 1 else None,
        "claimants": claimants,
        "addressee": slug_of(str(addressee)) if addressee else None,
        "negated": bool(graph.value(claim, DG.negated)),
        "quote": str(graph.value(evidence, DG.quote)),
        "start": int(graph.value(evidence, DG.start)),
        "end": int(graph.value(evidence, DG.end)),
    }


def to_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def export(gold_dir: Path = GOLD_DIR) -> dict[str, int]:
    """Write ``<document>.jsonl`` per corpus document; returns records per file."""
    written = {}
    for doc, records in gold_records().items():
        (gold_dir / f"{doc}.jsonl").write_text(to_jsonl(records), encoding="utf-8")
        written[f"{doc}.jsonl"] = len(records)
    return written


def load_gold(gold_dir: Path = GOLD_DIR) -> dict[str, list[dict]]:
    """The committed gold files, per document slug."""
    return {
        path.stem: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        for path in sorted(gold_dir.glob("*.jsonl"))
    }
