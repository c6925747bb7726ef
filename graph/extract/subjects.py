"""Who a clause is about: the subject before a cue, classified relative to the speaker.

"the U.S. side must ..." (the other side: a demand), "China is ready to ..." (one's own side:
a commitment), "the two sides agreed ..." (both: consensus), "Efforts should be made ..." (no
party: not a claim). Pronouns resolve to the subject of an earlier clause ("It should not
interfere" after "the U.S. is not a party").
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.extract import lexicon as lx
from graph.extract.kb import KnowledgeBase
from graph.extract.sentences import Sentence
from graph.namespaces import entity_iri

_STOPS = frozenset({",", ";", ":", "(", ")", "--", "—", "–", '"'})
_CLAUSE_WORDS = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "and",
        "but",
        "or",
        "so",
        "while",
        "if",
        "when",
        "because",
        "whether",
        "then",
        "where",
        "although",
        "though",
        "unless",
        "once",
        "since",
        "whereas",
        "nor",
        "than",
        "how",
        "what",
    ]
)
#: "I think our two sides should ...": the opinion verb is not part of the subject.
_PARENTHETICAL = frozenset({"think", "believe", "hope", "feel", "suspect", "trust"})
_PREPOSITIONS = frozenset(
    {
        "of",
        "between",
        "with",
        "for",
        "in",
        "on",
        "across",
        "to",
        "from",
        "about",
        "against",
        "by",
        "over",
        "among",
        "under",
        "into",
        "toward",
        "towards",
        "regarding",
        "at",
    }
)
_SKIPPED = frozenset(
    {
        "also",
        "both",
        "all",
        "so",
        "then",
        "now",
        "certainly",
        "meanwhile",
        "further",
        "thus",
        "therefore",
        "however",
        "moreover",
        "besides",
        "additionally",
        "actually",
        "indeed",
        "well",
        "and",
        "but",
        "instead",
        "still",
        "again",
        "in",
        "particular",
    }
)
_OWN_NOUNS = lx.STATE_NOUNS | {"country", "nation", "people", "government"}


@dataclass
class Subject:
    kind: str  # actor, joint, we, speaker, you, it, they, own, generic, none
    start: int
    end: int
    actors: tuple[str, ...] = ()
    actor_kind: str = ""
    pronoun: bool = False

    @property
    def empty(self) -> bool:
        return self.kind == "none"


def subject_span(sent: Sentence, i: int, lower: int) -> tuple[int, int]:
    """Tokens ``[start, i)`` before a cue up to a clause boundary (mentions are never cut)."""
    j = i - 1
    while j >= lower:
        m = sent.at.get(j)
        if m is not None and m.tok_start < j:
            j = m.tok_start
            continue
        w = sent.low(j)
        if w == "and" and _names_party(sent, j - 1) and _starts_party(sent, j + 1):
            j -= 1  # "The Secretary and the Foreign Minister agreed": one subject
            continue
        if w == "and" and sent.low(j + 1) in {"people", "nation"} and j + 2 == i:
            j -= 1  # "the Chinese government and people are firm in ...": one subject
            continue
        if w == "," and j == i - 1 and (opening := _parenthesis_before(sent, j, lower)):
            j = opening - 1  # "the United States, in coordination with allies, will ..."
            continue
        if w in _STOPS or (w in _CLAUSE_WORDS and m is None) or w in _PARENTHETICAL:
            break
        j -= 1
    return j + 1, i


_ASIDE_OPENERS = frozenset(
    {"in", "with", "for", "as", "like", "along", "together", "under", "on", "through", "by"}
)


def _parenthesis_before(sent: Sentence, close: int, lower: int) -> int | None:
    """The comma opening a prepositional aside that ends at the comma ``close`` ("X, in
    coordination with allies and partners, will ..."), when a subject stands before it."""
    for k in range(close - 1, max(lower, close - 12), -1):
        if sent.low(k) in {",", ";", ":"}:
            if sent.low(k) != "," or sent.low(k + 1) not in _ASIDE_OPENERS or k - 1 < lower:
                return None
            before = sent.low(k - 1)
            named = sent.at.get(k - 1) is not None or before in lx.STATE_NOUNS
            return k if named else None
    return None


def _names_party(sent: Sentence, j: int) -> bool:
    """Does token ``j`` end the name of a party ("Blinken", "the Secretary", "China")?"""
    m = sent.mention_ending_at(j)
    if m is not None:
        return m.kind in {"person", "state", "organization"} and not m.possessive
    return sent.low(j) in lx.OFFICIAL_NOUNS and sent.low(j - 1) == "the"


def _starts_party(sent: Sentence, j: int) -> bool:
    k = j
    while k < j + 3 and sent.low(k) in lx.TITLE_WORDS and sent.at.get(k) is None:
        k += 1  # "and Minister Wang", "and Vice Premier He"
    if k > j and sent.mention_starting_at(k) is not None:
        j = k
    m = sent.mention_starting_at(j + 1 if sent.low(j) == "the" else j) or sent.mention_starting_at(
        j
    )
    if m is not None:
        return m.kind in {"person", "state", "organization", "post"}
    return sent.low(j) == "the" and sent.low(j + 1) in lx.OFFICIAL_NOUNS


def classify(sent: Sentence, start: int, end: int, kb: KnowledgeBase) -> Subject:
    """What kind of subject the tokens ``[start, end)`` are."""
    if start >= end:
        return Subject("none", start, end)
    words = [
        j
        for j in range(start, end)
        if sent.at.get(j) is not None or not (sent.low(j) == "" or sent.low(j) in _SKIPPED)
    ]
    if not words:
        return Subject("none", start, end)
    start, k = words[0], words[0]
    first = sent.low(k)
    if len(words) == 1 and first in {"it", "they", "he", "she"}:
        return Subject(first if first in {"it", "they"} else "person", start, end, pronoun=True)
    if first in {"we", "us"}:
        if sent.low(k + 1) == "both":
            return Subject("joint", start, end)
        return Subject("we", start, end, pronoun=True)
    if first in {"i", "me"}:
        return Subject("speaker", start, end, pronoun=True)
    if first == "you":
        return Subject("you", start, end, pronoun=True)
    mention = _head_mention(sent, start, end)
    if mention is not None:
        if mention.kind == "group":
            return Subject("joint", start, end, mention.actors)
        return Subject("actor", start, end, mention.actors, mention.kind)
    seat = sent.mention_starting_at(k)
    if seat is not None and seat.kind == "place" and seat.actors[0] in kb.place_states:
        # "Beijing", "Washington" as the one who acts or is asked: the state it is the seat of
        return Subject("actor", start, end, (kb.place_states[seat.actors[0]],), "state")
    if first in {"our", "my"}:
        nxt = sent.low(k + 1)
        if nxt in {"two", "both"}:
            return Subject("joint", start, end)
        kind = "own" if nxt in _OWN_NOUNS and end - k <= 3 else "generic"
        return Subject(kind, start, end)
    if first == "the" and sent.low(k + 1) in lx.OWN_INSTITUTIONS and end - k <= 2:
        return Subject("own", start, end)  # "the Department will keep operating ...": its own
    for j in range(k, min(end, k + 5)):
        force = lx.ARMED_FORCES.get(sent.low(j)) or (
            "china" if (sent.low(j), sent.low(j + 1)) == ("liberation", "army") else None
        )
        if force is not None:  # "the PLA", "the People's Liberation Army": its state
            return Subject("actor", start, end, (entity_iri("actor", force),), "state")
    for j in range(k, min(end, k + 3)):
        if sent.low(j) in lx.DEMONYMS and sent.low(j + 1) in lx.STATE_NOUNS:
            state = entity_iri("actor", lx.DEMONYMS[sent.low(j)])
            return Subject("actor", start, end, (state,), "state")
    return Subject("generic", start, end)


def _head_mention(sent: Sentence, start: int, end: int):
    """The first mention in the subject that names an agent (not "China's", not "of China")."""
    for m in sent.mentions:
        if m.tok_start < start or m.tok_end > end:
            continue
        if m.kind == "group":
            return m
        if m.possessive or m.modifier or m.kind in {"place", "post"}:
            continue
        if any(sent.low(j) in _PREPOSITIONS for j in range(start, m.tok_start)):
            continue
        return m
    return None


def sentence_subject(sent: Sentence, lower: int, kb: KnowledgeBase) -> Subject | None:
    """The subject at the start of the sentence (after an introductory phrase), if any."""
    j = lower
    limit = min(sent.end, lower + 14)
    for k in range(lower, limit):
        if sent.low(k) == ",":
            intro = sent.low(lower)
            if intro in _PREPOSITIONS or intro in {
                "as",
                "when",
                "during",
                "since",
                "after",
                "before",
                "meanwhile",
                "however",
                "that",
                "in",
                "at",
                "regarding",
                "guided",
                "by",
            }:
                j = k + 1
            break
    from graph.extract.clauses import FINITE

    for k in range(j, min(sent.end, j + 12)):
        w = sent.low(k)
        if w in FINITE or w in _STOPS:
            if k == j:
                return None
            return classify(sent, j, k, kb)
        if sent.at.get(k) is None and k > j and (w.endswith("ed") or w in lx.REPORT_VERBS):
            return classify(sent, j, k, kb)
    return None
