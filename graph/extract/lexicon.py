"""Cue lexicons of diplomatic readouts, briefings and press conferences (US and Chinese).

Everything here is about the genre, none of it about particular documents: the verbs that
report speech, ask, pledge and agree; the nouns and phrases that mark a red line; the words
that make a clause generic; and a list of base-form verbs for telling a new list item
("..., lift sanctions") from a continuation ("..., democracy and human rights").
"""

from __future__ import annotations

# ---------------------------------------------------------------------------- reported speech
#: Verbs that report what someone said; the subject is the speaker.
REPORT_VERBS = frozenset(
    [
        "said", "says", "say", "noted", "notes", "stressed", "stresses", "emphasized",
        "emphasizes", "emphasised", "emphasises", "added", "adds", "stated", "told", "tells",
        "underlined", "underlines", "highlighted", "highlights", "remarked", "remarks", "warned",
        "warns", "indicated", "indicates", "explained", "explains", "replied", "replies",
        "responded", "insisted", "insists", "affirmed", "affirms", "announced", "announces",
        "declared", "declares", "observed", "observes", "asserted", "asserts", "recalled",
        "recalls", "elaborated", "expressed", "reiterated", "reiterates", "underscored",
        "underscores", "reaffirmed", "reaffirms", "conveyed", "conveys", "acknowledged",
    ]
)
#: Report verbs that need "that", a comma or a colon after them to frame speech.
WEAK_REPORT_VERBS = frozenset(
    {"expressed", "reiterated", "reiterates", "recalled", "observed", "underscored",
     "underscores", "reaffirmed", "reaffirms", "conveyed", "conveys", "acknowledged"}
)
#: Participles that continue the same speaker: "..., Yang said, stressing that ...".
PARTICIPLE_FRAMES = frozenset(
    [
        "stressing", "noting", "adding", "saying", "emphasizing", "emphasising", "underlining",
        "highlighting", "warning", "insisting", "explaining", "reiterating", "pointing",
    ]
)
#: Two-word report verbs ("pointed out", "made clear that").
PHRASAL_REPORT = {("pointed", "out"), ("points", "out"), ("noted", "out"), ("made", "clear")}

