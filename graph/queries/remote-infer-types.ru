# The rdf:type closure on a remote engine: what materialise-types.ru does, with the (class,
# super-class) pairs listed at #@pairs because Virtuoso cannot evaluate
# `?class rdfs:subClassOf+ ?super` with both ends free ("transitive derived table but neither
# end of it is bound"). Only the graphs under the application's prefix (#@prefix) are read,
# neither the inferred graphs of bulk loads nor a load's graphs still hidden in its registry
# (graph/write/remote_bulk.py);
# with option [subjects], only the subjects listed at #@subjects. graph/inference.py fills
# the markers with N-Triples terms; left unfilled, nothing is inserted. IRIs in full: the
# operation follows a `;` in a request without a prologue of its own.
INSERT {
  GRAPH <https://w3id.org/diplograph/graph/inferred> {
    ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?super
  }
}
WHERE {
  #[subjects]VALUES ?s { #@subjects
  #[subjects]}
  VALUES (?class ?super) { #@pairs
  }
  VALUES ?prefix { #@prefix
  }
  GRAPH ?g { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?class }
  FILTER(?g != <https://w3id.org/diplograph/graph/inferred> && STRSTARTS(STR(?g), ?prefix)
         && !STRSTARTS(STR(?g), "https://w3id.org/diplograph/graph/inferred/"))
  FILTER NOT EXISTS { GRAPH <urn:x-diplograph:bulk-loads> {
    ?g <urn:x-diplograph:bulk-loads#owner> ?loader } }
}
