"""Claims of a Chinese sentence, clause by clause: each clause typed by its cue and its subject
(data/gold/ANNOTATION.md), lists continued through the clauses after a claim ("停止A，取消B，并
释放C"), list headers typing their items ("双方同意：第一，…"), red lines drawn over several
clauses merged into one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.claims import Candidate, Context
from graph.extract.parties import consensus_states
from graph.extract.speakers import Speaker
from graph.extract.text import Paragraph
from graph.extract.zh import lexicon as zx
from graph.extract.zh.cues import MANNER, TOGETHER, Cue, find_cues
from graph.extract.zh.segment import Segment, head, segments, verb_at
from graph.extract.zh.state import NO_SUBJECT, Local, ReaderState, Subject
from graph.extract.zh.subjects import (
    object_of,
    owner_before,
    relation,
    subject_of,
    topic_subject,
)


@dataclass
class _Claim:
    type: str
    claimants: tuple[str, ...]
    addressee: str | None
    start: int
    end: int
    negated: bool
    cue: str


def sentence_claims(
    ctx: Context,
    st: ReaderState,
    para: Paragraph,
    text: str,
    local: list[Local],
    start: int,
    end: int,
    speaker: Speaker | None,
    pledge: bool = False,
) -> list[Candidate]:
    """The claims of a sentence's content, clause by clause; after "重申，" a clause with no cue
    of its own is the speaker's reaffirmed position (a commitment)."""
    made: list[_Claim] = []
    chain: _Claim | None = None  # the claim the next verb-led clause continues
    chain_subject: Subject = NO_SUBJECT
    segs = segments(text, start, end)
    if segs and segs[0].sep != "enum" and not st.header_fresh:
        st.header = None  # the list a header announced is over
    st.header_fresh = False
    # where a run of clauses that lead up to a line starts: a frame ("在台湾问题上，") or topics
    # stated ("香港是中国的香港，香港事务纯属中国内政，"), and which of the two
    lead: tuple[int, str] | None = None
    threat = False  # the clause before was an adverse condition ("如果美方一意孤行，")
    conditioned = False  # the clause before was a condition of any kind
    norm_topic = False  # the clause before stated what a thing is ("溯源是科学问题，")
    for seg in segs:
        body = head(text, seg.body, seg.end)
        cues = find_cues(text, body, seg.end)
        before, lead = lead, None
        answers, threat = threat or text.startswith("否则", seg.body), False
        of_topic, norm_topic = norm_topic, False
        if _framing(text, seg) and text[seg.end : seg.end + 1] in {",", "，"}:
            cues = []  # "在事关中国核心利益的问题上，": a frame, whatever words it holds
        if seg.sep == "enum":
            chain = None
        if chain is not None and seg.sep == "," and _second_half(text, chain, seg):
            chain.end = seg.end  # "不能一边要求沟通，一边损害中方利益": one act in two halves
            continue
        if (
            chain is not None
            and chain.type == "commitment"
            and seg.sep == ","
            and text[chain.start : chain.end].endswith(("必要行动", "必要措施"))
            and text.startswith(("防止", "避免", "保护"), seg.body)
        ):
            chain.end = seg.end  # "将继续采取必要行动，防止…": what the actions are for
            continue
        if (
            chain is not None
            and seg.sep == ","
            and re.search(r"采取[^，,]{0,4}(?:行动|措施|举措)$", text[chain.start : chain.end])
            and verb_at(text, body, seg.end)
            and not cues
        ):
            chain.end = seg.end  # "双方同意采取行动，落实…": the act named, then what it does
            continue
        if zx.DISCUSSED.search(text, body, seg.end):
            chain = None  # "双方讨论了…的必要性": topics discussed, not claims
            continue
        weight = zx.IMPORTANCE.fullmatch(text, body, seg.end)
        if weight and (
            verb_at(text, weight.start(1), weight.end(1))
            or _party_then_verb(text, local, weight.start(1), weight.end(1))
        ):
            # "强调了维护台湾海峡和平稳定的重要性": what is stressed is asked (devset README)
            claim = _make(ctx, "demand", NO_SUBJECT, speaker, None, weight.start(1),
                          weight.end(1), text, "重要性")
            if claim:
                made.append(claim)
            chain = None
            continue
        if _condition(text, local, body, seg) or (
            conditioned and text.startswith(zx.FURTHER_IF, seg.body)
        ):
            chain = None  # "如果美方要打贸易战，…": what the next clause answers
            threat = answers or zx.ADVERSE_IF.search(text, body, seg.end) is not None
            conditioned = True  # "…挑衅逼迫，甚至突破红线，": the condition goes on
            continue
        conditioned = False
        if zx.REACTION.search(text, body, seg.end) or zx.EVALUATION.search(text[body : seg.end]):
            chain = None  # "并对…表示关切", "…是必要的": reported or judged, not a claim
            named = subject_of(ctx, text, local, body, seg.end, speaker)
            if _own_subject(local, seg, text) and named.actor_kind == "person":
                chain_subject = named  # "王文涛就…表达严重关切，要求美方…": who goes on to ask
            continue
        framed = chain is not None and zx.FRAMED_BY.search(text[chain.start : chain.end])
        if chain is not None and framed and seg.sep == ",":
            chain.end = seg.end  # "中方愿本着…的原则，同美方开展对话": one pledge
            continue
        if not cues and _framing(text, seg):
            lead = before if before is not None else (seg.body, "frame")
            continue
        if (
            not cues
            and chain is not None
            and seg.sep == ","
            and seg.end - seg.body <= 4
            and not verb_at(text, seg.body, seg.end)
            and not text.startswith(MANNER, seg.body)
        ):
            chain.end = seg.end  # "言行一致，说到做到": a set phrase restating the last
            continue
        if not cues and pledge and not made:
            subj = subject_of(ctx, text, local, body, body + 3, speaker)
            if relation(ctx, subj, speaker) != "other":
                claim = _make(
                    ctx, "commitment", NO_SUBJECT, speaker, None, body, seg.end, text, "重申"
                )
                if claim:
                    made.append(claim)
                    chain = claim
                    continue
        if not cues and _own_subject(local, seg, text):
            named = subject_of(ctx, text, local, body, seg.end, speaker)
            if named.kind != "none":
                chain_subject = named  # "中方是负责任的国家，一贯严格遵守国际法"
        if not cues and chain is None and _norm_topic(text, local, body, seg):
            norm_topic = True  # "新冠病毒溯源是科学问题，不应政治化": the topic is no party
        if not cues and text[seg.end : seg.end + 1] in {":", "："}:
            _header(st, text, body, seg.end, [], made, NO_SUBJECT, chain_subject)
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
            together = chain is not None and text[chain.start : chain.end].endswith(TOGETHER)
            if together and chain is not None and seg.sep == ",":
                chain.end = seg.end
                continue
            if chain is not None and seg.sep == "," and _purpose(text, local, seg):
                chain.end = seg.end  # "…，确保…", "…，推动伊朗…": what the action is for
                continue
            if chain is not None and "、" in text[seg.body : seg.end] and seg.end - seg.body <= 7:
                chain.end = seg.end  # "言必信、行必果": set phrases saying how
                continue
            if (
                chain is not None
                and chain.type == "red_line"
                and chain.cue in _MEANS
                and seg.sep == ","
                and _continues(text, local, seg)
            ):
                chain.end = seg.end  # "必将不惜一切代价，坚决粉碎…": the measure's content
                continue
            if chain is not None and seg.sep in {",", "、", ";"} and _continues(text, local, seg):
                new = _Claim(chain.type, chain.claimants, chain.addressee, body, seg.end,
                             _negated(text, body, min(seg.end, body + 3)), chain.cue)
                made.append(new)
                chain = new
                continue
            if chain is not None and seg.sep == "," and not _own_subject(local, seg, text):
                if text.startswith(zx.CONTRAST, seg.body):
                    chain = None  # "…，但“台独”同台海和平稳定水火不容": another matter
                    continue
                if not any(r in text[seg.body : seg.end] for r in zx.REPORTING):
                    chain.end = seg.end  # the rest of the same action
                continue
            topic = _TOPIC.search(text, body, seg.end) or text[body : seg.end].endswith(_AGENTS)
            if chain is None and text[seg.end : seg.end + 1] in {",", "，", "、"} and topic:
                lead = before if before is not None else (seg.body, "topic")
            chain = None
            continue
        if chain is not None and seg.sep == "," and _purpose(text, local, seg):
            chain.end = seg.end  # "…，确保…", "…，推动伊朗…": what the action is for
            continue
        if (
            chain is not None
            and seg.sep == ","
            and zx.UNCHANGED.fullmatch(chain.cue)
            and text[body : seg.end].rstrip("。；;，, ").endswith(("改变", "变化", "变"))
            and not _own_subject(local, seg, text)
        ):
            chain.end = seg.end  # "…政策没有改变，将来也不会改变": the same policy, restated
            continue
        if chain is not None and seg.sep == "," and text.startswith(zx.ELABORATION, seg.body):
            chain.end = seg.end  # "…，而不是说一套做一套": what the claim is not
            red = next((c for c in cues if c.kind == "red_line"), None)
            if red is not None and chain.type == "commitment":
                # "中国终将实现完全统一，这是任何人都阻挡不了的历史大势": a line drawn over both
                chain.type, chain.cue = "red_line", red.word
            elif red is not None and chain.type == "demand" and red.word in {"底线", "红线"}:
                # "美方必须停止干涉中国内政，这是中方的底线要求": a bottom line asked (rule 5)
                made.append(_Claim("red_line", chain.claimants, chain.addressee, chain.start,
                                   chain.end, chain.negated, red.word))
            continue
        bare = chain is not None and not _own_subject(local, seg, text)
        kinds = {c.kind for c in cues}
        measures = bare and chain is not None and chain.type == "red_line" and seg.sep == ","
        if measures and chain is not None and kinds and kinds <= {"policy", "commit"}:
            chain.end = seg.end  # "将采取必要措施，坚决维护…": the measures' purpose
            continue
        together = chain is not None and text[chain.start : chain.end].endswith(TOGETHER)
        if together and chain is not None and seg.sep == "," and kinds <= {"policy", "commit"}:
            chain.end = seg.end  # "将继续与盟友和伙伴一道，维护…": with whom, then what
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
            and (
                verb_at(text, body, seg.end) or text[body] == "不"
                or text.startswith(zx.MANNER_LEAD, body)
            )
        ):
            new = _Claim(chain.type, chain.claimants, chain.addressee, body, seg.end,
                         _negated(text, body, min(seg.end, body + 4)), chain.cue)
            made.append(new)
            chain = new
            continue
        if (
            of_topic
            and {c.kind for c in cues} <= {"modal"}
            and subject_of(ctx, text, local, body, cues[0].start, speaker).kind == "none"
        ):
            chain = None  # "…是科学问题，不应政治化": a norm for the thing named, no party's
            continue
        claims_here = _clause(ctx, st, text, local, seg, body, cues, speaker, chain_subject)
        found, subject = claims_here if claims_here is not None else ([], NO_SUBJECT)
        if answers:
            for claim in found:  # "如果美方执意…，中方将不得不…": a warning, not a pledge
                said = text[claim.start : claim.end]
                if claim.type == "commitment" and claim.cue in _WILL and _RESPONSE.search(said):
                    claim.type = "red_line"
            if subject.kind == "none":  # "如果美方一意孤行，将严重损害两国关系": a prediction
                found = [c for c in found if not (c.type == "commitment" and c.cue in _WILL)]
        if seg.sep == "enum" and st.header is not None and st.header[0] == "red_line":
            found = _bottom_lines(found)  # "中方的底线：一是美方不得…": a line and a demand
        if before is not None and (before[1] == "frame" or not _own_subject(local, seg, text)):
            for claim in found:  # the line is drawn over the clauses that lead up to it
                if claim.type == "red_line" and claim.start == body:
                    claim.start = before[0]
        if subject.kind != "none":
            chain_subject = subject
        made += found
        chain = found[-1] if found else None
        if text[seg.end : seg.end + 1] in {":", "："} or _announces(text, seg, found):
            _header(st, text, body, seg.end, found, made, subject, chain_subject)
            if found and found[0] not in made:
                chain = None
    merged = _merge_red_lines(made, local, text)
    return [_candidate(para, part) for c in merged for part in _measures(text, c)]


