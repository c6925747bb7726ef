"""Who speaks: reported-speech frames, transcript labels and the speaker carried between
sentences.

A readout rarely names the speaker in every sentence: "Yang said ..." is followed by "..., he
said" and by sentences with no frame at all, and a transcript names the speaker once in a
label ("DIRECTOR YANG:"). This module gives every stretch of a sentence the speaker it is
attributed to. The publisher of the document is never a speaker.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from graph.extract import lexicon as lx
from graph.extract.kb import KnowledgeBase
from graph.extract.linking import Mention
from graph.extract.sentences import Sentence


@dataclass(frozen=True)
class Speaker:
    actors: tuple[str, ...]
    kind: str  # person, state, group

    @property
    def one(self) -> str | None:
        return self.actors[0] if len(self.actors) == 1 else None


@dataclass
class Region:
    """Tokens ``[start, end)`` of a sentence and who says them (None: nobody we know)."""

    start: int
    end: int
    speaker: Speaker | None
    addressee: str | None = None
    #: The author's lead-in to a frame ("When asked about X, the official said that"): no claims.
    intro: bool = False


@dataclass
class Frame:
    verb: int  # first token of the report verb
    verb_end: int
    subj_start: int
    subj_end: int
    speaker: Speaker | None
    kind: str  # lead, trail
    content_start: int = 0
    addressee: str | None = None


_TERMINAL = re.compile(r"""[.!?"')\]]\s*$""")


def is_heading(text: str) -> bool:
    """A title, a section heading or a byline: short, and not ending like a sentence."""
    stripped = text.strip()
    if stripped.endswith(":"):
        return len(stripped.split()) <= 6
    return len(stripped) < 160 and not _TERMINAL.search(stripped)


