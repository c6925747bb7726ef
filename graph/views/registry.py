"""Named views of the RDF graph as networkx graphs: what analysts traverse and open in Gephi.

Views (``VIEWS``):

- ``actors``: people and states, undirected as a whole (who met whom is symmetric); ``met``
  joins two who attended an engagement together, weighted by the number of engagements and
  carrying them (``meetings``) and their dates; ``country`` ties a person to its state.
- ``claims``: claimant -> claim -> addressee, claim -> topic, claim -> the claim it repeats;
  node kinds actor, claim and topic; the claim type as ``claim_type``.
- ``meetings``: engagements and the actors who attended (``attended``, ``side``);
  ``followsUp`` and ``partOf`` between engagements.
- ``full``: every resource a node, every object property a directed edge named by its
  predicate (``dg:participant``); literals are node attributes keyed by predicate
  (``dg:startDate``), never nodes. Document texts and the inferred closure stay out.
- ``ledger``: claims, their bundles and the status events about them (``graph.views.ledger``):
  ``restates`` between claims, an event to what it concerns named by its kind
  (``accuses_breach_of``, ``implements``…); a claim lives from its first statement to its
  last event.

Every node has ``iri``, ``label`` and ``kind``; every edge ``kind`` (also its key in the
``MultiDiGraph``), ``label``, ``weight`` (how many facts it aggregates) and ``directed``, the
same for every edge of a view: networkx, and many tools with it, refuse a mixed graph.
Dated nodes and edges carry ``start``/``end`` (``datetime.date``; no ``end`` while open) and
``spells``, the list of their intervals; an actor's ``dynamic`` attribute holds its posts over
time. Every view takes ``since``, ``until`` and ``topic`` filters, bound into the SPARQL.

A view is built once per store and set of filters and cached. The unfiltered actors view (over
5 s to build at 1M triples, and what the traversal routes read) follows writes: one that
touches nothing it reads (no actor, post, holding or engagement, before or after it: an
ingested or deleted document, its claims and evidence) keeps it as it is, with the JSON of its
parts and its measures; any other makes it again from its inputs read again for the touched
nodes (``graph.views.follow``). Every other view is dropped by a write and built again when
next asked for. For a store written by others a view is kept ``STALE_AFTER`` seconds. Cached
graphs are frozen: copy one before changing it.
"""

from __future__ import annotations

import datetime as dt
import logging
import weakref
from dataclasses import dataclass

import networkx as nx
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from graph import queries
from graph._perf import paused_gc
from graph.cache import StoreCache
from graph.lookups import vocab
from graph.lookups.paths import Shape, read
from graph.namespaces import DG, TOPIC
from graph.store import GraphStore
from graph.views import builders, follow, ledger
from graph.views.builders import ActorInputs, actor_inputs, actors_graph
from graph.views.patch import actors_graph_after
from graph.write.commit import before_commit, on_commit

#: Every view's builder by name; the ledger view has a module of its own.
BUILDERS = {**builders.BUILDERS, "ledger": ledger.ledger_view}
VIEWS: tuple[str, ...] = tuple(BUILDERS)
STALE_AFTER = 30.0
_MAX_CACHED = 16
_FAR_PAST, _FAR_FUTURE = dt.date(1, 1, 1), dt.date(9999, 12, 31)


class ViewError(ValueError):
    """A view was asked for with a name or filter that means nothing; the message says which."""


class UnknownTopic(ViewError, LookupError):
    """The topic filter names no topic of the scheme."""


