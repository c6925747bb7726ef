"""Claim typing: from a cue, its subject and the speaker to typed claims with their spans.

The decision follows the annotation guide (data/gold/ANNOTATION.md): asking the other side is
a demand; a joint modal said by one side is that side's demand; one's own pledge is a
commitment (negative ones too); what both sides agreed is consensus; a limit that will not be
negotiated is a red line, and "the United States must not cross ..." is both a red line and a
demand. Generic norms with no party as agent are not claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from graph.extract import lexicon as lx
from graph.extract.clauses import Item, complement, is_verb, new_clause_at, split_items, trim
from graph.extract.cues import (
    CUE_STARTS,
    Cue,
    find_cue,
    firm_response,
    third_person_policy,
)
from graph.extract.kb import KnowledgeBase
from graph.extract.parties import consensus_states
from graph.extract.sentences import PRONOUNS, Sentence
from graph.extract.speakers import Region, Speaker
from graph.extract.subjects import Subject, classify, sentence_subject, subject_span

CODES = {
    "demand": ("10", "REQUEST"),
    "red_line": ("13", "THREATEN"),
    "commitment": ("03", "AGREE"),
    "consensus": ("05", "AGREE"),
}
_SUBORDINATORS = frozenset(
    {"whether", "if", "unless", "once", "because", "although", "though", "where", "when"}
)
_IMPLEMENT = frozenset(
    {
        "implemented",
        "honored",
        "honoured",
        "observed",
        "respected",
        "followed",
        "fulfilled",
        "put",
        "carried",
        "translated",
        "delivered",
        "kept",
    }
)
_CONFIDENCE = {
    "ask": 0.92, "ask_from": 0.75, "hope": 0.8, "hope_to": 0.7, "agree": 0.9, "welcome": 0.7,
    "commit": 0.78, "reaffirm": 0.85, "policy": 0.65, "modal": 0.82, "modal_passive": 0.6,
    "lets": 0.7, "impersonal": 0.72, "impersonal_that": 0.7, "priority": 0.7,
    "red_line": 0.85, "red_line_passive": 0.8, "cross_red_line": 0.88, "resolve": 0.7,
    "importance": 0.72, "call_for": 0.8, "support_for": 0.75, "named_priority": 0.7,
    "priority_of": 0.68, "imperative": 0.7, "disclaim": 0.7, "policy_unchanged": 0.75,
    "warning": 0.8,
}  # fmt: skip


@dataclass
class Candidate:
    type: str
    claimants: tuple[str, ...]
    addressee: str | None
    start: int  # code points into the document
    end: int
    negated: bool
    confidence: float
    cue: str
    sentence: Sentence | None  # None for Korean claims (their paragraph is the context)
    speaker: Speaker | None = None


@dataclass
class Context:
    """What the claim rules need to know about the document being read."""

    kb: KnowledgeBase
    states: tuple[str, ...]  # the document's two sides
    doc_verbs: set[str]
    last_subject: Subject | None = None
    #: The subject at the start of the current sentence, for "..., but is willing to ...".
    sentence_subject: Subject | None = None
    #: The speaker state of the reading (for titles read earlier: "the Secretary").
    att: Any = None
    publisher: set[str] = field(default_factory=set)
    #: Set after "Wang Yi laid out three bottom lines" until the paragraph ends: what the
    #: other side is then told it must (not) do is a red line as well as a demand.
    line_list: bool = False
    #: Set after "the two sides agreed on the following" / "reached the following outcomes":
    #: an item only one side undertakes is that side's commitment (rule 9).
    agreed_list: bool = False
    #: Set by a sentence that ends in a colon after both sides' verb of agreement ("The two
    #: sides decided:"): the numbered paragraphs that follow are its items, each a consensus.
    agreed_items: bool = False

    def other(self, state: str | None) -> str | None:
        if state not in self.states or len(self.states) < 2:
            return None
        return self.states[1] if state == self.states[0] else self.states[0]


def speaker_state(ctx: Context, speaker: Speaker | None) -> str | None:
    if speaker is None:
        return None
    if speaker.kind == "state":
        return speaker.actors[0]
    states = {ctx.kb.state_of(a) for a in speaker.actors} - {None}
    return next(iter(states)) if len(states) == 1 else None


def subject_state(ctx: Context, subject: Subject, speaker: Speaker | None) -> str | None:
    """The state a subject stands for ("joint" is handled by the caller)."""
    if subject.kind == "actor" and subject.actors:
        return ctx.kb.state_of(subject.actors[0]) or (
            subject.actors[0] if subject.actor_kind == "state" else None
        )
    if subject.kind in {"we", "speaker", "own"}:
        return speaker_state(ctx, speaker)
    if subject.kind == "you":
        return ctx.other(speaker_state(ctx, speaker))
    return None


def resolve_pronoun(ctx: Context, subject: Subject) -> Subject:
    """ "it" and "they" stand for the subject of an earlier clause."""
    if subject.kind in {"it", "they"} and ctx.last_subject is not None:
        last = ctx.last_subject
        if subject.kind == "they" and last.kind not in {"joint", "generic"}:
            return Subject("generic", subject.start, subject.end)
        return Subject(last.kind, subject.start, subject.end, last.actors, last.actor_kind, True)
    if subject.kind in {"it", "they"}:
        return Subject("generic", subject.start, subject.end)
    return subject


def relation(ctx: Context, subject: Subject, speaker: Speaker | None) -> str:
    """own, other, joint, we, generic or none: the subject seen from the speaker's side."""
    if subject.kind in {"joint", "we", "generic", "none"}:
        return subject.kind
    if subject.kind in {"speaker", "own"}:
        return "own"
    if subject.kind == "person" and subject.pronoun and speaker is not None:
        return "own"  # "He reiterated the one China policy": he is the one who speaks
    state = subject_state(ctx, subject, speaker)
    mine = speaker_state(ctx, speaker)
    if state is None:
        return "generic"
    if mine is None:
        return "actor"
    return "own" if state == mine else "other"