#: What a resolve is called ("…的决心坚定不移", "…的意志不会动摇").
_RESOLVE = ("决心", "意志", "决心和意志")
#: A hope joined to one's own pledge: "希望看到并始终致力于…".
_OWN_TOO = re.compile(r"并(?:始终|一直|将|会)?(?:致力于|愿意|愿|将)")


#: Cues of one's own "will" that, answering an adverse condition, warn rather than pledge.
_WILL = frozenset({"将", "必将", "会", "仍将", "将继续", "决心", "准备", "不会"})
#: What a warning threatens: a response, not a resolve ("中方将坚决维护…" stays a pledge).
_RESPONSE = re.compile(r"不得不|采取|行动|措施|反应|回应|应对|奉陪|代价|后果|必将")


def _norm_topic(text: str, local: list[Local], body: int, seg: Segment) -> bool:
    """ "新冠病毒溯源是科学问题", "亚太地区是和平发展的高地": a clause that says what a thing is
    and names no party; a modal after it with no subject of its own is said of that thing."""
    if any(seg.body <= m.start < seg.end for m in local):
        return False
    at = text.find("是", body, seg.end)
    return at - body >= 2 and topic_subject(text, body, at) and text[at - 1] not in "就也都还正但而"


def _party_then_verb(text: str, local: list[Local], start: int, end: int) -> bool:
    """ "美中两军保持开放沟通渠道", "两国在应对全球挑战方面开展合作": a party named, then (after
    where or in what) what it is to do."""
    at = start
    for m in sorted(local, key=lambda m: m.start):
        if m.start == at:
            at = m.end  # "美中" "两军": names one after the other
    if at > start and text.startswith("在", at):
        where = _WHERE.match(text, at, end)
        if where:
            at = where.end()  # "在应对全球挑战方面": the field, then the act
    return at > start and verb_at(text, at, end)


