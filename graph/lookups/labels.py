"""Names in any language, matched case- and accent-insensitively in Python.

SPARQL ``REGEX`` over labels is slow and cannot fold accents or compare scripts; a small index of
every label, alias, title and statement, normalised once (NFKD, marks dropped, casefolded, spaces
collapsed), answers ``wang yi``, ``王毅``, ``왕이`` or ``blinken`` at once.

Built whole once (seconds at 1M triples, in the server's warm-up); after every write that lands
(``graph.write.commit.on_commit``, under the write lock) the next index is made from the last by
reading again only the names of the entities the write touched (and of the claims whose
evidence it touched): their old entries are marked dead, their new ones appended, and the word
postings, shared between the two indexes, only ever grow, so a reader holding the older index
sees nothing change under it. When dead entries pile up the index is compacted, from memory. A
write whose subjects are unknown drops it (the next name asked for rebuilds it); a backend others
may write to is read again after ``STALE_AFTER`` seconds.
"""

from __future__ import annotations

import logging
import sys
import threading
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from rdflib import BNode, Literal
from rdflib.term import Node

from graph.cache import StoreCache
from graph.lookups import vocab
from graph.lookups.ids import Ids
from graph.lookups.paths import Link, Shape, read
from graph.lookups.sparql import Lit, select, text
from graph.namespaces import DCTERMS, DG, RDFS, SKOS
from graph.readmodel.layered import Layered
from graph.store import GraphStore
from graph.write.commit import on_commit

#: Seconds after which an index of a store without a write counter is rebuilt.
STALE_AFTER = 60.0
#: The kinds the search box looks at, in the order hits of equal quality are listed.
SEARCH_KINDS = ("actor", "topic", "meeting", "bundle", "document", "claim")
_PRIMARY = {str(RDFS.label), str(SKOS.prefLabel), str(DCTERMS.title), str(DG.statement)}
#: The properties ``lookup-labels.rq`` reads names from (and a claim's evidence's quotes).
_NAMED_BY = frozenset({*_PRIMARY, str(SKOS.altLabel)})
_NAMES_SHAPE = Shape(fields=_NAMED_BY, links=(
    Link(vocab.EVIDENCE, frozenset({vocab.QUOTE}), record=vocab.EVIDENCE),))
#: Dead entries (of renamed or removed entities) past which an index is compacted.
COMPACT_AFTER = 20_000


