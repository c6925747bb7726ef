"""Finding status events in a readout: cue by kind, who asserts it, when, and what it is about.

    paragraphs -> sentences (English: the spaCy sentencizer's; Chinese: ``zh.segment``) ->
    cues of each kind (``cues``), blocked by what makes them something else -> the span (the
    sentence after its report frame; an implementation, the clause: "the working group has met,
    and the channels have been restored" reports two) -> who asserts it -> its target
    (``targets``)

Who asserts an event is read as the claim reader reads a speaker, with less: a transcript
label ("Wang Wenbin:", "毛宁："), a named actor before a report verb in the sentence
("Wang Yi pointed out", "王毅表示"), the claimant of a claim the claim reader found in the same
sentence ("The Secretary reaffirmed …"), a joint subject ("The United States and China held"),
the speaker of the sentences before, or the publisher's state. Journalists' turns assert
nothing (annotation guide).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.extract.dates import DateMention
from graph.extract.kb import KnowledgeBase
from graph.extract.ledger import cues
from graph.extract.ledger.targets import Target, Targets
from graph.extract.linking import Mention
from graph.extract.text import Paragraph
from graph.extract.zh.segment import sentences as zh_sentences

_REPORT_EN = re.compile(
    r"^[\s,]*(?:\w+ly )?(?:said|says|noted|pointed out|stressed|emphasized|emphasised|"
    r"reaffirmed|reiterated|told|added|decided|announced|welcomed|made clear|underscored|"
    r"stated|raised|also decided|also said)\b",
    re.IGNORECASE,
)
_REPORT_ZH = re.compile(r"^(?:[^，。：:]{0,4}?)(?:表示|指出|强调|说|称|重申|宣布|认为|介绍|决定)")
_LABEL_EN = re.compile(r"^([A-Z][^:\n]{0,40}?):\s")
_LABEL_ZH = re.compile(r"^([^：:，。\n]{1,20})[：:]")
#: A transcript label of an official by title and surname ("MR MILLER", "MS. MAO").
_OFFICIAL_LABEL = re.compile(
    r"^(?:MR|MS|MRS|DR|AMB|AMBASSADOR|SECRETARY|SPOKESPERSON|SPOKESMAN)\.? [A-Z][A-Z'-]+$"
)
_ONE_THING = re.compile(r"^\s*says? one thing", re.IGNORECASE)
_OPENS = re.compile(r"^[\s\W]*(?:the\s+)?(?:[一二三四五六七八九十]+、)?$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:and|和|与|同)\s*$")
_ENUMERATOR = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\(?\d+[.)]\s*|[-•]\s*)")
#: Clause bounds: "; ", and ", (and) " before a new subject ("…has met, and the channels have
#: been restored"), not before a second verb of the same subject ("…, and was part of …").
_CLAUSE_EN = re.compile(
    r";\s+|,\s+(?:and\s+)?(?=(?:the|we|our|its|their|this|these|it|they)\b|[A-Z])"
)
_CLAUSE_ZH = re.compile(r"[,;，；]")
#: Date mentions that name a calendar day ("On February 16, 2024", "1月26日至27日").
_CALENDAR = frozenset({"iso", "month-day", "day-month", "zh-date", "zh-day"})
_TRAILING = " \t\n,.;:。，；：!"


@dataclass
class Event:
    kind: str
    asserted_by: tuple[str, ...]  # actor IRIs
    start: int  # code points into the document
    end: int
    date: dt.date | None
    cue: str
    target: Target
    confidence: float


class Detector:
    """Status-event detection against one knowledge base (its indexes built once)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.targets = Targets(kb)

    def extend(self, added: KnowledgeBase, kb: KnowledgeBase) -> None:
        """Take in what an ingest added (``Extractor.extend``)."""
        self.kb = kb
        self.targets.extend(added, kb)

    def about(self, events: list[Event]) -> dict[str, str]:
        """A short English name of what each event concerns: a claim's statement (the first
        sentence of its stored text), a bundle's English label."""
        out = {}
        for event in events:
            if event.target.claim and (stored := self.targets.stored(event.target.claim)):
                out[stored.iri] = stored.text.split(". ", 1)[0].rstrip(".") + "."
            if event.target.bundle and event.target.bundle in self.kb.bundles:
                bundle = self.kb.bundles[event.target.bundle]
                out[bundle.iri] = bundle.label or (bundle.names or [bundle.iri])[0]
        return out

    def forget(self, keys: set[str]) -> None:
        """Forget stored claims and bundles a write removed or changed."""
        self.targets.forget(keys)

    def detect(
        self,
        kb: KnowledgeBase,
        paras: list[Paragraph],
        mentions: list[list[Mention]],
        view: str,
        day: dt.date | None,
        dates: list[DateMention],
        home: str | None,
        states: tuple[str, ...],
        claims: list[dict],
    ) -> list[Event]:
        """Every status event of a document, in reading order.

        ``home``: the publisher's state (who asserts what no one in the text is said to);
        ``states``: the document's two sides; ``claims``: the claim records extracted from it
        (speakers the claim reader resolved, and their restatement links).
        """
        reader = _Reader(kb, states, home, claims)
        when = _occasion(paras, dates, day)
        out: list[Event] = []
        for para, found in zip(paras, mentions, strict=True):
            text = view[para.start : para.end]
            if not reader.turn(para, text, found):
                continue
            previous = ""
            for s, e in _sentences(para):
                start, end = para.start + s, para.start + e
                inside = [m for m in found if start <= m.start < end]
                speaker = reader.speaker(view, start, end, inside)
                reader.previous = previous
                found_here = self._sentence(view, start, end, para.zh, speaker, when, reader,
                                            inside)
                previous = view[start:end]
                if found_here and reader.pending:
                    reader.last = reader.pending
                out += found_here
        return out

    def _sentence(
        self,
        view: str,
        start: int,
        end: int,
        zh: bool,
        speaker: tuple[str, ...],
        when: dt.date | None,
        reader: _Reader,
        inside: list[Mention],
    ) -> list[Event]:
        sentence = view[start:end]
        lexicon, blockers = (cues.ZH, cues.ZH_BLOCK) if zh else (cues.EN, cues.EN_BLOCK)
        frame = (cues.ZH_FRAME if zh else cues.EN_FRAME).match(sentence)
        body = frame.end() if frame and frame.end() < len(sentence) - 4 else 0
        enumerator = _ENUMERATOR.match(sentence[body:])
        body += len(enumerator.group(0)) if enumerator else 0
        found: list[Event] = []
        for kind in cues.KINDS:
            for m in lexicon[kind].finditer(sentence):
                if kind == "implemented":
                    s, e = _clause(sentence, m.start(), zh, body)
                else:
                    s, e = body, len(sentence)
                span = sentence[s:e]
                block = blockers.get(kind)
                if block is not None and block.search(span):
                    continue
                s, e = _trim(sentence, s, e)
                if e <= s or any(ev.kind == kind and ev.start == start + s for ev in found):
                    continue
                who = reader.accuser(speaker) if kind == "accused_of_breach" else speaker
                found.append(self._event(kind, start + s, start + e, view, m.group(0), who,
                                         when, reader, inside, sentence))
                if kind != "implemented":
                    break
        # a restatement of nothing stored is a claim, not an event (the claim reader has it)
        found = [ev for ev in found if ev.kind != "reaffirmed" or ev.target != Target()]
        # a breach or a denial said in a sentence is what the sentence reports
        if any(ev.kind in {"accused_of_breach", "disputed"} for ev in found):
            found = [ev for ev in found if ev.kind not in {"implemented", "reaffirmed"}]
        return found

    def _event(
        self,
        kind: str,
        start: int,
        end: int,
        view: str,
        cue: str,
        speaker: tuple[str, ...],
        when: dt.date | None,
        reader: _Reader,
        inside: list[Mention],
        context: str = "",
    ) -> Event:
        speaker_states = frozenset(filter(None, (self.kb.state_of(a) for a in speaker)))
        target = reader.restated(kind, start, end)
        if target is not None and not self.targets.before(self.targets.stored(target.claim or ""),
                                                           when):
            target = None
        if target is None:
            persons = tuple(
                a for m in inside if m.kind == "person" and start <= m.start < end
                for a in m.actors
            )
            target = self.targets.find(kind, view[start:end], speaker_states, when, persons,
                                       context, reader.previous)
        return Event(kind, speaker, start, end, when, cue, target, 0.7 if speaker else 0.5)


