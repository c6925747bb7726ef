"""The ``ledger`` view: what became of each claim, as a network with a timeline for Gephi.

Nodes: status events (``kind`` ``event``, with ``status_kind``, ``date``, ``statement``, who
asserts them and one quote), the claims the ledger is about (members of bundles, restated or
restating claims, claims invoking a bundle, the targets of events), the bundles holding them,
the measures events are about, and the actors who make the claims and assert the events.

Edges (directed): an event to what it concerns, named by its kind (``reaffirms``,
``implements``, ``accuses_breach_of``, ``disputes``, ``withdraws``, ``declares_superseded``,
``declares_moot``): to the bundle member when the text names one (then ``about`` to the
bundle as well), else to the claim, bundle or measure it is about; ``superseded_by`` from a
supersession to the replacing claim; ``restates`` from a claim to the earlier claim it
reiterates; ``in_bundle`` from a member to its bundle (with its ``position``); ``refers_to``
from a claim to a bundle it invokes; ``objects_to`` from a claim to a measure an event is
about; ``claimant`` from an actor to its claim and ``asserts`` from an actor to its event.

Time, for Gephi's timeline: an event is a point, its day. A claim lives from its first
statement (``dg:date``, or ``dg:dateOnOrBefore`` when the text gives no occasion) to the last
event that concerns it or the last claim restating it, whichever is later; an event about a
whole bundle (or naming a sub-bundle) concerns every claim under it. A bundle lives over its
members' lives and its own events, a measure from its start date (or first event) to its last
event, an actor on the days of its claims and events. The window keeps the events of its days
and the claims, bundles and measures whose life overlaps it; a topic keeps the claims on it
(narrower topics count), the bundles holding them and the events about those.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.lookups.sparql import select, text
from graph.namespaces import DG, split_entity_iri
from graph.store import Bindings, GraphStore
from graph.views.builders import (
    SPELLS,
    Builder,
    Interval,
    _date,
    _window,
    actor_facts,
    add_actor,
    labels,
    local_name,
    python_value,
)

#: The kinds of status event by their ontology individual: the name the REST routes use, and
#: the edge from the event to what it concerns.
STATUS_KINDS: dict[str, tuple[str, str]] = {
    str(DG.reaffirmed): ("reaffirmed", "reaffirms"),
    str(DG.implemented): ("implemented", "implements"),
    str(DG.accusedOfBreach): ("accused_of_breach", "accuses_breach_of"),
    str(DG.disputed): ("disputed", "disputes"),
    str(DG.withdrawn): ("withdrawn", "withdraws"),
    str(DG.superseded): ("superseded", "declares_superseded"),
    str(DG.moot): ("moot", "declares_moot"),
}
_CLAIM_TYPES = {
    str(DG.Demand): "demand",
    str(DG.RedLine): "red line",
    str(DG.Commitment): "commitment",
    str(DG.Consensus): "consensus",
}
_LABEL_LENGTH = 80
#: A node's life on the timeline: first day, last day (both known: a ledger node is never open).
Life = tuple[dt.date, dt.date]


@dataclass
class Event:
    """One status event as the rows of views-ledger-events give it."""

    iri: str
    kind: str
    target: str
    date: dt.date
    member: str | None = None
    replacement: str | None = None
    asserters: set[str] = field(default_factory=set)
    fields: dict[str, Any] = field(default_factory=dict)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (quote, document IRI)

    @property
    def concerns(self) -> str:
        """What the event is most precisely about: the member when the text names one."""
        return self.member or self.target


@dataclass
class Claim:
    iri: str
    types: set[str] = field(default_factory=set)
    date: dt.date | None = None
    on_or_before: dt.date | None = None
    statement: str | None = None
    origin: str | None = None
    claimants: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)

    @property
    def first(self) -> dt.date | None:
        """The day of its first statement, or the latest it can have been made."""
        return self.date or self.on_or_before


# ---------------------------------------------------------------------------------- reading
def _events(store: GraphStore) -> dict[str, Event]:
    events: dict[str, Event] = {}
    starts: dict[str, dt.date] = {}
    for row in select(store, "views-ledger-events"):
        iri, day, kind = text(row["event"]), _date(row["date"]), text(row["kind"])
        if day is None or kind not in STATUS_KINDS:
            continue  # the shapes refuse both; an unvalidated store may still hold them
        event = events.get(iri)
        if event is None:
            event = events[iri] = Event(iri, kind, text(row["target"]), day)
        for name, attribute in (("member", "member"), ("replacement", "replacement")):
            if name in row and getattr(event, attribute) is None:
                setattr(event, attribute, text(row[name]))
        if "asserter" in row:
            event.asserters.add(text(row["asserter"]))
        for var, out in (("statement", "statement"), ("origin", "origin"),
                         ("confidence", "confidence"), ("reviewStatus", "review_status")):
            if var in row:
                event.fields.setdefault(out, python_value(row[var]))
        if "quote" in row:
            quote = (text(row["quote"]), text(row["document"]))
            if quote not in event.quotes:
                event.quotes.append(quote)
        start = _date(row.get("targetStart"))
        if start is not None:
            starts[event.target] = min(start, starts.get(event.target, start))
    for event in events.values():
        event.quotes.sort()
        event.fields["target_start"] = starts.get(event.target)
    return dict(sorted(events.items(), key=lambda item: (item[1].date, item[0])))


def _claims(store: GraphStore) -> dict[str, Claim]:
    claims: dict[str, Claim] = {}
    for row in select(store, "views-ledger-claims"):
        iri = text(row["claim"])
        claim = claims.setdefault(iri, Claim(iri))
        claim.types.add(_CLAIM_TYPES[text(row["type"])])
        for var, attribute in (("date", "date"), ("onOrBefore", "on_or_before")):
            day = _date(row.get(var))
            if day is not None and (getattr(claim, attribute) is None
                                    or day < getattr(claim, attribute)):  # fmt: skip
                setattr(claim, attribute, day)
        if "statement" in row and claim.statement is None:
            claim.statement = text(row["statement"])
        if "origin" in row:
            claim.origin = text(row["origin"])
        if "claimant" in row:
            claim.claimants.add(text(row["claimant"]))
        if "topic" in row:
            claim.topics.add(text(row["topic"]))
    return claims


def _links(store: GraphStore) -> list[tuple[str, str, str, int | None]]:
    links = []
    for row in select(store, "views-ledger-links"):
        position = python_value(row["position"]) if "position" in row else None
        links.append((text(row["from"]), text(row["link"]), text(row["to"]),
                      position if isinstance(position, int) else None))  # fmt: skip
    return sorted(links, key=lambda link: link[:3])


def _broader(store: GraphStore) -> dict[str, set[str]]:
    broader: dict[str, set[str]] = defaultdict(set)
    for row in select(store, "views-topics"):
        if "broader" in row:
            broader[text(row["topic"])].add(text(row["broader"]))
    return broader


# ---------------------------------------------------------------------------------- the view
def ledger_view(store: GraphStore, bindings: Bindings) -> nx.MultiDiGraph:
    """Claims, bundles and measures with the status events about them, on a timeline."""
    since, until = _window(bindings)
    names = labels(store)
    events, claims, links = _events(store), _claims(store), _links(store)
    parents: dict[str, set[str]] = defaultdict(set)  # member -> the bundles it is in
    for source, link, target, _ in links:
        if link == "in_bundle":
            parents[source].add(target)
    on_topic = _on_topic(bindings, claims, _broader(store) if "topic" in bindings else {})
    kept_events = {iri: e for iri, e in events.items() if since <= e.date <= until}
    lives = _lives(claims, kept_events, links, parents)
    kept = {
        iri for iri, (start, end) in lives.items()
        if iri in claims and on_topic(iri) and start <= until and end >= since
    }  # fmt: skip
    bundles = {b for c in kept for b in _ancestors(c, parents)}
    if on_topic.everything:  # bundles of no kept claim still show their events and their life
        bundles |= {e.target for e in kept_events.values() if _kind_of(e.target) == "bundle"}
        bundles |= {iri for iri, (start, end) in lives.items()
                    if _kind_of(iri) == "bundle" and start <= until and end >= since}
    kept_events = {iri: e for iri, e in kept_events.items()
                   if _event_kept(e, kept, bundles, on_topic.everything)}  # fmt: skip
    measures = {e.target for e in kept_events.values() if _kind_of(e.target) == "measure"}
    b = Builder(names)
    facts = actor_facts(store, names)
    _claim_nodes(b, claims, kept, lives, facts)
    _group_nodes(b, bundles | measures, lives, kept_events)
    _event_nodes(b, kept_events.values(), facts, names)
    _link_edges(b, links, lives, claims)
    return b.graph("ledger")


@dataclass
class _TopicTest:
    """Whether a claim is on the filter's topic; everything is when no topic is asked for."""

    topics: set[str] | None
    claims: dict[str, Claim]

    @property
    def everything(self) -> bool:
        return self.topics is None

    def __call__(self, claim: str) -> bool:
        return self.topics is None or bool(self.claims[claim].topics & self.topics)


