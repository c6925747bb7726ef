"""What ``dgsh:Claim-speechActLinked`` reads around a write, for ``graph.shacl.focus``.

The shape compares a claim's evidence spans with every other evidence span of the same
documents, and, where two overlap, asks whether the two claims are linked through
``dg:sameSpeechAct``, ``dg:reiterates`` or a shared bundle, possibly through other claims.
Neither the other spans nor the chain of links hang off the claim itself, so the generic
neighbourhood (the claim's triples and its objects') misses them. Both are read here, per
document and per linked group, never over the whole graph:

* the *document mates* of a claim: the evidence nodes pointing at its evidence's documents
  (their document and offsets) and the claims holding them (their origin and evidence);
* the *linked group* of a claim that overlaps another: every node reached from it through
  the link predicates, in either direction, with those triples.

Turned around (which claims a write can change the answer for): a changed span (a claim's
evidence or origin, an evidence node's document or offsets) concerns every claim with
evidence in the documents involved, before or after; a removed link concerns the claims of
the group before the write that it may have split apart: the group before is the union of the
groups of the removed links' ends after it, and only a claim of one of these parts overlapping
a claim of another part can have lost its link (``_split_apart``). An added link
concerns no other claim: the shape only asks that overlapping claims be linked, so a link
more can settle a violation, never make one (and the store conformed before the write). An
ingest links its new claims to the claims they restate, whose group spans every copy of a
much-repeated statement: reading all their documents' spans cost such an ingest most of a
second at 1M triples, for nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from rdflib import Literal
from rdflib.term import Node

from graph.namespaces import DG

if TYPE_CHECKING:
    from graph.shacl.focus import After, Triple

#: Predicates that link two claims into one speech act or a restatement chain.
LINKS = frozenset({DG.sameSpeechAct, DG.reiterates, DG.inBundle})
#: Predicates of a claim or of its evidence that decide which spans it has.
SPANS = frozenset({DG.evidence, DG.origin, DG.document, DG.start, DG.end})
_OFFSETS = frozenset({DG.document, DG.start, DG.end})
_CLAIM_READ = frozenset({DG.origin, DG.evidence})


def _documents(view: After, nodes: Iterable[Node], *, before: bool) -> set[Node]:
    """The documents of ``nodes`` (evidence nodes, or claims through their evidence)."""
    nodes = set(nodes)
    view.fetch(nodes)
    evidence = set(nodes)
    for node in nodes:
        states = (view.before(node), view.after(node)) if before else (view.after(node),)
        for triples in states:
            evidence |= {o for _s, p, o in triples if p == DG.evidence}
    view.fetch(evidence)
    found: set[Node] = set()
    for node in evidence:
        states = (view.before(node), view.after(node)) if before else (view.after(node),)
        for triples in states:
            found |= {o for _s, p, o in triples if p == DG.document}
    return found


def _offsets(view: After, documents: Collection[Node]) -> set[Triple]:
    """The document and offsets of every evidence node in ``documents`` (after the write),
    read once per document and write."""
    unread = [d for d in documents if d not in view.spans]
    if unread:
        evidence = view.referrers(unread, DG.document)
        triples = view.read(evidence, _OFFSETS)
        by_node: dict[Node, Node] = {s: o for s, p, o in triples if p == DG.document}
        for document in unread:
            view.spans[document] = set()
        for triple in triples:
            holder = by_node.get(triple[0])
            if holder in view.spans:
                view.spans[holder].add(triple)
    return {t for d in documents for t in view.spans[d]}


def _overlapping(offsets: Iterable[Triple], spans: Collection[tuple[Node, int, int]]
                 ) -> set[Node]:
    """The evidence nodes of ``offsets`` whose span overlaps one of ``spans``."""
    return {node for node, (document, start, end) in _span(offsets).items()
            if any(document == doc and start < last and first < end
                   for doc, first, last in spans)}


def _group(view: After, start: Iterable[Node]) -> tuple[set[Node], set[Triple]]:
    """Every node linked to ``start`` (either direction), and the link triples among them."""
    seen = set(start)
    frontier = set(seen)
    triples: set[Triple] = set()
    while frontier:
        out = view.read(frontier, LINKS)
        triples |= out
        reached = {o for _s, _p, o in out if not isinstance(o, Literal)}
        for predicate in LINKS:
            for subject in view.referrers(frontier, predicate):
                reached.add(subject)
        frontier = reached - seen
        seen |= frontier
    triples |= view.read(seen, LINKS)
    return seen, triples


def affected(view: After, subjects: Iterable[Node]) -> set[Node]:
    """The claims whose answer a write can change, beyond its own changed subjects: those
    holding a span that overlaps a changed span (before or after the write), and the linked
    group of every removed link (an added one can only settle a violation)."""
    changed_evidence: set[Node] = set()
    ends: set[Node] = set()
    for s in subjects:
        changed = view.before(s) ^ view.after(s)
        predicates = {p for _s, p, _o in changed}
        if predicates & SPANS:
            changed_evidence.add(s)
            both = view.before(s) | view.after(s)
            changed_evidence |= {o for _s, p, o in both if p == DG.evidence}
        removed = [t for t in view.before(s) - view.after(s) if t[1] in LINKS]
        if removed:
            ends.add(s)
            ends |= {o for _s, _p, o in removed if not isinstance(o, Literal)}
    found: set[Node] = set()
    if changed_evidence:
        view.fetch(changed_evidence)
        spans = {span for state in (view.before, view.after) for node in changed_evidence
                 for span in _span(t for t in state(node) if t[1] in _OFFSETS).values()}
        if spans:
            hit = _overlapping(_offsets(view, {d for d, _s, _e in spans}), spans)
            found |= view.referrers(hit | changed_evidence, DG.evidence)
    if ends:
        found |= _split_apart(view, ends)
    return found


def _split_apart(view: After, ends: Iterable[Node]) -> set[Node]:
    """The claims a removed link may have left unlinked from a claim they overlap: those of
    one part of the group (after the write, the group of one end) overlapping a claim of
    another part. Any pair linked before the write is in the parts of the ends (a path between
    the two crosses removed links only at ends), so pairs within one part, or outside every
    part, are linked as before; and only the parts' own spans need reading, not their
    documents' other spans (an ingest's delete unlinks every claim it restated, whose
    documents hold thousands of spans)."""
    part_of: dict[Node, int] = {}
    for number, node in enumerate(ends):
        if node not in part_of:
            part_of.update(dict.fromkeys(_group(view, [node])[0], number))
    if len(set(part_of.values())) < 2:
        return set()
    holders = {e: c for c, _p, e in view.read(part_of, {DG.evidence})}
    spans = _span(view.read(holders, _OFFSETS))
    by_document: dict[Node, list[tuple[int, int, Node]]] = {}
    for evidence, (document, start, end) in spans.items():
        by_document.setdefault(document, []).append((start, end, holders[evidence]))
    found: set[Node] = set()
    for items in by_document.values():
        for i, (start, end, claim) in enumerate(items):
            for start2, end2, other in items[i + 1:]:
                if part_of[claim] != part_of[other] and start < end2 and start2 < end:
                    found |= {claim, other}
    return found


def _span(triples: Iterable[Triple]) -> dict[Node, tuple[Node, int, int]]:
    """Each evidence node's (document, start, end), where all three are there and numbers."""
    fields: dict[Node, dict[Node, Node]] = {}
    for s, p, o in triples:
        fields.setdefault(s, {})[p] = o
    spans: dict[Node, tuple[Node, int, int]] = {}
    for node, values in fields.items():
        start, end = values.get(DG.start), values.get(DG.end)
        if DG.document not in values or not isinstance(start, Literal) \
                or not isinstance(end, Literal):
            continue
        try:
            spans[node] = (values[DG.document], int(start), int(end))
        except ValueError:
            continue
    return spans


def neighbourhood(view: After, focus: Collection[Node]) -> set[Triple]:
    """The triples the shape reads about ``focus`` beyond their own and their objects': the
    spans overlapping theirs, the origin and evidence of the claims holding them, and the
    links of the group of each overlapping claim."""
    own = {o for node in focus for _s, p, o in view.after(node) if p == DG.evidence}
    mine = _span(view.read(own, _OFFSETS))
    if not mine:
        return set()
    offsets = _offsets(view, {document for document, _s, _e in mine.values()})
    hit = _overlapping(offsets, set(mine.values()))
    if hit <= mine.keys() and not _shared(mine):
        return set()  # no span overlaps another: the shape finds nothing to compare
    triples = {t for t in offsets if t[0] in hit}
    claims = view.referrers(hit, DG.evidence)
    triples |= view.read(claims, _CLAIM_READ)
    return triples | _group(view, claims)[1]


def _shared(spans: dict[Node, tuple[Node, int, int]]) -> bool:
    """Whether two of ``spans`` (one claim's, or several focus claims') overlap each other."""
    items = list(spans.values())
    return any(a[0] == b[0] and a[1] < b[2] and b[1] < a[2]
               for i, a in enumerate(items) for b in items[i + 1:])
