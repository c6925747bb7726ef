"""Chinese terms of the genre with the English words the stored claims use for them.

The graph's claims are stated in English (statements) and quoted mostly from English readouts,
so an event in a Chinese readout ("违背了…不寻求遏制中国发展的承诺") is matched to them through
the terms that name the same thing. Terms, not sentences: the list covers the recurring objects
of US-China commitments (policies, mechanisms, channels), not any one text.
"""

from __future__ import annotations

import re

from graph.extract.reiteration import content_words

TERMS: dict[str, tuple[str, ...]] = {
    "一个中国政策": ("one-china", "policy"),
    "一个中国原则": ("one-china", "principle"),
    "台独": ("taiwan", "independence"),
    "新冷战": ("new", "cold", "war"),
    "冷战": ("cold", "war"),
    "脱钩": ("decoupling",),
    "不寻求": ("seek",),
    "遏制中国发展": ("curtail", "china's", "development"),
    "中国发展": ("china's", "development"),
    "改变中国体制": ("change", "china's", "system"),
    "不冲突": ("non-conflict",),
    "不对抗": ("non-confrontation",),
    "相互尊重": ("mutual", "respect"),
    "合作共赢": ("win-win", "cooperation"),
    "两军": ("military-to-military", "military", "communication"),
    "军事沟通": ("military-to-military", "military", "communication"),
    "禁毒": ("counternarcotics", "drug", "illicit"),
    "航班": ("flights", "passenger", "scheduled"),
    "人工智能": ("artificial", "intelligence"),
    "气候变化": ("climate", "change"),
    "工作组": ("working", "group"),
    "引渡": ("extradition", "request"),
    "孟晚舟": ("meng", "wanzhou"),
    "核心利益": ("core", "interests"),
    "台湾问题": ("taiwan", "question"),
    "人文交流": ("people-to-people", "exchanges"),
    "高层交往": ("high-level", "interactions"),
}


def english_words(text: str) -> frozenset[str]:
    """The English words of the glossary terms found in ``text`` (empty for English text)."""
    return frozenset(word for term, words in TERMS.items() if term in text for word in words)


#: English spellings and near-synonyms the genre uses for one thing, as the stored claims say it.
_SAME = {
    "channels": "communication",
    "channel": "communication",
    "counter-narcotics": "counternarcotics",
    "decouple": "decoupling",
}
_ONE_CHINA = re.compile(r"\bone[ -]china\b", re.IGNORECASE)


def words_of(text: str) -> frozenset[str]:
    """Content words of English text as ``reiteration`` reads them, quotes stripped
    ("'decoupling'") and the genre's variants made one ("one China" and "one-China")."""
    text = _ONE_CHINA.sub("one-china", text)
    return frozenset(
        _SAME.get(w, w) for w in (w.strip("'-") for w in content_words(text)) if len(w) > 2
    )
