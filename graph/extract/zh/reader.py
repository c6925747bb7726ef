"""Reading a Chinese paragraph: who speaks (frames, transcript labels, the speaker carried
from sentence to sentence), then the claims of each clause and list item.

A readout names the speaker in a frame ("王毅表示，…", "国务卿强调…") and drops it in the next
sentences; a transcript names it in a label ("汪文斌：…", "答：…"), and a reporter's question
("法新社记者：…？") is nobody's claim. A principal quoted by a briefer ("王毅强调，…" inside a
spokesperson's answer) speaks for the rest of that paragraph. The publisher never speaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.extract.claims import Candidate, Context
from graph.extract.linking import Mention
from graph.extract.speakers import Speaker
from graph.extract.text import Paragraph
from graph.extract.zh import lexicon as zx
from graph.extract.zh.segment import Segment, head, segments, sentences, verb_at

_LABEL = re.compile(r"^([^，,。；;：:\"“”！？!?\s]{1,16})\s*[:：]")
_PRONOUN = re.compile(r"他们|她们|他|她")
_REPORT = re.compile("|".join(zx.REPORT_VERBS))
#: "新华社北京5月15日电 ", "据介绍，": a wire dateline or a source before the speaker.
_DATELINE = re.compile(r"^(?:[^，,。]{0,20}?电\s*|据(?:介绍|悉|了解|报道)[,，]?)")
_AFTER_FRAME = re.compile(r"[,，:：]?\s*[\"“「]?")


@dataclass
class ReaderState:
    """What the reading carries from paragraph to paragraph."""

    carried: Speaker | None = None
    label_speaker: Speaker | None = None
    label_mode: bool = False
    question: bool = False
    last_person: str | None = None
    spokesperson: Speaker | None = None
    #: The type an enumeration's header gave ("双方同意：", "提出三点要求："), for its items.
    header: tuple[str, Subject] | None = None
    #: Set by the sentence that announced the header, so the next sentence may hold its items.
    header_fresh: bool = False
    seen_first: bool = False
    publisher: set[str] = field(default_factory=set)


@dataclass
class Subject:
    kind: str  # actor, joint, own, you, generic, none
    start: int  # paragraph-text offsets
    end: int
    actors: tuple[str, ...] = ()
    actor_kind: str = ""


_NONE = Subject("none", -1, -1)
_FIRST_PERSON = ("我们", "我方", "我")
#: Verbs of going and attending: "将出席…" announces a trip, not a pledge.
_TRAVEL = frozenset(
    {"出席", "访问", "参加", "前往", "出访", "会见", "举行", "应邀", "赴美", "访华"}
)
#: Adverbs of manner that start an action of their own ("及时沟通", "尽快恢复").
_MANNER = ("及时", "尽快", "立即", "切实", "共同", "积极", "妥善", "进一步", "继续")
_TOGETHER = ("一道", "一起", "携手", "共同努力")


def state_for(ctx: Context) -> ReaderState:
    """The reader state of this document, kept on its context (one per ``read``), made on
    first use."""
    kept = getattr(ctx, "_zh", None)
    if kept is None:
        kept = ReaderState(publisher=set(ctx.publisher))
        ctx._zh = kept  # type: ignore[attr-defined]
    return kept  # type: ignore[no-any-return]


def claims(ctx: Context, para: Paragraph, mentions: list[Mention], view: str) -> list[Candidate]:
    """Typed claims of one Chinese paragraph."""
    st = state_for(ctx)
    text = view[para.start : para.end]
    local = [_Local(m, m.start - para.start, m.end - para.start) for m in mentions]
    for m in local:
        if m.m.kind == "person" and "发言人" in m.m.text:
            st.spokesperson = Speaker(m.m.actors, "person")
    first = not st.seen_first
    st.seen_first = True
    if _heading(text, first):
        _remember(st, local)
        st.carried = None
        return []
    content = 0
    label = _LABEL.match(text)
    if label and not _is_label(label.group(1), local):
        label = None  # "王毅表示：…" is a frame, "双方同意：" a list's header
    if label:
        who = label.group(1)
        content = label.end()
        st.label_mode = True
        if zx.QUESTION_LABEL.search(who) or who in {"问", "提问"}:
            st.question, st.label_speaker = True, None
        else:
            st.question = False
            named = [m for m in local if m.end <= label.end(1) and m.start == 0]
            speaker = _speaker_of(ctx, st, named[-1]) if named else None
            if speaker is None and who in zx.ANSWER_LABEL:
                speaker = st.spokesperson or _ministry(ctx)
            st.label_speaker = speaker
        st.carried = st.label_speaker
    elif st.label_mode:
        st.carried = st.label_speaker  # an answer that runs on over paragraphs
    if st.label_mode and st.question:
        _remember(st, local)
        return []
    out: list[Candidate] = []
    for s0, s1 in sentences(text):
        s0 = max(s0, content)
        if s1 <= s0:
            continue
        if text[s0:s1].rstrip("\"”」』）) ").endswith(("？", "?")):
            continue  # a question asks nothing of anyone
        if st.label_mode and text.startswith(_FIRST_PERSON, s0):
            st.carried = st.label_speaker  # "我们…": the briefer again, after a quoted principal
        begin, speaker, verb = _frame(ctx, st, text, local, s0, s1)
        out += _sentence(ctx, st, para, text, local, begin, s1, speaker, verb in zx.PLEDGE_FRAMES)
        framed = bool(verb) and speaker is not None and speaker.kind == "person"
        if not framed:
            _remember(st, [m for m in local if s0 <= m.start < s1][:1])
    return out


def _is_label(who: str, local: list[_Local]) -> bool:
    """A transcript label: a reporter ("法新社记者", "问"), the answer ("答", "发言人"), or a
    name or title and nothing else ("汪文斌", "外交部发言人")."""
    if zx.QUESTION_LABEL.search(who) or who in {"问", "提问"} or who in zx.ANSWER_LABEL:
        return True
    return any(
        m.start == 0 and m.end == len(who) and m.m.kind in {"person", "post"} for m in local
    )


@dataclass
class _Local:
    m: Mention
    start: int  # offsets into the paragraph's text
    end: int


def _heading(text: str, first: bool) -> bool:
    """A title or a dateline line: no sentence punctuation and short."""
    stripped = text.strip()
    if any(c in stripped for c in "。！？!?；;"):
        return False
    return len(stripped) < 60 or first


def _remember(st: ReaderState, local: list[_Local]) -> None:
    """The last person named, for 他/她 (a person's own frame keeps them: "他" is the speaker)."""
    for m in local:
        if m.m.kind == "person" and len(m.m.actors) == 1:
            st.last_person = m.m.actors[0]


def _ministry(ctx: Context) -> Speaker | None:
    """The unnamed spokesperson speaks for the ministry's state: the Chinese side."""
    for state in ctx.states:
        if state.endswith("/china"):
            return Speaker((state,), "state")
    return None


def _speaker_of(ctx: Context, st: ReaderState, m: _Local) -> Speaker | None:
    mention = m.m
    if mention.kind == "person" and mention.actors:
        return Speaker(mention.actors[:1], "person")
    if mention.kind == "state":
        return Speaker(mention.actors[:1], "state")
    if mention.kind == "group":
        return Speaker(tuple(ctx.states), "group")
    if mention.kind == "organization" and mention.actors[0] not in st.publisher:
        state = ctx.kb.state_of(mention.actors[0])
        return Speaker((state,), "state") if state else None
    if mention.kind == "post":
        if "发言人" in mention.text and st.spokesperson is not None:
            return st.spokesperson
        states = {ctx.kb.posts[p].state for p in mention.actors if p in ctx.kb.posts} - {None}
        return Speaker((states.pop(),), "state") if len(states) == 1 else None  # type: ignore[arg-type]
    return None


_NO_FRAME = Speaker((), "none")
_FIRST_PERSON_FRAME = re.compile(r"我们?(?:想|要|愿|还|也|再|愿意|希望)?(?:再次|进一步)?$")
#: Two to four characters before a report verb that are no name ("对此表示", "会上指出").
_NOT_NAMES = ("对此", "同时", "此外", "另外", "会上", "当天", "会谈中", "会见时", "随后", "最后",
              "他们", "她们", "我们", "双方", "他", "她", "我")


def _frame(
    ctx: Context, st: ReaderState, text: str, local: list[_Local], s0: int, s1: int
) -> tuple[int, Speaker | None, str]:
    """Where the sentence's content starts and who says it: "王毅表示，…" names the speaker for
    this sentence and the ones after; with no frame, the speaker carried. A frame inside the
    content ("杨涛说，习近平主席指出，…") relays the principal: the innermost speaks."""
    begin, speaker, word = s0, _NO_FRAME, ""
    lower = s0
    while True:
        found = _one_frame(ctx, st, text, local, lower, s1, first=lower == s0)
        if found is None:
            break
        begin, speaker, word = found
        lower = begin
    if speaker is _NO_FRAME:
        return s0, st.carried, ""
    st.carried = speaker
    if speaker is not None and speaker.kind == "person":
        st.last_person = speaker.actors[0]
    return begin, speaker, word


def _one_frame(
    ctx: Context, st: ReaderState, text: str, local: list[_Local], s0: int, s1: int, first: bool
) -> tuple[int, Speaker | None, str] | None:
    for verb in _REPORT.finditer(text, s0, s1):
        v = verb.start()
        after = verb.end()
        if verb.group(0) in zx.WEAK_REPORT and not _closes_frame(text, after, s1):
            continue
        speaker = _frame_subject(ctx, st, text, local, s0, v, first)
        if speaker is _NO_FRAME:
            continue
        relayed_side = not first and speaker is not None and speaker.kind != "person"
        if relayed_side and "在" not in text[s0:v]:
            continue  # "王毅表示，中方提出…": Wang Yi speaks; "中方在会晤中提出": China did
        m = _AFTER_FRAME.match(text, after, s1)
        begin = m.end() if m else after
        if text[begin - 1 : begin] not in {",", "，", ":", "：", '"', "“"}:
            colon = _FRAME_COLON.match(text, begin, s1)
            if colon and verb.group(0) in zx.WEAK_REPORT:
                begin = after  # "提出了中方的三点主张：…": the list header stays in the content
        return begin, speaker, verb.group(0)
    return None


#: "提出了中方的三点主张：": a report verb whose object announces what follows a colon.
_FRAME_COLON = re.compile(r"[^，,。；;：:]{0,16}[:：]")


def _closes_frame(text: str, after: int, s1: int) -> bool:
    """Does a weak report verb ("重申", "提出") end a frame: punctuation, or a short object
    before a colon ("提出了中方的三点主张：")?"""
    if after >= s1:
        return False
    if text[after - 1] in "称说" and text[after] not in "为作明服法道之号赞得过":
        return True  # "美方称将…": the content follows at once
    return text[after] in ",，:：\"“" or bool(_FRAME_COLON.match(text, after, s1))


def _frame_subject(
    ctx: Context,
    st: ReaderState,
    text: str,
    local: list[_Local],
    s0: int,
    v: int,
    first: bool = True,
) -> Speaker | None:
    """The speaker of a report verb at ``v``: a name, title or side right before it (with
    adverbials between), 他/她 for the last person named, the sentence's subject for ", 表示"
    after a clause of its own ("布林肯转达了…问候，表示…"), or nobody we know for a name the
    graph does not have ("伯恩斯表示"); ``_NO_FRAME`` when the verb reports no speech."""
    before = [m for m in local if s0 <= m.start and m.end <= v]
    for m in reversed(before):
        if m.start > 0 and text[m.start - 1] in "向对同与跟和给":
            continue  # "王毅外长向美方提出": 美方 is spoken to
        gap = text[m.end : v]
        if not zx.FRAME_FILLER.match(gap):
            continue
        lead = _DATELINE.sub("", text[s0 : m.start])
        if len(lead) > (12 if first else 2) or _REPORT.search(lead):
            continue
        return _speaker_of(ctx, st, m)
    pron = _PRONOUN.search(text, s0, min(v, s0 + 8))
    if (
        pron
        and zx.FRAME_FILLER.match(text[pron.end() : v])
        and pron.group(0) in {"他", "她"}
    ):
        return Speaker((st.last_person,), "person") if st.last_person else None
    if not first:
        return _NO_FRAME
    if _FIRST_PERSON_FRAME.match(text, s0, v):
        return st.carried  # "我想强调三点：": the speaker already speaking
    comma = max(text.rfind(",", s0, v), text.rfind("，", s0, v))
    if comma > s0 and zx.FRAME_FILLER.match(text[comma + 1 : v]):
        opening = [m for m in local if s0 <= m.start <= s0 + 1]
        if opening:
            return _speaker_of(ctx, st, opening[0])  # "布林肯转达了…，表示…"
    name = _DATELINE.sub("", text[s0:v])
    if (
        not before
        and 2 <= len(name) <= 4
        and all("\u4e00" <= c <= "\u9fff" for c in name)
        and name not in _NOT_NAMES
        and not any(c in name for c in "的在了是和与就对我你他她")
    ):
        return None  # a name the graph does not know: its words are nobody's we can name
    return _NO_FRAME


# ---------------------------------------------------------------------------- claims
@dataclass
class _Cue:
    kind: str  # ask, modal, commit, agree, red_line
    start: int
    end: int
    word: str


def _cues(text: str, start: int, end: int) -> list[_Cue]:
    """Every cue of a clause, in text order."""
    found: list[_Cue] = []
    clause = text[start:end]

    def add(kind: str, words: tuple[str, ...], check=None) -> None:  # type: ignore[no-untyped-def]
        for w in words:
            pos = clause.find(w)
            while pos >= 0:
                if check is None or check(pos, w):
                    found.append(_Cue(kind, start + pos, start + pos + len(w), w))
                pos = clause.find(w, pos + len(w))

    add("red_line", zx.RED_LINE, lambda p, w: not _as_a_line(clause, p, w))
    for m in zx.NO_ROOM.finditer(clause):
        found.append(_Cue("red_line", start + m.start(), start + m.end(), m.group(0)))
    add("priority", zx.PRIORITY)
    add("policy", zx.POLICY)
    if zx.CORE_STATED.search(clause) or "核心中的核心" in clause:
        pos = clause.find(zx.CORE)
        found.append(_Cue("red_line", start + pos, start + pos + 4, zx.CORE))
    add("agree", zx.AGREE)
    add("ask", zx.ASK, lambda p, w: _is_ask(clause, p, w))
    add("modal", zx.MODALS, lambda p, w: _is_modal(clause, p, w))
    add("commit", zx.COMMIT, lambda p, w: _is_commit(clause, p, w))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Cue] = []
    for c in found:  # the longest cue at a place; none inside another
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _as_a_line(clause: str, p: int, w: str) -> bool:
    """ "把和平共处作为底线": a line both should keep, named as such, not one drawn."""
    return w in {"红线", "底线"} and any(v in clause[max(0, p - 12) : p] for v in ("作为", "当作"))


