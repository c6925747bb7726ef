"""Tests of graph.export."""
