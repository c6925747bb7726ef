"""The four projections of the RDF graph into networkx that ``graph.views.registry`` serves and
caches.

Each builder runs the view's SPARQL (``graph/queries/views-*.rq``) with the filters bound, and
shapes the rows into a ``MultiDiGraph`` keyed by edge kind. Rows come back as plain values
(``graph.lookups.sparql``: an IRI a ``str``, a literal a ``Lit``): on a million triples,
making rdflib terms of every answer cost more than the queries. The conventions every view keeps
(node ``iri``/``label``/``kind``, edge ``kind``/``weight``/``directed``, ``start``/``end`` and
``spells`` for time) are described in ``graph.views.registry``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import chain, combinations
from operator import itemgetter
from typing import Any

import networkx as nx
from rdflib.namespace import RDF, XSD

from graph._perf import add_keyed_edges
from graph.cache import StoreCache
from graph.lookups.sparql import Lit, PlainRow, Value, select, select_soon, text
from graph.namespaces import DG, PREFIXES, split_entity_iri
from graph.store import Bindings, GraphStore

Interval = tuple[dt.date, dt.date | None]

#: Reserved attribute names: time data the exporters write as timeline, not as columns.
SPELLS = "spells"
DYNAMIC = "dynamic"

_CLAIM_TYPES = {
    str(DG.Demand): "demand",
    str(DG.RedLine): "red line",
    str(DG.Commitment): "commitment",
    str(DG.Consensus): "consensus",
}
_ACTOR_TYPES = {
    str(DG.Person): "person",
    str(DG.State): "state",
    str(DG.Organization): "organization",
}


# ---------------------------------------------------------------------------------- ids, labels
def node_id(iri: str) -> str:
    """A node's id: ``kind/slug`` for our entities (short, readable in Gephi), else the IRI."""
    parts = split_entity_iri(iri)
    return f"{parts[0]}/{parts[1]}" if parts else iri


def curie(iri: str) -> str:
    """``dg:participant`` for an IRI in the prefix table (longest namespace wins), else the IRI."""
    best = max(
        ((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns) and len(iri) > len(ns)),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


#: The display names, per store until it changes: every view reads all of them (26,000 at 1M
#: triples, most of a second), and a user exports several views, or one with several filters.
_LABELS: StoreCache[str, dict[str, str]] = StoreCache(max_entries=1, name="view_labels")


def labels(store: GraphStore) -> dict[str, str]:
    """One display name per entity: English first, then untagged, then any language. Shared
    between views: read it, never change it."""
    return _LABELS.get(store, "labels", lambda: _read_labels(store))


def _read_labels(store: GraphStore) -> dict[str, str]:
    ranked: dict[str, tuple[tuple[tuple[int, str], str], str]] = {}  # iri: ((rank, label), label)
    for row in select(store, "views-labels"):
        lit, iri = row["label"], text(row["node"])
        if not isinstance(lit, Lit):
            continue
        key = _label_rank(lit)
        if iri not in ranked or key < ranked[iri][0]:
            ranked[iri] = (key, lit.value)
    return {iri: " ".join(text.split()) for iri, (_, text) in ranked.items()}


def _label_rank(lit: Lit) -> tuple[tuple[int, str], str]:
    return ((0 if lit.lang.startswith("en") else 1 if not lit.lang else 2, lit.lang), lit.value)


def best_label(values: Iterable[Value]) -> str | None:
    """The display name ``labels`` gives a node with these names (None: it has none)."""
    lits = [v for v in values if isinstance(v, Lit)]
    return " ".join(min(lits, key=_label_rank).value.split()) if lits else None


_INTEGERS = {str(XSD[t]) for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "unsignedInt", "unsignedLong")}
_FLOATS = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
_BOOLEAN, _DATE = str(XSD.boolean), str(XSD.date)