# ---------------------------------------------------------------------------- asking
#: Verbs of asking another party: "urges the U.S. side to ...", "called on X to ...".
ASK_VERBS = frozenset(
    [
        "urge", "urges", "urged", "urging", "ask", "asks", "asked", "request", "requests",
        "requested", "press", "presses", "pressed", "demand", "demands", "demanded", "require",
        "requires", "required", "expect", "expects", "expected", "call", "calls", "called",
        "implore", "implores", "exhort", "exhorts", "invite", "invites", "encourage",
        "encourages", "encouraged",
    ]
)
#: "underscored the importance of X": X is asked of the other side (or agreed, by both).
EMPHASIS_VERBS = frozenset(
    {"underscored", "underscores", "underscore", "emphasized", "emphasizes", "emphasised",
     "emphasises", "stressed", "stresses", "highlighted", "highlights", "underlined",
     "underlines", "reiterated", "reiterates", "noted", "notes", "affirmed", "reaffirmed"}
)
#: Objects of a standing opposition, not of a protest: "opposes any one-sided attempt".
ANY_WORDS = frozenset({"any", "all", "unilateral", "one-sided", "attempts", "efforts", "every"})
#: "measures are not intended to restrict trade": one's own measures disclaimed.
INTENDED = frozenset({"intended", "meant", "designed", "aimed", "targeted", "directed"})
#: "policy remains unchanged / the same / what it has been".
UNCHANGED = frozenset({"unchanged", "same", "what", "consistent", "firm", "clear"})
#: "pressed for X", "called for X": the thing asked is a noun phrase.
CALL_FOR_VERBS = frozenset(
    {"pressed", "presses", "press", "pressing", "called", "calls", "call", "pushed", "pushes",
     "push", "pushing", "appealed", "appeals", "advocated"}
)
#: "affirmed support for X", "expressed their support for X": one's own support.
SUPPORT_LEADS = frozenset(
    {"affirmed", "reaffirmed", "expressed", "voiced", "reiterated", "its", "their", "his",
     "her", "our", "strong", "full", "firm", "continued", "continuing", "pledged", "offered"}
)
#: "named X as a priority", "identified X as areas for cooperation".
NAMING_VERBS = frozenset({"named", "identified", "listed", "designated", "singled"})
PRIORITY_WORDS = frozenset({"priority", "priorities", "fields", "areas", "field", "area"})
#: "we hope the visit will help / encourage the U.S. side to ...": the hope is of that side.
HELP_VERBS = frozenset({"help", "enable", "encourage", "prompt", "lead", "push", "allow"})
#: Verbs of hoping: "hope(s) (that) X will ...".
HOPE_VERBS = frozenset({"hope", "hopes", "hoped", "hoping"})
PAST_ASK = frozenset(
    {"urged", "asked", "requested", "pressed", "demanded", "required", "called", "encouraged"}
)
#: What "welcomed ..." greets when it is past progress, an evaluation (rule 7).
ACHIEVED = frozenset(
    {"progress", "made", "achieved", "results", "outcomes", "achievements", "success",
     "resumption", "positive", "reached", "release", "return", "ongoing", "continued",
     "continuing", "recent", "existing", "taken", "held", "signed", "concluded", "completed",
     "convened", "implemented", "launched", "established"}
)
#: What "welcomed ..." (past tense) greets when it is a step already taken: "welcomed the
#: launch of joint work" (participles, "the steps the PRC has taken", are in ACHIEVED).
DONE_STEPS = frozenset(
    {"launch", "establishment", "signing", "conclusion", "completion", "implementation"}
)
#: "will pay the price", "would be serious consequences".
COST_NOUNS = frozenset({"price", "consequences", "costs", "cost", "consequence"})

# ---------------------------------------------------------------------------- modality
MODALS = frozenset({"must", "should", "shall", "ought", "need", "needs", "mustn't", "shouldn't"})
#: Adjectives of "it is X (for Y) to ..." / "it is X that Y ...", said by a party.
IMPERSONAL_NEED = frozenset(
    {"necessary", "important", "vital", "essential", "imperative", "crucial", "time", "urgent"}
)
#: "the top priority is to", "the most important thing is to", "the key is to".
PRIORITY_NOUNS = frozenset({"priority", "thing", "key", "task", "need"})
#: "First, stop interfering ...": an enumeration's member in the imperative.
ORDINAL_ADVERBS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "firstly", "secondly", "thirdly",
     "fourthly", "fifthly", "finally", "lastly", "last"}
)
NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "several", "2", "3",
                          "4", "5", "6"})
#: "The first is to ...; the second is to ...": the members of an enumeration.
ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "last"})

