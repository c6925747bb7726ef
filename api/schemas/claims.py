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

SpeechMode = Literal["direct_quote", "translation", "reported_speech", "summary"]
Stance = Literal["affirms", "reports_other_side"]


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
    speech_mode: SpeechMode | None = Field(
        default=None,
        description=(
            "How the span gives the claim: direct_quote (the speaker's own words), translation "
            "(the speaker's words in another language, an interpreter's English), "
            "reported_speech (the reporter's account of what was said) or summary (the "
            "document's own digest). Null for extracted claims."
        ),
        examples=["translation"],
    )
    stance: Stance | None = Field(
        default=None,
        description=(
            "affirms: the document's side states the claim as its own position or agreement; "
            "reports_other_side: it gives a side's position without making it its own (a "
            "Chinese readout of Biden's commitments, the US transcript of Yang Jiechi's words)."
        ),
        examples=["affirms"],
    )
    relayed_by: Ref | None = Field(
        default=None,
        description="The briefer or spokesperson through whom this report relays the claimant.",
        examples=[{"id": "yang-tao", "label": "Yang Tao"}],
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
    date_on_or_before: dt.date | None = Field(
        default=None,
        description=(
            "For a claim whose occasion the text does not state (no meeting, no date): the "
            "latest day it can have been made, usually the reporting document's date."
        ),
        examples=[None],
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
        description=(
            "Ids of earlier claims stating the same position by the same side (any speaker of "
            "it) that this one restates."
        ),
        examples=[["2023-06-19--wang-yi--red-line--taiwan-core-of-core-interests"]],
    )
    same_speech_act: list[str] = Field(
        default_factory=list,
        description=(
            "Ids of other claims stated in the same utterance, whose spans overlap this one's "
            "on purpose (list items under one head, a red line and the demand it implies)."
        ),
        examples=[["2024-04-22--mfa-senior-official-north-american-affairs-2024--demand--"
                   "not-cross-red-line-taiwan"]],
    )
    affirmed_only_by: Ref | None = Field(
        default=None,
        description=(
            "On a consensus: the one side whose own documents affirm it, when no document of "
            "the other side does. A consensus stated by one side's readouts only."
        ),
        examples=[None],
    )
    objects_to: list[Ref] = Field(
        default_factory=list,
        description="The measures of the other side that this demand or red line objects to.",
        examples=[[]],
    )
    refers_to: list[Ref] = Field(
        default_factory=list,
        description="The named bundles this claim invokes as a whole (id = bundle slug).",
        examples=[[]],
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
