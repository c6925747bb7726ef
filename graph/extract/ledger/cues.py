"""Cue lexicons of status events, by kind, in English and Chinese.

A status event says what became of an earlier claim: restated by its own side (reaffirmed),
carried out (implemented), said by the other side not to have been honoured
(accused_of_breach), denied to have been made or agreed (disputed), given up by its side
(withdrawn), replaced (superseded), or left without object (moot). Each kind has cues (the
words that state it) and blockers (words that make a cue something else in this genre: a call
to implement is not an implementation, a plan is not an act, a journalist's question is not an
assertion).
"""

from __future__ import annotations

import re

KINDS = (
    "reaffirmed",
    "implemented",
    "accused_of_breach",
    "disputed",
    "withdrawn",
    "superseded",
    "moot",
)


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_UNDERSTANDING = (
    r"(?:commitments?|promises?|pledges?|word|understandings?|consensus|agreements?|"
    r"principles?|provisions|communiqu\w+|statements?)"
)

EN: dict[str, re.Pattern[str]] = {
    "accused_of_breach": _any(
        r"\bnot (?:been )?(?:fully |truly |faithfully |earnestly )?(?:implemented|honou?red|"
        r"fulfilled|delivered)\b",
        r"\bhas not (?:fully |truly |faithfully |earnestly )?(?:implemented|honou?red|"
        r"fulfilled|delivered on)\b",
        r"\bfail(?:ed|s|ing)? to (?:honou?r|implement|fulfil|deliver on|live up to)\b",
        r"\b(?:contrary|counter) to (?:the |its |their |his )?(?:[\w'-]+ ){0,6}?"
        + _UNDERSTANDING,
        r"\b(?:have|has) not seen (?:any )?(?:substantive |positive |concrete |real )?"
        r"(?:response|action|progress)",
        # a call to honour commitments that says they are not being honoured
        r"\bhonou?r\b.{0,80}?\bcommitments?\b.{0,200}?\brather than continu\w* to\b",
        r"\b(?:oppos\w+|deplor\w+)\b.{0,80}?\berroneous\b.{0,200}?\bhonou?r\b.{0,60}?"
        r"\bcommitments?\b",
        r"\b(?:violat\w+|breach\w*|betray\w*|contraven\w+|renege\w* on) "
        r"(?:[\w'\".-]+ ){0,6}?" + _UNDERSTANDING,
        r"\bwords (?:are |were )?not matched by (?:its |their )?deeds\b",
        r"\bsay(?:s|ing)? one thing and do(?:es|ing)? (?:another|the opposite)\b",
        r"\bgo(?:es|ing)? back on (?:its|their|his) word\b",
        r"\bback(?:ing|ed)? (?:away )?from (?:its|their) commitments?\b",
    ),
    "disputed": _any(
        r"\b(?:inconsistent with|not in line with|contrary to) the facts\b",
        r"\b(?:never|did not|didn't|has not) (?:agreed?|ma[dk]e|reached) (?:to )?any (?:such )?",
        r"\bmade no such (?:commitment|promise|pledge)\b",
        r"\bno such (?:commitment|consensus|agreement|understanding) (?:was|has been|exists)\b",
        r"\bthat is not (?:true|accurate|the case)\b",
        r"\bnever agreed\b",
    ),
    "withdrawn": _any(
        r"\b(?:decided|decides|decide) to (?:suspend|cancel|terminate|withdraw from|halt)\b",
        r"\b(?:suspend(?:s|ed)?|terminat(?:es|ed)|withdr(?:ew|aws) from|pull(?:s|ed)? out of)\b"
        r" (?:the |its |all )?(?:[\w.-]+ ){0,6}?(?:talks|dialogue|agreement|mechanism|"
        r"commitment|cooperation|consultations)\b",
    ),
    "superseded": _any(
        r"\b(?:takes?|took) the place of\b",
        r"\b(?:replaces?|replaced|supersedes?|superseded)\b",
    ),
    "moot": _any(
        r"\b(?:has|have) come to an end\b",
        r"\bis (?:now )?(?:closed|over|moot)\b",
        r"\bno longer (?:arises|applies|stands)\b",
    ),
    "implemented": _any(
        r"\b(?:has|have|had) (?:now |already |since |regularly |several times |formally )?"
        r"(?:held|convened|met|resumed|been (?:restored|resumed|launched|held|reopened|"
        r"established|set up)|launched|restored|reopened)\b",
        r"\bfollowed (?:through|up) on\b",
        r"\b(?:carries|carried|carry) out the (?:agreement|understanding|consensus|commitment)",
        r"\bhave resumed\b",
        r"\b(?:held|convened) (?:its|the|their) (?:first|second|third|fourth|fifth|\w+th|"
        r"latest|inaugural) (?:meeting|round|session)\b",
        r"\b(?:was|were) (?:now |fully )?(?:restored|resumed|reopened|launched|re-established)\b",
        r"\b(?:established|restored|resumed|reopened) (?:or \w+ )?(?:after|since)\b",
        r"\b(?:has|have) (?:stayed|kept|remained) in (?:contact|touch)\b",
        r"\b(?:has|have) matched (?:its|their) words with (?:actions|deeds)\b",
        r"\bprogress has been made\b",
        r"\b(?:is|was) an? (?:important |concrete |major |first )?step (?:to|towards) implement",
        r"\b(?:is|was) part of (?:the |ongoing )?efforts\b[^.]{0,60}\bto implement\b",
        r"\bas (?:the two sides|both sides|they|the two leaders|the leaders) agreed\b",
        r"\bwas part of ongoing efforts to\b",
    ),
    "reaffirmed": _any(
        r"\b(?:has|have) not changed\b",
        r"\bremains? (?:unchanged|committed to)\b",
        r"\b(?:reaffirm|reiterat)\w*\b",
        r"\bshould (?:fully |earnestly |faithfully )?implement\b",
        r"\b(?:must|should) (?:be )?(?:truly |fully |faithfully |earnestly )?"
        r"(?:put into practice|implemented)\b",
        r"\bpriority is to (?:truly |fully |faithfully |earnestly )?implement\b",
        r"\b(?:based on|in line with|guided by) the [\w\s-]{0,40}(?:understandings|consensus) "
        r"(?:already )?reached\b",
    ),
}

