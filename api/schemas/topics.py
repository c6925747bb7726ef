"""Topics: the list item with its claim count, and one topic with a page of its claims."""

from __future__ import annotations

from pydantic import Field

from api.pagination import Page
from api.schemas.claims import Claim
from api.schemas.common import Model, Name, Ref


class Topic(Model):
    """A concept of the topic scheme."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=["taiwan"])
    iri: str = Field(
        description="Its IRI.", examples=["https://w3id.org/diplograph/id/topic/taiwan"]
    )
    label: str = Field(description="Its English name.", examples=["Taiwan"])
    aliases: list[Name] = Field(
        description="Other names and keywords.", examples=[[{"label": "台湾", "lang": "zh"}]]
    )
    definition: str | None = Field(
        description="What the topic covers.",
        examples=["Taiwan and the one-China principle and policy."],
    )
    broader: Ref | None = Field(description="The broader topic, if any.")
    narrower: list[Ref] = Field(description="Narrower topics.")
    claim_count: int = Field(description="Claims about it or a narrower topic.", examples=[33])


class TopicDetail(Topic):
    """A topic with one page of its claims (newest first; ``limit`` and ``offset`` page them)."""

    claims: Page[Claim] = Field(description="Claims about the topic or a narrower one.")
