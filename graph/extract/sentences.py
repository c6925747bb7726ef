"""A sentence with the linked mentions inside it, the unit the speaker and claim rules read."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from graph.extract.linking import Mention
from graph.extract.text import Paragraph

PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


@dataclass
class Sentence:
    para: Paragraph
    span: Span
    mentions: list[Mention]
    #: token index -> the mention that covers it
    at: dict[int, Mention] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._start, self._end = self.span.start, self.span.end
        for m in self.mentions:
            for i in range(m.tok_start, m.tok_end):
                self.at[i] = m

    @property
    def doc(self) -> Doc:
        return self.para.doc

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def low(self, i: int) -> str:
        """The lower-case text of token ``i`` ("" outside the sentence)."""
        if self._start <= i < self._end:
            return self.para.lows[i]
        return ""

    def char(self, i: int) -> int:
        """Document offset where token ``i`` starts."""
        return self.para.start + self.para.idxs[i]

    def char_end(self, i: int) -> int:
        """Document offset where token ``i`` ends."""
        return self.para.start + self.para.idxs[i] + len(self.para.words[i])

    def mention_ending_at(self, i: int) -> Mention | None:
        """The mention whose last token is ``i``."""
        m = self.at.get(i)
        return m if m is not None and m.tok_end == i + 1 else None

    def mention_starting_at(self, i: int) -> Mention | None:
        m = self.at.get(i)
        return m if m is not None and m.tok_start == i else None


def sentences_of(para: Paragraph, mentions: list[Mention]) -> list[Sentence]:
    """The paragraph's sentences, each with the mentions that lie inside it."""
    out = []
    k = 0
    for span in para.sentences:
        inside = []
        while k < len(mentions) and mentions[k].tok_start < span.end:
            if mentions[k].tok_start >= span.start:
                inside.append(mentions[k])
            k += 1
        out.append(Sentence(para, span, inside))
    return out
