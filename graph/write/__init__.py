"""Writes: loading files, the bulk loader, the one validated commit, and SPARQL update plans."""
