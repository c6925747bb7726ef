"""A zip of ``nodes.csv`` and ``edges.csv`` in the columns of Gephi's spreadsheet import.

``nodes.csv``: Id, Label, Timeset, then the attributes; ``edges.csv``: Source, Target, Type
(Directed or Undirected), Kind, Weight, Label, Timeset, then the attributes. Timeset is
Gephi's interval set, ``<[2023-06-19, 2023-06-19]>``. Both files are UTF-8 with a header row.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from graph.export.common import EDGE_STRUCTURE, NODE_STRUCTURE, clean, columns, text, timeset
from graph.views.builders import SPELLS

MEDIA_TYPE = "application/zip"
NODE_HEAD = ("Id", "Label", "Timeset")
EDGE_HEAD = ("Source", "Target", "Type", "Kind", "Weight", "Label", "Timeset")


def _table(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    writer.writerows([["" if v is None else text(v) for v in row] for row in rows])
    return out.getvalue().encode("utf-8")


def nodes_csv(graph: nx.MultiDiGraph) -> bytes:
    cols = list(columns((d for _, d in graph.nodes(data=True)), NODE_STRUCTURE))
    rows = (
        [clean(str(n)), d.get("label"), timeset(d.get(SPELLS) or []), *(d.get(c) for c in cols)]
        for n, d in graph.nodes(data=True)
    )
    return _table([*NODE_HEAD, *cols], rows)


def edges_csv(graph: nx.MultiDiGraph) -> bytes:
    edges = list(graph.edges(keys=True, data=True))
    cols = list(columns((d for *_, d in edges), EDGE_STRUCTURE))
    rows = (
        [
            clean(str(u)),
            clean(str(v)),
            "Directed" if d.get("directed", True) else "Undirected",
            k,
            d.get("weight", 1),
            d.get("label", k),
            timeset(d.get(SPELLS) or []),
            *(d.get(c) for c in cols),
        ]
        for u, v, k, d in edges
    )
    return _table([*EDGE_HEAD, *cols], rows)


def write(graph: nx.MultiDiGraph, description: str = "") -> bytes:
    """The zip (bytes) holding both tables and, when given, a README line describing them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", nodes_csv(graph))
        archive.writestr("edges.csv", edges_csv(graph))
        if description:
            archive.writestr("README.txt", clean(description) + "\n")
    return buffer.getvalue()
