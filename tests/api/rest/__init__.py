"""Tests of the REST API: the routers over the bundled graph, hostile input, writes."""
