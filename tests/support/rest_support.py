"""Helpers of the REST tests: the competency questions' own answers, to compare routes with."""

from __future__ import annotations

from graph.paths import COMPETENCY_DIR
from graph.store import GraphStore


def competency(store: GraphStore, number: int) -> list[dict[str, str]]:
    """Rows of competency question ``number`` (``data/queries/0N-*.rq``), values as text."""
    (path,) = COMPETENCY_DIR.glob(f"{number:02d}-*.rq")
    return [{k: str(v) for k, v in row.items()} for row in store.select(path.read_text())]


def slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def ids(answer: dict) -> list[str]:
    """The ids of a page's items, in order."""
    return [item["id"] for item in answer["items"]]
