"""Reading a Chinese paragraph: who speaks (frames, transcript labels, the speaker carried
from sentence to sentence), then the claims of each clause and list item.

A readout names the speaker in a frame ("王毅表示，…", "国务卿强调…") and drops it in the next
sentences; a transcript names it in a label ("汪文斌：…", "答：…"), and a reporter's question
("法新社记者：…？") is nobody's claim. A principal quoted by a briefer ("王毅强调，…" inside a
spokesperson's answer) speaks for the rest of that paragraph. The publisher never speaks.
"""

from __future__ import annotations

import re

from graph.extract.claims import Candidate, Context
from graph.extract.linking import Mention
from graph.extract.speakers import Speaker
from graph.extract.text import Paragraph
from graph.extract.zh import lexicon as zx
from graph.extract.zh.claims import sentence_claims
from graph.extract.zh.cues import FIRST_PERSON
from graph.extract.zh.frames import (
    LABEL,
    frame,
    heading,
    is_label,
    ministry,
    remember,
    speaker_of,
)
from graph.extract.zh.segment import sentences
from graph.extract.zh.state import Local, ReaderState


def state_for(ctx: Context) -> ReaderState:
    """The reader state of this document, kept on its context (one per ``read``), made on
    first use."""
    kept: ReaderState | None = getattr(ctx, "_zh", None)
    if kept is None:
        kept = ReaderState(publisher=set(ctx.publisher))
        # on the context, which lives for one read(); claims.Context, shared with the English
        # rules, does not declare the Chinese reader's state
        ctx._zh = kept  # type: ignore[attr-defined]
    return kept


def claims(ctx: Context, para: Paragraph, mentions: list[Mention], view: str) -> list[Candidate]:
    """Typed claims of one Chinese paragraph."""
    st = state_for(ctx)
    text = view[para.start : para.end]
    local = [Local(m, m.start - para.start, m.end - para.start) for m in mentions]
    for m in local:
        titled = text[max(0, m.start - 3) : m.start] == "发言人"  # "国防部新闻发言人谭克非"
        if m.m.kind == "person" and ("发言人" in m.m.text or titled):
            st.spokesperson = Speaker(m.m.actors, "person")
    first = not st.seen_first
    st.seen_first = True
    if heading(text, first):
        remember(st, local)
        if first and _STATEMENT.search(text.strip()):
            st.author = _author(ctx)  # "中华人民共和国外交部声明": the ministry's own voice
        st.carried = st.author
        return []
    content = 0
    label = LABEL.match(text)
    if label and not is_label(label.group(1), local):
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
            speaker = speaker_of(ctx, st, named[-1]) if named else None
            if speaker is None and who in zx.ANSWER_LABEL:
                speaker = st.spokesperson or ministry(ctx)
            st.label_speaker = speaker
        st.carried = st.label_speaker
    elif st.label_mode:
        st.carried = st.label_speaker  # an answer that runs on over paragraphs
    if st.label_mode and st.question:
        remember(st, local)
        return []
    out: list[Candidate] = []
    for s0, s1 in sentences(text):
        s0 = max(s0, content)
        if s1 <= s0:
            continue
        if text[s0:s1].rstrip("\"”」』）) ").endswith(("？", "?")):
            continue  # a question asks nothing of anyone
        if st.label_mode and text.startswith(FIRST_PERSON, s0):
            st.carried = st.label_speaker  # "我们…": the briefer again, after a quoted principal
        prior = st.carried
        begin, speaker, verb = frame(ctx, st, text, local, s0, s1)
        if verb and _scorned(text, s0, begin, verb):
            st.carried = prior  # "美方口口声声说…，却…": the other side's words held up, no claim
            continue
        pledge = verb in zx.PLEDGE_FRAMES
        out += sentence_claims(ctx, st, para, text, local, begin, s1, speaker, pledge)
        framed = bool(verb) and speaker is not None and speaker.kind == "person"
        if not framed:
            remember(st, [m for m in local if s0 <= m.start < s1][:1])
    return out


#: A title that makes the publisher the author: a statement, not a readout (a joint one has
#: both sides for its authors, read as such elsewhere).
_STATEMENT = re.compile(r"(?<!联合)声明$")


def _author(ctx: Context) -> Speaker | None:
    """The publisher's state, speaking in its own statement."""
    for actor in sorted(ctx.publisher):
        state = ctx.kb.state_of(actor) or (actor if actor in ctx.states else None)
        if state is not None:
            return Speaker((state,), "state")
    return None


#: Report verbs and adverbs that hold the words reported up to scorn.
_SCORN_VERBS = frozenset({"声称", "扬言", "标榜", "号称"})
_SCORN_ADVERBS = ("口口声声", "一再声称", "一边说", "嘴上说")


def _scorned(text: str, s0: int, begin: int, verb: str) -> bool:
    """Is the frame one that reports words to refute them ("美方口口声声说不支持“台独”，却…")?"""
    return verb in _SCORN_VERBS or any(a in text[s0:begin] for a in _SCORN_ADVERBS)
