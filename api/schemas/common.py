"""What every family shares: the enumerations, the example ids, the base model, the error
body and the small references (a resource by id and name).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ClaimType = Literal["demand", "red_line", "commitment", "consensus"]
ActorType = Literal["person", "state", "organization"]
MeetingType = Literal[
    "summit",
    "call",
    "strategic_dialogue",
    "meeting",
    "visit",
    "press_conference",
    "briefing",
    "letter_exchange",
]
SearchKind = Literal["actor", "topic", "meeting", "bundle", "document", "claim"]
#: The order of a claim list: ``-date`` newest first, ``date`` oldest first.
ClaimSort = Literal["-date", "date"]

#: Ids and texts of the bundled data that the fields show as examples.
CLAIM_ID = "2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"
ANCHORAGE = "2021-03-18-anchorage-dialogue"
XINHUA = "2024-04-24-xinhua-mfa-official-briefing"
XINHUA_TITLE = (
    "Chinese foreign ministry official on US secretary of state's upcoming visit to China"
)
TAIWAN = "The Taiwan question is the first red line that must not be crossed in China-US relations."


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorMessage(Model):
    """What a 404 (or other refusal) says."""

    detail: str = Field(description="What was wrong.", examples=["no actor with id 'wang-yee'"])


class Ref(Model):
    """A linked resource by id, with its English name."""

    id: str = Field(
        description="The resource's slug, the last segment of its IRI.",
        examples=["wang-yi"],
    )
    label: str = Field(
        description="Its English name (another language when it has none).",
        examples=["Wang Yi"],
    )


class Name(Model):
    """A name in one language."""

    label: str = Field(description="The name as written.", examples=["王毅"])
    lang: str | None = Field(
        description="Its BCP 47 language tag, null when untagged.", examples=["zh"]
    )


class MeetingRef(Model):
    """An engagement by id, with its name and first day."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[ANCHORAGE])
    label: str = Field(
        description="Its English name.", examples=["Anchorage high-level strategic dialogue"]
    )
    date: dt.date | None = Field(description="The first day.", examples=["2021-03-18"])


class DocumentRef(Model):
    """A source document by id, with what identifies it to a reader."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[XINHUA])
    title: str = Field(
        description="Its title (a post's or a document's).",
        examples=[
            "Chinese foreign ministry official on US secretary of state's upcoming visit to China"
        ],
    )
    publisher: str | None = Field(
        description="The publisher as the text names it.", examples=["Xinhua"]
    )
    url: str | None = Field(description="Where it was published, when known.", examples=[None])


class BundleRef(Model):
    """The named bundle a claim (or a bundle) belongs to, and its place there."""

    id: str = Field(
        description="Its slug, the last segment of its IRI.", examples=["2024-04-red-lines"]
    )
    label: str = Field(description="Its English name.", examples=["the red lines of April 2024"])
    position: int | None = Field(
        description="1-based place in the bundle (the first red line is 1).",
        examples=[1],
    )