def _on_topic(bindings: Bindings, claims: dict[str, Claim], broader: dict[str, set[str]]
              ) -> _TopicTest:
    if "topic" not in bindings:
        return _TopicTest(None, claims)
    topic = str(bindings["topic"])
    memo: dict[str, bool] = {}

    def under(node: str, path: frozenset[str] = frozenset()) -> bool:
        if node not in memo:
            memo[node] = node == topic or any(
                under(up, path | {node}) for up in broader.get(node, ()) if up not in path)
        return memo[node]

    every = {t for c in claims.values() for t in c.topics}
    return _TopicTest({t for t in every if under(t)}, claims)


def _ancestors(node: str, parents: dict[str, set[str]]) -> set[str]:
    """Every bundle holding the node, directly or through sub-bundles (cycles are ignored)."""
    found: set[str] = set()
    todo = list(parents.get(node, ()))
    while todo:
        bundle = todo.pop()
        if bundle not in found:
            found.add(bundle)
            todo.extend(parents.get(bundle, ()))
    return found


def _kind_of(iri: str) -> str:
    return (split_entity_iri(iri) or ("resource", ""))[0]


def _event_kept(event: Event, claims: set[str], bundles: set[str], everything: bool) -> bool:
    """An event stays when what it concerns stays: the member the text names, else its
    target (a measure's events only without a topic filter: measures have no topic)."""
    if event.concerns in claims or event.concerns in bundles:
        return True
    return everything and _kind_of(event.target) == "measure"