@dataclass(frozen=True)
class Filters:
    """The window and topic a view is restricted to; ``topic`` is a topic IRI once resolved."""

    since: dt.date | None = None
    until: dt.date | None = None
    topic: str | None = None

    def bindings(self) -> dict[str, Node]:
        """Values for the views' SPARQL: an open window end binds a far date, no topic binds
        ``?anyTopic`` true (Oxigraph's substitution makes ``BOUND`` unusable for this)."""
        values: dict[str, Node] = {
            "since": Literal(self.since or _FAR_PAST, datatype=XSD.date),
            "until": Literal(self.until or _FAR_FUTURE, datatype=XSD.date),
            "anyTopic": Literal(self.topic is None),
        }
        if self.topic:
            values["topic"] = URIRef(self.topic)
        return values

    def describe(self) -> str:
        parts = [f"since {self.since}" if self.since else "", f"until {self.until}" if self.until
                 else "", f"topic {self.topic.rsplit('/', 1)[-1]}" if self.topic else ""]
        return ", ".join(p for p in parts if p) or "no filters"


def parse_date(value: str | dt.date | None, name: str) -> dt.date | None:
    """A filter date from ``YYYY-MM-DD`` text; anything else is a ``ViewError`` naming it."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ViewError(f"{name} must be a date like 2021-01-01, not {value[:40]!r}") from None


def filters(
    store: GraphStore,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    topic: str | None = None,
) -> Filters:
    """Checked filters: real dates, and a topic (slug or IRI) that the graph knows. A window
    whose ``since`` is after its ``until`` is allowed and holds nothing."""
    start, end = parse_date(since, "since"), parse_date(until, "until")
    return Filters(start, end, resolve_topic(store, topic) if topic else None)


def resolve_topic(store: GraphStore, topic: str) -> str:
    """The IRI of a topic given as its slug (``taiwan``) or its IRI."""
    known = {str(row["topic"]) for row in store.select(queries.load("views-topics"))}
    text = topic.strip()
    iri = text if text.startswith(("http://", "https://")) else f"{TOPIC}{text}"
    if iri not in known:
        sample = ", ".join(sorted(k.rsplit("/", 1)[-1] for k in known)[:3])
        raise UnknownTopic(f"unknown topic {text[:60]!r}; topics include {sample}")
    return iri


# ---------------------------------------------------------------------------------- cache
#: A reader arriving while a write is followed takes the view as it was before the write
#: (``previous``): the actors view is made again from its inputs after a write that adds an
#: engagement (100-300 ms at 1M triples), and its readers waited that long.
_CACHE: StoreCache[tuple[str, Filters], nx.MultiDiGraph] = StoreCache(
    ttl=STALE_AFTER, max_entries=_MAX_CACHED, follows=True, previous=True, name="views")
#: What the unfiltered actors view reads: nodes of these classes (their names, types,
#: countries, dates, attendance and holdings). A node of none of them changes nothing in it.
_ACTORS_READ = frozenset(str(DG[c]) for c in (
    "Person", "State", "Organization", "Post", "PostHolding", "Engagement"))
_TYPES = Shape(fields=frozenset({vocab.TYPE}))
_UNFILTERED = ("actors", Filters())
#: Per store: (its generation before the write being committed, whether a subject the write
#: touches was a node the actors view reads, the holders the touched holdings named).
_BEFORE: weakref.WeakKeyDictionary[GraphStore, tuple[int, bool, set[str]]] = (
    weakref.WeakKeyDictionary())
#: The inputs of each unfiltered actors view kept (a write brings them up to date), and the
#: view each followed one replaced (the JSON of its unchanged parts is taken from it).
_INPUTS: weakref.WeakKeyDictionary[nx.MultiDiGraph, ActorInputs] = weakref.WeakKeyDictionary()
_PREVIOUS: weakref.WeakKeyDictionary[nx.MultiDiGraph, weakref.ref[nx.MultiDiGraph]] = (
    weakref.WeakKeyDictionary())


def build_view(store: GraphStore, name: str, wanted: Filters | None = None) -> nx.MultiDiGraph:
    """A view of the store, from the cache when the store has not changed since it was built.

    Each view and set of filters is built once at a time; different ones build side by side.
    """
    if name not in BUILDERS:
        raise ViewError(f"unknown view {name!r}; expected one of {', '.join(VIEWS)}")
    wanted = wanted or Filters()

    def build() -> nx.MultiDiGraph:
        with paused_gc():  # see graph._perf: a large view is all live objects, no garbage
            return _build(store, name, wanted)

    return _CACHE.get(store, (name, wanted), build)


def _build(store: GraphStore, name: str, wanted: Filters) -> nx.MultiDiGraph:
    if wanted.since and wanted.until and wanted.since > wanted.until:
        return nx.freeze(nx.MultiDiGraph(view=name))  # an inverted window holds nothing
    if (name, wanted) == _UNFILTERED and store.counts_writes:
        inputs = actor_inputs(store, wanted.bindings())
        graph = actors_graph(inputs)
        _INPUTS[graph] = inputs
        return graph
    return BUILDERS[name](store, wanted.bindings())


def previous(graph: nx.MultiDiGraph) -> nx.MultiDiGraph | None:
    """The view ``graph`` replaced when a write was followed, while it lives."""
    ref = _PREVIOUS.get(graph)
    return None if ref is None else ref()


def view(
    store: GraphStore,
    name: str,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    topic: str | None = None,
) -> nx.MultiDiGraph:
    """The named view with its filters checked; ``ViewError`` for a bad name or filter."""
    return build_view(store, name, filters(store, since, until, topic))


def _reads_actors(store: GraphStore, nodes: set[str]) -> bool:
    """Whether any of ``nodes`` is (now) of a class the actors view reads."""
    types = read(store, nodes, _TYPES)
    return any(str(t) in _ACTORS_READ for own in types.values() for t in own.get(vocab.TYPE, []))


def _iris(touched: set[Node]) -> set[str] | None:
    """The touched subjects as IRIs; None when there is a blank node (it cannot be read again)."""
    if any(isinstance(n, BNode) for n in touched):
        return None
    return {str(n) for n in touched if not isinstance(n, Literal)}


def _previewed(store: GraphStore, touched: set[Node]) -> None:
    """Before a write commits: whether it touches a node the actors view reads, and the
    holders of the holdings it touches, as they are."""
    nodes = _iris(touched)
    if nodes is not None and _CACHE.peek(store, _UNFILTERED) is not None:
        holders = read(store, nodes, follow.HOLDERS_SHAPE)
        named = {str(h) for own in holders.values() for h in own.get(vocab.HOLDER, [])}
        _BEFORE[store] = (store.generation, _reads_actors(store, nodes), named)


def _committed(store: GraphStore, before: int, touched: set[Node] | None) -> None:
    """After a write (write lock held): keep the unfiltered actors view when the write touched
    nothing it reads, before or after, else make it again from its inputs brought up to date;
    drop every other view."""
    was = _BEFORE.pop(store, None)
    nodes = None if touched is None else _iris(touched)
    if nodes is None or was is None or was[0] != before:
        return  # the generation moved: nothing kept is returned again
    relevant = was[1] or _reads_actors(store, nodes)

    def keep(key: tuple[str, Filters], graph: nx.MultiDiGraph) -> nx.MultiDiGraph | None:
        if key != _UNFILTERED:
            return None
        if not relevant:
            return graph
        inputs = _INPUTS.get(graph)
        if inputs is None:
            return None
        until = Filters().bindings()["until"].toPython()  # type: ignore[attr-defined]  # a Literal
        try:
            now = follow.followed(store, inputs, nodes, was[2], until)
            if now == inputs:  # it touched an actor or engagement, not what the view shows
                return graph
            with paused_gc():
                made = actors_graph_after(graph, inputs, now)
        except Exception:  # the write has landed: a failed follow only means a rebuild
            logging.getLogger(__name__).warning("actors view dropped", exc_info=True)
            return None
        _INPUTS[made] = now
        _PREVIOUS[made] = weakref.ref(graph)
        return made

    _CACHE.follow(store, before, keep)


before_commit(_previewed)
on_commit(_committed)
