"""The audit trail's activities (``/audit``): who changed what, when, and its revert."""

from __future__ import annotations

from pydantic import Field

from api.schemas.common import Model

ACTIVITY = "20260412t093015123456-4f2a1c"
GRAPH = "https://w3id.org/diplograph/graph/extracted/2024-04-26-readout"


class Activity(Model):
    """One recorded write: an ingest, a review, an update, a Graph Store write, a delete, a
    load, a restore or a revert."""

    id: str = Field(description="The activity's id (its time, then a random tail).",
                    examples=[ACTIVITY])
    iri: str = Field(description="The activity's IRI in the audit graph.",
                     examples=[f"https://w3id.org/diplograph/id/activity/{ACTIVITY}"])
    kind: str = Field(description="ingest, review, update, graph_store, delete, load, restore "
                      "or revert.", examples=["review"])
    actor: str = Field(description="Who wrote: the token's name (DIPLOGRAPH_TOKEN for the "
                       "admin token), local:USER for a command run on the server's machine.",
                       examples=["alice"])
    time: str = Field(description="When the write was committed (UTC, ISO 8601).",
                      examples=["2026-04-12T09:30:15.123456+00:00"])
    request_id: str | None = Field(description="The HTTP request's id (X-Request-ID, as the "
                                   "JSON log shows it); null for a command.",
                                   examples=["6f1c2d3e4b5a69788796a5b4c3d2e1f0"])
    graphs: list[str] = Field(description="The named graphs it changed.", examples=[[GRAPH]])
    added: int = Field(description="Triples it added.", examples=[1], ge=0)
    removed: int = Field(description="Triples it removed.", examples=[1], ge=0)
    reverts: str | None = Field(description="The id of the activity this one reverts.",
                                examples=[None])
    reverted_by: list[str] = Field(description="The ids of the activities that revert it.",
                                   examples=[[]])


class ActivityDetail(Activity):
    """An activity and whether ``POST /audit/{id}/revert`` can undo it."""

    revertible: bool = Field(description="Whether it kept the triples it added and removed and "
                             "is not reverted yet (later writes may still stand in the way).",
                             examples=[True])


class RevertConflict(Model):
    """Why a revert was refused: the activities in the way, if any."""

    detail: str = Field(description="What stands in the way.",
                        examples=["later writes depend on activity ..."])
    later: list[str] = Field(description="The ids of the activities to revert first, oldest "
                             "first (or of the revert that undid it already).", examples=[[]])
