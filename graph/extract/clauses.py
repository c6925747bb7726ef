"""Clause ends and list items, from punctuation, conjunctions and a verb lexicon (no parser).

"urges the U.S. side to abide by ..., stop arming Taiwan, and support ..." is one demand per
verb phrase, each with its own offsets; "on Taiwan, democracy and human rights" is one list of
objects. A new item starts where a segment after a comma or a conjunction begins with a verb
of the same form as the first item (base form after "to" or a modal, "-ing" after "committed
to", third person after "China firmly pursues"); anything else continues the current item.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.extract import lexicon as lx
from graph.extract.sentences import Sentence

FINITE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "must",
        "should",
        "can",
        "could",
        "has",
        "have",
        "had",
        "does",
        "do",
        "did",
        "'s",
        "'re",
        "'ll",
        "remains",
        "remain",
        "shall",
        "may",
        "might",
        "need",
        "needs",
        "cannot",
        "wo",
    ]
)
#: Words skipped before the head of a list item.
_LEADERS = frozenset(
    {
        "and",
        "or",
        "nor",
        "but",
        "also",
        "then",
        "further",
        "meanwhile",
        "instead",
        "still",
        "less",
        "rather",
        "than",
        "to",
        "not",
        "never",
        "do",
        "n't",
        "together",
        "even",
        ",",
    }
)
_NEGATORS = frozenset({"not", "never", "nor", "n't", "no", "neither", "less"})
_CLAUSE_DETERMINERS = frozenset({"the", "its", "their", "this", "these", "those", "his", "her"})
_SUBJECT_PRONOUNS = frozenset({"we", "they", "it", "he", "she", "i", "you"})
#: Past-tense verbs that, after ", and", start a new predicate of the same subject.
_PREDICATES = frozenset(
    w
    for w in lx.REPORT_VERBS | lx.AGREE_VERBS | lx.REAFFIRM_VERBS | lx.PAST_ASK
    if w.endswith("ed") and w not in {"committed", "resolved"}
)
_POLICY_3SG = frozenset(w for w in lx.POLICY_VERBS if w.endswith("s"))
_ENUMERATORS = frozenset({"i.e.", "namely", "e.g.", "i.e"})


@dataclass
class Item:
    start: int  # first token
    end: int  # one past the last token
    negated: bool = False
    enumerated: bool = False
    redline_nouns: bool = False


@dataclass
class Complement:
    start: int
    end: int
    #: Where an enumeration ("i.e. ...", ": ...") of the same claim starts, if any.
    enum_start: int | None = None
    enum_end: int | None = None
    colon: bool = False


def is_verb(word: str, doc_verbs: frozenset[str] | set[str]) -> bool:
    return word not in lx.NOT_VERBS and (word in lx.BASE_VERBS or word in doc_verbs)


def is_gerund(word: str) -> bool:
    return (
        len(word) > 4
        and word.endswith("ing")
        and word.isalpha()
        and word.islower()
        and word not in lx.GERUND_NOT_VERBS
    )


def is_third_person(word: str, doc_verbs: frozenset[str] | set[str]) -> bool:
    if not word.endswith("s") or len(word) < 4:
        return False
    stems = {word[:-1], word[:-2]}
    if word.endswith("ies"):
        stems.add(word[:-3] + "y")
    return any(is_verb(stem, doc_verbs) for stem in stems)


def _is_adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and word not in {"only", "fly", "apply", "rely"}


def head_index(sent: Sentence, start: int, end: int) -> int:
    """The first token of a segment after conjunctions, "not", "to" and adverbs."""
    k = start
    while k < end:
        w = sent.low(k)
        if w in _LEADERS or _is_adverb(w):
            k += 1
            continue
        if w in {"carefully", "properly"} or (
            w == "and" and k + 1 < end and _is_adverb(sent.low(k + 1))
        ):
            k += 1
            continue
        break
    return k


def new_clause_at(sent: Sentence, k: int, limit: int) -> bool:
    """Does a new clause with its own subject start at token ``k`` ("and the door of X is")?"""
    while sent.low(k) in {"and", "but", "or", "so", "yet", "while", "meanwhile"}:
        k += 1
    w = sent.low(k)
    m = sent.mention_starting_at(k)
    starts_np = (
        w in _SUBJECT_PRONOUNS
        or w in _CLAUSE_DETERMINERS
        or (m is not None and not m.modifier)
        or (m is not None and m.kind == "group")
    )
    if not starts_np:
        return False
    named = w in _SUBJECT_PRONOUNS or m is not None
    nxt = sent.low(k + 1)
    if w in _SUBJECT_PRONOUNS - {"it", "you"} and (
        nxt in lx.POLICY_VERBS or nxt in lx.BASE_VERBS or nxt in lx.HOPE_VERBS
    ):
        return True  # "..., and we oppose any unilateral change", "..., and we hope to"
    for j in range(k + 1, min(limit, k + 9)):
        word = sent.low(j)
        if word in {",", ";", ":"}:
            return False
        if word in FINITE:
            return True
        if (
            named
            and sent.at.get(j) is None
            and (
                word in lx.AGREE_VERBS
                or word in lx.REPORT_VERBS
                or word in lx.ASK_VERBS
                or word in lx.HOPE_VERBS
            )
        ):
            return True  # "and they agreed to ...", "and China urged ..."
    return False


def complement(sent: Sentence, start: int, limit: int, stops: set[int]) -> Complement:
    """Where a cue's complement ends: a semicolon, a new clause, a relative or purpose clause,
    another cue, or the end of the region. Enumerations after "i.e." or a colon are noted."""
    depth = 0
    k = start
    while k < limit:
        w = sent.low(k)
        if w == '"':
            depth ^= 1
        elif depth:
            pass
        elif w in {";", "--", "—"}:
            return Complement(start, k)
        elif w == ":":
            return Complement(start, k, enum_start=k + 1, enum_end=limit, colon=True)
        elif w in _ENUMERATORS:
            end = k - 1 if sent.low(k - 1) == "," else k
            return Complement(start, end, enum_start=k + 1, enum_end=limit)
        elif w == "," and sent.low(k + 1) in lx.PARTICIPLE_FRAMES and "that" in (
            sent.low(k + 2),
            sent.low(k + 3),
        ):
            return Complement(start, k)  # "..., warning that there would be consequences"
        elif w == "," and sent.low(k + 1) in _RELATIVES and k > start + 1:
            return Complement(start, k)  # "..., where a new leader will take office": an aside
        elif w == "," and _member_start(sent, k) == k + 4:
            k += 4  # ", as well as the Defense Policy Coordination Talks": the list goes on
            continue
        elif w in {",", "and", "but"} and k > start:
            nxt = k + 1
            if sent.low(nxt) in {"and", "but"} and w == ",":
                nxt += 1
            if sent.low(nxt) == "that":
                return Complement(start, k)  # "..., but that we ...": another reported clause
            if sent.low(nxt) in lx.LIST_ENDERS and w == ",":
                return Complement(start, k)
            head = head_index(sent, k + 1, limit)
            if head in stops or (w != "and" and new_clause_at(sent, nxt, limit)):
                return Complement(start, k)
            if sent.low(head) in FINITE and sent.low(head) not in {"do", "to"}:
                return Complement(start, k)  # ", and will ...": a new predicate
            if sent.low(head) in _PREDICATES and sent.at.get(head) is None:
                return Complement(start, k)  # ", and reaffirmed that ...": the same subject
            if (
                sent.low(head) in _POLICY_3SG
                and sent.at.get(head) is None
                and sent.low(head + 1) in lx.DETERMINERS | {"companies", "firms", "investment"}
            ):
                return Complement(start, k)  # "will continue to open up and welcomes ..."
            if (
                w == "and"
                and new_clause_at(sent, k + 1, limit)
                and sent.low(k + 1) != "and"
                and not _names_only(sent, start, k)
            ):
                return Complement(start, k)
        k += 1
    return Complement(start, limit)


_RELATIVES = frozenset({"where", "which", "who", "whose", "whom"})


def _names_only(sent: Sentence, start: int, end: int) -> bool:
    """Are the tokens ``[start, end)`` names alone ("President Biden" in "that President Biden
    and President Xi would speak"): an "and" after them joins subjects, not clauses."""
    return end > start and all(
        sent.at.get(j) is not None or sent.low(j) == "the" for j in range(start, end)
    )


def _segments(sent: Sentence, start: int, end: int) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, separators before it) of the top-level pieces between commas and
    conjunctions; text inside quotation marks or brackets is never cut."""
    segs: list[tuple[int, int, tuple[str, ...]]] = []
    leads: tuple[str, ...]
    seg_start, leads = start, ()
    quote = paren = 0
    k = start
    while k < end:
        w = sent.low(k)
        if w == '"':
            quote ^= 1
            if not quote and not paren and sent.low(k - 1) == "," and k + 1 < end:
                segs.append((seg_start, k + 1, leads))
                seg_start, leads = k + 1, (",",)
                k += 1
                continue
        elif w == "(":
            paren += 1
        elif w == ")":
            paren = max(0, paren - 1)
        cut = None
        if not quote and not paren:
            if w == ",":
                cut = (",",)
            elif w in {"and", "or", "nor"} and not (
                _is_adverb(sent.low(k - 1)) and _is_adverb(sent.low(k + 1))
            ):
                cut = (w,)
            elif w == "still" and sent.low(k + 1) == "less":
                cut = ("still less",)
            elif w == "rather" and sent.low(k + 1) == "than" and sent.low(k - 1) == ",":
                cut = ("rather than",)
        if cut is not None:
            if k > seg_start:
                segs.append((seg_start, k, leads))
                leads = cut
            else:
                leads = (*leads, *cut)
            seg_start = k + 1 if cut[0] not in {"still less", "rather than"} else k + 2
            k = seg_start
            continue
        k += 1
    if seg_start < end:
        segs.append((seg_start, end, leads))
    return segs


def split_items(
    sent: Sentence,
    start: int,
    end: int,
    form: str,
    doc_verbs: frozenset[str] | set[str],
    *,
    enumeration: bool = False,
) -> list[Item]:
    """The list items of a complement, each with its own token span and negation."""
    segs = _segments(sent, start, end)
    if not segs:
        return []
    if form in {"noun", "nounlist"}:  # objects are listed between commas only
        merged = [segs[0]]
        for seg in segs[1:]:
            if "," in seg[2]:
                merged.append(seg)
            else:
                merged[-1] = (merged[-1][0], seg[1], merged[-1][2])
        segs = merged
    items = [Item(segs[0][0], segs[0][1])]
    first_gerund = _early_gerund(sent, segs[0][0], segs[0][1])
    closed = False
    for seg_start, seg_end, leads in segs[1:]:
        if form in {"noun", "nounlist"}:
            closed = closed or sent.low(head_index(sent, seg_start, seg_end)) in lx.LIST_CLOSERS
        if not closed and _starts_item(
            sent, seg_start, seg_end, leads, form, items[-1], doc_verbs, enumeration, first_gerund
        ):
            items.append(
                Item(seg_start, seg_end, negated=_negated(sent, seg_start, seg_end, leads))
            )
        else:
            items[-1].end = seg_end
    for item in items:
        item.end = trim(sent, item.start, item.end)
    if form in {"base", "3sg"}:
        items = [part for item in items for part in _object_list(sent, item, doc_verbs)]
    if form == "noun":
        items = [part for item in items for part in _repeated_of(sent, item)]
    return [i for i in items if i.end > i.start]


def _repeated_of(sent: Sentence, item: Item) -> list[Item]:
    """ "the importance of managing competition and of maintaining open lines": the preposition
    said again starts a second object, each its own claim (guide, rule 6)."""
    for k in range(item.start + 1, item.end - 2):
        if sent.low(k) == "and" and sent.low(k + 1) == "of" and is_gerund(sent.low(k + 2)):
            first = Item(item.start, trim(sent, item.start, k), item.negated)
            return [first, *_repeated_of(sent, Item(k + 2, item.end, item.negated))]
    return [item]


_LIST_DETERMINERS = frozenset({"the", "its", "their", "all", "any", "his", "her", "our"})


def _object_list(sent: Sentence, item: Item, doc_verbs: frozenset[str] | set[str]) -> list[Item]:
    """ "stop the tariff war, the technology blockade and the decoupling push": one verb
    governing a list of noun phrases, each a measure of its own (guide, rule 6). The first item
    keeps the verb, the others are the bare noun phrases. Only a list with a comma, each
    member opening with a determiner, splits ("abide by the principle and the communiques",
    "sanctions on officials and institutions" stay whole)."""
    head = head_index(sent, item.start, item.end)
    if not is_verb(sent.low(head), doc_verbs):
        return [item]
    bare = sent.low(head + 1) not in _LIST_DETERMINERS  # "resume military communication, the
    # Defense Policy Coordination Talks, and the ... meetings": two later members must agree
    cuts: list[int] = []
    depth = 0
    as_well = False  # "resume military communication, as well as the Talks": said outright
    for k in range(head + 2, item.end):
        w = sent.low(k)
        if w in {'"', "(", ")"}:
            depth ^= 1
        if depth or w not in {",", "and", "or"}:
            continue
        nxt = _member_start(sent, k)
        if sent.low(nxt) in _LIST_DETERMINERS and not any(
            sent.low(j) in FINITE for j in range(nxt + 1, min(item.end, nxt + 4))
        ):
            cuts.append(k)
            as_well = as_well or nxt - k == 4
    members = {_member_start(sent, k) for k in cuts}
    if bare and len(members) < 2 and not as_well:
        return [item]
    if not any(sent.low(k) == "," for k in cuts) or any(
        sent.low(j) in {"that", "which", "who", "where", "when"} for j in range(head, cuts[0])
    ):
        return [item]  # "make sure that in this century, the 21st century, ...": a clause
    parts, start = [], item.start
    for k in cuts:
        parts.append(Item(start, trim(sent, start, k), item.negated))
        start = _member_start(sent, k)
    parts.append(Item(start, item.end, item.negated))
    return [p for p in parts if p.end > p.start]


def _member_start(sent: Sentence, k: int) -> int:
    """Where the list member after the separator at ``k`` starts (past "and", "as well as")."""
    if sent.low(k) == "," and [sent.low(k + j) for j in (1, 2, 3)] == ["as", "well", "as"]:
        return k + 4
    return k + 1 + (sent.low(k + 1) in {"and", "or"})


def _negated(sent: Sentence, start: int, end: int, leads: tuple[str, ...]) -> bool:
    if any(lead in {"nor", "still less"} for lead in leads):
        return True
    head = head_index(sent, start, end)
    return any(sent.low(k) in _NEGATORS for k in range(start, head))


@dataclass
class _Segment:
    """A piece of a complement between commas or conjunctions, seen from its head word."""

    sent: Sentence
    start: int
    end: int
    leads: tuple[str, ...]
    head: int

    @property
    def word(self) -> str:
        return self.sent.low(self.head)

    @property
    def comma(self) -> bool:
        return "," in self.leads or any(
            x in self.leads for x in ("nor", "still less", "rather than")
        )


def _starts_item(
    sent: Sentence,
    start: int,
    end: int,
    leads: tuple[str, ...],
    form: str,
    current: Item,
    doc_verbs: frozenset[str] | set[str],
    enumeration: bool,
    first_gerund: bool = False,
) -> bool:
    """Does this segment start a new list item, or continue the current one?"""
    seg = _Segment(sent, start, end, leads, head_index(sent, start, end))
    if seg.head >= end:
        return False
    if "or" in leads and sent.low(start) == "even":
        return False  # "must not question, disparage or even try to overturn": one escalation
    if "still less" in leads and form in {"base", "3sg"} and seg.word.isalpha():
        # "should not play the card, still less attempt to B": a second act; "should not
        # interfere, still less stir up trouble" escalates one act without an object (rule 6)
        has_object = current.end - head_index(sent, current.start, current.end) > 2
        return has_object and seg.word not in lx.DETERMINERS
    if form in {"nounlist", "noun", "clause"}:
        return _starts_object(seg, form, current)
    if form == "gerund" or (enumeration and is_gerund(seg.word)):
        gerund = is_gerund(seg.word) or (
            seg.word == "following" and sent.low(seg.head + 1) in lx.PARTICLES
        )  # "following up on ..."
        repeated = sent.low(start) == "to" and start < seg.head  # "and to following up"
        return gerund and (seg.comma or enumeration or repeated)
    if sent.low(seg.head + 1) == "-" or seg.word in lx.OPINION_VERBS:
        return False  # "win-win cooperation"; "and think that ..."
    if sent.low(start) == "to" and _after_aside(sent, start, current.start):
        return False  # "ready to work with X, on the basis of mutual respect, to explore ..."
    if form == "3sg":
        return seg.comma and is_third_person(seg.word, doc_verbs)
    gerund = seg.comma and is_gerund(seg.word) and first_gerund
    if not (is_verb(seg.word, doc_verbs) or gerund):
        return False
    if seg.comma or "nor" in leads:
        return True
    if sent.low(start) == "to" and start < seg.head and any(c in leads for c in ("and", "or")):
        return True  # "not meant to decouple A or to hold back B": the "to" is repeated
    return _after_bare_conjunction(seg, current, doc_verbs)


def _starts_object(seg: _Segment, form: str, current: Item) -> bool:
    """Lists of objects: "red lines on A, B and C"; "looks forward to A, B and C"."""
    if form == "nounlist":
        return seg.comma
    if form == "clause":
        return seg.comma and any(seg.sent.low(j) in FINITE for j in range(seg.start, seg.end))
    if seg.word in {"while", "including", "especially", "particularly", "such"}:
        return False
    sent = seg.sent
    bare = sent.low(seg.start) not in lx.DETERMINERS and not sent.low(seg.start).endswith("ed")
    if bare and _words(sent, seg.start, seg.end) <= 5 and any(
        sent.low(k) == "of"
        and sent.low(k - 1).endswith("s")
        and sent.low(k + 1) not in lx.DETERMINERS
        for k in range(current.start + 1, current.end - 1)
    ):
        return False  # "the principles of mutual respect, peaceful coexistence and ...": one
    if sent.low(seg.start - 3) in {"a", "an", "the", "more"}:
        return False  # "a stable, predictable and constructive relationship": adjectives
    return (
        seg.comma
        and _words(sent, seg.start, seg.end) >= 3
        and _words(sent, current.start, current.end) >= 3
    )


_ASIDE_PREPOSITIONS = frozenset(
    {"on", "in", "with", "through", "under", "by", "at", "based", "guided", "for"}
)


def _after_aside(sent: Sentence, start: int, lower: int) -> bool:
    """Does the segment at ``start`` follow a prepositional aside set off by commas (", on the
    basis of mutual respect, to explore ..."), so that it is the purpose of the same pledge?"""
    if sent.low(start - 1) != ",":
        return False
    for k in range(start - 2, max(lower, start - 12), -1):
        if sent.low(k) == ",":
            return sent.low(k + 1) in _ASIDE_PREPOSITIONS
        if sent.low(k) in {";", ":", "and", "or"}:
            return False
    return False


def _after_bare_conjunction(
    seg: _Segment, current: Item, doc_verbs: frozenset[str] | set[str]
) -> bool:
    """ "and VERB" without a comma: a new item only once the current one has its own object,
    not for paired verbs on one object ("contain and suppress China", "respect and protect"),
    and not for a word as often a noun ("and exchange mechanisms")."""
    sent = seg.sent
    if seg.word in lx.AMBIGUOUS_VERBS and not (
        sent.low(seg.head + 1) in lx.DETERMINERS
        or sent.mention_starting_at(seg.head + 1) is not None
        or (sent.low(seg.head + 1) == "with" and sent.mention_starting_at(seg.head + 2))
    ):  # "and work with China to ...": a verb
        return False
    last = sent.low(current.end - 1)
    noun = sent.low(current.end - 2) in _NOUN_MARKERS  # "keep disputes under control and ..."
    if (is_verb(last, doc_verbs) and not noun) or is_gerund(last) or last in lx.PARTICLES:
        return False  # "contain and suppress China", "follow up and implement"
    current_head = head_index(sent, current.start, current.end)
    if "or" in seg.leads:  # "cut off their ties or turn their back": one item unless long
        return current.end - current_head >= 5
    return current.end - current_head >= 2


#: Words after which a verb-like word is a noun ("under control", "in return", "the use").
_NOUN_MARKERS = frozenset(
    {"under", "in", "of", "for", "the", "a", "an", "its", "their", "our", "on", "with", "into"}
)


def _early_gerund(sent: Sentence, start: int, end: int) -> bool:
    """Does the first item continue in gerunds ("join X in fulfilling ...")? Then later
    gerunds after commas are items of their own ("..., supporting ...")."""
    return any(
        is_gerund(sent.low(k)) and sent.low(k - 1) in {"in", "by"}
        for k in range(start, min(end, start + 9))
    )


def trim(sent: Sentence, start: int, end: int) -> int:
    """Drop trailing punctuation and conjunctions, keeping a closing quote that pairs."""
    while end > start and (
        sent.low(end - 1) in {",", ".", ";", ":", "and", "or", "but", "-", "--", "!", "?"}
        or sent.para.lows[end - 1] == ""
        or (sent.low(end - 1) == '"' and _quotes(sent, start, end) % 2 == 1)
    ):
        end -= 1
    quotes = _quotes(sent, start, end)
    if quotes % 2 == 1 and sent.low(end) == "," and sent.low(end + 1) == '"':
        end += 2
    elif quotes % 2 == 1 and sent.low(end) == '"':
        end += 1
    return end


def _quotes(sent: Sentence, start: int, end: int) -> int:
    return sum(1 for k in range(start, end) if sent.low(k) == '"')


def _words(sent: Sentence, start: int, end: int) -> int:
    """Words in a span, a hyphenated compound ("non-conflict") counting as one."""
    return sum(1 for k in range(start, end) if sent.low(k).isalpha() and sent.low(k - 1) != "-")
