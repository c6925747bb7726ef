"""Cues of Chinese clauses by speech-act class: asks, modals, pledges, agreement, red lines,
priorities and standing-policy verbs, each with the checks that tell the word from its look-alikes
(回应 is no 应, 重要 no 要, "将于…举行" no pledge).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from graph.extract.zh import lexicon as zx

FIRST_PERSON = ("我们", "我方", "我")
#: Verbs of going and attending: "将出席…" announces a trip, not a pledge.
TRAVEL = frozenset(
    {"出席", "访问", "参加", "前往", "出访", "会见", "举行", "应邀", "赴美", "访华", "通电", "通话",
     "会晤", "见面"}
)
#: Adverbs of manner that start an action of their own ("及时沟通", "尽快恢复").
MANNER = ("及时", "尽快", "立即", "切实", "共同", "积极", "妥善", "进一步", "继续")
TOGETHER = ("一道", "一起", "携手", "共同努力")


#: Meetings and visits planned: scheduling, not a pledge (guide, rule 3).
_MEETING = re.compile(
    r"(?:举行|进行|开展)(?:会谈|会晤|会见|通话|磋商)|访问|访华|访美|出席|会见|通电话"
)
#: Verbs of keeping a floor together ("守住…的底线"): asked of both, no line drawn.
_KEPT_TOGETHER = ("守住", "守好", "筑牢", "牢牢守住", "共同守护")


@dataclass
class Cue:
    kind: str  # ask, modal, commit, agree, red_line
    start: int
    end: int
    word: str


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """Every cue of a clause, in text order."""
    found: list[Cue] = []
    clause = text[start:end]

    def add(
        kind: str, words: tuple[str, ...], check: Callable[[int, str], bool] | None = None
    ) -> None:
        for w in words:
            pos = clause.find(w)
            while pos >= 0:
                if check is None or check(pos, w):
                    found.append(Cue(kind, start + pos, start + pos + len(w), w))
                pos = clause.find(w, pos + len(w))

    add(
        "red_line",
        zx.RED_LINE,
        lambda p, w: not _as_a_line(clause, p, w) and not _no_limit(clause, p, w),
    )
    anyone = clause.lstrip("但而且也并").startswith(zx.ANYONE)
    if anyone:  # "任何外部势力都不得干涉中国内政": a limit said of anyone at all
        add("red_line", zx.ANYONE_MUST_NOT, lambda p, w: any(a in clause[:p] for a in zx.ANYONE))
        for m in zx.ILLUSION.finditer(clause):
            found.append(Cue("red_line", start + m.start(), start + m.end(), m.group(0)))
    for pattern in (zx.NO_ROOM, zx.STRONG_LIMIT):
        for m in pattern.finditer(clause):
            found.append(Cue("red_line", start + m.start(), start + m.end(), m.group(0)))
    for m in zx.UNCHANGED.finditer(clause):
        found.append(Cue("commit", start + m.start(), start + m.end(), m.group(0)))
    add("priority", zx.PRIORITY)
    add("policy", zx.POLICY)
    add("policy", ("反对",), lambda p, w: _opposes_policy(clause, p))
    if zx.CORE_STATED.search(clause) or "核心中的核心" in clause:
        pos = clause.find(zx.CORE)
        found.append(Cue("red_line", start + pos, start + pos + 4, zx.CORE))
    add(
        "agree",
        zx.AGREE,
        lambda p, w: not _agreed_before(clause, p, w)
        and not (w in zx.WELCOME and clause[p - 1 : p] in {"的", "受", "到"}),
    )
    add("ask", zx.ASK, lambda p, w: _is_ask(clause, p, w))
    add("modal", zx.MODALS, lambda p, w: _is_modal(clause, p, w))
    add("commit", zx.COMMIT, lambda p, w: _is_commit(clause, p, w))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Cue] = []
    for c in found:  # the longest cue at a place; none inside another
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _as_a_line(clause: str, p: int, w: str) -> bool:
    """ "把和平共处作为底线": a line both should keep, named as such, not one drawn; "尊重中方
    底线": a line the other side is asked to respect (a demand, as for 核心利益)."""
    if w not in {"红线", "底线"}:
        return False
    if re.match(r"的?(?:决心|意志)", clause[p + len(w) :]):
        return True  # "中方捍卫底线的意志不会动摇": resolve (a commitment), not a line drawn
    if clause.startswith("思维", p + len(w)):
        return True  # "坚持底线思维": a way of thinking, no line
    before = clause[max(0, p - 12) : p]
    if any(v in before for v in _KEPT_TOGETHER):
        return True  # "守住不冲突不对抗的底线": a floor both are asked to keep, no line drawn
    return any(v in before for v in ("作为", "当作")) or any(
        v in clause[max(0, p - 6) : p] for v in zx.RESPECTED
    )


def _opposes_policy(clause: str, p: int) -> bool:
    """ "美国反对单方面改变现状", "反对任何一方…": a standing policy against any such act; not a
    protest at what the other side did ("中方对此坚决反对", "坚决反对美方…", "反对有关法案"),
    nor opposition to a named cause ("坚决反对“台独”分裂", as the fixtures read it)."""
    if any(w in clause[:p] for w in ("对此", "对这", "对其")) or clause[p - 1 : p] in {"的", "是"}:
        return False
    return clause.startswith(_ANY_SUCH, p + 2)