#: A field or setting before an act: "在应对全球挑战方面", "在气候变化领域".
_WHERE = re.compile(r"在[^，,。；;]{1,20}?(?:方面|领域|问题上|上|中)")


def _second_half(text: str, chain: _Claim, seg: Segment) -> bool:
    """Does the clause finish what the claim's last clause began ("一边…，一边…")?"""
    last = re.split(r"[,，]", text[chain.start : chain.end])[-1]
    return any(first in last and text.startswith(second, seg.body) for first, second in zx.PAIRED)


def _bottom_lines(found: list[_Claim]) -> list[_Claim]:
    """An item of announced bottom lines ("底线：一是美方不得…") is a red line; one the other side
    is asked to keep is a demand as well (guide, rule 5)."""
    out = list(found)
    for c in found:
        if c.type == "demand" and not any(
            o.type == "red_line" and (o.start, o.end) == (c.start, c.end) for o in found
        ):
            out.append(_Claim("red_line", c.claimants, c.addressee, c.start, c.end, c.negated,
                              c.cue))
    return out


def _announces(text: str, seg: Segment, found: list[_Claim]) -> bool:
    """ "双方同意，第一，…", "双方达成共识，将…": an agreement whose content is the clauses
    after it, announced with a comma instead of a colon."""
    return (
        len(found) == 1
        and found[0].type == "consensus"
        and text[seg.end : seg.end + 1] in {",", "，"}
        and text[found[0].start : found[0].end].endswith(zx.AGREE)
    )


