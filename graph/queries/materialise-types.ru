# Oxigraph does no inference: materialise the rdf:type and sub-property closure the ontology
# implies into a graph of its own, so `?x a dg:Claim` finds demands and red lines too.
DROP SILENT GRAPH <https://w3id.org/diplograph/graph/inferred> ;
INSERT {
  GRAPH <https://w3id.org/diplograph/graph/inferred> { ?s a ?super }
}
WHERE {
  GRAPH <https://w3id.org/diplograph/graph/ontology> { ?class rdfs:subClassOf+ ?super }
  FILTER(isIRI(?super))
  GRAPH ?g { ?s a ?class }
  FILTER(?g != <https://w3id.org/diplograph/graph/inferred>)
} ;
INSERT {
  GRAPH <https://w3id.org/diplograph/graph/inferred> { ?s ?super ?o }
}
WHERE {
  GRAPH <https://w3id.org/diplograph/graph/ontology> { ?p rdfs:subPropertyOf+ ?super }
  GRAPH ?g { ?s ?p ?o }
  FILTER(?g != <https://w3id.org/diplograph/graph/inferred>)
}
