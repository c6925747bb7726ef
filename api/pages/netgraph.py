"""The graph page's interactive drawing: a view's nodes and edges as Cytoscape.js elements.

The elements are embedded in the page as JSON (``|tojson``, so a label holding ``</script>``
cannot end the script element) and drawn in the browser by ``api/static/pages/graph.js`` with
Cytoscape.js, installed from npm through ``package-lock.json`` and served from node_modules
(``VENDOR_JS``). Colours and shapes are decided here, once, so the legend and the drawing agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from api.pages import vendor
from graph.views import traverse

#: The library file the page loads, served at ``/static/vendor/cytoscape.min.js``.
VENDOR_JS = vendor.FILES["cytoscape.min.js"].path
#: Most nodes drawn at once: beyond a few hundred a picture is a hairball and layout slows.
MAX_NODES = 300
#: What the drawing covers: the chosen node's neighbourhood, or the whole (filtered) view.
Scope = Literal["node", "view"]

#: Fill by kind; claims take the colour of their type instead (``CLAIM_COLOURS``).
KIND_COLOURS = {
    "actor": "#1f5fa8",
    "meeting": "#b35900",
    "topic": "#5f6b00",
    "claim": "#666666",
}
CLAIM_COLOURS = {
    "demand": "#8a1c7c",
    "red line": "#b3261e",
    "commitment": "#1b7f6b",
    "consensus": "#3949ab",
}
#: The ledger view's status events, by what they say (kept green, breached red).
STATUS_COLOURS = {
    "reaffirmed": "#2e6b1f",
    "implemented": "#1b5e20",
    "accused_of_breach": "#b3261e",
    "disputed": "#a04000",
    "withdrawn": "#555555",
    "superseded": "#1a4f8b",
    "moot": "#6b6b6b",
}
#: The ledger view's other kinds; drawn in that view only, so listed in its legend only.
LEDGER_COLOURS = {"bundle": "#7a5c00", "measure": "#6d3b2e"}
#: Shape by kind, and for states (actors of type "state") a shape of their own.
SHAPES = {"actor": "ellipse", "state": "hexagon", "meeting": "diamond", "topic": "triangle",
          "claim": "round-rectangle", "event": "star", "bundle": "rectangle",
          "measure": "rectangle"}


@dataclass(frozen=True)
class Drawing:
    elements: dict[str, list[dict[str, Any]]]
    #: Nodes in the scope before the cap, and whether the cap cut some.
    total: int
    capped: bool


def drawing(graph: nx.MultiDiGraph, center: str | None, scope: Scope, depth: int) -> Drawing:
    """The elements of ``scope``: the best-connected MAX_NODES nodes, the centre always kept."""
    if scope == "node" and center is not None:
        found = traverse.neighborhood(graph, center, depth)
    else:
        found = set(graph)
    undirected = graph.to_undirected(as_view=True)
    ranked = sorted(found, key=lambda n: (n != center, -undirected.degree(n), n))
    kept = set(ranked[:MAX_NODES])
    nodes = [_node(graph, n, n == center) for n in sorted(kept)]
    edges = [
        {"data": {"id": f"e{i}", "source": u, "target": v, "kind": key}}
        for i, (u, v, key, _) in enumerate(traverse.edge_list(graph, kept))
    ]
    return Drawing({"nodes": nodes, "edges": edges}, len(found), len(found) > len(kept))


def _node(graph: nx.MultiDiGraph, node: str, is_center: bool) -> dict[str, Any]:
    data = graph.nodes[node]
    kind = str(data.get("kind", ""))
    kind_type = str(data.get("claim_type") or data.get("type") or "")
    colour = (CLAIM_COLOURS.get(kind_type, "#666666") if kind == "claim"
              else STATUS_COLOURS.get(kind_type, "#444444") if kind == "event"
              else LEDGER_COLOURS.get(kind))  # fmt: skip
    shape = SHAPES.get("state" if kind_type == "state" else kind, "ellipse")
    return {
        "data": {
            "id": node,
            "label": str(data.get("label") or node)[:60],
            "kind": kind,
            "type": kind_type,
            "colour": colour or KIND_COLOURS.get(kind, "#444444"),
            "shape": shape,
            "href": f"/id/{node}" if "/" in node and "://" not in node else "",
            "center": is_center,
        },
        "classes": "center" if is_center else "",
    }


def legend(view: str = "") -> list[tuple[str, str, str]]:
    """(name, colour, shape) of every colour and shape the drawing of ``view`` uses."""
    kinds = [(k, c, SHAPES[k]) for k, c in KIND_COLOURS.items() if k != "claim"]
    states = [("state", KIND_COLOURS["actor"], SHAPES["state"])]
    claims = [(f"{t} (claim)", c, SHAPES["claim"]) for t, c in CLAIM_COLOURS.items()]
    if view != "ledger":
        return kinds + states + claims
    ledger = [(k, c, SHAPES[k]) for k, c in LEDGER_COLOURS.items()]
    events = [(f"{k.replace('_', ' ')} (event)", c, SHAPES["event"])
              for k, c in STATUS_COLOURS.items()]  # fmt: skip
    return kinds + states + claims + ledger + events


def vendor_installed() -> bool:
    """Whether ``npm ci`` has put the library where the page loads it from."""
    return VENDOR_JS.is_file()