def _lives(
    claims: dict[str, Claim],
    events: dict[str, Event],
    links: list[tuple[str, str, str, int | None]],
    parents: dict[str, set[str]],
) -> dict[str, Life]:
    """Each claim's, bundle's and measure's life, first statement to last event (see above)."""
    last: dict[str, dt.date] = {}  # the latest day something happened to a node

    def touch(iri: str, day: dt.date) -> None:
        if iri not in last or day > last[iri]:
            last[iri] = day

    holders = {claim: _ancestors(claim, parents) for claim in claims}
    held: dict[str, list[str]] = defaultdict(list)  # bundle -> the claims under it
    for under, bundles in holders.items():
        for bundle in bundles:
            held[bundle].append(under)
    for event in events.values():
        touch(event.concerns, event.date)
        if event.member:
            touch(event.target, event.date)
        # an event about a whole bundle, or naming a sub-bundle, concerns every claim under it
        for member in held.get(event.concerns, ()):
            touch(member, event.date)
    restated_by: dict[str, set[str]] = defaultdict(set)
    for source, link, target, _ in links:
        if link == "restates":
            restated_by[target].add(source)
    lives: dict[str, Life] = {}
    for iri, claim in claims.items():
        first = claim.first
        if first is None:
            continue
        ends = [first, last.get(iri, first)]
        for later in _restatements(iri, restated_by):
            day = claims[later].first if later in claims else None
            if day is not None:
                ends.append(day)
        lives[iri] = (first, max(ends))
    members: dict[str, list[Life]] = defaultdict(list)
    for iri, life in list(lives.items()):
        for bundle in holders[iri]:
            members[bundle].append(life)
    for bundle, spans in members.items():
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        lives[bundle] = (start, max(end, last.get(bundle, end)))
    for event in events.values():
        target = event.target
        if target not in lives:
            begun: dt.date = event.fields.get("target_start") or event.date
            lives[target] = (min(begun, event.date), max(last.get(target, begun), begun))
    return lives


