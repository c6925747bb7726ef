"""Topics named in Chinese text, by the scheme's zh labels ("台湾问题", "禁毒合作").

The English tagger matches tokens; Chinese has none, so the labels are found as substrings. A
label that joins two names ("出口管制与科技") is found by either part.
"""

from __future__ import annotations

from graph.extract.kb import KnowledgeBase
from graph.extract.text import Paragraph
from graph.extract.zh import han_share

_TABLES: dict[int, tuple[object, list[tuple[str, str]]]] = {}


def _table(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(name, topic IRI) for every Chinese label and label part, longest first."""
    kept = _TABLES.get(id(kb.topics))
    if kept is not None and kept[0] is kb.topics:
        return kept[1]
    names: dict[tuple[str, str], None] = {}
    for topic, labels in kb.topics.items():
        for label in labels:
            if han_share(label) < 1:
                continue
            for part in {label, *label.split("与")}:
                if len(part) >= 2:
                    names[(part, topic)] = None
    table = sorted(names, key=lambda nt: -len(nt[0]))
    _TABLES[id(kb.topics)] = (kb.topics, table)
    return table


def spans(kb: KnowledgeBase, para: Paragraph, text: str) -> list[tuple[int, int, str]]:
    """(start, end, topic IRI) of every topic name in a Chinese paragraph, document offsets."""
    body = text[para.start : para.end]
    out = []
    for name, topic in _table(kb):
        pos = body.find(name)
        while pos >= 0:
            out.append((para.start + pos, para.start + pos + len(name), topic))
            pos = body.find(name, pos + len(name))
    return out
