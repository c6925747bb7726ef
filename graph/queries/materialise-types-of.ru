# materialise-types.ru for the subjects listed at the markers only, after their inferred
# triples were deleted (inferred-drop-of.ru): graph/inference.py fills in N-Triples IRIs;
# left unfilled, nothing is inserted. IRIs in full, as in inferred-drop-of.ru.
INSERT {
  GRAPH <https://w3id.org/diplograph/graph/inferred> {
    ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?super
  }
}
WHERE {
  VALUES ?s { #@subjects
  }
  GRAPH <https://w3id.org/diplograph/graph/ontology> {
    ?class <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?super
  }
  FILTER(isIRI(?super))
  GRAPH ?g { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?class }
  FILTER(?g != <https://w3id.org/diplograph/graph/inferred>)
} ;
INSERT { GRAPH <https://w3id.org/diplograph/graph/inferred> { ?s ?super ?o } }
WHERE {
  VALUES ?s { #@subjects
  }
  GRAPH <https://w3id.org/diplograph/graph/ontology> {
    ?p <http://www.w3.org/2000/01/rdf-schema#subPropertyOf>+ ?super
  }
  GRAPH ?g { ?s ?p ?o }
  FILTER(?g != <https://w3id.org/diplograph/graph/inferred>)
}
