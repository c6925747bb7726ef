"""Sentences and tokens of a document, with offsets that index the text exactly as stored.

The analysis runs on a *normalised view* of the text in which every character is replaced by
at most one character (curly quotes by straight ones, no-break and thin spaces by a space), so
every offset computed on the view is an offset into the original: nothing is ever rewritten.
spaCy's blank English pipeline (tokenizer and sentencizer) needs no model download.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

#: One-for-one replacements, so lengths (and offsets) never change.
_NORMALISE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\uff0c": ",",
        "\uff1b": ";",
        "\uff1a": ":",
    }
)

_SENTENCE_END = re.compile(r"""[.!?:;"')\]]\s*$""")
_HANGUL_OR_HAN = re.compile(r"[\uac00-\ud7a3\u3130-\u318f\u4e00-\u9fff]")


def normalise(text: str) -> str:
    """The analysis view of ``text``: same length, same offsets, simpler punctuation."""
    view = text.translate(_NORMALISE)
    assert len(view) == len(text)
    return view


@cache
def nlp() -> Language:
    """The blank English pipeline with a rule-based sentencizer (built once per process)."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


@dataclass
class Paragraph:
    """A block of text between line breaks that end a unit (see ``paragraph_spans``)."""

    start: int
    end: int
    doc: Doc
    #: Set for paragraphs mostly in Hangul or Han characters, analysed by character rules.
    cjk: bool = False
    #: Set for paragraphs the Chinese reader reads (``graph.extract.zh.mark``).
    zh: bool = False
    sentences: list[Span] = field(default_factory=list)
    #: Per token, read once from spaCy's arrays (rules look at them a lot, and a Token object
    #: per look is slow): lower-case text ("" for whitespace), text, and start offset.
    lows: list[str] = field(default_factory=list)
    text: str = ""
    words: list[str] = field(default_factory=list)
    idxs: list[int] = field(default_factory=list)

    def offset(self, char: int) -> int:
        """An offset into the paragraph as an offset into the document."""
        return self.start + char


def paragraph_spans(view: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph.

    A line break ends a paragraph when the line is a heading or ends like a sentence, or the
    next line starts with a capital or a bullet; a break inside a sentence ("talk\\nconcerning")
    is joined, as wire copy often wraps lines.
    """
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", view)]
    current: tuple[int, int] | None = None
    for i, (start, end) in enumerate(lines):
        text = view[start:end]
        if not text.strip():
            continue
        current = (start, end) if current is None else (current[0], end)
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following is None or _ends_paragraph(view, text, following):
            yield _strip(view, *current)
            current = None
    if current is not None:
        yield _strip(view, *current)


def _ends_paragraph(view: str, line: str, following: tuple[int, int]) -> bool:
    if _SENTENCE_END.search(line) or len(line.strip()) < 60:
        return True
    gap = view[following[0] - 2 : following[0]]
    if gap.count("\n") > 1:
        return True
    nxt = view[following[0] : following[1]].lstrip()
    return not nxt[:1].islower()


def _strip(view: str, start: int, end: int) -> tuple[int, int]:
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    return start, end


def is_cjk(text: str) -> bool:
    """True when a fifth or more of the letters are Hangul or Han (the Korean summary...)."""
    if not _HANGUL_OR_HAN.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if _HANGUL_OR_HAN.match(c)) * 5 >= len(letters)


def paragraphs(view: str) -> list[Paragraph]:
    """Tokenised, sentence-split paragraphs of the normalised view (one spaCy pass)."""
    spans = list(paragraph_spans(view))
    docs = nlp().pipe(view[s:e] for s, e in spans)
    out = []
    for (start, end), doc in zip(spans, docs, strict=True):
        text = view[start:end]  # the same as doc.text, which spaCy rebuilds token by token
        para = Paragraph(start, end, doc, cjk=is_cjk(text), text=text)
        _columns(para, text)
        out.append(para)
    return out


#: Titles written with a full stop ("MR. MILLER:", "Amb. Burns"): no sentence ends after them.
_HONORIFICS = frozenset(
    {"mr", "ms", "mrs", "dr", "amb", "gen", "adm", "sen", "rep", "gov", "lt", "col", "prof"}
)


def _after_honorific(lows: list[str], i: int) -> bool:
    """Does token ``i`` follow an honorific's full stop ("MR." as one token or "MR" ".")?"""
    prev = lows[i - 1] if i >= 1 else ""
    if prev.endswith(".") and prev[:-1] in _HONORIFICS:
        return True
    return prev == "." and i >= 2 and lows[i - 2] in _HONORIFICS


def _columns(para: Paragraph, text: str) -> None:
    doc = para.doc
    table = doc.to_array([IDX, LENGTH, SENT_START]).tolist()
    para.idxs = [row[0] for row in table]
    para.words = [text[row[0] : row[0] + row[1]] for row in table]
    para.lows = ["" if w.isspace() else w.lower() for w in para.words]
    starts = [
        i
        for i, row in enumerate(table)
        if i == 0 or (row[2] == 1 and not _after_honorific(para.lows, i))
    ]
    bounds = [*starts, len(doc)]
    para.sentences = [doc[a:b] for a, b in pairwise(bounds) if b > a]
