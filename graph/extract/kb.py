"""What the extractor knows from the graph: actors and their names, posts and who held them,
places, engagements, topics and the claims already stored.

It is read once from a store with the project's queries, so the pipeline links against the
graph as it is (curated plus earlier ingests), not against a list baked into the code.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any, Generic, TypeVar

from rdflib import Literal
from rdflib.term import Node

from graph import queries
from graph.namespaces import DG, SKOS, split_entity_iri
from graph.store import GraphStore, Row

_T = TypeVar("_T")

CLAIM_TYPES = {
    str(DG.Demand): "demand",
    str(DG.RedLine): "red_line",
    str(DG.Commitment): "commitment",
    str(DG.Consensus): "consensus",
}


def slug_of(iri: str) -> str:
    """The slug of one of our entity IRIs (the last path segment for any other IRI)."""
    parts = split_entity_iri(iri)
    return parts[1] if parts else iri.rstrip("/").rsplit("/", 1)[-1]


def _date(term: Node | None) -> dt.date | None:
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(term))
        except ValueError:
            return None
    return None


# The tables' rows have slots: tens of thousands of each at 10M triples, no dict each.
@dataclass(slots=True)
class Actor:
    iri: str
    kind: str  # person, state or organization
    labels: dict[str, str] = field(default_factory=dict)  # language -> label
    aliases: list[str] = field(default_factory=list)
    country: str | None = None

    @property
    def slug(self) -> str:
        return slug_of(self.iri)

    @property
    def label(self) -> str:
        return self.labels.get("en") or next(iter(self.labels.values()), self.slug)

    @property
    def state(self) -> str | None:
        """The state the actor speaks for (itself for a state)."""
        return self.iri if self.kind == "state" else self.country


@dataclass(slots=True)
class Post:
    iri: str
    labels: list[str] = field(default_factory=list)
    organization: str | None = None
    state: str | None = None


@dataclass(slots=True)
class Holding:
    holder: str
    post: str
    start: dt.date
    end: dt.date | None
    iri: str = ""  # the holding itself, so a write to it can replace it

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Engagement:
    iri: str
    type: str
    start: dt.date
    end: dt.date
    place: str | None
    participants: set[str]
    sides: set[str]
    part_of: str | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(slots=True)
class StoredClaim:
    iri: str
    type: str
    claimants: frozenset[str]
    date: dt.date | None
    text: str
    negated: bool


@dataclass
class StoredBundle:
    """A named bundle of claims: its names (every language, lower-cased) and members."""

    iri: str
    names: list[str] = field(default_factory=list)
    #: Its English name as written, for statements ("the San Francisco vision").
    label: str = ""
    members: set[str] = field(default_factory=set)
    #: Who claims its members (the commitments "made by President Biden").
    claimants: set[str] = field(default_factory=set)


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    holdings: list[Holding] = field(default_factory=list)
    places: dict[str, list[str]] = field(default_factory=dict)
    place_states: dict[str, str] = field(default_factory=dict)
    engagements: dict[str, Engagement] = field(default_factory=dict)
    topics: dict[str, list[str]] = field(default_factory=dict)
    claims: list[StoredClaim] = field(default_factory=list)
    bundles: dict[str, StoredBundle] = field(default_factory=dict)
    #: The stored resources' IRIs of the kinds the extractor mints (``SLUG_KINDS``), so that a
    #: new slug never reuses one.
    iris: set[str] = field(default_factory=set)
    #: Indexes over the tables: (the table, how many of its entries are in, the index). The
    #: extractor asks hundreds of times per document, and a scan of a 1M-triple store's
    #: holdings or engagements costs milliseconds each time. An index takes in what a table
    #: gained at its end (``kb_cache`` merges append); ``changed`` drops them all.
    _indexes: dict[_Kind[Any], tuple[Sized, int, Any]] = field(
        default_factory=dict, repr=False, compare=False
    )
    #: For a view (``with_actors``): the knowledge base whose indexes it shares, all but those
    #: over its own actors.
    _base: KnowledgeBase | None = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ questions
    def holders(self, post: str, day: dt.date | None) -> list[str]:
        """Who held ``post`` on ``day`` (every holder when the day is unknown)."""
        held = self._index(_HOLDINGS_BY_POST, self.holdings)
        return [h.holder for h in held.get(post, ()) if day is None or h.covers(day)]

    def posts_of(self, person: str, day: dt.date | None) -> list[str]:
        held = self._index(_HOLDINGS_BY_HOLDER, self.holdings)
        return [h.post for h in held.get(person, ()) if day is None or h.covers(day)]

    def states(self) -> list[str]:
        return self._index(_STATES, self.actors)

    def organization_names(self) -> list[tuple[str, list[str]]]:
        """Each organization with its names longer than three letters, lower-cased."""
        return self._index(_ORGANIZATION_NAMES, self.actors)

    def organization_named(self) -> dict[str, str]:
        """Each of those names, to the first organization (in table order) that has it."""
        return self._index(_ORGANIZATION_NAMED, self.actors)

    def engagements_in(self, months: Collection[tuple[int, int]]) -> list[Engagement]:
        """The engagements under way in any of ``months`` (year, month), in the table's order."""
        values, by_month = self._index(_ENGAGEMENTS_BY_MONTH, self.engagements)
        found = sorted({i for month in months for i in by_month.get(month, ())})
        return [values[i] for i in found]

    def has_holdings(self, iris: Collection[str]) -> bool:
        """Whether any of ``iris`` is a holding's: what a write must make forget (``kb_cache``),
        asked of an index, not of a scan of the holdings."""
        return not self._index(_HOLDING_IRIS, self.holdings).isdisjoint(iris)

    def has_claims(self, iris: Collection[str]) -> bool:
        """Whether any of ``iris`` is a claim's (30,000 claims at 1M triples)."""
        return not self._index(_CLAIM_IRIS, self.claims).isdisjoint(iris)

    def remove_claims(self, iris: Collection[str]) -> None:
        """Drop the claims of ``iris`` in place, and their IRIs from the index ``has_claims``
        asks, rather than build that again over every claim (``kb_cache``, after a document
        is deleted: 30,000 claims at 1M triples)."""
        index = self._index(_CLAIM_IRIS, self.claims)  # up to date before the table shrinks
        self.claims[:] = [c for c in self.claims if c.iri not in iris]
        index.difference_update(iris)
        self._indexes[_CLAIM_IRIS] = (self.claims, len(self.claims), index)

    def build_indexes(self) -> None:
        """Build every index now (``kb_cache.warm``), so that the first document does not wait."""
        for kind in (_HOLDINGS_BY_POST, _HOLDINGS_BY_HOLDER):
            self._index(kind, self.holdings)
        self.has_holdings(())
        self.has_claims(())
        self._index(_STATES, self.actors)  # one call per kind: each index has its own type
        self._index(_ORGANIZATION_NAMES, self.actors)
        self._index(_ORGANIZATION_NAMED, self.actors)
        self._index(_ENGAGEMENTS_BY_MONTH, self.engagements)

    def changed(self, *tables: Collection[Any]) -> None:
        """Forget the indexes over ``tables`` (all when none is named): entries were removed
        or replaced in place (``kb_cache``)."""
        if not tables:
            self._indexes.clear()
            return
        for kind, (table, _count, _index) in list(self._indexes.items()):
            if any(table is t for t in tables):
                del self._indexes[kind]

    def _index(self, kind: _Kind[_T], table: Collection[Any]) -> _T:
        """The index of ``kind`` over ``table``, taking in the entries added since it was built;
        built again when the table was replaced or shrank."""
        owner = self if self._base is None or table is self.actors else self._base
        kept = owner._indexes.get(kind)
        if kept is None or kept[0] is not table or kept[1] > len(table):
            kept = (table, 0, kind.new())
        if kept[1] < len(table):
            entries = table.values() if isinstance(table, dict) else table
            kind.take(kept[2], islice(entries, kept[1], None))
            kept = (table, len(table), kept[2])
        owner._indexes[kind] = kept
        return kept[2]

    def state_of(self, actor: str | None) -> str | None:
        if actor is None:
            return None
        known = self.actors.get(actor)
        return known.state if known else None

    def with_actors(self, extra: list[Actor]) -> KnowledgeBase:
        """A view of this knowledge base with actors a document introduced (the shared one is
        never changed, so documents extracted one after another do not leak into each other)."""
        if not extra:
            return self
        view = copy.copy(self)
        view.actors = {**self.actors, **{a.iri: a for a in extra}}
        view._indexes, view._base = {}, self._base or self
        return view


