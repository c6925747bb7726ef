"""Validation of a write on what it touches (``graph.shacl.focus``) against full validation.

The incremental check is only right if it refuses exactly the writes the full check refuses,
with the same results, on a store that conformed before. Two sets of writes show it:

* every shape fixture turned into a change: the store holds a valid fixture of the shape, and
  the write replaces that graph with an invalid one (or another valid one), so what changes is
  the difference between the two files, as in a real edit;
* edits to the bundled graph whose damage lies elsewhere (inbound): a document losing its node
  breaks the evidence that quotes it, a meeting's new dates break the claims made at it, a
  shortened post holding breaks the engagements its holder attended, a member's new position
  collides with another member of its bundle, a bundle removed breaks its members.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.namespaces import DG, INFERRED_GRAPH, ONTOLOGY_GRAPH, entity_iri, graph_iri
from graph.paths import ONTOLOGY_DIR
from graph.rdf.io import parse_file
from graph.shacl.focus import After, check_change, focus_of
from graph.shacl.validate import ValidationResult, Violation
from graph.store import GraphStore, open_store
from graph.write.files import bundled_files, check, load
from tests.support.backends import BACKENDS, open_backend
from tests.support.paths import TESTS_DIR

FIXTURES_DIR = TESTS_DIR / "shapes"
FIXTURE_GRAPH = graph_iri("file", "fixture")
ONTOLOGY_FILES = sorted(ONTOLOGY_DIR.glob("*.ttl"))
Key = tuple[str, str, str, str]


def _keys(results: list[Violation]) -> set[Key]:
    return {(str(v.focus_node), str(v.source_shape), str(v.path), str(v.value)) for v in results}


def _agree(store: GraphStore, changes: dict[str, Graph], *,
           warnings: bool = False) -> ValidationResult:
    """Both checks on one change; they must give the same violations (and, on a store with
    none before, the same warnings). Returns the full one."""
    full = check(store, changes)
    incremental = check_change(store, changes)
    assert incremental.conforms == full.conforms
    assert _keys(incremental.violations) == _keys(full.violations)
    if warnings:
        assert _keys(incremental.warnings) == _keys(full.warnings)
    return full


# ------------------------------------------------------------------ shape fixtures as edits

def _edits() -> list[tuple[Path, Path]]:
    """(valid base, replacement) for every fixture of a shape that has a valid fixture."""
    pairs: list[tuple[Path, Path]] = []
    for folder in sorted(p for p in FIXTURES_DIR.iterdir() if p.is_dir()):
        valid = sorted(folder.glob("valid-*.ttl"))
        if not valid:
            continue
        pairs += [(valid[0], other) for other in sorted(folder.glob("*.ttl")) if other != valid[0]]
    return pairs


@pytest.fixture(scope="module")
def ontology_store() -> Iterator[GraphStore]:
    store = open_store("oxigraph:")
    load(store, ONTOLOGY_FILES, validate_first=False)
    yield store
    store.close()


@pytest.mark.parametrize(("base", "edit"), _edits(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_fixture_edit_is_refused_exactly_when_the_full_check_refuses(
    ontology_store: GraphStore, base: Path, edit: Path
) -> None:
    ontology_store.replace_graphs({FIXTURE_GRAPH: parse_file(base)})
    full = _agree(ontology_store, {FIXTURE_GRAPH: parse_file(edit)}, warnings=True)
    assert bool(full.violations or full.warnings) == edit.name.startswith("invalid-")


# ------------------------------------------------------------------ edits to the bundled graph

@pytest.fixture(scope="module")
def bundled() -> Iterator[GraphStore]:
    store = open_store("oxigraph:")
    load(store, bundled_files(), validate_first=False)
    yield store
    store.close()


def _without(graph: Graph, node: URIRef) -> Graph:
    out = Graph()
    for triple in graph:
        if triple[0] != node:
            out.add(triple)
    return out


def _graph_of(store: GraphStore, subject: URIRef, predicate: URIRef) -> str:
    """The named graph holding ``subject``'s ``predicate``."""
    for _s, _p, _o, g in store.quads_about([subject], predicate=predicate):
        if g != INFERRED_GRAPH:
            return g
    raise AssertionError(f"{subject} has no {predicate}")