#: Red-line cues that name a measure or a means: agreed on, they draw no line.
_MEASURE = re.compile(r"措施|举措|手段|行动")
#: A clause that states what something is ("台湾问题纯属中国内政"): a topic a line may follow.
_TOPIC = re.compile(r"是|纯属|属于|事关")
#: A clause that only names who does something ("玩弄…把戏的人，"): the subject of the next.
_AGENTS = ("的人", "者", "的行为", "行径", "图谋", "企图", "势力", "的做法")
#: Red-line cues that name a means ("不惜一切代价", "坚决措施"): the clauses after them say
#: what the means will do, and are the same line.
_MEANS = frozenset(
    {"不惜一切代价", "不惜一战", "坚决措施", "有力措施", "果断措施", "必要措施", "断然措施",
     "必要手段", "坚定行动", "坚决行动", "相应措施", "对等措施", "不惜代价"}
)


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
    who = subject if subject.kind != "none" else chain_subject
    if kind == "demand":
        who = NO_SUBJECT  # "中方对美方提出三点要求：": the asker's name is no subject of the asks
    st.header = (kind, who)
    st.header_fresh = True
    if found and (
        found[0].end - found[0].start <= 8
        or text[found[0].start : found[0].end].endswith(
            ("共识", "要求", "希望", "主张", "意见", "立场", "看法", "底线", "红线")
        )
    ):
        made.remove(found[0])


