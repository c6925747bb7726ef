"""Tests of graph.lookups."""