@dataclass
class Attribution:
    """The reading state carried through a document: current speaker, last person named."""

    kb: KnowledgeBase
    publisher: set[str] = field(default_factory=set)
    carried: Speaker | None = None
    last_person: str | None = None
    label_mode: bool = False
    #: Who speaks where no one else is said to: the giver of a speech named in its title.
    default: Speaker | None = None
    #: title noun ("official", "secretary", "deputy secretary") -> who it last described
    last_mentioned: dict[str, Speaker] = field(default_factory=dict)
    #: the document's day: whose post a definite title names when no one was described so
    day: dt.date | None = None
    #: the same for the publisher's own officials: in a White House readout "the President"
    #: is the U.S. President even when President Xi was named last
    home_mentioned: dict[str, Speaker] = field(default_factory=dict)

    # ------------------------------------------------------------------ speakers of mentions
    def speaker_of(self, m: Mention) -> Speaker | None:
        if m.possessive or m.modifier:
            return None
        if m.kind == "person" and m.actors:
            return Speaker(m.actors, "person")
        if m.kind == "state":
            return Speaker(m.actors, "state")
        if m.kind == "group":
            return Speaker(m.actors, "group")
        if m.kind == "organization" and m.actors[0] not in self.publisher:
            state = self.kb.state_of(m.actors[0])
            return Speaker((state,), "state") if state else None
        return None

    def _definite(self, noun: str) -> Speaker | None:
        """ "the official", "the spokesperson": the person last described that way; else, in a
        department's own text, the holder of its post of that title on the day ("the
        Secretary" in a State Department briefing is the Secretary of State)."""
        described = self.home_mentioned.get(noun) or self.last_mentioned.get(noun)
        if described:
            return described
        head = self._publisher_post(noun)
        if head is not None:
            return head
        if self.carried and self.carried.kind == "person":
            return self.carried
        return Speaker((self.last_person,), "person") if self.last_person else None

    def _publisher_post(self, noun: str) -> Speaker | None:
        """The one holder, on the document's day, of a post of the publisher whose title
        gives ``noun`` ("Secretary of State" -> "secretary")."""
        if self.day is None or not self.publisher:
            return None
        holders = {
            h
            for post in self.kb.posts.values()
            if post.organization in self.publisher
            and any(noun in title_keys(label, "") for label in post.labels if label.isascii())
            for h in self.kb.holders(post.iri, self.day)
        }
        return Speaker((holders.pop(),), "person") if len(holders) == 1 else None

    def _opening_person(self, sent: Sentence, j: int) -> Speaker | None:
        """ "The Secretary welcomed ..., and he emphasized ...": "he" later in a sentence that
        opens with a person is that person, whoever was named last before the sentence."""
        if j < sent.start + 3 or sent.low(j - 1) not in {"and", ","}:
            return None
        m = sent.mention_starting_at(sent.start)
        if m is not None:
            return Speaker((m.actors[0],), "person") if m.kind == "person" and m.actors else None
        title = sent.low(sent.start + 1)
        if sent.low(sent.start) != "the" or title not in lx.OFFICIAL_NOUNS:
            return None
        if sent.mention_starting_at(sent.start + 1) is not None:
            return None
        who = self.home_mentioned.get(title) or self.last_mentioned.get(title)
        return who if who is not None and who.kind == "person" else None

    def subject_speaker(self, sent: Sentence, j: int) -> tuple[Speaker | None, int] | None:
        """The speaker whose name ends at token ``j`` and where it starts, if any."""
        m = sent.mention_ending_at(j)
        if m is not None:
            return self.speaker_of(m), m.tok_start
        low = sent.low(j)
        if low in lx.PRONOUNS_PERSON:
            opener = self._opening_person(sent, j)
            if opener is not None:
                return opener, j
            who = self.last_person
            return (Speaker((who,), "person") if who else None), j
        if low in {"i", "we"}:
            return self.carried, j
        if low in lx.OFFICIAL_NOUNS and sent.low(j - 1) in {"the", "this"}:
            return self._definite(low), j - 1
        if low in lx.OFFICIAL_NOUNS and sent.low(j - 1) in _RANKS and sent.low(j - 2) == "the":
            return self._definite(f"{sent.low(j - 1)} {low}"), j - 2
        if low in lx.STATE_NOUNS and sent.low(j - 1) in lx.DEMONYMS:
            state = lx.DEMONYMS[sent.low(j - 1)]
            start = j - 2 if sent.low(j - 2) == "the" else j - 1
            return Speaker((f"https://w3id.org/diplograph/id/actor/{state}",), "state"), start
        return None

    def remember(self, sent: Sentence, *, keep_person: bool = False) -> None:
        """Note who was described by which title ("the Secretary" is then Blinken, "the
        Deputy Secretary" Campbell, "the official" the briefer), and the last person named,
        for "he" (unless a frame of this sentence just named the speaker)."""
        said: dict[str, Speaker] = {}
        subject = _person_subject(sent)
        for m in sent.mentions:
            if m.kind != "person" or not m.actors:
                continue
            if not keep_person:
                self.last_person = m.actors[0]
            actor = self.kb.actors.get(m.actors[0])
            label = actor.label if actor else ""
            who = Speaker((m.actors[0],), "person")
            own = title_keys(m.text, label)
            if not own and actor is not None:  # "Blinken": his usual title ("Secretary")
                for alias in actor.aliases:
                    for key in title_keys(alias, label):
                        self.last_mentioned[key] = who
            for key in own:  # the title the text gives wins over another's usual one
                said[key] = who
                if self._home(m.actors[0]):
                    self.home_mentioned[key] = who
        self.last_mentioned.update(said)
        if subject is not None and not keep_person:
            self.last_person = subject  # "Blinken met Wang Yi. He ...": the subject, Blinken
        self._unnamed_official(sent)

    def _home(self, person: str) -> bool:
        """Is ``person`` an official of the publisher's own state?"""
        homes = {self.kb.state_of(p) for p in self.publisher} - {None}
        return bool(homes) and self.kb.state_of(person) in homes

    def _unnamed_official(self, sent: Sentence) -> None:
        """ "A senior official from the Chinese Foreign Ministry briefed ...": the official is
        not named, so what "the official" says is said for the ministry's state (rule 1)."""
        lows = sent.para.lows[sent.start : sent.end]
        if "official" not in lows and "spokesperson" not in lows:
            return
        if any(m.kind == "person" for m in sent.mentions):
            return
        for m in sent.mentions:
            state = self.kb.state_of(m.actors[0]) if m.actors else None
            if m.kind == "organization" and state and m.actors[0] not in self.publisher:
                for noun in ("official", "spokesperson"):
                    if noun in lows:
                        self.last_mentioned[noun] = Speaker((state,), "state")
                return


