"""Tests of graph.store."""
