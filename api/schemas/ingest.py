"""Ingesting a document: what was stored, or why it was refused."""

from __future__ import annotations

from pydantic import BaseModel, Field


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