#: What a standing policy opposes: any act of the kind, by anyone.
_ANY_SUCH = ("任何", "单方面", "一切形式", "各种形式")


def _agreed_before(clause: str, p: int, w: str) -> bool:
    """ "会晤所达成共识的后续行动", "达成的共识": an agreement named, not reported; "由中国人
    自己来决定": who decides, no agreement."""
    if w == "决定" and clause[p - 1 : p] in {"来", "自", "由", "所"}:
        return True
    if w == "同意" and clause[p - 1 : p] == "共":
        return True  # "共同意志", "共同意愿": a will shared, no agreement
    return clause[p - 1 : p] == "所" or clause[p + len(w) : p + len(w) + 1] == "的"


def _no_limit(clause: str, p: int, w: str) -> bool:
    """ "水火不容", "不容忽视": 不容 in a word that draws no line; "阻挡不了" said of a measure,
    not of anyone at all."""
    if w == "不可分割" and clause.startswith("的一部分", p + len(w)):
        return True  # "台湾是中国领土不可分割的一部分": a position stated, no line drawn
    if w in zx.UNSTOPPABLE:
        return not any(a in clause[:p] for a in zx.ANYONE)
    return w == "不容" and any(
        clause.startswith(n, p - n.index("不容")) for n in zx.NOT_A_LIMIT if p >= n.index("不容")
    )


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
        # a one-character slice, empty at the clause's start ("" is in every string)
        return (not before or before not in zx.NOT_MODAL_YING) and (
            not after or after not in zx.NOT_MODAL_YING_AFTER
        )
    if w == "要" and clause[max(0, p - 2) : p].endswith(("称", "说", "表示", "扬言", "声言")):
        return False  # "美方一边声称要…": what the other side says it will do, no ask
    if w == "要":
        after = clause[p + 1 : p + 2]
        before = clause[p - 1 : p]
        return after not in zx.NOT_MODAL_YAO and before not in "重主需只想紧必不" and p > 0
    if w == "不得" and (clause[p + 2 : p + 3] == "不" or clause[p - 1 : p] in "容免怪"):
        return False  # "不得不…", "容不得半点马虎": compelled or a set phrase, no prohibition
    if w == "需要":
        return clause[p + 2 : p + 3] not in {"的", "和", "与", "是", ",", "，", ""}
    if w in {"应当", "应该", "需要"} and clause[p + 2 : p + 4] in {"看到", "指出", "说", "承认"}:
        return False
    if w == "切实" and clause.startswith(("行动", "措施", "举措", "有效", "可行"), p + 2):
        return False  # "采取切实行动": an attribute of a noun, no modal
    return not (w == "切实" and clause[p - 1 : p] == "的")


def _is_commit(clause: str, p: int, w: str) -> bool:
    if clause.startswith(("只会", "只能", "只将")):
        return False  # "…，只会增强中国自立自强的决心": what a measure will bring, a prediction
    if w == "将" and any(clause.startswith(n, p - (1 if n[0] == "即" else 0)) for n in zx.NOT_WILL):
        return False
    if w == "将" and zx.AS_OBJECT.match(clause, p + 1):
        return False  # "将不支持“台独”的承诺落到实处": 将 as 把, no "will"
    if w == "将" and clause.rstrip("。；;，, ").endswith(zx.SCHEDULING):
        return False  # "将在北京举行会谈": scheduling
    if w == "将" and clause[p + 1 : p + 3] in TRAVEL:
        return False  # "王毅将出席…", "将访问…": scheduling
    if w in {"将", "愿"} and p > 0 and clause[p - 1] in "意心":
        return False
    if w == "将" and zx.PREDICTED.match(clause, p + 1):
        return False  # "将对两国关系产生颠覆性影响": what will follow, not a pledge
    if w == "将" and p > 0 and clause[p - 1] in "这此其它":
        return False  # "这将有助于…": a prediction, not a pledge
    if w == "愿" and clause[p + 1 : p + 2] in "景望":
        return False  # "旧金山愿景", "愿望": nouns
    if w in {"计划", "意图"} and (
        clause[p + 2 : p + 3] in {"的", "，", ",", "。", "", "将", "已", "于", "是"}
        or clause[p - 1 : p] in {"的", "项", "一", "该", "此", "这"}
    ):
        return False  # "五年计划", "这一计划将于明年实施": a noun, no plan announced
    if w in {"计划", "意图", "拟"} and _MEETING.search(clause, p):
        return False  # "双方拟于下月举行会谈": scheduling, no pledge
    if w == "拟" and (
        clause[p - 1 : p] in {"模", "虚", "草", "比"} or clause[p + 1 : p + 2] in {"定", "稿"}
    ):
        return False  # "模拟", "拟定": other words
    if w == "坚持" and clause[p + 2 : p + 4] == "认为":
        return False  # "中方坚持认为": a view
    if w == "继续" and clause[p - 1 : p] in "将会":
        return False
    if w == "始终" and clause[p + 2 : p + 3] == "是":
        return False  # "立场始终是一贯的": a description
    if w == "保持" and (clause[p + 2 : p + 3] in "着了" or "一直" in clause[:p]):
        return False  # "一直保持着沟通": what is, not what will be
    if w == "支持" and clause[p - 1 : p] not in "不" and p > 6:
        return False
    return not (w == "坚定" and clause[p + 2 : p + 3] in "的")
