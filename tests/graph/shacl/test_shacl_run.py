"""pyshacl runs with the shapes read once (``graph.shacl.engine``)."""

from __future__ import annotations

import pytest
from rdflib import Graph

from graph.shacl import engine as shacl_run
from graph.shacl.validate import load_shapes

RULE_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate ex:p ; sh:object ex:o ] .
"""


def test_the_shapes_are_compiled_once_per_template() -> None:
    template = load_shapes()
    first = shacl_run._compile(template)
    assert shacl_run._compile(template) is first
    assert shacl_run._compile(load_shapes()) is not first  # another template: read again


def test_shacl_af_rules_are_refused_not_skipped() -> None:
    with pytest.raises(shacl_run.UnsupportedShapes):
        shacl_run.run(Graph(), Graph(), Graph().parse(data=RULE_SHAPES, format="turtle"))