def _condition(text: str, local: list[Local], body: int, seg: Segment) -> bool:
    """A clause that states a condition ("如果美方…", "美方如果…", "一旦…"), followed by
    the clause it conditions."""
    if text[seg.end : seg.end + 1] not in {",", "，"}:
        return False
    at = body
    for m in local:
        if m.start == body:
            at = m.end  # "美方如果一意孤行"
    if zx.ANYONE_IF.match(text, at):
        return True  # "谁要是想把台湾从中国分裂出去，…": whoever does it, the next clause says
    if text.startswith("如", at) and not text.startswith("如果", at):
        return text[at + 1 : at + 2] in {"美", "中", "对", "有", "再", "任"}  # "如美方…"
    return text.startswith(zx.CONDITION, at)


_FRAMING = re.compile(r"(?:在|对于|关于|就|面对|针对)")


def _framing(text: str, seg: Segment) -> bool:
    """ "在…问题上", "对于…说法": a phrase that frames the clause after it."""
    if not _FRAMING.match(text, seg.body, seg.end):
        return False
    return text.startswith(("对于", "关于", "针对", "面对"), seg.body) or (
        text[seg.end - 1] in "上中时下面"
    )


def _purpose(text: str, local: list[Local], seg: Segment) -> bool:
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
    if "关系" in text[at : at + 6]:
        return False  # "推动两国关系回到…": a relationship, no country
    return any(
        text.startswith(v, at + n) for n in (2, 3, 4) for v in ("停止", "放弃", "遵守", "回到")
    )


def _continues(text: str, local: list[Local], seg: Segment) -> bool:
    """A clause that names no subject after a claim's clause is the claim's next item: Chinese
    lists actions between commas ("切实恪守…，谨言慎行，不向…发出错误信号"). Not what elaborates
    the last one ("，特别是…", "，包括…"), and not a clause of one or two characters."""
    if _own_subject(local, seg, text) or text.startswith(zx.CONTRAST, seg.body):
        return False
    if verb_at(text, seg.body, seg.end) or text.startswith(zx.MANNER_LEAD, seg.body):
        return True
    return seg.end - seg.body >= 3 and not text.startswith(zx.ELABORATION, seg.body)


