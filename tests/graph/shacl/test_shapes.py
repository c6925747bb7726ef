"""The SHACL shapes, tested on small data files the way pyshacl's own suite does.

Each folder ``tests/shapes/<shape local name>/`` holds ``valid-*.ttl`` files, which must
produce no result at all, and ``invalid-*.ttl`` files, whose header names the result they
must produce::

    # focus: <IRI of the focus node, or _: for a blank node>
    # shape: <IRI of the shape the result comes from>
    # also:  <IRI of another shape the same mistake may trip>   (optional, repeatable)

An invalid file may produce results only from the shapes it names, so that a fixture cannot
pass because of some unrelated mistake in its context. Every file is self-contained: it
carries the context nodes it needs and is validated with the ontology only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from graph.shacl.validate import (
    ValidationResult,
    format_report,
    load_ontology,
    load_shapes,
    validate,
)
from tests.support.paths import TESTS_DIR

FIXTURES_DIR = TESTS_DIR / "shapes"
FIXTURES = sorted(FIXTURES_DIR.glob("*/*.ttl"))
DGSH = "https://w3id.org/diplograph/shapes#"
ID = "https://w3id.org/diplograph/id/"
ANY_BLANK_NODE = "_:"
# Not rdflib.namespace.XSD: pytest probes module globals and that namespace warns on the probe.
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


@dataclass(frozen=True)
class Expectation:
    """What the header of an invalid fixture promises."""

    focus: str
    shape: str
    also: frozenset[str]


def read_expectation(path: Path) -> Expectation | None:
    """The ``# focus:`` / ``# shape:`` / ``# also:`` header, or None for a valid file."""
    fields: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(":")
        if sep and key in ("focus", "shape", "also"):
            fields.setdefault(key, []).append(value.strip())
    if path.name.startswith("valid-"):
        assert not fields, f"{path.name}: a valid fixture has no focus/shape header"
        return None
    assert path.name.startswith("invalid-"), f"{path.name}: name must start with valid- or invalid-"
    assert len(fields.get("focus", [])) == 1, f"{path.name}: needs exactly one '# focus:' line"
    assert len(fields.get("shape", [])) == 1, f"{path.name}: needs exactly one '# shape:' line"
    return Expectation(fields["focus"][0], fields["shape"][0], frozenset(fields.get("also", [])))


def results(result: ValidationResult) -> list:
    return [*result.violations, *result.warnings]


def focus_matches(node: object, focus: str) -> bool:
    if focus == ANY_BLANK_NODE:
        return isinstance(node, BNode)
    return node == URIRef(focus)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("path", FIXTURES, ids=fixture_id)
def test_fixture(path: Path, ontology: Graph) -> None:
    data = Graph().parse(path, format="turtle")
    expectation = read_expectation(path)
    result = validate(data, ontology)
    report = format_report(result)
    if expectation is None:
        assert result.conforms, report
        assert not results(result), f"a valid fixture must produce no result at all:\n{report}"
        return
    found = {(r.focus_node, str(r.source_shape)) for r in results(result)}
    assert any(
        focus_matches(focus, expectation.focus) and shape == expectation.shape
        for focus, shape in found
    ), f"expected {expectation.shape} on {expectation.focus}, got:\n{report or '(nothing)'}"
    allowed = {expectation.shape, *expectation.also}
    unexpected = sorted({shape for _, shape in found} - allowed)
    assert not unexpected, f"results from shapes the header does not name: {unexpected}\n{report}"
    severities = {r.severity for r in results(result) if str(r.source_shape) == expectation.shape}
    assert result.conforms == (SH.Violation not in {r.severity for r in results(result)})
    assert severities, report


# ---------------------------------------------------------------- coverage of the fixtures


def _shape_graph() -> Graph:
    return load_shapes()


def _targeted_node_shapes(shapes: Graph) -> set[str]:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    return {
        str(s)
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if any(shapes.value(s, t) is not None for t in targets)
    }


def _declared(attr: str) -> set[str]:
    found: set[str] = set()
    for path in FIXTURES:
        expectation = read_expectation(path)
        if expectation is not None:
            found.add(getattr(expectation, attr))
    return found


def test_every_targeted_node_shape_has_valid_and_invalid_fixtures() -> None:
    missing = []
    for shape in sorted(_targeted_node_shapes(_shape_graph())):
        folder = FIXTURES_DIR / shape.removeprefix(DGSH)
        if not any(folder.glob("valid-*.ttl")) or not any(folder.glob("invalid-*.ttl")):
            missing.append(shape)
    assert not missing, f"node shapes without a valid and an invalid fixture: {missing}"


def test_every_property_shape_is_tripped_by_some_fixture() -> None:
    shapes = _shape_graph()
    property_shapes = {str(o) for o in shapes.objects(None, SH.property)}
    untested = sorted(property_shapes - _declared("shape"))
    assert not untested, f"property shapes no invalid fixture trips: {untested}"


