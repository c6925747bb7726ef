"""Traversal of the graph views: neighbourhoods, shortest paths, centrality and communities."""

from __future__ import annotations

from typing import Any

import networkx as nx
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response

from api.deps import Store
from api.rest import ViewName, ViewPath, Window, view_window
from api.schemas.graph import (
    CentralityOut,
    CommunitiesOut,
    Community,
    Metric,
    Neighborhood,
    NodeRef,
    PathOut,
    Ranked,
    Step,
)
from api.services import graph_answers
from api.services.views import load_view
from graph.views import traverse

router = APIRouter(prefix="/graph", tags=["graph"])
#: The header a neighbourhood cut at ``limit`` carries (as a cut SPARQL answer does).
TRUNCATED = "X-Diplograph-Truncated"


# ---------------------------------------------------------------------------------- helpers
def find(graph: nx.MultiDiGraph, ident: str) -> str:
    try:
        return traverse.resolve(graph, ident)
    except traverse.NodeNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except traverse.AmbiguousNode as exc:
        raise HTTPException(422, str(exc)) from exc


UNKNOWN_TOPIC: dict[int | str, dict[str, Any]] = {404: {"description": "An unknown topic."}}


# ---------------------------------------------------------------------------------- routes
@router.get(
    "/{view_name}/neighbors/{node_id:path}",
    response_model=Neighborhood,
    summary="The k-hop neighbourhood of a node, as nodes and edges",
    description="The nodes at most `depth` steps from the node, whatever the edges' direction, "
    "and the edges among them. At most `limit` nodes (default "
    f"{traverse.NEIGHBOURS_DEFAULT}), nearest first: whole rings while they fit, then the "
    "best-connected nodes of the ring that does not (ties by id). A cut answer says "
    "`truncated: true` and carries the header `X-Diplograph-Truncated: true`; the exports "
    "(`/export/{view_name}.{fmt}`) give a whole view.",
    responses={
        404: {"description": "No such node in the view, or an unknown topic."},
        422: {"description": "Depth out of 1..3, limit out of "
              f"1..{traverse.NEIGHBOURS_MAX}, or a bad filter."},
    },
)
def neighbors(
    *,
    view_name: ViewName = ViewPath,
    node_id: str = Path(
        description="A slug (antony-blinken), kind/slug or a full IRI.", examples=["antony-blinken"]
    ),
    depth: int = Query(1, ge=1, le=traverse.MAX_DEPTH, description="Steps out, 1 to 3."),
    limit: int = Query(
        traverse.NEIGHBOURS_DEFAULT,
        ge=1,
        le=traverse.NEIGHBOURS_MAX,
        description=f"The most nodes to return (1–{traverse.NEIGHBOURS_MAX}), the centre "
        "included: the nearest are kept.",
        examples=[traverse.NEIGHBOURS_DEFAULT],
    ),
    window: Window = Depends(view_window),
    store: Store,
) -> Neighborhood:
    graph = load_view(store=store, name=view_name.value, window=window)
    center = find(graph, node_id)
    kept = traverse.nearest(graph, center, depth, limit)
    body = graph_answers.neighborhood(graph, view_name.value, center, depth, kept.nodes,
                                      kept.truncated)  # fmt: skip
    headers = {TRUNCATED: "true"} if kept.truncated else None
    return Response(body, media_type="application/json", headers=headers)  # type: ignore[return-value]  # the JSON of a Neighborhood


@router.get(
    "/{view_name}/path",
    response_model=PathOut,
    summary="A shortest path between two nodes, each step with labels and edge kind",
    responses={404: {"description": "An unknown node or topic, or no path joins the two."}},
)
def path(
    *,
    view_name: ViewName = ViewPath,
    source: str = Query(..., max_length=500, examples=["antony-blinken"]),
    target: str = Query(..., max_length=500, examples=["yang-jiechi"]),
    window: Window = Depends(view_window),
    store: Store,
) -> PathOut:
    graph = load_view(store=store, name=view_name.value, window=window)
    start, goal = find(graph, source), find(graph, target)
    try:
        steps = traverse.shortest_path(graph, start, goal)
    except traverse.NoPath as exc:
        raise HTTPException(404, str(exc)) from exc
    return PathOut(
        view=view_name.value,
        source=NodeRef(**traverse.node_ref(graph, start)),
        target=NodeRef(**traverse.node_ref(graph, goal)),
        length=len(steps),
        steps=[
            Step(
                source=NodeRef(**traverse.node_ref(graph, s.source)),
                target=NodeRef(**traverse.node_ref(graph, s.target)),
                kind=s.kind,
                label=s.label,
                direction=s.direction,
            )
            for s in steps
        ],
    )


@router.get(
    "/{view_name}/centrality",
    response_model=CentralityOut,
    summary="Nodes ranked by degree, betweenness or PageRank",
    responses=UNKNOWN_TOPIC,
)
def centrality(
    *,
    view_name: ViewName = ViewPath,
    metric: Metric = Query(Metric.degree),
    limit: int = Query(20, ge=1, le=1000, description="How many of the top nodes."),
    window: Window = Depends(view_window),
    store: Store,
) -> CentralityOut:
    graph = load_view(store=store, name=view_name.value, window=window)
    ranked = traverse.centrality(graph, metric.value)[:limit]
    return CentralityOut(
        view=view_name.value,
        metric=metric,
        nodes=[Ranked(**traverse.node_ref(graph, n), score=score) for n, score in ranked],
    )


@router.get(
    "/{view_name}/communities",
    response_model=CommunitiesOut,
    summary="A community partition (Louvain, fixed seed), largest community first",
    responses=UNKNOWN_TOPIC,
)
def communities(
    *,
    view_name: ViewName = ViewPath,
    window: Window = Depends(view_window),
    store: Store,
) -> CommunitiesOut:
    graph = load_view(store=store, name=view_name.value, window=window)
    partition = traverse.communities(graph)
    return CommunitiesOut(
        view=view_name.value,
        algorithm="louvain",
        seed=traverse.SEED,
        modularity=partition.modularity,
        communities=[
            Community(
                id=i,
                size=len(members),
                members=[NodeRef(**traverse.node_ref(graph, m)) for m in members],
            )
            for i, members in enumerate(partition.communities)
        ],
    )
