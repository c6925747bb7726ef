"""Reiteration: a claim that repeats one already in the graph is linked to it, not duplicated.

Same claimant(s), same type, and most of the same content words (in the stored claim's
statement or quotes); the earlier claim must not be dated after the new one.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from array import array
from collections import Counter
from itertools import chain

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
    """The words of ``text`` worth comparing, interned: the stored claims' word sets (two per
    claim, kept with the extractor) then share one string per word, not one per use."""
    return frozenset(sys.intern(w) for w in _WORD.findall(text.lower())
                     if w not in _STOP and len(w) > 2)  # fmt: skip


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other (a short quote inside a long statement)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


Key = tuple[str, frozenset[str]]


class Reiterations:
    """An index of the stored claims by type and claimants, built once per knowledge base.

    Within each (type, claimants) group, an inverted index from content word to claims: in a
    large store a group holds thousands of claims (those of a state), and only the ones that
    share a word with the new claim can be similar enough. A claim's words are kept only
    there, its positions as 4-byte ints, and beside the claim only how many words it has
    (similarity's denominator): a word set per claim and a Python int per posting were most
    of the index's memory.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        #: each group's claims with how many content words each has, in the order added; a
        #: forgotten claim's place is None
        self.index: dict[Key, list[tuple[int, StoredClaim] | None]] = {}
        #: per group: word -> the positions in ``index[key]`` of the claims using it, ascending
        self.postings: dict[Key, dict[str, array[int]]] = {}
        self._key_of: dict[str, Key] = {}
        self._forgotten: dict[Key, int] = {}
        self.add(kb.claims)

    def remove(self, iris: set[str]) -> None:
        """Forget stored claims (a write changed or removed them). Their places are emptied,
        and a group is indexed again only once half of it is empty: deleting a readout that
        restated a state's claims would otherwise index the state's thousands again."""
        for key in {self._key_of.pop(iri) for iri in iris if iri in self._key_of}:
            entries = self.index[key]
            for i, entry in enumerate(entries):
                if entry is not None and entry[1].iri in iris:
                    entries[i] = None
                    self._forgotten[key] = self._forgotten.get(key, 0) + 1
            if 2 * self._forgotten[key] > len(entries):
                del self._forgotten[key]
                self._compact(key)

    def _compact(self, key: Key) -> None:
        """Drop a group's empty places, its postings renumbered (its words not read again)."""
        entries = self.index.pop(key)
        postings = self.postings.pop(key)
        kept = [i for i, entry in enumerate(entries) if entry is not None]
        if not kept:
            return
        moved = {old: new for new, old in enumerate(kept)}
        self.index[key] = [entries[i] for i in kept]
        self.postings[key] = {
            word: renumbered for word, positions in postings.items()
            if (renumbered := array("i", (moved[i] for i in positions if i in moved)))
        }

    def add(self, claims: list[StoredClaim]) -> None:
        """Index more stored claims (those an ingest just wrote)."""
        for stored in claims:
            key = (stored.type, stored.claimants)
            words = content_words(stored.text)
            entries = self.index.setdefault(key, [])
            postings = self.postings.setdefault(key, {})
            for word in words:
                postings.setdefault(word, array("i")).append(len(entries))
            entries.append((len(words), stored))
            self._key_of[stored.iri] = key

    def find(
        self, claim_type: str, claimants: tuple[str, ...], quote: str, day: dt.date | None
    ) -> StoredClaim | None:
        """The stored claim this one reiterates, if any (the most similar, then the earliest)."""
        words = content_words(quote)
        if len(words) < 2:
            return None
        key = (claim_type, frozenset(claimants))
        entries, postings = self.index.get(key, []), self.postings.get(key, {})
        # entry -> words in common (similarity's numerator), counted in C: a state's common
        # words ("taiwan") have postings of thousands of claims in a large store
        shared = Counter(chain.from_iterable(postings.get(word, ()) for word in words))
        n = len(words)
        # the similar enough first, in one pass (most entries sharing a word are not)
        close = [(i, score) for i, common in shared.items() if (entry := entries[i]) is not None
                 and (score := common / min(n, entry[0])) >= THRESHOLD]  # fmt: skip
        best: tuple[float, int, StoredClaim] | None = None
        for i, score in sorted(close):  # in index order, so ties go as a full scan would
            stored = entries[i][1]  # type: ignore[index]  # None were left out
            if day is not None and stored.date is not None and stored.date > day:
                continue
            rank = (score, -(stored.date or dt.date.min).toordinal(), stored)
            if best is None or rank[:2] > best[:2]:
                best = rank
        return best[2] if best else None
