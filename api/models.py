"""Response models of the REST API: the public contract, documented field by field (the request
body of an ingest, with its limits, is in ``api/routers/ingest.py``).

Field names are the contract of issue 4 (``claimant``, ``reported_by``, ``evidence``...); fields
added beside them (``claimants``, ``reporting_sides``...) only ever add, never rename.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.pagination import Page
from graph import __version__, traverse

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

_CLAIM_ID = "2024-04-22--mfa-senior-official-north-american-affairs-2024--red-line--taiwan"
_ANCHORAGE = "2021-03-18-anchorage-dialogue"
_XINHUA = "2024-04-24-xinhua-mfa-official-briefing"
_XINHUA_TITLE = (
    "Chinese foreign ministry official on US secretary of state's upcoming visit to China"
)
_TAIWAN = (
    "The Taiwan question is the first red line that must not be crossed in China-US relations."
)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorMessage(Model):
    """What a 404 (or other refusal) says."""

    detail: str = Field(description="What was wrong.", examples=["no actor with id 'wang-yee'"])


# ---------------------------------------------------------------- small references


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

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[_ANCHORAGE])
    label: str = Field(
        description="Its English name.", examples=["Anchorage high-level strategic dialogue"]
    )
    date: dt.date | None = Field(description="The first day.", examples=["2021-03-18"])


class DocumentRef(Model):
    """A source document by id, with what identifies it to a reader."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[_XINHUA])
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


# ---------------------------------------------------------------- claims


class Evidence(Model):
    """One report of a claim: the exact span of a document that states it."""

    id: str = Field(description="The evidence node's slug.", examples=[f"{_CLAIM_ID}--xinhua-1"])
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

    id: str = Field(description="The claim's slug.", examples=[_CLAIM_ID])
    iri: str = Field(
        description="The claim's IRI.",
        examples=[f"https://w3id.org/diplograph/id/claim/{_CLAIM_ID}"],
    )
    type: ClaimType = Field(
        description="demand, red_line, commitment or consensus.", examples=["red_line"]
    )
    text: str = Field(
        description="The normalised one-line statement, in English.",
        examples=[_TAIWAN],
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
                    "id": _XINHUA,
                    "label": _XINHUA_TITLE,
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


# ---------------------------------------------------------------- actors


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

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[_ANCHORAGE])
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


# ---------------------------------------------------------------- meetings


class Title(Model):
    """A post a participant held on the day of an engagement."""

    post: str = Field(description="The post's slug.", examples=["us-secretary-of-state"])
    title: str = Field(
        description="Its title (a post's or a document's).", examples=["Secretary of State"]
    )
    organization: Ref | None = Field(
        description="The organisation or state in which the post exists.",
        examples=[{"id": "us-department-of-state", "label": "U.S. Department of State"}],
    )


class Participant(Model):
    """A person who took part, with the titles held that day."""

    id: str = Field(
        description="Its slug, the last segment of its IRI.", examples=["antony-blinken"]
    )
    label: str = Field(description="Its English name.", examples=["Antony Blinken"])
    titles: list[Title] = Field(description="The posts held on the engagement's first day.")


class Meeting(Model):
    """An engagement: summit, call, dialogue, meeting, visit, briefing..."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[_ANCHORAGE])
    iri: str = Field(
        description="Its IRI.", examples=[f"https://w3id.org/diplograph/id/meeting/{_ANCHORAGE}"]
    )
    type: MeetingType = Field(
        description="The kind of engagement.", examples=["strategic_dialogue"]
    )
    label: str = Field(
        description="Its English name.", examples=["Anchorage high-level strategic dialogue"]
    )
    description: str | None = Field(
        default=None,
        description="A note on the engagement.",
        examples=["China–U.S. high-level strategic dialogue, 18–19 March 2021 local time."],
    )
    date: dt.date | None = Field(description="The first day.", examples=["2021-03-18"])
    end_date: dt.date | None = Field(
        description="The last day, when longer than one.",
        examples=["2021-03-19"],
    )
    place: Ref | None = Field(
        description="Where it took place.", examples=[{"id": "anchorage", "label": "Anchorage"}]
    )
    participants: list[Participant] = Field(
        description="Who took part, with their titles that day."
    )
    sides: list[Ref] = Field(
        description="The states taking part as sides.",
        examples=[
            [{"id": "china", "label": "China"}, {"id": "united-states", "label": "United States"}]
        ],
    )
    host: Ref | None = Field(
        description="Who hosted or invited.",
        examples=[{"id": "united-states", "label": "United States"}],
    )
    part_of: MeetingRef | None = Field(description="The larger engagement (a visit) it belongs to.")
    follows_up: list[MeetingRef] = Field(
        description="Earlier engagements whose outcomes it continues."
    )


class ClaimsByType(Model):
    """Claims grouped by their type."""

    demand: list[Claim] = Field(default_factory=list, description="Demands.")
    red_line: list[Claim] = Field(default_factory=list, description="Red lines.")
    commitment: list[Claim] = Field(default_factory=list, description="Commitments.")
    consensus: list[Claim] = Field(default_factory=list, description="Consensus.")


class MeetingDetail(Meeting):
    """An engagement with its parts, follow-ups, claims and the documents that report it."""

    parts: list[MeetingRef] = Field(description="Engagements within it (the meetings of a visit).")
    followed_by: list[MeetingRef] = Field(description="Later engagements that follow it up.")
    claims: ClaimsByType = Field(description="The claims made there (and at its parts), by type.")
    documents: list[DocumentRef] = Field(description="The documents that report it or its claims.")


class Report(Model):
    """How one side's document reports a claim."""

    document: DocumentRef = Field(description="The document the span lies in.")
    quote: str = Field(description="The exact text of the span.", examples=["Taiwan"])
    start: int | None = Field(
        description="Code-point offset where the quote starts.", examples=[6314]
    )
    end: int | None = Field(description="Code-point offset just past its end.", examples=[6320])


