"""Traversal of the graph views: nodes and edges, paths, rankings and communities."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field

from graph.views import traverse


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
    truncated: bool = Field(
        False,
        description="Whether the neighbourhood has more nodes than `limit`: the answer then "
        "holds the nearest ones (whole rings, then the best-connected of the ring cut).",
        examples=[False],
    )
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
