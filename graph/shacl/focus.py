"""SHACL on what a write changes and the nodes it touches, instead of on the whole store.

Full-graph pyshacl costs about a minute per 20k triples here, so a write into a large store
cannot afford it. A store that conformed before a write still conforms after it except where
the write can change a shape's answer, so only those nodes are validated (the *focus*), on a
data graph holding just what their shapes read (the *neighbourhood*).

What the shapes in ``shapes/`` read about a focus node X (checked by hand; see
``tests/graph/shacl/test_local_validate.py``, which compares this with full validation):

* X's own triples (every core constraint: paths are single predicates, targets are classes or
  ``sh:targetSubjectsOf``);
* the triples of every node X points at: their ``rdf:type`` (``sh:class``, a participant being
  a ``dg:Person``), dates (``Claim-dateWithinEngagement``, ``Claim-reiteratesEarlier``,
  ``Engagement-partWithinWhole``, ``Engagement-followsUpEarlier``), a document's ``dg:text``
  (``Evidence-quoteMatchesText``, ``Claim-evidenceInTextDocument``), an evidence node's
  ``dg:document`` (``Claim-evidenceDocumentReported``) and ``dg:quote``
  (``Claim-negationFlagged``, ``Claim-quoteCarriesClaim``), ``dg:speechMode`` and ``dg:stance``
  (``Claim-speechModeAndStance``), ``dg:stance`` and ``dg:reportingSide``
  (``Consensus-oneSidedMarked``, ``Consensus-oneSidedMarkHolds``), a post's
  ``dg:heldConcurrently`` (``PostHolding-oneHolderPerDay``), a bundle member's ``dg:inBundle``
  (``StatusEvent-memberInBundle``), a status event's target's ``dg:date``
  (``StatusEvent-notBeforeTarget``);
* **inbound**: the members of a bundle, which point at it with ``dg:inBundle`` and carry
  ``dg:position`` (``Bundle-uniquePositions``);
* **per document**: the other evidence spans of a claim's documents, their claims and the
  links among the claims that overlap (``Claim-speechActLinked``; ``graph.shacl.speech_acts``
  reads them, and says which claims a write concerns);
* **two hops**: the holdings of each participant of an engagement, which point at the person
  with ``dg:holder`` and carry the dates (``Engagement-participantHoldsPost``); the other
  holdings of a holding's post, which point at it with ``dg:post`` and carry the dates
  (``PostHolding-oneHolderPerDay``).

Turned around, a changed triple ``(s, p, o)`` (in the union of the graphs, before against
after) can change the answer for: ``s``; every node pointing at ``s`` when ``p`` is one of the
predicates read from neighbours (``NEIGHBOUR_READ``: deleting a document's text breaks the
evidence quoting it); the bundles ``s`` is in when ``p`` is ``dg:inBundle``/``dg:position``;
the engagements a holding's holder took part in when ``p`` is a holding's holder or date; the
other holdings of a holding's post when ``p`` is its post or a date. A
write to the ontology graph changes what every class means, so it is validated in full.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from graph.cache import StoreCache
from graph.namespaces import DG, INFERRED_GRAPH, ONTOLOGY_GRAPH
from graph.rdf.terms import from_ox, simple_literal, to_ox
from graph.shacl import speech_acts
from graph.shacl.process import validate_for
from graph.shacl.validate import ValidationResult, load_ontology
from graph.store import GraphStore
from graph.store.base import Triple
from graph.write.files import check

#: Predicates of a node that the shapes of the nodes pointing at it read.
NEIGHBOUR_READ = frozenset({RDF.type, DG.startDate, DG.endDate, DG.date, DG.text, DG.document,
                            DG.quote, DG.start, DG.end, DG.heldConcurrently, DG.speechMode,
                            DG.stance, DG.reportingSide, DG.inBundle})
#: Predicates of a bundle member that its bundle's shapes read.
BUNDLE_READ = frozenset({DG.inBundle, DG.position})
#: Predicates of a holding that the shapes of its holder's engagements read.
HOLDING_READ = frozenset({DG.holder, DG.startDate, DG.endDate})
#: Predicates of a holding that the shapes of the other holdings of its post read.
POST_HOLDING_READ = frozenset({DG.post, DG.startDate, DG.endDate})
#: All a focus node's shapes read of the nodes around it: the rest is left out, so fewer
#: neighbours become targets themselves (their results are dropped, but cost time).
_READ_FROM_NEIGHBOURS = NEIGHBOUR_READ | BUNDLE_READ | HOLDING_READ | POST_HOLDING_READ


#: Up to this many predicates, ``After.read`` looks each up in the store's index rather than
#: reading every triple of a node (an evidence node's offsets, not its quote and labels).
_FEW = 3


def _normalised(graph: Iterable[Triple]) -> set[Triple]:
    return {(s, p, simple_literal(o)) for s, p, o in graph}


class After:
    """The union of the graphs as the write would leave it, read node by node from the store.

    Stored quads come from ``GraphStore.quads_about``; the graphs the write replaces are
    swapped for their new content. The union before the write is kept beside it, so the
    change to each node can be told exactly (a triple also asserted in another graph is not
    a change).
    """

    def __init__(self, store: GraphStore, changes: Mapping[str, Graph]) -> None:
        self.store = store
        self.changes = changes
        self.skip = {*changes, INFERRED_GRAPH}
        # the write's triples by subject, and their (subject, predicate) by object: looked up
        # node by node, never as a whole (an rdflib graph of them cost the server a tenth of
        # an ingest's work under the lock the readers share, to fill and to free)
        self._new: dict[Node, set[Triple]] = {}
        self._pointing: dict[Node, set[tuple[Node, Node]]] = {}
        for graph in changes.values():
            for s, p, o in graph:
                o = simple_literal(o)
                self._new.setdefault(s, set()).add((s, p, o))
                if not isinstance(o, Literal):
                    self._pointing.setdefault(o, set()).add((s, p))
        self._before: dict[Node, set[Triple]] = {}
        self._after: dict[Node, set[Triple]] = {}
        #: What ``graph.shacl.speech_acts`` has read of each document's spans, kept for the write.
        self.spans: dict[Node, set[Triple]] = {}

    def fetch(self, nodes: Iterable[Node]) -> None:
        """Read the triples of ``nodes`` not read yet, in one store call."""
        missing = [n for n in dict.fromkeys(nodes) if n not in self._after
                   and not isinstance(n, Literal)]
        if not missing:
            return
        for node in missing:
            self._before[node], self._after[node] = set(), set()
        for s, p, o, g in self.store.quads_about(missing):
            if g == INFERRED_GRAPH or s not in self._after:
                continue
            triple = (s, p, simple_literal(o))
            self._before[s].add(triple)
            if g not in self.skip:
                self._after[s].add(triple)
        for node in missing:
            self._after[node].update(self._new.get(node, ()))

    def before(self, node: Node) -> set[Triple]:
        self.fetch([node])
        return self._before.get(node, set())

    def after(self, node: Node) -> set[Triple]:
        self.fetch([node])
        return self._after.get(node, set())

    def read(self, nodes: Iterable[Node], predicates: Collection[URIRef]) -> set[Triple]:
        """The triples of ``nodes`` with one of ``predicates`` after the write, reading from
        the store only those: a neighbour such as a state can have thousands of others."""
        found: set[Triple] = set()
        unread: list[Node] = []
        for node in dict.fromkeys(nodes):
            if node in self._after:
                found.update(t for t in self._after[node] if t[1] in predicates)
            elif not isinstance(node, Literal):
                unread.append(node)
        if not unread:
            return found
        if len(predicates) <= _FEW:  # one index lookup per node and predicate
            quads = [q for p in predicates for q in self.store.quads_about(unread, predicate=p)]
        else:  # every triple of each node, filtered
            quads = self.store.quads_about(unread, predicates=predicates)
        for s, p, o, g in quads:
            if g not in self.skip:
                found.add((s, p, simple_literal(o)))
        for node in unread:
            found.update(t for t in self._new.get(node, ()) if t[1] in predicates)
        return found

    def referrers(self, nodes: Collection[Node], predicate: URIRef | None = None) -> set[Node]:
        """Nodes that point at one of ``nodes`` after the write (through ``predicate``)."""
        if not nodes:
            return set()
        found = {s for s, _p, _o, g in self.store.quads_about(
            nodes, as_object=True, predicate=predicate) if g not in self.skip}
        for node in nodes:
            found.update(s for s, p in self._pointing.get(node, ())
                         if predicate is None or p == predicate)  # fmt: skip
        return found


def _graph_diff_subjects(store: GraphStore, changes: Mapping[str, Graph],
                         old: Mapping[str, Graph] | None = None) -> set[Node]:
    """Subjects of the triples each replaced graph gains or loses (old content against new;
    ``old``: the replaced graphs as stored, when the caller has read them already)."""
    subjects: set[Node] = set()
    for name, new in changes.items():
        before = _normalised(old[name] if old is not None else store.graph(name))
        subjects.update(s for s, _p, _o in before ^ _normalised(new))
    return subjects


def changed_subjects(store: GraphStore, changes: Mapping[str, Graph],
                     old: Mapping[str, Graph] | None = None) -> set[Node] | None:
    """Subjects whose triples a write adds or removes (None when it changes the ontology,
    which changes what everything means). ``old``: the replaced graphs as stored, when the
    caller has read them (the write path does, for its audit record)."""
    if ONTOLOGY_GRAPH in changes:
        return None
    return _graph_diff_subjects(store, changes, old)


def _objects(triples: Iterable[Triple], predicate: Node) -> set[Node]:
    return {o for _s, p, o in triples if p == predicate}


def focus_of(view: After, subjects: set[Node] | None = None) -> set[Node]:
    """Every node whose shapes could answer differently after the write (see the module doc).

    ``subjects``: the write's changed subjects when the caller has them already.
    """
    if subjects is None:
        subjects = _graph_diff_subjects(view.store, view.changes)
    view.fetch(subjects)
    focus = set(subjects)
    read_by_others: set[Node] = set()
    holders: set[Node] = set()
    posts: set[Node] = set()
    for s in subjects:
        both = view.before(s) | view.after(s)
        changed = view.before(s) ^ view.after(s)
        predicates = {p for _s, p, _o in changed}
        if predicates & NEIGHBOUR_READ:
            read_by_others.add(s)
        if predicates & BUNDLE_READ:
            focus |= _objects(both, DG.inBundle)
        if predicates & HOLDING_READ:
            holders |= _objects(both, DG.holder)
        if predicates & POST_HOLDING_READ:
            posts |= _objects(both, DG.post)
    focus |= view.referrers(read_by_others)
    focus |= view.referrers(holders, DG.participant)
    focus |= view.referrers(posts, DG.post)
    focus |= speech_acts.affected(view, subjects)
    return focus


def neighbourhood_of(view: After, focus: Collection[Node]) -> set[Triple]:
    """The triples the shapes of ``focus`` read: theirs, their objects', their bundle members'
    and their participants' holdings', all as the write would leave them. A set, not a graph:
    the worker makes the graph it validates (``graph.shacl.process``), off the server's lock."""
    view.fetch(focus)
    own = [t for node in focus for t in view.after(node)]
    objects = {o for _s, _p, o in own if not isinstance(o, Literal)}
    members = view.referrers(focus, DG.inBundle)
    holdings = view.referrers(_objects(own, DG.participant), DG.holder)
    same_post = view.referrers(_objects(own, DG.post), DG.post)
    around = (objects | members | holdings | same_post) - set(focus)
    data = set(own)
    data |= view.read(around, _READ_FROM_NEIGHBOURS)
    data |= speech_acts.neighbourhood(view, focus)
    return data