def _is_ask(clause: str, p: int, w: str) -> bool:
    if any(clause[:p].endswith(b) for b in zx.NOT_ASK_BEFORE):
        return False
    if w == "请" and (clause[p + 1 : p + 2] in "求示问" or (p > 0 and clause[p - 1] in "邀申提")):
        return False
    if w == "劝" and clause[p - 1 : p] == "奉":
        return False
    return not (w == "要求" and clause[p + 2 : p + 3] in {"的", "，", ","})


def _is_modal(clause: str, p: int, w: str) -> bool:
    if w == "应":
        before = clause[p - 1 : p]
        after = clause[p + 1 : p + 2]
        return before not in zx.NOT_MODAL_YING and after not in zx.NOT_MODAL_YING_AFTER
    if w == "要":
        after = clause[p + 1 : p + 2]
        before = clause[p - 1 : p]
        return after not in zx.NOT_MODAL_YAO and before not in "重主需只想紧必不" and p > 0
    if w == "需要":
        return clause[p + 2 : p + 3] not in {"的", "和", "与", "是", ",", "，", ""}
    if w in {"应当", "应该", "需要"} and clause[p + 2 : p + 4] in {"看到", "指出", "说", "承认"}:
        return False
    return not (w == "切实" and clause[p - 1 : p] == "的")