def _restatements(claim: str, restated_by: dict[str, set[str]]) -> set[str]:
    """The claims restating this one, directly or through other restatements."""
    found: set[str] = set()
    todo = list(restated_by.get(claim, ()))
    while todo:
        later = todo.pop()
        if later not in found:
            found.add(later)
            todo.extend(restated_by.get(later, ()))
    return found


# ---------------------------------------------------------------------------------- nodes, edges
def _short(statement: str) -> str:
    return statement if len(statement) <= _LABEL_LENGTH else (
        statement[: _LABEL_LENGTH - 1].rstrip() + "…")


def _claim_nodes(
    b: Builder,
    claims: dict[str, Claim],
    kept: set[str],
    lives: dict[str, Life],
    facts: dict[str, dict[str, Any]],
) -> None:
    for iri in sorted(kept):
        claim, life = claims[iri], lives[iri]
        node = b.node(iri, "claim", date=claim.date, date_on_or_before=claim.on_or_before
                      if claim.date is None else None, statement=claim.statement,
                      origin=claim.origin)  # fmt: skip
        node["label"] = _short(claim.statement or local_name(iri))
        node["type"] = node["claim_type"] = min(claim.types)
        node[SPELLS].append(life)
        for actor in sorted(claim.claimants):
            add_actor(b, actor, facts, {})[SPELLS].append((life[0], life[0]))
            b.edge(actor, iri, "claimant", when=(life[0], life[0]))


def _group_nodes(
    b: Builder, groups: set[str], lives: dict[str, Life], events: dict[str, Event]
) -> None:
    """Bundles and measures, with their lives when known and the number of events about
    them (naming a member or not)."""
    counts = Counter(e.target for e in events.values())
    counts.update(e.member for e in events.values() if e.member and e.member != e.target)
    for iri in sorted(groups):
        kind = _kind_of(iri)
        node = b.node(iri, kind if kind in ("bundle", "measure") else "resource")
        if iri in lives:
            node[SPELLS].append(lives[iri])
        node["events"] = counts[iri]


def _event_nodes(
    b: Builder, events: Iterable[Event], facts: dict[str, dict[str, Any]], names: dict[str, str]
) -> None:
    for event in events:
        status, verb = STATUS_KINDS[event.kind]
        point = (event.date, event.date)
        attrs = {k: v for k, v in event.fields.items() if k != "target_start"}
        statement = str(attrs.get("statement") or f"{status} {local_name(event.target)}")
        node = b.node(event.iri, "event", status_kind=status, date=event.date, **attrs)
        node["label"] = _short(statement)
        node["type"] = status
        node["asserted_by"] = " | ".join(sorted(names.get(a) or local_name(a)
                                                for a in event.asserters))  # fmt: skip
        if event.quotes:
            quote, document = event.quotes[0]
            node["quote"], node["document"] = quote, names.get(document) or local_name(document)
        node[SPELLS].append(point)
        for actor in sorted(event.asserters):
            add_actor(b, actor, facts, {})[SPELLS].append(point)
            b.edge(actor, event.iri, "asserts", when=point)
        _ensure(b, event.concerns, point)
        b.edge(event.iri, event.concerns, verb, when=point)
        if event.member:
            _ensure(b, event.target, point)
            b.edge(event.iri, event.target, "about", when=point)
        if event.replacement and event.replacement in b.nodes:
            b.edge(event.iri, event.replacement, "superseded_by", when=point)


def _ensure(b: Builder, iri: str, point: Interval) -> None:
    """A node for what an event concerns, when no other rule made one (a claim of no known
    type, an undated claim); it lives on the event's day."""
    if iri not in b.nodes:
        b.node(iri, _kind_of(iri))[SPELLS].append(point)


def _link_edges(
    b: Builder,
    links: list[tuple[str, str, str, int | None]],
    lives: dict[str, Life],
    claims: dict[str, Claim],
) -> None:
    """Restatements, bundle membership, bundles invoked and measures objected to, between
    nodes the view holds; each dated by the claim it starts from (a bundle by its life)."""
    for source, link, target, position in links:
        if source not in b.nodes or target not in b.nodes:
            continue
        life = lives.get(source)
        claim = claims.get(source)
        when = ((claim.first, claim.first) if claim and claim.first else life)
        b.edge(source, target, link, when=when, position=position)
