"""RDF utilities: rdflib and Oxigraph terms, safe parsing of RDF files, the class hierarchy."""
