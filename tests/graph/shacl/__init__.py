"""Tests of graph.shacl."""
