"""Cue detection: where a sentence asks, pledges, agrees or draws a red line.

Each finder looks at one token and says whether a cue starts there, where its complement
(the thing asked, pledged or agreed) starts, and in which verb form the complement's list
items come. Typing the cue into a claim is left to ``claims``.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.extract import lexicon as lx
from graph.extract.clauses import is_gerund, is_third_person, is_verb
from graph.extract.sentences import Sentence

_BE = frozenset({"is", "are", "am", "'s", "'re", "remain", "remains", "stay", "stays", "be"})
_WILL = frozenset({"will", "'ll", "shall", "would"})
_NEG = frozenset({"not", "never", "n't", "no"})
_COPULAS = frozenset(
    {"is", "are", "was", "were", "remains", "remain", "constitutes", "'s", "becomes", "represents"}
)
_SOFT_ADVERBS = frozenset(
    {
        "also",
        "still",
        "always",
        "firmly",
        "fully",
        "certainly",
        "truly",
        "further",
        "all",
        "both",
        "then",
        "together",
        "jointly",
        "resolutely",
        "surely",
        "now",
        "each",
        "too",
        "indeed",
        "definitely",
    }
)


@dataclass
class Cue:
    kind: str
    start: int  # first token of the cue
    comp: int  # first token of its complement
    form: str = "base"  # how the complement's list items are shaped
    negated: bool = False
    past: bool = False
    redline: bool = False
    #: Token span of an explicit addressee or of the subject named inside the cue.
    obj: tuple[int, int] | None = None
    own_priority: bool = False


def _skip_adverbs(sent: Sentence, k: int) -> int:
    while sent.low(k) in _SOFT_ADVERBS or (
        sent.low(k).endswith("ly") and len(sent.low(k)) > 4 and sent.at.get(k) is None
    ):
        k += 1
    return k


def _np_then(sent: Sentence, k: int, words: set[str], limit: int = 10) -> int | None:
    """Index of the first of ``words`` after a short noun phrase starting at ``k``."""
    for j in range(k, min(sent.end, k + limit)):
        w = sent.low(j)
        if w in words:
            return j if j > k else None
        if w in {",", ";", ":", ".", "that", "which"}:
            return None
    return None


def find_cue(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    """The cue that starts at token ``i``, if any."""
    if sent.low(i) not in CUE_STARTS:
        return None
    for finder in (_red_line, _ask, _hope, _agree, _commit, _modal, _impersonal, _priority):
        cue = finder(sent, i, doc_verbs)
        if cue is not None:
            return cue
    return None


# ---------------------------------------------------------------------------- red lines
def _red_line(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    w, nxt = sent.low(i), sent.low(i + 1)
    if (w, nxt) in lx.RED_LINE_NOUNS:
        return _red_line_noun(sent, i)
    if w in {"cross", "crossing"}:
        return _crossing(sent, i)
    if w == "no" and nxt == "room" and sent.low(i + 2) == "for":
        return Cue("red_line", i, i + 3, form="none")  # "no room for compromise"
    if (w, nxt) == ("core", "of") and any(
        (sent.low(j), sent.low(j + 1)) == ("core", "interests") for j in range(i + 2, i + 5)
    ):
        return Cue("red_line", i, i + 2, form="none")  # "the core of China's core interests"
    if w in {"sit", "stand"} and (nxt, sent.low(i + 2)) in {("idly", "by"), ("on", "its")}:
        window = {sent.low(i - k) for k in (1, 2, 3, 4)}
        if window & {"will", "not", "never", "going"} and not window & {"has", "have", "had"}:
            return Cue("red_line", i, i + 3, form="none", negated=True)
    if w in _WILL:
        return _will_not_yield(sent, i)
    if (
        w in {"must", "should", "shall", "can"}
        and sent.low(i + 1) in _NEG
        and sent.low(i + 2) == "be"
        and sent.low(i + 3) in {"violated", "crossed", "challenged", "infringed", "undermined"}
    ):
        return Cue("red_line_passive", i, i + 4, form="none", negated=True)
    if w in {"non-negotiable", "nonnegotiable"}:
        return Cue("red_line", i, i + 1, form="none")
    return None


def _red_line_noun(sent: Sentence, i: int) -> Cue | None:
    """ "X is the first red line", "that is a red line": a line drawn, not one referred to."""
    before = [sent.low(i - k) for k in range(1, 6)]
    if {"cross", "crossing", "crossed"} & set(before[:3]):
        return None  # "cross China's red lines on A, B and C": the crossing verb's cue
    if not _COPULAS & set(before) or sent.at.get(i) is not None:
        return None  # "the 'three bottom lines' are about ...": a reference, not a line
    return Cue("red_line", i, i + 2, form="none")


def _crossing(sent: Sentence, i: int) -> Cue | None:
    """ "must not cross China's red lines (on A, B and C)", "try to cross its bottom line"."""
    j = next(
        (j for j in range(i + 1, i + 4) if (sent.low(j), sent.low(j + 1)) in lx.RED_LINE_NOUNS),
        None,
    )
    if j is None:
        return None
    neg = bool({sent.low(i - k) for k in (1, 2, 3)} & _NEG)
    if sent.low(j + 2) == "on":
        return Cue("cross_red_line", i, j + 3, form="nounlist", negated=neg, redline=True)
    return Cue("cross_red_line", i, j + 2, form="none", negated=neg, redline=True)


def _will_not_yield(sent: Sentence, i: int) -> Cue | None:
    """ "will make firm responses", "will respond resolutely", "will never accept",
    "must not be violated" (after "will")."""
    if _firm_response(sent, i + 1):
        return Cue("red_line", i, i + 1, form="none")
    k = _skip_adverbs(sent, i + 1)
    if sent.low(k) in _NEG:
        k = _skip_adverbs(sent, k + 1)
        if sent.low(k) in lx.NEVER_ACCEPT_VERBS:
            return Cue("red_line", i, k + 1, form="none", negated=True)
    if (sent.low(i + 1), sent.low(i + 2)) in {(n, "be") for n in _NEG} and sent.low(i + 3) in {
        "violated",
        "crossed",
        "challenged",
        "infringed",
        "undermined",
    }:
        return Cue("red_line_passive", i, i + 4, form="none", negated=True)
    return None


def _firm_response(sent: Sentence, k: int) -> bool:
    """ "(will) make firm responses", "take resolute measures", "respond resolutely"."""
    k = _skip_adverbs(sent, k)
    w = sent.low(k)
    if w in {"respond", "react", "retaliate", "hit"}:
        window = {sent.low(j) for j in range(k - 3, k + 6)}
        return bool(window & {"resolutely", "firmly", "forcefully", "decisively", "back"})
    if w in {"make", "take", "adopt"}:
        j = k + 1
        while sent.low(j) in lx.FIRM_RESPONSE_ADJ or sent.low(j) in {"and", "a"}:
            j += 1
        return j > k + 1 and sent.low(j) in lx.RESPONSE_NOUNS
    return False


# ---------------------------------------------------------------------------- asking
def _ask(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    w = sent.low(i)
    if w not in lx.ASK_VERBS:
        return None
    k = i + 1
    if w in {"call", "calls", "called"}:
        if sent.low(k) not in {"on", "upon"}:
            return None
        k += 1
    if w in {"expect", "expects", "expected"}:
        frm = _np_then(sent, k, {"from"}, 12)
        who = frm + 2 if frm is not None and sent.low(frm + 1) == "the" else (frm or 0) + 1
        if frm is not None and (mention := sent.mention_starting_at(who)) is not None:
            end = mention.tok_end
            return Cue("ask_from", i, k, form="none", past=w == "expected", obj=(who, end))
    to = _np_then(sent, k, {"to"}, 10)
    if to is None:
        return None
    neg = sent.low(to - 1) == "not"
    obj_end = to - 1 if neg else to
    if obj_end <= k:
        return None
    return Cue("ask", i, to + 1, negated=neg, past=w in lx.PAST_ASK, obj=(k, obj_end))


def _hope(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    w = sent.low(i)
    if w == "hope" and sent.low(i - 1) == "the" and sent.low(i + 1) == "to":
        return Cue("hope_to", i - 1, i + 2)  # "expressed the hope to continue ..."
    if w not in lx.HOPE_VERBS:
        return None
    k = i + 1
    if sent.low(k) == "to":
        return Cue("hope_to", i, k + 1)
    if sent.low(k) == "that":
        k += 1
    modal = _np_then(sent, k, {"will", "can", "would", "could", "'ll", "shall", "to"}, 9)
    if modal is None:
        return None
    comp = _skip_adverbs(sent, modal + 1)
    return Cue("hope", i, comp, past=w == "hoped", obj=(k, modal))


# ---------------------------------------------------------------------------- agreement
def _agree(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    w, nxt = sent.low(i), sent.low(i + 1)
    if w in lx.AGREE_VERBS and w != "committed" and nxt in {"to", "that", "on", "upon"}:
        form = "base" if nxt == "to" else "clause" if nxt == "that" else "noun"
        return Cue("agree", i, i + 2, form=form, past=w.endswith("ed"))
    if w in {"reached", "reach", "reaches", "achieved"}:
        for j in range(i + 1, min(sent.end, i + 7)):
            if sent.low(j) in lx.CONSENSUS_NOUNS:
                if sent.low(j + 1) == "on":
                    form = "gerund" if is_gerund(sent.low(j + 2)) else "noun"
                    return Cue("agree", i, j + 2, form=form, past=True)
                return None
            if sent.low(j) in {",", ".", ";"}:
                return None
    if w in {"welcomed", "welcome"} and sent.low(i - 1) not in {"the", "a", "to"}:
        return Cue("welcome", i, i + 1, form="none", past=w == "welcomed")
    return None


# ---------------------------------------------------------------------------- commitments
def _commit(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    w = sent.low(i)
    if w in _BE:
        return _commit_adjective(sent, i)
    if w in _WILL:
        return _commit_will(sent, i, doc_verbs)
    if w in {"does", "do", "did"} and sent.low(i + 1) in _NEG:
        k = _skip_adverbs(sent, i + 2)
        if sent.low(k) in {"seek", "support", "want", "intend", "accept", "pursue", "aim"}:
            return Cue("commit", i, k, negated=True, past=w == "did")
    if w in {"has", "have"} and sent.low(i + 1) == "no" and sent.low(i + 2) in _INTENTIONS:
        return Cue("commit", i, i + 3, negated=True)
    if w in {"look", "looks", "looking"} and (sent.low(i + 1), sent.low(i + 2)) == (
        "forward",
        "to",
    ):
        if {sent.low(i + k) for k in range(3, 8)} & lx.PROCEDURAL_OBJECTS:
            return None  # "we look forward to discussing these matters": about the talks
        return Cue("commit", i, i + 3, form="noun")
    if w in lx.REAFFIRM_VERBS:
        return _reaffirm(sent, i)
    if w in lx.RESOLVE_NOUNS and w != "will" and sent.low(i - 1) in {"'s", "'"}:
        return _resolve(sent, i)
    return None


_INTENTIONS = frozenset({"intention", "plan", "plans", "desire"})


def _reaffirm(sent: Sentence, i: int) -> Cue | None:
    """ "reiterated its adherence to the one-China policy", "pledged to ..."."""
    w = sent.low(i)
    for j in range(i + 1, min(sent.end, i + 8)):
        if sent.low(j) in lx.REAFFIRM_OBJECTS:
            return Cue("reaffirm", i, i + 1, form="none", past=w.endswith("ed"))
        if sent.low(j) in {",", ".", ";", "that"}:
            break
    if sent.low(i + 1) == "to" and w in {"pledged", "vowed", "promised", "pledges", "vows"}:
        return Cue("reaffirm", i, i + 2, past=w.endswith("ed"))
    return None


def _resolve(sent: Sentence, i: int) -> Cue | None:
    """ "China's determination to ... remains unwavering": the owner pledges."""
    owner = sent.mention_ending_at(i - 2)
    if owner is None:
        return None
    for j in range(i + 1, min(sent.end, i + 12)):
        if sent.low(j) in {",", ";", "."}:
            break
        if sent.low(j) in {"remains", "is", "remain"} and sent.low(j + 1) in lx.RESOLVE_ADJECTIVES:
            span = (owner.tok_start, owner.tok_end)
            return Cue("resolve", owner.tok_start, j + 2, form="none", obj=span)
    return None


def _commit_adjective(sent: Sentence, i: int) -> Cue | None:
    k = _skip_adverbs(sent, i + 1)
    neg = sent.low(k) in _NEG
    if neg:
        k = _skip_adverbs(sent, k + 1)
    adj = sent.low(k)
    if adj not in lx.COMMIT_ADJECTIVES or sent.low(k + 1) not in {"to", "for"}:
        return None
    if adj == "open" and sent.low(i) not in {"remain", "remains", "is", "are"}:
        return None
    comp = k + 2
    form = "gerund" if is_gerund(sent.low(comp)) else "base"
    if adj in {"committed", "dedicated", "open"} and not is_gerund(sent.low(comp)):
        form = "noun"
    return Cue("commit", i, comp, form=form, negated=neg)


def _commit_will(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    k = _skip_adverbs(sent, i + 1)
    neg = sent.low(k) in _NEG
    if neg:
        k = _skip_adverbs(sent, k + 1)
    verb = sent.low(k)
    if sent.low(i) == "would" and verb not in {"welcome", "like", "support"}:
        return None
    if verb == "be" and is_gerund(sent.low(k + 1)):
        return None  # "we will be watching": a prediction
    if verb in lx.PROCEDURAL_VERBS and not neg:
        return None
    if verb == "make" and sent.low(k + 1) == "clear":
        return None  # "will make clear its position": announcing, not pledging
    if sent.low(i - 1) == "i":
        return None  # "I will stop here": the speaker managing the talk
    if verb == "continue":
        nxt = k + 1
        if sent.low(nxt) == "to":
            nxt += 1
        elif sent.low(nxt) in {"along", "on", "with", "in", "down", "for"}:
            return None  # "we will continue along this path": a course, not a pledge
        return Cue("commit", i, nxt if nxt < sent.end else k, negated=neg)
    if verb != "be" and not is_verb(verb, doc_verbs) and not is_gerund(verb):
        return None
    return Cue("commit", i, k, negated=neg)


# ---------------------------------------------------------------------------- modality
def _modal(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    w = sent.low(i)
    if w == "let" and sent.low(i + 1) in {"'s", "us"} and is_verb(sent.low(i + 2), doc_verbs):
        return Cue("lets", i, i + 2)
    if w in {"need", "needs", "ought", "has", "have"}:
        if sent.low(i + 1) != "to" or (w in {"has", "have"} and sent.low(i - 1) in {"we", "i"}):
            return None
        k = i + 2
    elif w in {"must", "should", "shall", "mustn't", "shouldn't"}:
        k = i + 1
    else:
        return None
    if sent.low(k) == "have" and sent.low(k + 1) not in lx.DETERMINERS:
        return None  # "should have reminded": regret, not a demand
    k = _skip_adverbs(sent, k)
    neg = w.endswith("n't") or sent.low(k) in _NEG
    if sent.low(k) in _NEG:
        k = _skip_adverbs(sent, k + 1)
    if sent.low(k) == "be" and sent.low(k + 1) != "under":
        return Cue("modal_passive", i, k, negated=neg)
    return Cue("modal", i, k, negated=neg)


def _impersonal(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    """ "it is important for the U.S. side to ...", "it's vital that we ..."."""
    if sent.low(i) != "it" or sent.low(i + 1) not in {"is", "'s"}:
        return None
    k = _skip_adverbs(sent, i + 2)
    if sent.low(k) not in lx.IMPERSONAL_NEED:
        return None
    k += 1
    if sent.low(k) == "for":
        to = _np_then(sent, k + 1, {"to"}, 10)
        if to is None:
            return None
        return Cue("impersonal", i, to + 1, obj=(k + 1, to))
    if sent.low(k) == "that":
        return Cue("impersonal_that", i, k + 1, form="clause")
    if sent.low(k) == "to":
        return Cue("impersonal", i, k + 1)
    return None


def _priority(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    """ "the top priority is to ...", "our overriding priority ... is to ensure ..."."""
    if sent.low(i) not in lx.PRIORITY_NOUNS:
        return None
    first = i
    while first > sent.start and sent.low(first - 1) not in {",", ";", "that", "is", "."}:
        first -= 1
        if i - first > 5:
            return None
    words = [sent.low(j) for j in range(first, i)]
    if sent.low(i) in {"thing", "need", "key", "task"} and not {
        "important",
        "key",
        "top",
        "first",
        "urgent",
    } & set(words):
        return None
    for j in range(i + 1, min(sent.end, i + 12)):
        if sent.low(j) == "is" and sent.low(j + 1) == "to":
            return Cue("priority", first, j + 2, own_priority="our" in words or "my" in words)
        if sent.low(j) in {",", ";", "."}:
            return None
    return None


def third_person_policy(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    """ "China firmly pursues ...", "We welcome ...": a present-tense verb of standing policy
    right after the subject (checked by the caller)."""
    k = i
    while sent.low(k) in lx.POLICY_ADVERBS:
        k += 1
    w = sent.low(k)
    if w in lx.BELIEF_VERBS or not w:
        return None
    adverb = k > i
    if w in lx.POLICY_VERBS or (adverb and (is_third_person(w, doc_verbs) or w in lx.BASE_VERBS)):
        form = "3sg" if w.endswith("s") else "base"
        if w in {"remain", "remains"} and sent.low(k + 1) not in {"committed", "open"}:
            return None
        return Cue("policy", i, k, form=form)
    return None


#: Every word a cue can start with (so most tokens are passed over at once).
CUE_STARTS = frozenset(
    {
        "red",
        "bottom",
        "cross",
        "crossing",
        "no",
        "core",
        "sit",
        "stand",
        "non-negotiable",
        "nonnegotiable",
        "can",
        "hope",
        "reached",
        "reach",
        "reaches",
        "achieved",
        "welcomed",
        "welcome",
        "does",
        "do",
        "did",
        "has",
        "have",
        "look",
        "looks",
        "looking",
        "let",
        "need",
        "needs",
        "ought",
        "must",
        "should",
        "shall",
        "mustn't",
        "shouldn't",
        "it",
    }
    | _WILL
    | _BE
    | lx.ASK_VERBS
    | lx.HOPE_VERBS
    | lx.AGREE_VERBS
    | lx.REAFFIRM_VERBS
    | lx.RESOLVE_NOUNS
    | lx.PRIORITY_NOUNS
)
