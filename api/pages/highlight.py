"""Cutting a document's text into paragraphs and highlighted spans, for <mark> elements.

Offsets are Python string indices (code points), as the evidence records them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any


@dataclass(frozen=True)
class Piece:
    text: str
    span: Any = None  # what the piece highlights: the innermost span covering it, or None
    also: tuple[Any, ...] = ()  # every span covering it, innermost first


def paragraphs(text: str, spans: list[tuple[int, int, Any]]) -> list[list[Piece]]:
    """Each line of ``text`` as pieces. Spans may nest or overlap (a quote inside a longer
    one), and <mark> elements cannot cross, so the text is cut at every span boundary and each
    piece is marked with the innermost span covering it (and lists all of them)."""
    kept = [(a, b, what) for a, b, what in spans if 0 <= a < b <= len(text)]
    cuts = sorted({0, len(text)} | {a for a, _, _ in kept} | {b for _, b, _ in kept}
                  | {i + 1 for i, ch in enumerate(text) if ch == "\n"})
    out: list[list[Piece]] = [[]]
    for lo, hi in pairwise(cuts):
        covering = sorted((b - a, a, i) for i, (a, b, _) in enumerate(kept) if a <= lo and hi <= b)
        chunk = text[lo:hi]
        newline = chunk.endswith("\n")
        chunk = chunk.removesuffix("\n")
        if chunk:
            whats = tuple(kept[i][2] for _, _, i in covering)
            out[-1].append(Piece(chunk, whats[0] if whats else None, whats))
        if newline:
            out.append([])
    return [line or [Piece("")] for line in out]


def paragraph_of(text: str, start: int, end: int) -> list[Piece] | None:
    """The paragraph (line) holding ``start``, with ``[start, end)`` marked; None when the
    offsets do not fit the text."""
    if not 0 <= start < end <= len(text):
        return None
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    hi = len(text) if hi == -1 else hi
    end = min(end, hi)
    return [Piece(text[lo:start]), Piece(text[start:end], True), Piece(text[end:hi])]
