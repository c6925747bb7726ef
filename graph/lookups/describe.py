"""Linked data: the concise bounded description of an entity, and what links to it."""

from __future__ import annotations

from rdflib import Graph, URIRef

from graph import queries
from graph.namespaces import INFERRED_GRAPH
from graph.store import GraphStore

#: How many incoming links the readable page lists.
INBOUND_LIMIT = 200


def cbd(store: GraphStore, entity: URIRef) -> Graph:
    """The entity's asserted triples, plus those of blank nodes it points to (two levels deep:
    the curated data has none, extracted data might). Inferred types are left out: they are
    the ontology's consequences, not statements about the entity."""
    rows = store.select(
        queries.load("lookup-describe"), {"entity": entity, "inferred": URIRef(INFERRED_GRAPH)}
    )
    graph = Graph()
    for row in rows:
        for subject, prop, value in (
            ("entity", "property", "value"),
            ("value", "property2", "value2"),
            ("value2", "property3", "value3"),
        ):
            if subject in row and prop in row and value in row:
                graph.add((row[subject], row[prop], row[value]))
    return graph


def exists(store: GraphStore, entity: URIRef) -> bool:
    return bool(store.select(queries.load("lookup-exists"), {"entity": entity}))


def inbound(store: GraphStore, entity: URIRef) -> list[tuple[str, str]]:
    """(subject, property) pairs of the triples that point at the entity, at most INBOUND_LIMIT."""
    rows = store.select(queries.load("lookup-inbound"), {"entity": entity})
    return sorted((str(r["subject"]), str(r["property"])) for r in rows if "subject" in r)
