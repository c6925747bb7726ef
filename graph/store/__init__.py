"""Open the store a setting names: ``oxigraph:PATH`` (default), ``memory:`` or ``sparql:URL``."""

from __future__ import annotations

import os
from pathlib import Path

from graph.store.base import Bindings, GraphStore, ReadOnlyStoreError, Row, StoreError

__all__ = [
    "DEFAULT_STORE",
    "Bindings",
    "GraphStore",
    "ReadOnlyStoreError",
    "Row",
    "StoreError",
    "open_store",
    "store_setting",
]


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "diplograph"


DEFAULT_STORE = f"oxigraph:{_default_data_dir() / 'store'}"


def store_setting(explicit: str | None = None) -> str:
    """The store spec: an explicit value, else ``DIPLOGRAPH_STORE``, else the default."""
    return explicit or os.environ.get("DIPLOGRAPH_STORE") or DEFAULT_STORE


def open_store(spec: str | None = None, *, read_only: bool = False) -> GraphStore:
    """The one way to open a store from its setting.

    ``oxigraph:PATH`` opens (or creates) an on-disk Oxigraph store, ``oxigraph:`` an
    in-memory one; ``memory:`` an rdflib in-memory dataset; ``sparql:QUERY_URL`` a remote
    SPARQL 1.1 engine (see ``graph.store.remote.client``).
    """
    spec = store_setting(spec)
    scheme, sep, rest = spec.partition(":")
    if not sep:
        raise StoreError(
            f"bad store setting {spec!r}: expected oxigraph:PATH, memory: or sparql:URL"
        )
    if scheme == "oxigraph":
        from graph.store.oxigraph import OxigraphStore

        return OxigraphStore(Path(rest).expanduser() if rest else None, read_only=read_only)
    if scheme == "memory":
        from graph.store.memory import MemoryStore

        return MemoryStore()
    if scheme == "sparql":
        from graph.store.remote.client import open_remote

        return open_remote(rest, read_only=read_only)
    raise StoreError(
        f"unknown store kind {scheme!r} in {spec!r}: use oxigraph:, memory: or sparql:"
    )