# ---------------------------------------------------------------------- indexes
@dataclass(frozen=True, eq=False)
class _Kind(Generic[_T]):
    """One kind of index: an empty one, and how it takes in more entries of its table."""

    new: Callable[[], _T]
    take: Callable[[_T, Iterable[Any]], None]


def _group_by(attribute: str) -> Callable[[dict[str, list[Holding]], Iterable[Holding]], None]:
    def take(index: dict[str, list[Holding]], holdings: Iterable[Holding]) -> None:
        for h in holdings:
            index.setdefault(getattr(h, attribute), []).append(h)
    return take


def _take_states(index: list[str], actors: Iterable[Actor]) -> None:
    index.extend(a.iri for a in actors if a.kind == "state")


def _organization_names(actors: Iterable[Actor]) -> Iterator[tuple[str, list[str]]]:
    """Each organization with its names longer than three letters (shorter ones match too
    much), lower-cased."""
    for a in actors:
        if a.kind == "organization":
            yield a.iri, [n.lower() for n in [*a.labels.values(), *a.aliases] if len(n) > 3]


def _take_organization_names(index: list[tuple[str, list[str]]], actors: Iterable[Actor]) -> None:
    index.extend(_organization_names(actors))


def _take_organization_named(index: dict[str, str], actors: Iterable[Actor]) -> None:
    for iri, names in _organization_names(actors):
        for name in names:
            index.setdefault(name, iri)