#: An English cue is not an event when its clause also says one of these.
EN_BLOCK: dict[str, re.Pattern[str]] = {
    "implemented": _any(
        r"\b(?:will|would|expected to|plans? to|looks? forward|next|should|must|urge[sd]?|"
        r"discuss\w*)\b",
    ),
    "reaffirmed": _any(r"\bthe (?:u\.s\.|us|american|chinese) side should\b"),
    "superseded": _any(r"\b(?:will|no intention|not|never|seek\w*|attempt\w*)\b"),
}

ZH: dict[str, re.Pattern[str]] = {
    "accused_of_breach": _any(
        r"(?:没有|没|未能?|并未)(?:切实|真正|全面|认真)?(?:兑现|落实|履行|遵守)",
        r"(?:违背|违反|背弃|背离|违犯)了?[^，。；]{0,40}?(?:承诺|共识|表态|诺言|规定|原则)",
        r"背道而驰",
        r"言而无信",
        r"说一套[，,、]?做一套",
        r"言行不一",
        r"出尔反尔",
        r"(?:没有|未|并未)看到[^，。；]{0,10}(?:回应|行动|进展)",
    ),
    "disputed": _any(
        r"不符合事实",
        r"与事实不符",
        r"从未(?:作出|做出|同意|承诺|达成)",
        r"根本不存在",
        r"子虚乌有",
    ),
    "withdrawn": _any(
        r"(?:^|[，,：:、。；;\s]|决定)(?:暂停|取消|中止|终止|退出)",
    ),
    "superseded": _any(r"取代", r"替代"),
    "moot": _any(r"画上句号", r"已经结束", r"不复存在", r"告一段落"),
    "implemented": _any(
        r"已经?(?:举行|恢复|启动|召开|重启|开通)",
        r"(?:积极|切实|逐步)落实",
        r"落实[^，。；]{0,40}?的(?:具体|重要)?(?:举措|一步|行动)",
        r"(?:举行|召开)了?(?:首次|第一次)会议",
        r"取得了?(?:积极|重要|新的?)?进展",
        r"保持了(?:密切)?(?:沟通|联系|接触)",
        r"说到做到",
    ),
    "reaffirmed": _any(
        r"没有改变",
        r"重申",
        r"致力于落实",
        r"(?:双方|两国)应(?:当|该)?(?:全面|切实|认真)?落实",
        r"在[^，。；]{0,30}(?:共识|谅解)的?基础上",
        r"(?:首要任务|当务之急)[^，。；]{0,10}落实",
    ),
}

ZH_BLOCK: dict[str, re.Pattern[str]] = {
    "implemented": _any(r"将|预计|希望|应当|应该|必须|敦促|就落实|下一步|同意|继续"),
}

#: The frame before what a speaker says, left out of an event's span.
EN_FRAME = re.compile(
    r"^.{0,160}?\b(?:said|says|noted|pointed out|stressed|emphasized|reaffirmed|reiterated|"
    r"added|told [\w. ]+?|made clear|underscored|stated) (?:that )?",
    re.IGNORECASE,
)
ZH_FRAME = re.compile(r"^[^，。：:]{1,30}?(?:表示|指出|强调|说|称|认为|重申|介绍)[，,：:]?")
