"""Helpers shared by the extraction tests: the corpus, the extractor, reference stores."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

from graph.extract.gold import corpus_documents, curated_graph
from graph.extract.kb import bundled_kb
from graph.extract.pipeline import DocumentMeta, Extraction, Extractor
from graph.paths import CURATED_DIR, ONTOLOGY_DIR, SOURCES_DIR
from graph.store import GraphStore
from graph.write.files import load
from tests.support.paths import TESTS_DIR

FIXTURES = TESTS_DIR / "fixtures" / "readouts"
#: What an "empty" store needs so claims can point at actors, engagements and topics.
REFERENCE_FILES = ("actors.ttl", "engagements.ttl", "topics.ttl")


@cache
def extractor() -> Extractor:
    return Extractor(bundled_kb())


@cache
def corpus() -> dict[str, dict[str, str]]:
    """slug -> metadata (file, date, publisher, title) of the five corpus documents."""
    return corpus_documents(curated_graph())


def corpus_text(slug: str) -> str:
    return (SOURCES_DIR / corpus()[slug]["file"]).read_bytes().decode("utf-8")


def corpus_meta(slug: str) -> DocumentMeta:
    meta = corpus()[slug]
    return DocumentMeta(
        title=meta["title"], date=dt.date.fromisoformat(meta["date"]), publisher=meta["publisher"]
    )


@cache
def extract_corpus(slug: str) -> Extraction:
    return extractor().extract(corpus_text(slug), corpus_meta(slug))


def claims_at(extraction: Extraction, quote_part: str) -> list[dict]:
    """The claims whose quote contains ``quote_part``."""
    return [c for c in extraction.claims if quote_part in c["quote"]]


def load_reference(store: GraphStore, files: tuple[str, ...] = REFERENCE_FILES) -> None:
    """The ontology and the curated actors, engagements and topics: no claims, no documents."""
    load(store, sorted(ONTOLOGY_DIR.glob("*.ttl")) + [CURATED_DIR / f for f in files])


def fixtures() -> list[tuple[str, str, dict]]:
    """(name, text, expectations) of the held-out readouts."""
    out = []
    for spec in sorted(FIXTURES.glob("*.json")):
        text = spec.with_suffix(".txt").read_bytes().decode("utf-8")
        out.append((spec.stem, text, json.loads(spec.read_text(encoding="utf-8"))))
    return out