def _take_iris(index: set[str], entries: Iterable[Holding | StoredClaim]) -> None:
    index.update(e.iri for e in entries)


_ByMonth = tuple[list[Engagement], dict[tuple[int, int], list[int]]]


def _take_engagements(index: _ByMonth, engagements: Iterable[Engagement]) -> None:
    """Each engagement, and its position under every (year, month) it is under way in."""
    values, by_month = index
    for e in engagements:
        year, month = e.start.year, e.start.month
        while (year, month) <= (e.end.year, e.end.month):
            by_month.setdefault((year, month), []).append(len(values))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        values.append(e)


_HOLDINGS_BY_POST: _Kind[dict[str, list[Holding]]] = _Kind(dict, _group_by("post"))
_HOLDINGS_BY_HOLDER: _Kind[dict[str, list[Holding]]] = _Kind(dict, _group_by("holder"))
_STATES: _Kind[list[str]] = _Kind(list, _take_states)
_ORGANIZATION_NAMES: _Kind[list[tuple[str, list[str]]]] = _Kind(list, _take_organization_names)
_ORGANIZATION_NAMED: _Kind[dict[str, str]] = _Kind(dict, _take_organization_named)
_ENGAGEMENTS_BY_MONTH: _Kind[_ByMonth] = _Kind(lambda: ([], {}), _take_engagements)
_HOLDING_IRIS: _Kind[set[str]] = _Kind(set, _take_iris)
_CLAIM_IRIS: _Kind[set[str]] = _Kind(set, _take_iris)


