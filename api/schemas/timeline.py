"""The timeline: one engagement or claim in date order."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from api.schemas.common import MeetingRef, Model, Ref


class TimelineEntry(Model):
    """An engagement or a claim on a timeline."""

    date: dt.date = Field(description="The day.", examples=["2023-06-19"])
    kind: Literal["meeting", "claim"] = Field(description="meeting or claim.", examples=["claim"])
    id: str = Field(
        description="Its slug, the last segment of its IRI.",
        examples=["2023-06-19--wang-yi--demand--stop-hyping-china-threat"],
    )
    iri: str = Field(
        description="Its IRI.",
        examples=["https://w3id.org/diplograph/id/meeting/2021-03-18-anchorage-dialogue"],
    )
    type: str = Field(description="The claim type or the engagement type.", examples=["demand"])
    label: str = Field(
        description="The claim's statement or the engagement's name.",
        examples=["The US should stop hyping the 'China threat' narrative."],
    )
    meeting: MeetingRef | None = Field(description="For a claim, where it was made.")
    claimant: Ref | None = Field(description="For a claim, who made it.")
