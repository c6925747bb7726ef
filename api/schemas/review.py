"""A reviewer's view of an extracted claim and the verdict on it (``/claims/{id}/review``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from api.schemas.common import ClaimType, Model

Action = Literal["accept", "reject", "correct"]
VERSION = "5f2c0d1e9a7b4c3d2e1f0a9b8c7d6e5f"
EXTRACTED = "2024-04-26-readout--demand--taiwan"


class ReviewState(Model):
    """An extracted claim as a reviewer decides on it, with the version a verdict must match."""

    id: str = Field(description="The claim's slug.", examples=[EXTRACTED])
    status: Literal["proposed", "reviewed"] = Field(
        description="proposed: as the extractor left it; reviewed: accepted or corrected.",
        examples=["proposed"],
    )
    version: str = Field(
        description="A hash of the claim's triples; it changes with any write to them. Also "
        "the answer's ETag: send it back as If-Match.",
        examples=[VERSION],
    )
    type: ClaimType = Field(description="The claim's type.", examples=["demand"])
    text: str = Field(
        description="The claim's statement.",
        examples=["Wang Yi demands: stop arming Taiwan"],
    )
    claimants: list[str] = Field(
        description="The ids of the actors who made the claim.", examples=[["wang-yi"]]
    )
    addressee: str | None = Field(
        description="The id of the actor it was addressed to, null for none.",
        examples=["antony-blinken"],
    )


class ReviewIn(Model):
    """A verdict: accept or reject the claim, or correct its type, claimants or addressee
    (those left out stay as they are; a correction also marks the claim reviewed)."""

    action: Action = Field(description="accept, reject or correct.", examples=["correct"])
    type: ClaimType | None = Field(
        None, description="correct: the new type.", examples=["commitment"]
    )
    claimant: list[str] | None = Field(
        None, max_length=20, description="correct: the ids of the claimants.",
        examples=[["wang-yi"]],
    )
    addressee: str | None = Field(
        None, max_length=300,
        description="correct: the id of the addressee; null (sent) removes it.",
        examples=["antony-blinken"],
    )


class ReviewConflict(Model):
    """A 409: the claim changed since the version sent; nothing was written."""

    detail: str = Field(
        description="What happened.",
        examples=["the claim changed since it was read; nothing was written"],
    )
    current: ReviewState | None = Field(
        description="The claim as it is now (null: it was rejected meanwhile)."
    )