# ---------------------------------------------------------------------------- the rules
def region_claims(ctx: Context, sent: Sentence, region: Region) -> list[Candidate]:
    """Claims stated in one region of a sentence by the region's speaker."""
    if region.intro:
        return []
    cues = _cues(ctx, sent, region)
    stops = {c.start for c in cues}
    out: list[Candidate] = []
    consumed = region.start
    previous: tuple[Cue, list[Candidate]] | None = None
    clause_subject: Subject | None = None
    if sent.low(sent.end - 1) == "?" or sent.low(sent.end - 2) == "?":
        return []  # a question asks nothing of anyone
    for cue in cues:
        if cue.start < consumed and previous is not None and not previous[1]:
            consumed = cue.start  # the outer cue made no claim: this one stands alone
        if cue.start < consumed:
            if previous and _overrides(previous[0], cue):
                for cand in previous[1]:
                    out.remove(cand)
            elif cue.kind in {"cross_red_line", "red_line"} and previous:
                out += _nested_red_line(ctx, sent, cue, previous[1])
                continue
            else:
                continue
        opening = subject_span(sent, cue.start, region.start)[0]
        before = sent.low(opening - 1)
        if before in _SUBORDINATORS or ("as" in {before, sent.low(opening)} and cue.past):
            continue  # "whether our two sides will ...": a condition; "as the two leaders
            # committed to in Woodside": a reference to what was said before
        comp = complement(sent, cue.comp, region.end, stops - {cue.start})
        consumed = max(comp.end, comp.enum_end or 0, cue.comp)
        subject, clause_subject = _subject(ctx, sent, cue, region, clause_subject)
        made = _claims_for(ctx, sent, region, cue, subject, comp)
        again = _that_again(sent, cue, comp.end, region.end)
        while made and again is not None:  # "agreed that A and that B": one verb, two clauses
            cue = replace(cue, comp=again)
            comp = complement(sent, again, region.end, stops - {cue.start})
            consumed = max(consumed, comp.end, comp.enum_end or 0)
            for cand in (more := _claims_for(ctx, sent, region, cue, subject, comp)):
                cand.start = max(cand.start, sent.char(cue.comp))  # from the second "that"
            made += more
            again = _that_again(sent, cue, comp.end, region.end)
        if made and cue.negated and made[0].type == "commitment":
            following = min([c.start for c in cues if c.start > cue.start] or [region.end])
            more = _negative_continuations(ctx, sent, comp.end, following, made[0])
            made += more
            consumed = max(consumed, following if more else consumed)
        out += made
        previous = (cue, made)
    if not out:
        out = _proposals(ctx, sent, region)
    return _one_line_said_twice(sent, out)


_PROPOSAL_NOUNS = frozenset(
    {"suggestions", "proposals", "demands", "requests", "requirements", "expectations", "things"}
)


def _proposals(ctx: Context, sent: Sentence, region: Region) -> list[Candidate]:
    """ "Wang put forward four suggestions: to implement ...; to handle ...; to stop ...": what
    one side proposes, item by item after the colon, is its demand (of both sides or of the
    other, rule 2), each item its own claim."""
    if region.speaker is None or ":" not in sent.para.lows[region.start : region.end]:
        return []
    colon = next(k for k in range(region.start, region.end) if sent.low(k) == ":")
    before = {sent.low(k) for k in range(max(region.start, colon - 3), colon)}
    if not before & _PROPOSAL_NOUNS or not before & (lx.NUMBER_WORDS | {"following"}):
        return []
    if sent.low(_after_marker(sent, colon + 1, region.end)) != "to":
        return []
    claimants = region.speaker.actors
    addressee = _addressee(ctx, "demand", claimants, None, region)
    out = []
    for item in _enumeration(ctx, sent, colon + 1, region.end):
        end = trim(sent, item.start, item.end)
        if end > item.start:
            out.append(
                Candidate(
                    "demand", tuple(claimants), addressee, sent.char(item.start),
                    sent.char_end(end - 1), item.negated, _CONFIDENCE["modal"], "modal", sent,
                    region.speaker,
                )
            )
    return out


def _that_again(sent: Sentence, cue: Cue, end: int, limit: int) -> int | None:
    """Where a second "that" clause of the same cue starts ("agreed that A, and that B")."""
    if cue.form != "clause":
        return None
    k = end + (sent.low(end) == ",")
    if k + 2 < limit and sent.low(k) == "and" and sent.low(k + 1) == "that":
        return k + 2
    return None


def _one_line_said_twice(sent: Sentence, out: list[Candidate]) -> list[Candidate]:
    """ "The Taiwan question is at the very core of China's core interests and is a red line
    that must not be crossed": one line, said of one subject in two predicates (as the Chinese
    reader joins "是…核心，是…红线")."""
    merged: list[Candidate] = []
    for cand in out:
        prev = merged[-1] if merged else None
        if prev is not None and prev.type == cand.type == "red_line" and (
            prev.claimants == cand.claimants and _joins_predicates(sent, prev.end, cand.start)
        ):
            prev.end = max(prev.end, cand.end)
            continue
        merged.append(cand)
    return merged


def _joins_predicates(sent: Sentence, end: int, start: int) -> bool:
    """Is the text from ``end`` to ``start`` "and" (or ", and") before a copula?"""
    words = [
        sent.low(k) for k in range(sent.start, sent.end) if end <= sent.char(k) < start
    ]
    if words not in (["and"], [",", "and"]):
        return False
    after = [sent.low(k) for k in range(sent.start, sent.end) if sent.char(k) >= start][:1]
    return after in (["is"], ["remains"], ["are"], ["remain"])


def _negative_continuations(
    ctx: Context, sent: Sentence, start: int, end: int, first: Candidate
) -> list[Candidate]:
    """A list of "noes" in clauses of their own: "X does not seek A, its objective is not to
    B, its alliances are not targeted against C" -- each clause is a commitment too."""
    out: list[Candidate] = []
    k = start
    while k < end:
        if sent.low(k) not in {",", "and"} or not new_clause_at(sent, k + 1, end):
            k += 1
            continue
        j = k + 1
        while j < end and sent.low(j) != ",":
            j += 1
        s0 = k + 1
        while sent.low(s0) in {"and", ","}:
            s0 += 1
        words = {sent.low(x) for x in range(s0, j)}
        own = sent.low(s0) in {"its", "our", "their"} or _same_side(ctx, sent, s0, first)
        if own and words & {"not", "no", "never", "n't"}:
            out.append(
                Candidate(
                    "commitment",
                    first.claimants,
                    first.addressee,
                    sent.char(s0),
                    sent.char_end(trim(sent, s0, j) - 1),
                    True,
                    round(first.confidence * 0.9, 2),
                    "commit",
                    sent,
                    first.speaker,
                )
            )
        k = j
    return out