class ClaimBrief(Model):
    """A claim in a side-by-side comparison."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[_CLAIM_ID])
    type: ClaimType = Field(
        description="demand, red_line, commitment or consensus.", examples=["red_line"]
    )
    text: str = Field(
        description="The normalised one-line statement, in English.", examples=[_TAIWAN]
    )
    claimant: Ref | None = Field(default=None, description="Who made it.")
    addressee: Ref | None = Field(default=None, description="To whom.")
    date: dt.date | None = Field(
        description="The day (the first day of an engagement); null when unknown.",
        examples=["2024-04-22"],
    )


class SideRow(Model):
    """One claim, with what each side's documents say of it."""

    claim: ClaimBrief = Field(description="The claim.")
    reports: dict[str, list[Report]] = Field(
        description="Reports keyed by the slug of the reporting side."
    )
    reported_by_sides: list[str] = Field(
        description="Slugs of the sides that report it.", examples=[["china"]]
    )
    one_side_only: bool = Field(
        description="True when exactly one side reports it.", examples=[True]
    )


class SideSummary(Model):
    """One side of an engagement: its documents and how much only it reports."""

    side: Ref = Field(description="The state.", examples=[{"id": "china", "label": "China"}])
    documents: list[DocumentRef] = Field(
        description="This side's documents that report the engagement's claims."
    )
    claims: int = Field(description="Claims this side reports.", examples=[42])
    only_this_side: int = Field(description="Claims only this side reports.", examples=[30])


class MeetingSides(Model):
    """An engagement's claims as each side reports them, side by side."""

    meeting: MeetingRef = Field(description="The engagement.")
    sides: list[SideSummary] = Field(description="Each side: its documents and counts.")
    reported_by_several_sides: int = Field(
        description="Claims more than one side reports.", examples=[5]
    )
    reported_by_no_side: int = Field(
        description="Claims no side's document reports (public record, third-party summaries).",
        examples=[0],
    )
    rows: list[SideRow] = Field(description="Every claim of the engagement, newest first.")


# ---------------------------------------------------------------- topics, bundles, documents


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


