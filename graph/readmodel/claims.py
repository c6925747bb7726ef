"""The claims read model: every claim's REST shape and the keys every claim filter selects by.

One immutable ``ClaimState`` per store generation. A write makes the next state from the last
one by reading again only the claims it touched (and those whose shape read a touched node: a
renamed actor, a document whose title changed); the state is then swapped in whole, so a reader
holding one never sees it half updated and needs no lock.

The selection mirrors ``lookup-claims.rq`` (a test compares the two on every filter): a
claimant or addressee widened to the actor's state, a meeting to its parts, a topic to its
narrower topics, a document through ``reportedBy`` and through evidence.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sys
import zlib
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import Any

from graph.lookups import vocab
from graph.lookups.ids import slug_of
from graph.lookups.labels import normalise
from graph.lookups.refs import document_ref
from graph.lookups.sparql import Fields, Lit, as_date, text
from graph.rdf.hierarchy import ancestors
from graph.readmodel.layered import Layered, LayeredSet, edited

#: The filter keys read from a claim's own fields; "document" and "side" also read evidence.
_OWN_KEYS = {
    "type": vocab.TYPE,
    "claimant": vocab.CLAIMANT,
    "addressee": vocab.ADDRESSEE,
    "topic": vocab.TOPIC,
    "meeting": vocab.MADE_AT,
    "origin": vocab.ORIGIN,
}


CLAIM = "https://w3id.org/diplograph/ontology#Claim"
#: The classes whose members the read model keeps in date order: every claim, and each type.
ORDERED = frozenset({CLAIM, *vocab.CLAIM_TYPES.values()})

SortKey = tuple[int, int, str]


def newest_key(date: dt.date | None, slug: str) -> SortKey:
    """Newest first, undated last, ties by id: the order of ``claims.sort_matches``."""
    return (0, -date.toordinal(), slug) if date else (1, 0, slug)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """What the filters read of one claim, and the nodes its REST shape was read from."""

    iri: str
    #: ``((name, values), ...)``: tuples, a third of the memory of a dict of sets; the values
    #: interned (an actor's IRI is one string however many claims name it)
    keys: tuple[tuple[str, tuple[str, ...]], ...]
    #: a claim has at most one date (a shape checks it)
    date: dt.date | None
    #: interned, a tuple (a quarter of a frozenset's memory; only ever iterated)
    reads: tuple[str, ...]
    newest: SortKey
    #: the distinct words of its names as the label index folds them (``labels.normalise``:
    #: statements, labels, titles, its evidence's quotes), sorted, interned, the tuple shared
    #: by the claims with the same words: what ``ClaimState.words`` files it under
    words: tuple[str, ...] = ()

    @property
    def oldest(self) -> SortKey:
        """Oldest first, undated last, ties by id (made when asked: kept per claim it was a
        tenth of a row's memory)."""
        first, day, slug = self.newest
        return (first, -day, slug)

    def key(self, name: str) -> tuple[str, ...]:
        """The claim's values of filter key ``name``."""
        return next((values for n, values in self.keys if n == name), ())


def row_of(iri: str, fields: dict[str, Fields], reads: Iterable[str]) -> ClaimRow:
    """The filter keys of claim ``iri`` from the fields its REST shape was read with;
    ``reads``: the other nodes that shape read."""
    own = fields.get(iri, {})
    keys = {name: _unique(text(v) for v in own.get(p, [])) for name, p in _OWN_KEYS.items()}
    evidence = [fields.get(text(e), {}) for e in own.get(vocab.EVIDENCE, [])]
    documents = [text(d) for d in own.get(vocab.REPORTED_BY, [])]
    documents += [text(d) for node in evidence for d in node.get(vocab.DOCUMENT, [])]
    keys["document"] = _unique(documents)
    keys["side"] = _unique(text(s) for e in evidence for s in e.get(vocab.REPORTING_SIDE, []))
    dates = sorted(d for d in (as_date(v) for v in own.get(vocab.CLAIM_DATE, [])) if d)
    date, slug = (dates[0] if dates else None), slug_of(iri)
    packed = tuple(_shared((name, values)) for name, values in keys.items() if values)
    return ClaimRow(iri, packed, date, tuple(sorted(map(sys.intern, set(reads)))),
                    newest_key(date, slug), words_of(own, evidence))  # fmt: skip


#: The properties the label index reads a claim's names from (``lookup-labels.rq``); the
#: quotes of its evidence are read from the evidence nodes.
NAMED_BY = (vocab.LABEL, vocab.PREF_LABEL, vocab.ALT_LABEL, vocab.TITLE, vocab.STATEMENT)
#: One tuple per distinct set of words (claims made from one template share theirs).
_WORDS: dict[tuple[str, ...], tuple[str, ...]] = {}


def words_of(own: Fields, evidence: Iterable[Fields]) -> tuple[str, ...]:
    """The distinct words of a claim's names and its evidence's quotes, folded as the label
    index folds them, so that a claim is filed under a word exactly when one of its entries
    there holds the word."""
    names = [v for p in NAMED_BY for v in own.get(p, [])]
    names += [q for node in evidence for q in node.get(vocab.QUOTE, [])]
    found = {w for v in names if isinstance(v, Lit) for w in normalise(v.value).split()}
    words = tuple(sorted(map(sys.intern, found)))
    return _WORDS.setdefault(words, words)


#: One tuple for each ``(key name, values)`` a claim has: claims share them (a type, a
#: claimant, a meeting's or a document's claims), and tuples kept per claim were most of a
#: row's memory. Grows with the distinct keys seen, far fewer than the claims.
_SHARED: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}