# ---------------------------------------------------------------------------- commitments
#: "is committed to", "is ready to" ...: the adjective after a form of "be".
COMMIT_ADJECTIVES = frozenset(
    {"committed", "ready", "willing", "determined", "prepared", "open", "dedicated", "resolved"}
)
#: "are firm in safeguarding ...": resolve, a commitment.
RESOLUTE_ADJECTIVES = frozenset({"firm", "resolute", "steadfast", "unwavering", "determined"})
#: Present-tense verbs of standing policy: "China adheres to", "firmly pursues".
POLICY_VERBS = frozenset(
    [
        "adhere", "adheres", "pursue", "pursues", "uphold", "upholds", "support", "supports",
        "welcome", "welcomes", "respect", "respects", "follow", "follows", "honor", "honors",
        "honour", "honours", "abide", "abides", "stick", "sticks", "remain", "remains", "view",
        "views", "handle", "handles", "attach", "attaches", "give", "gives", "seek", "seeks",
        "want", "wants", "oppose", "stand", "stands",
    ]
)
#: Adverbs that mark a stated policy ("always views", "firmly pursues", "will resolutely").
POLICY_ADVERBS = frozenset(
    [
        "always", "firmly", "consistently", "resolutely", "steadfastly", "continuously", "never",
        "unswervingly", "unwaveringly", "sincerely", "actively", "earnestly", "truly", "fully",
    ]
)
#: Past verbs by which a party restates its own position ("reiterated its adherence").
REAFFIRM_VERBS = frozenset(
    {"reiterated", "reaffirmed", "pledged", "vowed", "promised", "reiterates", "reaffirms",
     "pledges", "vows", "promises", "assured", "assures", "committed", "reaffirm", "reiterate",
     "affirmed", "affirms"}
)
REAFFIRM_OBJECTS = frozenset(
    {"commitment", "commitments", "adherence", "policy", "pledge"}
)
#: "is not seeking to ...", "are not trying to ...": an intention disclaimed.
SEEKING = frozenset({"seeking", "trying", "looking", "aiming", "attempting", "planning"})
#: Verbs that make "we are going to ..." a pledge of conduct ("going to keep protecting our
#: national security"), not a plan for the day ("going to give the translator a raise").
GOING_TO_PLEDGE = frozenset(
    {"continue", "keep", "stand", "remain", "work", "defend", "protect", "take", "hold",
     "compete", "maintain", "support", "uphold", "act", "respond", "push", "press", "pursue",
     "engage", "invest", "safeguard", "insist", "stick", "never", "not", "build", "strengthen",
     "deepen", "expand", "promote", "advance", "ensure", "honor", "implement", "cooperate",
     "handle", "manage", "remove", "lift", "resume"}
)
#: "has set a goal to reach ...", "have set the target of ...": one's own target.
GOAL_NOUNS = frozenset({"goal", "target", "goals", "targets"})
#: "determination ... remains unwavering".
RESOLVE_NOUNS = frozenset(
    {"determination", "resolve", "commitment", "commitments", "will", "goal", "goals"}
)
RESOLVE_ADJECTIVES = frozenset(
    {"unwavering", "unshakable", "unshakeable", "firm", "steadfast", "rock-solid", "unchanged",
     "ironclad", "unbreakable"}
)
#: Verbs after "will" that describe talk about the talks, not a pledge.
PROCEDURAL_VERBS = frozenset(
    [
        "have", "discuss", "raise", "talk", "hear", "say", "speak", "meet", "see", "look", "do",
        "begin", "start", "get", "turn", "stop", "tell", "ask", "find", "lead", "watch", "brief",
        "attend", "hold", "visit", "surely", "achieve", "move", "pull", "stay", "travel",
        "arrive", "depart", "fly", "go", "come",
        # events and outcomes foretold, not undertaken: "China will host the APEC meeting",
        # "both sides will benefit from ...", "will mark the anniversary"
        "host", "benefit", "gain", "suffer", "lose", "mark", "celebrate",
    ]
)
#: What a briefer "will release / share" when managing the briefing, not pledging ("will share
#: information on synthetic drugs" between the sides stays a pledge: information alone is not).
BRIEFING_NEWS = frozenset({"information", "details", "update", "updates", "more"})
#: Objects that make "look forward to ..." procedural ("... to discussing these matters").
PROCEDURAL_OBJECTS = frozenset(
    {"discussing", "discussion", "discussions", "conversation", "conversations", "hearing",
     "meeting", "seeing", "today", "talks", "welcoming", "traveling", "travelling", "visiting",
     "hosting", "receiving", "summit", "conference", "visit", "trip"}
)
#: Belief verbs: "China always believes that ..." states a view, not a pledge.
BELIEF_VERBS = frozenset(
    {"believe", "believes", "think", "thinks", "maintain", "maintains", "hold", "holds",
     "consider", "considers", "feel", "feels", "know", "knows", "oppose", "opposes"}
)

