"""Checks every GEXF the tests produce goes through: the official GEXF 1.3 RELAX NG schema, and
what a schema cannot see (edge ends are node ids, values match their declared types)."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from lxml import etree

from tests.support.paths import PROJECT_ROOT

GEXF = "{http://gexf.net/1.3}"
SCHEMA_DIR = PROJECT_ROOT / ".." / "shared" / "schemas" / "gexf-1.3"
_PARSERS = {
    "integer": int,
    "long": int,
    "double": float,
    "boolean": lambda v: {"true": True, "false": False}[v],
    "string": str,
}


@cache
def schema() -> etree.RelaxNG | None:
    path = SCHEMA_DIR / "gexf.rng"
    return etree.RelaxNG(etree.parse(str(path))) if path.is_file() else None


def check_gexf(data: bytes) -> etree._Element:
    """The parsed document, after every check; skips (after our own checks) without schemas."""
    root = etree.fromstring(data)
    _check_references(root)
    _check_types(root)
    _check_time(root)
    rng = schema()
    if rng is None:
        pytest.skip(f"GEXF 1.3 schema not found in {SCHEMA_DIR.resolve()} (../shared is absent)")
    assert rng.validate(root.getroottree()), rng.error_log
    return root


def _check_references(root: etree._Element) -> None:
    ids = [n.get("id") for n in root.iter(f"{GEXF}node")]
    assert len(ids) == len(set(ids)), "node ids repeat"
    known = set(ids)
    seen = set()
    for edge in root.iter(f"{GEXF}edge"):
        assert edge.get("source") in known, edge.get("source")
        assert edge.get("target") in known, edge.get("target")
        assert edge.get("type") in ("directed", "undirected"), "every edge must be typed"
        key = (edge.get("source"), edge.get("target"), edge.get("kind"))
        assert key not in seen, f"parallel edges of one kind are not aggregated: {key}"
        seen.add(key)
    assert "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation" not in root.attrib


def _check_types(root: etree._Element) -> None:
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in root.iter(f"{GEXF}attributes"):
        for attr in block.iter(f"{GEXF}attribute"):
            assert attr.get("type") != "anyURI", "Gephi drops anyURI attributes"
            declared[block.get("class")][attr.get("id")] = attr.get("type")
    for cls in ("node", "edge"):
        for element in root.iter(f"{GEXF}{cls}"):
            for value in element.iter(f"{GEXF}attvalue"):
                kind = declared[cls][value.get("for")]
                _PARSERS[kind](value.get("value"))


def _check_time(root: etree._Element) -> None:
    graph = root.find(f"{GEXF}graph")
    assert graph.get("timeformat") == "date"
    for element in root.iter(f"{GEXF}node", f"{GEXF}edge", f"{GEXF}spell", f"{GEXF}attvalue"):
        for name in ("start", "end"):
            if element.get(name) is not None:
                dt.date.fromisoformat(element.get(name))
