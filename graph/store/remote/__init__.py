"""The sparql: backend: a remote SPARQL 1.1 engine (Virtuoso and others) over HTTP."""
