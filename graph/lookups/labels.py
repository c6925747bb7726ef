"""Names in any language, matched case- and accent-insensitively in Python.

SPARQL ``REGEX`` over labels is slow and cannot fold accents or compare scripts; a small index of
every label, alias, title and statement, normalised once (NFKD, marks dropped, casefolded, spaces
collapsed), answers ``wang yi``, ``王毅``, ``왕이`` or ``blinken`` at once. It is rebuilt when the
store's write counter (``GraphStore.generation``) moves, or after ``STALE_AFTER`` seconds for a
backend others may write to.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

from graph.cache import StoreCache
from graph.lookups.ids import Ids
from graph.lookups.sparql import Lit, select
from graph.namespaces import DCTERMS, DG, RDFS, SKOS
from graph.store import GraphStore

#: Seconds after which an index of a store without a write counter is rebuilt.
STALE_AFTER = 60.0
#: The kinds the search box looks at, in the order hits of equal quality are listed.
SEARCH_KINDS = ("actor", "topic", "meeting", "bundle", "document", "claim")
_PRIMARY = {str(RDFS.label), str(SKOS.prefLabel), str(DCTERMS.title), str(DG.statement)}


def normalise(text: str) -> str:
    """Text folded for matching: compatibility-decomposed, without accents, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@dataclass(frozen=True)
class Entry:
    iri: str
    kind: str
    text: str
    lang: str
    primary: bool
    norm: str


@dataclass(frozen=True)
class Hit:
    entry: Entry
    quality: int  # 0 exact, 1 prefix, 2 word prefix, 3 anywhere


def _quality(norm: str, query: str, tokens: list[str]) -> int | None:
    if norm == query:
        return 0
    if norm.startswith(query):
        return 1
    if all(t in norm for t in tokens):
        words = norm.split()
        return 2 if any(w.startswith(tokens[0]) for w in words) else 3
    return None


class LabelIndex:
    """Every name of every entity of the searchable kinds, normalised."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._names: dict[str, list[Entry]] = {}
        for entry in entries:
            self._names.setdefault(entry.iri, []).append(entry)
        self._words: dict[str, list[int]] | None = None
        self._words_lock = threading.Lock()

    def postings(self) -> dict[str, list[int]]:
        """Each word of the normalised names -> the entries holding it, in entry order. Built
        on the first search, not with the index: most requests read names only."""
        with self._words_lock:
            if self._words is None:
                words: dict[str, list[int]] = {}
                for i, entry in enumerate(self.entries):
                    for word in set(entry.norm.split()):
                        words.setdefault(word, []).append(i)
                self._words = words
            return self._words

    def _candidates(self, tokens: list[str]) -> list[int]:
        """The entries whose name contains every token, in entry order. A token has no space,
        so it lies inside one word: the distinct words are scanned (replicated and real text
        repeat their words), not the hundreds of thousands of names."""
        words = self.postings()
        found: set[int] | None = None
        for token in sorted(set(tokens), key=len, reverse=True):
            holding: set[int] = set()
            for word, where in words.items():
                if token in word:
                    holding.update(where)
            found = holding if found is None else found & holding
            if not found:
                return []
        return sorted(found or ())

    @classmethod
    def build(cls, store: GraphStore, ids: Ids) -> LabelIndex:
        entries = []
        for row in select(store, "lookup-labels"):
            text, entity = row.get("text"), row.get("entity")
            kind = ids.kind(entity) if isinstance(entity, str) else None
            if kind is None or not isinstance(entity, str) or not isinstance(text, Lit):
                continue
            entries.append(
                Entry(
                    iri=entity,
                    kind=kind,
                    text=text.value,
                    lang=text.lang,
                    primary=row.get("property") in _PRIMARY,
                    norm=normalise(text.value),
                )
            )
        return cls(entries)

    def match(self, query: str, kinds: set[str] | None = None) -> dict[str, Hit]:
        """The best hit per entity whose names contain every word of ``query``."""
        folded = normalise(query)
        tokens = folded.split()
        best: dict[str, Hit] = {}
        if not tokens:
            return best
        for i in self._candidates(tokens):
            entry = self.entries[i]
            if kinds is not None and entry.kind not in kinds:
                continue
            quality = _quality(entry.norm, folded, tokens)
            if quality is None:
                continue
            held = best.get(entry.iri)
            if held is None or (quality, not entry.primary) < (
                held.quality,
                not held.entry.primary,
            ):
                best[entry.iri] = Hit(entry, quality)
        return best

    def label(self, iri: str, lang: str = "en") -> str | None:
        """The display name of an entity: its primary name in ``lang``, else any primary name."""
        names = [e for e in self._names.get(str(iri), ()) if e.primary]
        if not names:
            return None
        names.sort(key=lambda e: (e.lang != lang, e.lang != "", e.lang, e.text))
        return names[0].text


class LazyIndex(LabelIndex):
    """A store's label index, built (or rebuilt after a write) when a name is first asked for.

    Routes take the index as a dependency, but most of their requests read no name (a list
    without a search text): those must not wait for the index a write made stale (seconds at
    1M triples). Called from a route's worker thread, never from the event loop.
    """

    def __init__(self, store: GraphStore, ids: Ids) -> None:
        self._store, self._ids = store, ids

    def _index(self) -> LabelIndex:
        return index_for(self._store, self._ids)

    def postings(self) -> dict[str, list[int]]:
        return self._index().postings()

    def match(self, query: str, kinds: set[str] | None = None) -> dict[str, Hit]:
        return self._index().match(query, kinds)

    def label(self, iri: str, lang: str = "en") -> str | None:
        return self._index().label(iri, lang)


_CACHE: StoreCache[str, LabelIndex] = StoreCache(ttl=STALE_AFTER, max_entries=1)


def cached_index(store: GraphStore, ids: Ids) -> LabelIndex | None:
    """The store's index when it is still fresh, without building one (never blocks long)."""
    return _CACHE.peek(store, ids.base)


def index_for(store: GraphStore, ids: Ids) -> LabelIndex:
    """The label index of a store, rebuilt after a write (or when stale for remote stores)."""
    return _CACHE.get(store, ids.base, lambda: LabelIndex.build(store, ids))