def _same_side(ctx: Context, sent: Sentence, k: int, first: Candidate) -> bool:
    m = sent.mention_starting_at(k) or sent.mention_starting_at(k + 1)
    if m is None or not m.actors or m.possessive:
        return False
    claimant_states = {ctx.kb.state_of(c) or c for c in first.claimants}
    return (ctx.kb.state_of(m.actors[0]) or m.actors[0]) in claimant_states


def _cues(ctx: Context, sent: Sentence, region: Region) -> list[Cue]:
    cues: list[Cue] = []
    lows = sent.para.lows
    i = region.start
    while i < region.end:
        word = lows[i]
        if word not in CUE_STARTS and not _maybe_policy(word):
            i += 1
            continue
        cue = find_cue(sent, i, ctx.doc_verbs)
        if cue is None and _maybe_policy(word) and _after_subject(sent, i, region.start):
            cue = third_person_policy(sent, i, ctx.doc_verbs)
        if cue is None:
            i += 1
            continue
        cues.append(cue)
        i = max(i + 1, cue.start + 1)
    return cues


def _maybe_policy(word: str) -> bool:
    return (
        word in lx.POLICY_VERBS
        or word in lx.POLICY_ADVERBS
        or word.endswith("s")
        or word == "take"  # "we take no position on ..."
    )


def _after_subject(sent: Sentence, i: int, lower: int) -> bool:
    """Is token ``i`` right after a subject noun phrase (for "China firmly pursues")?"""
    if i <= lower:
        return False
    prev = sent.low(i - 1)
    m = sent.mention_ending_at(i - 1)
    if prev == "and" and sent.low(i) in lx.POLICY_VERBS and sent.low(i).endswith("s"):
        # "China will continue to open up and welcomes ...": the same subject, a new pledge
        # (not "views and handles its relations": two verbs on one object)
        return sent.low(i - 2) not in lx.POLICY_VERBS and sent.low(i - 2) not in lx.BASE_VERBS
    return (
        (m is not None and not m.possessive and not m.modifier)
        or prev in {"we", "i"}
        or (prev in lx.STATE_NOUNS and sent.low(i - 2) in lx.DEMONYMS)
    )


def _overrides(outer: Cue, inner: Cue) -> bool:
    """ "will continue to urge X to ...": the ask, not the pledge, is the claim; "must not
    cross China's red lines on A, B and C": the crossing, with its list of lines."""
    if inner.start > outer.comp + 3:
        return False
    return (
        (outer.kind == "commit" and inner.kind in {"ask", "red_line", "warning"})
        or (outer.kind == "modal" and inner.kind == "cross_red_line")
    )  # "China will not sit idly by": the limit, not a pledge


def _subject(
    ctx: Context, sent: Sentence, cue: Cue, region: Region, clause_subject: Subject | None
) -> tuple[Subject, Subject | None]:
    at = cue.start
    if cue.kind == "importance" and sent.low(at - 1) in lx.EMPHASIS_VERBS:
        at -= 1  # "..., and underscored the importance of": the subject is the verb's
    start, end = subject_span(sent, at, region.start)
    subject = classify(sent, start, end, ctx.kb)
    if subject.kind in {"actor", "generic"} and _both_sides(ctx, sent, start, end):
        subject = Subject("joint", start, end, tuple(ctx.states))
    if cue.kind == "priority":
        subject = Subject("none", cue.start, cue.start)
    if subject.kind == "none" and (cleft := _cleft(sent, start)) is not None:
        start, end = cleft  # "It is the U.S. side that should correct its mistakes"
        subject = classify(sent, start, end, ctx.kb)
    if subject.kind == "generic":
        subject = _titled_subject(ctx, sent, subject)  # "The Secretary reaffirmed ...": Blinken
    if _agreed_passive(sent, cue, start, end):
        subject = Subject("joint", start, end, tuple(ctx.states))  # "It was agreed that ..."
    inherited = clause_subject or ctx.sentence_subject
    modal = sent.low(cue.start)
    repeated = modal in _SHARED_MODALS and modal in sent.para.lows[region.start : cue.start]
    shared = {"and", "but", "yet"} | ({","} if repeated else set())
    if subject.empty and inherited is not None and sent.low(start - 1) in shared:
        subject = Subject(
            inherited.kind, start, start, inherited.actors, inherited.actor_kind, inherited.pronoun
        )
    subject = resolve_pronoun(ctx, subject)
    if subject.kind not in {"none"} and not subject.pronoun:
        ctx.last_subject = subject
    return subject, (subject if not subject.empty else clause_subject)


def _cleft(sent: Sentence, start: int) -> tuple[int, int] | None:
    """The focus of "It is X that ..." when a cue's clause opens right after its "that"."""
    if sent.low(start - 1) != "that":
        return None
    for k in range(start - 2, max(sent.start, start - 10), -1):
        if sent.low(k) in {"is", "was"} and sent.low(k - 1) == "it" and k + 1 < start - 1:
            return k + 1, start - 1
        if sent.low(k) in {",", ";", ":"}:
            return None
    return None


_PASSIVE_AGREEING = frozenset({"agreed", "decided", "resolved", "reached"})


def _agreed_passive(sent: Sentence, cue: Cue, start: int, end: int) -> bool:
    """ "It was agreed that", "It has been decided to": an agreement in the impersonal passive,
    which in a readout of a meeting is the two sides' (the parties are not named)."""
    if cue.kind != "agree" or sent.low(cue.start) not in _PASSIVE_AGREEING:
        return False
    words = [sent.low(k) for k in range(start, end) if sent.low(k) not in {"also", "further"}]
    if words in (["it", "was"], ["it", "is"], ["it", "has", "been"], ["it", "had", "been"]):
        return True
    return sent.low(cue.start) == "reached" and bool(set(words) & lx.CONSENSUS_NOUNS) and (
        words[-1:] in (["was"], ["were"])
    )  # "A consensus was reached on ..."


#: "The U.S. side should not meddle ..., should stop ..., and should ...": one subject.
_SHARED_MODALS = frozenset(
    {"should", "must", "will", "shall", "would", "can", "need", "does", "do"}
)