def _shared(pair: tuple[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...]]:
    return _SHARED.setdefault(pair, pair)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(map(sys.intern, set(values))))


ENGAGEMENT = "https://w3id.org/diplograph/ontology#Engagement"
#: What the meeting filters read of an engagement.
MEETING_FIELDS = frozenset({vocab.TYPE, vocab.PARTICIPANT, vocab.SIDE, vocab.START_DATE,
                            vocab.END_DATE, vocab.FOLLOWS_UP})  # fmt: skip


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """What the meeting filters read of one engagement."""

    iri: str
    types: frozenset[str]
    #: participants and sides: an actor "took part" either way
    attendees: frozenset[str]
    start: dt.date | None
    end: dt.date | None
    key: tuple[bool, dt.date, str]
    #: the engagements it follows up (a meeting's page lists those that follow it up)
    follows_up: frozenset[str] = frozenset()


def meeting_row(iri: str, own: Fields) -> MeetingRow | None:
    """The filter row of engagement ``iri``, None when it is not one."""
    types = frozenset(text(t) for t in own.get(vocab.TYPE, []))
    if ENGAGEMENT not in types:
        return None
    attendees = frozenset(text(a) for p in (vocab.PARTICIPANT, vocab.SIDE) for a in own.get(p, []))
    start = min((d for d in (as_date(v) for v in own.get(vocab.START_DATE, [])) if d), default=None)
    end = min((d for d in (as_date(v) for v in own.get(vocab.END_DATE, [])) if d), default=None)
    return MeetingRow(iri, types, attendees, start, end,
                      (start is None, start or dt.date.min, slug_of(iri)),
                      frozenset(text(m) for m in own.get(vocab.FOLLOWS_UP, [])))  # fmt: skip


SOURCE_DOCUMENT = "https://w3id.org/diplograph/ontology#SourceDocument"
#: What the document list reads of a source document.
DOCUMENT_FIELDS = frozenset({vocab.TYPE, vocab.DATE, vocab.REPORTS_ON, *vocab.NAME_PROPERTIES,
                             vocab.PUBLISHER_NAME, vocab.URL})  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """What the document list reads of one source document: its date and what it reports on."""

    iri: str
    date: dt.date | None
    meetings: frozenset[str]
    #: newest first, undated last, ties by id: the order of ``documents.find``
    key: tuple[bool, int, str]
    #: its short reference (id, title, publisher, url: ``refs.document_ref``), as a meeting's
    #: page lists it
    brief: tuple[tuple[str, str | None], ...] = ()
    #: its item of the document list (``documents.summary``, ``pack``ed; compared unpacked),
    #: and the other nodes it was read from (its publisher, the engagements it reports on)
    shape: bytes = field(default=b"", compare=False)
    reads: frozenset[str] = frozenset()


