"""Tests of api.sparql."""