def _is_commit(clause: str, p: int, w: str) -> bool:
    if w == "将" and any(clause.startswith(n, p - (1 if n[0] == "即" else 0)) for n in zx.NOT_WILL):
        return False
    if w == "将" and clause.rstrip("。；;，, ").endswith(zx.SCHEDULING):
        return False  # "将在北京举行会谈": scheduling
    if w == "将" and clause[p + 1 : p + 3] in _TRAVEL:
        return False  # "王毅将出席…", "将访问…": scheduling
    if w in {"将", "愿"} and p > 0 and clause[p - 1] in "意心":
        return False
    if w == "继续" and clause[p - 1 : p] in "将会":
        return False
    if w == "始终" and clause[p + 2 : p + 3] == "是":
        return False  # "立场始终是一贯的": a description
    if w == "保持" and (clause[p + 2 : p + 3] in "着了" or "一直" in clause[:p]):
        return False  # "一直保持着沟通": what is, not what will be
    if w == "支持" and clause[p - 1 : p] not in "不" and p > 6:
        return False
    return not (w == "坚定" and clause[p + 2 : p + 3] in "的")


def _subject(
    ctx: Context, text: str, local: list[_Local], start: int, cue: int, speaker: Speaker | None
) -> Subject:
    """Who the clause is about: a name or side before the cue, 我们, 双方, or no one named."""
    prefix = text[start:cue]
    heads = [m for m in local if start <= m.start <= start + 6 and m.end <= cue]
    if len(heads) >= 2 and text[heads[0].end : heads[1].start] in {"和", "与", "同", "、"}:
        a, b = (_state(ctx, h.m.actors, h.m.kind) for h in heads[:2])
        if a and b and a != b:
            return Subject("joint", heads[0].start, heads[1].end, tuple(ctx.states))
    for m in heads:
        follow = text[m.end : m.end + 2]
        policy_name = text[m.start - 2 : m.start] == "一个"  # "一个中国政策"
        if follow.startswith("的") or follow in {"关系", "之间"} or policy_name:
            continue  # "美国的…", "中美关系", "一个中国政策": no agent
        if m.m.kind == "group":
            return Subject("joint", m.start, m.end, tuple(ctx.states))
        if m.m.kind in {"person", "state", "organization"} and m.m.actors:
            return Subject("actor", m.start, m.end, m.m.actors[:1], m.m.kind)
        if m.m.kind == "post":
            states = {ctx.kb.posts[p].state for p in m.m.actors if p in ctx.kb.posts} - {None}
            if len(states) == 1:
                return Subject("actor", m.start, m.end, (states.pop(),), "state")  # type: ignore[arg-type]
    for words, kind in ((zx.OWN, "own"), (zx.YOU, "you"), (zx.GENERIC, "generic")):
        for w in words:
            pos = prefix.find(w)
            if pos == 0:  # at the start of the clause: its subject
                return Subject(kind, start + pos, start + pos + len(w))
    if prefix.startswith("任何"):
        return Subject("generic", start + prefix.find("任何"), cue)
    return Subject("none", start, start)


