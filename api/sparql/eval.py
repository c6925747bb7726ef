"""Evaluate one protocol query on a pyoxigraph store and serialise the answer, capped.

Imports nothing but pyoxigraph and the standard library (through ``graph.sparql.text``),
because it also runs inside the query worker processes
(``api.sparql.worker``), which must start fast. Serialisation is Oxigraph's own (the escaping of
every format is then the engine's, not ours). SELECT answers are capped at ``max_rows``: the
solutions are drawn one by one up to the cap, written as TSV (one ``str(term)`` per cell, which
is N-Triples syntax and exactly what TSV results hold), and Oxigraph converts that TSV into the
wanted format natively.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.sparql.text import SparqlTextError, split_prologue, star_variables, tokens

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
}
#: The graph formats that use the prefix table (the others would only carry it along).
PREFIXED = frozenset({"turtle", "trig"})
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class QuerySyntaxError(ValueError):
    """The engine's parser refused the text; the message has its line and column."""


class QueryTimeout(Exception):
    """The query ran past its time limit and was stopped."""


class EngineError(Exception):
    """The engine could not evaluate the query (a failure that is not a syntax error)."""


class EngineCrashed(EngineError):
    """The process evaluating the query died on it (the server itself is unharmed)."""


class Busy(Exception):
    """No evaluator became free before the time limit."""