def _both_sides(ctx: Context, sent: Sentence, start: int, end: int) -> bool:
    """ "The Secretary and the Foreign Minister agreed ...": a subject naming people of both
    sides (by name, or by a title read earlier in the document) is both sides."""
    if "and" not in sent.para.lows[start:end]:
        return False
    states = set()
    for m in sent.mentions:
        if start <= m.tok_start < end and not (m.possessive or m.modifier) and m.actors:
            states.add(ctx.kb.state_of(m.actors[0]))
    unknown = 0  # titles no earlier mention explains ("the Director" of "Wang Yi")
    if ctx.att is not None:
        for j in range(start + 1, end):
            if sent.low(j) in lx.OFFICIAL_NOUNS and sent.low(j - 1) == "the":
                who = ctx.att.last_mentioned.get(sent.low(j))
                if who is not None and who.actors:
                    states.add(ctx.kb.state_of(who.actors[0]) or who.actors[0])
                else:
                    unknown += 1
    states.discard(None)
    # "The Secretary and the Director agreed": one principal known, the other titled only
    return len(states) >= 2 or (len(states) == 1 and unknown == 1)


def _object(ctx: Context, sent: Sentence, cue: Cue) -> Subject | None:
    if cue.obj is None:
        return None
    obj = resolve_pronoun(ctx, classify(sent, cue.obj[0], cue.obj[1], ctx.kb))
    if obj.kind == "generic":
        obj = _titled(ctx, sent, obj)
    if obj.kind == "generic" and cue.obj[1] - cue.obj[0] == 1 and sent.low(cue.obj[0]) == "them":
        return ctx.last_subject
    if cue.kind.startswith("impersonal") and obj.kind not in {"none", "generic"}:
        ctx.last_subject = obj  # "It is important for the U.S. side to ... It should not ..."
    return obj


def _titled(ctx: Context, sent: Sentence, obj: Subject) -> Subject:
    """ "the ambassador", "the Secretary" as the one asked or hoped of: the official the title
    last described in this document ("He hoped the ambassador will serve as a bridge")."""
    words = [sent.low(k) for k in range(obj.start, obj.end)]
    if ctx.att is None or len(words) != 2 or words[0] != "the" or words[1] not in lx.OFFICIAL_NOUNS:
        return obj
    who = ctx.att.last_mentioned.get(words[1])
    if who is None or who.kind != "person" or not who.actors:
        return obj
    return Subject("actor", obj.start, obj.end, who.actors, "person")


def _titled_subject(ctx: Context, sent: Sentence, subject: Subject) -> Subject:
    """ "The Secretary", "the President" as the subject of a pledge: the official the title
    names in this document, the publisher's own first ("the President" in a White House
    readout is the U.S. President even after President Xi was named)."""
    words = [sent.low(k) for k in range(subject.start, subject.end)]
    if ctx.att is None or len(words) != 2 or words[0] != "the" or words[1] not in lx.OFFICIAL_NOUNS:
        return subject
    who = ctx.att.home_mentioned.get(words[1]) or ctx.att.last_mentioned.get(words[1])
    if who is None or who.kind != "person" or not who.actors:
        return subject
    return Subject("actor", subject.start, subject.end, who.actors, "person")


def _claimant(
    ctx: Context, cue: Cue, subject: Subject, speaker: Speaker | None
) -> tuple[str, ...] | None:
    """The speaker, or the subject when the clause reports what a named party did."""
    stance = cue.kind in {"ask", "ask_from", "reaffirm", "agree", "hope"}
    if subject.kind == "actor" and subject.actors and not subject.pronoun:
        actor = subject.actors[0]
        kind = subject.actor_kind
        if kind == "organization":
            state = ctx.kb.state_of(actor)
            actor, kind = (state, "state") if state else (actor, kind)
        if stance and (kind == "person" or cue.past or speaker is None):
            return (actor,)
        if speaker is None and kind in {"person", "state"} and cue.kind != "commit":
            return (actor,)
        if speaker is None and kind == "state":
            return (actor,)
        if ctx.agreed_list and kind == "state" and cue.kind == "commit":
            return (actor,)  # "Third, the U.S. side will ...", in the points agreed (rule 9)
    if speaker is not None:
        return speaker.actors
    return None


def _claims_for(
    ctx: Context, sent: Sentence, region: Region, cue: Cue, subject: Subject, comp
) -> list[Candidate]:
    speaker = region.speaker
    claimants = _claimant(ctx, cue, subject, speaker)
    claim_type, target = _type(ctx, sent, cue, subject, speaker, claimants)
    if claim_type is None:
        return []
    if claim_type == "consensus" and len(ctx.states) < 2:
        return []
    if claim_type == "consensus":  # both states: those a joint subject names, else the sides
        joint = subject.actors if subject.kind == "joint" else ()
        claimants = consensus_states(ctx.kb, joint=joint, named=ctx.states)
    if not claimants:
        return []
    addressee = _addressee(ctx, claim_type, claimants, target, region)
    items = _items(ctx, sent, cue, subject, comp)
    if comp.enum_start is not None:
        enum = _enumeration(ctx, sent, comp.enum_start, comp.enum_end)
        items = enum if comp.colon else [*items, *enum]
    out = []
    confidence = _CONFIDENCE.get(cue.kind, 0.7) * (0.92 if region.speaker is None else 1.0)
    for item in items:
        types = [claim_type]
        if cue.kind == "cross_red_line" and claim_type == "demand":
            types = ["red_line", "demand"]
        elif (
            ctx.line_list
            and claim_type == "demand"
            and cue.kind in {"modal", "imperative", "priority"}
            and relation(ctx, subject, speaker) in {"other", "none"}
        ):
            types = ["red_line", "demand"]  # a member of the bottom lines announced
        elif (
            cue.redline
            and claim_type == "demand"
            and relation(ctx, subject, speaker) == "other"
            and _vital(sent, cue.comp, comp.end)
        ):
            types = ["red_line", "demand"]  # "the U.S. side must not ..." (rule 5)
        elif (
            claim_type == "commitment"
            and cue.kind == "commit"
            and item is not items[0]
            and firm_response(sent, item.start)
        ):
            types = ["red_line"]  # "will remain on alert and take all necessary measures"
        for t in types:
            out.append(
                Candidate(
                    type=t,
                    claimants=tuple(claimants),
                    addressee=None if t == "consensus" else addressee,
                    start=sent.char(item.start),
                    end=sent.char_end(item.end - 1),
                    negated=item.negated or cue.negated,
                    confidence=round(confidence, 2),
                    cue=cue.kind,
                    sentence=sent,
                    speaker=speaker,
                )
            )
    return out