def _state(ctx: Context, actors: tuple[str, ...], kind: str) -> str | None:
    if not actors:
        return None
    if kind == "state":
        return actors[0]
    return ctx.kb.state_of(actors[0])


def _relation(ctx: Context, subject: Subject, speaker: Speaker | None) -> str:
    """own, other, joint, generic or none: the subject seen from the speaker's side."""
    if subject.kind in {"joint", "generic", "none"}:
        return subject.kind
    if subject.kind == "own":
        return "own"
    mine = _speaker_state(ctx, speaker)
    if subject.kind == "you":
        return "other"
    state = _state(ctx, subject.actors, subject.actor_kind)
    if state is None:
        return "generic"
    if mine is None:
        return "actor"
    return "own" if state == mine else "other"


def _speaker_state(ctx: Context, speaker: Speaker | None) -> str | None:
    if speaker is None or speaker.kind == "group":
        return None
    if speaker.kind == "state":
        return speaker.actors[0]
    return ctx.kb.state_of(speaker.actors[0])


@dataclass
class _Claim:
    type: str
    claimants: tuple[str, ...]
    addressee: str | None
    start: int
    end: int
    negated: bool
    cue: str


def _sentence(
    ctx: Context,
    st: ReaderState,
    para: Paragraph,
    text: str,
    local: list[_Local],
    start: int,
    end: int,
    speaker: Speaker | None,
    pledge: bool = False,
) -> list[Candidate]:
    """The claims of a sentence's content, clause by clause; after "重申，" a clause with no cue
    of its own is the speaker's reaffirmed position (a commitment)."""
    made: list[_Claim] = []
    chain: _Claim | None = None  # the claim the next verb-led clause continues
    chain_subject: Subject = _NONE
    segs = segments(text, start, end)
    if segs and segs[0].sep != "enum" and not st.header_fresh:
        st.header = None  # the list a header announced is over
    st.header_fresh = False
    for seg in segs:
        body = head(text, seg.body, seg.end)
        cues = _cues(text, body, seg.end)
        if seg.sep == "enum":
            chain = None
        if not cues and _framing(text, seg):
            continue
        if (
            not cues
            and chain is not None
            and seg.sep == ","
            and seg.end - seg.body <= 4
            and not verb_at(text, seg.body, seg.end)
            and not text.startswith(_MANNER, seg.body)
        ):
            chain.end = seg.end  # "言行一致，说到做到": a set phrase restating the last
            continue
        if not cues and pledge and not made:
            subj = _subject(ctx, text, local, body, body + 3, speaker)
            if _relation(ctx, subj, speaker) != "other":
                claim = _make(ctx, "commitment", _NONE, speaker, None, body, seg.end, text, "重申")
                if claim:
                    made.append(claim)
                    chain = claim
                    continue
        if not cues and _own_subject(local, seg, text):
            named = _subject(ctx, text, local, body, seg.end, speaker)
            if named.kind != "none":
                chain_subject = named  # "中方是负责任的国家，一贯严格遵守国际法"
        if not cues and text[seg.end : seg.end + 1] in {":", "："}:
            _header(st, text, body, seg.end, [], made, _NONE, chain_subject)
            chain = None
            continue
        if not cues:
            if seg.sep == "enum" and st.header is not None:
                kind, subj = st.header
                claim = _make(ctx, kind, subj, speaker, None, body, seg.end, text, "header")
                if claim:
                    made.append(claim)
                    chain = claim
                continue
            together = chain is not None and text[chain.start : chain.end].endswith(_TOGETHER)
            if together and chain is not None and seg.sep == ",":
                chain.end = seg.end
                continue
            if chain is not None and seg.sep == "," and _purpose(text, local, seg):
                chain.end = seg.end  # "…，确保…", "…，推动伊朗…": what the action is for
                continue
            if chain is not None and "、" in text[seg.body : seg.end] and seg.end - seg.body <= 7:
                chain.end = seg.end  # "言必信、行必果": set phrases saying how
                continue
            if chain is not None and seg.sep in {",", "、", ";"} and _continues(text, local, seg):
                new = _Claim(chain.type, chain.claimants, chain.addressee, body, seg.end,
                             _negated(text, body, min(seg.end, body + 3)), chain.cue)
                made.append(new)
                chain = new
                continue
            if chain is not None and seg.sep == "," and not _own_subject(local, seg, text):
                if not any(r in text[seg.body : seg.end] for r in zx.REPORTING):
                    chain.end = seg.end  # the rest of the same action
                continue
            chain = None
            continue
        if chain is not None and seg.sep == "," and _purpose(text, local, seg):
            chain.end = seg.end  # "…，确保…", "…，推动伊朗…": what the action is for
            continue
        if chain is not None and seg.sep == "," and text.startswith(zx.ELABORATION, seg.body):
            chain.end = seg.end  # "…，而不是说一套做一套": what the claim is not
            continue
        bare = chain is not None and not _own_subject(local, seg, text)
        kinds = {c.kind for c in cues}
        measures = bare and chain is not None and chain.type == "red_line" and seg.sep == ","
        if measures and chain is not None and kinds and kinds <= {"policy", "commit"}:
            chain.end = seg.end  # "将采取必要措施，坚决维护…": the measures' purpose
            continue
        if bare and chain is not None and kinds == {"policy"} and seg.sep in {",", "、"}:
            new = _Claim(chain.type, chain.claimants, chain.addressee, body, seg.end,
                         _negated(text, body, min(seg.end, body + 4)), chain.cue)
            made.append(new)
            chain = new
            continue
        if (
            chain is not None
            and chain.type == "demand"
            and seg.sep in {",", "、"}
            and not any(c.kind == "red_line" for c in cues)
            and not _own_subject(local, seg, text)
            and (verb_at(text, body, seg.end) or text[body] == "不")
        ):
            new = _Claim(chain.type, chain.claimants, chain.addressee, body, seg.end,
                         _negated(text, body, min(seg.end, body + 4)), chain.cue)
            made.append(new)
            chain = new
            continue
        claims_here = _clause(ctx, st, text, local, seg, body, cues, speaker, chain_subject)
        found, subject = claims_here if claims_here is not None else ([], _NONE)
        if subject.kind != "none":
            chain_subject = subject
        made += found
        chain = found[-1] if found else None
        if text[seg.end : seg.end + 1] in {":", "："}:
            _header(st, text, body, seg.end, found, made, subject, chain_subject)
    return [_candidate(para, c) for c in _merge_red_lines(made, local, text)]