def python_value(value: Value | bool) -> str | int | float | bool | dt.date:
    """A literal as the plain value a table column can hold (dates stay dates)."""
    if not isinstance(value, Lit):
        return value
    try:
        if value.datatype == _BOOLEAN:
            return value.value.strip() in ("true", "1")
        if value.datatype in _INTEGERS:
            return int(value.value)
        if value.datatype in _FLOATS:
            return float(value.value)
        if value.datatype == _DATE:
            return dt.date.fromisoformat(value.value)
    except ValueError:
        pass  # an ill-typed literal stays text
    return value.value


def _date(value: Value | None) -> dt.date | None:
    if not isinstance(value, Lit) or value.datatype != _DATE:
        return None
    try:
        return dt.date.fromisoformat(value.value)
    except ValueError:
        return None


def merge_spells(spells: Iterable[Interval]) -> list[Interval]:
    """Sorted intervals with overlapping or touching ones joined (an open end absorbs the rest).

    Each distinct interval is merged once: a topic of a large view has thousands of claims on a
    few hundred days."""
    distinct = set(spells)
    if len(distinct) < 2:
        return list(distinct)
    try:  # plain tuple order is the order wanted unless two share a start and an end is open
        ordered = sorted(distinct)
    except TypeError:
        ordered = sorted(distinct, key=lambda s: (s[0], s[1] or dt.date.max))
    day = dt.timedelta(days=1)
    merged: list[Interval] = []
    for start, end in ordered:
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None or start <= last_end + day:
                later = None if last_end is None or end is None else max(last_end, end)
                merged[-1] = (last_start, later)
                continue
        merged.append((start, end))
    return merged


# ---------------------------------------------------------------------------------- builder
@dataclass
class Builder:
    """Accumulates nodes and aggregated edges, then emits a sorted, frozen graph."""

    names: dict[str, str]
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def node(self, iri: str, kind: str, **attrs: Any) -> dict[str, Any]:
        """The node of an IRI, created with its label and kind the first time."""
        data = self.nodes.get(iri)
        if data is None:
            label = self.names.get(iri) or (split_entity_iri(iri) or ("", curie(iri)))[1]
            data = self.nodes[iri] = {"iri": iri, "label": label, "kind": kind, SPELLS: []}
        data.update({k: v for k, v in attrs.items() if v is not None})
        return data

    def edge(
        self,
        source: str,
        target: str,
        kind: str,
        *,
        directed: bool = True,
        when: Interval | None = None,
        note: str | None = None,
        **attrs: Any,
    ) -> None:
        """Add one fact to the edge (source, target, kind): parallel facts add up as weight."""
        if not directed and target < source:
            source, target = target, source
        key = (source, target, kind)
        data = self.edges.get(key)
        if data is None:
            data = self.edges[key] = {
                "kind": kind,
                "label": attrs.pop("label", kind),
                "weight": 0,
                "directed": directed,
                SPELLS: [],
            }
        data["weight"] += 1
        if attrs:
            data.update({k: v for k, v in attrs.items() if v is not None})
        if when:
            data[SPELLS].append(when)
        if note:
            notes = data.setdefault("_notes", [])
            if note not in notes:
                notes.append(note)

    def graph(self, name: str, note_key: str = "meetings") -> nx.MultiDiGraph:
        """The finished view: ids for keys, time attributes settled, in a stable order. Once
        only: the builder's attribute dicts become the graph's."""
        return assemble(name, *self.finished(note_key))

    def finished(self, note_key: str = "meetings") -> tuple[list[ViewNode], list[ViewEdge]]:
        """The nodes and edges as a view holds them (keyed by id, time attributes settled),
        in no particular order: ``assemble`` orders them."""
        ends = chain(map(itemgetter(0), self.edges), map(itemgetter(1), self.edges))
        ids = {iri: node_id(iri) for iri in {*self.nodes, *ends}}
        nodes = [(ids[iri], _timed(data)) for iri, data in self.nodes.items()]
        edges = []
        for (source, target, kind), data in self.edges.items():
            notes = data.pop("_notes", None)
            if notes:
                data[note_key] = " | ".join(notes)
            edges.append((ids[source], ids[target], kind, _timed(data)))
        return nodes, edges


