"""Source documents: the list item, and one document with its text and claims."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from api.schemas.claims import Claim
from api.schemas.common import XINHUA, MeetingRef, Model, Ref


class Document(Model):
    """A source document (its text only in the single-document answer)."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[XINHUA])
    iri: str = Field(
        description="Its IRI.", examples=[f"https://w3id.org/diplograph/id/document/{XINHUA}"]
    )
    title: str = Field(
        description="Its title (a post's or a document's).",
        examples=[
            "Chinese foreign ministry official on US secretary of state's upcoming visit to China"
        ],
    )
    publisher: str | None = Field(
        description="The publisher as the text names it.", examples=["Xinhua"]
    )
    publisher_actor: Ref | None = Field(
        description="The publisher as an actor of the graph.",
        examples=[{"id": "xinhua", "label": "Xinhua News Agency"}],
    )
    date: dt.date | None = Field(description="Publication date.", examples=["2024-04-24"])
    url: str | None = Field(description="Where it was published, when known.", examples=[None])
    languages: list[str] = Field(description="Languages of its text (BCP 47).", examples=[["en"]])
    description: str | None = Field(
        description="A note on the document.",
        examples=["The text has no headline; the title is descriptive."],
    )
    reports_on: list[MeetingRef] = Field(description="Engagements it gives an account of.")
    claim_count: int = Field(description="Claims it reports.", examples=[97])
    has_text: bool = Field(description="Whether the graph holds its full text.", examples=[True])
    file_name: str | None = Field(
        description="The corpus file holding its text.", examples=["003_619e916fe3e550e1.txt"]
    )
    sha256: str | None = Field(
        description="SHA-256 of its text, hex.",
        examples=["14a067d07a860bc18a152cbcd4d7711795653e8935ab4e5dc45b91089b8203a5"],
    )


class DocumentDetail(Document):
    """A document with its full text and the claims it reports, in reading order."""

    text: str | None = Field(
        description="The full text, byte for byte as published (null without corpus text).",
        examples=["BEIJING, April 24 (Xinhua) -- …"],
    )
    claims: list[Claim] = Field(
        description="The claims it reports, in the order their evidence appears."
    )
