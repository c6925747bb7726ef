"""Lint of the ontology and the shapes: the documentation a reader relies on is there.

The ontology is read by people and by the API (labels and comments become field help); the
shapes speak to curators through their messages. A term without a label or a constraint
without a message is a bug even when every test passes.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery

from graph.shacl.validate import load_ontology, load_shapes

DG = "https://w3id.org/diplograph/ontology#"
DGSH = "https://w3id.org/diplograph/shapes#"
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Core constraint parameters that, on a node shape itself, produce results of that shape.
NODE_LEVEL_CONSTRAINTS = (
    SH.nodeKind, SH.datatype, SH["class"], SH.pattern, SH.languageIn, SH["in"], SH.minLength,
    SH.maxLength, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
    SH["not"], SH["and"], SH["or"], SH.xone, SH.closed, SH.hasValue, SH.node,
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _terms(ontology: Graph, kinds: tuple[URIRef, ...]) -> list[URIRef]:
    return sorted({s for kind in kinds for s in ontology.subjects(RDF.type, kind)}, key=str)


def _english(graph: Graph, node: URIRef, predicate: URIRef) -> list[str]:
    return [
        str(o) for o in graph.objects(node, predicate)
        if isinstance(o, Literal) and (o.language or "").startswith("en") and str(o).strip()
    ]


def _label_clashes(ontology: Graph, terms: list[URIRef]) -> dict[str, list[str]]:
    by_label: dict[str, set[str]] = defaultdict(set)
    for term in terms:
        for label in _english(ontology, term, RDFS.label):
            by_label[label.casefold()].add(str(term))
    return {label: sorted(ts) for label, ts in by_label.items() if len(ts) > 1}


# ---------------------------------------------------------------- ontology


def test_ontology_declares_terms(ontology: Graph) -> None:
    assert _terms(ontology, (OWL.Class,))
    assert _terms(ontology, PROPERTY_TYPES)


@pytest.mark.parametrize("kind", [OWL.Class, *PROPERTY_TYPES], ids=lambda k: str(k).split("#")[-1])
def test_every_term_has_an_english_label_and_comment(ontology: Graph, kind: URIRef) -> None:
    missing = [
        str(term) for term in _terms(ontology, (kind,))
        if not _english(ontology, term, RDFS.label) or not _english(ontology, term, RDFS.comment)
    ]
    assert not missing, f"terms without an English rdfs:label and rdfs:comment: {missing}"


def test_no_two_classes_share_a_label(ontology: Graph) -> None:
    clashes = _label_clashes(ontology, _terms(ontology, (OWL.Class,)))
    assert not clashes, f"classes sharing a label: {clashes}"


def test_no_two_properties_share_a_label(ontology: Graph) -> None:
    clashes = _label_clashes(ontology, _terms(ontology, PROPERTY_TYPES))
    assert not clashes, f"properties sharing a label: {clashes}"


def test_no_class_shares_a_label_with_a_property(ontology: Graph) -> None:
    clashes = _label_clashes(ontology, _terms(ontology, (OWL.Class, *PROPERTY_TYPES)))
    assert not clashes, f"terms sharing a label: {clashes}"


# ---------------------------------------------------------------- shapes


def _node_shapes(shapes: Graph) -> set:
    """Everything used as a node shape: declared, targeted, or referenced as a value shape."""
    found = set(shapes.subjects(RDF.type, SH.NodeShape))
    found |= {s for t in TARGETS for s in shapes.subjects(t, None)}
    found |= set(shapes.objects(None, SH.node)) | set(shapes.objects(None, SH.qualifiedValueShape))
    for logical in (SH["or"], SH["and"], SH.xone):
        for head in shapes.objects(None, logical):
            found |= set(shapes.items(head))
    return found - _property_shapes(shapes)


def _property_shapes(shapes: Graph) -> set:
    found = set(shapes.subjects(RDF.type, SH.PropertyShape))
    found |= set(shapes.objects(None, SH.property))
    found |= set(shapes.subjects(SH.path, None))
    return found


def test_every_node_shape_has_an_iri_label_and_comment(shapes: Graph) -> None:
    problems = []
    for shape in _node_shapes(shapes):
        if not isinstance(shape, URIRef) or not str(shape).startswith(DGSH):
            problems.append(f"{shape!r}: node shapes need an IRI in dgsh:")
        elif not _english(shapes, shape, RDFS.label) or not _english(shapes, shape, RDFS.comment):
            problems.append(f"{shape}: needs an English rdfs:label and rdfs:comment")
    assert not problems, "\n".join(sorted(problems))


def test_node_shapes_with_own_constraints_have_a_message(shapes: Graph) -> None:
    missing = sorted(
        str(shape) for shape in _node_shapes(shapes)
        if any(shapes.value(shape, p) is not None for p in NODE_LEVEL_CONSTRAINTS)
        and shapes.value(shape, SH.message) is None
    )
    assert not missing, f"node shapes with constraints of their own but no sh:message: {missing}"


def test_every_property_shape_has_an_iri_label_and_message(shapes: Graph) -> None:
    problems = []
    for shape in _property_shapes(shapes):
        if not isinstance(shape, URIRef) or not str(shape).startswith(DGSH):
            problems.append(f"{shape!r}: property shapes need an IRI in dgsh:, for reports")
        elif shapes.value(shape, SH.message) is None:
            problems.append(f"{shape}: needs an sh:message")
        elif not _english(shapes, shape, RDFS.label):
            problems.append(f"{shape}: needs an English rdfs:label")
    assert not problems, "\n".join(sorted(problems))


def _declared_prefixes(shapes: Graph, holder: URIRef) -> str:
    lines = []
    for declaration in shapes.objects(holder, SH.declare):
        prefix = shapes.value(declaration, SH.prefix)
        namespace = shapes.value(declaration, SH.namespace)
        lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines)


def test_every_sparql_constraint_has_a_message_and_parses(shapes: Graph) -> None:
    constraints = list(shapes.objects(None, SH.sparql))
    assert constraints
    problems = []
    for constraint in constraints:
        owner = next(shapes.subjects(SH.sparql, constraint))
        if shapes.value(constraint, SH.message) is None:
            problems.append(f"{owner}: SPARQL constraint without sh:message")
        select = shapes.value(constraint, SH.select)
        holder = shapes.value(constraint, SH.prefixes)
        if select is None or holder is None:
            problems.append(f"{owner}: SPARQL constraint needs sh:select and sh:prefixes")
            continue
        try:
            prepareQuery(_declared_prefixes(shapes, holder) + "\n" + str(select))
        except Exception as exc:  # any parse error is the finding
            problems.append(f"{owner}: query does not parse: {exc}")
        code = "\n".join(line.split("#", 1)[0] for line in str(select).splitlines())
        if re.search(r"\bVALUES\b", code, flags=re.IGNORECASE):
            problems.append(f"{owner}: SHACL forbids VALUES in a SPARQL constraint")
    assert not problems, "\n".join(problems)


def test_one_sparql_constraint_per_shape(shapes: Graph) -> None:
    """A report names the source shape; one SPARQL check per shape keeps that name exact."""
    owners = defaultdict(list)
    for owner, constraint in shapes.subject_objects(SH.sparql):
        owners[owner].append(constraint)
    crowded = sorted(str(o) for o, cs in owners.items() if len(cs) > 1)
    assert not crowded, f"shapes with several SPARQL constraints: {crowded}"


def test_shapes_only_name_terms_the_ontology_declares(shapes: Graph, ontology: Graph) -> None:
    """Catches a typo such as sh:targetClass dg:Engagment, which would silently check nothing."""
    declared = {
        s for kind in (OWL.Class, *PROPERTY_TYPES) for s in ontology.subjects(RDF.type, kind)
    }
    used = set()
    naming = (SH.targetClass, SH["class"], SH.path, SH.targetSubjectsOf, SH.targetObjectsOf)
    for predicate in naming:
        used |= {o for o in shapes.objects(None, predicate) if not isinstance(o, BNode)}
    unknown = sorted(str(t) for t in used if str(t).startswith(DG) and t not in declared)
    assert not unknown, f"dg: terms the ontology does not declare: {unknown}"


def test_every_ontology_class_and_dg_property_is_shaped(shapes: Graph, ontology: Graph) -> None:
    """Each dg: class is a target (itself or through a superclass) and each property a path."""
    targeted = set(shapes.objects(None, SH.targetClass))
    paths = set(shapes.objects(None, SH.path)) | set(shapes.objects(None, SH.targetSubjectsOf))
    untargeted = []
    for cls in _terms(ontology, (OWL.Class,)):
        if not str(cls).startswith(DG):
            continue
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        if not ancestors & targeted:
            untargeted.append(str(cls))
    unshaped = [
        str(p) for p in _terms(ontology, PROPERTY_TYPES) if str(p).startswith(DG) and p not in paths
    ]
    assert not untargeted, f"classes no shape targets: {untargeted}"
    assert not unshaped, f"properties no shape constrains: {unshaped}"
