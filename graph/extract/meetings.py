"""Linking a claim to the engagement where it was made, or creating that engagement.

An engagement fits a claim when its dates cover a date the claim's sentence (or paragraph, or
the document's lead) gives, and the claimant took part in it (or, for consensus, both sides
did). When the document reports a meeting the graph does not know ("X met with Y in Z on
Monday"), a new engagement is created from the date, the participants and the place.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from graph.extract.dates import DateMention
from graph.extract.kb import Engagement, KnowledgeBase, slug_of
from graph.extract.linking import Mention
from graph.namespaces import entity_iri

#: Engagement types by the words that report them, most specific first.
_KINDS = [
    (
        "Call",
        re.compile(
            r"\b(phone|video|telephone)\s+(call|conversation|talks?)\b|\bspoke\b.*\bon the phone\b",
            re.I,
        ),
    ),
    ("PressConference", re.compile(r"\bpress conference\b", re.I)),
    ("Briefing", re.compile(r"\bbriefed\b|\bbriefing\b", re.I)),
    ("StrategicDialogue", re.compile(r"\bstrategic dialogue\b", re.I)),
    ("Meeting", re.compile(r"\b(met|meets|meeting|held talks|talks|consultations?)\b", re.I)),
]
_CONTAINERS = {"Visit"}


@dataclass
class NewEngagement:
    slug: str
    type: str
    start: dt.date
    participants: list[str]
    sides: list[str]
    place: str | None
    label: str

    @property
    def iri(self) -> str:
        return entity_iri("meeting", self.slug)

    def as_engagement(self) -> Engagement:
        return Engagement(
            self.iri,
            self.type,
            self.start,
            self.start,
            self.place,
            set(self.participants),
            set(self.sides),
        )


@dataclass
class MeetingLinker:
    kb: KnowledgeBase
    day: dt.date | None
    dates: list[DateMention]
    created: NewEngagement | None = None
    engagements: list[Engagement] = field(default_factory=list)
    #: ``_reached``'s answers, by the dates asked and how many engagements there were
    _reach: dict[tuple[tuple[tuple[dt.date, bool], ...], int],
                 list[tuple[Engagement, dt.date]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Only engagements on (or, for "last November", in the month of) a date the document
        # names or its own date can be linked: the others are left out once here rather than
        # skipped for every claim (thousands of them in a large store).
        days = [d.date for d in self.dates] + ([self.day] if self.day else [])
        months = {(d.year, d.month) for d in days}
        self.engagements = [
            e for e in self.kb.engagements_in(months)
            if (e.start.year, e.start.month) in months or any(e.covers(d) for d in days)
        ]

    def lead_date(self) -> dt.date | None:
        """The date of what the document reports: the first date at or before its date."""
        for d in self.dates:
            if self.day is None or d.date <= self.day:
                return d.date
        return self.day

    def create(self, sentences: list[tuple[str, list[Mention]]]) -> None:
        """A new engagement for the meeting the lead reports, when the graph has none.

        The first lead sentence that reports an engagement ("X met with Y", "phone call",
        "briefed the media") gives its kind, participants and place; an engagement of the graph
        that covers the date and shares a participant is the same one, so nothing is created.
        """
        day = self.lead_date()
        if day is None:
            return
        for text, mentions in sentences:
            kind = next((k for k, rx in _KINDS if rx.search(text)), None)
            if kind is None:
                continue
            persons = list(
                dict.fromkeys(m.actors[0] for m in mentions if m.kind == "person" and m.actors)
            )
            needed = 1 if kind in {"Briefing", "PressConference"} else 2
            if len(persons) < needed:
                continue
            if any(e.covers(day) and set(persons) & e.participants for e in self.engagements):
                return
            places = [m.actors[0] for m in mentions if m.kind == "place" and m.actors]
            self._new(kind, day, persons, places[0] if places else None)
            return

    def _new(self, kind: str, day: dt.date, persons: list[str], place: str | None) -> None:
        sides = sorted({s for p in persons if (s := self.kb.state_of(p))})
        names = "-".join(slug_of(p) for p in persons[:2])
        slug = f"{day.isoformat()}-{names}-{re.sub(r'(?<!^)(?=[A-Z])', '-', kind).lower()}"
        while entity_iri("meeting", slug) in self.kb.iris:
            slug += "-x"
        labels = [
            self.kb.actors[p].label if p in self.kb.actors else slug_of(p) for p in persons[:2]
        ]
        self.created = NewEngagement(
            slug,
            kind,
            day,
            persons,
            sides,
            place,
            f"{' – '.join(labels)} {re.sub(r'(?<!^)(?=[A-Z])', ' ', kind).lower()}",
        )
        self.engagements.append(self.created.as_engagement())

    def link(
        self, claimants: tuple[str, ...], consensus: bool, context: list[DateMention]
    ) -> tuple[str | None, dt.date | None]:
        """(engagement IRI, claim date) for a claim, the date within the engagement.

        The dates named near the claim come first ("last November": any day of that month);
        without any, the date of what the document reports.
        """
        lead = self.lead_date()
        dates = [(d.date, d.kind == "month") for d in context]
        found = self._best(claimants, consensus, dates)
        if found[0] is None and lead is not None:
            found = self._best(claimants, consensus, [(lead, False)])
        if found[0] is None:
            return None, dates[0][0] if dates else lead
        return found

    def _best(
        self, claimants: tuple[str, ...], consensus: bool, dates: list[tuple[dt.date, bool]]
    ) -> tuple[str | None, dt.date | None]:
        best, best_score, best_day = None, 0.0, None
        states = {self.kb.state_of(c) or c for c in claimants}
        for e, day in self._reached(dates):
            score = 0.0
            if consensus:
                score += 3 if states <= e.sides else 0
            elif all(c in self.kb.states() for c in claimants):
                score += 3 if states <= e.sides else 0  # a state speaks at what it attends
            else:
                score += 3 if set(claimants) & e.participants else 0
                score += 1 if states & e.sides else 0
            if score < 3:
                continue
            score += 0.5 if e.type not in _CONTAINERS else 0
            score += 0.25 if e.part_of else 0
            if score > best_score:
                best, best_score, best_day = e.iri, score, day
        return best, best_day

    def _reached(self, dates: list[tuple[dt.date, bool]]) -> list[tuple[Engagement, dt.date]]:
        """Each engagement one of ``dates`` points at, with the day it points at (the first
        such date's), in table order. Most of a document's claims ask with the same dates (its
        lead's): asked once per set, not once per claim, of hundreds of engagements at 1M
        triples (a fifth of an extraction's time)."""
        key = (tuple(dates), len(self.engagements))
        found = self._reach.get(key)
        if found is None:
            found = []
            for e in self.engagements:
                day = next((d for d in (_within(e, d, m) for d, m in dates) if d), None)
                if day is not None:
                    found.append((e, day))
            self._reach[key] = found
        return found


def _within(e: Engagement, day: dt.date, month: bool) -> dt.date | None:
    """The day of ``e`` that a date (or, for "last November", a month) points at, if any."""
    if not month:
        return day if e.covers(day) else None
    first = e.start if (e.start.year, e.start.month) == (day.year, day.month) else None
    return first