def _person_subject(sent: Sentence) -> str | None:
    """The person a sentence opens with ("Secretary Blinken met with ..."), when it names
    another person later (the one met): "he" in the next sentence is the subject."""
    persons = [m for m in sent.mentions if m.kind == "person" and m.actors]
    if len(persons) < 2 or persons[0].possessive or persons[0].tok_start > sent.start + 3:
        return None
    return persons[0].actors[0]


_RANKS = frozenset({"deputy", "vice", "assistant", "under", "acting", "associate", "executive"})


def title_keys(text: str, name: str) -> set[str]:
    """The definite descriptions a title allows: "Deputy Secretary of State Kurt Campbell" ->
    {"deputy secretary"}; "Secretary Blinken" -> {"secretary"}; "a senior official from ..."
    -> {"official"}."""
    words = text.lower().replace("-", " ").split()
    name_words = set(name.lower().split())
    title: list[str] = []
    for w in words:
        if w in name_words or w in {"of", "from", "for", ","}:
            break
        title.append(w)
    keys = {w for w in words if w in {"official", "spokesperson", "diplomat"}}
    nouns = [w for w in title if w in lx.OFFICIAL_NOUNS]
    if nouns:
        head = nouns[-1]
        rank = [w for w in title if w in _RANKS]
        keys.add(f"{rank[0]} {head}" if rank else head)
    return keys


_REPORT_WORDS = lx.REPORT_VERBS | {first for first, _ in lx.PHRASAL_REPORT}


def find_frames(att: Attribution, sent: Sentence) -> list[Frame]:
    """Report frames in a sentence: "X said (that) ...", "..., X said", ", said X"."""
    frames: list[Frame] = []
    lows = sent.para.lows
    if not _REPORT_WORDS.intersection(lows[sent.start : sent.end]):
        return frames
    i = sent.start
    while i < sent.end:
        low = lows[i]
        if low not in _REPORT_WORDS:
            i += 1
            continue
        verb_end = i + 1
        if (low, sent.low(i + 1)) in lx.PHRASAL_REPORT:
            verb_end = i + 2
        elif low == "made" and _made_clear(sent, i + 1):
            verb_end = _made_clear(sent, i + 1)  # "made it crystal clear that"
        elif low not in lx.REPORT_VERBS:
            i += 1
            continue
        if low in lx.WEAK_REPORT_VERBS and sent.low(verb_end) not in {",", "that", ":"}:
            i += 1
            continue
        if low in {"warned", "warns", "warn"} and _warned_to(sent, verb_end):
            i += 1  # "warned the U.S. side not to meddle": an ask, not a report
            continue
        frame = _frame_at(att, sent, i, verb_end)
        if frame:
            frames.append(frame)
            if frame.speaker is not None and frame.speaker.kind == "person":
                att.last_person = frame.speaker.actors[0]  # "X said A, and he stressed B"
            i = max(frame.content_start, verb_end)
        else:
            i += 1
    return frames


def _warned_to(sent: Sentence, k: int) -> bool:
    """Does "warned" govern an object and an infinitive ("warned X (not) to ...")?"""
    for j in range(k + 1, min(sent.end, k + 8)):
        if sent.low(j) in {",", ";", "that", ":", "."}:
            return False
        if sent.low(j) == "to" or (sent.low(j), sent.low(j + 1)) == ("not", "to"):
            return True
    return False


_CLEAR_DEGREE = frozenset({"it", "crystal", "very", "abundantly", "quite", "perfectly"})


def _made_clear(sent: Sentence, j: int) -> int:
    """Where "made [it] [crystal] clear" ends (0 when the words at ``j`` do not say so)."""
    k = j
    while sent.low(k) in _CLEAR_DEGREE and k - j < 3:
        k += 1
    return k + 1 if k > j and sent.low(k) == "clear" else 0


