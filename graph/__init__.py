"""diplograph: a knowledge graph of high-level diplomacy, built on rdflib and Oxigraph."""

__version__ = "0.1.0"