_HEADER_NOUNS = (
    ("共识", "consensus"), ("同意", "consensus"), ("要求", "demand"), ("希望", "demand"),
    ("敦促", "demand"), ("主张", "demand"), ("承诺", "commitment"),
)  # fmt: skip


def _header(
    st: ReaderState,
    text: str,
    body: int,
    end: int,
    found: list[_Claim],
    made: list[_Claim],
    subject: Subject,
    chain_subject: Subject,
) -> None:
    """A clause before a colon announces a list: its type holds for the items that have no cue
    of their own ("双方同意：第一，…；第二，…", "提出三点要求：一是…"); it is no claim itself
    when it only announces them."""
    clause = text[body:end]
    kind = found[0].type if found else None
    if kind is None:
        kind = next((k for noun, k in _HEADER_NOUNS if noun in clause), None)
    if kind is None:
        return
    st.header = (kind, subject if subject.kind != "none" else chain_subject)
    st.header_fresh = True
    if found and (
        found[0].end - found[0].start <= 8
        or text[found[0].start : found[0].end].endswith(
            ("共识", "要求", "希望", "主张", "意见", "立场", "看法")
        )
    ):
        made.remove(found[0])


_FRAMING = re.compile(r"(?:在|对于|关于|就|面对|针对)")


def _framing(text: str, seg: Segment) -> bool:
    """ "在…问题上", "对于…说法": a phrase that frames the clause after it."""
    if not _FRAMING.match(text, seg.body, seg.end):
        return False
    return text.startswith(("对于", "关于", "针对", "面对"), seg.body) or (
        text[seg.end - 1] in "上中时下面"
    )


