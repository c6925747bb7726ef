"""Running the lookup queries: optional lines, value lists, and plain values back.

A lookup query is one ``.rq`` file that is valid SPARQL as written. Lines tagged ``#[name]`` are
comments until the caller enables option ``name`` (a filter that was asked for), which strips the
tag; request values only ever reach the query as bindings. ``#@var`` inside a ``VALUES`` block is
replaced by a list of IRIs the store itself returned (a page of claims), serialised by Oxigraph's
N-Triples writer: SPARQL bindings carry one value per variable, and a page needs a set. Left
unreplaced, the marker is a comment and the ``VALUES`` block is empty, so nothing leaks.

Answers come back as plain values (an IRI is a ``str``, a literal a ``Lit``) rather than rdflib
terms: building an rdflib ``Literal`` costs more than the query itself on a page of claims, and
the lookups only read text, dates and numbers. On Oxigraph the solutions are read directly.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from graph import queries
from graph.rdf.terms import nt
from graph.store import Bindings, GraphStore
from graph.store.oxigraph import OxigraphStore


class Lit(NamedTuple):
    """A literal: its lexical form, language tag ('' for none) and datatype IRI."""

    value: str
    lang: str = ""
    datatype: str = ""


Value = str | Lit
PlainRow = dict[str, Value]
Fields = dict[str, list[Value]]


def compose(
    name: str, options: Iterable[str] = (), values: Mapping[str, Iterable[str]] | None = None
) -> str:
    """The text of query ``name`` with ``options`` enabled and ``values`` listed."""
    text = queries.with_options(queries.load(name), name, options)
    for var, iris in (values or {}).items():
        marker = f"#@{var}"
        if marker not in text:
            raise KeyError(f"query {name!r} has no value list {var!r}")
        text = text.replace(marker, " ".join(nt(URIRef(str(i))) for i in iris))
    return text


def select(
    store: GraphStore,
    name: str,
    bindings: Bindings | None = None,
    options: Iterable[str] = (),
    values: Mapping[str, Iterable[str]] | None = None,
) -> list[PlainRow]:
    """Rows of a lookup query; an empty value list answers no rows without asking."""
    if values is not None:
        values = {var: list(iris) for var, iris in values.items()}
        if any(not iris for iris in values.values()):
            return []
    text = compose(name, options, values)
    if isinstance(store, OxigraphStore):
        return _ox_rows(store.raw_query(text, bindings))
    return [{k: plain(v) for k, v in row.items()} for row in store.select(text, bindings)]


def select_soon(
    store: GraphStore, name: str, bindings: Bindings | None = None
) -> Callable[[], list[PlainRow]]:
    """``select``, started now on another core; call the answer to wait for its rows.

    For the views' large queries. pyoxigraph holds the GIL for each solution read, so two
    queries read in two threads take as long as one after the other; it lets go while it
    evaluates and serialises a whole answer. On Oxigraph the answer is serialised (TSV) in a
    thread of its own, and read back with Oxigraph's parser when the rows are asked for: at 1M
    triples that reading is a third of what reading the live solutions costs this thread.
    Other stores answer when asked.
    """
    if not isinstance(store, OxigraphStore):
        return lambda: select(store, name, bindings)
    text = compose(name)

    def answer() -> bytes:
        result = store.raw_query(text, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("lookup queries are SELECT queries")
        return result.serialize(format=_TSV) or b""

    pending = _background().submit(answer)
    return lambda: _ox_rows(ox.parse_query_results(pending.result(), format=_TSV))


_TSV = ox.QueryResultsFormat.TSV


@cache
def _background() -> ThreadPoolExecutor:
    """The threads ``select_soon`` evaluates in: one per core, at most four."""
    return ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1),
                              thread_name_prefix="select-soon")


def _ox_rows(result: object) -> list[PlainRow]:
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("lookup queries are SELECT queries")
    names = [v.value for v in result.variables]
    rows: list[PlainRow] = []
    named, literal = ox.NamedNode, ox.Literal
    seen: dict[ox.Literal, Lit] = {}  # a literal met again (a date, a code) is read once
    for solution in result:
        row: PlainRow = {}
        for name, term in zip(names, solution, strict=True):
            kind = type(term)
            if kind is named:
                row[name] = term.value
            elif kind is literal:
                lit = seen.get(term)
                if lit is None:
                    lit = seen[term] = Lit(term.value, term.language or "", term.datatype.value)
                row[name] = lit
            elif term is not None:
                row[name] = f"_:{term.value}"
        rows.append(row)
    return rows


def plain(term: Node) -> Value:
    if isinstance(term, Literal):
        return Lit(str(term), term.language or "", str(term.datatype or ""))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def node_fields(
    rows: Iterable[PlainRow], node: str = "node", field: str = "field", value: str = "value"
) -> dict[str, Fields]:
    """``{node: {field: [values]}}`` from rows of (node, field, value), duplicates dropped."""
    out: dict[str, Fields] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if node in row and field in row and value in row:
            values = out[text(row[node])][text(row[field])]
            if row[value] not in values:
                values.append(row[value])
    return out


def best_text(values: Iterable[Value], lang: str = "en") -> str | None:
    """The text in ``lang``, else one without language, else the first by language tag."""
    literals = [v for v in values if isinstance(v, Lit)]
    if len(literals) < 2:
        return literals[0].value if literals else None

    def rank(lit: Lit) -> tuple[int, str, str]:
        tag = lit.lang.lower()
        first = 0 if tag == lang or tag.startswith(f"{lang}-") else 1 if not tag else 2
        return (first, tag, lit.value)

    return min(literals, key=rank).value


def first(values: Iterable[Value] | None) -> Value | None:
    """One value of a field (the smallest, so answers are stable), None when there is none."""
    if not values:
        return None
    items = values if isinstance(values, list) and len(values) == 1 else sorted(values, key=text)
    return items[0] if items else None


def text(value: Value) -> str:
    """The lexical form of a literal, or the IRI."""
    return value.value if isinstance(value, Lit) else value


def as_date(value: Value | None) -> dt.date | None:
    """A value as a date when it is one (``2024-04-22``), else None."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(text(value)[:10])
    except ValueError:
        return None


def as_int(value: Value | None) -> int | None:
    try:
        return None if value is None else int(text(value))
    except ValueError:
        return None


def as_float(value: Value | None) -> float | None:
    try:
        return None if value is None else float(text(value))
    except ValueError:
        return None


def as_str(value: Value | None) -> str | None:
    return None if value is None else text(value)


def as_bool(value: Value | None) -> bool | None:
    return None if value is None else text(value).strip().lower() in ("true", "1")


def is_a(store: GraphStore, entity: URIRef, cls: str) -> bool:
    """Whether ``entity`` is an instance of ``cls`` (inferred classes included)."""
    return bool(store.select(queries.load("lookup-is-a"), {"entity": entity, "class": URIRef(cls)}))