# ---------------------------------------------------------------------------- consensus
AGREE_VERBS = frozenset(
    {"agreed", "agree", "agrees", "decided", "decide", "pledged", "resolved", "vowed",
     "consented", "concurred", "committed", "commit", "intend", "intends", "decides"}
)
CONSENSUS_NOUNS = frozenset(
    {"consensus", "understanding", "understandings", "agreement", "agreements", "points"}
)
#: Words that make a subject "both sides": "the two sides", "both countries".
JOINT_HEADS = frozenset(
    {"sides", "countries", "presidents", "leaders", "nations", "governments", "delegations",
     "teams", "parties", "militaries", "heads", "ministers", "states", "officials", "economies",
     "powers"}
)

# ---------------------------------------------------------------------------- red lines
RED_LINE_NOUNS = (("red", "line"), ("red", "lines"), ("bottom", "line"), ("bottom", "lines"))
FIRM_RESPONSE_ADJ = frozenset({"firm", "resolute", "strong", "forceful", "decisive", "necessary"})
RESPONSE_NOUNS = frozenset(
    {"response", "responses", "action", "actions", "measures", "countermeasures",
     "countermeasure", "steps"}
)
NEVER_ACCEPT_VERBS = frozenset({"accept", "tolerate", "allow", "permit", "compromise", "yield"})
#: "China's sovereignty must not be violated", "development rights cannot be deprived".
LIMIT_PASSIVES = frozenset(
    {"defied", "flouted", "ignored", "violated", "crossed", "challenged", "infringed",
     "undermined", "deprived", "denied", "trampled", "encroached", "compromised", "questioned",
     "harmed", "sacrificed",
     "bargained", "negotiated", "provoked", "touched", "tampered", "interfered", "split"}
)
#: Word pairs that, after a copula, state a limit: "Taiwan is at the core of China's core
#: interests", "the question remains the most important and most sensitive issue".
LIMIT_NOUNS = frozenset(
    {("core", "interests"), ("core", "interest"), ("sensitive", "issue"),
     ("sensitive", "question")}
)
#: What "the U.S. side must not ..." touches when it states a limit, not just an ask.
VITAL_WORDS = frozenset(
    {"sovereignty", "internal", "territorial", "core", "system", "development", "reunification",
     "dignity", "security", "red", "bottom", "independence", "secession", "separatist",
     "underestimate", "illusion", "illusions"}
)
#: "China's core interests must be respected / upheld": a limit, passively stated.
UPHELD = frozenset({"respected", "upheld", "safeguarded", "protected", "honored", "honoured"})
#: "will not be intimidated": a limit stated as resistance to pressure.
NOT_BE_COWED = frozenset(
    {"intimidated", "coerced", "bullied", "cowed", "deterred", "blackmailed", "pressured",
     "swayed", "moved"}
)
#: "no interference will be tolerated": a limit stated of what will not be allowed.
TOLERATED = frozenset({"tolerated", "allowed", "permitted", "accepted", "countenanced"})
#: What a party asks be done to the relationship's business: "communication must be
#: sustained", "differences should be managed properly", "the question must be handled ...".
MANAGED = frozenset(
    {"managed", "sustained", "maintained", "handled", "kept", "resumed", "restored",
     "strengthened", "expanded", "resolved", "settled", "addressed", "implemented", "stabilized",
     "deepened", "prevented", "avoided", "reduced"}
)
#: The relationship's business: the subjects of those passives ("relations should be
#: stabilized" is a wish for the relationship as a whole, not asked of anyone: not here).
RELATIONSHIP_NOUNS = frozenset(
    {"communication", "communications", "competition", "differences", "dialogue", "channels",
     "channel", "exchanges", "contacts", "consultations", "question", "issue", "issues",
     "disputes", "tensions", "cooperation", "mechanism", "mechanisms", "talks", "lines"}
)
#: "will not flinch", "will not hesitate for a second", "will never back down": a limit.
NOT_FLINCH = frozenset({"flinch", "hesitate", "bow", "budge", "cower", "back", "waver"})
#: "brooks no foreign interference", "tolerates no ...".
BROOK_VERBS = frozenset({"brooks", "brook", "tolerates", "allows", "admits", "permits"})
#: "no force can stop it".
STOP_VERBS = frozenset({"stop", "prevent", "block", "obstruct", "halt", "shake", "change"})
#: "China will respond", "the United States will act": after a condition, a warning.
RESPOND_VERBS = frozenset({"respond", "act", "react", "retaliate", "strike"})