def _frame_at(att: Attribution, sent: Sentence, i: int, verb_end: int) -> Frame | None:
    subject = _subject_before(att, sent, i)
    inverted = False
    if subject is None and sent.low(i - 1) in {",", '"'}:
        m = sent.mention_starting_at(verb_end)
        if m is not None and att.speaker_of(m):
            subject = (att.speaker_of(m), m.tok_start, m.tok_end)
            inverted = True
    if subject is None:
        return None
    speaker, s_start, s_end = subject
    if sent.low(i) in {"insists", "insisted", "insist"} and sent.low(verb_end) == "on":
        return None  # "if the U.S. insists on containing China": conduct, not speech
    before = s_start - 1 - (sent.low(s_start - 1) == "the")
    if sent.low(before) in {"as", "if", "unless", "whether", "once", "should", "which", "what"}:
        return None  # "as President Xi has said", "if the U.S. side insists on": no frame
    after = verb_end if not inverted else s_end
    nxt = sent.low(after)
    if nxt == "that" or nxt == ":":
        kind = "lead"
    elif inverted or (
        s_start > sent.start + 1
        and sent.low(s_start - 1) in {",", '"', "''"}
        and (nxt in {",", ".", "", '"', ";"})
    ):
        kind = "trail"
    else:
        kind = "lead"
    frame = Frame(i, verb_end, s_start, s_end, speaker, kind)
    if kind == "lead":
        j = verb_end
        if sent.low(i) in {"told", "tells"}:
            m = sent.mention_starting_at(j)
            if m is not None:
                frame.addressee = m.actors[0] if len(m.actors) == 1 else None
                j = m.tok_end
        while sent.low(j) in {"that", ",", ":"}:
            j += 1
        frame.content_start = j
    else:
        frame.content_start = after
    return frame


def _subject_before(
    att: Attribution, sent: Sentence, verb: int
) -> tuple[Speaker | None, int, int] | None:
    """The subject of a report verb: adjacent, or before an appositive in commas."""
    j = verb - 1
    while j >= sent.start and (
        sent.low(j) in {"also", "further", "then", "again", "has", "have", "had", "once", "later"}
        or (sent.low(j).endswith("ly") and len(sent.low(j)) > 4 and sent.at.get(j) is None)
    ):
        j -= 1
    if j < sent.start:
        return None
    found = att.subject_speaker(sent, j)
    if found is not None:
        return found[0], found[1], j + 1
    if sent.low(j) != ",":
        return None
    k = j - 1
    while k >= sent.start and j - k <= 30:
        if sent.low(k) == "," and k > sent.start:
            found = att.subject_speaker(sent, k - 1)
            if found is not None and found[0] is not None:
                return found[0], found[1], k
        if sent.low(k) in lx.REPORT_VERBS:
            return None
        k -= 1
    return None


def participle_frame(sent: Sentence, start: int) -> int | None:
    """Where the content of ", stressing that ..." starts, when the sentence has one."""
    if not lx.PARTICIPLE_FRAMES.intersection(sent.para.lows[start : sent.end]):
        return None
    for i in range(start, sent.end - 1):
        if sent.low(i) == "," and sent.low(i + 1) in lx.PARTICIPLE_FRAMES:
            j = i + 2
            if sent.low(j) == "out":
                j += 1
            if sent.low(j) == "that":
                return j + 1
    return None


def sentence_regions(
    att: Attribution, sent: Sentence, frames: list[Frame], *, first: bool = True
) -> list[Region]:
    """Split a sentence into regions with their speakers, and update the carried speaker.

    A frame in the middle of a paragraph that names someone else ("President Biden noted on
    many occasions that ...", inside an official's briefing) is speech reported by the current
    speaker: it holds for its own sentence, and the carried speaker stays.
    """
    regions: list[Region] = []
    pos = sent.start
    previous: Frame | None = None
    for frame in frames:
        if frame.kind == "trail":
            regions.append(Region(pos, frame.subj_start, frame.speaker))
            part = participle_frame(sent, frame.content_start)
            pos = frame.content_start
            if part is not None:
                regions.append(Region(pos, part, None, intro=True))
                pos = part
        else:
            if frame.verb > pos and previous is not None:
                # "X said that A, and she reaffirmed that B": A is the first frame's content
                regions.append(Region(pos, frame.subj_start, previous.speaker, previous.addressee))
            elif frame.verb > pos:
                regions.append(Region(pos, frame.verb, None, intro=True))
            pos = frame.content_start
        if (
            not att.label_mode
            and frame.speaker is not None
            and (first or att.carried is None or att.carried == frame.speaker)
        ):
            att.carried = frame.speaker
        if frame.speaker is not None and frame.speaker.kind == "person":
            att.last_person = frame.speaker.actors[0]
        speaker = frame.speaker
        previous = frame if frame.kind == "lead" else None
    if not frames:
        part = participle_frame(sent, sent.start)
        subject = _sentence_subject(att, sent)
        agent = narrative_agent(att, sent)
        if part is not None and subject is not None:
            regions.append(Region(sent.start, part, None, intro=True))
            pos = part
            att.carried = subject
            speaker = subject
        elif agent is not None:
            speaker = agent  # for its own sentence: the narration goes on in the author's voice
            att.last_person = agent.actors[0]  # "The President ... He made clear ...": "he"
            if _announces_points(sent):
                att.carried = agent  # "Wang Yi made three points. First, ...": his points
        else:
            speaker = att.carried or att.default
    if pos < sent.end:
        addressee = frames[-1].addressee if frames else None
        regions.append(Region(pos, sent.end, speaker, addressee))
    return regions