def _edited(store: GraphStore, subject: URIRef, predicate: URIRef,
            value: Literal | URIRef | None) -> dict[str, Graph]:
    """The change that sets (or, with None, removes) ``subject``'s ``predicate``."""
    name = _graph_of(store, subject, predicate)
    graph = store.graph(name)
    graph.remove((subject, predicate, None))
    if value is not None:
        graph.add((subject, predicate, value))
    return {name: graph}


def _day(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def test_removing_a_document_breaks_the_evidence_that_cites_it(bundled: GraphStore) -> None:
    document = URIRef(entity_iri("document", "2023-06-19-global-times-wang-yi-meets-blinken"))
    name = _graph_of(bundled, document, RDF.type)
    changes = {name: _without(bundled.graph(name), document)}
    citing = {s for s, _p, _o, g in bundled.quads_about([document], as_object=True)
              if g not in (INFERRED_GRAPH, name)}
    assert citing, "the bundled graph cites every document"
    assert citing <= focus_of(After(bundled, changes))
    assert not _agree(bundled, changes).conforms


def test_new_dates_of_a_meeting_break_the_claims_made_at_it(bundled: GraphStore) -> None:
    meeting = URIRef(entity_iri("meeting", "2021-03-18-anchorage-dialogue"))
    changes = _edited(bundled, meeting, DG.endDate, _day("2021-03-18"))
    changes = {**changes}
    name = next(iter(changes))
    changes[name].remove((meeting, DG.startDate, None))
    changes[name].add((meeting, DG.startDate, _day("2021-03-18")))
    assert not _agree(bundled, changes).conforms


def test_a_shortened_post_holding_flags_the_meetings_its_holder_attended(
    bundled: GraphStore,
) -> None:
    holder = URIRef(entity_iri("actor", "yang-jiechi"))
    holdings = [s for s, *_ in bundled.quads_about([holder], as_object=True, predicate=DG.holder)]
    assert holdings
    changes: dict[str, Graph] = {}
    for holding in holdings:  # every post he held ends before the corpus starts
        name = _graph_of(bundled, holding, DG.startDate)
        graph = changes.get(name) or bundled.graph(name)
        graph.remove((holding, DG.endDate, None))
        graph.add((holding, DG.endDate, _day("2013-12-31")))
        graph.remove((holding, DG.startDate, None))
        graph.add((holding, DG.startDate, _day("2013-01-01")))
        changes[name] = graph
    full = _agree(bundled, changes)
    incremental = check_change(bundled, changes)
    shape = "https://w3id.org/diplograph/shapes#Engagement-participantHoldsPost"
    warned = {k for k in _keys(full.warnings) if k[1] == shape and k[3] == str(holder)}
    assert warned  # a warning, not a refusal: the shape says so
    assert warned == {k for k in _keys(incremental.warnings) if k[1] == shape}


def test_a_member_moved_onto_a_taken_position_breaks_its_bundle(bundled: GraphStore) -> None:
    bundle = URIRef(entity_iri("bundle", "two-lists"))
    members = sorted(s for s, *_ in bundled.quads_about([bundle], as_object=True,
                                                         predicate=DG.inBundle))
    assert len(members) >= 2
    taken = next(bundled.graph(_graph_of(bundled, members[0], DG.position)).objects(
        members[0], DG.position))
    changes = _edited(bundled, members[1], DG.position, taken)
    result = _agree(bundled, changes)
    assert str(bundle) in {str(v.focus_node) for v in result.violations}


def test_removing_a_bundle_breaks_its_members(bundled: GraphStore) -> None:
    bundle = URIRef(entity_iri("bundle", "two-lists"))
    name = _graph_of(bundled, bundle, RDF.type)
    assert not _agree(bundled, {name: _without(bundled.graph(name), bundle)}).conforms


def test_removing_a_claim_from_a_bundle_is_accepted_by_both(bundled: GraphStore) -> None:
    bundle = URIRef(entity_iri("bundle", "two-lists"))
    member = next(s for s, *_ in bundled.quads_about([bundle], as_object=True,
                                                     predicate=DG.inBundle))
    changes = _edited(bundled, member, DG.inBundle, None)
    name = next(iter(changes))
    changes[name].remove((member, DG.position, None))
    assert bundle in focus_of(After(bundled, changes))
    assert _agree(bundled, changes).conforms


QUOTE_CARRIES = "https://w3id.org/diplograph/shapes#Claim-quoteCarriesClaim"
PREVENT_CONFLICT = URIRef(entity_iri("claim",
                                     "undated--china-united-states--consensus--prevent-conflict"))


def test_a_short_list_item_cut_from_its_list_head_is_refused(bundled: GraphStore) -> None:
    """'preventing conflict' is two words, allowed only beside its list head (a second evidence
    span of the claim); being one of the seven points of a bundle is no excuse on its own."""
    item = URIRef(entity_iri("evidence",
                             "undated--china-united-states--consensus--prevent-conflict--xinhua-1"))
    changes = _edited(bundled, PREVENT_CONFLICT, DG.evidence, item)  # the head span unlinked
    assert (PREVENT_CONFLICT, DG.inBundle, None) in next(iter(changes.values()))
    result = _agree(bundled, changes)
    assert (str(PREVENT_CONFLICT), QUOTE_CARRIES, "preventing conflict") in {
        (str(v.focus_node), str(v.source_shape), str(v.value)) for v in result.violations}


SPEECH_ACT = "https://w3id.org/diplograph/shapes#Claim-speechActLinked"
ARMS_SALES = URIRef(entity_iri("claim", "2021-03-19--china--demand--stop-arms-sales-to-taiwan"))
EXCHANGES = URIRef(entity_iri("claim",
                              "2021-03-19--china--demand--stop-official-exchanges-with-taiwan"))
CONTACTS = URIRef(entity_iri("claim",
                             "2021-03-19--china--demand--stop-military-contacts-with-taiwan"))


def _speech_act_pairs(result: ValidationResult) -> set[tuple[str, str]]:
    return {(str(v.focus_node), str(v.value)) for v in result.violations
            if str(v.source_shape) == SPEECH_ACT}


def test_a_list_item_unlinked_from_its_head_is_two_claims_of_one_speech_act(
    bundled: GraphStore,
) -> None:
    """Two list items overlap each other and their head, linked only through the head: cut
    one item's link and it is unlinked from both (the other item is not a changed subject)."""
    result = _agree(bundled, _edited(bundled, EXCHANGES, DG.sameSpeechAct, None))
    assert _speech_act_pairs(result) == {
        (str(a), str(b)) for a, b in ((EXCHANGES, ARMS_SALES), (ARMS_SALES, EXCHANGES),
                                      (EXCHANGES, CONTACTS), (CONTACTS, EXCHANGES))}


def test_an_added_link_checks_its_own_claim_a_removed_one_the_whole_group(
    bundled: GraphStore,
) -> None:
    """A link more can only settle an overlap, so the claims linked to its ends are not
    checked again (an ingest restating a much-repeated claim would read every copy's
    documents); a link removed may split the group, and the claims of one part overlapping a
    claim of another are checked."""
    name = _graph_of(bundled, EXCHANGES, DG.sameSpeechAct)
    added = bundled.graph(name)
    added.add((EXCHANGES, DG.reiterates, ARMS_SALES))
    changes = {name: added}
    assert CONTACTS not in focus_of(After(bundled, changes))
    assert _agree(bundled, changes).conforms
    removed = _edited(bundled, EXCHANGES, DG.sameSpeechAct, None)
    assert {CONTACTS, ARMS_SALES} <= focus_of(After(bundled, removed))


RESTATED = URIRef(entity_iri("claim",
                            "2021-07-26--xie-feng--demand--revoke-sanctions-on-chinese-officials"))
RESTATEMENT = URIRef(entity_iri("claim", "2023-06-19--wang-yi--demand--lift-unilateral-sanctions"))


def test_a_removed_link_between_claims_that_overlap_nothing_checks_neither_group(
    bundled: GraphStore,
) -> None:
    """Unlinking a restatement from the claim it restates splits their group in two, but no
    claim of one part overlaps a claim of the other: only the changed claim is checked (an
    ingest's delete unlinks every claim it restated, whose documents hold thousands of
    spans at scale)."""
    changes = _edited(bundled, RESTATEMENT, DG.reiterates, None)
    focus = focus_of(After(bundled, changes))
    assert RESTATEMENT in focus
    assert RESTATED not in focus
    assert _agree(bundled, changes).conforms


def test_a_new_claim_on_a_stored_span_is_refused_unless_linked(bundled: GraphStore) -> None:
    """A claim written into its own graph overlaps stored claims of another graph: the check
    reads the document's other spans from the store."""
    name = _graph_of(bundled, EXCHANGES, RDF.type)
    stored = bundled.graph(name)
    evidence = stored.value(EXCHANGES, DG.evidence)
    twin, twin_evidence = URIRef(f"{EXCHANGES}-twin"), URIRef(f"{evidence}-twin")
    graph = Graph()
    for _s, p, o in stored.triples((EXCHANGES, None, None)):
        if p not in (DG.sameSpeechAct, DG.slug, DG.evidence):
            graph.add((twin, p, o))
    graph.add((twin, DG.evidence, twin_evidence))
    for _s, p, o in stored.triples((evidence, None, None)):
        if p != DG.slug:
            graph.add((twin_evidence, p, o))
    new_graph = graph_iri("file", "twin")
    result = _agree(bundled, {new_graph: graph})
    assert {b for a, b in _speech_act_pairs(result) if a == str(twin)} == {
        str(EXCHANGES), str(ARMS_SALES), str(CONTACTS)}
    graph.add((twin, DG.sameSpeechAct, EXCHANGES))
    assert not _speech_act_pairs(_agree(bundled, {new_graph: graph}))


def test_an_unchanged_rewrite_has_nothing_to_check(bundled: GraphStore) -> None:
    name = graph_iri("curated", "actors")
    changes = {name: bundled.graph(name)}
    assert focus_of(After(bundled, changes)) == set()
    assert check_change(bundled, changes).conforms


def test_an_ontology_write_is_checked_in_full(ontology_store: GraphStore) -> None:
    base = FIXTURES_DIR / "Claim-oneType" / "valid-demand-and-consensus.ttl"
    ontology_store.replace_graphs({FIXTURE_GRAPH: parse_file(base)})
    ontology = ontology_store.graph(ONTOLOGY_GRAPH)
    ontology.remove((DG.Demand, None, None))  # demands are no longer claims
    changes = {ONTOLOGY_GRAPH: ontology}
    _agree(ontology_store, changes, warnings=True)


# ------------------------------------------------------------------ every backend



@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    db = open_backend(request, tmp_path, ONTOLOGY_FILES)
    yield db
    db.close()


def test_quads_about_reads_a_neighbourhood_on_every_backend(any_store: GraphStore) -> None:
    base = FIXTURES_DIR / "Engagement-participantHoldsPost" / "valid-holding-covers-date.ttl"
    any_store.replace_graphs({FIXTURE_GRAPH: parse_file(base)})
    person = URIRef(entity_iri("actor", "wang-yi"))
    out = any_store.quads_about([person])
    assert {(p, g) for _s, p, _o, g in out} >= {(RDF.type, FIXTURE_GRAPH),
                                                (RDF.type, INFERRED_GRAPH)}
    assert all(s == person for s, *_ in out)
    inbound = any_store.quads_about([person], as_object=True, predicate=DG.holder)
    assert inbound and all(p == DG.holder and o == person for _s, p, o, _g in inbound)
    assert any_store.quads_about([Literal("wang-yi")]) == []
    # the generic version every backend inherits: one bound query per node
    generic = GraphStore.quads_about(any_store, [person], as_object=True, predicate=DG.holder)
    assert sorted(generic) == sorted(inbound)
    assert sorted(GraphStore.quads_about(any_store, [person])) == sorted(out)
    # only some predicates: what the neighbourhood of a write reads of a hub
    wanted = {RDF.type, DG.slug}
    some = any_store.quads_about([person], predicates=wanted)
    assert sorted(some) == sorted(q for q in out if q[1] in wanted) != []
    assert sorted(GraphStore.quads_about(any_store, [person], predicates=wanted)) == sorted(some)


def test_an_edit_is_judged_alike_on_every_backend(any_store: GraphStore) -> None:
    folder = FIXTURES_DIR / "Engagement-participantHoldsPost"
    any_store.replace_graphs({FIXTURE_GRAPH: parse_file(folder / "valid-still-held.ttl")})
    edit = {FIXTURE_GRAPH: parse_file(folder / "invalid-holding-ended.ttl")}
    full, incremental = check(any_store, edit), check_change(any_store, edit)
    assert _keys(incremental.warnings) == _keys(full.warnings) != set()
