"""Claims: the list item, its evidence, and one claim with its reiteration history."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from api.schemas.common import (
    CLAIM_ID,
    TAIWAN,
    XINHUA,
    XINHUA_TITLE,
    BundleRef,
    ClaimType,
    DocumentRef,
    MeetingRef,
    Model,
    Ref,
)


class Evidence(Model):
    """One report of a claim: the exact span of a document that states it."""

    id: str = Field(description="The evidence node's slug.", examples=[f"{CLAIM_ID}--xinhua-1"])
    document: DocumentRef = Field(description="The document the span lies in.")
    side: Ref | None = Field(
        description="The state whose account this is (the reporting side).",
        examples=[{"id": "china", "label": "China"}],
    )
    quote: str = Field(
        description="The exact text of the span.",
        examples=["Taiwan"],
    )
    start: int | None = Field(
        description="Code-point offset of the quote's first character in the document text.",
        examples=[6314],
    )
    end: int | None = Field(
        description="Code-point offset just past its last character.", examples=[6320]
    )


class Claim(Model):
    """A demand, red line, commitment or consensus: who said it, to whom, where, who reports it."""

    id: str = Field(description="The claim's slug.", examples=[CLAIM_ID])
    iri: str = Field(
        description="The claim's IRI.",
        examples=[f"https://w3id.org/diplograph/id/claim/{CLAIM_ID}"],
    )
    type: ClaimType = Field(
        description="demand, red_line, commitment or consensus.", examples=["red_line"]
    )
    text: str = Field(
        description="The normalised one-line statement, in English.",
        examples=[TAIWAN],
    )
    claimant: Ref | None = Field(
        description="Who made the claim (the first of several for a consensus; see claimants).",
        examples=[{"id": "wang-yi", "label": "Wang Yi"}],
    )
    claimants: list[Ref] = Field(description="Every claimant: both states for a consensus.")
    addressee: Ref | None = Field(
        description="To whom it was addressed (the first of several).",
        examples=[{"id": "united-states", "label": "United States"}],
    )
    addressees: list[Ref] = Field(description="Every addressee.")
    topics: list[Ref] = Field(
        description="What the claim is about.", examples=[[{"id": "taiwan", "label": "Taiwan"}]]
    )
    meeting: MeetingRef | None = Field(description="The engagement at which it was made.")
    date: dt.date | None = Field(
        description="The day it was made; null when the sources give none.",
        examples=["2024-04-22"],
    )
    reported_by: list[Ref] = Field(
        description="The documents that report it (label = title).",
        examples=[
            [
                {
                    "id": XINHUA,
                    "label": XINHUA_TITLE,
                }
            ]
        ],
    )
    reporting_sides: list[Ref] = Field(
        description="The states whose accounts report it (the sides of its evidence).",
        examples=[[{"id": "china", "label": "China"}]],
    )
    evidence: list[Evidence] = Field(
        description="Each report of it: document, side, exact quote and offsets."
    )
    reiterates: list[str] = Field(
        description="Ids of earlier claims of the same content and claimant that it repeats.",
        examples=[["2023-06-19--wang-yi--red-line--taiwan-core-of-core-interests"]],
    )
    bundle: BundleRef | None = Field(
        description="The named bundle it belongs to, with its position."
    )
    origin: str | None = Field(
        description="curated (by hand) or extracted (by the pipeline).", examples=["curated"]
    )
    cameo: str | None = Field(description="CAMEO event code.", examples=["13"])
    plover: str | None = Field(description="PLOVER event type.", examples=["THREATEN"])
    negated: bool | None = Field(
        description="True when stated negatively (does not support...).", examples=[None]
    )
    confidence: float | None = Field(
        description="The extractor's confidence, for extracted claims.", examples=[None]
    )


class HistoryItem(Model):
    """One claim of a reiteration chain."""

    id: str = Field(
        description="Its slug, the last segment of its IRI.",
        examples=["2023-06-19--wang-yi--red-line--taiwan-core-of-core-interests"],
    )
    type: ClaimType = Field(
        description="demand, red_line, commitment or consensus.", examples=["red_line"]
    )
    text: str = Field(
        description="The normalised one-line statement, in English.",
        examples=["The Taiwan question is at the core of China's core interests."],
    )
    date: dt.date | None = Field(
        description="The day (the first day of an engagement); null when unknown.",
        examples=["2023-06-19"],
    )
    claimant: Ref | None = Field(
        description="Who made it.", examples=[{"id": "wang-yi", "label": "Wang Yi"}]
    )
    meeting: MeetingRef | None = Field(default=None, description="Where it was made.")
    relation: Literal["earlier", "this", "later"] = Field(
        description=(
            "earlier: this claim reiterates it; later: it reiterates this claim; "
            "this: the claim asked for."
        ),
        examples=["earlier"],
    )


class ClaimDetail(Claim):
    """One claim, with the chain of claims it reiterates and that reiterate it."""

    history: list[HistoryItem] = Field(
        description="The reiteration chain both ways, in date order, this claim included."
    )