def check_change(
    store: GraphStore, changes: Mapping[str, Graph], subjects: set[Node] | None = None
) -> ValidationResult:
    """Validate a write (the new content of the graphs it replaces) as part of the store.

    Equivalent to ``graph.write.files.check`` on a store that conformed before the write, at the
    cost of what the write touches; a write to the ontology graph is checked in full. ``subjects``:
    ``changed_subjects(store, changes)`` when the caller needs it too (reading the old graphs
    twice costs a second diff).
    """
    if ONTOLOGY_GRAPH in changes:
        return check(store, dict(changes))
    view = After(store, changes)
    focus = focus_of(view, subjects)
    return validate_focus(store, neighbourhood_of(view, focus), focus)


def neighbourhood(
    engine: ox.Store, nodes: list[ox.NamedNode | ox.BlankNode], extra: Graph | None = None
) -> Graph:
    """The nodes' triples and what their shapes read of every IRI they point at
    (``_READ_FROM_NEIGHBOURS``), from every named graph, and the members of any of them that
    is a bundle (``dg:inBundle``/``dg:position``, read by the bundle's own shapes).

    Used by the bulk loader's sample check, which validates stored nodes, not a change.
    """
    out = Graph()
    in_bundle, position = to_ox(DG.inBundle), to_ox(DG.position)
    for node in nodes:
        for quad in engine.quads_for_pattern(None, in_bundle, node, None):
            out.add((from_ox(quad.subject), DG.inBundle, from_ox(node)))
            for pos in engine.quads_for_pattern(quad.subject, position, None, None):
                out.add((from_ox(quad.subject), DG.position, from_ox(pos.object)))
    if extra is not None:
        out += extra
    frontier = list(nodes)
    if extra is not None:
        frontier += [t for o in extra.objects() if isinstance(t := to_ox(o), ox.NamedNode)]
    frontier = list(dict.fromkeys(frontier))
    following: dict[ox.NamedNode, None] = {}
    for node in frontier:
        for quad in engine.quads_for_pattern(node, None, None, None):
            out.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
            if isinstance(quad.object, ox.NamedNode):
                following[quad.object] = None
    # of the nodes pointed at, only what the shapes read: a state has thousands of triples
    read = [to_ox(p) for p in sorted(_READ_FROM_NEIGHBOURS)]
    for node in following.keys() - set(frontier):
        for predicate in read:
            for quad in engine.quads_for_pattern(node, predicate, None, None):
                out.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return out


