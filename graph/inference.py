"""Keeping the inferred graph up to date after a write, for the subjects the write touched.

The inferred graph holds the ``rdf:type`` closure over ``rdfs:subClassOf`` and the
sub-property closure (``graph/queries/materialise-types.ru``). Every inferred triple has the
subject of the asserted triple it comes from, so when the ontology is unchanged a write can
only change the inferred triples of the subjects whose asserted triples it adds or removes:
those are deleted and derived again from the whole dataset, in the same update request as
the write. Rebuilding the whole graph instead costs ~35 s at 1M triples.

The subjects are written into the update as N-Triples terms serialised by Oxigraph
(``graph.rdf.terms.nt``), the project's one safe way to put a term into SPARQL text (an update
takes no bindings). Blank nodes cannot be named in an update, so a write touching one, or
touching the ontology, or too many subjects to list, rebuilds the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import BNode, Graph
from rdflib.term import Node

from graph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
from graph.rdf.terms import nt

#: Above this many touched subjects a full rebuild is as cheap as listing them.
MAX_SUBJECTS = 20_000

_INFERRED = f"<{INFERRED_GRAPH}>"
_ONTOLOGY = f"<{ONTOLOGY_GRAPH}>"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_SUBPROPERTY = "<http://www.w3.org/2000/01/rdf-schema#subPropertyOf>"

#: materialise-types.ru for the subjects in ``{subjects}`` (nt()-serialised IRIs only).
SUBJECT_INFERENCE = (
    "DELETE {{ GRAPH " + _INFERRED + " {{ ?s ?p ?o }} }}\n"
    "WHERE {{ VALUES ?s {{ {subjects} }} GRAPH " + _INFERRED + " {{ ?s ?p ?o }} }} ;\n"
    "INSERT {{ GRAPH " + _INFERRED + " {{ ?s " + _RDF_TYPE + " ?super }} }}\n"
    "WHERE {{\n"
    "  VALUES ?s {{ {subjects} }}\n"
    "  GRAPH " + _ONTOLOGY + " {{ ?class " + _SUBCLASS + "+ ?super }}\n"
    "  FILTER(isIRI(?super))\n"
    "  GRAPH ?g {{ ?s " + _RDF_TYPE + " ?class }}\n"
    "  FILTER(?g != " + _INFERRED + ")\n"
    "}} ;\n"
    "INSERT {{ GRAPH " + _INFERRED + " {{ ?s ?super ?o }} }}\n"
    "WHERE {{\n"
    "  VALUES ?s {{ {subjects} }}\n"
    "  GRAPH " + _ONTOLOGY + " {{ ?p " + _SUBPROPERTY + "+ ?super }}\n"
    "  GRAPH ?g {{ ?s ?p ?o }}\n"
    "  FILTER(?g != " + _INFERRED + ")\n"
    "}}"
)


def touched_subjects(
    old: Iterable[Node], graphs: Mapping[str, Graph], drop: Iterable[str]
) -> set[Node] | None:
    """Subjects whose inferred triples a replace may change, or None for a full rebuild.

    ``old`` are the subjects of the replaced and dropped graphs as stored; the new content
    adds its own.
    """
    if ONTOLOGY_GRAPH in graphs or ONTOLOGY_GRAPH in set(drop):
        return None
    subjects = set(old)
    for graph in graphs.values():
        subjects.update(graph.subjects())
    if len(subjects) > MAX_SUBJECTS or any(isinstance(s, BNode) for s in subjects):
        return None
    return subjects


def subject_inference_update(subjects: Iterable[Node]) -> str:
    """The update that re-derives the inferred triples of ``subjects`` (no prologue needed)."""
    terms = " ".join(sorted(nt(s) for s in subjects))
    if not terms:
        return ""
    return SUBJECT_INFERENCE.format(subjects=terms)
