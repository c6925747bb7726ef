"""Topic tagging from the SKOS scheme: a claim is about the topics its words name.

The labels and alternative labels of the scheme's concepts (data/curated/topics.ttl) are the
vocabulary; a claim gets the topics named inside its span, else those named in its sentence,
else the most general topic of the scheme, so every claim has at least one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from graph.extract.kb import KnowledgeBase
from graph.extract.text import Paragraph, nlp, normalise

#: The scheme's catch-all topic, used when nothing more specific is named.
FALLBACK = "bilateral-relations"


@dataclass
class TopicTagger:
    kb: KnowledgeBase
    keys: dict[str, set[str]] = field(default_factory=dict)
    stems: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.matcher = PhraseMatcher(nlp().vocab, attr="LOWER")
        for topic, labels in self.kb.topics.items():
            for label in labels:
                key = normalise(label).lower()
                if not key.isascii():
                    continue  # the scheme's Chinese labels; Korean text falls back
                if key not in self.keys:
                    self.matcher.add(key, [nlp().make_doc(key)])
                self.keys.setdefault(key, set()).add(topic)
                if key.isalpha() and len(key) >= 7:  # "technology" also names "technological"
                    self.stems.setdefault(key[: max(6, len(key) - 3)], set()).add(topic)
        self.by_prefix: dict[str, list[tuple[str, set[str]]]] = {}
        for stem, topics in self.stems.items():
            self.by_prefix.setdefault(stem[:6], []).append((stem, topics))
        self.fallback = next(
            (t for t in self.kb.topics if t.endswith(f"/{FALLBACK}")),
            min(self.kb.topics) if self.kb.topics else None,
        )

    def spans(self, para: Paragraph) -> list[tuple[int, int, str]]:
        """(start, end, topic IRI) of every topic name in a paragraph, document offsets."""
        doc: Doc = para.doc
        out = []
        for key, start, end in self.matcher(doc):
            first, last = doc[start], doc[end - 1]
            for topic in self.keys[doc.vocab.strings[key]]:
                out.append((para.offset(first.idx), para.offset(last.idx + len(last.text)), topic))
        for i, word in enumerate(para.lows):
            for stem, topics in self.by_prefix.get(word[:6], ()):
                if word.startswith(stem):
                    begin = para.start + para.idxs[i]
                    out += [(begin, begin + len(word), topic) for topic in topics]
        return out

    def tag(
        self, spans: list[tuple[int, int, str]], start: int, end: int, context: tuple[int, int]
    ) -> list[str]:
        """Topics named in ``[start, end)``; else the one topic its sentence names, if only
        one; else the scheme's general topic (a list item must not take its neighbours')."""
        inside = sorted({t for s, e, t in spans if s >= start and e <= end})
        if not inside:
            around = {t for s, e, t in spans if s >= context[0] and e <= context[1]}
            inside = sorted(around) if len(around) == 1 else []
        if not inside and self.fallback:
            inside = [self.fallback]
        return inside