def _vital(sent: Sentence, start: int, end: int) -> bool:
    """Does "must not ..." touch what a state will not negotiate (its sovereignty, internal
    affairs, system, development, red lines), or escalate ("or even")?"""
    words = set(sent.para.lows[start:end])
    return bool(words & lx.VITAL_WORDS) or ("or" in words and "even" in words)


Decision = tuple[str | None, Subject | None]
NOT_A_CLAIM: Decision = (None, None)
_ASKED = {"other", "joint", "we"}  # who may be asked: the other side, or both


@dataclass
class _Case:
    """One cue to type: its sentence, subject, and the claimant seen as the speaker."""

    ctx: Context
    sent: Sentence
    cue: Cue
    subject: Subject
    speaker: Speaker | None

    @property
    def rel(self) -> str:
        return relation(self.ctx, self.subject, self.speaker)

    def rel_of(self, other: Subject) -> str:
        return relation(self.ctx, other, self.speaker)


def _type(
    ctx: Context,
    sent: Sentence,
    cue: Cue,
    subject: Subject,
    speaker: Speaker | None,
    claimants: tuple[str, ...] | None,
) -> Decision:
    """The claim type of a cue given its subject (and object), or None when not a claim."""
    seen_as = Speaker(claimants, "person") if claimants else speaker
    if claimants and len(claimants) == 1 and ctx.kb.actors.get(claimants[0]) is not None:
        seen_as = Speaker(claimants, ctx.kb.actors[claimants[0]].kind)
    rule = _RULES.get(cue.kind)
    return rule(_Case(ctx, sent, cue, subject, seen_as)) if rule else NOT_A_CLAIM


def _asking(c: _Case) -> Decision:
    """ "urges the U.S. side to", "hopes that the US will": a demand of whoever is asked."""
    target = _object(c.ctx, c.sent, c.cue)
    if target is None or (c.rel == "generic" and not _names_someone(c.sent, c.subject)):
        return NOT_A_CLAIM  # "The world expects the two countries to ...": no party asks
    if c.cue.kind == "hope" and c.rel_of(target) == "generic":
        owner = _other_owner(c)  # "We hope the Secretary's visit will help ...": of the visitor
        return ("demand", owner) if owner is not None else NOT_A_CLAIM
    return ("demand", target) if c.rel_of(target) in _ASKED else NOT_A_CLAIM


def _other_owner(c: _Case) -> Subject | None:
    """The other side, when the hoped-for thing is theirs ("the Secretary's visit")."""
    if c.cue.obj is None:
        return None
    start, end = c.cue.obj
    for j in range(start, end):
        if c.sent.low(j + 1) not in {"'s", "'"}:
            continue
        m = c.sent.mention_ending_at(j)
        who = m.actors if m is not None and m.actors else None
        if who is None and c.sent.low(j) in lx.OFFICIAL_NOUNS and c.ctx.att is not None:
            found = c.ctx.att.last_mentioned.get(c.sent.low(j))
            who = found.actors if found is not None else None
        if who:
            kind = c.ctx.kb.actors[who[0]].kind if who[0] in c.ctx.kb.actors else "person"
            owner = Subject("actor", j, j + 1, who, kind)
            return owner if c.rel_of(owner) == "other" else None
    if c.sent.low(c.cue.comp) in lx.HELP_VERBS:  # "the visit will help the U.S. side view ..."
        k = c.cue.comp + 1
        m = c.sent.mention_starting_at(k) or c.sent.mention_starting_at(k + 1)
        if m is not None and m.actors and not m.possessive:
            owner = Subject("actor", m.tok_start, m.tok_end, m.actors, m.kind)
            return owner if c.rel_of(owner) == "other" else None
    return None


def _hoping(c: _Case) -> Decision:
    """ "we hope to see ...": one's own wish; "both sides expressed the hope to": agreed."""
    if c.rel == "joint":
        return "consensus", None
    return ("commitment", None) if c.rel in {"own", "we", "actor"} else NOT_A_CLAIM


def _agreeing(c: _Case) -> Decision:
    """ "agreed to", "reached consensus on", "welcomed" (a future step, both sides: rule 7)."""
    if c.cue.kind == "agree" and c.cue.form == "clause" and _judges(c.sent, c.cue.comp):
        return NOT_A_CLAIM  # "both sides agreed that the talks were candid": an evaluation
    if c.cue.kind == "welcome" and _achieved(c.sent, c.cue.comp, past=c.cue.past):
        return NOT_A_CLAIM  # "welcomed the progress made": an evaluation (rule 7)
    if c.cue.kind == "welcome" and c.rel != "joint" and _visit(c.sent, c.cue.comp):
        return NOT_A_CLAIM  # "China welcomes Secretary Yellen's visit": hospitality
    if c.cue.kind == "agree" and c.cue.form == "noun" and _announces(c.sent, c.cue.comp - 1):
        return NOT_A_CLAIM  # "the two sides agreed on the following": the items follow
    if c.rel == "joint" or (c.rel == "we" and c.cue.kind == "agree"):
        return "consensus", None
    if c.cue.kind == "welcome" and (c.cue.past or c.rel not in {"own", "we"}):
        return NOT_A_CLAIM
    return ("commitment", None) if c.rel in {"own", "actor", "we"} else NOT_A_CLAIM


def _visit(sent: Sentence, start: int) -> bool:
    """Does "welcome(s) ..." greet a visit or a visitor (scheduling, not a claim)?"""
    words = {sent.low(k) for k in range(start, min(sent.end, start + 6))}
    return bool(words & {"visit", "visits", "trip", "arrival", "visitors"})


def _achieved(sent: Sentence, start: int, past: bool = False) -> bool:
    """Does "welcomed ..." greet what was already done ("the progress made", "the results";
    in the past tense also a step taken: "welcomed the launch of joint work")?"""
    words = {sent.low(k) for k in range(start, min(sent.end, start + 6))}
    return bool(words & lx.ACHIEVED) or (past and bool(words & lx.DONE_STEPS))


def _judges(sent: Sentence, start: int) -> bool:
    """Is the clause at ``start`` a judgement ("the mechanism is an important platform", "the
    talks were candid"), not a step agreed ("their teams would maintain contact")?"""
    from graph.extract.clauses import FINITE

    for k in range(start, min(sent.end, start + 12)):
        w = sent.low(k)
        if w in FINITE:
            nxt = sent.low(k + 1)
            return (
                w in {"is", "are", "was", "were"}
                and nxt not in lx.COMMIT_ADJECTIVES
                and nxt not in {"to", "not", "committed"}
            )
        if w in {",", ";", "that"}:
            return False
    return False


