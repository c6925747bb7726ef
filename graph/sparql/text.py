"""Just enough lexing of SPARQL to bind values and page results on an engine without protocols.

A remote engine takes no bindings and may cap answers, so the remote backend must edit query
text: put a VALUES block at the start of the outermost WHERE group, or wrap a query to page it.
It never pastes request text: every inserted term comes from ``graph.rdf.terms.nt`` (Oxigraph's
N-Triples serialiser). Strings, IRIs and comments are skipped as whole tokens so a brace or a
keyword inside them is never mistaken for syntax.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             | '''(?:[^'\\]|\\.|'(?!''))*'''
             | "(?:[^"\\\n\r]|\\.)*"
             | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<number>\d+(?![\w.]))
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<word>[A-Za-z_\u00c0-\uffff][\w\-.:\u00b7\u00c0-\uffff%\\]*(?<!\.)|:[\w\-.:%\\]*(?<!\.))
  | (?P<punct>[{}()])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class SparqlTextError(ValueError):
    """The text is not a query this module can place values in (it names why)."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # braces and parentheses open before this token

    @property
    def upper(self) -> str:
        return self.text.upper()


def tokens(query: str) -> Iterator[Token]:
    """Significant tokens (no whitespace or comments), each with its nesting depth."""
    depth = 0
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        text = match.group()
        if text in ("}", ")"):
            depth = max(depth - 1, 0)
        yield Token(kind, text, match.start(), match.end(), depth)
        if text in ("{", "("):
            depth += 1


def _words_at_top(query: str) -> Iterator[Token]:
    return (t for t in tokens(query) if t.depth == 0 and t.kind == "word")


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query keyword after the prologue."""
    for token in _words_at_top(query):
        if token.upper in QUERY_FORMS:
            return token.upper
    raise SparqlTextError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def split_prologue(query: str) -> tuple[str, str]:
    """(PREFIX/BASE prologue, the rest from the query keyword on)."""
    for token in _words_at_top(query):
        if token.upper in QUERY_FORMS:
            return query[: token.start], query[token.start:]
    raise SparqlTextError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def has_dataset_clause(query: str) -> bool:
    """Whether the query names its own dataset (FROM / FROM NAMED), which then wins."""
    return any(t.upper == "FROM" for t in _words_at_top(query))


def has_top_level_order(query: str) -> bool:
    """Whether the outermost query sorts its answer (ORDER BY outside every group)."""
    top = [t.upper for t in tokens(query) if t.depth == 0]
    return any(a == "ORDER" and b == "BY" for a, b in itertools.pairwise(top))


def where_group(query: str) -> tuple[int, int]:
    """Offsets of the outermost WHERE group's ``{`` and of its matching ``}``.

    The group is the first top-level one after the query keyword, except after
    ``CONSTRUCT {template}``, where it is the second. Groups inside parentheses (``EXISTS {}``
    in a SELECT expression) are not top-level.
    """
    form = query_form(query)
    toks = list(tokens(query))
    first = next(i for i, t in enumerate(toks)
                 if t.depth == 0 and t.kind == "word" and t.upper in QUERY_FORMS)
    to_skip = int(form == "CONSTRUCT" and first + 1 < len(toks) and toks[first + 1].text == "{")
    opening: Token | None = None
    for token in toks[first + 1:]:
        if token.depth != 0:
            continue
        if token.text == "{":
            opening = token
        elif token.text == "}" and opening is not None:
            if not to_skip:
                return opening.start, token.start
            to_skip, opening = to_skip - 1, None
    raise SparqlTextError("no WHERE group found in the query")


def values_block(terms: Mapping[str, str]) -> str:
    """``VALUES (?a ?b) { (t1 t2) }`` for one row of already-serialised terms."""
    for name in terms:
        if not re.fullmatch(r"[A-Za-z0-9_\u00b7\u00c0-\uffff]+", name):
            raise SparqlTextError(f"invalid variable name for a binding: {name!r}")
    names = " ".join(f"?{name}" for name in terms)
    row = " ".join(terms.values())
    return f"VALUES ({names}) {{ ({row}) }}"


def inject_values(query: str, terms: Mapping[str, str]) -> str:
    """The query with one row of bound values joined at the start of its WHERE group.

    At the start of the outermost group, the values join every pattern and every FILTER of that
    group sees them, as a substituted constant would be seen. When the group is a bare
    sub-select (``WHERE { SELECT ... }``), the sub-select is wrapped in a group of its own.
    """
    if not terms:
        return query
    start, end = where_group(query)
    block = values_block(terms)
    inner = next(tokens(query[start + 1:end]), None)
    if inner is not None and inner.kind == "word" and inner.upper == "SELECT":
        return f"{query[:start + 1]} {block} {{{query[start + 1:end]}}} {query[end:]}"
    return f"{query[:start + 1]} {block}\n{query[start + 1:]}"


def split_slice(query: str) -> tuple[str, int, int | None]:
    """(the query without its outermost LIMIT/OFFSET, the offset, the limit or None).

    Paging applies the slice itself: Virtuoso refuses an ORDER BY whose OFFSET + LIMIT passes
    its sort limit (SR353) even when the answer would be small.
    """
    toks = [t for t in tokens(query) if t.depth == 0]
    offset, limit, cuts = 0, None, []
    for keyword, value in itertools.pairwise(toks):
        is_slice = keyword.kind == "word" and keyword.upper in ("LIMIT", "OFFSET")
        if is_slice and value.kind == "number":
            if keyword.upper == "LIMIT":
                limit = int(value.text)
            else:
                offset = int(value.text)
            cuts.append((keyword.start, value.end))
    for start, end in reversed(cuts):
        query = query[:start] + " " * (end - start) + query[end:]
    return query, offset, limit


def paged_select(query: str, variables: list[str], offset: int, limit: int) -> str:
    """One page of a SELECT (sliced by ``split_slice`` first), its own order kept.

    The query runs as a sub-select and the page is cut outside it, the way Virtuoso pages
    past its sort limit; a query without ORDER BY gets a total order on its variables so that
    pages neither overlap nor miss rows.
    """
    prologue, body = split_prologue(query)
    if has_top_level_order(query) or not variables:
        inner = body
    else:
        order = " ".join(f"?{v}" for v in variables)
        inner = f"SELECT * WHERE {{ {{ {body}\n}} }} ORDER BY {order}"
    return f"{prologue}SELECT * WHERE {{ {{ {inner}\n}} }} OFFSET {offset} LIMIT {limit}"