#: A view's node (id, attributes) and edge (source id, target id, kind, attributes).
ViewNode = tuple[str, dict[str, Any]]
ViewEdge = tuple[str, str, str, dict[str, Any]]


def assemble(name: str, nodes: Iterable[ViewNode], edges: Iterable[ViewEdge]) -> nx.MultiDiGraph:
    """A frozen view of ``nodes`` by id and ``edges`` by (source, target, kind): the order a
    view's answers and exports follow, however the parts were made. Edges go in through
    ``graph._perf.add_keyed_edges`` (their dicts become the graph's): a view has over a
    hundred thousand edges, and ``add_edge`` was a tenth of the export."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(view=name)
    for node, data in sorted(nodes, key=itemgetter(0)):
        g.add_node(node, **data)
    add_keyed_edges(g, sorted(edges, key=itemgetter(0, 1, 2)))
    return nx.freeze(g)


def _timed(data: dict[str, Any]) -> dict[str, Any]:
    """Set ``start``/``end`` from the merged spells, or drop ``spells`` when undated. Merged
    spells are sorted and apart, so the last ends last (and only it can be open)."""
    spells = data.pop(SPELLS, None)
    if spells:
        if len(spells) > 1:
            spells = merge_spells(spells)
        data[SPELLS] = spells
        data["start"] = spells[0][0]
        if spells[-1][1] is not None:
            data["end"] = spells[-1][1]
    return data


# ---------------------------------------------------------------------------------- shared facts
@dataclass
class Meeting:
    iri: str
    start: dt.date
    end: dt.date
    participants: set[str] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)


def attendance(store: GraphStore, bindings: Bindings) -> dict[str, Meeting]:
    """The engagements of the window (and topic), each with who attended, in date order."""
    meetings: dict[str, Meeting] = {}
    for row in select(store, "views-attendance", bindings):
        iri = text(row["meeting"])
        start, end = _date(row["start"]), _date(row["end"])
        if start is None or end is None:
            continue
        meeting = meetings.setdefault(iri, Meeting(iri, start, end))
        if "attendee" in row:
            group = meeting.participants if text(row["role"]) == "participant" else meeting.sides
            group.add(text(row["attendee"]))
    return dict(sorted(meetings.items(), key=lambda item: (item[1].start, item[0])))


def actor_facts(store: GraphStore, names: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per actor: its type (person, state, organisation) and its country, by label and IRI."""
    facts: dict[str, dict[str, Any]] = {}
    for row in select(store, "views-actors"):
        iri = text(row["actor"])
        kind = _ACTOR_TYPES[text(row["class"])]
        country = text(row["country"]) if "country" in row else (iri if kind == "state" else None)
        facts[iri] = {
            "type": kind,
            "country": names.get(country) if country else None,
            "country_iri": country,
        }
    return facts


def posts(store: GraphStore, bindings: Bindings, names: dict[str, str]) -> dict[str, tuple]:
    """Per person holding posts in the window: the titles held at the window's end, and the
    titles held over time (see ``post_timeline``)."""
    held: dict[str, list[tuple[str, dt.date, dt.date | None]]] = defaultdict(list)
    window = {name: bindings[name] for name in ("since", "until")}
    for row in select(store, "views-holdings", window):
        start = _date(row["start"])
        if start is None:
            continue
        title = names.get(text(row["post"])) or local_name(text(row["post"]))
        held[text(row["holder"])].append((title, start, _date(row.get("end"))))
    until = bindings["until"].toPython()  # type: ignore[attr-defined]  # the value is a Literal; rdflib types it Node
    out: dict[str, tuple] = {}
    for who, spans in held.items():
        shown = held_posts(spans, until)
        if shown is not None:
            out[who] = shown
    return out


