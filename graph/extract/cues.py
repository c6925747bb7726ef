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
    #: "will hold talks", "will host": scheduling, unless among the outcomes both sides agreed.
    procedural: bool = False


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
    for finder in (
        _red_line, _object_cue, _ask, _hope, _agree, _commit, _modal, _impersonal, _priority
    ):
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
    if w == "no" and sent.at.get(i + 1) is None:
        for j in range(i + 2, min(sent.end, i + 6)):
            if sent.low(j) in {",", ";", "."}:
                break
            if sent.low(j) in {"will", "can", "shall", "would"} and sent.low(j + 1) == "be" and (
                sent.low(j + 2) in lx.TOLERATED
            ):  # "no external interference will be tolerated"
                return Cue("red_line", i, j + 3, form="none", negated=True)
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
    if (w, nxt) in lx.LIMIT_NOUNS and sent.at.get(i) is None:
        return _red_line_noun(sent, i, window=8)  # "Taiwan is at the heart of core interests"
    if w in _WILL:
        return _warning_of_costs(sent, i) or _will_not_yield(sent, i)
    if w in _BE and (nxt, sent.low(i + 2)) == ("going", "to") and firm_response(sent, i + 3):
        return Cue("red_line", i, i + 3, form="none")  # "is going to take the necessary measures"
    if w in {"must", "should", "shall", "can", "cannot"}:
        k = i + 1 if w == "cannot" else i + 2
        if (
            (w == "cannot" or nxt in _NEG)
            and sent.low(k) == "be"
            and sent.low(_skip_adverbs(sent, k + 1)) in lx.LIMIT_PASSIVES
        ):
            return Cue("red_line_passive", i, k + 2, form="none", negated=True)
    if w in lx.COST_NOUNS and nxt == "if":
        m = sent.mention_starting_at(i + 2) or sent.mention_starting_at(i + 3)
        if m is not None and m.kind in {"state", "person", "organization"} and not m.possessive:
            k = i  # "the implications and consequences if China provides material support"
            while k > sent.start and sent.low(k - 1) not in {",", ";", ":", "that"} and (
                sent.low(k - 1) in {"the", "and", "serious", "severe", "grave", "implications"}
            ):
                k -= 1
            return Cue("warning", k, i + 1, form="none")
    if w in {"non-negotiable", "nonnegotiable"}:
        return Cue("red_line", i, i + 1, form="none")
    if w in {"unacceptable", "intolerable"} and _limit_stated(sent, i):
        return Cue("red_line", i, i + 1, form="none")  # "any attempt to ... would be unacceptable"
    if w == "not" and sent.low(i - 1) in _COPULAS and _not_negotiable(sent, i + 1):
        return Cue("red_line", i - 1, i + 1, form="none", negated=True)
    if w in lx.BROOK_VERBS and nxt == "no":
        return Cue("red_line", i, i + 2, form="none", negated=True)  # "brooks no interference"
    if (w == "nobody" or (w, nxt) == ("no", "one")) and "underestimate" in {
        sent.low(i + k) for k in range(1, 5)
    }:
        return Cue("red_line", i, i + 1, form="none", negated=True)  # "no one should underestimate"
    if w == "play" and (nxt, sent.low(i + 2)) == ("with", "fire"):
        return Cue("warning", i, i + 3, form="none")  # "those who play with fire will ..."
    if w in {"doomed", "bound", "destined"} and nxt == "to" and sent.low(i + 2) in {
        "fail", "failure", "defeat",
    }:
        return Cue("warning", i, i + 3, form="none")  # "any attempt to split China is doomed …"
    if (w, nxt) == ("end", "in") and sent.low(i + 2) in {"failure", "defeat", "disaster"}:
        return Cue("warning", i, i + 3, form="none")  # "attempts to … will only end in failure"
    given = (sent.low(i + 2), sent.low(i + 3)) in _GIVE_AWAY or sent.low(i + 2) in _CONCEDE
    if w == "nothing" and nxt == "to" and given:
        return Cue("red_line", i, i + 4, form="none", negated=True)  # "has nothing to give away"
    if (
        (w, nxt) == ("up", "for")
        and sent.low(i + 2) in {"negotiation", "debate", "discussion"}
        and sent.low(i - 1) in _NEG
    ):
        return Cue("red_line", i - 1, i + 3, form="none", negated=True)
    if (
        w == "no"
        and nxt in {"force", "one", "country", "power", "forces"}
        and sent.low(i + 2) == "can"
        and sent.low(i + 3) in lx.STOP_VERBS
    ):
        return Cue("red_line", i, i + 4, form="none", negated=True)  # "no force can stop"
    return None


