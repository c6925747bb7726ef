"""Sentences, clauses and list items of Chinese text, from its punctuation.

Sentences end at 。！？ (with any closing quotes); inside a sentence, clauses are the pieces
between commas, semicolons and colons (full-width or not: the analysis view has them as ASCII),
never cut inside quotation marks, book-title marks or brackets. An enumerator ("一是", "第二",
"（三）", "首先") starts an item of its own; an enumeration comma (、) cuts only between actions
("停止A、取消B"), not between the objects of one ("对官员和机构的制裁").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.zh import lexicon as zx

_SENTENCE_END = "。！？!?"
_CLOSERS = "\"”」』）)"
_OPEN = {"「": "」", "『": "』", "《": "》", "（": "）", "(": ")", "【": "】"}
_SEPARATORS = {",": ",", ";": ";", ":": ":", "，": ",", "；": ";", "：": ":", "、": "、"}


@dataclass
class Segment:
    """Characters ``[start, end)`` of a paragraph's text, and the separator before them."""

    start: int
    end: int
    sep: str  # "", ",", ";", ":", "、" or "enum" (an enumerator starts it)
    #: Where the words start after an enumerator ("一是"), if one starts the segment.
    body: int = -1

    def __post_init__(self) -> None:
        if self.body < 0:
            self.body = self.start


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a paragraph's text."""
    out = []
    start = 0
    k = 0
    n = len(text)
    while k < n:
        if text[k] in _SENTENCE_END:
            end = k + 1
            while end < n and text[end] in _SENTENCE_END + _CLOSERS:
                end += 1
            out.append((start, end))
            start = k = end
            continue
        k += 1
    if text[start:].strip():
        out.append((start, n))
    return [(s + _lead(text, s, e), e) for s, e in out if text[s:e].strip()]


def _lead(text: str, s: int, e: int) -> int:
    k = s
    while k < e and text[k].isspace():
        k += 1
    return k - s


def segments(text: str, start: int, end: int) -> list[Segment]:
    """The clauses of ``text[start:end]``, split at top-level separators and enumerators."""
    out: list[Segment] = []
    closing: list[str] = []
    quote = False
    seg_start, sep = start, ""
    k = start
    while k < end:
        c = text[k]
        if c in "\"“”":
            quote = not quote if c == '"' else c == "“"
        elif c in _OPEN:
            closing.append(_OPEN[c])
        elif closing and c == closing[-1]:
            closing.pop()
        elif not quote and not closing and c in _SEPARATORS:
            kind = _SEPARATORS[c]
            if kind != "、" or _action_follows(text, k + 1, end):
                if k > seg_start:
                    out.append(Segment(seg_start, k, sep))
                seg_start, sep = k + 1, kind
        elif not quote and not closing and k > seg_start and _enumerator_at(text, k, seg_start):
            out.append(Segment(seg_start, k, sep))
            seg_start, sep = k, "enum"
        k += 1
    if seg_start < end:
        out.append(Segment(seg_start, end, sep))
    kept: list[Segment] = []
    enumerated = False
    for seg in out:
        m = zx.ENUMERATION.match(text, seg.start, seg.end)
        if m and _is_enumerator(text, seg.start, m.end()):
            seg.sep = "enum"
            seg.body = m.end()
        elif enumerated:
            seg.sep = "enum"  # "第一，…": the enumerator was a clause of its own
        while seg.body < seg.end and text[seg.body] in " \u3000,，:：":
            seg.body += 1
        while seg.end > seg.body and text[seg.end - 1] in " 。！？!?;；,，:：、":
            seg.end -= 1
        if text[seg.end - 1 : seg.end] in {'"', "”", "」"} and _odd_quotes(text, seg.body, seg.end):
            seg.end -= 1  # a quotation closing after the clause
            while seg.end > seg.body and text[seg.end - 1] in " 。！？!?;；,，:：、":
                seg.end -= 1
        enumerated = seg.sep == "enum" and seg.end <= seg.body
        if seg.end > seg.body:
            kept.append(seg)
    return kept


def _odd_quotes(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` close a quotation it did not open?"""
    straight = text.count('"', start, end)
    return straight % 2 == 1 or text.count("”", start, end) > text.count("“", start, end)


def _enumerator_at(text: str, k: int, seg_start: int) -> bool:
    """An enumerator in the middle of a clause ("…；二是…" is cut at the semicolon already;
    this is "一是A，二是B" with a comma, and "一要…二要…" with none)."""
    m = zx.ENUMERATION.match(text, k)
    if not m or text[k] not in "一二三四五六七八九十第（(":
        return False
    if text[k] == "第" and text[m.end() - 1] not in "，,、是:：":
        return False  # "第一条红线": an ordinal, not an item
    return _is_enumerator(text, k, m.end())


def _is_enumerator(text: str, start: int, end: int) -> bool:
    """Not "一是" inside "统一是", "第一" inside "第一次", "一、" inside a date."""
    word = text[start:end]
    numeral = word[0] in "一二三四五六七八九十"
    if start > 0 and text[start - 1] in "统唯单同专逐万之第十" and numeral:
        return False
    if word.startswith("第") and end < len(text) and text[end] in "次届轮个位批":
        return False
    if word[0] in "一二三四五六七八九十" and word.endswith("、") and start > 0:
        return text[start - 1] in "\n;；:：。 "
    return not (word[0].isdigit() and start > 0 and text[start - 1].isdigit())


def _action_follows(text: str, k: int, end: int) -> bool:
    """Does an action start at ``k``, after an enumeration comma? Not in a run of four-character
    set phrases ("相互尊重、和平共处、合作共赢"), unless it starts with a strong action verb."""
    if text[k : k + 2] in zx.STRONG_VERBS:
        return True
    run = text[k - 5 : k - 1]
    if k >= 6 and text[k - 6] == "、" and all("\u4e00" <= c <= "\u9fff" for c in run):
        return False  # "相互尊重、和平共处、合作共赢看待…": the run goes on to its last phrase
    stop = k
    while stop < end and text[stop] not in "、,，;；:：。":
        stop += 1
    return stop - k > 4 and verb_at(text, k, end)


def verb_at(text: str, k: int, end: int) -> bool:
    """Does the clause at ``k`` start with an action verb (after 并, 同时, 共同 …)?"""
    m = zx.LEADERS.match(text, k, end)
    j = m.end() if m else k
    if text[k : k + 1] in {"并", "再"} or text[k : k + 2] in {"同时", "以及", "进而"}:
        return True  # "…，并释放…": a new predicate of the same subject
    if text[j : j + 2] in zx.VERBS:
        return text[j + 2 : j + 3] != "的"  # "克制的方式": an attribute, not an action
    if text[j : j + 1] == "将" and zx.AS_OBJECT.match(text, j + 1, end):
        return True  # "将…落到实处": 将 as 把
    return text[j : j + 3] in zx.VERBS or text[j : j + 1] == "把"


def head(text: str, k: int, end: int) -> int:
    """Where the words of a clause start after its leading conjunctions and adverbs."""
    m = re.compile(
        r"(?:但是|但|而且|而|并且|并|同时|此外|另外|因此|所以|对此|为此|否则|不然|也|还)"
    ).match(text, k, end)
    return m.end() if m else k
