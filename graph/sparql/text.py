"""Just enough lexing of SPARQL to bind values and page results on an engine without protocols.

A remote engine takes no bindings and may cap answers, so the remote backend must edit query
text: put a VALUES block at the start of the outermost WHERE group, or wrap a query to page it.
The SPARQL Protocol's base IRI and ``using-graph-uri`` parameters become ``BASE`` and ``USING``
clauses in the text the same way.
It never pastes request text: every inserted term comes from ``graph.rdf.terms.nt`` (Oxigraph's
N-Triples serialiser). Strings, IRIs and comments are skipped as whole tokens so a brace or a
keyword inside them is never mistaken for syntax.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
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


def star_variables(query: str, variables: list[str]) -> list[str]:
    """The variables of a ``SELECT *`` answer in the order they first appear in the text.

    ``SELECT *`` projects every in-scope variable without saying in which order; engines differ
    (Oxigraph sorts them), and readers expect the columns the query names first to come first.
    Any other query, or one the lexer cannot read, keeps ``variables`` as they are.
    """
    if "*" not in query:  # no SELECT * (the common case): no need to read the text
        return variables
    toks = [t for t in tokens(query)]
    for i, token in enumerate(toks):
        if token.depth == 0 and token.kind == "word" and token.upper == "SELECT":
            rest = toks[i + 1:i + 3]
            star = next((t for t in rest if t.upper not in ("DISTINCT", "REDUCED")), None)
            if star is None or star.text != "*":
                return variables
            break
    else:
        return variables
    wanted = set(variables)
    seen = dict.fromkeys(t.text[1:] for t in toks if t.kind == "var" and t.text[1:] in wanted)
    return [*seen, *(v for v in variables if v not in seen)]


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


_IRI_REF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")


def _checked_iri(term: str) -> str:
    """An already-serialised IRI (``<...>``, from ``graph.rdf.terms.nt``), checked to be one
    token."""
    if not _IRI_REF.fullmatch(term):
        raise SparqlTextError(f"not a serialised IRI: {term[:80]!r}")
    return term


def with_base(text: str, base: str) -> str:
    """A query or update resolved against ``base`` (a serialised IRI) unless it says otherwise.

    ``BASE`` goes before the prologue: a ``BASE`` of the text's own comes later and wins (a
    relative one is resolved against this one, as RFC 3986 wants), so the text keeps its
    meaning. For engines that take no base IRI beside the text.
    """
    return f"BASE {_checked_iri(base)}\n{text}"


def with_using(update: str, default: Sequence[str], named: Sequence[str]) -> str:
    """The update with ``USING``/``USING NAMED`` clauses (serialised IRIs) in every operation
    that has a WHERE: the SPARQL 1.1 Protocol's ``using-graph-uri``/``using-named-graph-uri``,
    for an engine that takes only the text.

    The clauses go right before each top-level ``WHERE`` (after the DELETE/INSERT templates,
    where the grammar puts them); a WHERE inside a group (a sub-select) is not an operation's.
    Raises ``SparqlTextError`` when the update names its own dataset (``USING`` or ``WITH``),
    which the protocol forbids beside the parameters, and for ``DELETE WHERE``, whose
    short form takes no ``USING``.
    """
    clause = " ".join([f"USING {_checked_iri(g)}" for g in default]
                      + [f"USING NAMED {_checked_iri(g)}" for g in named])
    if not clause:
        return update
    top = [t for t in tokens(update) if t.depth == 0]
    own = next((t.upper for t in top if t.kind == "word" and t.upper in ("USING", "WITH")), None)
    if own is not None:
        raise SparqlTextError(f"the update names its own dataset ({own}); it cannot also take "
                              "using-graph-uri or using-named-graph-uri")
    cuts: list[int] = []
    for before, token in itertools.pairwise(top):
        if token.kind == "word" and token.upper == "WHERE":
            if before.kind == "word" and before.upper == "DELETE":
                raise SparqlTextError("DELETE WHERE {...} takes no dataset; write it as "
                                      "DELETE {...} WHERE {...} to use using-graph-uri")
            cuts.append(token.start)
    for cut in reversed(cuts):
        update = f"{update[:cut]}{clause} {update[cut:]}"
    return update


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
