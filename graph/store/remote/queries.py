"""The SPARQL the remote backend sends on its own behalf, as named templates.

Values reach the read queries as bindings (a VALUES block); the write templates are filled only
with terms serialised by ``graph.rdf.terms.nt``. Every IRI is written in full so an operation can
follow a ``;`` in a request without a prologue of its own.
"""

from __future__ import annotations

#: Every named graph holding a triple. Grouped, not ``SELECT DISTINCT ?g``: Virtuoso 7.2
#: answers DISTINCT through its ``SPARQL_SELECT_KNOWN_GRAPHS`` procedure, which took 12 s on
#: a fresh million-triple load and 3-4 s on a 98k one (0.05 s on other databases), and a
#: prefix FILTER 1.5 s and 0.25 s there; GROUP BY reads the graph-first index (RDF_QUAD_GS)
#: in 35-80 ms on both. The caller keeps our graphs (the engine's own are a handful).
GRAPH_NAMES = """
SELECT ?g WHERE {
  GRAPH ?g { ?s ?p ?o }
} GROUP BY ?g
"""

#: The registry of bulk loads under way (``graph.write.remote_bulk``): each graph a load is
#: filling, with who fills it ("host pid"). No query sees a registered graph.
REGISTRY = "urn:x-diplograph:bulk-loads"
OWNER = "urn:x-diplograph:bulk-loads#owner"
REGISTERED = f"""SELECT ?g ?owner FROM <{REGISTRY}> WHERE {{ ?g <{OWNER}> ?owner }}"""

#: Quads in one named graph ``?g``.
GRAPH_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

#: Quads in every graph whose IRI starts with ``?prefix``.
SCOPE_SIZE = """
SELECT (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?g), STR(?prefix)))
}
"""

#: The triples of one named graph ``?g``.
GRAPH_TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"

#: The ontology's direct rdfs:subClassOf / rdfs:subPropertyOf links, in graph ``?g``.
HIERARCHY = """
SELECT ?rel ?sub ?super WHERE {
  GRAPH ?g { ?sub ?rel ?super }
  FILTER(?rel = <http://www.w3.org/2000/01/rdf-schema#subClassOf>
         || ?rel = <http://www.w3.org/2000/01/rdf-schema#subPropertyOf>)
}
"""

# -- write templates (``{...}`` slots take nt()-serialised terms only) ----------------------

DROP_GRAPH = "DROP SILENT GRAPH {graph}"
MOVE_GRAPH = "MOVE SILENT {source} TO {target}"
INSERT_DATA = "INSERT DATA {{\n{blocks}}}"
GRAPH_BLOCK = "GRAPH {graph} {{\n{triples}}}\n"
#: Triples with blank nodes: Virtuoso refuses them in INSERT DATA, a template takes them.
INSERT_TEMPLATE = "INSERT {{ GRAPH {graph} {{\n{triples}}} }} WHERE {{ }}"

#: Virtuoso: pass INSERT DATA as one big constant, not compiled triple by triple (which is
#: slow and overflows the compiler near 5,000 triples, "generated SQL text exceeded").
VIRTUOSO_BIG_DATA = "DEFINE sql:big-data-const 1\n"

# -- neighbourhood reads (``{nodes}``/``{predicate}`` take nt()-serialised IRIs only) --------

#: The quads whose subject is one of ``{nodes}`` (a VALUES list): a write's neighbourhood.
QUADS_BY_SUBJECT = """SELECT ?s ?p ?o ?g WHERE {{
  VALUES ?s {{ {nodes} }}
  {predicate}GRAPH ?g {{ ?s ?p ?o }}
}}"""

#: The quads whose object is one of ``{nodes}``: who points at what a write changes.
QUADS_BY_OBJECT = """SELECT ?s ?p ?o ?g WHERE {{
  VALUES ?o {{ {nodes} }}
  {predicate}GRAPH ?g {{ ?s ?p ?o }}
}}"""

#: Nodes per neighbourhood request: a VALUES list this long stays well inside request limits.
NODES_PER_REQUEST = 200
