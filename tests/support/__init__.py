"""Helpers the tests share: servers, stores, data, checks. Fixtures stay in conftest.py."""