# ---------------------------------------------------------------------------- lists
#: Coordinators that separate list items; "but" and "while" open a new clause instead.
COORDINATORS = frozenset({"and", "or", "nor", "as", "still", "rather", "but", "instead"})
#: Words that end a list: a relative clause or a purpose clause follows.
LIST_ENDERS = frozenset({"which", "who", "whose", "so", "thus", "thereby", "because", "as"})
#: Words that never start a verb phrase even if spelled like one.
NOT_VERBS = frozenset(
    [
        "the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "that", "these",
        "those", "such", "other", "all", "both", "each", "every", "some", "many", "more", "most",
        "no", "any", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "of", "in", "on", "at", "for", "with", "from", "by", "to", "into", "onto", "over",
        "under", "about", "between", "among", "against", "within", "without", "mutual",
        "bilateral", "military", "economic", "political", "people", "china", "chinese", "us",
        "u.s.", "american",
    ]
)
GERUND_NOT_VERBS = frozenset(
    [
        "thing", "things", "nothing", "something", "anything", "everything", "during",
        "including", "morning", "evening", "meeting", "meetings", "briefing", "briefings",
        "building", "buildings", "king", "ring", "spring", "string", "sing", "ceiling", "wing",
        "beijing", "nanjing", "chongqing", "jinping", "xinjiang", "ping", "long", "being",
        "according", "regarding", "concerning", "notwithstanding", "following", "pending",
        "outstanding", "underlying",
    ]
)

