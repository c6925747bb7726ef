"""Who speaks in Chinese text: report frames ("王毅表示，…", "国务卿强调…", "杨涛说，习近平主席
指出，…"), transcript labels ("汪文斌：…", "答：…", "法新社记者：…"), headings, and the person
a later 他/她 stands for. The publisher never speaks.
"""

from __future__ import annotations

import re

from graph.extract.claims import Context
from graph.extract.speakers import Speaker
from graph.extract.zh import lexicon as zx
from graph.extract.zh.state import Local, ReaderState

LABEL = re.compile(r"^([^，,。；;：:\"“”！？!?\s]{1,16})\s*[:：]")
_PRONOUN = re.compile(r"他们|她们|他|她")
REPORT = re.compile("|".join(zx.REPORT_VERBS))
#: "新华社北京5月15日电 ", "据介绍，": a wire dateline or a source before the speaker.
DATELINE = re.compile(r"^(?:[^，,。]{0,20}?电\s*|据(?:介绍|悉|了解|报道)[,，]?)")
_AFTER_FRAME = re.compile(r"[,，:：]?\s*[\"“「]?")


def is_label(who: str, local: list[Local]) -> bool:
    """A transcript label: a reporter ("法新社记者", "问"), the answer ("答", "发言人"), or a
    name or title and nothing else ("汪文斌", "外交部发言人")."""
    if zx.QUESTION_LABEL.search(who) or who in {"问", "提问"} or who in zx.ANSWER_LABEL:
        return True
    return any(
        m.start == 0 and m.end == len(who) and m.m.kind in {"person", "post"} for m in local
    )



def heading(text: str, first: bool) -> bool:
    """A title or a dateline line: no sentence punctuation and short."""
    stripped = text.strip()
    if any(c in stripped for c in "。！？!?；;"):
        return False
    return len(stripped) < 60 or first


def remember(st: ReaderState, local: list[Local]) -> None:
    """The last person named, for 他/她 (a person's own frame keeps them: "他" is the speaker)."""
    for m in local:
        if m.m.kind == "person" and len(m.m.actors) == 1:
            st.last_person = m.m.actors[0]


def ministry(ctx: Context) -> Speaker | None:
    """The unnamed spokesperson speaks for the ministry's state: the Chinese side."""
    for state in ctx.states:
        if state.endswith("/china"):
            return Speaker((state,), "state")
    return None


def speaker_of(ctx: Context, st: ReaderState, m: Local) -> Speaker | None:
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
        states = {s for p in mention.actors if p in ctx.kb.posts and (s := ctx.kb.posts[p].state)}
        return Speaker((states.pop(),), "state") if len(states) == 1 else None
    return None


_NO_FRAME = Speaker((), "none")
_FIRST_PERSON_FRAME = re.compile(r"我们?(?:想|要|愿|还|也|再|愿意|希望)?(?:再次|进一步)?$")
#: Two to four characters before a report verb that are no name ("对此表示", "会上指出").
_NOT_NAMES = ("对此", "同时", "此外", "另外", "会上", "当天", "会谈中", "会见时", "随后", "最后",
              "他们", "她们", "我们", "双方", "他", "她", "我")


def frame(
    ctx: Context, st: ReaderState, text: str, local: list[Local], s0: int, s1: int
) -> tuple[int, Speaker | None, str]:
    """Where the sentence's content starts and who says it: "王毅表示，…" names the speaker for
    this sentence and the ones after; with no frame, the speaker carried. A frame inside the
    content ("杨涛说，习近平主席指出，…") relays the principal: the innermost speaks."""
    begin, word = s0, ""
    speaker: Speaker | None = _NO_FRAME
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
    ctx: Context, st: ReaderState, text: str, local: list[Local], s0: int, s1: int, first: bool
) -> tuple[int, Speaker | None, str] | None:
    for verb in REPORT.finditer(text, s0, s1):
        v = verb.start()
        after = verb.end()
        if verb.group(0) in zx.WEAK_REPORT and not _closes_frame(text, after, s1):
            continue
        if text.startswith(("一套", "三道四"), after):
            continue  # "说一套做一套", "说三道四": idioms, not speech reported
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


#: How a pledge restated right after 重申/承诺 starts ("重申不支持…", "承诺将…").
_PLEDGED = (
    "不", "将", "愿", "坚持", "继续", "致力", "恪守", "遵守", "奉行", "无意", "绝不", "决不",
)  # fmt: skip


def _closes_frame(text: str, after: int, s1: int) -> bool:
    """Does a weak report verb ("重申", "提出") end a frame: punctuation, or a short object
    before a colon ("提出了中方的三点主张：")?"""
    if after >= s1:
        return False
    if text[after - 2 : after] in {"重申", "承诺"} and text.startswith(_PLEDGED, after):
        return True  # "美方重申不支持“台独”": the pledge follows at once
    if text[after - 1] in "称说" and text[after] not in "为作明服法道之号赞得过":
        return True  # "美方称将…": the content follows at once
    return text[after] in ",，:：\"“" or bool(_FRAME_COLON.match(text, after, s1))


def _frame_subject(
    ctx: Context,
    st: ReaderState,
    text: str,
    local: list[Local],
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
        lead = DATELINE.sub("", text[s0 : m.start])
        if len(lead) > (12 if first else 2) or REPORT.search(lead):
            continue
        return speaker_of(ctx, st, m)
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
            return speaker_of(ctx, st, opening[0])  # "布林肯转达了…，表示…"
    name = DATELINE.sub("", text[s0:v])
    if (
        not before
        and 2 <= len(name) <= 4
        and all("\u4e00" <= c <= "\u9fff" for c in name)
        and name not in _NOT_NAMES
        and not any(c in name for c in "的在了是和与就对我你他她")
    ):
        return None  # a name the graph does not know: its words are nobody's we can name
    return _NO_FRAME
