"""Engagements: the list item, one engagement in full, and its claims side by side."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from api.schemas.claims import Claim, SpeechMode, Stance
from api.schemas.common import (
    ANCHORAGE,
    CLAIM_ID,
    TAIWAN,
    ClaimType,
    DocumentRef,
    MeetingRef,
    MeetingType,
    Model,
    Ref,
)


class Title(Model):
    """A post a participant held on the day of an engagement."""

    post: str = Field(description="The post's slug.", examples=["us-secretary-of-state"])
    title: str = Field(
        description="Its title (a post's or a document's).", examples=["Secretary of State"]
    )
    organization: Ref | None = Field(
        description="The organisation or state in which the post exists.",
        examples=[{"id": "us-department-of-state", "label": "U.S. Department of State"}],
    )


class Participant(Model):
    """A person who took part, with the titles held that day."""

    id: str = Field(
        description="Its slug, the last segment of its IRI.", examples=["antony-blinken"]
    )
    label: str = Field(description="Its English name.", examples=["Antony Blinken"])
    titles: list[Title] = Field(description="The posts held on the engagement's first day.")


class Meeting(Model):
    """An engagement: summit, call, dialogue, meeting, visit, briefing..."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[ANCHORAGE])
    iri: str = Field(
        description="Its IRI.", examples=[f"https://w3id.org/diplograph/id/meeting/{ANCHORAGE}"]
    )
    type: MeetingType = Field(
        description="The kind of engagement.", examples=["strategic_dialogue"]
    )
    label: str = Field(
        description="Its English name.", examples=["Anchorage high-level strategic dialogue"]
    )
    description: str | None = Field(
        default=None,
        description="A note on the engagement.",
        examples=["China–U.S. high-level strategic dialogue, 18–19 March 2021 local time."],
    )
    date: dt.date | None = Field(description="The first day.", examples=["2021-03-18"])
    end_date: dt.date | None = Field(
        description="The last day, when longer than one.",
        examples=["2021-03-19"],
    )
    place: Ref | None = Field(
        description="Where it took place.", examples=[{"id": "anchorage", "label": "Anchorage"}]
    )
    participants: list[Participant] = Field(
        description="Who took part, with their titles that day."
    )
    sides: list[Ref] = Field(
        description="The states taking part as sides.",
        examples=[
            [{"id": "china", "label": "China"}, {"id": "united-states", "label": "United States"}]
        ],
    )
    host: Ref | None = Field(
        description="Who hosted or invited.",
        examples=[{"id": "united-states", "label": "United States"}],
    )
    part_of: MeetingRef | None = Field(description="The larger engagement (a visit) it belongs to.")
    follows_up: list[MeetingRef] = Field(
        description="Earlier engagements whose outcomes it continues."
    )


class ClaimsByType(Model):
    """Claims grouped by their type."""

    demand: list[Claim] = Field(default_factory=list, description="Demands.")
    red_line: list[Claim] = Field(default_factory=list, description="Red lines.")
    commitment: list[Claim] = Field(default_factory=list, description="Commitments.")
    consensus: list[Claim] = Field(default_factory=list, description="Consensus.")


class MeetingDetail(Meeting):
    """An engagement with its parts, follow-ups, claims and the documents that report it."""

    parts: list[MeetingRef] = Field(description="Engagements within it (the meetings of a visit).")
    followed_by: list[MeetingRef] = Field(description="Later engagements that follow it up.")
    claims: ClaimsByType = Field(description="The claims made there (and at its parts), by type.")
    documents: list[DocumentRef] = Field(description="The documents that report it or its claims.")


class Report(Model):
    """How one side's document reports a claim."""

    document: DocumentRef = Field(description="The document the span lies in.")
    quote: str = Field(description="The exact text of the span.", examples=["Taiwan"])
    start: int | None = Field(
        description="Code-point offset where the quote starts.", examples=[6314]
    )
    end: int | None = Field(description="Code-point offset just past its end.", examples=[6320])
    speech_mode: SpeechMode | None = Field(
        default=None,
        description="direct_quote, translation, reported_speech or summary (see Evidence).",
        examples=["reported_speech"],
    )
    stance: Stance | None = Field(
        default=None,
        description=(
            "affirms (this side states the claim as its own or as agreed) or "
            "reports_other_side (it gives the other side's position)."
        ),
        examples=["affirms"],
    )


class ClaimBrief(Model):
    """A claim in a side-by-side comparison."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[CLAIM_ID])
    type: ClaimType = Field(
        description="demand, red_line, commitment or consensus.", examples=["red_line"]
    )
    text: str = Field(
        description="The normalised one-line statement, in English.", examples=[TAIWAN]
    )
    claimant: Ref | None = Field(default=None, description="Who made it.")
    addressee: Ref | None = Field(default=None, description="To whom.")
    affirmed_only_by: Ref | None = Field(
        default=None,
        description="On a consensus only one side's documents affirm: that side.",
        examples=[{"id": "china", "label": "China"}],
    )
    date: dt.date | None = Field(
        description="The day (the first day of an engagement); null when unknown.",
        examples=["2024-04-22"],
    )


class SideRow(Model):
    """One claim, with what each side's documents say of it."""

    claim: ClaimBrief = Field(description="The claim.")
    reports: dict[str, list[Report]] = Field(
        description="Reports keyed by the slug of the reporting side."
    )
    reported_by_sides: list[str] = Field(
        description="Slugs of the sides that report it.", examples=[["china"]]
    )
    one_side_only: bool = Field(
        description="True when exactly one side reports it.", examples=[True]
    )
    affirmed_by_sides: list[str] = Field(
        default_factory=list,
        description=(
            "Slugs of the sides whose reports affirm the claim (stance affirms); a consensus "
            "with one slug here is stated by one side's readouts only."
        ),
        examples=[["china"]],
    )


class SideSummary(Model):
    """One side of an engagement: its documents and how much only it reports."""

    side: Ref = Field(description="The state.", examples=[{"id": "china", "label": "China"}])
    documents: list[DocumentRef] = Field(
        description="This side's documents that report the engagement's claims."
    )
    claims: int = Field(description="Claims this side reports.", examples=[42])
    only_this_side: int = Field(description="Claims only this side reports.", examples=[30])


class MeetingSides(Model):
    """An engagement's claims as each side reports them, side by side."""

    meeting: MeetingRef = Field(description="The engagement.")
    sides: list[SideSummary] = Field(description="Each side: its documents and counts.")
    reported_by_several_sides: int = Field(
        description="Claims more than one side reports.", examples=[5]
    )
    reported_by_no_side: int = Field(
        description="Claims no side's document reports (public record, third-party summaries).",
        examples=[0],
    )
    rows: list[SideRow] = Field(description="Every claim of the engagement, newest first.")