def document_row(iri: str, own: Fields, shape: bytes = b"",
                 reads: frozenset[str] = frozenset()) -> DocumentRow | None:  # fmt: skip
    """The list row of source document ``iri``, None when it is not one; ``shape`` and
    ``reads``: its list item and the nodes read for it."""
    if SOURCE_DOCUMENT not in {text(t) for t in own.get(vocab.TYPE, [])}:
        return None
    date = min((d for d in (as_date(v) for v in own.get(vocab.DATE, [])) if d), default=None)
    meetings = frozenset(text(m) for m in own.get(vocab.REPORTS_ON, []))
    key = (date is None, -date.toordinal() if date else 0, slug_of(iri))
    brief = tuple(document_ref({iri: own}, iri).items())
    return DocumentRow(iri, date, meetings, key, brief, shape, reads)


#: The links the filters widen through: an actor's state, a topic's broader topic, the
#: engagement a meeting is part of.
UP_LINKS = (vocab.COUNTRY, vocab.BROADER, vocab.PART_OF)


@dataclass(frozen=True)
class Hierarchy:
    """The widening links as stored (``up``: ``{link: {node: its targets}}``), and what the
    filters read of them: actors' states, and topics' and engagements' descendants."""

    up: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    country: Mapping[str, frozenset[str]] = field(default_factory=dict)
    narrower: Mapping[str, frozenset[str]] = field(default_factory=dict)
    parts: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, up: Mapping[str, Mapping[str, frozenset[str]]]) -> Hierarchy:
        return cls(up, up.get(vocab.COUNTRY, {}), closure(up.get(vocab.BROADER, {})),
                   closure(up.get(vocab.PART_OF, {})))  # fmt: skip

    def changed(self, nodes: Iterable[str], fields: Mapping[str, Fields]) -> Hierarchy:
        """With the links of ``nodes`` as ``fields`` has them now."""
        up = {link: dict(self.up.get(link, {})) for link in UP_LINKS}
        for node in nodes:
            for link in UP_LINKS:
                targets = frozenset(text(v) for v in fields.get(node, {}).get(link, []))
                if targets:
                    up[link][node] = targets
                else:
                    up[link].pop(node, None)
        return Hierarchy.of(up)