def _purpose(text: str, local: list[_Local], seg: Segment) -> bool:
    """A clause saying what the action before it is for: "确保…", or "推动" with another party
    as its object ("利用其影响力，推动伊朗停止…")."""
    if text.startswith(zx.PURPOSE, seg.body):
        return True
    if not text.startswith("推动", seg.body):
        return False
    if any(seg.body + 2 <= m.start <= seg.body + 3 and m.m.kind in {"state", "person"}
           for m in local):
        return True
    return not verb_at(text, seg.body + 2, seg.end) and _foreign_object(text, seg.body + 2)


def _foreign_object(text: str, at: int) -> bool:
    """A country the graph may not know, after 推动 ("推动伊朗…"): two to four characters
    before a verb."""
    return any(text.startswith(v, at + n) for n in (2, 3) for v in ("停止", "放弃", "遵守", "回到"))


def _continues(text: str, local: list[_Local], seg: Segment) -> bool:
    """A clause that names no subject after a claim's clause is the claim's next item: Chinese
    lists actions between commas ("切实恪守…，谨言慎行，不向…发出错误信号"). Not what elaborates
    the last one ("，特别是…", "，包括…"), and not a clause of one or two characters."""
    if _own_subject(local, seg, text):
        return False
    if verb_at(text, seg.body, seg.end):
        return True
    return seg.end - seg.body >= 3 and not text.startswith(zx.ELABORATION, seg.body)


def _own_subject(local: list[_Local], seg: Segment, text: str = "") -> bool:
    """Does the clause start with a name of its own ("美方…", but not "为双方合作…")?"""
    for m in local:
        if m.start == seg.body or (
            m.start == seg.body + 1 and text and text[seg.body] not in "为对向同与和把在从给"
        ):
            return True
    return False


