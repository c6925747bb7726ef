"""The commitment ledger: status events, a derived status, one claim's or bundle's ledger."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from api.schemas.bundles import Bundle
from api.schemas.claims import Claim, Evidence
from api.schemas.common import Model, Ref

StatusKind = Literal[
    "reaffirmed",
    "implemented",
    "accused_of_breach",
    "disputed",
    "superseded",
    "withdrawn",
    "moot",
]
Via = Literal["about", "about_member", "as_member", "via_bundle"]

EVENT_ID = (
    "2024-04-22--mfa-senior-official-north-american-affairs-2024--accused-of-breach--"
    "biden-four-noes-one-no-intention"
)
BIDEN_BUNDLE = "biden-four-noes-one-no-intention"
TAIWAN_COMMITMENT = "undated--joe-biden--commitment--not-support-taiwan-independence"


class TargetRef(Model):
    """What a status event is about: a claim, a bundle or a measure."""

    kind: Literal["claim", "bundle", "measure", "other"] = Field(
        description="claim, bundle or measure.", examples=["bundle"]
    )
    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[BIDEN_BUNDLE])
    iri: str = Field(
        description="Its IRI.",
        examples=[f"https://w3id.org/diplograph/id/bundle/{BIDEN_BUNDLE}"],
    )
    label: str = Field(
        description="A claim's statement, or a bundle's or measure's name.",
        examples=["President Biden's four noes and one no-intention"],
    )


class StatusEvent(Model):
    """A dated, evidenced statement of what became of a claim, a bundle or a measure."""

    id: str = Field(description="The event's slug.", examples=[EVENT_ID])
    iri: str = Field(
        description="The event's IRI.",
        examples=[f"https://w3id.org/diplograph/id/event/{EVENT_ID}"],
    )
    kind: StatusKind = Field(
        description=(
            "reaffirmed (a party restates its own commitment), implemented (an act carrying it "
            "out), accused_of_breach (a side says it was not honoured), disputed, superseded "
            "(a later claim replaces it), withdrawn or moot (its object ceased)."
        ),
        examples=["accused_of_breach"],
    )
    date: dt.date | None = Field(
        description="The day the side asserted it (not the day of the act it reports).",
        examples=["2024-04-22"],
    )
    statement: str = Field(
        description="A normalised one-line statement, in English.",
        examples=[
            "The Chinese side says the US has not honoured President Biden's commitments and "
            "continues to contain and suppress China."
        ],
    )
    target: TargetRef | None = Field(description="The claim, bundle or measure it is about.")
    member: TargetRef | None = Field(
        description="The bundle member it concerns, when the text names one.",
        examples=[None],
    )
    asserted_by: list[Ref] = Field(
        description="Who says so: the speaker, or the state when no speaker is named.",
        examples=[
            [
                {
                    "id": "mfa-senior-official-north-american-affairs-2024",
                    "label": "Senior official of the MFA Department of North American and "
                    "Oceanian Affairs",
                }
            ]
        ],
    )
    evidence: list[Evidence] = Field(
        description="The exact spans of the documents that state it, with code-point offsets."
    )
    superseded_by: TargetRef | None = Field(
        description="For a superseded event, the later claim that replaces the target.",
        examples=[None],
    )
    origin: str | None = Field(
        description="curated (by hand) or extracted (by the pipeline).", examples=["curated"]
    )
    confidence: float | None = Field(
        description="The extractor's confidence, for extracted events.", examples=[None]
    )
    review_status: str | None = Field(
        description="proposed or reviewed, for extracted events.", examples=[None]
    )


class ConcerningEvent(StatusEvent):
    """A status event in a ledger, with how it concerns the ledger's claim or bundle."""

    via: Via = Field(
        description=(
            "about: the event is about it as a whole; as_member: about a bundle it is in, "
            "naming it; via_bundle: about a bundle holding it, as a whole; about_member: about "
            "it (a bundle), naming one of its members (not counted in its own status)."
        ),
        examples=["via_bundle"],
    )


class KindLatest(Model):
    """The latest event of one kind."""

    date: dt.date = Field(description="Its day.", examples=["2024-04-22"])
    event: str = Field(description="The event's id.", examples=[EVENT_ID])


class Status(Model):
    """The status derived as of a day: the kind of the latest event then (never stored)."""

    kind: StatusKind | Literal["stated"] = Field(
        description="The latest event's kind, or stated when none had happened by then.",
        examples=["accused_of_breach"],
    )
    since: dt.date | None = Field(description="The latest event's day.", examples=["2024-04-22"])
    event: str | None = Field(description="The latest event's id.", examples=[EVENT_ID])
    latest_by_kind: dict[StatusKind, KindLatest] = Field(
        description="The latest event of each kind that had happened by then.",
        examples=[{"accused_of_breach": {"date": "2024-04-22", "event": EVENT_ID}}],
    )


class Restatement(Claim):
    """A claim of the same reiteration chain, earlier or later."""

    relation: Literal["earlier", "later"] = Field(
        description="earlier: it restates this one (or one before); later: this one restates it.",
        examples=["earlier"],
    )


class ClaimLedger(Model):
    """What became of one claim: the claim, its restatements and status events up to a day."""

    claim: Claim = Field(description="The claim.")
    as_of: dt.date = Field(description="The day the ledger stands at.", examples=["2024-04-26"])
    status: Status = Field(description="The claim's status as of that day.")
    restatements: list[Restatement] = Field(
        description="The claims of its reiteration chain made by then, in date order."
    )
    events: list[ConcerningEvent] = Field(
        description="The status events that concern it, up to that day, in date order."
    )


class LedgerMember(Model):
    """A member of a bundle (sub-bundles' members included) with its status."""

    bundle: str = Field(
        description="The id of the bundle it is directly in.", examples=["two-lists-wrongdoings"]
    )
    position: int | None = Field(description="1-based place in that bundle.", examples=[8])
    kind: Literal["claim", "bundle", "other"] = Field(
        description="claim, or bundle for a sub-bundle.", examples=["claim"]
    )
    id: str = Field(
        description="Its slug.",
        examples=["2021-07-26--xie-feng--demand--withdraw-meng-wanzhou-extradition-request"],
    )
    iri: str = Field(
        description="Its IRI.",
        examples=[
            "https://w3id.org/diplograph/id/claim/"
            "2021-07-26--xie-feng--demand--withdraw-meng-wanzhou-extradition-request"
        ],
    )
    label: str = Field(
        description="The claim's statement or the sub-bundle's name.",
        examples=["The US should withdraw its extradition request for Meng Wanzhou."],
    )
    depth: int = Field(description="0 for a direct member, 1 under a sub-bundle...", examples=[1])
    status: Status = Field(description="Its status as of the ledger's day.")


class BundleLedger(Model):
    """What became of a bundle and of each of its members, up to a day."""

    bundle: Bundle = Field(description="The bundle, members in order.")
    as_of: dt.date = Field(description="The day the ledger stands at.", examples=["2024-04-26"])
    status: Status = Field(description="The bundle's status as a whole as of that day.")
    events: list[ConcerningEvent] = Field(
        description=(
            "The status events about the bundle (those naming a member included) or about the "
            "bundles holding it, up to that day, in date order."
        )
    )
    members: list[LedgerMember] = Field(
        description="Every member, sub-bundles' members after their sub-bundle, with its status."
    )
