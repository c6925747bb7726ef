"""Open the store a setting names: ``oxigraph:PATH`` (default), ``memory:`` or ``sparql:URL``.

The default is one place for every command and the server, so that ``make serve`` and a
newcomer's ``.venv/bin/diplograph ingest`` act on the same store: ``var/store`` under the
source checkout when the code runs from one (the Makefile exports the same path), else
``diplograph/store`` under the user's data directory (``$XDG_DATA_HOME``, by default
``~/.local/share``) for an installed wheel.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.store.base import (
    Bindings,
    GraphStore,
    ReadOnlyStoreError,
    Row,
    StoreError,
    StoreLocked,
)

__all__ = [
    "DEFAULT_STORE",
    "Bindings",
    "GraphStore",
    "ReadOnlyStoreError",
    "Row",
    "StoreError",
    "StoreLocked",
    "open_store",
    "store_setting",
]


def checkout_root() -> Path | None:
    """The source checkout the code runs from (its ``pyproject.toml`` beside the packages),
    or None for an installed wheel."""
    from graph.paths import ROOT, SHIPPED

    return None if SHIPPED or not (ROOT / "pyproject.toml").is_file() else ROOT


def default_store_path() -> Path:
    """``var/store`` in the checkout, else ``diplograph/store`` in the user's data directory."""
    root = checkout_root()
    if root is not None:
        return root / "var" / "store"
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "diplograph" / "store"


DEFAULT_STORE = f"oxigraph:{default_store_path()}"


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