#: Base-form verbs common in readouts. A word after "to" or a modal elsewhere in the same
#: document is taken as a verb too, so the list need not be complete.
BASE_VERBS = frozenset(
    [
        "abandon", "abide", "accelerate", "accept", "accommodate", "achieve", "acknowledge",
        "act", "add", "address", "adhere", "adjust", "adopt", "advance", "affirm", "aim", "align",
        "allow", "alter", "analyze", "answer", "apply", "appreciate", "approach", "arrange",
        "assist", "assume", "attach", "attack", "attend", "avoid", "ban", "base", "bear",
        "become", "begin", "believe", "benefit", "block", "boost", "break", "bring", "build",
        "bully", "buy", "call", "cancel", "care", "carry", "cause", "cease", "change", "choose",
        "clarify", "close", "collaborate", "combat", "come", "commit", "communicate", "compete",
        "complete", "comply", "concentrate", "conclude", "conduct", "confront", "connect",
        "consider", "consolidate", "construct", "consult", "contain", "continue", "contribute",
        "control", "cooperate", "coordinate", "correct", "counter", "create", "cross", "curb",
        "curtail", "cut", "deal", "decide", "declare", "deepen", "defend", "define", "deliver",
        "deny", "deploy", "deprive", "destroy", "deter", "develop", "discuss", "dismantle", "do",
        "drop", "ease", "eliminate", "embrace", "emphasize", "enable", "encourage", "end",
        "engage", "enhance", "enlarge", "ensure", "enter", "establish", "evaluate", "exercise",
        "expand", "explore", "export", "expose", "extend", "face", "facilitate", "fight", "find",
        "focus", "follow", "forestall", "foster", "fulfill", "fulfil", "gain", "give", "go",
        "grasp", "grow", "guarantee", "guide", "halt", "handle", "harm", "help", "hold", "honor",
        "honour", "host", "identify", "ignore", "implement", "import", "improve", "incite",
        "increase", "inject", "instigate", "interfere", "invest", "join", "keep", "launch",
        "lead", "learn", "let", "lift", "limit", "listen", "live", "look", "lower", "maintain",
        "make", "manage", "match", "meddle", "meet", "mirror", "misjudge", "mitigate", "move",
        "normalize", "normalise", "notify", "observe", "obstruct", "offer", "open", "oppose",
        "overcome", "participate", "pay", "play", "politicize", "politicise", "pose", "postpone",
        "practice", "preserve", "press", "prevent", "proceed", "produce", "project", "promote",
        "protect", "provide", "pull", "pursue", "push", "put", "raise", "reach", "read",
        "rebuild", "receive", "recognize", "recognise", "reconsider", "rectify", "reduce",
        "reflect", "refrain", "reject", "release", "relax", "remain", "remove", "renew", "reopen",
        "repair", "replace", "resolve", "respect", "respond", "restart", "restore", "resume",
        "return", "reverse", "revisit", "revoke", "rise", "safeguard", "sanction", "scapegoat",
        "see", "seek", "send", "separate", "serve", "set", "settle", "share", "show", "slander",
        "slide", "smear", "solve", "sow", "speak", "stabilize", "stabilise", "stand", "start",
        "step", "stick", "stop", "strengthen", "strive", "submit", "suppress", "support",
        "sustain", "take", "talk", "tell", "think", "threaten", "tighten", "treat", "trust",
        "try", "turn", "understand", "undermine", "unite", "uphold", "urge", "use", "value",
        "view", "violate", "wage", "walk", "want", "weaken", "welcome", "withdraw", "work",
        "exploit", "fuel", "add", "abolish", "acknowledge", "admit", "advocate", "alleviate",
        "amend", "appoint", "approve", "assure", "attract", "balance", "bridge", "broaden",
        "calm", "clear", "coexist", "commence", "compensate", "condemn", "confirm", "constrain",
        "correct", "cultivate", "decouple", "defuse", "delay", "demonstrate", "derail", "desist",
        "destabilize", "disrupt", "distort", "downplay", "draw", "drive", "educate", "embark",
        "emerge", "escalate", "exchange", "exert", "expedite", "fail", "fix", "formulate",
        "forge", "free", "gather", "harness", "hinder", "hype", "impose", "include", "inform",
        "initiate", "insist", "integrate", "intensify", "intervene", "investigate", "isolate",
        "jeopardize", "lecture", "legitimize", "lend", "loosen", "mediate", "minimize", "mislead",
        "modernize", "monitor", "negotiate", "nurture", "obey", "oblige", "overstretch",
        "persuade", "plan", "pledge", "politicise", "polarize", "prioritize", "prohibit",
        "prolong", "provoke", "publish", "punish", "quit", "ratify", "realize", "rebalance",
        "reconcile", "recover", "redouble", "reform", "regulate", "reinforce", "reinvigorate",
        "reiterate", "relieve", "rely", "remind", "render", "reopen", "repatriate", "replenish",
        "report", "request", "restrain", "restrict", "retaliate", "revitalize", "safeguard",
        "scale", "secure", "shape", "shift", "shoulder", "smear", "stoke", "strike", "subvert",
        "suspend", "tackle", "target", "tarnish", "terminate", "trade", "train", "transcend",
        "transform", "uphold", "utilize", "verify", "vilify", "warn", "weigh", "widen", "win",
        "yield", "resort", "regard", "harbor", "harbour", "stigmatize", "stigmatise",
        "weaponize", "weaponise", "abuse", "sever", "misread", "misinterpret", "interpret",
        "instrumentalize", "overreact", "pressure", "coerce", "intimidate", "encircle", "smear",
        "de-risk", "derisk", "rein", "honour", "envisage", "bolster", "fortify", "manage",
    ]
)

