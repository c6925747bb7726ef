# The inferred triples of the subjects listed at the marker, deleted before they are derived
# again on a remote engine: from the inferred graph and from the inferred graphs of bulk loads
# (graph/write/remote_bulk.py), except those of a load still hidden in the registry.
# graph/inference.py fills in N-Triples IRIs; left unfilled, nothing is deleted. IRIs in full:
# the operation may follow a `;` in a request without a prologue of its own.
DELETE { GRAPH ?g { ?s ?p ?o } }
WHERE {
  VALUES ?s { #@subjects
  }
  GRAPH ?g { ?s ?p ?o }
  FILTER(?g = <https://w3id.org/diplograph/graph/inferred>
         || STRSTARTS(STR(?g), "https://w3id.org/diplograph/graph/inferred/"))
  FILTER NOT EXISTS { GRAPH <urn:x-diplograph:bulk-loads> {
    ?g <urn:x-diplograph:bulk-loads#owner> ?loader } }
}
