"""A reviewer's verdict on an extracted claim (or status event), through the one validated
write path.

Accept sets the claim's review status to "reviewed"; reject removes the claim and its evidence
from the document's graph; correct replaces its type, claimants or addressee and marks it
reviewed (a reviewer who fixed a claim has checked it). Each rewrites that one graph whole with
``graph.write.commit.write``: the result is SHACL-checked and committed all or nothing.
Curated claims are not reviewable. An extracted status event is accepted or rejected the same
way (``review`` with the event's IRI); it has nothing to correct here.

Two reviewers may have the same claim open: each verdict may carry the claim's ``version`` as
the reviewer saw it (a hash of its triples, ``version``), checked under the write lock against
the claim as it is, and a stale one is refused (``Stale``) with nothing written; so is one
on a claim that is gone since (rejected by the other). A verdict without a version applies to
whatever the claim is now.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Literal as Verdict

from rdflib import RDF, Graph, Literal, URIRef

from graph import queries
from graph.extract.claims import CODES
from graph.extract.pipeline import statement
from graph.lookups import actors, vocab
from graph.lookups.ids import Ids, is_slug
from graph.lookups.sparql import is_a
from graph.namespaces import DG
from graph.store import GraphStore
from graph.write.commit import WriteReport, write

Action = Verdict["accept", "reject"]
#: The type IRIs a correction may set, by REST name (the ontology's four claim classes).
TYPE_IRIS = {name: URIRef(iri) for name, iri in vocab.CLAIM_TYPES.items()}
#: Form fields a correction reads; one absent from the form leaves that part unchanged.
FIELDS = ("type", "claimant", "addressee")


class NotReviewable(LookupError):
    """No extracted claim has this IRI (a curated claim, or none at all)."""


class BadCorrection(ValueError):
    """A correction names no claim type or no actor; the message says which field (HTTP 422)."""


class Stale(Exception):
    """The claim changed since the reviewer read it (HTTP 409); nothing was written."""

    def __init__(self, claim: URIRef, current: str | None) -> None:
        now = f"version {current} now" if current else "it is no longer under review"
        super().__init__(f"the claim {claim} changed since it was read ({now}); nothing was "
                         "written: read it again and decide again")
        self.current = current


@dataclass(frozen=True)
class ReviewState:
    """An extracted claim's graph, review status and version."""

    graph: str
    status: str
    version: str


@dataclass(frozen=True)
class Correction:
    """What to set; None leaves that part alone. ``addressee`` may be ``()``: no addressee."""

    type: str | None = None
    claimants: tuple[URIRef, ...] | None = None
    addressee: tuple[URIRef, ...] | None = None


def claim_graph(store: GraphStore, claim: URIRef) -> str | None:
    """The named graph that holds the extracted claim, None when there is none."""
    rows = store.select(queries.load("review-claim-graph"), {"claim": claim})
    return str(rows[0]["g"]) if rows else None


def version(graph: Graph, claim: URIRef) -> str:
    """The claim's version: a hash of its triples and its evidence's in ``graph`` (sorted
    N-Triples), so any change a review, a correction or any other write makes to them gives
    a new one, and the same triples always give the same one."""
    nodes = {claim, *_evidence(graph, claim)}
    lines = sorted(
        f"{s.n3()} {p.n3()} {o.n3()} .\n"
        for node in nodes
        for s, p, o in graph.triples((node, None, None))
    )
    return hashlib.sha256("".join(lines).encode()).hexdigest()[:32]


def states(store: GraphStore, claims: Iterable[str]) -> dict[str, ReviewState]:
    """The review state of each extracted claim among ``claims`` (by IRI; others are left out).
    Each graph is read once, however many of its claims are asked about."""
    found: dict[str, tuple[str, str]] = {}
    for claim in claims:
        rows = store.select(queries.load("review-claim-graph"), {"claim": URIRef(claim)})
        if rows:
            found[claim] = (str(rows[0]["g"]), str(rows[0]["status"]))
    graphs = {name: store.graph(name) for name in {g for g, _ in found.values()}}
    return {
        claim: ReviewState(name, status, version(graphs[name], URIRef(claim)))
        for claim, (name, status) in found.items()
    }


def state(store: GraphStore, claim: str) -> ReviewState | None:
    """The review state of an extracted claim, None for any other claim."""
    return states(store, [claim]).get(claim)


def review(
    store: GraphStore, claim: URIRef, action: Action, expected: Collection[str] | None = None
) -> WriteReport:
    """Apply the verdict; ``NotReviewable`` when the claim is not an extracted one, ``Stale``
    when ``expected`` (the versions the verdict may apply to) is given and lacks its version."""

    def change(graph: Graph) -> None:
        if action == "accept":
            graph.set((claim, DG.reviewStatus, Literal("reviewed")))
        else:
            _remove(graph, claim)

    return _rewrite(store, claim, change, expected)


def correct(
    store: GraphStore,
    claim: URIRef,
    correction: Correction,
    expected: Collection[str] | None = None,
) -> WriteReport:
    """Set what the correction names and mark the claim reviewed. A new type brings that type's
    CAMEO and PLOVER codes (the extractor derives them from the type); a consensus has no
    addressee, so correcting to one drops it. The shapes judge the result (a consensus needs
    both states as claimants): ``WriteRefused`` with their messages, nothing written."""

    def change(graph: Graph) -> None:
        if correction.type is not None:
            _retype(graph, claim, correction.type)
        if correction.claimants is not None:
            _replace(graph, claim, DG.claimant, correction.claimants)
        if correction.addressee is not None:
            _replace(graph, claim, DG.addressee, correction.addressee)
        if correction.type == "consensus":
            graph.remove((claim, DG.addressee, None))
        if correction.type is not None or correction.claimants is not None:
            _restate(store, graph, claim)
        graph.set((claim, DG.reviewStatus, Literal("reviewed")))

    return _rewrite(store, claim, change, expected)