def normalise(text: str) -> str:
    """Text folded for matching: compatibility-decomposed, without accents, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@dataclass(frozen=True, slots=True)
class Entry:
    iri: str
    kind: str
    text: str
    lang: str
    primary: bool
    norm: str


@dataclass(frozen=True, slots=True)
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
    """Every name of every entity of the searchable kinds, normalised.

    ``entries`` may hold None where an entry died (its entity was renamed or removed by a
    write since the index was built); the postings and ``_names`` only point at live ones of
    this index, or (postings shared with a later index) at positions past its end.
    """

    def __init__(self, entries: list[Entry | None],
                 names: Mapping[str, tuple[int, ...]] | None = None,
                 words: dict[str, list[int]] | None = None, dead: int = 0) -> None:  # fmt: skip
        self.entries = entries
        if names is None:
            found: dict[str, list[int]] = {}
            for i, entry in enumerate(entries):
                if entry is not None:
                    found.setdefault(entry.iri, []).append(i)
            names = {iri: tuple(where) for iri, where in found.items()}
        self._names = names
        self._words = words
        self._dead = dead
        self._words_lock = threading.Lock()
        #: ``{kind: each position's entity if that entry is alive and of the kind, else None}``
        self._owners: dict[str, list[str | None]] = {}

    def owners(self, kind: str) -> list[str | None]:
        """By position, each entry's entity when the entry is alive and of ``kind``, else None:
        a search of one kind maps the positions it found through it in C, not entry by entry
        (a common word holds thousands of entries at 1M triples). Made on the first search of
        the kind (as the postings are), carried along by ``followed``."""
        found = self._owners.get(kind)
        if found is None:
            found = [e.iri if e is not None and e.kind == kind else None for e in self.entries]
            self._owners[kind] = found
        return found

    def postings(self) -> dict[str, list[int]]:
        """Each word of the normalised names -> the entries holding it, in entry order. Built
        on the first search, not with the index: most requests read names only."""
        with self._words_lock:
            if self._words is None:
                words: dict[str, list[int]] = {}
                for i, entry in enumerate(self.entries):
                    if entry is not None:
                        for word in set(entry.norm.split()):
                            words.setdefault(word, []).append(i)
                self._words = words
            return self._words

    def _candidates(self, tokens: list[str]) -> list[int]:
        """The entries whose name contains every token, in entry order."""
        size = len(self.entries)  # positions past the end were added for a later index
        return sorted(i for i in self._holding(tokens) if i < size and self.entries[i] is not None)

    def _holding(self, tokens: list[str]) -> set[int]:
        """The positions of the entries whose name contains every token, unordered; dead
        entries and positions past this index's end among them. A token has no space, so it
        lies inside one word: the distinct words are scanned (replicated and real text repeat
        their words), not the hundreds of thousands of names."""
        words = self.postings()
        found: set[int] | None = None
        for token in sorted(set(tokens), key=len, reverse=True):
            holding: set[int] = set()
            for word, where in words.items():  # never grown once shared: see ``followed``
                if token in word:
                    holding.update(where)
            found = holding if found is None else found & holding
            if not found:
                return set()
        return found or set()

    def followed(self, changed: Mapping[str, list[Entry]]) -> LabelIndex:
        """The index after a write: each entity of ``changed`` has exactly the entries given
        (none: it has no name left). This index is left as it was; the postings are shared,
        grown by the new entries' positions, which lie past this index's end."""
        entries = list(self.entries)
        dead = self._dead
        for iri in changed:
            for i in self._names.get(iri, ()):
                entries[i] = None
                dead += 1
        added: list[int] = []
        put: dict[str, tuple[int, ...]] = {}
        for iri, new in changed.items():
            if new:
                start = len(entries)
                entries.extend(new)
                put[iri] = tuple(range(start, len(entries)))
                added.extend(put[iri])
        # the last index's map shared, with the changes over it: a copy of the whole map (an
        # entry per named entity) cost each write milliseconds of the readers' lock at 1M
        names = Layered.of(self._names).updated(put, changed)
        with self._words_lock:
            words = self._words
        if words is not None:
            if dead > COMPACT_AFTER and dead * 4 > len(entries):
                compact = LabelIndex([e for e in entries if e is not None])
                compact.postings()  # now, in the write, rather than in a reader's request
                for kind in list(self._owners):
                    compact.owners(kind)
                return compact
            fresh: dict[str, list[int]] | None = None
            for i in added:
                entry = entries[i]
                assert entry is not None
                for word in set(entry.norm.split()):
                    where = (words if fresh is None else fresh).get(word)
                    if where is not None:
                        where.append(i)
                    else:  # a new word: a new dict, a reader may be walking the old one
                        if fresh is None:
                            fresh = dict(words)
                        fresh[word] = [i]
            words = fresh if fresh is not None else words
        following = LabelIndex(entries, names, words, dead)
        size = len(self.entries)
        for kind, owners in list(self._owners.items()):
            now = list(owners)
            for iri in changed:
                for i in self._names.get(iri, ()):
                    now[i] = None
            now.extend(e.iri if e is not None and e.kind == kind else None
                       for e in entries[size:])  # fmt: skip
            following._owners[kind] = now
        return following

    @classmethod
    def build(cls, store: GraphStore, ids: Ids) -> LabelIndex:
        entries: list[Entry | None] = []
        for row in select(store, "lookup-labels"):
            text, entity = row.get("text"), row.get("entity")
            if isinstance(entity, str) and isinstance(text, Lit):
                entry = _entry(ids, entity, str(row.get("property")), text)
                if entry is not None:
                    entries.append(entry)
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
            if entry is None or (kinds is not None and entry.kind not in kinds):
                continue
            quality = _quality(entry.norm, folded, tokens)
            if quality is None:
                continue
            held = best.get(entry.iri)
            # ties by text and language, not by where an entry lies in the index (which a
            # write changes): the same answer from an index followed or built anew
            if held is None or (quality, not entry.primary, entry.text, entry.lang) < (
                held.quality,
                not held.entry.primary,
                held.entry.text,
                held.entry.lang,
            ):
                best[entry.iri] = Hit(entry, quality)
        return best

    def matching(self, query: str, kinds: set[str] | None = None) -> set[str]:
        """The entities whose names contain every word of ``query``: ``match``'s keys without
        ranking them, for a caller that orders the hits its own way (claims by date). A common
        word names thousands of claims at 1M triples, and their ranking was half the cost."""
        tokens = normalise(query).split()
        if not tokens:
            return set()
        entries, size = self.entries, len(self.entries)
        found = self._holding(tokens)  # a set: no need to sort it first
        if kinds is not None and len(kinds) == 1:
            (kind,) = kinds
            try:  # positions past the end (postings shared with a later index) raise
                hits = set(map(self.owners(kind).__getitem__, found))
            except IndexError:
                pass
            else:
                hits.discard(None)
                return hits  # type: ignore[return-value]  # None discarded
        return {entry.iri for i in found if i < size and (entry := entries[i]) is not None
                and (kinds is None or entry.kind in kinds)}  # fmt: skip

    def holding(self, iris: Iterable[str], tokens: Collection[str]) -> list[str]:
        """Those of entities ``iris`` (in their order) one of whose live names holds every
        token (folded, each inside a word): what ``matching`` asks of every entry, asked of
        these entities' entries only."""
        entries, names, found = self.entries, self._names, []
        for iri in iris:
            for i in names.get(iri, ()):
                entry = entries[i]
                if entry is not None:
                    norm = entry.norm
                    if all(t in norm for t in tokens):
                        found.append(iri)
                        break
        return found

    def label(self, iri: str, lang: str = "en") -> str | None:
        """The display name of an entity: its primary name in ``lang``, else any primary name."""
        entries = self.entries
        names = [e for i in self._names.get(str(iri), ()) if (e := entries[i]) and e.primary]
        if not names:
            return None
        names.sort(key=lambda e: (e.lang != lang, e.lang != "", e.lang, e.text))
        return names[0].text


