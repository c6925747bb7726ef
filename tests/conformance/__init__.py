"""The W3C SPARQL 1.1 conformance suites, run against a served instance
(docs/conformance.md)."""