def held_posts(spans: list[tuple[str, dt.date, dt.date | None]], until: dt.date) -> tuple | None:
    """A person's (titles held at ``until``, titles over time) from their holdings' spans."""
    timeline = post_timeline(sorted(spans, key=lambda s: (s[1], s[0])))
    current = [titles for titles, start, _ in timeline if start <= until]
    return (current[-1] if current else timeline[0][0], timeline) if timeline else None


def post_timeline(spans: list[tuple[str, dt.date, dt.date | None]]) -> list[tuple]:
    """The titles held over time as non-overlapping (titles, start, end) segments: a person
    holds several posts at once, and a time-varying value must have one value at a time."""
    day = dt.timedelta(days=1)
    cuts = sorted({s for _, s, _ in spans} | {e + day for _, _, e in spans if e})
    segments: list[tuple[str, dt.date, dt.date | None]] = []
    for i, start in enumerate(cuts):
        held = [t for t, s, e in spans if s <= start and (e is None or e >= start)]
        if held:
            end = cuts[i + 1] - day if i + 1 < len(cuts) else None
            segments.append(("; ".join(dict.fromkeys(held)), start, end))
    return segments


def add_actor(
    b: Builder, iri: str, facts: dict[str, dict[str, Any]], held: dict[str, tuple]
) -> dict[str, Any]:
    """An actor node with its type, country and post (the titles last held in the window; over
    time as a dynamic attribute)."""
    node = b.node(iri, "actor", **facts.get(iri, {}))
    if iri in held and "post" not in node:
        node["post"], timeline = held[iri]
        node[DYNAMIC] = {"post": timeline}
    return node


def _interval(meeting: Meeting) -> Interval:
    return (meeting.start, meeting.end)


# ---------------------------------------------------------------------------------- views
@dataclass
class ActorInputs:
    """What the actors view is made of, read from the store: kept with the unfiltered view so a
    write can bring them up to date from the nodes it touched (``graph.views.follow``)."""

    names: dict[str, str]
    facts: dict[str, dict[str, Any]]
    held: dict[str, tuple]
    meetings: dict[str, Meeting]  # in (start, iri) order


def actor_inputs(store: GraphStore, bindings: Bindings) -> ActorInputs:
    names = labels(store)
    return ActorInputs(names, actor_facts(store, names), posts(store, bindings, names),
                       attendance(store, bindings))  # fmt: skip


def actors_view(store: GraphStore, bindings: Bindings) -> nx.MultiDiGraph:
    """People and states; 'met' joins two who attended an engagement together (as persons or
    as the two sides), weighted by the number of engagements; 'country' ties a person to its
    state. Every edge is undirected: a view has one direction (networkx reads no mixed graph),
    and meeting is symmetric, so Gephi counts each pair's meetings once."""
    return actors_graph(actor_inputs(store, bindings))


def actors_graph(inputs: ActorInputs) -> nx.MultiDiGraph:
    """The actors view made of its inputs, in Python: no store is read."""
    b = Builder(inputs.names)
    attend(b, inputs)
    country_edges(b, list(b.nodes), inputs.facts, b.nodes)
    return b.graph("actors")


