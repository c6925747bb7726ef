"""Who a Chinese clause is about, seen from its speaker's side: a name or side at its start,
我们, both sides ("双方", "美国和中国"), a party asked ("敦促美方…"), or a topic that is no party
("科技进步不应…": a norm, not a claim).
"""

from __future__ import annotations

import re

from graph.extract.claims import Context
from graph.extract.speakers import Speaker
from graph.extract.zh import lexicon as zx
from graph.extract.zh.cues import Cue
from graph.extract.zh.state import NO_SUBJECT, Local, Subject

#: What may stand between a pair's name and its relation ("中美两军关系", "中美经贸关系").
_UNITS = ("两军", "两国", "双边", "经贸", "两党", "两国军队")
#: A name right after one of these is the object of a preposition or verb, not the subject
#: ("以排挤中国为目的的框架", "对美方的做法").
_PREPOSITIONS = "以对把向从给被让使"
#: A clause that starts with an imperative has no subject of its own: a name after it is the
#: object ("不要挑战中方底线", "停止干涉中国内政").
_IMPERATIVE = ("不要", "不得", "切勿", "停止", "别再", "勿")


def subject_of(
    ctx: Context, text: str, local: list[Local], start: int, cue: int, speaker: Speaker | None
) -> Subject:
    """Who the clause is about: a name or side before the cue, 我们, 双方, or no one named."""
    prefix = text[start:cue]
    if prefix.startswith(_IMPERATIVE):
        return Subject("none", start, start)  # "不要挑战中方底线": 中方 is the object
    heads = [m for m in local if start <= m.start <= start + 6 and m.end <= cue]
    if len(heads) >= 2 and text[heads[0].end : heads[1].start] in {"和", "与", "同", "、"}:
        a, b = (state_of(ctx, h.m.actors, h.m.kind) for h in heads[:2])
        if a and b and a != b:  # "中国和美国", "王毅与布林肯": the states they stand for
            return Subject("joint", heads[0].start, heads[1].end, (a, b))
    for m in heads:
        follow = text[m.end : m.end + 4]
        for unit in _UNITS:  # "中美两军关系": the pair named, then what relation
            if follow.startswith(unit):
                follow = follow[len(unit) :]
                break
        follow = follow[:2]
        policy_name = text[m.start - 2 : m.start] == "一个"  # "一个中国政策"
        governed = m.start > start and (
            text[m.start - 1] in _PREPOSITIONS or text[start] in _PREPOSITIONS
        )
        relation_named = follow in {"关系", "之间", "合作", "交往", "竞争", "对话", "摩擦", "分歧"}
        if follow.startswith("的") or relation_named or policy_name or governed:
            continue  # "美国的…", "中美关系", "一个中国政策", "以排挤中国为目的": no agent
        if m.m.kind == "group":
            return Subject("joint", m.start, m.end, tuple(ctx.states))
        if m.m.kind in {"person", "state", "organization"} and m.m.actors:
            return Subject("actor", m.start, m.end, m.m.actors[:1], m.m.kind)
        if m.m.kind == "post":
            states = {s for p in m.m.actors if p in ctx.kb.posts and (s := ctx.kb.posts[p].state)}
            if len(states) == 1:
                return Subject("actor", m.start, m.end, (states.pop(),), "state")
    for words, kind in ((zx.OWN, "own"), (zx.YOU, "you"), (zx.GENERIC, "generic")):
        for w in words:
            pos = prefix.find(w)
            if pos == 0:  # at the start of the clause: its subject
                return Subject(kind, start + pos, start + pos + len(w))
    if prefix.startswith("任何"):
        return Subject("generic", start + prefix.find("任何"), cue)
    return Subject("none", start, start)


def state_of(ctx: Context, actors: tuple[str, ...], kind: str) -> str | None:
    if not actors:
        return None
    if kind == "state":
        return actors[0]
    return ctx.kb.state_of(actors[0])


def relation(ctx: Context, subject: Subject, speaker: Speaker | None) -> str:
    """own, other, joint, generic or none: the subject seen from the speaker's side."""
    if subject.kind in {"joint", "generic", "none"}:
        return subject.kind
    if subject.kind == "own":
        return "own"
    mine = speaker_state(ctx, speaker)
    if subject.kind == "you":
        return "other"
    state = state_of(ctx, subject.actors, subject.actor_kind)
    if state is None:
        return "generic"
    if mine is None:
        return "actor"
    return "own" if state == mine else "other"


def speaker_state(ctx: Context, speaker: Speaker | None) -> str | None:
    if speaker is None or speaker.kind == "group":
        return None
    if speaker.kind == "state":
        return speaker.actors[0]
    return ctx.kb.state_of(speaker.actors[0])



_ADVERBS = re.compile(
    r"^(?:[也还都更就则仍才又亦均]|务必|一定|切实|首先|其次|同时|进一步|必须|始终|一直|继续|"
    r"将来|今后|未来|目前|现在|永远|从来|从不|绝|决)+"
)


#: A noun phrase that ends the words before a cue: "…为目的的框架", "…的做法".
_NOUN_PHRASE = re.compile(r"的[^的，,、\s]{1,4}$")


def topic_subject(text: str, body: int, cue: int) -> bool:
    """Does a noun phrase that names no party stand before the cue ("科技进步不应…")?"""
    rest = _ADVERBS.sub("", text[body:cue])
    if rest.startswith(("这", "该", "此", "上述", "其")):
        return False  # "这些措施不会…": what the speaker just named, not a norm
    if rest[:1] in "以对为" and _NOUN_PHRASE.search(rest):
        return True  # "以排挤中国为目的的框架不会…": a thing described, not a party
    return len(rest) >= 2 and rest[0] not in "在对就从于为以把将向与同和跟给"


def owner_before(
    ctx: Context, text: str, local: list[Local], cue: Cue, speaker: Speaker | None
) -> bool:
    """ "…是美方的优先事项", "中方的首要任务是": a priority the speaker's own side owns."""
    for m in local:
        if m.end <= cue.start and cue.start - m.end <= 2 and text[m.end : m.end + 1] == "的":
            owner = Subject("actor", m.start, m.end, m.m.actors[:1], m.m.kind)
            return relation(ctx, owner, speaker) == "own"
    return False


def object_of(ctx: Context, text: str, local: list[Local], at: int, end: int) -> Subject:
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
    return NO_SUBJECT