def validate_focus(store: GraphStore, data: Iterable[Triple],
                   focus: Collection[Node]) -> ValidationResult:  # fmt: skip
    """Validate ``data``, keeping only the results about ``focus`` nodes.

    A neighbour's own links are cut at the edge of ``data`` and would be blamed wrongly, so
    only the focus nodes are targets (``graph.shacl.validate.validate``'s ``focus``), and the
    results are filtered again.
    """
    if not focus:
        return ValidationResult(True, [], [], "Validation Report\nConforms: True\n", Graph())
    result = validate_for(store, data, ontology_of(store), focus)  # in a worker, in the server
    kept = [v for v in result.violations if v.focus_node in focus]
    return ValidationResult(
        conforms=not kept,
        violations=kept,
        warnings=[w for w in result.warnings if w.focus_node in focus],
        report_text=result.report_text,
        report_graph=result.report_graph,
    )


#: Kept only for stores that count their writes: no ttl.
_ONTOLOGIES: StoreCache[str, Graph] = StoreCache(name="ontology")


def ontology_of(store: GraphStore) -> Graph:
    """The store's ontology graph (the bundled ontology when it holds none), not modified.

    Kept per store with its write counter, like the extractor's knowledge base
    (``graph.extract.kb_cache``): reading it cost every write ~15 ms, for a graph that a write
    almost never changes. ``keep_ontology`` carries it over the writes that leave it alone.
    """
    return _ONTOLOGIES.get(store, ONTOLOGY_GRAPH, lambda: _read_ontology(store))


def _read_ontology(store: GraphStore) -> Graph:
    ontology = store.graph(ONTOLOGY_GRAPH)
    return ontology if len(ontology) else load_ontology()


def keep_ontology(store: GraphStore, before: int, touched: set[Node] | None) -> None:
    """After a write that landed (``graph.write.commit.on_commit``): the kept ontology is still the
    store's when the write did not change it (``touched`` is None when it did)."""
    _ONTOLOGIES.carry(store, before, lambda _key, _ontology: touched is not None)
