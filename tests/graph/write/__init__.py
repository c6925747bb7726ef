"""Tests of graph.write."""
