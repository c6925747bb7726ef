"""A small hand-made graph for the view, traversal and export tests: every case on a page.

Alice and Bob (two sides) meet twice, 2020 and 2022; Carol visits alone in 2022 (so no path
joins her to Alice in the meetings view). Labels and a statement carry control characters
that XML 1.0 forbids. Loaded with the real ontology so the store's inference runs.
"""

from __future__ import annotations

from rdflib import Graph

from graph.namespaces import ONTOLOGY_GRAPH, graph_iri, sparql_prologue
from graph.paths import ONTOLOGY_DIR
from graph.rdf.io import parse_file
from graph.store import GraphStore

TURTLE = """
actor:alice a dg:Person ; rdfs:label "Alice\\u0007 Smith"@en , "アリス"@ja ;
    dg:country actor:united-states .
actor:bob a dg:Person ; rdfs:label "Bob"@en ; dg:country actor:china .
actor:carol a dg:Person ; rdfs:label "Carol" ; dg:country actor:china .
actor:united-states a dg:State ; rdfs:label "United States"@en .
actor:china a dg:State ; rdfs:label "China"@en .
post:secretary a dg:Post ; rdfs:label "Secretary"@en .
post:envoy a dg:Post ; rdfs:label "Envoy"@en .
holding:alice--secretary a dg:PostHolding ; dg:holder actor:alice ; dg:post post:secretary ;
    dg:startDate "2019-01-01"^^xsd:date ; dg:endDate "2021-06-30"^^xsd:date .
holding:alice--envoy a dg:PostHolding ; dg:holder actor:alice ; dg:post post:envoy ;
    dg:startDate "2021-07-01"^^xsd:date .
meeting:first-talks a dg:Meeting ; rdfs:label "First talks"@en ;
    dg:startDate "2020-05-01"^^xsd:date ;
    dg:participant actor:alice , actor:bob ; dg:side actor:china , actor:united-states .
meeting:second-call a dg:Call ; rdfs:label "Second call"@en ;
    dg:startDate "2022-01-01"^^xsd:date ; dg:endDate "2022-01-02"^^xsd:date ;
    dg:participant actor:alice , actor:bob ; dg:side actor:china , actor:united-states ;
    dg:followsUp meeting:first-talks .
meeting:carol-visit a dg:Visit ; rdfs:label "Carol's visit"@en ;
    dg:startDate "2022-03-01"^^xsd:date ; dg:participant actor:carol .
topic:trade a skos:Concept ; skos:prefLabel "Trade"@en .
topic:tariffs a skos:Concept ; skos:prefLabel "Tariffs"@en ; skos:broader topic:trade .
topic:climate a skos:Concept ; skos:prefLabel "Climate"@en .
claim:stop-tariffs a dg:Demand ; dg:claimant actor:bob ; dg:addressee actor:united-states ;
    dg:topic topic:tariffs ; dg:madeAt meeting:second-call ; dg:date "2022-01-01"^^xsd:date ;
    dg:statement "Stop\\u0001 the tariffs"@en ; dg:negated false ; dg:confidence 0.75 ;
    dg:evidence evidence:stop-tariffs-1 .
evidence:stop-tariffs-1 a dg:Evidence ; dg:document doc:readout ; dg:quote "stop" ;
    dg:start 10 ; dg:end 14 .
claim:cut-emissions a dg:Commitment ; dg:claimant actor:alice ; dg:addressee actor:china ;
    dg:topic topic:climate ; dg:madeAt meeting:first-talks ; dg:date "2020-05-01"^^xsd:date ;
    dg:statement "We will cut emissions"@en .
doc:readout a dg:SourceDocument ; dcterms:title "Readout"@en ; dg:text "the whole text" .
"""

ALICE, BOB, CAROL = "actor/alice", "actor/bob", "actor/carol"


def data_graph() -> Graph:
    return Graph().parse(data=sparql_prologue().replace("PREFIX ", "@prefix ").replace(
        ">\n", "> .\n") + TURTLE, format="turtle")


def fill(store: GraphStore) -> GraphStore:
    """Put the small graph (and the ontology, for inference) into an empty store."""
    ontology = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        ontology += parse_file(path)
    store.replace_graphs({ONTOLOGY_GRAPH: ontology, graph_iri("file", "small"): data_graph()})
    return store