def test_fixture_folders_name_existing_shapes() -> None:
    shapes = _shape_graph()
    known = {str(s) for s in shapes.subjects(RDF.type, SH.NodeShape)}
    known |= {str(s) for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    stray = sorted(
        p.name for p in FIXTURES_DIR.iterdir() if p.is_dir() and DGSH + p.name not in known
    )
    assert not stray, f"fixture folders that name no shape: {stray}"
    undeclared = sorted(_declared("shape") - known)
    assert not undeclared, f"fixture headers that name no shape: {undeclared}"


# ---------------------------------------------------------------- the validate() API

CLAIM_FIXTURE = FIXTURES_DIR / "Claim" / "valid-demand.ttl"
WARNING_FIXTURE = FIXTURES_DIR / "Engagement-participantHoldsPost" / "invalid-no-holding.ttl"
CLAIM = URIRef(ID + "claim/2021-03-18--wang-yi--demand--stop-interfering")


def test_dataset_is_validated_as_the_union_of_its_graphs(ontology: Graph) -> None:
    """A claim in one named graph, its context in others: checks see across graphs."""
    data = Graph().parse(CLAIM_FIXTURE, format="turtle")
    dataset = Dataset()
    for i, (s, p, o) in enumerate(sorted(data)):
        dataset.graph(URIRef(f"https://w3id.org/diplograph/graph/test/{i % 3}")).add((s, p, o))
    assert validate(dataset, ontology).conforms

    broken = dataset.graph(URIRef("https://w3id.org/diplograph/graph/test/extra"))
    broken.add((CLAIM, URIRef("https://w3id.org/diplograph/ontology#origin"), Literal("manual")))
    result = validate(dataset, ontology)
    assert not result.conforms
    assert {(v.focus_node, str(v.source_shape)) for v in result.violations} == {
        (CLAIM, DGSH + "Claim-origin")
    }


def test_xsd_string_literals_count_as_simple_literals(ontology: Graph) -> None:
    """Oxigraph returns "curated"^^xsd:string; sh:in ("curated" ...) must still accept it."""
    data = Graph()
    for s, p, o in Graph().parse(CLAIM_FIXTURE, format="turtle"):
        if isinstance(o, Literal) and o.datatype is None and o.language is None:
            o = Literal(str(o), datatype=XSD_STRING)
        data.add((s, p, o))
    result = validate(data, ontology)
    assert result.conforms, format_report(result)
    assert not results(result)


def test_oxigraph_backed_graph(ontology: Graph) -> None:
    data = Graph(store="Oxigraph")
    data += Graph().parse(CLAIM_FIXTURE, format="turtle")
    result = validate(data, ontology)
    assert result.conforms, format_report(result)


def test_default_ontology_reaches_subclasses() -> None:
    """Without an explicit ontology the project's is used, so dg:Demand is a dg:Claim."""
    data = Graph().parse(CLAIM_FIXTURE, format="turtle")
    data.remove((CLAIM, URIRef("https://w3id.org/diplograph/ontology#origin"), None))
    result = validate(data)
    assert (CLAIM, DGSH + "Claim-origin") in {
        (v.focus_node, str(v.source_shape)) for v in result.violations
    }


def test_warnings_do_not_break_conformance(ontology: Graph) -> None:
    result = validate(Graph().parse(WARNING_FIXTURE, format="turtle"), ontology)
    assert result.conforms
    assert not result.violations
    assert [str(w.severity) for w in result.warnings] == [str(SH.Warning)]
    assert result.report_text
    assert len(result.report_graph)


def test_repeated_and_concurrent_validations_agree(ontology: Graph) -> None:
    """pyshacl mutates its shapes graph; each call must still start from the same shapes."""
    data = Graph().parse(FIXTURES_DIR / "Claim" / "invalid-no-topic.ttl", format="turtle")
    first = validate(data, ontology)
    outcomes: list[ValidationResult] = []

    def run() -> None:
        outcomes.append(validate(data, ontology))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 3
    for outcome in outcomes:
        assert outcome.violations == first.violations
    assert len(load_shapes()) == len(load_shapes())


def test_load_shapes_returns_an_independent_copy() -> None:
    shapes = load_shapes()
    shapes.remove((None, None, None))
    assert len(load_shapes()) > 0


def test_format_report_has_one_line_per_result(ontology: Graph) -> None:
    data = Graph().parse(FIXTURES_DIR / "Claim" / "invalid-origin-manual.ttl", format="turtle")
    result = validate(data, ontology)
    lines = format_report(result).splitlines()
    assert lines == [
        "Violation claim:2021-03-18--wang-yi--demand--stop-interfering dgsh:Claim-origin "
        'dg:origin: A claim says how it entered the graph: exactly one dg:origin, "curated" '
        'or "extracted". ("manual")'
    ]


def test_sparql_constraints_on_valid_data_never_reach_rdflib(
    ontology: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Oxigraph answers the SPARQL constraints; rdflib, ~1 ms a query, only words violations."""
    from tests.support.shacl_support import rdflib_queries

    seen = rdflib_queries(monkeypatch)
    result = validate(Graph().parse(CLAIM_FIXTURE, format="turtle"), ontology)
    assert result.conforms and not result.warnings
    assert seen == []
    invalid = Graph().parse(FIXTURES_DIR / "Evidence" / "invalid-negative-start.ttl",
                            format="turtle")
    assert not validate(invalid, ontology).conforms
    assert seen, "a violation is worded by rdflib: the spy sees its queries"


def test_sparql_constraint_violations_read_as_rdflib_words_them(ontology: Graph) -> None:
    """rdflib's SUBSTR slices like Python for a negative offset; the report quotes that."""
    data = Graph().parse(FIXTURES_DIR / "Evidence" / "invalid-negative-start.ttl",
                         format="turtle")
    found = [v for v in validate(data, ontology).violations
             if v.source_shape == URIRef(DGSH + "Evidence-quoteMatchesText")]
    assert [v.message.rsplit("the text there is ", 1)[-1] for v in found] == ['"".']
