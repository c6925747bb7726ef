"""Checks on SPARQL request text made before any parser sees it.

Why before parsing: pyoxigraph 0.5 overflows its stack and kills the whole process on a query
nested ~5,000 brackets deep, long operator chains make its planner run for minutes, and a
``SERVICE`` or ``LOAD`` makes the engine fetch a URL. A lexical pass catches these cheaply and
names the problem, so the engine is only ever handed text it can survive.

The pass runs on every request, so it has its own small lexer rather than
``graph.sparql.text.tokens`` (a Token object per token, several times slower): strings,
IRIs, comments and variables are skipped whole, so a bracket or a keyword inside them never
counts, and a prefixed name (``ex:SERVICE``) is one word, never a keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.sparql.text import QUERY_FORMS

#: Longest query or update accepted, in bytes of UTF-8 (a generous VALUES block fits).
MAX_TEXT_BYTES = 256 * 1024
#: Deepest nesting of (), {} and [] accepted; real queries stay under 20, the engine dies at ~5,000.
MAX_DEPTH = 128

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
#: Keywords that make an engine fetch a remote URL.
REMOTE_KEYWORDS = frozenset({"SERVICE", "LOAD"})
_FORMS_AND_UPDATES = UPDATE_KEYWORDS | frozenset(QUERY_FORMS)
_LEXER = re.compile(
    r"""
      "{3}(?:[^"\\]|\\.|"(?!""))*"{3}           # long strings
    | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
    | "(?:[^"\\\n\r]|\\.)*"                      # short strings
    | '(?:[^'\\\n\r]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>                  # IRIs
    | \#[^\n\r]*                                 # comments
    | [?$]\w+                                    # variables
    | (?P<word>[A-Za-z_][\w-]*(?::[\w.%-]*)?|:[\w.%-]*)
    | (?P<open>[({\[])
    | (?P<close>[)}\]])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class QueryShape:
    """What the lexical pass learnt about a query."""

    #: SELECT, ASK, CONSTRUCT or DESCRIBE; None when the text hides it (the parser will say).
    form: str | None
    #: Whether the query names its own dataset (FROM or FROM NAMED).
    names_dataset: bool


class GuardError(ValueError):
    """The text is refused before parsing; the message says why (an HTTP 400)."""


class NotAQuery(GuardError):
    """An update (or something else) was sent where a query belongs."""


def _scan(text: str, what: str) -> tuple[str | None, set[str]]:
    """(first top-level keyword of the query or update, every keyword used), depth checked."""
    if len(text) > MAX_TEXT_BYTES or len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise GuardError(f"the {what} is longer than {MAX_TEXT_BYTES // 1024} KiB")
    depth = 0
    first: str | None = None
    words: set[str] = set()
    for match in _LEXER.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise GuardError(
                    f"the {what} nests brackets more than {MAX_DEPTH} deep (line {line}); "
                    "flatten it"
                )
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "word":
            word = match.group().upper()
            words.add(word)
            if first is None and depth == 0 and word in _FORMS_AND_UPDATES:
                first = word
    return first, words


def check_query(text: str) -> QueryShape:
    """The query's form and dataset use, once it is known to be safe to parse.

    Raises ``NotAQuery`` for an update and ``GuardError`` for anything refused outright.
    """
    if not text.strip():
        raise GuardError("the query is empty")
    first, words = _scan(text, "query")
    if first in UPDATE_KEYWORDS:
        raise NotAQuery(
            f"this is a SPARQL update ({first}), not a query: send it to /update with a token"
        )
    _refuse_remote(words, "query")
    return QueryShape(first if first in QUERY_FORMS else None, "FROM" in words)


def check_update(text: str) -> None:
    """Refuse an update that is empty, too large, too deep, or would fetch a remote URL."""
    if not text.strip():
        raise GuardError("the update is empty")
    _first, words = _scan(text, "update")
    _refuse_remote(words, "update")


def _refuse_remote(words: set[str], what: str) -> None:
    found = sorted(words & REMOTE_KEYWORDS)
    if found:
        raise GuardError(
            f"{' and '.join(found)} would make the server fetch a remote URL; "
            f"it is not allowed in a {what} here"
        )
