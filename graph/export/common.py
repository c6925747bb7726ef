"""What every export format shares: safe text, column types, and the timeline's notation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from graph.views.builders import DYNAMIC, SPELLS, Interval

#: Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Node attributes every format writes as structure (the label, the timeline), not as columns.
NODE_STRUCTURE = frozenset({"label", "start", "end", SPELLS, DYNAMIC})
#: Edge attributes written as structure: the edge's own label, kind, weight, type and time.
EDGE_STRUCTURE = frozenset({"label", "kind", "weight", "directed", "start", "end", SPELLS})
_INT32 = 2**31
#: The kind of a value by its exact type, for the common types (``int`` is checked for range).
_SIMPLE_KINDS: dict[type, str] = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "double",
    dt.date: "date",
}


def clean(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry removed (a CSV gets the same text).

    Printable text has none of them (control characters, surrogates and non-characters are
    not printable), and ``isprintable`` is many times faster than the pattern on long text."""
    return text if text.isprintable() else _NOT_XML.sub("", text)


def one_line(text: str) -> str:
    """A label on one line with single spaces (GEXF labels are ``xsd:token``)."""
    return " ".join(clean(text).split())


def is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | dt.date)


def _common_kind(kinds: set[str]) -> str:
    if len(kinds) == 1:
        (only,) = kinds
        return only
    if kinds == {"integer", "long"}:
        return "long"
    if kinds <= {"integer", "long", "double"}:
        return "double"
    return "string"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer" if -_INT32 <= value < _INT32 else "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dt.date):
        return "date"
    return "string"


def columns(items: Iterable[Mapping[str, Any]], structure: frozenset[str]) -> dict[str, str]:
    """Attribute name -> type over all nodes (or edges), structural attributes left out.

    Collects the set of kinds per name rather than every value: a view of a million triples
    has over a million values, and typing each one was a large part of an export."""
    seen: dict[str, set[str]] = {}
    simple = _SIMPLE_KINDS
    for data in items:
        if data.keys() <= structure:  # most edges: nothing but structure
            continue
        for name, value in data.items():
            if value is None or name in structure:
                continue
            kind = simple.get(type(value))
            if kind is None:
                if not is_scalar(value):
                    continue
                kind = _kind(value)
            elif kind == "integer" and not -_INT32 <= value < _INT32:
                kind = "long"
            kinds = seen.get(name)
            if kinds is None:
                seen[name] = {kind}
            else:
                kinds.add(kind)
    return {name: _common_kind(kinds) for name, kinds in sorted(seen.items())}


def text(value: Any) -> str:
    """A value as written in a file: ``true``/``false``, ISO dates, shortest float text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return clean(str(value))


def timeset(spells: Iterable[Interval]) -> str:
    """Gephi's interval-set notation, ``<[2023-06-19, 2023-06-19]; [...]>`` (``inf`` while open)."""
    parts = [f"[{start.isoformat()}, {end.isoformat() if end else 'inf'}]" for start, end in spells]
    return f"<{'; '.join(parts)}>" if parts else ""
