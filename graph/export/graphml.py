"""GraphML with typed keys, written with lxml from a view.

Keys carry their real types (boolean, int, long, double, string; GraphML has no date type, so
dates are ISO strings). ``label`` and ``weight`` are the only keys Gephi takes for visual
properties that we write, and they mean exactly that; ``x``, ``y``, ``size`` or ``color`` are
never used as data keys. Undirected edges in a mixed view say so with ``directed="false"``.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from lxml import etree

from graph.export.common import clean, columns, text, timeset
from graph.views.builders import DYNAMIC, SPELLS

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
MEDIA_TYPE = "application/graphml+xml"
#: Names Gephi's GraphML import takes as positions, sizes or colours.
VISUAL_KEYS = frozenset({"x", "y", "z", "size", "color", "r", "g", "b"})
_TYPES = {"boolean": "boolean", "integer": "int", "long": "long", "double": "double"}
_NODE_SKIP = frozenset({SPELLS, DYNAMIC})
_EDGE_SKIP = frozenset({SPELLS, "directed"})


def _el(parent: etree._Element, tag: str, **attrs: Any) -> etree._Element:
    return etree.SubElement(parent, f"{{{GRAPHML}}}{tag}", {k: str(v) for k, v in attrs.items()})


def _with_timeset(data: dict[str, Any]) -> dict[str, Any]:
    """The attributes to write: the timeline as a ``timeset`` string, visual names avoided."""
    out = {(f"attr_{k}" if k in VISUAL_KEYS else k): v for k, v in data.items()}
    if data.get(SPELLS):
        out["timeset"] = timeset(data[SPELLS])
    return out


def write(graph: nx.MultiDiGraph, description: str = "") -> bytes:
    """The view as a GraphML document (UTF-8 bytes)."""
    root = etree.Element(f"{{{GRAPHML}}}graphml", nsmap={None: GRAPHML})  # type: ignore[dict-item]  # None names the default namespace; lxml-stubs omit it
    if description:
        root.append(etree.Comment(clean(description).replace("--", "- -")))
    nodes = [(n, _with_timeset(d)) for n, d in graph.nodes(data=True)]
    edges = [(u, v, k, _with_timeset(d)) for u, v, k, d in graph.edges(keys=True, data=True)]
    node_cols = columns((d for _, d in nodes), _NODE_SKIP)
    edge_cols = columns((d for *_, d in edges), _EDGE_SKIP)
    for cls, cols in (("node", node_cols), ("edge", edge_cols)):
        for name, kind in cols.items():
            _el(root, "key", id=f"{cls[0]}_{clean(name)}", **{
                "for": cls, "attr.name": clean(name), "attr.type": _TYPES.get(kind, "string")})
    directed = any(d.get("directed", True) for *_, d in edges)
    body = _el(root, "graph", id=clean(str(graph.graph.get("view", "view"))),
               edgedefault="directed" if directed else "undirected")
    for node, data in nodes:
        el = _el(body, "node", id=clean(str(node)))
        _data(el, "n", node_cols, data)
    for i, (u, v, _kind, data) in enumerate(edges):
        attrs = {"id": f"e{i}", "source": clean(str(u)), "target": clean(str(v))}
        if directed and not data.get("directed", True):
            attrs["directed"] = "false"
        _data(_el(body, "edge", **attrs), "e", edge_cols, data)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _data(el: etree._Element, prefix: str, cols: dict[str, str], data: dict[str, Any]) -> None:
    for name in cols:
        if data.get(name) is not None:
            _el(el, "data", key=f"{prefix}_{clean(name)}").text = text(data[name])