def _resolving(c: _Case) -> Decision:
    """ "China's determination to ... remains unwavering": its owner's commitment."""
    owner = _owner(c.ctx, c.sent, c.cue)
    return ("commitment", None) if c.rel_of(owner) in {"own", "actor"} else NOT_A_CLAIM


def _pledging(c: _Case) -> Decision:
    """ "is committed to", "will continue to", "does not seek", "firmly pursues"."""
    if c.cue.procedural and not (c.ctx.agreed_list or c.ctx.agreed_items):
        return NOT_A_CLAIM  # "the two sides will hold talks next month": scheduling
    if c.rel == "joint":  # "Both countries support efforts to ...": a joint position
        return "consensus", None
    if c.cue.kind == "policy" and c.rel not in {"own", "we"}:
        return NOT_A_CLAIM
    if c.sent.low(c.cue.comp).startswith("welcome") and _visit(c.sent, c.cue.comp + 1):
        return NOT_A_CLAIM  # "China welcomes Secretary Yellen's visit": hospitality
    return ("commitment", None) if c.rel in {"own", "we", "actor"} else NOT_A_CLAIM


def _obliging(c: _Case) -> Decision:
    """ "the U.S. side must", "we must both", "let's": a demand of the other side or of both."""
    if c.cue.kind in {"lets", "imperative"}:
        return "demand", None
    if _announces(c.sent, c.cue.comp):
        return NOT_A_CLAIM  # "the U.S. side should do three things": a list follows
    if c.cue.kind == "modal_passive":
        if _vital(c.sent, c.subject.start, c.subject.end) and c.sent.low(
            c.cue.comp + 1
        ) in lx.UPHELD:
            return "red_line", None  # "China's core interests must be respected"
        if _implement_passive(c.sent, c.cue, c.subject) or _managed(c):
            return "demand", None
        return NOT_A_CLAIM
    return ("demand", c.subject) if c.rel in _ASKED else NOT_A_CLAIM


def _managed(c: _Case) -> bool:
    """ "this competition must be managed responsibly", "military-to-military communication
    must be sustained": a party asks that the relationship's own business be handled so (a
    demand of the other side, or of both), not a norm for the world."""
    if c.speaker is None or c.rel not in {"generic", "none"} or c.subject.empty:
        return False
    k = c.cue.comp + 1
    while c.sent.low(k).endswith("ly") and len(c.sent.low(k)) > 4:
        k += 1
    if c.sent.low(k) not in lx.MANAGED:
        return False
    words = {c.sent.low(j) for j in range(c.subject.start, c.subject.end)}
    return bool(words & lx.RELATIONSHIP_NOUNS) and not words & {"major", "countries"}


def _needing(c: _Case) -> Decision:
    """ "it is necessary for the US to", "it's vital that we": a demand, unless of no party."""
    target = _object(c.ctx, c.sent, c.cue) if c.cue.obj else None
    if c.cue.kind == "impersonal_that":
        end = _first_finite(c.sent, c.cue.comp)
        target = resolve_pronoun(c.ctx, classify(c.sent, c.cue.comp, end, c.ctx.kb))
    if target is None:
        return "demand", None
    return ("demand", target) if c.rel_of(target) in _ASKED else NOT_A_CLAIM


def _prioritising(c: _Case) -> Decision:
    """ "the top priority is to" (for both: a demand); "our priority is to" (rule 8)."""
    return ("commitment" if c.cue.own_priority else "demand"), None


def _drawing_line(c: _Case) -> Decision:
    """ "X is the red line", "no room for compromise", "will make firm responses"."""
    if c.cue.kind == "red_line_passive" and c.subject.empty:
        return NOT_A_CLAIM  # "red lines that must not be crossed": no line is named
    return ("red_line", None) if c.rel != "other" else NOT_A_CLAIM


def _both(c: _Case) -> bool:
    """Is the clause's agent both sides (its subject, or the group that speaks)?"""
    if c.rel == "joint":
        return True
    who = set(c.speaker.actors) if c.speaker is not None else set()
    return len(c.ctx.states) == 2 and who == set(c.ctx.states)


def _stressing(c: _Case) -> Decision:
    """ "underscored the importance of X", "pressed for X": asked of the other side."""
    if c.rel == "generic" and not _names_someone(c.sent, c.subject):
        return NOT_A_CLAIM  # "The APEC meetings underscored the importance of ...": no party
    return ("consensus", None) if _both(c) else ("demand", None)


def _supporting(c: _Case) -> Decision:
    """ "affirmed support for X", "named X as a priority", "X remains a priority" (rule 8)."""
    if _both(c):
        return "consensus", None
    return ("commitment", None) if c.rel != "other" else NOT_A_CLAIM


def _warning(c: _Case) -> Decision:
    """ "Otherwise, the U.S. side will pay the price": the speaker's red line, whoever pays."""
    return "red_line", None


def _names_someone(sent: Sentence, subject: Subject) -> bool:
    """Does a subject name or point to someone (a mention, "she", "the Secretary")?"""
    if subject.empty or subject.pronoun or subject.start == subject.end:
        return True  # no subject of its own, or one inherited ("He ..., and urged ...")
    return any(
        sent.at.get(j) is not None or sent.low(j) in PRONOUNS or sent.low(j) in lx.OFFICIAL_NOUNS
        for j in range(subject.start, subject.end)
    )


def _crossing(c: _Case) -> Decision:
    """ "the United States must not cross China's red lines": a demand, and a red line too."""
    return ("demand", c.subject) if c.rel in _ASKED else ("red_line", None)


_RULES = {
    "ask": _asking, "ask_from": _asking, "hope": _asking, "hope_to": _hoping,
    "agree": _agreeing, "welcome": _agreeing, "resolve": _resolving, "commit": _pledging,
    "policy": _pledging, "reaffirm": _pledging, "modal": _obliging, "lets": _obliging,
    "modal_passive": _obliging, "imperative": _obliging, "impersonal": _needing,
    "impersonal_that": _needing,
    "priority": _prioritising, "red_line": _drawing_line, "red_line_passive": _drawing_line,
    "cross_red_line": _crossing, "importance": _stressing, "call_for": _stressing,
    "support_for": _supporting, "named_priority": _supporting, "priority_of": _supporting,
    "disclaim": _supporting, "policy_unchanged": _supporting, "warning": _warning,
}  # fmt: skip