#: Nationality words that name a state's side ("the Chinese side", "U.S. officials").
DEMONYMS = {
    "chinese": "china",
    "china": "china",
    "prc": "china",
    "american": "united-states",
    "u.s.": "united-states",
    "us": "united-states",
    "usa": "united-states",
}
#: Nouns that, after a demonym, stand for the state ("the Chinese government").
STATE_NOUNS = frozenset(
    {"side", "government", "delegation", "administration", "leadership", "authorities",
     "military"}
)
#: Armed forces named by their usual short name act for their state ("urged the PLA to ...").
ARMED_FORCES = {"pla": "china", "plaaf": "china"}
#: "the Department", "the Administration" in a government's own readout: that government.
OWN_INSTITUTIONS = frozenset({"department", "administration"})
#: Titles that may precede a name not yet in the graph, with the post label to look up.
TITLE_WORDS = frozenset(
    [
        "secretary", "minister", "ambassador", "envoy", "director", "director-general",
        "spokesperson", "spokesman", "spokeswoman", "president", "vice", "premier", "councilor",
        "councillor", "counselor", "adviser", "advisor", "representative", "chairman", "chair",
        "senator", "governor", "commissioner", "undersecretary", "under", "deputy", "assistant",
        "special", "state", "national", "security", "general", "admiral",
    ]
)
#: Definite descriptions that refer back to an official: "the official noted ...".
OFFICIAL_NOUNS = frozenset(
    {"official", "spokesperson", "spokesman", "spokeswoman", "diplomat", "minister",
     "envoy", "secretary", "ambassador", "director", "director-general", "president",
     "adviser", "advisor", "councilor"}
)
PRONOUNS_PERSON = frozenset({"he", "she"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "my", "me"})

#: Words that make a subject generic (rule 3): no party is the agent.
GENERIC_SUBJECT_HEADS = frozenset(
    [
        "efforts", "effort", "cooperation", "relations", "relationship", "ties", "disagreements",
        "differences", "competition", "countries", "country", "people", "peoples", "world",
        "community", "dialogue", "communication", "consultation", "multilateralism",
        "development", "history", "perception", "issue", "issues", "question", "question,",
        "decisions", "voices", "region", "there", "it", "this", "that", "they", "all", "nobody",
        "no", "one", "everyone", "everybody", "anyone",
    ]
)

#: Words that are nouns as often as verbs: after a bare "and" they start a new list item only
#: when a determiner or a name follows ("and support China's ...", not "and exchange
#: mechanisms").
AMBIGUOUS_VERBS = frozenset(
    [
        "exchange", "exchanges", "trade", "control", "support", "respect", "access", "balance",
        "value", "use", "plan", "report", "fuel", "target", "shape", "view", "face", "progress",
        "process", "change", "increase", "visit", "travel", "contact", "aid", "interest",
        "concern", "need", "demand", "request", "pledge", "promise", "harm", "name", "voice",
        "pressure", "rise", "lead", "end", "link", "impact", "share", "order", "claim", "result",
        "return", "release", "rule", "transfer", "drive", "cause", "address", "remain", "stand",
        "work",
    ]
)
DETERMINERS = frozenset(
    {"the", "a", "an", "its", "their", "our", "his", "her", "this", "these", "those", "all",
     "any", "more", "such", "each", "other", "every", "some", "no"}
)
#: Verbs of opinion: "and think a strong country must ..." does not start a list item.
OPINION_VERBS = frozenset({"think", "thinks", "believe", "believes", "feel", "feels", "know",
                           "knows", "consider", "considers", "suspect", "assume"})
#: Particles that end a phrasal verb ("follow up and implement" pairs two verbs).
PARTICLES = frozenset({"up", "out", "down", "off", "forward", "back", "through", "over"})
#: Words after which the rest of a list is a qualification, not more items.
LIST_CLOSERS = frozenset({"while", "including", "especially", "particularly", "such", "so",
                          "thereby", "which", "whereas"})
