"""GEXF 1.3 for Gephi, written from a view (networkx's writer gets 1.3 wrong).

What Gephi needs, and so what this writes: IRIs typed ``string`` (Gephi drops ``anyURI``);
every edge typed directed or undirected (Gephi drops an edge whose type contradicts the
default); parallel facts already aggregated into one edge per kind with their count as
weight; values that change over time under ``<attributes mode="dynamic">``; dates and
intervals with ``timeformat="date"`` so the timeline plays; no ``xsi:schemaLocation``
(the RELAX NG schema rejects it). Dates are declared ``string``: GEXF has no date type.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from operator import itemgetter
from typing import Any
from xml.sax.saxutils import escape

import networkx as nx

from graph import __version__
from graph.export import style
from graph.export.common import (
    EDGE_STRUCTURE,
    NODE_STRUCTURE,
    clean,
    columns,
    one_line,
    text,
)
from graph.views.builders import DYNAMIC, SPELLS, Interval

GEXF = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
MEDIA_TYPE = "application/gexf+xml"
#: Our column types as GEXF attribute types (the schema has no date type).
_TYPES = {"date": "string"}


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                          "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _esc(value: str) -> str:
    """Attribute text: characters XML cannot carry removed, markup and newlines escaped
    (newlines too, so they survive attribute normalisation). Most text needs neither, and
    four substring tests are far cheaper than a pattern over every value of a large view."""
    if not value.isprintable():
        return clean(value).translate(_ESCAPES)
    if "&" in value or "<" in value or ">" in value or '"' in value:
        return value.translate(_ESCAPES)
    return value


def _value(value: Any) -> str:
    """A value as attribute text (``common.text``, escaped), the common types first: this runs
    for every value of a view, over a million times for the claims view of 1M triples."""
    kind = type(value)
    if kind is str:
        return _esc(value)
    if kind is int:
        return str(value)
    return _esc(text(value))


def _span(start: dt.date | None, end: dt.date | None) -> str:
    """``start``/``end`` attributes of an interval (no ``end`` while it is open)."""
    first = f' start="{start.isoformat()}"' if start is not None else ""
    return first + (f' end="{end.isoformat()}"' if end is not None else "")


class _Spans(dict[Interval, str]):
    """``_span`` of each interval, written once: a view's many edges share a few thousand days."""

    def __missing__(self, spell: Interval) -> str:
        text = self[spell] = _span(*spell)
        return text


def _tag(name: str, attrs: dict[str, Any], close: bool = True) -> str:
    inner = "".join(f' {k}="{_esc(str(v))}"' for k, v in attrs.items())
    return f"<{name}{inner}{'/' if close else ''}>"


def write(graph: nx.MultiDiGraph, description: str = "") -> bytes:
    """The view as a GEXF 1.3 document (UTF-8 bytes).

    Written as text, one string per element, rather than through an lxml tree: a view of a
    million-triple store has hundreds of thousands of elements, and building the tree took
    most of the export's time and memory.
    """
    about = clean(description or f"{graph.graph.get('view')} view")
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>',
                      f'<gexf xmlns="{GEXF}" xmlns:viz="{VIZ}" version="1.3">',
                      f'  <meta lastmodifieddate="{dt.date.today().isoformat()}">',
                      f"    <creator>diplograph {escape(__version__)}</creator>",
                      f"    <description>{escape(about)}</description>",
                      "  </meta>"]  # fmt: skip
    node_data = graph.nodes(data=True)
    edges = list(graph.edges(keys=True, data=True))
    directed = any(d.get("directed", True) for *_, d in edges)
    out.append("  " + _tag("graph", {
        "defaultedgetype": "directed" if directed or not edges else "undirected",
        "mode": "dynamic", "timeformat": "date", "timerepresentation": "interval",
    }, close=False))  # fmt: skip
    dynamic = columns(
        [
            {name: value}
            for _, d in node_data
            for name, spans in d.get(DYNAMIC, {}).items()
            for value, *_ in spans
        ],
        frozenset(),
    )
    static = {k: t for k, t in columns((d for _, d in node_data), NODE_STRUCTURE).items()
              if k not in dynamic}  # fmt: skip
    edge_cols = columns((d for *_, d in edges), EDGE_STRUCTURE)
    _declare(out, "node", "static", static)
    if dynamic:
        _declare(out, "node", "dynamic", dynamic)
    _declare(out, "edge", "static", edge_cols)
    spans = _Spans()
    ids = _nodes(out, graph, static, dynamic, _degrees(edges), spans)
    _edges(out, edges, ids, edge_cols, spans)
    out += ["  </graph>", "</gexf>", ""]
    return "\n".join(out).encode("utf-8")