def _own_subject(local: list[Local], seg: Segment, text: str = "") -> bool:
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
    local: list[Local],
    seg: Segment,
    body: int,
    cues: list[Cue],
    speaker: Speaker | None,
    inherited: Subject,
) -> tuple[list[_Claim], Subject] | None:
    red = next((c for c in cues if c.kind == "red_line"), None)
    agree = next((c for c in cues[:2] if c.kind == "agree"), None)
    if red is not None and agree is not None and agree.start < red.start and _MEASURE.search(
        red.word
    ):
        red = None  # "双方同意采取有力举措，…": measures agreed on, no line drawn
    cue = red or agree or cues[0]
    subject = subject_of(ctx, text, local, body, cue.start, speaker)
    resolve = cue.kind == "commit" and (
        text[body : cue.start].endswith(_RESOLVE)
        or (cue.word == "决心" and text[cue.start - 1 : cue.start] == "的")
    )
    if cue.kind == "commit" and (zx.UNCHANGED.fullmatch(cue.word) or resolve):
        # "美国的一个中国政策没有改变", "中方的决心坚定不移": the policy's or the resolve's
        # owner is the first party named (not the 中国 of "一个中国")
        owner = next((m for m in local if body <= m.start < cue.start), None)
        if owner is not None:
            subject = Subject("actor", owner.start, owner.end, owner.m.actors[:1], owner.m.kind)
    explicit = subject.kind != "none"
    if (
        not explicit
        and not resolve  # "贯彻…方针的决心坚定不移": the speaker's side's resolve, no norm
        and cue.kind in {"modal", "commit"}
        and topic_subject(text, body, cue.start)
    ):
        # "科技进步不应…": a subject that is no party: a norm, not a claim (rule 3)
        topic = text[body : cue.start]
        if cue.kind != "modal" or not any(w in topic for w in ("中美", "两国", "双边", "两军")):
            return None  # "中美关系继续面临挑战": a description
        subject = Subject("joint", body, cue.start, tuple(ctx.states))
        explicit = True
    listed = not explicit and st.header is not None and seg.sep == "enum"
    if subject.kind == "none" and inherited.kind != "none" and not listed:
        subject = Subject(inherited.kind, body, body, inherited.actors, inherited.actor_kind)
    if listed and st.header is not None and subject.kind == "none":
        announced = st.header[1]
        subject = Subject(announced.kind, body, body, announced.actors, announced.actor_kind)
    out: list[_Claim] = []
    start = body  # the clause from its start: its subject, when it names one
    if cue.kind == "priority" and red is None:
        own = relation(ctx, subject, speaker) == "own" and (
            explicit or cue.word == "优先事项"
        )
        kind = "commitment" if own or owner_before(ctx, text, local, cue, speaker) else "demand"
        claim = _make(ctx, kind, NO_SUBJECT, speaker, None, start, seg.end, text, cue.word)
        return ([claim] if claim else []), subject
    if red is None and cue.kind in {"policy", "commit"} and text.startswith("是", body):
        return None  # "中方加强出口管制，是维护国家安全的正当举措": what it is, not a pledge
    if cue.kind == "policy" and red is None:
        rel = relation(ctx, subject, speaker)
        if listed and st.header is not None and st.header[0] in {"demand", "consensus"}:
            kind = st.header[0]
        elif subject.kind != "none" and rel in {"own", "actor"}:
            kind = "commitment"  # "中国尊重美国的利益", "中方坚决维护国家主权"
        elif explicit and rel in {"other", "joint"} and speaker is not None:
            return None  # "美方维护…": what the other side does, not asked of it
        else:
            return None
        claim = _make(ctx, kind, subject if rel == "actor" else NO_SUBJECT, speaker, None, start,
                      seg.end, text, cue.word)
        return ([claim] if claim else []), subject
    if red is not None:
        rel = relation(ctx, subject, speaker)
        asked = next((c for c in cues if c.kind == "ask" and c.end <= red.start), None)
        if asked is not None and (rel in {"own", "none", "actor"} or subject.start >= asked.end):
            obj = object_of(ctx, text, local, asked.end, seg.end)
            if relation(ctx, obj, speaker) in {"other", "joint"}:
                # "中方希望美方不要越过红线": the line told to the one asked, from after its name
                rel, start = relation(ctx, obj, speaker), obj.end
                subject = obj if not (subject.kind == "actor" and speaker is None) else subject
        modal = next((c for c in cues if c.kind in {"modal", "ask"}), None)
        if modal is None and any(
            n in red.word for n in ("不要", "不得", "不能", "不应", "切勿", "无权")
        ):
            modal = red
        warning = zx.WARNING.search(red.word) is not None  # "美方必将为此付出代价"
        if rel == "other" and modal is None and not warning and not _negated(
            text, red.start - 3, red.end
        ):
            return None
        if rel == "generic" and "任何" not in text[body : red.start] and "低估" not in red.word:
            return None
        claim = _make(ctx, "red_line", subject, speaker, None, start, seg.end, text, red.word)
        if claim:
            out.append(claim)
        if modal is not None and rel in {"other", "joint"}:
            demand = _make(ctx, "demand", subject, speaker, None, start, seg.end, text, modal.word)
            if demand:
                out.append(demand)
        return out, subject
    if cue.kind == "ask" and speaker is not None and relation(ctx, subject, speaker) == "other":
        return None  # "美方一边…，一边要求与中方沟通": the other side's ask, held up
    if cue.kind == "ask":
        obj = object_of(ctx, text, local, cue.end, seg.end)
        rel_obj = relation(ctx, obj, speaker) if obj.kind != "none" else "none"
        hope = cue.word in {"希望", "期待", "期望"}
        if hope and text.startswith(zx.HOPE_OWN_NEXT, cue.end):
            kind, first = "commitment", start
        elif hope and rel_obj == "none" and _OWN_TOO.search(text, cue.end, seg.end):
            kind, first = "commitment", start  # "我们希望看到并始终致力于维护…": one's own aim
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
        claimant_subject = subject if named else NO_SUBJECT
        addressee = obj.actors[0] if obj.kind == "actor" and obj.actors else None
        claim = _make(
            ctx, kind, claimant_subject, speaker, addressee, first, seg.end, text, cue.word
        )
        return ([claim] if claim else []), (obj if obj.kind != "none" else subject)
    rel = relation(ctx, subject, speaker)
    if cue.kind == "agree" and cue.word in zx.WELCOME:
        invites = rel in {"own", "none"} and bool(zx.INVITED.search(text, cue.end, seg.end))
        if not (rel == "joint" or invites) or zx.DONE.search(text, cue.end, seg.end):
            return [], subject  # "双方欢迎…取得的进展", "美国欢迎…竞争": a view, no step
    if speaker is not None and speaker.kind == "group" and rel in {"none", "own", "joint"}:
        claim = _make(ctx, "consensus", NO_SUBJECT, speaker, None, start, seg.end, text, cue.word)
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
        if rel == "other" and speaker is not None and speaker.kind == "state" and explicit:
            # "美方重申…。中方承诺将…": a side reported after the other, its own pledge
            claim = _make(ctx, "commitment", subject, None, None, start, seg.end, text, cue.word)
            return ([claim] if claim else []), subject
        if rel == "joint":
            kind = "consensus"
        elif rel in {"own", "none", "actor"}:
            kind = "commitment"
            if rel == "none" and speaker is None:
                return None
        else:
            return None
    who = subject if rel in {"actor", "joint"} else NO_SUBJECT  # a joint one: its states
    claim = _make(ctx, kind, who, speaker, None, start, seg.end, text, cue.word)
    return ([claim] if claim else []), subject




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
    if kind == "consensus":  # both states, as in English: a joint subject's, else the sides
        if len(ctx.states) < 2:
            return None
        joint = subject.actors if subject.kind == "joint" else ()
        both = consensus_states(ctx.kb, joint=joint, named=ctx.states)
        return _Claim(kind, both, None, start, end, _negated(text, start, end), cue)
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