def attend(b: Builder, inputs: ActorInputs, only: AbstractSet[str] | None = None,
           pairs: AbstractSet[tuple[str, str]] | None = None) -> None:  # fmt: skip
    """The actors of every engagement, and 'met' between those who attended it together;
    ``only``: just these actors' nodes, and just the edges of ``pairs`` (each in IRI order)
    among them (``graph.views.patch``)."""
    names, facts, held = inputs.names, inputs.facts, inputs.held
    # the nodes and edges met before are updated here directly (what ``add_actor`` and
    # ``Builder.edge`` would do to them), a third of the build at 1M triples
    nodes, edges = b.nodes, b.edges
    for meeting in inputs.meetings.values():
        people = meeting.participants | meeting.sides
        if only is not None and not (people := people & only):
            continue
        when = _interval(meeting)
        for iri in people:
            node = nodes.get(iri) or add_actor(b, iri, facts, held)
            node[SPELLS].append(when)
            node["meetings"] = node.get("meetings", 0) + 1
        if len(people) < 2:
            continue
        title = f"{names.get(meeting.iri, local_name(meeting.iri))} ({meeting.start})"
        for group in (meeting.participants, meeting.sides):
            for one, other in combinations(sorted(group if only is None else group & only), 2):
                if pairs is not None and (one, other) not in pairs:
                    continue
                data = edges.get((one, other, "met"))
                if data is None:
                    b.edge(one, other, "met", directed=False, when=when, note=title)
                    continue
                data["weight"] += 1
                data[SPELLS].append(when)
                notes = data.setdefault("_notes", [])
                if title not in notes:
                    notes.append(title)


def country_edges(b: Builder, iris: Iterable[str], facts: dict[str, dict[str, Any]],
                  shown: Collection[str]) -> None:  # fmt: skip
    """'country' from each of ``iris`` to its state, where the view shows the state."""
    for iri in iris:
        country = facts.get(iri, {}).get("country_iri")
        if country and country != iri and country in shown:
            b.edge(iri, country, "country", directed=False)


def meetings_view(store: GraphStore, bindings: Bindings) -> nx.MultiDiGraph:
    """Engagements and the actors who attended them; 'followsUp' and 'partOf' between
    engagements."""
    names = labels(store)
    facts, held = actor_facts(store, names), posts(store, bindings, names)
    meetings = attendance(store, bindings)
    details = _engagement_details(store, names)
    b = Builder(names)
    for meeting in meetings.values():
        node = b.node(meeting.iri, "meeting", date=meeting.start, **details.get(meeting.iri, {}))
        node[SPELLS].append(_interval(meeting))
        for iri, kind in [(p, "attended") for p in meeting.participants] + [
            (s, "side") for s in meeting.sides
        ]:
            add_actor(b, iri, facts, held)[SPELLS].append(_interval(meeting))
            b.edge(iri, meeting.iri, kind, when=_interval(meeting))
    for row in select(store, "views-engagement-links"):
        source, target = text(row["from"]), text(row["to"])
        if source in meetings and target in meetings:
            b.edge(source, target, local_name(text(row["link"])), when=_interval(meetings[source]))
    return b.graph("meetings")


def _engagement_details(store: GraphStore, names: dict[str, str]) -> dict[str, dict[str, Any]]:
    details: dict[str, dict[str, Any]] = {}
    for row in select(store, "views-engagements"):
        own = details.setdefault(text(row["meeting"]), {"claims": 0})
        klass = text(row["class"])
        own["type"] = names.get(klass) or local_name(klass)
        own["claims"] = max(own["claims"], int(python_value(row["claims"])))  # type: ignore[arg-type]  # a count: an integer
        for key in ("place", "host"):
            if key in row:
                value = names.get(text(row[key])) or local_name(text(row[key]))
                own[key] = " | ".join(sorted({*own.get(key, "").split(" | "), value} - {""}))
    return details


_CLAIM_FIELDS = {
    "statement": "statement",
    "negated": "negated",
    "cameoCode": "cameo_code",
    "ploverType": "plover_type",
    "origin": "origin",
    "confidence": "confidence",
    "reviewStatus": "review_status",
}


