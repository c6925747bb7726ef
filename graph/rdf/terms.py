"""Conversion of RDF terms between rdflib (the project's RDF API) and pyoxigraph (the engine)."""

from __future__ import annotations

from typing import overload

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@overload
def to_ox(term: URIRef) -> ox.NamedNode: ...
@overload
def to_ox(term: BNode) -> ox.BlankNode: ...
@overload
def to_ox(term: Literal) -> ox.Literal: ...
@overload
def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal: ...
def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (for quads and query substitutions)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {type(term).__name__} to an Oxigraph term")


def _iri(value: str) -> URIRef:
    """``URIRef(value)`` for an IRI Oxigraph holds, which it has checked already: without
    rdflib's character-by-character look at it (a few percent of a write that reads back
    thousands of terms), the same string object ``URIRef`` makes of a valid IRI."""
    return str.__new__(URIRef, value)


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """A pyoxigraph term as an rdflib term (a quoted triple raises ``TypeError``)."""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=_iri(datatype))
    raise TypeError(f"cannot convert {type(term).__name__} to an rdflib term")


def from_json(term: dict[str, str]) -> Node:
    """A term of the SPARQL 1.1 JSON results format as Oxigraph writes it, as an rdflib term:
    the one ``from_ox`` makes of the same term (a quoted triple raises ``TypeError``)."""
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return _iri(value)
    if kind == "literal":
        if "xml:lang" in term:
            return Literal(value, lang=term["xml:lang"])
        datatype = term.get("datatype", _XSD_STRING)
        if datatype == _XSD_STRING:
            return Literal(value)
        return Literal(value, datatype=_iri(datatype))
    if kind == "bnode":
        return BNode(value)
    raise TypeError(f"cannot convert a {kind} to an rdflib term")


def nt(term: Node) -> str:
    """N-Triples text of a term, escaped by Oxigraph's serialiser (never Literal.n3())."""
    return str(to_ox(term))


def simple_literal(term: Node) -> Node:
    """``"x"^^xsd:string`` as the simple literal ``"x"`` (the same RDF 1.1 literal), so terms
    from rdflib and from Oxigraph compare equal."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term
