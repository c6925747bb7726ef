"""The project's SPARQL, kept in ``.rq`` / ``.ru`` files beside this module and loaded by name.

Every query is prefixed with the one prefix table (``graph.namespaces``) so the files hold only
their own logic; values reach them as bindings, never as text.
"""

from __future__ import annotations

from functools import cache

from graph.namespaces import sparql_prologue
from graph.paths import QUERIES_DIR


@cache
def body(name: str) -> str:
    """The text of query ``name`` as written (``claims`` reads ``claims.rq``, updates ``.ru``)."""
    for suffix in (".rq", ".ru"):
        path = QUERIES_DIR / f"{name}{suffix}"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise KeyError(f"no query named {name!r} in {QUERIES_DIR}")


@cache
def load(name: str) -> str:
    """Query ``name`` with the prefix table in front, ready to run."""
    return sparql_prologue() + body(name)