class _Reader:
    """Who is speaking, sentence after sentence."""

    def __init__(
        self, kb: KnowledgeBase, states: tuple[str, ...], home: str | None, claims: list[dict]
    ) -> None:
        self.kb, self.states, self.home, self.claims = kb, states, home, claims
        self.label: tuple[str, ...] | None = None
        self.last: tuple[str, ...] = ()
        self.before: tuple[str, ...] = ()
        self.pending: tuple[str, ...] = ()
        #: The sentence before the one being read, in its paragraph.
        self.previous = ""

    def turn(self, para: Paragraph, text: str, found: list[Mention]) -> bool:
        """Take in a paragraph's transcript label; False for a journalist's turn."""
        label = (_LABEL_ZH if para.zh else _LABEL_EN).match(text)
        if label is None:
            return True
        self.label = None
        end = para.start + label.end(1)
        named = [a for m in found if m.end <= end and m.kind == "person" for a in m.actors]
        if named:
            self.label = self.last = (named[-1],)
            return True
        if _OFFICIAL_LABEL.match(label.group(1)):  # "MR MILLER:" when no one is named in full
            said = [c for c in self.claims if para.start <= c["start"] < para.end
                    and c["type"] != "consensus" and c["claimant_iris"]]
            who = tuple(said[0]["claimant_iris"]) if said else (self.home,) if self.home else ()
            self.label, self.last = who or None, who
            return True
        words = label.group(1).split()
        asks = "记者" in label.group(1) or label.group(1).isupper() or text.rstrip().endswith(
            ("?", "？"))
        if asks and len(words) <= 4:
            self.last = ()
            return False
        return True

    def speaker(self, view: str, start: int, end: int, inside: list[Mention]) -> tuple[str, ...]:
        """Who asserts what the sentence ``view[start:end]`` says: the transcript label's
        speaker in a transcript, else the first actor before a report verb, the claimant of a
        claim read in the sentence, the speaker before, a joint subject, the publisher's state."""
        self.before, self.pending = self.last, ()
        if self.label:
            return self.label
        zh = bool(re.search(r"[\u4e00-\u9fff]", view[start:end]))
        report = _REPORT_ZH if zh else _REPORT_EN
        for m in inside:
            if m.modifier or m.possessive or not m.actors:
                continue
            after = view[m.end : min(end, m.end + 40)]
            if report.match(after) and not _ONE_THING.match(after):
                self.last = self._speaking(m)
                return self.last
        claimed = [
            c for c in self.claims
            if start <= c["start"] < end and c["type"] != "consensus" and c["claimant_iris"]
        ]
        if claimed:
            self.last = tuple(claimed[0]["claimant_iris"])
            return self.last
        if self.last:
            return self.last
        joint = self._joint(view, start, end, inside)
        if joint:
            self.pending = joint  # the speaker after, once the sentence states an event
            return joint
        return (self.home,) if self.home else ()

    def _joint(self, view: str, start: int, end: int, inside: list[Mention]) -> tuple[str, ...]:
        """Both sides, when the sentence opens with them ("The United States and China held",
        "中美…工作组…举行", "The two sides …")."""
        head = [m for m in inside if not m.modifier and m.kind in {"group", "state"}]
        if not head or not _OPENS.match(view[start : head[0].start]):
            return ()
        if head[0].kind == "group" and len(head[0].actors) == 2:
            return tuple(sorted(head[0].actors))
        if len(head) >= 2 and head[1].kind == "state" and _AND.match(
                view[head[0].end : head[1].start]):
            both = {*head[0].actors, *head[1].actors}
            return tuple(sorted(both)) if len(both) == 2 else ()
        return ()

    def accuser(self, speaker: tuple[str, ...]) -> tuple[str, ...]:
        """Who accuses: not the side accused. "The U.S. side says one thing …", "美方一再表示…，
        却…" name the accused speaking; the accuser is the speaker before, or the publisher."""
        if not speaker or any(self.kb.state_of(a) != a for a in speaker):
            return speaker
        for other in (self.before, self.label, (self.home,) if self.home else ()):
            if other and {self.kb.state_of(a) for a in other} - set(speaker):
                return other
        return speaker

    def _speaking(self, m: Mention) -> tuple[str, ...]:
        """The actors a speaking mention names (an organisation speaks for its state)."""
        if m.kind == "organization":
            state = self.kb.state_of(m.actors[0])
            return (state,) if state else tuple(m.actors)
        return tuple(m.actors)

    def restated(self, kind: str, start: int, end: int) -> Target | None:
        """A reaffirmation's target from restatement matching: the stored claim a claim the
        claim reader found in the span reiterates."""
        if kind != "reaffirmed":
            return None
        for c in self.claims:
            if c.get("reiterates_iri") and start <= c["start"] < end:
                return Target(claim=c["reiterates_iri"])
        return None