def _clause(
    ctx: Context,
    st: ReaderState,
    text: str,
    local: list[_Local],
    seg: Segment,
    body: int,
    cues: list[_Cue],
    speaker: Speaker | None,
    inherited: Subject,
) -> tuple[list[_Claim], Subject] | None:
    red = next((c for c in cues if c.kind == "red_line"), None)
    agree = next((c for c in cues[:2] if c.kind == "agree"), None)
    cue = red or agree or cues[0]
    subject = _subject(ctx, text, local, body, cue.start, speaker)
    explicit = subject.kind != "none"
    if not explicit and cue.kind in {"modal", "commit"} and _topic_subject(text, body, cue.start):
        # "科技进步不应…": a subject that is no party: a norm, not a claim (rule 3)
        topic = text[body : cue.start]
        if not any(w in topic for w in ("中美", "两国", "双边", "两军")):
            return None
        subject = Subject("joint", body, cue.start, tuple(ctx.states))
        explicit = True
    if subject.kind == "none" and inherited.kind != "none":
        subject = Subject(inherited.kind, body, body, inherited.actors, inherited.actor_kind)
    listed = not explicit and st.header is not None and seg.sep == "enum"
    if listed and st.header is not None and subject.kind == "none":
        announced = st.header[1]
        subject = Subject(announced.kind, body, body, announced.actors, announced.actor_kind)
    out: list[_Claim] = []
    start = body  # the clause from its start: its subject, when it names one
    if cue.kind == "priority" and red is None:
        own = _relation(ctx, subject, speaker) == "own" and (
            explicit or cue.word == "优先事项"
        )
        kind = "commitment" if own or _owner_before(ctx, text, local, cue, speaker) else "demand"
        claim = _make(ctx, kind, _NONE, speaker, None, start, seg.end, text, cue.word)
        return ([claim] if claim else []), subject
    if cue.kind == "policy" and red is None:
        rel = _relation(ctx, subject, speaker)
        if listed and st.header is not None and st.header[0] in {"demand", "consensus"}:
            kind = st.header[0]
        elif subject.kind != "none" and rel in {"own", "actor"}:
            kind = "commitment"  # "中国尊重美国的利益", "中方坚决维护国家主权"
        elif explicit and rel in {"other", "joint"} and speaker is not None:
            return None  # "美方维护…": what the other side does, not asked of it
        else:
            return None
        claim = _make(ctx, kind, subject if rel == "actor" else _NONE, speaker, None, start,
                      seg.end, text, cue.word)
        return ([claim] if claim else []), subject
    if red is not None:
        rel = _relation(ctx, subject, speaker)
        modal = next((c for c in cues if c.kind in {"modal", "ask"}), None)
        if modal is None and any(n in red.word for n in ("不要", "不得", "不能")):
            modal = red
        if rel == "other" and modal is None and not _negated(text, red.start - 3, red.end):
            return None
        if rel == "generic" and "任何" not in text[body : red.start] and "不要低估" not in red.word:
            return None
        claim = _make(ctx, "red_line", subject, speaker, None, start, seg.end, text, red.word)
        if claim:
            out.append(claim)
        if modal is not None and rel in {"other", "joint"}:
            demand = _make(ctx, "demand", subject, speaker, None, start, seg.end, text, modal.word)
            if demand:
                out.append(demand)
        return out, subject
    if cue.kind == "ask":
        obj = _object(ctx, text, local, cue.end, seg.end)
        rel_obj = _relation(ctx, obj, speaker) if obj.kind != "none" else "none"
        hope = cue.word in {"希望", "期待", "期望"}
        if hope and text.startswith(zx.HOPE_OWN_NEXT, cue.end):
            kind, first = "commitment", start
        elif rel_obj in {"other", "joint"}:
            first = obj.end
            kind = "demand"
        elif cue.word in {"敦促", "要求", "呼吁", "促请"} or (
            rel_obj == "none" and cue.word == "希望"
        ):
            kind, first = "demand", cue.end
        else:
            return None
        named = subject.kind == "actor" and (subject.actor_kind == "person" or speaker is None)
        claimant_subject = subject if named else _NONE
        addressee = obj.actors[0] if obj.kind == "actor" and obj.actors else None
        claim = _make(
            ctx, kind, claimant_subject, speaker, addressee, first, seg.end, text, cue.word
        )
        return ([claim] if claim else []), (obj if obj.kind != "none" else subject)
    rel = _relation(ctx, subject, speaker)
    if speaker is not None and speaker.kind == "group" and rel in {"none", "own", "joint"}:
        claim = _make(ctx, "consensus", _NONE, speaker, None, start, seg.end, text, cue.word)
        return ([claim] if claim else []), subject
    if cue.kind == "agree":
        if rel in {"joint", "none"}:
            kind = "consensus"
        elif rel in {"own", "actor"}:
            kind = "commitment"
        else:
            return None
    elif cue.kind == "modal":
        if rel in {"other", "joint", "you"} or (rel == "none" and speaker is not None):
            kind = "demand"
        elif rel == "own" and subject.kind == "own":
            kind = "demand"  # "我们应当…": both of us, said by one side (rule 2)
        else:
            return None
    elif listed and st.header is not None and st.header[0] in {"demand", "consensus"}:
        kind = st.header[0]  # "提出五点主张：第一，坚持…": a proposal, not one's own pledge
    else:  # commit
        if rel == "joint":
            kind = "consensus"
        elif rel in {"own", "none", "actor"}:
            kind = "commitment"
            if rel == "none" and speaker is None:
                return None
        else:
            return None
    claim = _make(ctx, kind, subject if rel == "actor" else _NONE, speaker, None, start,
                  seg.end, text, cue.word)
    return ([claim] if claim else []), subject


_ADVERBS = re.compile(
    r"^(?:[也还都更就则仍才又亦均]|务必|一定|切实|首先|其次|同时|进一步|必须|始终|一直|继续|"
    r"将来|今后|未来|目前|现在|永远|从来|从不|绝|决)+"
)