#: What each of the extractor's queries needs the store to use for any row to come: one of
#: the classes its resources are typed with (leaf classes: the queries ask for no inference),
#: or for ``extract-slugs``, its predicate.
QUERY_NEEDS: dict[str, frozenset[str]] = {
    name: frozenset(map(str, terms)) for name, terms in {
        "extract-actors": (DG.Person, DG.State, DG.Organization),
        "extract-posts": (DG.Post,),
        "extract-holdings": (DG.PostHolding,),
        "extract-places": (DG.Place,),
        "extract-engagements": (DG.Summit, DG.Call, DG.StrategicDialogue, DG.Meeting, DG.Visit,
                                DG.PressConference, DG.Briefing, DG.LetterExchange),
        "extract-topics": (SKOS.Concept,),
        "extract-claims": (DG.Demand, DG.RedLine, DG.Commitment, DG.Consensus),
        "extract-bundles": (DG.Bundle,),
        "extract-slugs": (DG.slug,),
    }.items()
}


def load_kb(store: GraphStore, only: Collection[str] | None = None,
            present: Collection[str] | None = None) -> KnowledgeBase:
    """Read everything the extractor links against from ``store``.

    With ``only``, just the entries about those resources (``graph.extract.kb_cache`` reads
    what a write added that way and merges it into the knowledge base it keeps). ``present``:
    the classes and predicates the store uses, when the caller knows them: a query that needs
    none of them (``QUERY_NEEDS``) is not asked. Each query a server's write asks waits for
    the interpreter lock again afterwards, behind every reader (a few milliseconds each).
    """
    kb = KnowledgeBase()
    ask = _Asker(store, only, present)
    _load_actors(ask, kb)
    _load_posts(ask, kb)
    for row in ask("extract-holdings", "holding"):
        start = _date(row.get("start"))
        if start:
            kb.holdings.append(
                Holding(str(row["holder"]), str(row["post"]), start, _date(row.get("end")),
                        str(row["holding"]))
            )
    for row in ask("extract-places", "place"):
        kb.places.setdefault(str(row["place"]), []).append(str(row["label"]))
        if "state" in row:
            kb.place_states[str(row["place"])] = str(row["state"])
    _load_engagements(ask, kb)
    for row in ask("extract-topics", "topic"):
        kb.topics.setdefault(str(row["topic"]), []).append(str(row["label"]))
    _load_claims(ask, kb)
    _load_bundles(ask, kb)
    _load_iris(ask, kb)
    return kb


@dataclass(frozen=True)
class _Asker:
    """Asks ``store`` the extractor's queries, for the rows about ``only`` when given, and not
    at all when ``present`` shows none can answer (see ``load_kb``)."""

    store: GraphStore
    only: Collection[str] | None
    present: Collection[str] | None

    def __call__(self, query: str, key: str) -> Iterator[Row]:
        """The rows of ``query`` one at a time where the store can (all of a 10M-triple
        store's claims as rows of rdflib terms at once were most of a server's peak memory
        while it warmed); with ``only``, those whose ``key`` is one of them."""
        if self.present is not None and QUERY_NEEDS[query].isdisjoint(self.present):
            return iter(())
        rows = self.store.select_stream(queries.load(query))
        if self.only is None:
            return rows
        only = self.only
        return (row for row in rows if str(row.get(key)) in only)


def _load_actors(ask: _Asker, kb: KnowledgeBase) -> None:
    kinds = {str(DG.Person): "person", str(DG.State): "state", str(DG.Organization): "organization"}
    for row in ask("extract-actors", "actor"):
        iri = str(row["actor"])
        actor = kb.actors.setdefault(iri, Actor(iri, kinds[str(row["kind"])]))
        if "country" in row:
            actor.country = str(row["country"])
        label = row["label"]
        lang = label.language if isinstance(label, Literal) and label.language else "en"
        if row["alt"].toPython() or lang in actor.labels:  # type: ignore[attr-defined]  # the value is a Literal; rdflib types it Node
            actor.aliases.append(str(label))
        else:
            actor.labels[lang] = str(label)


def _load_posts(ask: _Asker, kb: KnowledgeBase) -> None:
    for row in ask("extract-posts", "post"):
        iri = str(row["post"])
        post = kb.posts.setdefault(iri, Post(iri))
        post.labels.append(str(row["label"]))
        if "organization" in row:
            post.organization = str(row["organization"])
        if "state" in row:
            post.state = str(row["state"])