_POINT_NOUNS = frozenset(
    {"points", "proposals", "suggestions", "things", "messages", "observations", "demands",
     "requirements", "principles", "expectations", "hopes", "concerns"}
)


def _announces_points(sent: Sentence) -> bool:
    """ "Wang Yi made three points.", "He put forward the following proposals:": what the
    next sentences say ("First, ...") is that person's."""
    lows = sent.para.lows[sent.start : sent.end]
    if lows and lows[-1] == ":":
        return True
    return any(
        lows[k] in lx.NUMBER_WORDS | {"following", "several"} and lows[k + 1] in _POINT_NOUNS
        for k in range(len(lows) - 1)
    )


_PAST_IRREGULAR = frozenset(
    {"made", "set", "put", "told", "said", "took", "gave", "held", "laid", "spoke", "met",
     "sought", "brought", "drew", "outlined", "voiced"}
)


def narrative_agent(att: Attribution, sent: Sentence) -> Speaker | None:
    """ "She pressed for ...", "Mr. Sullivan underscored ...", "The Deputy Secretary set out
    ...": a readout narrating what a person did, sentence by sentence, with no report frame.
    The person is the one who asks, pledges or agrees in the sentence, and in the next ones."""
    lows = sent.para.lows
    for v in range(sent.start + 1, min(sent.end, sent.start + 12)):
        w = lows[v]
        if w in {",", ";", ":", "that", "which", "who"}:
            return None
        if sent.at.get(v) is not None or not (
            (w.endswith("ed") and len(w) > 4) or w in _PAST_IRREGULAR
        ):
            continue
        found = _subject_before(att, sent, v)
        if found is None or found[0] is None or found[0].kind != "person":
            return None
        return found[0] if found[1] == sent.start else None
    return None


def _sentence_subject(att: Attribution, sent: Sentence) -> Speaker | None:
    """The speaker named at the very start of a sentence ("The Chinese top diplomat ...")."""
    for m in sent.mentions[:1]:
        if m.tok_start <= sent.start + 1:
            return att.speaker_of(m)
    return None


def transcript_label(att: Attribution, sent: Sentence) -> tuple[bool, Speaker | None, int]:
    """ "DIRECTOR YANG:", "Spokesperson Zhao Lijian:": (is a label, who, first content token)."""
    for j in range(sent.start, min(sent.end, sent.start + 8)):
        if sent.low(j) != ":":
            continue
        head = sent.doc[sent.start : j]
        text = head.text
        letters = [c for c in text if c.isalpha()]
        if not letters:
            return False, None, sent.start
        m = sent.mention_ending_at(j - 1)
        upper = all(c.isupper() for c in letters)
        if m is not None and (m.tok_start == sent.start or upper):  # "MR PRICE:"
            return True, att.speaker_of(m), j + 1
        if upper:
            return True, _unnamed_briefer(att, text), j + 1
        return False, None, sent.start
    return False, None, sent.start


_UNNAMED_BRIEFERS = frozenset({"OFFICIAL", "OFFICIALS", "BRIEFER"})


def _unnamed_briefer(att: Attribution, label: str) -> Speaker | None:
    """ "SENIOR ADMINISTRATION OFFICIAL:": a background briefer the text does not name speaks
    for the publisher's state (rule 1 of the guide); "MODERATOR:" and "Q:" for no one."""
    if not _UNNAMED_BRIEFERS.intersection(label.replace(".", " ").split()):
        return None
    states = {s for s in (att.kb.state_of(p) for p in att.publisher) if s is not None}
    return Speaker((states.pop(),), "state") if len(states) == 1 else None
