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
from graph.projections import DYNAMIC, SPELLS, Interval

GEXF = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
MEDIA_TYPE = "application/gexf+xml"
#: Our column types as GEXF attribute types (the schema has no date type).
_TYPES = {"date": "string"}


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                          "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _q(value: Any) -> str:
    """An attribute value, quoted and escaped (newlines too, so they survive normalisation)."""
    return '"' + str(value).translate(_ESCAPES) + '"'


def _tag(name: str, attrs: dict[str, Any], close: bool = True) -> str:
    inner = "".join(f" {k}={_q(v)}" for k, v in attrs.items())
    return f"<{name}{inner}{'/' if close else ''}>"


def write(graph: nx.MultiDiGraph, description: str = "") -> bytes:
    """The view as a GEXF 1.3 document (UTF-8 bytes).

    Written as text, element by element, rather than through an lxml tree: a view of a
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
    directed = any(d.get("directed", True) for *_, d in graph.edges(keys=True, data=True))
    out.append("  " + _tag("graph", {
        "defaultedgetype": "directed" if directed or not graph.number_of_edges() else "undirected",
        "mode": "dynamic", "timeformat": "date", "timerepresentation": "interval",
    }, close=False))  # fmt: skip
    node_data = [d for _, d in graph.nodes(data=True)]
    dynamic = columns(
        [{name: value} for d in node_data for name, spans in d.get(DYNAMIC, {}).items()
         for value, *_ in spans],
        frozenset(),
    )
    static = {k: t for k, t in columns(node_data, NODE_STRUCTURE).items() if k not in dynamic}
    edge_cols = columns((d for *_, d in graph.edges(keys=True, data=True)), EDGE_STRUCTURE)
    _declare(out, "node", "static", static)
    if dynamic:
        _declare(out, "node", "dynamic", dynamic)
    _declare(out, "edge", "static", edge_cols)
    _nodes(out, graph, static, dynamic)
    _edges(out, graph, edge_cols)
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


def _nodes(out: list[str], graph: nx.MultiDiGraph, static: dict, dynamic: dict) -> None:
    out.append(f'    <nodes count="{graph.number_of_nodes()}">')
    for node, data in graph.nodes(data=True):
        attrs = {"id": clean(str(node)), "label": one_line(str(data.get("label", node)))}
        spells = _time(attrs, data)
        out.append("      " + _tag("node", attrs, close=False))
        values = [_tag("attvalue", {"for": clean(name), "value": text(data[name])})
                  for name in static if data.get(name) is not None]  # fmt: skip
        for name, timed in data.get(DYNAMIC, {}).items():
            if name in dynamic:
                values += [_tag("attvalue", {"for": clean(name), "value": text(value),
                                             **_bounds(start, end)})
                           for value, start, end in timed]  # fmt: skip
        if values:
            out.append("        <attvalues>" + "".join(values) + "</attvalues>")
        out += spells
        r, g, b = style.colour(data)
        out.append(f'        <viz:color r="{r}" g="{g}" b="{b}"/>'
                   f'<viz:size value="{style.size(graph.degree(node))}"/>')
        out.append("      </node>")
    out.append("    </nodes>")


def _edges(out: list[str], graph: nx.MultiDiGraph, cols: dict[str, str]) -> None:
    out.append(f'    <edges count="{graph.number_of_edges()}">')
    for i, (u, v, kind, data) in enumerate(graph.edges(keys=True, data=True)):
        attrs = {
            "id": f"e{i}",
            "source": clean(str(u)),
            "target": clean(str(v)),
            "type": "directed" if data.get("directed", True) else "undirected",
            "label": one_line(str(data.get("label", kind))),
            "weight": data.get("weight", 1),
            "kind": one_line(str(kind)),
        }
        spells = _time(attrs, data)
        values = [_tag("attvalue", {"for": clean(name), "value": text(data[name])})
                  for name in cols if data.get(name) is not None]  # fmt: skip
        if not values and not spells:
            out.append("      " + _tag("edge", attrs))
            continue
        out.append("      " + _tag("edge", attrs, close=False))
        if values:
            out.append("        <attvalues>" + "".join(values) + "</attvalues>")
        out += spells
        out.append("      </edge>")
    out.append("    </edges>")


def _time(attrs: dict[str, Any], data: dict[str, Any]) -> list[str]:
    """One interval as start/end attributes, several as spells: what the timeline reads."""
    spells: list[Interval] = data.get(SPELLS) or []
    if len(spells) == 1:
        attrs.update(_bounds(*spells[0]))
        return []
    if not spells:
        return []
    inner = "".join(_tag("spell", _bounds(start, end)) for start, end in spells)
    return [f"        <spells>{inner}</spells>"]


def _bounds(start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    return {k: v.isoformat() for k, v in (("start", start), ("end", end)) if v is not None}