def parse_correction(store: GraphStore, ids: Ids, form: dict[str, list[str]]) -> Correction:
    """The correction a form asks for, every actor checked to exist: a typo in a slug must be
    refused by name, not written as a dangling IRI the shapes would report less clearly."""
    if not any(name in form for name in FIELDS):
        raise BadCorrection("nothing to correct: send type, claimant or addressee")
    kind = _field(form, "type")
    if kind and kind not in TYPE_IRIS:  # blank: leave the type as it is
        raise BadCorrection(f"type: {kind[:40]!r} is not one of {', '.join(TYPE_IRIS)}")
    claimant_text, addressee_text = _field(form, "claimant"), _field(form, "addressee")
    claimants = _actors(store, ids, "claimant", claimant_text)
    if claimants == ():
        raise BadCorrection("claimant: a claim needs at least one claimant")
    addressee = _actors(store, ids, "addressee", addressee_text)
    if addressee is not None and len(addressee) > 1:
        raise BadCorrection("addressee: a claim has at most one addressee")
    return Correction(kind or None, claimants, addressee)


def _field(form: dict[str, list[str]], name: str) -> str | None:
    """The stripped value of a field, None when the form does not send it."""
    return form[name][0].strip() if name in form else None


def _actors(store: GraphStore, ids: Ids, name: str, value: str | None) -> tuple[URIRef, ...] | None:
    """The actors a field names (slugs separated by commas or spaces), each one checked."""
    if value is None:
        return None
    found = []
    for slug in value.replace(",", " ").split():
        if not is_slug(slug):
            raise BadCorrection(f"{name}: {slug[:80]!r} is not an id (like wang-yi)")
        iri = ids.iri("actor", slug)
        if not is_a(store, iri, str(DG.Actor)):
            raise BadCorrection(f"{name}: no actor has the id {slug!r} (see /actors)")
        found.append(iri)
    return tuple(dict.fromkeys(found))


def _rewrite(
    store: GraphStore,
    claim: URIRef,
    change: Callable[[Graph], None],
    expected: Collection[str] | None,
) -> WriteReport:
    """Apply ``change`` to the claim's graph under the write lock and write the graph whole;
    the version is checked there too, so no other write can come between check and commit."""

    def compute() -> dict[str, Graph]:
        name = claim_graph(store, claim)  # read under the write lock: the state we replace
        if name is None and expected is not None:
            raise Stale(claim, None)  # seen at a version, gone since: rejected meanwhile
        if name is None:
            raise NotReviewable(f"no extracted claim {claim}")
        graph = store.graph(name)
        if expected is not None:
            current = version(graph, claim)
            if current not in expected:
                raise Stale(claim, current)
        change(graph)
        return {name: graph}

    return write(store, compute, kind="review")


def _retype(graph: Graph, claim: URIRef, kind: str) -> None:
    """The new type and its codes; the form always sends a type, so the same type is a no-op
    (codes a curator refined stay as they are)."""
    if (claim, RDF.type, TYPE_IRIS[kind]) in graph:
        return
    for old in TYPE_IRIS.values():
        graph.remove((claim, RDF.type, old))
    graph.add((claim, RDF.type, TYPE_IRIS[kind]))
    cameo, plover = CODES[kind]
    graph.set((claim, DG.cameoCode, Literal(cameo)))
    graph.set((claim, DG.ploverType, Literal(plover)))


def _restate(store: GraphStore, graph: Graph, claim: URIRef) -> None:
    """Say the statement again with the corrected type and claimant ("Wang Yi demands: …"
    must not survive a correction to red line); the gist after the colon stays."""
    old = graph.value(claim, DG.statement)
    kinds = [name for name, iri in TYPE_IRIS.items() if (claim, RDF.type, iri) in graph]
    claimants = sorted(str(c) for c in graph.objects(claim, DG.claimant))
    if old is None or not kinds or not claimants:
        return
    label = actors.details(store, claimants[:1]).get(claimants[0], {}).get("label")
    gist = str(old).split(": ", 1)[-1]
    graph.set((claim, DG.statement, Literal(statement(label or "", kinds[0], gist), lang="en")))


def _replace(graph: Graph, claim: URIRef, prop: URIRef, values: tuple[URIRef, ...]) -> None:
    graph.remove((claim, prop, None))
    for value in values:
        graph.add((claim, prop, value))


def _evidence(graph: Graph, node: URIRef) -> set:
    """A claim's evidence nodes, or a status event's (``dg:eventEvidence``): an extracted event
    is reviewed like a claim, through the same write path."""
    return {*graph.objects(node, DG.evidence), *graph.objects(node, DG.eventEvidence)}


def _remove(graph: Graph, claim: URIRef) -> None:
    """The claim, its evidence nodes, and every triple that points at either."""
    gone = {claim, *_evidence(graph, claim)}
    for node in gone:
        graph.remove((node, None, None))
        graph.remove((None, None, node))
