"""Search: one resource whose name matches."""

from __future__ import annotations

from pydantic import Field

from api.schemas.common import Model, SearchKind


class SearchHit(Model):
    """A resource whose name matches the search."""

    kind: SearchKind = Field(description="What kind of resource it is.", examples=["actor"])
    id: str = Field(description="Its slug, the last segment of its IRI.", examples=["wang-yi"])
    iri: str = Field(
        description="Its IRI.", examples=["https://w3id.org/diplograph/id/actor/wang-yi"]
    )
    label: str = Field(description="Its display name.", examples=["Wang Yi"])
    matched: str = Field(description="The name or text that matched.", examples=["王毅"])
    lang: str | None = Field(description="The language of the matched name.", examples=["zh"])
    path: str = Field(description="Where the REST API serves it.", examples=["/actors/wang-yi"])
