"""Chinese readouts (MFA readouts, spokesperson transcripts, Xinhua reports, US readouts in
Chinese translation), read by character rules: no segmenter model, no download.

    mark (which paragraphs are Chinese) -> names (mentions by substring, titles, posts on the
    date, new officials spelled by ``pinyin``) -> reader, per paragraph: frames (who speaks:
    report frames, transcript labels), segment (sentences, clauses and enumerations from the
    punctuation), cues and subjects (``lexicon`` by speech-act class), claims (typing, lists,
    headers) -> topics (the scheme's zh labels)

Offsets are code points into the text as stored, as in English: the analysis runs on the same
normalised view, in which full-width commas, colons and semicolons are ASCII ones and curly
quotes straight ones, one character for one.
"""

from __future__ import annotations

import re

from graph.extract.text import Paragraph

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3130-\u318f]")
#: The languages ``--lang`` accepts; None or "auto" detects per paragraph.
LANGUAGES = ("auto", "en", "zh")


def han_share(text: str) -> float:
    """The share of Han characters among the letters of ``text`` (0 when it has none)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _HAN.match(c)) / len(letters)


def is_chinese(text: str) -> bool:
    """Mostly Chinese: Han characters are at least a fifth of the letters, and no Hangul
    (a Korean summary is read by ``graph.extract.korean``)."""
    return not _HANGUL.search(text) and han_share(text) >= 0.2


def detect(text: str) -> str:
    """ "zh" when the Han characters are at least a third of the letters, else "en"."""
    return "zh" if not _HANGUL.search(text) and han_share(text) >= 1 / 3 else "en"


def mark(paras: list[Paragraph], lang: str | None) -> None:
    """Flag the paragraphs the Chinese reader reads.

    ``lang`` "zh" reads every paragraph with a Han character as Chinese, "en" none (the
    extractor as it was), None or "auto" those that are mostly Chinese.
    """
    if lang == "en":
        return
    for para in paras:
        if lang == "zh":
            chinese = bool(_HAN.search(para.text)) and not _HANGUL.search(para.text)
        else:
            chinese = is_chinese(para.text)
        if chinese:
            para.zh = para.cjk = True