def _owner(ctx: Context, sent: Sentence, cue: Cue) -> Subject:
    """The possessor named before a noun ("China's determination"), as a subject."""
    m = sent.mention_starting_at(cue.obj[0]) if cue.obj else None
    if m is None or not m.actors:
        return Subject("generic", cue.start, cue.start)
    return Subject("actor", m.tok_start, m.tok_end, m.actors, m.kind)


def _first_finite(sent: Sentence, start: int) -> int:
    from graph.extract.clauses import FINITE

    for k in range(start, min(sent.end, start + 10)):
        if sent.low(k) in FINITE or sent.low(k) in lx.BASE_VERBS:
            return k
    return start


def _announces(sent: Sentence, k: int) -> bool:
    """ "do three things", "do the following": a claim that only announces its members."""
    words = [sent.low(j) for j in range(k, min(sent.end, k + 5))]
    if words[:3] in (["on", "the", "following"], ["the", "following", "."]) or words[:2] == [
        "as",
        "follows",
    ]:
        return True
    return ("following" in words or bool(set(words) & lx.NUMBER_WORDS)) and bool(
        set(words) & {"things", "points", "aspects", "following", "respects", "areas"}
    )


def _implement_passive(sent: Sentence, cue: Cue, subject: Subject) -> bool:
    """ "The common understandings ... must be truly put into practice": a demand."""
    words = {sent.low(k) for k in range(subject.start, subject.end)}
    k = cue.comp + 1
    while sent.low(k).endswith("ly"):
        k += 1
    return bool(words & lx.CONSENSUS_NOUNS | words & {"commitments", "commitment"}) and (
        sent.low(k) in _IMPLEMENT
    )


def _addressee(
    ctx: Context,
    claim_type: str,
    claimants: tuple[str, ...],
    target: Subject | None,
    region: Region,
) -> str | None:
    if claim_type == "consensus":
        return None
    if region.addressee:
        return region.addressee
    if target is not None and target.kind == "actor" and target.actors:
        return target.actors[0]
    states = {ctx.kb.state_of(c) or c for c in claimants}
    state = next(iter(states)) if len(states) == 1 else None
    return ctx.other(state)


def _items(ctx: Context, sent: Sentence, cue: Cue, subject: Subject, comp) -> list[Item]:
    """The spans of the claim's items; the first starts at the subject (guide, rule 11)."""
    end = max(comp.end, cue.comp)
    if cue.form == "none" or cue.comp >= end:
        start = min(subject.start if not subject.empty else cue.start, cue.start)
        return [Item(start, trim(sent, start, max(end, cue.comp)))]
    form = cue.form
    if cue.kind == "impersonal_that":
        form = "base"
    if cue.kind == "call_for":
        return [
            part
            for item in _for_items(sent, cue.comp, end)
            for part in split_items(sent, item.start, item.end, "noun", ctx.doc_verbs)
        ]  # "pressed for the release of X, the lifting of Y, and progress on Z"
    items = split_items(sent, cue.comp, end, form, ctx.doc_verbs)
    if not items:
        return []
    if cue.kind in {"ask", "hope", "importance", "support_for", "named_priority", "imperative"}:
        pass  # an ask's items start at the thing asked
    elif cue.kind in {
        "modal",
        "commit",
        "agree",
        "policy",
        "welcome",
        "lets",
        "hope_to",
        "reaffirm",
        "modal_passive",
    }:
        if not subject.empty and subject.start < cue.start:
            items[0].start = subject.start
        else:
            items[0].start = cue.start
    else:
        items[0].start = min(items[0].start, cue.start)
    return items


def _for_items(sent: Sentence, start: int, end: int) -> list[Item]:
    """ "pressed for the release of X and for lifting exit bans": one item per "for"."""
    cuts = [start] + [
        k + 1
        for k in range(start + 1, end)
        if sent.low(k) == "for" and sent.low(k - 1) in {"and", ","}
    ]
    items = []
    for a, b in zip(cuts, [*cuts[1:], end + 1], strict=True):
        stop = trim(sent, a, b - 1)
        if sent.low(stop - 1) == "for":
            stop = trim(sent, a, stop - 1)
        if stop > a:
            items.append(Item(a, stop))
    return items


def _enumeration(ctx: Context, sent: Sentence, start: int, end: int | None) -> list[Item]:
    """The members of "i.e. A, B and C" or ": A, B, and C", as items of the same claim;
    members set apart by semicolons ("(1) to resume ...; (2) to hold ...") are items each."""
    if end is None or start >= end:
        return []
    semis = [k for k in range(start, end) if sent.low(k) == ";"]
    if semis:
        out: list[Item] = []
        for a, b in zip([start, *(k + 1 for k in semis)], [*semis, end], strict=True):
            out += _enumeration(ctx, sent, _after_marker(sent, a, b), b)
        return out
    start = _after_marker(sent, start, end)
    window = [sent.low(k) for k in range(start, min(end, start + 4))]
    from graph.extract.clauses import FINITE, is_gerund

    if any(is_gerund(w) for w in window):
        form = "gerund"
    elif any(sent.low(k) in FINITE for k in range(start, min(end, start + 6))):
        form = "clause"
    else:
        form = "base"
    items = split_items(sent, start, end, form, ctx.doc_verbs, enumeration=True)
    if form == "gerund":
        for item in items:
            while item.start < item.end and not is_gerund(sent.low(item.start)):
                item.start += 1
    return [i for i in items if i.end > i.start]


def _after_marker(sent: Sentence, start: int, end: int) -> int:
    """Past a list member's marker: "and", "(1)", "2.", "a)", "first,", "-"."""
    k = start
    while k < end:
        w = sent.low(k)
        letter = len(w) == 1 and w.isalpha() and (w != "a" or sent.low(k - 1) == "(")
        numbered = (w.rstrip(".)").isdigit() or letter) and (
            sent.low(k + 1) in {")", "."} or w.endswith((")", "."))
        )
        if not (w in {"and", "(", ")", "-", "•", ",", "."} or w in lx.ORDINAL_ADVERBS or numbered):
            break
        k += 1
    return k