def closure(up: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """``{node: every node below it}`` from ``{node: the nodes directly above it}``."""
    down = ((parent, child) for child, parents in up.items() for parent in parents)
    return {top: frozenset(below) for top, below in ancestors(down).items()}


@dataclass(frozen=True)
class ClaimState:
    """The read model at one generation of the store."""

    generation: int
    rows: Mapping[str, ClaimRow] = field(default_factory=dict)
    #: each claim's REST shape, pickled and compressed (``pack``): a thirtieth of the memory
    #: of the dicts, and each reader gets a copy of its own (``shape``)
    shapes: Mapping[str, bytes] = field(default_factory=dict)
    #: ``{key name: {value: claims}}``
    index: Mapping[str, Mapping[str, AbstractSet[str]]] = field(default_factory=dict)
    #: ``{node: claims whose shape read it}``
    readers: Mapping[str, AbstractSet[str]] = field(default_factory=dict)
    hierarchy: Hierarchy = field(default_factory=Hierarchy)
    #: ``{class: its claims newest first}`` for every claim and each claim type (``ORDERED``)
    ordered: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: ``{word: the claims whose names hold it, newest first}`` (``ClaimRow.words``): a page
    #: of a search text is the first claims of its words' lists in the dates, and the count
    #: their lengths, whatever the number of hits
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: ``{topic: its claims newest first}``: a topic's page (a topic since a date) is the
    #: first claims of its and its narrower topics' lists in the dates, whatever their number
    by_topic: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: every engagement, and ``{actor: the engagements it took part in}``
    meetings: Mapping[str, MeetingRow] = field(default_factory=dict)
    attendance: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: each engagement's REST shape with titles (``pack``ed), the nodes read for it, and
    #: ``{node: engagements whose shape read it}``
    meeting_shapes: Mapping[str, bytes] = field(default_factory=dict)
    meeting_reads: Mapping[str, frozenset[str]] = field(default_factory=dict)
    meeting_readers: Mapping[str, AbstractSet[str]] = field(default_factory=dict)
    #: every source document, and their IRIs newest first (undated last, ties by id)
    documents: Mapping[str, DocumentRow] = field(default_factory=dict)
    document_order: tuple[str, ...] = ()
    #: ``{node: documents whose list item read it}``
    document_readers: Mapping[str, AbstractSet[str]] = field(default_factory=dict)
    #: ``{engagement: the documents reporting on it}`` and ``{engagement: the engagements
    #: following it up}``: what a meeting's page lists
    reporting: Mapping[str, frozenset[str]] = field(default_factory=dict)
    followers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: what is derived from this state on first use (``rank``); not copied by ``replace``
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False,
                                     compare=False)  # fmt: skip

    def rank(self, kind: str) -> Mapping[str, int]:
        """Each claim's place in ``ordered[kind]`` (newest first): a page of claims filtered by
        other keys and dates is then their smallest places, found without sorting (the dates
        are a range of places). Made on the first request of each state (10 ms at 1M
        triples); two requests making it at once make the same dict."""
        found = self._derived.get(kind)
        if found is None:
            found = {iri: i for i, iri in enumerate(self.ordered.get(kind, ()))}
            self._derived[kind] = found
        return found

    def with_meetings(self, rows: Mapping[str, MeetingRow | None],
                      shapes: Mapping[str, tuple[bytes, frozenset[str]]]
                      ) -> ClaimState:  # fmt: skip
        """With the filter rows of ``rows``' engagements replaced (None: no longer one) and
        their shapes dropped, then the REST shapes of ``shapes`` (``pack``ed, with the nodes
        read for each) put in."""
        meetings = dict(self.meetings)
        packed = dict(self.meeting_shapes)
        attendance: dict[str, tuple[set[str], set[str]]] = {}
        followers: dict[str, tuple[set[str], set[str]]] = {}
        readers: dict[str, tuple[set[str], set[str]]] = {}
        for iri, row in rows.items():
            old = meetings.pop(iri, None)
            for actor in old.attendees if old else ():
                _edit(attendance, actor, iri, 1)
            for earlier in old.follows_up if old else ():
                _edit(followers, earlier, iri, 1)
            if row is not None:
                meetings[iri] = row
                for actor in row.attendees:
                    _edit(attendance, actor, iri, 0)
                for earlier in row.follows_up:
                    _edit(followers, earlier, iri, 0)
        for iri in rows.keys() | shapes.keys():
            if packed.pop(iri, None) is not None:
                for node in self.meeting_reads.get(iri, ()):
                    _edit(readers, node, iri, 1)
        reads = dict(self.meeting_reads)  # a copy in C, then a few keys out: not a filter
        for iri in rows:
            reads.pop(iri, None)
        for iri, (shape, nodes) in shapes.items():
            packed[iri], reads[iri] = shape, nodes
            for node in nodes:
                _edit(readers, node, iri, 0)
        return replace(self, meetings=meetings, meeting_shapes=packed, meeting_reads=reads,
                       attendance=_regrouped(self.attendance, attendance, _whole_set),
                       followers=_regrouped(self.followers, followers, _whole_set),
                       meeting_readers=_regrouped(self.meeting_readers, readers))

    def meeting_shape(self, iri: str) -> dict[str, Any] | None:
        """The REST shape of engagement ``iri`` with titles (a fresh copy), or None."""
        packed = self.meeting_shapes.get(iri)
        return None if packed is None else unpack(packed)

    def with_documents(self, rows: Mapping[str, DocumentRow | None]) -> ClaimState:
        """With the source documents of ``rows`` replaced (None: no longer one)."""
        if not rows:
            return self
        documents = dict(self.documents)
        reporting: dict[str, tuple[set[str], set[str]]] = {}
        readers: dict[str, tuple[set[str], set[str]]] = {}
        order = [i for i in self.document_order if i not in rows]
        added: list[str] = []
        for iri, row in rows.items():
            old = documents.pop(iri, None)
            for meeting in old.meetings if old else ():
                _edit(reporting, meeting, iri, 1)
            for node in old.reads if old else ():
                _edit(readers, node, iri, 1)
            if row is not None:
                documents[iri] = row
                added.append(iri)
                for meeting in row.meetings:
                    _edit(reporting, meeting, iri, 0)
                for node in row.reads:
                    _edit(readers, node, iri, 0)
        if len(added) > 64:  # a build: one sort (stable: as insort puts them)
            order.extend(added)
            order.sort(key=lambda i: documents[i].key)
        else:
            for iri in added:
                insort(order, iri, key=lambda i: documents[i].key)
        return replace(self, documents=documents, document_order=tuple(order),
                       reporting=_regrouped(self.reporting, reporting, _whole_set),
                       document_readers=_regrouped(self.document_readers, readers))

    def document_shape(self, iri: str) -> dict[str, Any] | None:
        """The list item of source document ``iri`` as ``documents.summary`` makes it (a fresh
        copy), None when it is none."""
        row = self.documents.get(iri)
        return None if row is None or not row.shape else unpack(row.shape)

    def changed(self, generation: int, rows: Mapping[str, ClaimRow],
                shapes: Mapping[str, bytes], gone: Iterable[str],
                hierarchy: Hierarchy) -> ClaimState:  # fmt: skip
        """The next state: ``rows`` and ``shapes`` (``pack``ed) replace or add claims, ``gone``
        leave."""
        new_rows = dict(self.rows)  # a plain dict: readers look rows up in their sort keys
        index = dict(self.index)
        edits: dict[tuple[str, str], tuple[set[str], set[str]]] = {}  # one set op per key
        moved: set[str] = set()  # claims whose place in date order changed
        for iri in {*gone, *rows}:
            old = new_rows.pop(iri, None)
            if old is not None:
                _note(edits, old, 1)
                if iri in rows and rows[iri].newest != old.newest:
                    moved.add(iri)
        for iri, row in rows.items():
            new_rows[iri] = row
            _note(edits, row, 0)
        new_shapes = Layered.of(self.shapes).updated({iri: shapes[iri] for iri in rows}, gone)
        ordered = dict(self.ordered)
        put: dict[str, dict[str, AbstractSet[str]]] = {}
        drop: dict[str, list[str]] = {}
        while edits:  # each key's sets let go once its set is made: a build's peak
            (name, value), (added, removed) = edits.popitem()
            added, removed = added - removed, removed - added  # a claim filed again: no change
            column = self.readers if name == _READERS else self.index.get(name, {})
            now = column.get(value, frozenset())
            if added or removed:
                now = edited(now, added, removed)
                if now:
                    put.setdefault(name, {})[value] = now
                else:
                    drop.setdefault(name, []).append(value)
            if name == "type" and value in ORDERED:
                stays = {iri for iri in moved if iri in now}
                ordered[value] = _reordered(ordered.get(value, ()), removed | stays,
                                            added | stays, new_rows, self.rows)  # fmt: skip
        readers = Layered.of(self.readers).updated(put.pop(_READERS, {}), drop.pop(_READERS, ()))
        for name in put.keys() | drop.keys():
            index[name] = Layered.of(index.get(name, {})).updated(put.get(name, {}),
                                                                  drop.get(name, ()))
        touched = {*gone, *rows}
        words = _relisted(self.words, self.rows, new_rows, touched, moved, _words)
        by_topic = _relisted(self.by_topic, self.rows, new_rows, touched, moved, _topics)
        return replace(self, generation=generation, rows=new_rows, shapes=new_shapes,
                       index=index, readers=readers, hierarchy=hierarchy,
                       ordered=ordered, words=words, by_topic=by_topic)  # fmt: skip

    def shape(self, iri: str) -> dict[str, Any] | None:
        """The REST shape of claim ``iri`` (a fresh copy), None if there is no such claim."""
        packed = self.shapes.get(iri)
        return None if packed is None else unpack_claim(packed)

    def shape_json(self, iri: str) -> bytes | None:
        """The JSON text of claim ``iri``'s REST shape (``pack_claim``), as a page's item
        shows it; None if there is no such claim or it is kept pickled."""
        packed = self.shapes.get(iri)
        return None if packed is None else claim_json(packed)

    def claims_of(self, name: str, values: Iterable[str]) -> AbstractSet[str]:
        """The claims whose key ``name`` is one of ``values`` (do not modify it)."""
        column = self.index.get(name, {})
        pools = [_whole(column.get(value, frozenset())) for value in set(values)]
        if len(pools) == 1:
            return pools[0]
        found: set[str] = set()
        for pool in pools:
            found |= pool
        return found


