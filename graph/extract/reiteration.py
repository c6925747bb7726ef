"""Reiteration: a claim that repeats one already in the graph is linked to it, not duplicated.

Same claimant(s), same type, and most of the same content words (in the stored claim's
statement or quotes); the earlier claim must not be dated after the new one.
"""

from __future__ import annotations

import datetime as dt
import re

from graph.extract.kb import KnowledgeBase, StoredClaim

_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "at",
        "as",
        "its",
        "their",
        "his",
        "her",
        "our",
        "is",
        "are",
        "be",
        "that",
        "this",
        "these",
        "those",
        "it",
        "they",
        "we",
        "must",
        "should",
        "will",
        "not",
        "no",
        "china",
        "chinese",
        "us",
        "u.s.",
        "united",
        "states",
        "side",
        "sides",
        "american",
        "both",
        "two",
        "also",
        "said",
    ]
)
THRESHOLD = 0.5


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other (a short quote inside a long statement)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class Reiterations:
    """An index of the stored claims by type and claimants, built once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.index: dict[tuple[str, frozenset[str]], list[tuple[frozenset[str], StoredClaim]]] = {}
        for stored in kb.claims:
            key = (stored.type, stored.claimants)
            self.index.setdefault(key, []).append((content_words(stored.text), stored))

    def find(
        self, claim_type: str, claimants: tuple[str, ...], quote: str, day: dt.date | None
    ) -> StoredClaim | None:
        """The stored claim this one reiterates, if any (the most similar, then the earliest)."""
        words = content_words(quote)
        if len(words) < 2:
            return None
        best: tuple[float, int, StoredClaim] | None = None
        for stored_words, stored in self.index.get((claim_type, frozenset(claimants)), []):
            if day is not None and stored.date is not None and stored.date > day:
                continue
            score = similarity(words, stored_words)
            if score < THRESHOLD:
                continue
            key = (score, -(stored.date or dt.date.min).toordinal(), stored)
            if best is None or key[:2] > best[:2]:
                best = key
        return best[2] if best else None
