"""Tests of graph.extract."""