#: Verbs of one measure each over a list of them ("恢复A、B和C": three resumptions).
_MEASURE_VERBS = (
    "恢复", "取消", "解除", "撤销", "举行", "建立", "启动", "开展", "成立", "设立", "重启", "召开",
    "推进", "加强", "扩大",
)  # fmt: skip
_TOWARDS = re.compile(r"对(?![话等接外手方比抗])")  # "对…的制裁", not "对话"
_LIST_JOINS = re.compile(r"、|以及|及|(?<![缓共温柔调饱总])和(?![平谐解睦])")


def _measures(text: str, claim: _Claim) -> list[_Claim]:
    """One claim per measure under a shared verb: "双方同意恢复两军高层沟通、防务政策协调会谈和
    海上军事安全磋商机制会议" gives three, the first keeping the verb (guide, rule 6). Not the
    targets of one measure ("解除对官员、机构和企业的制裁": 的 and 对 tell them) nor short
    pairs ("沟通与协调")."""
    if claim.type == "red_line":
        return [claim]
    span = text[claim.start : claim.end]
    verb = next((v for v in _MEASURE_VERBS if v in span[:12]), None)
    if verb is None or "的" in span or _TOWARDS.search(span):
        return [claim]
    at = claim.start + span.index(verb) + len(verb)
    cuts = [m for m in _LIST_JOINS.finditer(text, at, claim.end)]
    if not cuts:
        return [claim]
    bounds = [claim.start] + [c.end() for c in cuts]
    ends = [c.start() for c in cuts] + [claim.end]
    pieces = list(zip(bounds, ends, strict=True))
    if any(e - s < 4 for s, e in pieces[1:]) or ends[0] - at < 4:
        return [claim]
    if any(verb_at(text, s, e) for s, e in pieces[1:]):
        return [claim]  # actions, not measures: the clause rules split those
    return [
        _Claim(claim.type, claim.claimants, claim.addressee, s, e, claim.negated, claim.cue)
        for s, e in pieces
    ]