def claims_view(store: GraphStore, bindings: Bindings) -> nx.MultiDiGraph:
    """Claimant -> claim -> addressee and claim -> topic (and claim -> the claim it repeats),
    with the claim type as an attribute."""
    # the two large answers are computed on the other cores while the small ones are read here
    claim_links, claim_fields = (select_soon(store, "views-claim-links"),
                                 select_soon(store, "views-claim-fields"))
    names = labels(store)
    facts, held = actor_facts(store, names), posts(store, bindings, names)
    broader: dict[str, set[str]] = defaultdict(set)
    for r in select(store, "views-topics"):
        if "broader" in r:
            broader[text(r["topic"])].add(text(r["broader"]))
    links = [(text(r["claim"]), text(r["link"]), text(r["other"])) for r in claim_links()]
    b = Builder(names)
    spans = _claim_nodes(b, claim_fields(), bindings, _topic_claims(bindings, links, broader))
    topics: dict[str, dict[str, Any]] = {}  # the nodes linked to, each made once
    actors: dict[str, dict[str, Any]] = {}
    named: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for claim, link, other in links:
        when = spans.get(claim)
        if when is None:
            continue
        if link in ("reiterates", "same_speech_act"):
            if other in spans:
                b.edge(claim, other, link, when=when)
            continue
        if link in _CLAIM_ATTRIBUTE_LINKS:
            named[claim][link].add(b.names.get(other) or local_name(other))
            continue
        if link == "topic":
            node = topics.get(other)
            if node is None:
                above = min(broader.get(other, ()), default="")
                node = topics[other] = b.node(other, "topic", broader=names.get(above))
        else:
            node = actors.get(other)
            if node is None:
                node = actors[other] = add_actor(b, other, facts, held)
        node[SPELLS].append(when)
        source, target = (other, claim) if link == "claimant" else (claim, other)
        b.edge(source, target, link, when=when)
    for claim, attributes in named.items():
        b.nodes[claim].update({k: " | ".join(sorted(v)) for k, v in attributes.items()})
    return b.graph("claims")


#: Links of views-claim-links shown as text attributes of the claim node, not as edges: the
#: measures and bundles a claim points at, the side that alone affirms it, and its evidence's
#: speech modes and stances (ontology individuals, shown by local name).
_CLAIM_ATTRIBUTE_LINKS = frozenset(
    {"objects_to", "refers_to", "affirmed_only_by", "speech_modes", "stances"}
)


def _topic_claims(
    bindings: Bindings, links: list[tuple[str, str, str]], broader: dict[str, set[str]]
) -> set[str] | None:
    """The claims on the filter's topic or a narrower one; None when no topic is asked for."""
    if "topic" not in bindings:
        return None
    topic = str(bindings["topic"])
    memo: dict[str, bool] = {}

    def under(node: str, path: frozenset[str] = frozenset()) -> bool:
        if node not in memo:
            memo[node] = node == topic or any(
                under(up, path | {node}) for up in broader.get(node, ()) if up not in path
            )
        return memo[node]

    return {claim for claim, link, other in links if link == "topic" and under(other)}


def _claim_nodes(
    b: Builder, rows: list[PlainRow], bindings: Bindings, only: set[str] | None
) -> dict[str, Interval]:
    """Add a node for every claim in the window (and ``only``) from the rows of
    views-claim-fields; the day of each, by IRI."""
    fields: dict[str, dict[str, list[Value]]] = {}
    for row in rows:
        claim = text(row.pop("claim"))
        if only is not None and claim not in only:
            continue
        own = fields.get(claim)
        if own is None:  # one row per claim, unless a field has several values
            fields[claim] = {name: [value] for name, value in row.items()}
            continue
        for name, value in row.items():
            values = own.setdefault(name, [])
            if value not in values:
                values.append(value)
    since, until = _window(bindings)
    spans: dict[str, Interval] = {}
    for iri, own in fields.items():
        date = min(filter(None, map(_date, own["date"])), default=None)
        types = [_CLAIM_TYPES[text(t)] for t in own["type"] if text(t) in _CLAIM_TYPES]
        if date is None or not types or not since <= date <= until:
            continue
        spans[iri] = (date, date)
        attrs = {out: python_value(_least(own[var]))
                 for var, out in _CLAIM_FIELDS.items() if var in own}  # fmt: skip
        statement = str(attrs.get("statement", local_name(iri)))
        node = b.node(iri, "claim", date=date, **attrs)
        node["label"] = statement if len(statement) <= 80 else statement[:79].rstrip() + "…"
        node["type"] = node["claim_type"] = min(types)
        if "madeAt" in own:
            meeting = text(_least(own["madeAt"]))
            node["meeting"] = b.names.get(meeting) or local_name(meeting)
        node[SPELLS].append(spans[iri])
    return spans


