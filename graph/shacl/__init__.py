"""SHACL validation: whole graphs, the focus nodes of a change, the engine, its SPARQL graph."""
