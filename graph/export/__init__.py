"""Exports of graph views for Gephi and other tools: GEXF 1.3, GraphML and a CSV zip."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from graph._perf import paused_gc
from graph.export import csv, gexf, graphml
from graph.views.registry import Filters


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    media_type: str
    write: Callable[[nx.MultiDiGraph, str], bytes]


FORMATS: dict[str, Format] = {
    "gexf": Format("gexf", "gexf", gexf.MEDIA_TYPE, gexf.write),
    "graphml": Format("graphml", "graphml", graphml.MEDIA_TYPE, graphml.write),
    "csv": Format("csv", "csv.zip", csv.MEDIA_TYPE, csv.write),
}


def describe(view: str, wanted: Filters) -> str:
    return f"diplograph {view} view ({wanted.describe()})"


def export(graph: nx.MultiDiGraph, fmt: str, description: str = "") -> bytes:
    """The view in a format of ``FORMATS`` (bytes, ready to write or send)."""
    with paused_gc():  # see graph._perf: writing a large view makes no cyclic garbage
        return FORMATS[fmt].write(graph, description)


def filename(view: str, fmt: str, wanted: Filters) -> str:
    """A file name that says what the file holds: ``diplograph-actors-2021-01-01--2021-12-31``."""
    parts = ["diplograph", view]
    if wanted.since or wanted.until:
        parts.append(f"{wanted.since or 'start'}--{wanted.until or 'now'}")
    if wanted.topic:
        parts.append(re.sub(r"[^a-z0-9-]+", "-", wanted.topic.rsplit("/", 1)[-1].lower()))
    return f"{'-'.join(parts)}.{FORMATS[fmt].extension}"