def _window(bindings: Bindings) -> tuple[dt.date, dt.date]:
    """The (since, until) days a view's filters bound."""
    return bindings["since"].toPython(), bindings["until"].toPython()  # type: ignore[attr-defined]  # the value is a Literal; rdflib types it Node


def _least(values: list[Value]) -> Value:
    """One value of a field with several: the least by text, so the choice is stable."""
    return values[0] if len(values) == 1 else min(values, key=text)


_ONTOLOGY = str(DG)


def full_view(store: GraphStore, bindings: Bindings) -> nx.MultiDiGraph:
    """Every resource a node, every object property a directed edge named by its predicate;
    literals are node attributes. Claims, evidence, engagements and holdings outside the
    filters are left out with their edges."""
    triples = select_soon(store, "views-full-triples")  # the largest answer, on another core
    names = labels(store)
    scope: dict[str, list[Interval]] = defaultdict(list)
    dropped: set[str] = set()
    since, until = _window(bindings)
    for row in select(store, "views-full-scope", bindings):
        iri, start, end = text(row["node"]), _date(row["start"]), _date(row.get("end"))
        inside = start is not None and start <= until and (end is None or end >= since)
        on_topic = "holding" in row or python_value(row.get("onTopic", False))
        if not (inside and on_topic):
            dropped.add(iri)
        else:
            scope[iri].append((start, end))  # type: ignore[arg-type]  # `inside` checked start
    b = Builder(names)
    types: dict[str, set[str]] = defaultdict(set)
    values: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for row in triples():
        s, p, o = text(row["s"]), text(row["p"]), row["o"]
        if s in dropped or (not isinstance(o, Lit) and o in dropped):
            continue
        _resource(b, s, scope)
        if isinstance(o, Lit):
            values[s][curie(p)].add(python_value(o))
        elif o.startswith(_ONTOLOGY) and p != str(RDF.type):
            values[s][curie(p)].add(curie(o))  # a speech mode, a stance: a value, not a node
        elif p == str(RDF.type):
            types[s].add(o)
        else:
            _resource(b, o, scope)
            b.edge(s, o, curie(p), label=local_name(p), when=_first(scope.get(s)))
    countries = {s: t for (s, t, kind) in b.edges if kind == "dg:country"}
    for iri, node in b.nodes.items():
        if types.get(iri):
            node["type"] = " | ".join(sorted(names.get(t) or local_name(t) for t in types[iri]))
        node.update({key: _one(vals) for key, vals in values.get(iri, {}).items()})
        if node["kind"] == "actor":
            state = iri if str(DG.State) in types.get(iri, ()) else None
            node["country_iri"] = countries.get(iri, state)
    return b.graph("full")


def _resource(b: Builder, iri: str, scope: dict[str, list[Interval]]) -> None:
    if iri not in b.nodes:
        kind = (split_entity_iri(iri) or ("resource", ""))[0]
        b.node(iri, kind)[SPELLS].extend(scope.get(iri, []))


def _first(spells: list[Interval] | None) -> Interval | None:
    return min(spells, key=lambda s: s[0]) if spells else None


def _one(values: set) -> Any:
    """One value of a literal property; several (labels in many languages) joined as text."""
    if len(values) == 1:
        return next(iter(values))
    return " | ".join(sorted(str(v) for v in values))


BUILDERS = {
    "actors": actors_view,
    "claims": claims_view,
    "meetings": meetings_view,
    "full": full_view,
}
