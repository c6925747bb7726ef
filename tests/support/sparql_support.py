"""Helpers of the SPARQL endpoint tests: a small writable store, a server over it, and probes.

Write tests never touch the session's bundled store: each gets a fresh on-disk Oxigraph store
with the ontology and two valid states, small enough that SHACL validation takes a moment.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph

from api.settings import Settings
from graph.namespaces import ONTOLOGY_GRAPH, graph_iri, sparql_prologue
from graph.shacl.validate import load_ontology
from graph.store import GraphStore, open_store
from tests.support.server import TOKEN, start_server

SEED_GRAPH = graph_iri("file", "seed")
EX = "http://example.org/"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PROLOGUE = sparql_prologue()

#: Two states that satisfy the shapes.
SEED_TTL = """
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix actor: <https://w3id.org/diplograph/id/actor/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
actor:china a dg:State ; dg:slug "china" ; rdfs:label "China"@en .
actor:united-states a dg:State ; dg:slug "united-states" ; rdfs:label "United States"@en .
"""


def state_ttl(slug: str, *, valid: bool = True) -> str:
    """Turtle of one state; an invalid one lacks the slug every resource must have."""
    slug_line = f'dg:slug "{slug}" ; ' if valid else ""
    return (
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f"<https://w3id.org/diplograph/id/actor/{slug}> a dg:State ; {slug_line}"
        f'rdfs:label "{slug.title()}"@en .\n'
    )


def state_triples(slug: str, *, valid: bool = True) -> str:
    """The same state as triples for INSERT DATA (the prologue supplies the prefixes)."""
    slug_part = f'dg:slug "{slug}" ; ' if valid else ""
    return f'actor:{slug} a dg:State ; {slug_part}rdfs:label "{slug.title()}"@en .'


def writable_store(folder: Path) -> GraphStore:
    store = open_store(f"oxigraph:{folder / 'store'}")
    store.replace_graphs({ONTOLOGY_GRAPH: load_ontology(),
                          SEED_GRAPH: Graph().parse(data=SEED_TTL, format="turtle")})
    return store


@contextmanager
def serving(store: GraphStore, **settings: object) -> Iterator[str]:
    """A real uvicorn server over ``store``; yields its base URL."""
    options: dict[str, object] = {"store": "oxigraph:", "token": TOKEN, "query_timeout": 3.0}
    options.update(settings)
    server, thread, url = start_server(store, Settings(**options))  # type: ignore[arg-type]  # options are object-typed settings fields
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def worker_cpu_seconds() -> dict[int, float]:
    """CPU seconds used so far by each query worker process this test process started."""
    found: dict[int, float] = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if b"api.sparql.worker" in cmdline and int(fields[1]) == os.getpid():
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return found