class BundleMember(Model):
    """A member of a bundle: a claim or a sub-bundle, at its position."""

    position: int | None = Field(description="1-based place in the bundle.", examples=[1])
    kind: Literal["claim", "bundle", "other"] = Field(
        description="claim, or bundle for a sub-bundle.", examples=["claim"]
    )
    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[_CLAIM_ID])
    iri: str = Field(
        description="Its IRI.", examples=[f"https://w3id.org/diplograph/id/claim/{_CLAIM_ID}"]
    )
    label: str = Field(
        description="The claim's statement or the bundle's name.",
        examples=[_TAIWAN],
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


class Document(Model):
    """A source document (its text only in the single-document answer)."""

    id: str = Field(description="Its slug, the last segment of its IRI.", examples=[_XINHUA])
    iri: str = Field(
        description="Its IRI.", examples=[f"https://w3id.org/diplograph/id/document/{_XINHUA}"]
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


# ---------------------------------------------------------------- timeline, search


class TimelineEntry(Model):
    """An engagement or a claim on a timeline."""

    date: dt.date = Field(description="The day.", examples=["2023-06-19"])
    kind: Literal["meeting", "claim"] = Field(description="meeting or claim.", examples=["claim"])
    id: str = Field(
        description="Its slug, the last segment of its IRI.",
        examples=["2023-06-19--wang-yi--demand--stop-hyping-china-threat"],
    )
    iri: str = Field(
        description="Its IRI.",
        examples=["https://w3id.org/diplograph/id/meeting/2021-03-18-anchorage-dialogue"],
    )
    type: str = Field(description="The claim type or the engagement type.", examples=["demand"])
    label: str = Field(
        description="The claim's statement or the engagement's name.",
        examples=["The US should stop hyping the 'China threat' narrative."],
    )
    meeting: MeetingRef | None = Field(description="For a claim, where it was made.")
    claimant: Ref | None = Field(description="For a claim, who made it.")


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


# ---------------------------------------------------------------- graph traversal


class Metric(StrEnum):
    degree = "degree"
    betweenness = "betweenness"
    pagerank = "pagerank"


Scalar = str | int | float | bool


class NodeRef(BaseModel):
    id: str = Field(
        description="kind/slug, or the IRI for resources not of ours.",
        examples=["actor/antony-blinken"],
    )
    label: str = Field(examples=["Antony Blinken"])
    kind: str = Field(examples=["actor"])


class NodeOut(NodeRef):
    iri: str = Field(examples=["https://w3id.org/diplograph/id/actor/antony-blinken"])
    start: dt.date | None = Field(None, description="First day the node is dated to.")
    end: dt.date | None = Field(None, description="Last day (absent while open).")
    attributes: dict[str, Scalar] = Field(
        default_factory=dict,
        description="The view's other node attributes (country, post, date, claim_type...).",
        examples=[{"type": "person", "country": "United States", "post": "Secretary of State"}],
    )


class EdgeOut(BaseModel):
    source: str = Field(examples=["actor/antony-blinken"])
    target: str = Field(examples=["actor/yang-jiechi"])
    kind: str = Field(examples=["met"])
    label: str = Field(examples=["met"])
    weight: int = Field(description="How many facts the edge aggregates.", examples=[2])
    directed: bool = Field(examples=[False])
    start: dt.date | None = Field(None, examples=["2021-02-05"])
    end: dt.date | None = Field(None, examples=["2021-03-19"])
    attributes: dict[str, Scalar] = Field(
        default_factory=dict,
        examples=[{"meetings": "Anchorage high-level strategic dialogue (2021-03-18)"}],
    )


class Neighborhood(BaseModel):
    view: str = Field(examples=["actors"])
    center: NodeRef
    depth: int = Field(examples=[1])
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class Step(BaseModel):
    source: NodeRef
    target: NodeRef
    kind: str = Field(description="The kind of the edge followed.", examples=["attended"])
    label: str = Field(examples=["attended"])
    direction: str = Field(
        description="forward: the fact points from source to target; backward: the other "
        "way; undirected: a symmetric fact.",
        examples=["forward"],
    )


class PathOut(BaseModel):
    view: str = Field(examples=["meetings"])
    source: NodeRef
    target: NodeRef
    length: int = Field(description="Number of steps.", examples=[2])
    steps: list[Step]


class Ranked(NodeRef):
    score: float = Field(examples=[0.575])


class CentralityOut(BaseModel):
    view: str = Field(examples=["actors"])
    metric: Metric
    nodes: list[Ranked]


class Community(BaseModel):
    id: int = Field(description="0 for the largest community.", examples=[0])
    size: int = Field(examples=[8])
    members: list[NodeRef]


class CommunitiesOut(BaseModel):
    view: str = Field(examples=["actors"])
    algorithm: str = Field(examples=["louvain"])
    seed: int = Field(examples=[traverse.SEED])
    modularity: float = Field(examples=[0.34])
    communities: list[Community]


# ---------------------------------------------------------------- ingest


class ClaimOut(BaseModel):
    id: str
    type: str
    claimant: str | None
    claimants: list[str]
    claimant_label: str
    addressee: str | None
    text: str
    quote: str
    start: int
    end: int
    negated: bool
    topics: list[str]
    meeting: str | None
    date: str | None
    confidence: float
    cameo: str
    plover: str
    reiterates: str | None


class Ingested(BaseModel):
    id: str = Field(description="The document's slug, its id in /documents/{id}.")
    iri: str
    graph: str = Field(description="The named graph that holds the document and its claims.")
    sha256: str
    claims: list[ClaimOut]


class Refusal(BaseModel):
    detail: str
    violations: list[str] = Field(default_factory=list)
    report: str | None = None


# ---------------------------------------------------------------- the service


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str = Field(examples=[__version__])
    store: str = Field(description="The backend in use.", examples=["Oxigraph 0.5.13 (var/store)"])
    triples: int = Field(description="Quads in the store, inferred ones included.", examples=[5321])
    caches: Literal["warming", "ready", "off"] = Field(
        description="The extractor's knowledge base: still being read at start (the first "
        "POST /documents waits for it), ready, or not warmed at start (DIPLOGRAPH_WARM_CACHES=0, "
        "or a store others write to).",
        examples=["ready"],
    )


class Count(BaseModel):
    iri: str = Field(examples=["https://w3id.org/diplograph/ontology#Demand"])
    count: int = Field(examples=[42])


class Stats(BaseModel):
    classes: list[Count] = Field(description="Resources per class, inferred superclasses included.")
    graphs: list[Count] = Field(description="Triples per named graph (the origin of each triple).")