def _nested_red_line(
    ctx: Context, sent: Sentence, cue: Cue, outer: list[Candidate]
) -> list[Candidate]:
    """A red line inside a demand's item ("... or try to cross China's bottom line")."""
    at = sent.char(cue.start)
    for cand in outer:
        if cand.type == "demand" and cand.start <= at < cand.end:
            return [
                Candidate(
                    "red_line",
                    cand.claimants,
                    cand.addressee,
                    cand.start,
                    cand.end,
                    cand.negated,
                    cand.confidence,
                    cue.kind,
                    sent,
                    cand.speaker,
                )
            ]
    return []


def _opening_party(ctx: Context, sent: Sentence, lower: int) -> Subject | None:
    """ "(1.) The United States and China recall ... and reaffirm ...": a sentence that opens
    with a party names the subject of its later predicates even without a finite verb the
    lexicon knows."""
    k = lower
    while sent.low(k) in {".", ")", "(", "-"} or sent.low(k).rstrip(".)").isdigit():
        k += 1
    if sent.low(k) == "the" and sent.mention_starting_at(k) is None:
        k += 1
    m = sent.mention_starting_at(k)
    if m is None or m.possessive or m.modifier or m.kind not in {"group", "state", "person"}:
        return None
    if m.kind == "group":
        return Subject("joint", m.tok_start, m.tok_end, m.actors)
    return Subject("actor", m.tok_start, m.tok_end, m.actors, m.kind)


def announces_agreed_points(sent: Sentence) -> bool:
    """ "The two sides agreed on the following", "reached the following outcomes"."""
    lows = sent.para.lows[sent.start : sent.end]
    if "following" not in lows and "follows" not in lows:
        return False
    return bool(set(lows) & (lx.AGREE_VERBS | {"reached", "outcomes", "consensus"}))


def opens_agreed_items(ctx: Context, sent: Sentence, lower: int) -> bool:
    """ "The two sides decided:", "Both sides agreed as follows:": both sides' verb of agreement,
    and its items in the paragraphs after the colon."""
    lows = sent.para.lows[sent.start : sent.end]
    if not lows or lows[-1] != ":" or not set(lows) & lx.AGREE_VERBS:
        return False
    if lows[:3] in (["it", "was", "agreed"], ["it", "was", "decided"]):
        return True  # "It was agreed that:" with the items after the colon
    subject = sentence_subject(sent, lower, ctx.kb) or _opening_party(ctx, sent, lower)
    return subject is not None and resolve_pronoun(ctx, subject).kind == "joint"


def agreed_item_claims(ctx: Context, sent: Sentence) -> list[Candidate]:
    """The consensus items of a numbered paragraph after "The two sides decided:" ("1. to hold
    a further meeting ...;"), one per item set apart by semicolons. Items with a subject of
    their own ("2. The United States will ...") are read as any sentence is."""
    start = _after_marker(sent, sent.start, sent.end)
    if start >= sent.end or len(ctx.states) < 2:
        return []
    if sent.low(start) != "to" or not is_verb(sent.low(start + 1), ctx.doc_verbs):
        return _agreed_clauses(ctx, sent, start)
    claimants = consensus_states(ctx.kb, joint=(), named=ctx.states)
    out = []
    for item in _enumeration(ctx, sent, start, sent.end):
        end = trim(sent, item.start, item.end)
        if end <= item.start:
            continue
        out.append(
            Candidate(
                type="consensus",
                claimants=tuple(claimants),
                addressee=None,
                start=sent.char(item.start),
                end=sent.char_end(end - 1),
                negated=item.negated,
                confidence=_CONFIDENCE.get("agree", 0.7),
                cue="agree",
                sentence=sent,
            )
        )
    return out


def _agreed_clauses(ctx: Context, sent: Sentence, start: int) -> list[Candidate]:
    """ "(a) the Working Group will meet again ...;" after "It was agreed that:": an item with
    a subject of its own and a modal verb is agreed by both sides, unless its subject is one
    side (then it is read as any sentence is: that side's undertaking, rule 9)."""
    verb = next(
        (k for k in range(start + 1, min(sent.end, start + 10)) if sent.low(k) in _ITEM_MODALS),
        None,
    )
    if verb is None or any(sent.low(k) in {",", ";", ":"} for k in range(start, verb)):
        return []
    subject = classify(sent, start, verb, ctx.kb)
    if subject.kind not in {"joint", "generic"} or subject.pronoun:
        return []
    stop = next((k for k in range(verb, sent.end) if sent.low(k) == ";"), sent.end)
    end = trim(sent, start, stop)
    if end <= verb + 1:
        return []
    claimants = consensus_states(ctx.kb, joint=(), named=ctx.states)
    return [
        Candidate(
            type="consensus",
            claimants=tuple(claimants),
            addressee=None,
            start=sent.char(start),
            end=sent.char_end(end - 1),
            negated=sent.low(verb + 1) in {"not", "never"},
            confidence=_CONFIDENCE.get("agree", 0.7),
            cue="agree",
            sentence=sent,
        )
    ]


_ITEM_MODALS = frozenset({"will", "would", "shall", "should"})
_ANNOUNCING = lx.NUMBER_WORDS | {"following", "several", "there"}


def announces_lines(sent: Sentence) -> bool:
    """ "Wang Yi laid out three bottom lines", "there are red lines": the sentences that follow
    state the lines."""
    for k in range(sent.start, sent.end - 1):
        if (sent.low(k), sent.low(k + 1)) not in lx.RED_LINE_NOUNS:
            continue
        before = {sent.low(k - j) for j in (1, 2, 3)}
        if not before & _ANNOUNCING:
            continue
        n = next(j for j in (1, 2, 3) if sent.low(k - j) in _ANNOUNCING)
        if sent.low(k - n - 1) in {"are", "is", "were"} and sent.low(k - n - 2) != "there":
            continue  # "A, B, C and D are four red lines": the members came first
        return True
    return False


def track_subject(ctx: Context, sent: Sentence, lower: int, framed: Subject | None = None) -> None:
    """Remember the sentence's subject so a later "it" or "they" can refer to it. ``framed`` is
    the party of the sentence's reporting frame ("The two leaders affirmed the need to ..."):
    it stays the referent when the reported clause opens with no party of its own."""
    subject = sentence_subject(sent, lower, ctx.kb) or _opening_party(ctx, sent, lower)
    if subject is not None:
        subject = resolve_pronoun(ctx, subject)
    ctx.sentence_subject = subject
    if framed is not None and (subject is None or subject.kind in {"generic", "none"}):
        return
    if subject is not None and not subject.pronoun and subject.kind != "none":
        ctx.last_subject = subject
