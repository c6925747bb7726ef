# The inferred triples of the subjects listed at the marker, deleted before they are derived
# again (graph/inference.py fills in N-Triples IRIs; left unfilled, nothing is deleted).
# IRIs in full: the operation may follow a `;` in a request without a prologue of its own.
DELETE { GRAPH <https://w3id.org/diplograph/graph/inferred> { ?s ?p ?o } }
WHERE {
  VALUES ?s { #@subjects
  }
  GRAPH <https://w3id.org/diplograph/graph/inferred> { ?s ?p ?o }
}
