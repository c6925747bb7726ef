"""Tests of graph.backup."""