def _limit_stated(sent: Sentence, i: int) -> bool:
    """ "any attempt to change the status quo by force would be unacceptable": a limit set for
    what may come ("would / will be"), or for any such act ("any ... is"), not a complaint
    about what was done ("the delay was unacceptable")."""
    if sent.low(i - 1) != "be" and sent.low(i - 1) not in {"is", "are"}:
        return False
    if sent.low(i - 1) == "be":
        return sent.low(i - 2) in _WILL
    return any(sent.low(j) in lx.ANY_WORDS for j in range(max(sent.start, i - 14), i - 1))


_NEGOTIATION = frozenset({"negotiation", "negotiations", "bargaining", "compromise", "trade"})


def _not_negotiable(sent: Sentence, k: int) -> bool:
    """ "(is not) negotiable", "(is not) a subject for negotiation", "a matter of bargaining"."""
    if sent.low(k) in {"negotiable", "tradeable", "tradable"}:
        return True
    if sent.low(k) in {"a", "an", "the", "something"}:
        k += 1
    if sent.low(k) in {"subject", "matter", "question", "topic", "item", "issue", "chip"}:
        k += 1
    return sent.low(k) in {"for", "of", "up"} and sent.low(k + 1 + (sent.low(k + 1) == "for")) in (
        _NEGOTIATION
    )


_GIVE_AWAY = frozenset({("give", "away"), ("give", "up"), ("trade", "away"), ("bargain", "away")})
_CONCEDE = frozenset({"concede", "compromise", "negotiate", "bargain"})
_WARN_VERBS = frozenset({"warned", "warns", "warn", "cautioned", "cautions"})
_BEARS_ON = frozenset({"bears", "touches", "concerns", "involves", "bear", "touch"})
_IT_IS = frozenset({"it", "that", "this", "what", "here", "there", "which"})


def _person_before(sent: Sentence, i: int) -> bool:
    """Is the verb at ``i`` said of a person ("She sought", "the Secretary also sought")?"""
    k = i - 1
    while k > sent.start and sent.low(k) in _SOFT_ADVERBS:
        k -= 1
    m = sent.mention_ending_at(k)
    if m is not None:
        return m.kind == "person"
    return sent.low(k) in {"he", "she"} or sent.low(k) in lx.OFFICIAL_NOUNS


def _red_line_noun(sent: Sentence, i: int, window: int = 5) -> Cue | None:
    """ "X is the first red line", "that is a red line": a line drawn, not one referred to."""
    before = [sent.low(i - k) for k in range(1, window + 1)]
    if "," in before:
        before = before[: before.index(",")]
    if {"cross", "crossing", "crossed"} & set(before[:3]):
        return None  # "cross China's red lines on A, B and C": the crossing verb's cue
    copulas = _COPULAS if window == 5 else (_COPULAS - {"'s"}) | _BEARS_ON  # "it bears on"
    # (not "each other's core ...")
    if not copulas & set(before) or sent.at.get(i) is not None:
        return None  # "the 'three bottom lines' are about ...": a reference, not a line
    upto = next(k for k, w in enumerate(before) if w in copulas)
    if before[upto] == "'s" and (upto + 1 >= len(before) or before[upto + 1] not in _IT_IS):
        return None  # "respect China's bottom line": a possessive, not "it's a red line"
    if upto + 1 < len(before) and before[upto + 1] == "there":
        return None  # "there are bottom lines": the lines are announced, named later
    if any(w == "to" or w in lx.BASE_VERBS or is_gerund(w) for w in before[:upto]):
        return None  # "it is important to respect each other's core interests"
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
    if firm_response(sent, i + 1) or _warning(sent, i):
        return Cue("red_line", i, i + 1, form="none")
    k = _skip_adverbs(sent, i + 1)
    if [sent.low(k + j) for j in range(5)] == ["have", "no", "choice", "but", "to"]:
        return Cue("red_line", i, k + 5, form="none")  # "China will have no choice but to ..."
    if _never_wavers(sent, i) and any(
        sent.low(j) in lx.RESOLVE_NOUNS for j in range(max(sent.start, i - 10), i)
    ):
        return None  # "China's determination to ... will not waver": resolve, a pledge
    if sent.low(k) in _NEG and sent.low(_skip_adverbs(sent, k + 1)) == "make" and sent.low(
        _skip_adverbs(sent, k + 1) + 1 + (sent.low(_skip_adverbs(sent, k + 1) + 1) == "any")
    ) in {"concessions", "concession", "compromise", "compromises"}:
        return Cue("red_line", i, k + 2, form="none", negated=True)  # "will never make concessions"
    if sent.low(k) in _NEG:
        k = _skip_adverbs(sent, k + 1)
        if sent.low(k) in lx.NEVER_ACCEPT_VERBS:
            return Cue("red_line", i, k + 1, form="none", negated=True)
        if sent.low(k) == "be" and sent.low(k + 1) in lx.NOT_BE_COWED:
            return Cue("red_line", i, k + 2, form="none", negated=True)  # "not be intimidated"
        flinch = sent.low(k)
        if flinch in lx.NOT_FLINCH and (flinch != "back" or sent.low(k + 1) == "down") and not (
            flinch == "waver" and sent.low(k + 1) == "in"  # "never waver in defending": resolve
        ):
            return Cue("red_line", i, k + 1, form="none", negated=True)  # "will not flinch"
    if sent.low(k) == "make" and sent.low(k + 1) == "no" and sent.low(k + 2) in {
        "concessions",
        "concession",
        "compromise",
        "compromises",
    }:
        return Cue("red_line", i, k + 3, form="none", negated=True)
    if (sent.low(i + 1), sent.low(i + 2)) in {(n, "be") for n in _NEG} and sent.low(i + 3) in {
        "violated",
        "crossed",
        "challenged",
        "infringed",
        "undermined",
    }:
        return Cue("red_line_passive", i, i + 4, form="none", negated=True)
    return None


