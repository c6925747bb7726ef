"""Tests of api.pages."""