def _load_engagements(ask: _Asker, kb: KnowledgeBase) -> None:
    for row in ask("extract-engagements", "engagement"):
        start = _date(row.get("start"))
        if start is None:
            continue
        iri = str(row["engagement"])
        kb.engagements[iri] = Engagement(
            iri=iri,
            type=str(row["type"]).rsplit("#", 1)[-1],
            start=start,
            end=_date(row.get("end")) or start,
            place=str(row["place"]) if "place" in row else None,
            participants=set(str(row.get("participants", "")).split()),
            sides=set(str(row.get("sides", "")).split()),
            part_of=str(row["whole"]) if "whole" in row else None,
        )


def _load_claims(ask: _Asker, kb: KnowledgeBase) -> None:
    """The stored claims, one object per equal value where claims repeat one (claimant sets,
    dates, texts: a reiterated claim's text is its original's), so that a large store's
    hundreds of thousands of claims hold each once."""
    merged: dict[str, StoredClaim] = {}
    texts: dict[str, list[str]] = defaultdict(list)
    shared: dict[frozenset[str], frozenset[str]] = {}  # one set per group of claimants
    days: dict[dt.date | None, dt.date | None] = {}
    for row in ask("extract-claims", "claim"):
        iri = str(row["claim"])
        texts[iri] += [str(row.get("statement", "")), str(row.get("quotes", ""))]
        negated = row.get("negated")
        claimants = frozenset(str(row.get("claimants", "")).split())
        day = _date(row.get("date"))
        merged[iri] = StoredClaim(
            iri=iri,
            type=CLAIM_TYPES[str(row["type"])],
            claimants=shared.setdefault(claimants, claimants),
            date=days.setdefault(day, day),
            text="",
            negated=bool(negated.toPython()) if isinstance(negated, Literal) else False,
        )
    same: dict[str, str] = {}
    for iri, claim in merged.items():
        text = " ".join(t for t in texts.pop(iri) if t)
        claim.text = same.setdefault(text, text)
        kb.claims.append(claim)


#: The kinds of resource whose IRIs the extractor mints from new slugs, and so checks against
#: ``KnowledgeBase.iris`` (documents, claims, meetings, status events); the others' IRIs
#: (evidence, holdings, actors ...) are never looked up there, and were half of it.
SLUG_KINDS = frozenset({"document", "claim", "meeting", "event"})


def _load_iris(ask: _Asker, kb: KnowledgeBase) -> None:
    """The IRIs of the stored resources of ``SLUG_KINDS``, sharing the strings of the claims'
    and engagements' IRIs read already."""
    own = {c.iri: c.iri for c in kb.claims}
    own.update((iri, iri) for iri in kb.engagements)
    for row in ask("extract-slugs", "resource"):
        iri = str(row["resource"])
        parts = split_entity_iri(iri)
        if parts is not None and parts[0] in SLUG_KINDS:
            kb.iris.add(own.get(iri, iri))


def _load_bundles(ask: _Asker, kb: KnowledgeBase) -> None:
    for row in ask("extract-bundles", "bundle"):
        iri = str(row["bundle"])
        bundle = kb.bundles.setdefault(iri, StoredBundle(iri))
        if "label" in row and str(row["label"]).lower() not in bundle.names:
            bundle.names.append(str(row["label"]).lower())
        label = row.get("label")
        if isinstance(label, Literal) and label.language == "en" and not bundle.label:
            bundle.label = str(label)
        if "member" in row:
            bundle.members.add(str(row["member"]))
        if "claimant" in row:
            bundle.claimants.add(str(row["claimant"]))


@cache
def bundled_kb() -> KnowledgeBase:
    """The knowledge base of the bundled curated graph, for extraction without a store."""
    from graph.store.oxigraph import OxigraphStore
    from graph.write.files import bundled_files, plan

    store = OxigraphStore(None)
    store.replace_graphs(plan(bundled_files()))
    try:
        return load_kb(store)
    finally:
        store.close()
