"""Bundles: the list item, and one bundle with its members in full."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from api.schemas.claims import Claim
from api.schemas.common import CLAIM_ID, TAIWAN, BundleRef, Model


class BundleMember(Model):
    """A member of a bundle: a claim or a sub-bundle, at its position."""

    position: int | None = Field(description="1-based place in the bundle.", examples=[1])
    kind: Literal["claim", "bundle", "other"] = Field(
        description="claim, or bundle for a sub-bundle.", examples=["claim"]
    )
    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[CLAIM_ID])
    iri: str = Field(
        description="Its IRI.", examples=[f"https://w3id.org/diplograph/id/claim/{CLAIM_ID}"]
    )
    label: str = Field(
        description="The claim's statement or the bundle's name.",
        examples=[TAIWAN],
    )


class Bundle(Model):
    """A named, ordered collection of claims."""

    id: str = Field(
        description="Its slug, the last segment of its IRI.",
        examples=["seven-point-common-understandings"],
    )
    iri: str = Field(
        description="Its IRI.",
        examples=["https://w3id.org/diplograph/id/bundle/seven-point-common-understandings"],
    )
    label: str = Field(
        description="Its English name.", examples=["the seven-point common understandings"]
    )
    description: str | None = Field(
        description="What the bundle is and where it comes from.",
        examples=[
            "The seven-point common understandings on the guiding principles of China-US relations."
        ],
    )
    part_of: BundleRef | None = Field(
        description="The bundle this one is a member of (the two lists)."
    )
    members: list[BundleMember] = Field(description="Members in order.")


class BundleMemberDetail(BundleMember):
    """A member with the whole claim, or the sub-bundle's own members."""

    claim: Claim | None = Field(description="The claim, for a claim member.")
    members: list[BundleMemberDetail] = Field(description="The members of a sub-bundle, in order.")


class BundleDetail(Bundle):
    """A bundle with its members' claims (and sub-bundles' members) in full."""

    members: list[BundleMemberDetail] = Field(description="Members in order, in full.")  # type: ignore[assignment]  # pydantic: the detail narrows members to their full form
