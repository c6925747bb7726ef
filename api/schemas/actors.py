"""Actors: the list item, and one actor with its posts and engagements."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from api.schemas.common import ANCHORAGE, ActorType, MeetingType, Model, Name, Ref


class Actor(Model):
    """A person, state or organisation."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=["wang-yi"])
    iri: str = Field(
        description="Its IRI.", examples=["https://w3id.org/diplograph/id/actor/wang-yi"]
    )
    type: ActorType = Field(description="person, state or organization.", examples=["person"])
    label: str = Field(description="The English name.", examples=["Wang Yi"])
    aliases: list[Name] = Field(
        description="Other names and names in other languages.",
        examples=[[{"label": "王毅", "lang": "zh"}, {"label": "왕이", "lang": "ko"}]],
    )
    country: str | None = Field(
        description="Slug of the state it belongs to and speaks for.", examples=["china"]
    )
    description: str | None = Field(
        default=None,
        description="A note on who this is, when the data has one.",
        examples=["The unnamed official who briefed the media on 22 April 2024."],
    )


class PostHeld(Model):
    """A post an actor held over an interval."""

    id: str = Field(
        description="The holding's slug.",
        examples=["wang-yi--central-foreign-affairs-commission-office-director--2023"],
    )
    post: str = Field(
        description="The post's slug.",
        examples=["central-foreign-affairs-commission-office-director"],
    )
    title: str = Field(
        description="Its title (a post's or a document's).",
        examples=["Director of the Office of the Central Foreign Affairs Commission"],
    )
    organization: Ref | None = Field(
        description="The organisation or state in which the post exists.",
        examples=[
            {
                "id": "office-of-the-central-foreign-affairs-commission",
                "label": "Office of the Central Foreign Affairs Commission",
            }
        ],
    )
    start: dt.date | None = Field(description="First day held.", examples=["2023-01-01"])
    end: dt.date | None = Field(
        description="Last day held; null while still held.", examples=[None]
    )


class MeetingBrief(Model):
    """An engagement in a list of an actor's meetings."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[ANCHORAGE])
    type: MeetingType = Field(
        description="The kind of engagement.", examples=["strategic_dialogue"]
    )
    label: str = Field(
        description="Its English name.", examples=["Anchorage high-level strategic dialogue"]
    )
    date: dt.date | None = Field(
        description="The day (the first day of an engagement); null when unknown.",
        examples=["2021-03-18"],
    )
    end_date: dt.date | None = Field(
        description="The last day, when longer than one.", examples=["2021-03-19"]
    )


class ActorDetail(Actor):
    """An actor with the posts it held and the engagements it took part in."""

    posts: list[PostHeld] = Field(description="Posts held, oldest first.")
    meetings: list[MeetingBrief] = Field(
        description="Engagements taken part in (as a person or a side), oldest first."
    )