def _sentences(para: Paragraph) -> list[tuple[int, int]]:
    """(start, end) of a paragraph's sentences, offsets into the paragraph."""
    if para.zh:
        return zh_sentences(para.text)
    out = []
    for span in para.sentences:
        first = para.idxs[span.start]
        last = para.idxs[span.end - 1] + len(para.words[span.end - 1])
        out.append((first, last))
    return out


def _clause(sentence: str, at: int, zh: bool, body: int) -> tuple[int, int]:
    """The clause of ``sentence`` around offset ``at`` (not before ``body``)."""
    splitter = _CLAUSE_ZH if zh else _CLAUSE_EN
    bounds = [body, *(m.end() for m in splitter.finditer(sentence) if m.end() > body)]
    start = max(b for b in bounds if b <= at) if any(b <= at for b in bounds) else body
    ends = [m.start() for m in splitter.finditer(sentence) if m.start() > at]
    return start, ends[0] if ends else len(sentence)


def _trim(sentence: str, s: int, e: int) -> tuple[int, int]:
    while s < e and sentence[s] in _TRAILING:
        s += 1
    while e > s and sentence[e - 1] in _TRAILING:
        e -= 1
    return s, e


def _occasion(
    paras: list[Paragraph], dates: list[DateMention], day: dt.date | None
) -> dt.date | None:
    """The day the document's statements were made: the earliest date its lead (first four
    paragraphs: headline, dateline, first sentence) gives within ten days before the
    document's (the last day of a range: "January 26 to 27"), else the document's date."""
    if not paras:
        return day
    lead_end = paras[min(3, len(paras) - 1)].end
    found = []
    for mention in dates:
        if mention.start >= lead_end:
            break
        if mention.kind not in _CALENDAR:  # "on Saturday", "yesterday": what a question says
            continue
        when = mention.end_date or mention.date
        if day is None or dt.timedelta(0) <= day - when <= dt.timedelta(days=10):
            found.append(when)
    return min(found) if found else day