def _topic_subject(text: str, body: int, cue: int) -> bool:
    """Does a noun phrase that names no party stand before the cue ("科技进步不应…")?"""
    rest = _ADVERBS.sub("", text[body:cue])
    return len(rest) >= 2 and rest[0] not in "在对就从于为以把将向与同和跟给"


def _owner_before(
    ctx: Context, text: str, local: list[_Local], cue: _Cue, speaker: Speaker | None
) -> bool:
    """ "…是美方的优先事项", "中方的首要任务是": a priority the speaker's own side owns."""
    for m in local:
        if m.end <= cue.start and cue.start - m.end <= 2 and text[m.end : m.end + 1] == "的":
            owner = Subject("actor", m.start, m.end, m.m.actors[:1], m.m.kind)
            return _relation(ctx, owner, speaker) == "own"
    return False


def _object(ctx: Context, text: str, local: list[_Local], at: int, end: int) -> Subject:
    """The party asked: a name or side right after the ask verb ("敦促美方…")."""
    for m in local:
        if at <= m.start <= at + 1 and m.end <= end:
            if m.m.kind == "group":
                return Subject("joint", m.start, m.end, tuple(ctx.states))
            if m.m.kind in {"person", "state", "organization"}:
                return Subject("actor", m.start, m.end, m.m.actors[:1], m.m.kind)
    for words, kind in ((zx.YOU, "you"), (zx.OWN, "own")):
        for w in words:
            if text.startswith(w, at):
                return Subject(kind, at, at + len(w))
    return _NONE


def _make(
    ctx: Context,
    kind: str,
    subject: Subject,
    speaker: Speaker | None,
    addressee: str | None,
    start: int,
    end: int,
    text: str,
    cue: str,
) -> _Claim | None:
    while end > start and text[end - 1] in " ，,、；;：:。":
        end -= 1
    if text[end - 1 : end] in {'"', "”", "」"} and text.count('"', start, end) % 2 == 1:
        end -= 1  # the quotation closes after the claim: its mark is not part of it
    while end > start and text[end - 1] in " ，,、；;：:。":
        end -= 1
    if end - start < 2:
        return None  # "中方提出三点要求。": the items follow
    if kind == "consensus":
        if len(ctx.states) < 2:
            return None
        return _Claim(kind, tuple(ctx.states), None, start, end, _negated(text, start, end), cue)
    named = subject.kind == "actor" and bool(subject.actors)
    if named and (speaker is None or subject.actor_kind == "person"):
        actor = subject.actors[0]
        if subject.actor_kind == "organization":
            actor = ctx.kb.state_of(actor) or actor
        claimants: tuple[str, ...] = (actor,)
    elif speaker is not None and speaker.kind != "group":
        claimants = speaker.actors
    elif subject.kind == "actor" and subject.actors:
        claimants = (ctx.kb.state_of(subject.actors[0]) or subject.actors[0],)
    else:
        return None
    if addressee is None:
        states = {ctx.kb.state_of(c) or c for c in claimants}
        addressee = ctx.other(next(iter(states))) if len(states) == 1 else None
    return _Claim(kind, claimants, addressee, start, end, _negated_head(text, start, end, cue), cue)


def _negated_head(text: str, start: int, end: int, cue: str) -> bool:
    """Is the clause itself negative: a negator up to its cue and the word after it ("美方不寻求",
    "中方不会", "不要干涉"), not one deeper inside ("恪守不选边站队的承诺")?"""
    at = text.find(cue, start, end) if cue else -1
    stop = at + len(cue) + 1 if at >= 0 else start + 4
    return _negated(text, start, min(end, stop))


def _negated(text: str, start: int, end: int) -> bool:
    """A negator starting in ``[start, end)`` (read on past ``end``: "坚定不移" is none)."""
    m = zx.NEGATORS.search(text, max(start, 0))
    return m is not None and m.start() < end


def _merge_red_lines(made: list[_Claim], local: list[_Local], text: str) -> list[_Claim]:
    """ "台湾问题是中国核心利益中的核心，是…不可逾越的红线": one line drawn, in two clauses
    (the second names no subject of its own)."""
    out: list[_Claim] = []
    for c in made:
        prev = out[-1] if out else None
        last = re.split(r"[,，;；]", text[prev.start : prev.end])[-1] if prev else ""
        if (
            prev is not None
            and c.type == prev.type == "red_line"
            and c.claimants == prev.claimants
            and "。" not in text[prev.end : c.start]
            and (
                text.startswith(("是", "这是", "这也是", "这"), c.start)
                or ("是" in last and c.start - prev.end <= 2)
            )
        ):
            prev.end = c.end
            continue
        out.append(c)
    return out


def _candidate(para: Paragraph, c: _Claim) -> Candidate:
    return Candidate(
        type=c.type,
        claimants=c.claimants,
        addressee=None if c.type == "consensus" else c.addressee,
        start=para.offset(c.start),
        end=para.offset(c.end),
        negated=c.negated,
        confidence=0.7,
        cue=f"zh:{c.cue}",
        sentence=None,  # type: ignore[arg-type]
    )