def _declare(out: list[str], cls: str, mode: str, cols: dict[str, str]) -> None:
    if not cols:
        out.append("    " + _tag("attributes", {"class": cls, "mode": mode}))
        return
    out.append("    " + _tag("attributes", {"class": cls, "mode": mode}, close=False))
    for name, kind in cols.items():
        out.append("      " + _tag("attribute", {"id": clean(name), "title": clean(name),
                                                  "type": _TYPES.get(kind, kind)}))
    out.append("    </attributes>")


def _heads(cols: dict[str, str]) -> dict[str, str]:
    """The opening of an ``attvalue`` per column, written once rather than per value."""
    return {name: f'<attvalue for="{_esc(name)}" value="' for name in cols}


def _degrees(edges: list) -> Counter:
    """Each node's degree (a loop counts twice, as networkx counts it), from the edge list in
    one pass: asking the graph node by node cost more than writing the node."""
    degrees = Counter(map(itemgetter(0), edges))
    degrees.update(map(itemgetter(1), edges))
    return degrees


def _nodes(
    out: list[str],
    graph: nx.MultiDiGraph,
    static: dict[str, str],
    dynamic: dict[str, str],
    degrees: Counter,
    spans: _Spans,
) -> dict[Any, str]:
    """Write the nodes; their ids as written, by node, for the edges."""
    out.append(f'    <nodes count="{graph.number_of_nodes()}">')
    ids: dict[Any, str] = {}
    heads, dynamic_heads = _heads(static), _heads(dynamic)
    sizes: dict[int, float] = {}
    for node, data in graph.nodes(data=True):
        ids[node] = node_id = _esc(str(node))
        spells: list[Interval] = data.get(SPELLS) or []
        line = f'      <node id="{node_id}" label="{_label(data.get("label", node))}"'
        if len(spells) == 1:
            line += spans[spells[0]]
        values = [head + _value(value) + '"/>' for name, head in heads.items()
                  if (value := data.get(name)) is not None]  # fmt: skip
        for name, timed in data.get(DYNAMIC, {}).items():
            if name in dynamic_heads:
                head = dynamic_heads[name]
                values += [f'{head}{_value(value)}"{spans[(start, end)]}/>'
                           for value, start, end in timed]  # fmt: skip
        parts = [line + ">"]
        if values:
            parts.append("        <attvalues>" + "".join(values) + "</attvalues>")
        if len(spells) > 1:
            parts.append(_spells(spells, spans))
        r, g, b = style.colour(data)
        degree = degrees[node]
        size = sizes.get(degree)
        if size is None:
            size = sizes[degree] = style.size(degree)
        parts.append(f'        <viz:color r="{r}" g="{g}" b="{b}"/><viz:size value="{size}"/>')
        parts.append("      </node>")
        out.append("\n".join(parts))
    out.append("    </nodes>")
    return ids


def _edges(
    out: list[str], edges: list, ids: dict[Any, str], cols: dict[str, str], spans: _Spans
) -> None:
    out.append(f'    <edges count="{len(edges)}">')
    heads = _heads(cols)
    fixed: dict[tuple[Any, Any, bool], tuple[str, str]] = {}
    for i, (u, v, kind, data) in enumerate(edges):
        label, directed = data.get("label", kind), bool(data.get("directed", True))
        around = fixed.get((label, kind, directed))
        if around is None:  # a few kinds and labels, written once each
            around = fixed[(label, kind, directed)] = (
                f'" type="{"directed" if directed else "undirected"}" label="{_label(label)}"'
                ' weight="',
                f'" kind="{_label(kind)}"',
            )
        weight = data.get("weight", 1)
        spells: list[Interval] = data.get(SPELLS) or []
        line = (f'      <edge id="e{i}" source="{ids[u]}" target="{ids[v]}{around[0]}'
                f'{weight if type(weight) is int else _esc(str(weight))}{around[1]}'
                f'{spans[spells[0]] if len(spells) == 1 else ""}')  # fmt: skip
        values = [head + _value(value) + '"/>' for name, head in heads.items()
                  if (value := data.get(name)) is not None] if heads else None  # fmt: skip
        if not values and len(spells) < 2:
            out.append(line + "/>")
            continue
        parts = [line + ">"]
        if values:
            parts.append("        <attvalues>" + "".join(values) + "</attvalues>")
        if len(spells) > 1:
            parts.append(_spells(spells, spans))
        parts.append("      </edge>")
        out.append("\n".join(parts))
    out.append("    </edges>")


def _label(value: Any) -> str:
    return _esc(one_line(str(value)))


def _spells(spells: list[Interval], spans: _Spans) -> str:
    """Several intervals as a ``spells`` element: what the timeline reads (one interval is
    written as the element's own ``start``/``end``)."""
    inner = "".join([f"<spell{spans[spell]}/>" for spell in spells])
    return f"        <spells>{inner}</spells>"
