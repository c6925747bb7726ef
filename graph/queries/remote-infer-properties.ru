# The sub-property closure on a remote engine, as remote-infer-types.ru does the types: the
# (property, super-property) pairs listed at #@pairs, the graphs under #@prefix, with option
# [subjects] the subjects at #@subjects only.
INSERT { GRAPH <https://w3id.org/diplograph/graph/inferred> { ?s ?super ?o } }
WHERE {
  #[subjects]VALUES ?s { #@subjects
  #[subjects]}
  VALUES (?p ?super) { #@pairs
  }
  VALUES ?prefix { #@prefix
  }
  GRAPH ?g { ?s ?p ?o }
  FILTER(?g != <https://w3id.org/diplograph/graph/inferred> && STRSTARTS(STR(?g), ?prefix)
         && !STRSTARTS(STR(?g), "https://w3id.org/diplograph/graph/inferred/"))
  FILTER NOT EXISTS { GRAPH <urn:x-diplograph:bulk-loads> {
    ?g <urn:x-diplograph:bulk-loads#owner> ?loader } }
}
