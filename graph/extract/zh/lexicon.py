"""Word lists of the Chinese reader, by speech-act class (see data/gold/ANNOTATION.md).

Each list is what a clause must contain (or start with) to be read one way; the rules that
weigh them against each other are in ``graph.extract.zh.claims``.
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    """The words of a space-separated list (long lists stay readable)."""
    return text.split()


# ---------------------------------------------------------------------------- parties
#: Ways a readout names a side without naming the state ("中方", "美方").
SIDES = {
    "中方": "china", "我方": "china", "中国方面": "china", "中国政府": "china",
    "中国人民": "china", "美方": "united-states", "美国方面": "united-states",
    "美国政府": "united-states", "美国人民": "united-states",
    # the armed forces speak and act for their state ("解放军将始终…", "美军不要…")
    "中国人民解放军": "china", "解放军": "china", "中国军队": "china", "中方军队": "china",
    "美军": "united-states", "美国军方": "united-states", "美国军队": "united-states",
}  # fmt: skip
#: Both sides together (their actors are the document's two states).
JOINT = (
    "中美双方", "中美两国", "两国元首", "两国领导人", "两国外长", "双方团队", "两国团队",
    "双方", "两国", "两军", "中美", "美中两国", "美中双方", "美中两军", "美中", "两位领导人",
    "两位部长", "两国防长",
)  # fmt: skip
#: Subjects that are no party: a norm for them is not a claim (guide, rule 3).
GENERIC = (
    "大国", "各国", "国与国", "国际社会", "任何国家", "世界", "人类", "各方", "国家之间",
    "大国之间", "所有国家", "国家间",
)  # fmt: skip
#: Pronouns of the speaker's own side, of the addressed side, and of both.
OWN = ("我们", "我国", "我方", "本国")
YOU = ("你们", "贵方", "贵国")

# ---------------------------------------------------------------------------- speech
#: Report verbs: "王毅表示，…", "发言人指出：…". Longest first.
REPORT_VERBS = tuple(
    sorted(
        {
            "表示", "指出", "强调", "说", "称", "介绍", "回应", "回答", "答", "坦言", "宣布",
            "阐述", "阐明", "告诉", "提到", "谈到", "表态", "补充说", "说道", "声称", "重申",
            "提出", "认为", "明确", "特别指出", "进一步指出", "再次强调", "应询", "答问", "承诺",
        },
        key=len,
        reverse=True,
    )
)
#: Verbs that report speech only when a comma or colon follows ("重申，…" but "重申一个中国政策").
#: Frames whose content is the speaker's own position restated: a commitment.
PLEDGE_FRAMES = frozenset({"重申", "承诺", "保证"})
WEAK_REPORT = frozenset({"重申", "提出", "认为", "明确", "介绍", "宣布", "说", "称", "答", "承诺"})
#: What may stand between a speaker and the report verb ("王毅在通话中也表示").
FRAME_FILLER = re.compile(
    r"^(?:[也还并则又亦更均都再]|再次|进一步|同时|随后|最后|此前|日前|当天|今天|特别|明确|"
    r"郑重|严正|坚定|一致|共同|已经|曾经|曾|早前|多次|此前|"
    r"主任|部长|副部长|外长|国务委员|副总理|主席|总统|国务卿|大使|司长|发言人|代表|官员|负责人|"
    r"财长|防长|总理|特使|顾问|副国务卿|贸易代表|"
    r"高级官员|团队|"
    r"\d{1,2}日|[就在][^，,。；;：:]{1,30}?(?:时|中|上|之际)|(?:回答|答)记者(?:提)?问(?:时)?|在[^，,。；;：:]{0,24}?(?:中|时|上|后|期间|之际)|[对向同与][^，,。；;：:]{1,12}|)+$"
)
#: Labels of questions in a transcript ("法新社记者：", "问：").
QUESTION_LABEL = re.compile(r"(?:记者|问|媒体|电视台|通讯社|报|社|网)$")
ANSWER_LABEL = ("答", "发言人")

# ---------------------------------------------------------------------------- cues
#: Asking the other side: "敦促美方…", "要求美方…", "希望美方…".
ASK = ("敦促", "促请", "要求", "呼吁", "奉劝", "希望", "期待", "期望", "请", "劝")
#: An ask verb used as a noun or in another sense when one of these comes before it.
NOT_ASK_BEFORE = ("的", "按照", "符合", "根据", "应", "表示", "主要", "合理", "邀")
#: A modal or imperative: said of the other side, or of both, a demand.
MODALS = (
    "应当", "应该", "必须", "务必", "需要", "不应", "不要", "不得", "不能", "切勿", "切实",
    "立即", "停止", "应", "要", "勿", "别再",
)  # fmt: skip
#: Characters before 应 that make it another word (回应, 相应, 适应, 反应 …).
NOT_MODAL_YING = "回相适反响供效答顺呼对理感照报"
#: Characters after 应 that make it another word (应对, 应邀, 应约 …).
NOT_MODAL_YING_AFTER = "对邀约用询急变"
#: After 要: a modal only before a verb-like continuation; 要求, 重要, 主要 are words.
NOT_MODAL_YAO = "求点素件闻害务职员"
#: One's own pledge or standing policy.
COMMIT = (
    "承诺", "不寻求", "不支持", "无意", "致力于", "坚持", "重申", "将继续", "继续", "愿意",
    "愿同", "愿与", "愿", "将", "决心", "准备", "不会", "始终", "坚定", "不谋求",
    "不改变", "不挑战", "不打", "不想", "仍将", "会继续", "支持", "保持", "寻求", "谋求",
    "从不", "从来不", "有最大的诚意", "有诚意", "计划", "意图", "拟",
)  # fmt: skip
#: 将 used as a preposition or in scheduling ("将于明天举行", "将其视为").
NOT_WILL = ("将于", "将其", "将此", "将之", "即将", "将近", "将来", "将会见", "将举行")
#: A "will" clause ending in one of these schedules a meeting: not a pledge.
SCHEDULING = ("举行", "召开", "会见", "会晤", "访问", "出席")
#: "当务之急是…", "关键在于…": a priority set for both sides (a demand), or one's own.
PRIORITY = (
    "当务之急是", "关键在于", "关键是", "首要任务是", "重中之重是", "优先事项", "最要紧的是",
    "最重要的是", "头等大事",
)  # fmt: skip
#: Standing policy verbs: a commitment right after one's own side as subject ("中国尊重…").
POLICY = (
    "坚决维护", "坚定维护", "坚决捍卫", "坚定捍卫", "尊重", "奉行", "遵守", "恪守", "遵循", "维护",
    "捍卫", "重视", "反对任何",
)  # fmt: skip
#: Agreement of both sides.
AGREE = (
    "同意", "一致认为", "一致同意", "达成共识", "达成一致", "达成了共识", "商定", "决定",
    "一致表示", "形成共识", "取得共识", "责成", "欢迎", "鼓励",
)  # fmt: skip
#: Agreement verbs that are a step only when the step is still to come (guide, rule 7): both
#: sides' ("双方欢迎各方积极参与…", "双方鼓励私营部门…") or one's own open invitation.
WELCOME = frozenset({"欢迎", "鼓励"})
#: What has been done already: welcomed, it is an evaluation.
DONE = re.compile(r"已经|已|了|取得的|所取得|成果|进展")
#: One's own welcome that invites ("欢迎…各国企业来华投资兴业"): a pledge.
INVITED = re.compile(r"来华|访华|来访|参与|加入|投资|合作")
#: Red lines: a limit that will not be negotiated.
RED_LINE = (
    "红线", "底线", "核心中的核心", "不可逾越", "不容", "绝不允许", "决不允许", "没有妥协退让",
    "没有任何妥协", "不会坐视", "绝不坐视", "决不坐视", "坚决反制", "坚决回击", "予以回击",
    "坚决措施", "有力措施", "果断措施", "必要措施", "决不答应",
    "绝不答应", "不要低估", "不可侵犯", "不可分割", "绝不退让", "决不退让", "不会退让",
    "绝不会接受", "决不会接受", "绝不接受", "决不接受", "绝不容忍", "决不容忍", "留下任何空间",
    "绝不会允许", "决不会允许", "寸步不让", "坚定行动", "坚决行动", "断然措施", "反制措施",
    "坚决反击", "有力反制", "听之任之", "坐视不管", "袖手旁观", "进一步反应", "坚决反应",
    "坚决回应", "最敏感", "终将统一", "必然统一", "必将统一", "不接受任何", "大势所趋",
    "阻挡不了", "挡不住", "吓不倒", "压不垮", "不能接受", "无法接受", "作出回应", "予以回应",
    "作出反应", "退让半步",
    "半步不让", "不会妥协", "绝不妥协", "决不妥协", "不会让步", "绝不让步",
    "决不让步", "不可触碰", "不能触碰", "碰不得", "不可挑战", "不会屈服", "绝不屈服", "决不屈服",
    "勿谓言之不预", "奉陪到底", "不惜一切代价", "必要手段", "反制", "回击", "不可动摇",
    "无权干涉", "无权干预", "无权说三道四", "无权指手画脚", "不容外人置喙", "不惜一战",
    "不会答应", "越线", "踩线", "自焚", "引火烧身", "不会容忍", "不能容忍", "绝不会容忍",
    "决不会容忍", "相应措施", "对等措施", "注定要失败", "注定失败", "以失败告终", "必将失败",
    "必然失败", "没有退路", "不可撼动", "不惜代价", "高压线", "不可碰触", "不能碰触", "寸土不让",
    "迎头痛击", "针锋相对", "自取其辱", "自取灭亡", "毫不犹豫", "死路", "绝路", "没有出路",
    "头破血流", "地动山摇", "碰壁", "岂容", "好下场", "不怕事", "不信邪", "不怕压", "以牙还牙",
    "相应行动", "对等行动",
)  # fmt: skip
#: Limits drawn with a strong negator: "决不会让台湾从祖国分裂出去", "绝不容许", "不会得逞";
#: warnings of what the other side's conduct will cost ("一切后果由美方承担", "付出代价").
STRONG_LIMIT = re.compile(
    r"(?:决|绝)不(?:会|能)?(?:让|容许|允许|容忍|接受|答应|坐视|放任|吞下|低头|姑息|手软|留情)"
    r"|(?:不会|不能|不可能|休想|无法|绝不会|决不会|绝不能|决不能)得逞"
    r"|后果(?:由[^，,。；;]{1,8})?(?:承担|负责|自负)|(?:承担|负)[^，,。；;]{0,8}后果"
    r"|(?:付出|承受)[^，,。；;]{0,4}代价|自食(?:其)?(?:恶)?果"
    r"|(?:决|绝)不(?:会|能)?[^，,。；;]{0,12}(?:做交易|作交易|当筹码)"
    # "作出坚决有力的回应", "予以坚决反制": a response with words between verb and noun
    r"|(?:作出|做出|予以|给予)[^，,。；;]{0,3}?(?:坚决|有力|坚定|必要|强有力|果断|严厉|正当)[^，,。；;]{0,6}"
    r"(?:回应|反应|反制|回击|还击)"
    r"|(?:坚决|果断|有力|坚定|严厉)(?:地)?(?:予以|作出|做出|给予|进行)?(?:回击|反击|反制|还击)"
    r"|(?:予以|给予)[^，,。；;]{0,4}(?:回击|反击|反制|还击)"
    # a measure named by its force ("采取有力举措", "坚决果断的措施")
    r"|(?:坚决|有力|果断|断然|反制|强有力|必要)(?:的)?(?:举措|手段)"
    # what the speaker's side reserves ("中方保留采取进一步措施的权利")
    r"|保留[^，,。；;]{0,16}权利"
    # what the speaker's side will not let pass ("不会无动于衷", "决不会置之不理")
    r"|不(?:会|能|可能)?(?:无动于衷|置之不理|视而不见|坐视不理|置若罔闻|坐视)"
    # "不允许任何人…", "决不会给…留下空间": a limit set for anyone at all
    r"|不(?:会|能)?(?:允许|容许)(?:任何|美方|美国|外部|外国|他国|别国|有人|别人|他人)"
    r"|容不得(?:任何|外部|外人|外国|他人|别人)"
    r"|(?:决|绝)不(?:会|能)?(?:给|为|让)[^，,。；;]{0,24}?留(?:下|有)?(?:任何)?(?:空间|余地|可乘之机)"
    r"|(?:决|绝)不(?:会)?含糊"
    # "我们不承诺放弃使用武力": a means kept in reserve
    r"|不承诺放弃|保留[^，,。；;]{0,16}选项"
    r"|(?:决|绝)不(?:会|能)?放弃[^，,。；;]{0,8}(?:权利|权益|主权|领土|选项|武力)"
    # "不会有任何退让", "决不会在原则问题上让步": one's own side yields nothing
    r"|(?<![得毫])不(?![断仅少同久但管论过已稳足利满懈移得])(?:会|能|可能)?[^，,。；;不]{0,12}?"
    r"(?:让步(?!伐)|妥协|退让|屈服|低头|退缩|含糊)"
    r"|不(?:会|能|可能)?接受任何|不可能接受"
    # a measure named by its force, words between ("采取坚决有力的措施", "一切必要行动")
    r"|采取[^，,。；;]{0,4}(?:坚决|有力|果断|断然|强有力|一切必要|进一步)[^，,。；;]{0,4}"
    r"(?:措施|行动|举措|手段)"
    # "将在必要时采取行动": a threat held in reserve
    r"|必要时(?:将|会)?采取[^，,。；;]{0,4}(?:行动|措施|手段)"

    # a cost laid on the other side ("一切责任由美方承担"), a consequence called grave
    r"|责任由[^，,。；;]{1,8}(?:承担|负责)"
    r"|后果(?:将|会)(?:是)?(?:十分|非常|极其|极为|相当)?(?:严重|不堪设想)"
    # "中方的回应将是坚决有力的", "我们的忍耐是有限度的"
    r"|(?:回应|反应|反制|回击|还击)(?:措施)?(?:将|必将|会)?(?:是)?[^，,。；;]{0,3}"
    r"(?:坚决|有力|果断|强有力|对等)"
    r"|(?:忍耐|耐心|克制)[^，,。；;]{0,3}有限"
    # "这一事实不会因任何外部势力的言行而改变": a fact no one's conduct will change
    r"|(?:不会|决不会|绝不会|不能)(?:因|随)[^，,。；;]{0,20}而(?:改变|动摇)"
    r"|(?:改变不了|无法改变)[^，,。；;]{0,16}事实"
    # "任何分裂图谋终将失败"
    r"|(?:终将|必将|必然|必定|终究|注定)(?:以)?(?:失败|落空|破产)"
    # no one may step in ("美国无权介入"): a limit drawn, with the other side as agent a demand too
    r"|无权(?:介入|插手|干涉|干预|过问|置喙|染指)"
    # a line the other side is told not to cross, named by the crossing ("美方不得越过")
    r"|(?:不得|不要|不能|切勿|停止|别再)[^，,。；;]{0,8}?(?:越过|逾越|触碰|踩踏|突破)"
    # "中国人民决不会任人欺负": what the speaker's side will never let be done to it
    r"|不(?:会|能)?任人(?:欺负|宰割|摆布|欺凌|践踏)|不(?:会|能)?任由"
    # "中国人民不答应任何人…": the people's refusal is the line
    r"|人民(?:决|绝)?不(?:会)?答应"
    # "任何遏制中国发展的企图都是徒劳的"
    r"|(?:图谋|企图|行径|伎俩|做法)[^，,。；;]{0,6}徒劳"
    # "任何人都不应低估…", "切勿低估…": the resolve the other side is warned not to test
    r"|(?:不应|不能|切勿|别|不可|勿|不该|不应该|不要)(?:低估|(?:误判|误读|小看|考验|试探)"
    r"(?=[^，,。；;]{0,16}(?:决心|意志|能力|底线|红线)|$))"
    # a consequence the other side's conduct will bring ("将产生严重后果")
    r"|(?:产生|带来|造成|引发|招致)[^，,。；;]{0,6}后果"
    # an attempt of the other side bound to fail ("任何以台制华的图谋都注定失败")
    r"|(?:图谋|企图|行径|伎俩|做法)[^，,。；;]{0,4}注定(?:失败|落空|徒劳|是徒劳的)"
)
#: Warnings of the cost to the other side: a red line even with the other side as subject
#: ("美方必将为此付出代价").
WARNING = re.compile(
    r"后果|代价|自食|勿谓言之不预|奉陪到底|注定|得逞|责任由|自取|迎头痛击|自焚|引火烧身|头破血流|"
    r"死路|绝路|好下场|碰壁"
)
#: 不容 in words that draw no line ("水火不容", "不容忽视", "刻不容缓", "义不容辞").
NOT_A_LIMIT = (
    "水火不容", "不容忽视", "刻不容缓", "义不容辞", "不容乐观", "不容小觑", "不容易", "不容否认",
    "不容置疑", "不容辩驳", "不容回避", "不容拖延", "不容懈怠", "不容有失", "不容错过", "不容推卸",
)  # fmt: skip
#: Who "anyone at all" is: "任何力量", "谁也", "没有人".
ANYONE = ("任何", "谁也", "谁都", "没有人", "没有谁")
#: What nothing can stop draws a line only when it is said of anyone at all ("任何力量都阻挡
#: 不了"), not when a measure is judged ("打压遏制阻挡不了中国发展的脚步": an evaluation).
UNSTOPPABLE = ("阻挡不了", "挡不住", "吓不倒", "压不垮")
#: "任何人都不应对此抱有幻想": an illusion no one may keep, said of anyone at all (told to the
#: other side, "美方切勿对此抱有幻想", it is an ask only).
ILLUSION = re.compile(
    r"(?:不要|不应|别|切勿|不该|不能|勿)[^，,。；;]{0,4}(?:抱有|心存|存有|抱)(?:任何)?幻想"
    r"|(?:不要|不应|别|休想|不该|不能|勿)妄想"
)
#: Modals that, said of anyone at all ("任何外部势力都不得干涉"), draw a line (no one is asked).
ANYONE_MUST_NOT = ("不得", "不能", "不可", "无权", "不允许", "休想", "无法")
#: A line asked to be respected is asked, not drawn ("美方要尊重中方底线": a demand).
RESPECTED = ("尊重", "照顾", "理解")
#: 核心利益 draws a line when stated ("台湾问题是中国核心利益"), not when asked to respect.
CORE = "核心利益"
#: "没有任何妥协退让的余地", "没有任何退让余地", "没有妥协余地".
NO_ROOM = re.compile(
    r"(?:没有|不存在|不留)(?:任何)?(?:(?:妥协|退让|让步|商量|谈判|讨价还价|含糊)[或和、与]?)+(?:的)?"
    r"(?:余地|空间|可能)"
)
CORE_STATED = re.compile(
    r"(?:是|事关)[^，,；;]{0,12}核心利益|(?:涉及|关乎|关系到|攸关|属于)[^，,；;的]{0,12}核心利益(?!的)"
)
#: A clause that starts with one of these is the condition of the next one, no claim itself.
CONDITION = ("如果", "假如", "倘若", "若", "一旦", "要是", "如")
#: A condition that names the other side's conduct persisting or escalating ("如果美方一意孤行"):
#: the clause that answers it warns.
ADVERSE_IF = re.compile(
    r"执意|一意孤行|胆敢|挑衅|损害|冒险|一再|蓄意|越过|越线|触碰|挑战|打压|升级|错上加错|一错再错|"
    r"铤而走险|肆意|悍然|干涉|破坏|侵犯|强行|执迷不悟|不听劝阻|不思悔改|玩火|借机生事|企图|错误"
)
#: Hoping to work with the other side is one's own wish ("希望同美方一道…").
HOPE_OWN_NEXT = ("同", "与", "和", "能同", "能与", "继续同", "继续与")
#: "美国的一个中国政策没有改变": a policy said to stand is a commitment (as in English).
UNCHANGED = re.compile(
    r"(?:政策|立场)[^，,。；;]{0,4}(?:没有|不会|从未|并未|未)(?:发生)?(?:任何)?(?:改变|变化)"
)
#: What a "will" clause predicts rather than pledges: "将对两国关系产生颠覆性影响".
PREDICTED = re.compile(r"(?:会)?(?:对[^，,。；;]{1,16})?(?:产生|造成|带来|导致|引发|构成)")
#: A clause that reports what was discussed: topics, not claims ("双方讨论了…的必要性").
DISCUSSED = re.compile(r"(?:讨论|探讨|谈及|谈到|交流)了|注意到")
#: A clause after a condition that opens with one of these carries the condition further.
FURTHER_IF = ("甚至", "乃至", "或者", "或是", "进而", "以至")
#: The second half of "一边…，一边…", "嘴上…，手上…": one act, said in two clauses.
PAIRED = (("一边", "一边"), ("一面", "一面"), ("一手", "一手"), ("嘴上", "手上"),
          ("嘴上", "行动上"), ("口头上", "行动上"), ("一方面", "另一方面"))  # fmt: skip
#: A clause that opens with one of these turns against what came before: no further item.
CONTRAST = ("但", "然而", "可是", "却", "不过")
#: A manner phrase that leads a verb ("以实际行动兑现…"): the clause is an action.
MANNER_LEAD = ("以实际行动", "用实际行动", "以具体行动", "拿出实际行动")
#: A condition on anyone at all: "谁要是想把台湾从中国分裂出去，…".
ANYONE_IF = re.compile(r"谁(?:要是|如果|若|胆敢|敢|想|要想|企图)")
#: Negators: a claim with one before its verb is negated.
#: Negators: a claim whose clause is negative is negated ("stop", 停止, is a positive verb).
NEGATORS = re.compile(r"不(?![断仅少同久但管论过已稳足利满懈移])|没有|无意|绝不|决不|勿|别再|并非")

# ---------------------------------------------------------------------------- not claims
#: A clause with one of these reports the talks, not a claim (guide, rule 3).
REPORTING = (
    "交换意见", "交换了意见", "进行了", "举行了", "通电话", "通了电话", "会谈", "会见",
    "介绍了", "阐述了", "阐明了", "表示关切", "坦诚", "建设性", "富有成果", "会晤",
)  # fmt: skip

#: Reactions reported, not asked or pledged: "对…表示关切", "表达了严重关切" (guide, rule 3).
REACTION = re.compile(
    r"表示(?:严重|强烈)?(?:关切|不满|担忧|遗憾|失望|欢迎|赞赏|感谢)|表达(?:了)?[^，,。；;]{0,4}关切"
)
#: A clause that ends on one of these judges something; it asks or pledges nothing
#: ("中美两军保持沟通是必要的").
EVALUATION = re.compile(
    r"(?:是|很|十分|非常|极其|尤为|至关)(?:必要|重要|有益|有利|关键|正确|及时|积极)(?:的)?$"
)
#: "(强调了)维护…的重要性": the object of a stressed importance is the claim.
IMPORTANCE = re.compile(r"(?:了)?([^，,。；;]{2,40}?)的(?:重要性|必要性|紧迫性)")
#: A claim's clause that ends on the principle it follows goes on in the next clause
#: ("中方愿本着相互尊重的原则，同美方开展对话").
FRAMED_BY = re.compile(
    r"(?:本着|按照|根据|基于|秉持|遵循|在)[^，,。；;]{1,24}(?:原则|精神|基础上|前提下|框架下)$"
)

# ---------------------------------------------------------------------------- lists
#: Enumeration markers at the start of an item.
ENUMERATION = re.compile(
    r"(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+要|第[一二三四五六七八九十]+[，,、是:：]?|"
    r"[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、.．]|"
    r"首先[，,]?|其次[，,]?|再次[，,]|此外[，,]|最后[，,]?|另外[，,])"
)
#: Words before the head of a list item.
LEADERS = re.compile(r"^(?:[并且也还及和与而]|同时|以及|进而|更|都|要|共同|积极|进一步)+")
#: Actions that start an item after an enumeration comma even when short ("停止打压、取消制裁").
STRONG_VERBS = frozenset({"停止", "取消", "撤销", "放弃", "解除", "不再", "纠正", "撤回", "不要"})
#: A clause that starts with one of these says what the action before it is for: the same claim.
PURPOSE = ("确保", "以便", "以免", "从而", "使", "让", "进而")
#: A clause that starts with one of these elaborates the one before it.
ELABORATION = (
    "特别是", "尤其是", "包括", "即", "也就是", "这", "那", "的", "地", "而是", "其中", "相信",
    "认为", "坚信", "觉得", "而不是", "而非", "不是", "而不",
)  # fmt: skip
#: 将 taking an object ("将…落到实处", "将…视为…"): a preposition like 把, no "will".
AS_OBJECT = re.compile(
    r"[^，,。；;]{1,24}?(?:落到实处|落在实处|落实到|视为|作为|当作|当成|变成|转化为|纳入|列入)"
)
#: Verbs that start a separate action in a list ("停止A、取消B、放弃C").
VERBS = frozenset(
    _words(
        "释放 停售 取缔 撤出 撤离 放松 废除 修改 修正 拿出 树立 看待 遵循 秉持 奉行 按照 "
        "停止 取消 放弃 撤销 撤回 遵守 恪守 履行 尊重 落实 纠正 采取 推动 "
        "推进 加强 开展 恢复 保持 避免 减少 解除 信守 深化 扩大 支持 维护 "
        "促进 管控 防止 停下 不再 杜绝 摒弃 兑现 践行 坚持 妥善 处理 解决 "
        "加大 实现 建立 启动 举行 继续 增进 拓展 提供 慎重 谨慎 正确 客观 "
        "理性 切实 立即 不要 不得 不搞 不打 不寻求 不支持 共同 携手 反对 应对 "
        "悬崖 谨言 改弦 迷途 相向 "
        "合作 打击 承认 改变 放宽 降低 回到 重返 确保 完善 密切 保障 减轻 "
        "搁置 取得 发挥 提升 照顾 落到 同意 欢迎 鼓励 探讨 研究 商谈 讨论 "
        "推出 制定 分享 交流 沟通 对话 协调 作出 做出 采纳 接受 克制 停止对 "
        "召开 举办 "
    )
)
