"""Tests of graph.views."""