def _entry(ids: Ids, entity: str, prop: str, text: Lit) -> Entry | None:
    kind = ids.kind(entity)
    if kind is None:
        return None
    norm = normalise(text.value)  # one string, not two, when the text is folded already
    return Entry(iri=sys.intern(entity), kind=kind, text=text.value, lang=sys.intern(text.lang),
                 primary=prop in _PRIMARY,
                 norm=text.value if norm == text.value else norm)  # fmt: skip


def names_of(store: GraphStore, ids: Ids, entities: Iterable[str]) -> dict[str, list[Entry]]:
    """The entries ``lookup-labels.rq`` gives each of ``entities`` (our IRIs; others are left
    out), read with each bound: its names, and its evidence's quotes."""
    wanted = [e for e in dict.fromkeys(entities) if ids.kind(e) is not None]
    fields = read(store, wanted, _NAMES_SHAPE)
    found: dict[str, list[Entry]] = {}
    for entity in wanted:
        own = fields.get(entity, {})
        entries = found[entity] = []
        values = [(p, v) for p in sorted(_NAMED_BY) for v in own.get(p, [])]
        values += [(vocab.QUOTE, q) for e in own.get(vocab.EVIDENCE, []) if not isinstance(e, Lit)
                   for q in fields.get(text(e), {}).get(vocab.QUOTE, [])]  # fmt: skip
        for prop, value in values:
            if isinstance(value, Lit):
                entry = _entry(ids, entity, prop, value)
                if entry is not None:
                    entries.append(entry)
    return found


def _affected(store: GraphStore, touched: Iterable[str]) -> set[str]:
    """The entities whose names a write touching ``touched`` may have changed: those nodes, and
    the claims whose evidence (its quote) is one of them."""
    nodes = list(touched)
    shape = Shape(fields=frozenset(), links=(Link(vocab.EVIDENCE, frozenset(), inverse=True,
                                                  record="claims"),))  # fmt: skip
    claims = read(store, nodes, shape)
    return {*nodes, *(text(c) for n in nodes for c in claims.get(n, {}).get("claims", []))}


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

    def matching(self, query: str, kinds: set[str] | None = None) -> set[str]:
        return self._index().matching(query, kinds)

    def owners(self, kind: str) -> list[str | None]:
        return self._index().owners(kind)

    def holding(self, iris: Iterable[str], tokens: Collection[str]) -> list[str]:
        return self._index().holding(iris, tokens)

    def label(self, iri: str, lang: str = "en") -> str | None:
        return self._index().label(iri, lang)


_CACHE: StoreCache[str, LabelIndex] = StoreCache(ttl=STALE_AFTER, max_entries=1, follows=True,
                                                      name="label_index")


def cached_index(store: GraphStore, ids: Ids) -> LabelIndex | None:
    """The store's index when it is still fresh, without building one (never blocks long)."""
    return _CACHE.peek(store, ids.base)


def index_for(store: GraphStore, ids: Ids) -> LabelIndex:
    """The label index of a store, rebuilt after a write (or when stale for remote stores)."""
    return _CACHE.get(store, ids.base, lambda: LabelIndex.build(store, ids))


def _committed(store: GraphStore, before: int, touched: set[Node] | None) -> None:
    """After a write (under the write lock): the next index from the kept one, the names of
    the entities the write touched read again. A write whose subjects are unknown, or a failed
    read, drops it: the next name asked for builds it whole."""
    if touched is None or any(isinstance(n, BNode) for n in touched):
        return  # the generation moved: the kept index is no longer returned
    nodes = {str(n) for n in touched if not isinstance(n, Literal)}

    def follow(base: str, index: LabelIndex) -> LabelIndex | None:
        ids = Ids(base)
        try:
            return index.followed(names_of(store, ids, _affected(store, nodes)))
        except Exception:  # the write has landed: a failed follow only means a rebuild
            logging.getLogger(__name__).warning("label index dropped", exc_info=True)
            return None

    _CACHE.follow(store, before, follow)


on_commit(_committed)