def _warning(sent: Sentence, i: int) -> bool:
    """ "If Beijing will not deal with it, the United States will act", "if the U.S. side
    insists ..., China will respond to the end": a response promised to the other side's
    conduct (a warning of consequences, a red line)."""
    k = _skip_adverbs(sent, i + 1)
    if sent.low(k) not in lx.RESPOND_VERBS:
        return False
    nxt = sent.low(k + 1)
    if nxt not in {"", ".", ";", ",", "to", "accordingly", "firmly", "resolutely", "in"}:
        return False
    before = {sent.low(j) for j in range(max(sent.start, i - 25), i)}
    return bool(before & {"if", "otherwise", "unless", "should"}) or nxt == "to"


def firm_response(sent: Sentence, k: int) -> bool:
    """ "(will) make firm responses", "take resolute measures", "respond resolutely"."""
    k = _skip_adverbs(sent, k)
    w = sent.low(k)
    if w in {"respond", "react", "retaliate", "hit", "act"}:
        window = {sent.low(j) for j in range(k - 3, k + 6)}
        return bool(window & {"resolutely", "firmly", "forcefully", "decisively", "back"})
    if w in {"make", "take", "adopt"}:
        j = k + 1 + (sent.low(k + 1) == "the")  # "take the necessary measures"
        firm = j
        while sent.low(j) in lx.FIRM_RESPONSE_ADJ or sent.low(j) in {"and", "a", "all", "every"}:
            j += 1
        return j > firm and sent.low(j) in lx.RESPONSE_NOUNS
    return False


