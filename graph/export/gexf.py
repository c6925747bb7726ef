"""GEXF 1.3 for Gephi, written with lxml from a view (networkx's writer gets 1.3 wrong).

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

import networkx as nx
from lxml import etree

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


def _el(parent: etree._Element, tag: str, ns: str = GEXF, **attrs: Any) -> etree._Element:
    return etree.SubElement(parent, f"{{{ns}}}{tag}", {k: str(v) for k, v in attrs.items()})


def write(graph: nx.MultiDiGraph, description: str = "") -> bytes:
    """The view as a GEXF 1.3 document (UTF-8 bytes)."""
    root = etree.Element(f"{{{GEXF}}}gexf", nsmap={None: GEXF, "viz": VIZ}, version="1.3")
    meta = _el(root, "meta", lastmodifieddate=dt.date.today().isoformat())
    _el(meta, "creator").text = f"diplograph {__version__}"
    _el(meta, "description").text = clean(description or f"{graph.graph.get('view')} view")
    directed = any(d.get("directed", True) for *_, d in graph.edges(keys=True, data=True))
    body = _el(
        root,
        "graph",
        defaultedgetype="directed" if directed or not graph.number_of_edges() else "undirected",
        mode="dynamic",
        timeformat="date",
        timerepresentation="interval",
    )
    node_data = [d for _, d in graph.nodes(data=True)]
    dynamic = columns(
        [{name: value} for d in node_data for name, spans in d.get(DYNAMIC, {}).items()
         for value, *_ in spans],
        frozenset(),
    )
    static = {k: t for k, t in columns(node_data, NODE_STRUCTURE).items() if k not in dynamic}
    edge_cols = columns((d for *_, d in graph.edges(keys=True, data=True)), EDGE_STRUCTURE)
    _declare(body, "node", "static", static)
    if dynamic:
        _declare(body, "node", "dynamic", dynamic)
    _declare(body, "edge", "static", edge_cols)
    _nodes(body, graph, static, dynamic)
    _edges(body, graph, edge_cols)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _declare(body: etree._Element, cls: str, mode: str, cols: dict[str, str]) -> None:
    block = _el(body, "attributes", **{"class": cls, "mode": mode})
    for name, kind in cols.items():
        _el(block, "attribute", id=clean(name), title=clean(name), type=_TYPES.get(kind, kind))


def _nodes(body: etree._Element, graph: nx.MultiDiGraph, static: dict, dynamic: dict) -> None:
    nodes = _el(body, "nodes", count=graph.number_of_nodes())
    for node, data in graph.nodes(data=True):
        el = _el(nodes, "node", id=clean(str(node)), label=one_line(str(data.get("label", node))))
        _time(el, data)
        values = _el(el, "attvalues")
        for name in static:
            if data.get(name) is not None:
                _el(values, "attvalue", **{"for": clean(name), "value": text(data[name])})
        for name, spans in data.get(DYNAMIC, {}).items():
            if name in dynamic:
                for value, start, end in spans:
                    _el(values, "attvalue", **{"for": clean(name), "value": text(value)},
                        **_bounds(start, end))
        _drop_if_empty(values)
        r, g, b = style.colour(data)
        _el(el, "color", VIZ, r=r, g=g, b=b)
        _el(el, "size", VIZ, value=style.size(graph.degree(node)))


def _edges(body: etree._Element, graph: nx.MultiDiGraph, cols: dict[str, str]) -> None:
    edges = _el(body, "edges", count=graph.number_of_edges())
    for i, (u, v, kind, data) in enumerate(graph.edges(keys=True, data=True)):
        el = _el(
            edges,
            "edge",
            id=f"e{i}",
            source=clean(str(u)),
            target=clean(str(v)),
            type="directed" if data.get("directed", True) else "undirected",
            label=one_line(str(data.get("label", kind))),
            weight=data.get("weight", 1),
            kind=one_line(str(kind)),
        )
        _time(el, data)
        values = _el(el, "attvalues")
        for name in cols:
            if data.get(name) is not None:
                _el(values, "attvalue", **{"for": clean(name), "value": text(data[name])})
        _drop_if_empty(values)


def _drop_if_empty(el: etree._Element) -> None:
    if not len(el):
        el.getparent().remove(el)


def _time(el: etree._Element, data: dict[str, Any]) -> None:
    """One interval as start/end attributes, several as spells: what the timeline reads."""
    spells: list[Interval] = data.get(SPELLS) or []
    if len(spells) == 1:
        el.attrib.update(_bounds(*spells[0]))
    elif spells:
        block = _el(el, "spells")
        for start, end in spells:
            _el(block, "spell", **_bounds(start, end))


def _bounds(start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    return {k: v.isoformat() for k, v in (("start", start), ("end", end)) if v is not None}
