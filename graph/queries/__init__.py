"""The project's SPARQL, kept in ``.rq`` / ``.ru`` files beside this module and loaded by name.

Every query is prefixed with the one prefix table (``graph.namespaces``) so the files hold only
their own logic; values reach them as bindings, never as text.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def with_options(text: str, name: str, options: Iterable[str]) -> str:
    """``text`` of query ``name`` with each ``#[option]`` tag removed, so the lines it starts
    take part; a tag the query lacks is an error, not a silently different query."""
    for option in options:
        tag = f"#[{option}]"
        if tag not in text:
            raise KeyError(f"query {name!r} has no option {option!r}")
        text = text.replace(tag, "")
    return text