_READERS = ""


def _whole(members: AbstractSet[str]) -> AbstractSet[str]:
    """``members`` as a frozenset, what readers test membership with in C."""
    return members.whole() if isinstance(members, LayeredSet) else members


_ID = "https://w3id.org/diplograph/id/"
_REF = {"id": "", "label": ""}
#: What compressed shapes start from: a claim's and an engagement's shape with every key and
#: the usual IRIs, pickled. A shape of 1.6 kB pickled is 0.85 kB compressed alone and under
#: 0.5 kB from this dictionary (1M triples); unpacking one costs about 10 microseconds more.
_ZDICT = pickle.dumps([
    {"id": "", "iri": f"{_ID}claim/", "type": "demand", "text": "", "claimant": _REF,
     "claimants": [_REF], "addressee": None, "addressees": [_REF], "topics": [_REF],
     "meeting": {"id": "", "label": "", "date": ""}, "date": "", "date_on_or_before": None,
     "reported_by": [_REF], "reporting_sides": [_REF],
     "evidence": [{"id": "", "document": {"id": "", "title": "", "publisher": "", "url": None},
                   "side": _REF, "quote": "", "start": 0, "end": 0, "speech_mode": "summary",
                   "stance": "affirms", "relayed_by": None}],
     "reiterates": [], "same_speech_act": [], "affirmed_only_by": _REF, "objects_to": [],
     "refers_to": [], "bundle": None, "origin": "curated", "cameo": "", "plover": "",
     "negated": None, "confidence": None},
    {"id": "", "iri": f"{_ID}meeting/", "type": "meeting", "label": "", "description": "",
     "date": "", "end_date": "", "place": _REF,
     "participants": [{"id": "", "label": "", "titles": [
         {"post": "", "title": "", "organization": _REF}]}],
     "sides": [_REF], "host": _REF, "part_of": None, "follows_up": []},
    f"{_ID}actor/", f"{_ID}topic/", f"{_ID}document/", f"{_ID}evidence/",
    "https://w3id.org/diplograph/ontology#",
], protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip


def pack(shape: dict[str, Any]) -> bytes:
    """A REST shape as the state keeps it: pickled, then compressed (``_ZDICT``). At 10M
    triples the claims' shapes were the read model's largest part."""
    squeeze = zlib.compressobj(1, zdict=_ZDICT)
    return squeeze.compress(pickle.dumps(shape, protocol=pickle.HIGHEST_PROTOCOL)) + \
        squeeze.flush()  # fmt: skip


def unpack(packed: bytes) -> dict[str, Any]:
    """The shape ``pack`` kept (a fresh copy)."""
    shape: dict[str, Any] = pickle.loads(zlib.decompressobj(zdict=_ZDICT).decompress(packed))
    return shape


#: A claim's shape as JSON (``pack_claim``): a page writes its items' texts as they are kept,
#: where it unpickled each shape and encoded it again (half of a cold topic page's work). The
#: options are the REST answers' (``api.json_answer``), so the text is the answer's, byte for
#: byte (a test compares them).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                         default=lambda value: _iso_date(value))  # fmt: skip
#: What a kept JSON text starts with; a pickled shape (``pack``) starts with zlib's header.
_JSON_TAG = b"J"
_JSON_ZDICT = _JSON.encode(pickle.loads(_ZDICT)).encode()


def _iso_date(value: object) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is kept pickled")


def pack_claim(shape: dict[str, Any]) -> bytes:
    """A claim's REST shape as the state keeps it: its JSON text, compressed, when that text
    reads back as the same shape (``unpack_claim``); else pickled (``pack``)."""
    try:
        text = _JSON.encode(shape)
    except (TypeError, ValueError):  # a value JSON has no form for (NaN, a set)
        return pack(shape)
    try:
        same = _restored(json.loads(text)) == shape
    except ValueError:  # a string where a date belongs
        same = False
    if not same:  # a tuple, a datetime, a date elsewhere than ``_restored`` looks...
        return pack(shape)
    squeeze = zlib.compressobj(1, zdict=_JSON_ZDICT)
    return _JSON_TAG + squeeze.compress(text.encode()) + squeeze.flush()


def unpack_claim(packed: bytes) -> dict[str, Any]:
    """The shape ``pack_claim`` kept (a fresh copy)."""
    text = claim_json(packed)
    return unpack(packed) if text is None else _restored(json.loads(text))


def claim_json(packed: bytes) -> bytes | None:
    """The JSON text ``pack_claim`` kept, None for a shape kept pickled."""
    if not packed.startswith(_JSON_TAG):
        return None
    return zlib.decompressobj(zdict=_JSON_ZDICT).decompress(memoryview(packed)[1:])


def _restored(shape: dict[str, Any]) -> dict[str, Any]:
    """``shape`` read from JSON with its dates made dates again."""
    meeting = shape.get("meeting")
    for node, key in ((shape, "date"), (shape, "date_on_or_before"), (meeting, "date")):
        if isinstance(node, dict) and isinstance(node.get(key), str):
            node[key] = dt.date.fromisoformat(node[key])
    return shape


def _reordered(order: tuple[str, ...], removed: AbstractSet[str], added: AbstractSet[str],
               rows: Mapping[str, ClaimRow],
               before: Mapping[str, ClaimRow] | None = None) -> tuple[str, ...]:  # fmt: skip
    """``order`` (newest first) without ``removed`` and with ``added`` in their places;
    ``before``: the rows ``order`` was placed by, where the removed are found by bisection."""
    if not removed and not added:
        return order
    kept = _without(order, removed, before) if removed else list(order)
    if len(added) > 64:  # a build: one sort, not an insertion (a move of the list) per claim
        kept.extend(sorted(added, key=lambda i: rows[i].newest))
        kept.sort(key=lambda i: rows[i].newest)  # stable: as insort puts them
        return tuple(kept)
    for iri in sorted(added, key=lambda i: rows[i].newest):
        insort(kept, iri, key=lambda i: rows[i].newest)
    return tuple(kept)


def _relisted(lists: Mapping[str, tuple[str, ...]], old: Mapping[str, ClaimRow],
              rows: Mapping[str, ClaimRow], edited: AbstractSet[str], moved: AbstractSet[str],
              keys: Callable[[ClaimRow], Iterable[str]],
              ) -> Mapping[str, tuple[str, ...]]:  # fmt: skip
    """``lists`` (``{key: its claims newest first}``, ``keys``: a row's keys) after the claims
    of ``edited`` were replaced, added or removed (``old``: the rows before, ``rows``: after;
    ``moved``: the claims whose date order changed). A build files every claim in one pass
    over them newest first; a write edits the lists of the keys its claims had or have, each
    once."""
    if not lists and len(edited) > 64:  # a build: each list made in order, no insertion
        filed: dict[str, list[str]] = {}
        for iri in sorted(rows, key=lambda i: rows[i].newest):
            for key in keys(rows[iri]):
                filed.setdefault(key, []).append(iri)
        return {key: tuple(claims) for key, claims in filed.items()}
    edits: dict[str, tuple[set[str], set[str]]] = {}
    for iri in edited:
        before, after = old.get(iri), rows.get(iri)
        had = set(keys(before)) if before is not None else set()
        has = set(keys(after)) if after is not None else set()
        for key in had - has:
            edits.setdefault(key, (set(), set()))[1].add(iri)
        for key in has - had:
            edits.setdefault(key, (set(), set()))[0].add(iri)
        if iri in moved:  # kept under a key but in another place: out, then in again
            for key in had & has:
                pair = edits.setdefault(key, (set(), set()))
                pair[0].add(iri)
                pair[1].add(iri)
    if not edits:
        return lists
    put: dict[str, tuple[str, ...]] = {}
    drop: list[str] = []
    for key, (added, removed) in edits.items():
        now = _reordered(lists.get(key, ()), removed, added, rows, old)
        if now:
            put[key] = now
        else:
            drop.append(key)
    return Layered.of(lists).updated(put, drop)


def _words(row: ClaimRow) -> tuple[str, ...]:
    return row.words


def _topics(row: ClaimRow) -> tuple[str, ...]:
    return row.key("topic")


def _without(order: tuple[str, ...], removed: AbstractSet[str],
             before: Mapping[str, ClaimRow] | None) -> list[str]:  # fmt: skip
    """``order`` without ``removed``: each found by bisection on its place as ``before`` has
    it (a write removes a few claims from lists of thousands: a scan of each list, for each
    word of a claim's names, was a third of the state's follow), or by a scan when they are
    many or one is not where ``before`` places it."""
    kept = list(order)
    if before is None or len(removed) > 64:
        return [i for i in order if i not in removed]
    place = lambda i: before[i].newest  # noqa: E731  # every member of order is in before
    for iri in removed:
        row = before.get(iri)
        at = -1 if row is None else bisect_left(kept, row.newest, key=place)
        if 0 <= at < len(kept) and kept[at] == iri:
            del kept[at]
        else:
            return [i for i in order if i not in removed]
    return kept


def _regrouped(groups: Mapping[str, AbstractSet[str]],
               edits: Mapping[str, tuple[set[str], set[str]]],
               edit: Callable[[Any, set[str], set[str]], AbstractSet[str]] = edited,
               ) -> Layered[str, Any]:  # fmt: skip
    """``groups`` with each key's members added and removed as ``edits`` says
    (``{key: (added, removed)}``), each key's set made once (a hub, such as a state attending
    most engagements, made again per engagement cost the square of their number); keys left
    without members are dropped. A large set is layered (``edited``) in groups only writes
    read; ``edit=_whole_set`` keeps every set a frozenset, for groups readers test in."""
    put: dict[str, AbstractSet[str]] = {}
    drop: list[str] = []
    for key, (added, removed) in edits.items():
        now = edit(groups.get(key, frozenset()), added, removed)
        if now:
            put[key] = now
        else:
            drop.append(key)
    return Layered.of(groups).updated(put, drop)


def _whole_set(members: frozenset[str], added: set[str], removed: set[str]) -> frozenset[str]:
    return (members - removed) | added


def _edit(edits: dict[str, tuple[set[str], set[str]]], key: str, member: str,
          side: int) -> None:  # fmt: skip
    """Note ``member`` added to (``side`` 0) or removed from (1) group ``key``; added again
    after a removal, it stays."""
    added, removed = edits.setdefault(key, (set(), set()))
    if side == 0:
        added.add(member)
        removed.discard(member)
    else:
        removed.add(member)
        added.discard(member)


def _note(edits: dict[tuple[str, str], tuple[set[str], set[str]]], row: ClaimRow,
          side: int) -> None:  # fmt: skip
    """Record ``row``'s keys and reads as added (``side`` 0) or removed (1)."""
    keys = [(name, v) for name, values in row.keys for v in values]
    keys += [(_READERS, node) for node in row.reads]
    for key in keys:
        edits.setdefault(key, (set(), set()))[side].add(row.iri)