# ---------------------------------------------------------------------------- objects
def _object_cue(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    """Readout verbs whose object is the claim: "underscored the importance of X" (X asked of
    the other side), "pressed for X and for Y", "affirmed support for X", "named X as a
    priority", "X remains a priority", "tasked their teams to ..."."""
    w, nxt = sent.low(i), sent.low(i + 1)
    if w in {"need", "necessity"} and nxt in {"for", "of", "to"} and sent.low(i - 1) == "the":
        if sent.low(i - 2) in lx.EMPHASIS_VERBS:  # "stressed the need for restraint"
            return Cue("importance", i - 1, i + 2, form="noun" if nxt != "to" else "base")
        return None
    if w == "importance" and nxt == "of" and sent.low(i - 1) == "the":
        if sent.low(i - 2) in lx.EMPHASIS_VERBS:
            return Cue("importance", i - 1, i + 2, form="noun", past=sent.low(i - 2).endswith("d"))
        return None
    if w in lx.CALL_FOR_VERBS and nxt == "for":
        return Cue("call_for", i, i + 2, form="noun", past=w.endswith("ed"))
    if w == "sought" and _person_before(sent, i) and (
        nxt in {"a", "an", "the"} or nxt in {"fair", "equal", "greater"}
    ):
        return Cue("call_for", i, i + 1, form="noun", past=True)  # "She sought a level ..."
    if w == "sought" and nxt == "assurances" and sent.low(i + 2) == "that":
        return Cue("call_for", i, i + 1, form="noun", past=True)
    if w == "support" and nxt == "for" and sent.low(i - 1) in lx.SUPPORT_LEADS:
        return Cue("support_for", i, i + 2, form="noun")
    if w in lx.NAMING_VERBS and sent.at.get(i + 1) is None:
        for j in range(i + 2, min(sent.end, i + 25)):
            if sent.low(j) in {";", ".", ":"}:
                break
            if sent.low(j) == "as" and lx.PRIORITY_WORDS & {sent.low(j + k) for k in (1, 2, 3)}:
                return Cue("named_priority", i + 1, i + 1, form="clause")
        return None
    if w in {"priority", "priorities"} and sent.low(i + 1) != "is":
        for k in (1, 2, 3):
            if sent.low(i - k) in {"remains", "remain", "is", "are"}:
                return Cue("priority_of", i - k, i - k, form="none")
            if sent.low(i - k) not in _PRIORITY_MODIFIERS:
                break
        return None
    if (
        w == "not"
        and nxt in lx.INTENDED
        and (sent.low(i + 2) == "to" or (sent.low(i + 2) == "at" and is_gerund(sent.low(i + 3))))
        and sent.low(i - 1) in {"is", "are", "were", "was"}
    ):
        return Cue("disclaim", i - 1, i + 3, negated=True)  # "are not intended to / aimed at"
    if w in {"policy", "position", "positions", "policies"}:
        return _unchanged_policy(sent, i)
    if w in {"tasked", "instructed", "directed", "asked", "charged", "encouraged"}:
        k = i + 1
        while sent.low(k) in {"their", "the", "both", "two", "respective"}:
            k += 1
        if sent.low(k) in {"teams", "team", "officials", "ministers", "delegations"} and (
            sent.low(k + 1) == "to"
        ):
            return Cue("agree", i, k + 2, form="base", past=True)
    return None


_PRIORITY_MODIFIERS = frozenset({"a", "the", "top", "key", "high", "major", "an", "important"})


def _past_verb_at(sent: Sentence, i: int) -> bool:
    """Is token ``i`` a finite past verb (no "is", "remain", "been" before it)?"""
    j = i - 1
    while j > sent.start and (sent.low(j) in _SOFT_ADVERBS or sent.low(j).endswith("ly")):
        j -= 1
    return sent.low(j) not in _BE | {"was", "were", "been", "being", "become", "becomes"}


def _warning_of_costs(sent: Sentence, i: int) -> Cue | None:
    """ "will pay the price", "will bear all the consequences", "will be held accountable",
    "there would be serious costs": a warning of consequences, a red line."""
    k = _skip_adverbs(sent, i + 1)
    w = sent.low(k)
    if w in {"pay", "bear", "face", "shoulder", "suffer"}:
        for j in range(k + 1, min(sent.end, k + 5)):
            if sent.low(j) in lx.COST_NOUNS:
                return Cue("warning", i, j + 1, form="none")
        return None
    if w == "be" and sent.low(k + 1) == "met" and sent.low(k + 2) == "with":
        for j in range(k + 3, min(sent.end, k + 7)):
            if sent.low(j) in lx.RESPONSE_NOUNS:  # "will be met with resolute countermeasures"
                return Cue("warning", i, j + 1, form="none")
        return None
    if w == "be" and sent.low(k + 1) == "responsible" and sent.low(k + 2) == "for":
        for j in range(k + 3, min(sent.end, k + 7)):
            if sent.low(j) in lx.COST_NOUNS:  # "will be responsible for all the consequences"
                return Cue("warning", i, j + 1, form="none")
        return None
    if w in {",", ".", ";", ""} and _conditional_before(sent, i):
        return Cue("warning", i, i, form="none")  # "if the PRC does not ..., the U.S. will."
    if w == "be" and sent.low(k + 1) in {"held", "answerable"}:
        j = k + 2 if sent.low(k + 1) == "held" else k + 1
        if sent.low(j) in {"accountable", "responsible", "answerable"} or j == k + 1:
            return Cue("warning", i, j + 1, form="none")
    if w == "be" and sent.low(i - 1) == "there":
        for j in range(k + 1, min(sent.end, k + 4)):
            if sent.low(j) in lx.COST_NOUNS:
                return Cue("warning", i - 1, j + 1, form="none")
    if w == "not" and sent.low(k + 1) == "hesitate" and sent.low(k + 2) == "to":
        return Cue("warning", i, k + 3, form="none", negated=True)
    return None


def _conditional_before(sent: Sentence, i: int) -> bool:
    """Is the "will" at ``i`` the verb of a main clause after a condition on the other side's
    conduct ("if the PRC does not address this problem, the United States will")?"""
    k = i - 1
    while k > sent.start and sent.low(k) not in {","}:
        k -= 1
    cond = next(
        (j for j in range(max(sent.start, k - 15), k) if sent.low(j) in {"if", "unless", "should"}),
        None,
    )  # the condition names a party: "if you ask me, ...": no warning
    return cond is not None and any(sent.at.get(j) is not None for j in range(cond + 1, k))


_HAS_IS = frozenset({"has", "is", "remains", "will"})


def _unchanged_policy(sent: Sentence, i: int) -> Cue | None:
    """ "there has been no change in our one China policy", "Nothing about the visit changes
    our one China policy", "U.S. policy remains what it has been": a policy reaffirmed."""
    back = [sent.low(j) for j in range(max(sent.start, i - 12), i)]
    after = i + 1
    if sent.low(after) in {"on", "toward", "towards", "regarding"}:  # "policy on Taiwan has ..."
        after = next((j for j in range(after + 1, after + 4) if sent.low(j) in _HAS_IS), after)
    ahead = [sent.low(j) for j in range(after, min(sent.end, after + 3))]
    negative = ("no" in back and "change" in back) or "nothing" in back
    steady = bool(ahead) and (
        (ahead[0] in {"remains", "remain", "is"} and set(ahead[1:]) & lx.UNCHANGED)
        or ahead[:2] in (["has", "not"], ["has", "n't"], ["will", "not"])
    )
    if not (negative or steady):
        return None
    j = i
    while j > sent.start and sent.low(j - 1) not in {",", ";", ":", "that", '"'}:
        j -= 1
    negated = negative or (len(ahead) > 1 and ahead[1] in {"not", "n't"})
    return Cue("policy_unchanged", j, j, form="none", negated=negated)


# ---------------------------------------------------------------------------- asking
def _ask(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    w = sent.low(i)
    if w in _WARN_VERBS and sent.low(i + 1) != "that":
        to = _np_then(sent, i + 1, {"to", "not"}, 8)  # "warned the U.S. side not to meddle"
        if to is None or (sent.at.get(i + 1) is None and sent.low(i + 1) not in {"the", "it"}):
            return None
        neg = sent.low(to) == "not"
        comp = to + 2 if neg else to + 1
        if sent.low(comp - 1) != "to":
            return None
        return Cue("ask", i, comp, negated=neg, past=w.endswith("ed"), obj=(i + 1, to))
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
    if sent.low(k) == "that" and w not in {"expect", "expects", "expected"}:
        return _ask_that(sent, i, k + 1, doc_verbs)  # "requested that the U.S. side lift ..."
    to = _np_then(sent, k, {"to"}, 10)
    if to is None:
        if w in {"urged", "urges", "urge"} and _asks_for_thing(sent, k):
            return Cue("call_for", i, k, form="noun", past=w == "urged")  # "urged restraint"
        return None
    neg = sent.low(to - 1) == "not"
    obj_end = to - 1 if neg else to
    if obj_end <= k:
        return None
    return Cue("ask", i, to + 1, negated=neg, past=w in lx.PAST_ASK, obj=(k, obj_end))


def _asks_for_thing(sent: Sentence, k: int) -> bool:
    """ "urged restraint in ...", "urges calm": the thing asked follows the verb, not a party
    asked (whose verb would follow after "to")."""
    if sent.at.get(k) is not None or sent.low(k) in lx.DETERMINERS | {"that", "both", "all"}:
        return False
    return sent.low(k).isalpha() and sent.low(k) not in {"him", "her", "them", "us", "it"}


def _ask_that(sent: Sentence, i: int, k: int, doc_verbs: set[str]) -> Cue | None:
    """ "requested that the U.S. side lift ...", "urged that Washington should ...": the
    asked party is the subject of the that-clause, its (subjunctive or modal) verb the ask."""
    for j in range(k + 1, min(sent.end, k + 9)):
        w = sent.low(j)
        if w in {",", ";", "."}:
            return None
        if sent.at.get(j) is not None:
            continue
        if w in {"should", "must", "shall"}:
            comp = _skip_adverbs(sent, j + 1)
            return Cue("ask", i, comp, past=sent.low(i) in lx.PAST_ASK, obj=(k, j))
        if is_verb(w, doc_verbs) or w in {"not", "stop"}:
            neg = w == "not"
            return Cue("ask", i, j + neg, negated=neg, past=sent.low(i) in lx.PAST_ASK, obj=(k, j))
    return None


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
    if (w in lx.REAFFIRM_VERBS or w in lx.EMPHASIS_VERBS) and nxt == "their":
        # "the two leaders reiterated their agreement that ...", "underscored their opposition
        # to ...": what both hold, restated together (a consensus with a joint subject)
        k = i + 2 + (sent.low(i + 2) in {"shared", "mutual", "common", "joint"})
        if sent.low(k) in lx.CONSENSUS_NOUNS and sent.low(k + 1) == "that":
            return Cue("agree", i, k + 2, form="clause", past=True)
        if (sent.low(k), sent.low(k + 1)) in {("opposition", "to"), ("support", "for"),
                                              ("commitment", "to")}:
            return Cue("agree", i, k + 2, form="noun", past=True)
    if w == "committed" and nxt == "to" and _past_verb_at(sent, i):
        # "the two sides committed to ...": a verb, not "is committed to"
        comp = i + 2
        form = "gerund" if is_gerund(sent.low(comp)) else "base"
        if form == "base" and not is_verb(sent.low(comp), doc_verbs):
            form = "noun"
        return Cue("agree", i, comp, form=form, past=True)
    if w in lx.AGREE_VERBS and w != "committed" and nxt in {"to", "that", "on", "upon"}:
        form = "base" if nxt == "to" else "clause" if nxt == "that" else "noun"
        return Cue("agree", i, i + 2, form=form, past=w.endswith("ed"))
    if w == "reached" and sent.low(i - 1) in {"was", "were"} and nxt in {"on", "that"} and any(
        sent.low(j) in lx.CONSENSUS_NOUNS for j in range(max(sent.start, i - 4), i - 1)
    ) and not any(sent.low(j) in _NEG for j in range(max(sent.start, i - 5), i)):
        # "A consensus was reached on working toward a visit ..." (not "No agreement was ...")
        form = "clause" if nxt == "that" else "gerund" if is_gerund(sent.low(i + 2)) else "noun"
        return Cue("agree", i, i + 2, form=form, past=True)
    if w in {"reached", "reach", "reaches", "achieved"}:
        for j in range(i + 1, min(sent.end, i + 7)):
            if sent.low(j) in lx.CONSENSUS_NOUNS:
                if sent.low(j + 1) == "on":
                    form = "gerund" if is_gerund(sent.low(j + 2)) else "noun"
                    return Cue("agree", i, j + 2, form=form, past=True)
                return None
            if sent.low(j) in {",", ".", ";"}:
                return None
    if w in {"shared", "share", "shares"} and sent.low(i + 1) in {"the", "a"} and (
        sent.low(i + 2) in {"view", "belief", "understanding", "assessment"}
        and sent.low(i + 3) == "that"
    ):
        return Cue("agree", i, i + 4, form="clause", past=w == "shared")  # "shared the view that"
    if w in {"welcomed", "welcome"} and sent.low(i - 1) not in {"the", "a", "to"}:
        return Cue("welcome", i, i + 1, form="none", past=w == "welcomed")
    if w in {"plan", "plans"} and nxt == "to" and is_verb(sent.low(i + 2), doc_verbs):
        return Cue("welcome", i, i + 2, form="base", past=True)  # "Both countries plan to ..."
    endorses = w in {"endorsed", "encouraged"} and (nxt in {"the", "an", "a"} or is_gerund(nxt))
    if endorses and _np_then(sent, i + 1, {"to"}, 10) is None:  # not "encouraged the PRC to"
        return Cue("welcome", i, i + 1, form="none", past=True)  # "endorsed an increase in"
    return None


# ---------------------------------------------------------------------------- commitments
def _commit(sent: Sentence, i: int, doc_verbs: set[str]) -> Cue | None:
    w = sent.low(i)
    if w in _BE:
        return _commit_adjective(sent, i)
    if w in {"was", "were"} and sent.low(_skip_adverbs(sent, i + 1)) in _PAST_PLEDGES:
        return _commit_adjective(sent, i)  # "Both sides were committed to ...", reported
    if w in _WILL:
        return _commit_will(sent, i, doc_verbs)
    if w in {"does", "do", "did"} and sent.low(i + 1) in _NEG:
        k = _skip_adverbs(sent, i + 2)
        if sent.low(k) in {"seek", "support", "want", "intend", "accept", "pursue", "aim"}:
            return Cue("commit", i, k, negated=True, past=w == "did")
    if w in {"has", "have"} and sent.low(i + 1) == "set":
        for j in range(i + 2, min(sent.end, i + 6)):
            if sent.low(j) in lx.GOAL_NOUNS and sent.low(j + 1) in {"to", "of"}:
                return Cue("commit", i, j + 2, form="none")  # "has set a goal to reach ..."
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
    if w in {"expressed", "expresses", "express"}:
        k = i + 1 + (sent.low(i + 1) in {"its", "their", "his", "her", "the"})
        if sent.low(k) in {"willingness", "readiness"} and sent.low(k + 1) == "to":
            return Cue("commit", i, k + 2)  # "expressed willingness to strengthen ..."
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
        if sent.low(j) in {"remains", "is", "remain", "are"} and (
            sent.low(j + 1) in lx.RESOLVE_ADJECTIVES
        ):
            span = (owner.tok_start, owner.tok_end)
            return Cue("resolve", owner.tok_start, j + 2, form="none", obj=span)
        if _never_wavers(sent, j):  # "China's determination ... will not waver"
            span = (owner.tok_start, owner.tok_end)
            return Cue("resolve", owner.tok_start, j + 3, form="none", obj=span, negated=True)
    return None


_WAVER = frozenset({"waver", "weaken", "change", "shaken", "falter", "wane"})


def _never_wavers(sent: Sentence, j: int) -> bool:
    """Is ``j`` "will not / will never" before a verb of wavering ("will not waver")?"""
    if sent.low(j) not in _WILL or sent.low(j + 1) not in _NEG:
        return False
    k = j + 2 + (sent.low(j + 2) == "be")
    return sent.low(k) in _WAVER


_PAST_PLEDGES = frozenset({"committed", "dedicated", "determined", "willing", "ready"})


def _commit_adjective(sent: Sentence, i: int) -> Cue | None:
    k = _skip_adverbs(sent, i + 1)
    neg = sent.low(k) in _NEG
    if neg:
        k = _skip_adverbs(sent, k + 1)
    adj = sent.low(k)
    if adj == "going" and sent.low(k + 1) == "to" and sent.low(i) not in {"'s", "be"}:
        verb = _skip_adverbs(sent, k + 2)
        if sent.low(verb) in lx.GOING_TO_PLEDGE and sent.low(i - 1) != "i":
            return Cue("commit", i, verb, negated=neg)  # "we are going to keep protecting ..."
    if neg and adj in lx.SEEKING and sent.low(k + 1) == "to":
        return Cue("commit", i, k + 2, negated=True)  # "is not seeking to change China's system"
    if neg and adj == "seeking" and sent.low(k + 1) in lx.DETERMINERS - {"no", "more"}:
        return Cue("commit", i, k + 1, form="none", negated=True)  # "is not seeking a new Cold War"
    if adj in lx.RESOLUTE_ADJECTIVES and sent.low(k + 1) == "in" and is_gerund(sent.low(k + 2)):
        return Cue("commit", i, k + 2, form="gerund", negated=neg)  # "are firm in safeguarding"
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
    if sent.low(i) == "would" and verb not in {"welcome", "like", "support", "keep", "continue"}:
        return None
    if verb == "be" and is_gerund(sent.low(k + 1)):
        return None  # "we will be watching": a prediction
    jointly = {"jointly", "together"} & {sent.low(j) for j in range(i + 1, k)}
    if verb in lx.PROCEDURAL_VERBS and not neg and not jointly:  # "will jointly host": a step
        return Cue("commit", i, k, procedural=True)  # a claim only among points agreed
    told = {sent.low(j) for j in range(k + 1, min(sent.end, k + 4))}
    if (verb in {"release", "give", "announce", "publish"} and told & lx.BRIEFING_NEWS) or (
        verb in {"share", "provide"} and told & (lx.BRIEFING_NEWS - {"information"})
    ):
        return None  # "We will release information in due course": managing the briefing
    if verb == "change" and sent.low(k + 1) in {"", ".", ",", ";", "and"}:
        return None  # "has not changed and will not change": the policy's restatement
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
    if w in _BE | {"was", "were"}:
        k = _skip_adverbs(sent, i + 1)
        if sent.low(k) in _ASKED_PASSIVE and sent.low(k + 1) == "to":
            return Cue("modal", i, k + 2)  # "the U.S. side is advised to stop ...": asked
        if (sent.low(k), sent.low(k + 1), sent.low(k + 2)) == ("called", "upon", "to"):
            return Cue("modal", i, k + 3)
        return None
    if w in {"has", "have"} and _duty_to(sent, i + 1, doc_verbs):
        k = _duty_to(sent, i + 1, doc_verbs)  # "the two countries have a responsibility to"
    elif w in {"need", "needs", "ought", "has", "have"}:
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
    if sent.low(k) == "be" and _participle(sent.low(_skip_adverbs(sent, k + 1))):
        return Cue("modal_passive", i, k, negated=neg)
    # "the U.S. side must not ...": a limit too; so is being told not to underestimate, or to
    # harbor no illusion (about what the speaker's side will do)
    warned = sent.low(k) == "underestimate" or (
        sent.low(k) in {"harbor", "harbour", "have", "entertain", "cherish"}
        and bool({sent.low(k + j) for j in (1, 2)} & {"illusion", "illusions"})
    )
    limit = neg and (w in {"must", "mustn't"} or warned)
    return Cue("modal", i, k, negated=neg, redline=limit)


_DUTIES = frozenset({"responsibility", "obligation", "duty"})
#: "X is advised / urged / expected to ...": the passive of asking, X the one asked.
_ASKED_PASSIVE = frozenset(
    {"advised", "urged", "requested", "asked", "expected", "required", "encouraged", "obliged"}
)


def _duty_to(sent: Sentence, k: int, doc_verbs: set[str]) -> int:
    """Where the verb of "(have) a (shared) responsibility to ..." starts (0 if not one)."""
    if sent.low(k) not in {"a", "the"}:
        return 0
    k += 1
    if sent.low(k) in {"shared", "special", "joint", "common", "particular", "great"}:
        k += 1
    duty = sent.low(k) in _DUTIES and sent.low(k + 1) == "to"
    return k + 2 if duty and is_verb(sent.low(k + 2), doc_verbs) else 0


_PARTICIPLES = frozenset(
    {"made", "held", "kept", "put", "met", "set", "built", "done", "paid", "brought", "sought",
     "given", "seen", "taken", "shown", "known", "laid", "upheld", "left", "dealt", "found"}
)


def _participle(word: str) -> bool:
    """Is ``word`` a past participle ("must be respected", "should be kept"), so that "must
    be ..." is passive, not a copula ("should be partners, not rivals")?"""
    return (word.endswith("ed") and len(word) > 3) or word.endswith("en") or word in _PARTICIPLES


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
    """ "the top priority is to ...", "our overriding priority ... is to ensure ...", and the
    members of an enumeration: "The first is to ...; the second is to ..."."""
    if (
        sent.low(i) in lx.ORDINAL_ADVERBS
        and sent.low(i + 1) == ","
        and sent.low(i - 1) in {"", ";", ":", "and"}
        and is_verb(sent.low(i + 2), doc_verbs)
        and sent.low(i + 2) not in {"let", "thank", "allow", "please", "note", "welcome", "say"}
    ):
        return Cue("imperative", i, i + 2)  # "First, stop interfering in ..."
    if sent.low(i) in lx.ORDINALS and sent.low(i - 1) == "the":
        if (sent.low(i + 1), sent.low(i + 2)) == ("is", "to"):
            return Cue("priority", i - 1, i + 3)
        return None
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
    if w in {"continues", "continue"} and sent.low(k + 1) == "to":
        k += 2  # "the United States continues to oppose any unilateral change": still policy
        w = sent.low(k)
        if w not in {"oppose", "support"} and w not in lx.POLICY_VERBS:
            return None
    if w in {"take", "takes"} and (sent.low(k + 1), sent.low(k + 2)) == ("no", "position"):
        return Cue("policy", i, k, form="none", negated=True)  # "we take no position on ..."
    if w in {"stand", "stands"} and sent.low(k + 1) not in {"with", "by"}:
        return None  # "we stand with our ally", not "stands at a crossroads"
    if w in {"oppose", "opposes"}:
        if sent.low(k + 1) in lx.ANY_WORDS and not _names_a_party(sent, k + 1):
            return Cue("policy", i, k, form="none")  # "opposes any unilateral change to ..."
        return None  # "firmly opposes such moves": a protest
    if w in {"want", "wants"} and (
        sent.low(i - 1) == "i" or sent.low(k + 1) in {"", ".", ",", ";"}
    ):
        return None  # "I want to welcome ...": courtesy; "what China wants.": no object
    if w in {"want", "wants"}:
        wish = _wish(sent, i, k)
        if wish is not None:
            return wish
    if w in lx.BELIEF_VERBS or not w:
        return None
    adverb = k > i
    if w in lx.POLICY_VERBS or (adverb and (is_third_person(w, doc_verbs) or w in lx.BASE_VERBS)):
        form = "3sg" if w.endswith("s") else "base"
        if w in {"remain", "remains"} and sent.low(k + 1) not in {"committed", "open"}:
            return None
        never = "never" in {sent.low(j) for j in range(i, k)}  # "China never seeks hegemony"
        return Cue("policy", i, k, form=form, negated=never)
    return None


def _wish(sent: Sentence, i: int, k: int) -> Cue | None:
    """ "We want to see the PRC take concrete steps", "we want Beijing to ...": a wish about
    a party's conduct, typed like a hope (a demand when the party is the other side)."""
    j = k + 1
    if (sent.low(j), sent.low(j + 1)) == ("to", "see"):
        j += 2
    m = sent.mention_starting_at(j) or sent.mention_starting_at(j + 1)
    if m is None or m.possessive or m.kind not in {"state", "person", "organization", "place"}:
        return None
    comp = m.tok_end + (sent.low(m.tok_end) == "to")
    if not (comp > m.tok_end or j > k + 1):
        return None  # "wants China's ...": not a wish about China's conduct
    return Cue("hope", i, comp, obj=(m.tok_start, m.tok_end))


def _names_a_party(sent: Sentence, k: int) -> bool:
    """Does the clause from ``k`` name a party ("opposes the U.S. side's ...": a protest)?"""
    for j in range(k, min(sent.end, k + 20)):
        if sent.low(j) in {";", ".", ":"}:
            return False
        m = sent.at.get(j)
        if m is not None and m.kind in {"state", "person", "organization", "group"}:
            return True
    return False


#: Every word a cue can start with (so most tokens are passed over at once).
CUE_STARTS = frozenset(
    {
        "position",
        "positions",
        "policies",
        "nobody",
        "play",
        "doomed",
        "bound",
        "destined",
        "nothing",
        "end",
        "policy",
        "not",
        "cannot",
        "up",
        "heart",
        "sensitive",
        "importance",
        "priority",
        "priorities",
        "tasked",
        "instructed",
        "directed",
        "support",
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
        "endorsed",
        "plan",
        "plans",
        "expressed",
        "expresses",
        "express",
        "welcomed",
        "welcome",
        "shared",
        "share",
        "shares",
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
        "sought",
        "unacceptable",
        "intolerable",
    }
    | _WARN_VERBS
    | lx.COST_NOUNS
    | _WILL
    | _BE
    | lx.ASK_VERBS
    | lx.HOPE_VERBS
    | lx.AGREE_VERBS
    | lx.REAFFIRM_VERBS
    | lx.EMPHASIS_VERBS
    | {"was", "were"}
    | lx.RESOLVE_NOUNS
    | lx.PRIORITY_NOUNS
    | lx.ORDINALS
    | lx.ORDINAL_ADVERBS
    | lx.BROOK_VERBS
    | lx.CALL_FOR_VERBS
    | lx.NAMING_VERBS
)