#: What opens a further act, not the same line said again ("…，更不会坐视…", "…，并将采取…").
_NEW_ACT = ("更", "并", "还", "同时", "而且")
#: How a line continues the clause before it with no subject of its own.
_LINE_GOES_ON = ("将", "必将", "定将", "也将", "必然", "坚决", "采取")


def _merge_red_lines(made: list[_Claim], local: list[Local], text: str) -> list[_Claim]:
    """ "台湾问题是中国核心利益中的核心，是…不可逾越的红线": one line drawn, in two clauses
    (the second names no subject of its own)."""
    out: list[_Claim] = []
    for c in made:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == "commitment"
            and c.type == "red_line"
            and prev.claimants == c.claimants
            and text[prev.end : c.start] in {",", "，"}
            and (
                text.startswith(_LINE_GOES_ON, c.start)
                # "…保持高度戒备，对一切挑衅行为都将坚决予以反击": what it will do, framed
                or (
                    text.startswith("对", c.start)
                    and any(w in re.split("[,，]", text[c.start : c.end])[0] for w in _LINE_GOES_ON)
                )
            )
        ):
            # "解放军时刻保持高度戒备，将采取一切必要措施…": one subject, one line
            prev.type, prev.end, prev.cue = "red_line", c.end, c.cue
            continue
        if (
            prev is not None
            and c.type == prev.type == "red_line"
            and c.claimants == prev.claimants
            and text[prev.end : c.start] in {",", "，"}
            and not text.startswith(_NEW_ACT, c.start)
            # "决不允许A，决不允许B": the same words again open the next line of a list
            and not text.startswith(text[prev.start : prev.start + 3], c.start)
            and not any(d is not c and d.start == c.start for d in made)
            and not any(c.start <= m.start < c.end for m in local)
        ):
            prev.end = c.end  # "…予以应对，后果自负", "…碰不得，谁碰谁就要付出代价": one line
            continue
        last = re.split(r"[,，;；]", text[prev.start : prev.end])[-1] if prev else ""
        if (
            prev is not None
            and c.type == prev.type == "red_line"
            and c.claimants == prev.claimants
            and "。" not in text[prev.end : c.start]
            # "…红线，美方不得越过": a line the other side is told not to cross is its own
            and not any(d.type == "demand" and d.start == c.start for d in made)
            and (
                text.startswith(("是", "这是", "这也是", "这"), c.start)
                or text[prev.end : c.start].strip(" ,，") in {"也", "亦", "更"}
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
        sentence=None,
    )