class WrongKind(Exception):
    """The answer is of a kind (results or graph) the client accepts no format for."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass
class QueryRequest:
    """A protocol query with its dataset, its wanted formats (one per answer kind) and caps."""

    query: str
    formats: dict[str, str | None]
    max_rows: int
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    #: Whether the default graph is the union of the named graphs (no FROM, no protocol dataset).
    union: bool = True
    #: Prefixes for Turtle and TriG answers (readability only: queries declare their own).
    prefixes: dict[str, str] = field(default_factory=dict)
    #: The service's base IRI, against which relative IRIs resolve (the query's BASE wins).
    base_iri: str | None = None
    #: Named graphs the endpoint never shows (the audit trail): left out of the union default
    #: graph, of ``GRAPH ?g``, and of a dataset the request or the query's FROM names.
    hidden: list[str] = field(default_factory=list)


@dataclass
class Answer:
    kind: str  # "results" or "graph"
    format: str
    body: bytes
    truncated: bool = False
    count: int = 0


def _check(deadline: float | None, every: int, i: int) -> None:
    if deadline is not None and i % every == 0 and time.monotonic() > deadline:
        raise QueryTimeout("the query ran past its time limit")


def _format(request: QueryRequest, kind: str) -> str:
    name = request.formats.get(kind)
    if name is None:
        raise WrongKind(kind)
    return name


def solutions(variables: Sequence[str], rows: Iterable[Sequence[Term | None]], fmt: str,
              max_rows: int, deadline: float | None = None) -> Answer:
    """Up to ``max_rows`` solutions in ``fmt``; ``truncated`` when more were there."""
    lines = ["\t".join(f"?{v}" for v in variables)]
    truncated = False
    for i, row in enumerate(rows):
        _check(deadline, 256, i)
        if i == max_rows:
            truncated = True
            break
        lines.append("\t".join("" if t is None else str(t) for t in row))
    count = len(lines) - 1
    tsv = ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "tsv":
        body = tsv
    else:
        parsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
        body = parsed.serialize(format=RESULT_FORMATS[fmt]) or b""
    if truncated and fmt == "json":
        warning = f"results truncated to the first {max_rows} rows (server row limit)"
        body = b'{"warning":' + json.dumps(warning).encode() + b"," + body[1:]
    return Answer("results", fmt, body, truncated, count)


def boolean(value: bool, fmt: str) -> Answer:
    answer = ox.parse_query_results(b'{"head":{},"boolean":%s}' % (b"true" if value else b"false"),
                                    ox.QueryResultsFormat.JSON)
    return Answer("results", fmt, answer.serialize(format=RESULT_FORMATS[fmt]) or b"", count=1)


def triples(found: Iterable[ox.Triple], fmt: str, max_rows: int, prefixes: dict[str, str],
            deadline: float | None = None) -> Answer:
    """Up to ``max_rows`` triples in ``fmt`` (Turtle and TriG with the prefix table)."""
    kept: list[ox.Triple] = []
    truncated = False
    for i, triple in enumerate(found):
        _check(deadline, 256, i)
        if i == max_rows:
            truncated = True
            break
        kept.append(triple)
    extra: dict[str, Any] = {"prefixes": prefixes} if fmt in PREFIXED and prefixes else {}
    body = ox.serialize(kept, format=RDF_FORMATS[fmt], **extra)
    return Answer("graph", fmt, body or b"", truncated, len(kept))


#: An empty store: resolves a query's FROM terms (prefixed names, relative IRIs) as its parser does.
_PROBE = ox.Store()


def declared_dataset(query: str, base_iri: str | None) -> tuple[list[str], list[str]]:
    """The graphs a query's own ``FROM`` and ``FROM NAMED`` clauses name, as absolute IRIs.

    The terms are read lexically, then resolved by Oxigraph's parser with the query's own
    prologue (PREFIX, BASE) and the service's base IRI, exactly as in the query itself. A term
    it cannot resolve is refused (``EngineError``): a hidden graph must never slip through.
    """
    clauses: list[tuple[bool, str]] = []
    toks = [t for t in tokens(query) if t.depth == 0]
    for i, token in enumerate(toks):
        if token.kind == "word" and token.upper == "FROM" and i + 1 < len(toks):
            named = toks[i + 1].kind == "word" and toks[i + 1].upper == "NAMED"
            term = toks[i + 2] if named and i + 2 < len(toks) else toks[i + 1]
            clauses.append((named, term.text))
    if not clauses:
        return [], []
    try:
        prologue, _ = split_prologue(query)
        terms = " ".join(term for _, term in clauses)
        probe = f"{prologue}\nSELECT ?g WHERE {{ VALUES ?g {{ {terms} }} }}"
        solutions = _PROBE.query(probe, base_iri=base_iri)
        iris = [solution["g"] for solution in solutions]  # type: ignore[union-attr]
    except (SparqlTextError, SyntaxError, OSError, RuntimeError, ValueError) as exc:
        raise EngineError(f"cannot read the query's FROM clauses: {exc}") from None
    if len(iris) != len(clauses) or not all(isinstance(g, ox.NamedNode) for g in iris):
        raise EngineError("cannot read the query's FROM clauses: expected one IRI each")
    default = [g.value for (named, _), g in zip(clauses, iris, strict=True) if not named]
    named_graphs = [g.value for (named, _), g in zip(clauses, iris, strict=True) if named]
    return default, named_graphs


def dataset_options(request: QueryRequest, store: ox.Store) -> dict[str, Any]:
    """pyoxigraph's keyword arguments for the request's dataset.

    Protocol parameters win over the query's FROM clauses; with neither, the default graph is
    the union of the named graphs. Naming only one half of a dataset leaves the other empty,
    as the SPARQL 1.1 Protocol says. The ``hidden`` graphs are taken out of each: while the
    store holds one, the union is spelt as the list of the other named graphs (read from the
    store per query: a lookup in its table of graph names, microseconds).
    """
    hidden = set(request.hidden)
    if request.default_graphs is None and request.named_graphs is None:
        if not request.union:
            default, named = declared_dataset(request.query, request.base_iri)
            if hidden.isdisjoint(default) and hidden.isdisjoint(named):
                return {}
        else:
            graphs = list(store.named_graphs()) if hidden else []
            if not any(isinstance(g, ox.NamedNode) and g.value in hidden for g in graphs):
                return {"use_default_graph_as_union": True}
            shown = [g for g in graphs if not (isinstance(g, ox.NamedNode) and g.value in hidden)]
            return {"default_graph": shown, "named_graphs": shown}
    else:
        default, named = request.default_graphs or [], request.named_graphs or []
    return {
        "default_graph": [ox.NamedNode(g) for g in default if g not in hidden],
        "named_graphs": [ox.NamedNode(g) for g in named if g not in hidden],
    }


def evaluate(store: ox.Store, request: QueryRequest, deadline: float | None = None) -> Answer:
    """Run the query and serialise its answer in the format wanted for its kind."""
    try:
        result = store.query(request.query, base_iri=request.base_iri,
                             **dataset_options(request, store))
        if isinstance(result, ox.QueryBoolean):
            return boolean(bool(result), _format(request, "results"))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            order = star_variables(request.query, names)
            rows: Iterable[Sequence[Term | None]] = result
            if order != names:
                # Oxigraph lists SELECT * variables alphabetically; the answer's columns
                # follow the query text, as clients (and the W3C result tests) expect.
                rows = ([solution[name] for name in order] for solution in result)
            return solutions(order, rows, _format(request, "results"), request.max_rows,
                             deadline)
        return triples(result, _format(request, "graph"), request.max_rows, request.prefixes,
                       deadline)
    except SyntaxError as exc:
        raise QuerySyntaxError(str(exc)) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise EngineError(str(exc)) from None
