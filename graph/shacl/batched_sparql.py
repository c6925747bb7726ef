"""SHACL-SPARQL constraints asked once for all their focus nodes, not once per node.

pyshacl runs a SPARQL constraint (``sh:select``) once per focus node with ``$this`` pre-bound:
some 400 queries to check a large readout, each parsed and planned anew, most of a write's
validation. Whether a focus node has any rows can be asked for all of them in one query when
the constraint's text allows it: the focus nodes are put in a graph of their own in the
Oxigraph copy of the data (``graph.shacl.oxigraph_sparql``), and the query becomes
``SELECT DISTINCT $this WHERE { GRAPH <focus> { $this <focus> <focus> } ... }``.
The nodes with rows are then run one by one by pyshacl as before, so reports are unchanged;
a node without rows has none to report, which is all the batch decides.

That head pattern opens every group that holds ``$this`` (the top group, ``UNION`` branches,
``OPTIONAL`` and nested groups), so each is evaluated with ``$this`` bound to one focus node
at a time, as pre-binding has it, and rows of different nodes never join; inside ``EXISTS``
the solution it tests binds ``$this`` already. Subqueries, ``MINUS`` (which would share
``$this`` with its left side where it shared nothing), ``VALUES``, ``GRAPH``, ``SERVICE``,
grouping, aggregates and slicing change what the head means; such constraints keep
pyshacl's per-node queries (``batch_text`` answers None). No text of the data enters a query:
the focus nodes are data.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from rdflib.term import Node

__all__ = ["FOCUS", "BatchedSPARQLBasedConstraint", "batch_text"]

#: The graph the focus nodes are put in, and the predicate and object of each node's triple.
FOCUS = "urn:x-diplograph:shacl-focus"
_PROJECTION = "SELECT DISTINCT $this WHERE {"
_HEAD = f" GRAPH <{FOCUS}> {{ $this <{FOCUS}> <{FOCUS}> }} "

_TOKENS = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>[A-Za-z_][\w.-]*(?::[\w.%-]*)?|:[\w.%-]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>\S)
''', re.VERBOSE | re.DOTALL)

#: Keywords whose presence anywhere keeps the per-node queries.
_REFUSED = frozenset({"MINUS", "VALUES", "GRAPH", "SERVICE", "GROUP", "HAVING", "ORDER",
                      "LIMIT", "OFFSET", "FROM", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE",
                      "GROUP_CONCAT", "ASK", "CONSTRUCT", "DESCRIBE"})


@lru_cache(maxsize=256)
def batch_text(text: str) -> str | None:
    """The query asking which focus nodes have rows for the SELECT ``text`` (``$this``
    pre-bound), or None when its form does not allow one query for all of them."""
    select_at = -1
    groups: list[_Group] = []
    open_: list[_Group] = []  # the groups the scan is in, outermost first
    last = ""
    for match in _TOKENS.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "comment":
            continue
        if kind == "word" and ":" not in token:
            word = token.upper()
            if word in _REFUSED or (word == "SELECT" and select_at >= 0):
                return None  # a subquery, a slice, grouping: what a head join would change
            if word == "SELECT":
                select_at = match.start()
        elif kind == "open":
            inside_exists = bool(open_) and (open_[-1].in_exists or last == "EXISTS")
            open_.append(_Group(match.end(), inside_exists))
            groups.append(open_[-1])
        elif kind == "close" and open_:
            open_.pop()
        elif kind == "var" and token[1:] == "this":
            for group in open_:
                group.has_this = True
        last = token.upper() if kind == "word" else token
    if select_at < 0 or not groups or not groups[0].has_this:
        return None  # rows that do not depend on $this are left to pyshacl
    heads = [g.at for g in groups if g.has_this and not g.in_exists]
    parts, done = [text[:select_at], _PROJECTION], groups[0].at
    for at in heads:
        parts += [text[done:at], _HEAD]
        done = at
    parts.append(text[done:])
    return "".join(parts)


@dataclass
class _Group:
    """A ``{`` of the query: where its content starts, whether an ``EXISTS`` encloses it (or
    opens it: the solution it tests binds ``$this`` there), whether ``$this`` is in it."""

    at: int
    in_exists: bool
    has_this: bool = False


class BatchedSPARQLBasedConstraint(SPARQLBasedConstraint):
    """pyshacl's SPARQL constraint component, handing on only the focus nodes a batch query
    found rows for (all of them where no batch can be asked)."""

    def _evaluate_sparql_constraint(
        self, sparql_constraint: Any, target_graph: Any, f_v_dict: dict[Node, Any]
    ) -> tuple[bool, list[Any]]:
        if len(f_v_dict) > 1:
            found = _with_rows(sparql_constraint, target_graph, f_v_dict.keys())
            if found is not None:
                f_v_dict = {f: v for f, v in f_v_dict.items() if f in found}
        return super()._evaluate_sparql_constraint(sparql_constraint, target_graph, f_v_dict)


def _with_rows(sparql_constraint: Any, target_graph: Any,
               nodes: Collection[Node]) -> set[Node] | None:  # fmt: skip
    """The ``nodes`` the constraint's query has rows for, or None when not asked in one go."""
    ask = getattr(getattr(target_graph, "impl", target_graph), "nodes_with_rows", None)
    if ask is None:
        return None
    bindings, text = sparql_constraint.pre_bind_variables(next(iter(nodes)))
    batched = batch_text(sparql_constraint.apply_prefixes(text))
    if batched is None or bindings.pop("this", None) is None:
        return None  # without $this: the same query for every node, left to pyshacl
    return ask(batched, bindings, nodes)
