"""A reviewer's verdict on an extracted claim, through the one validated write path.

Accept sets the claim's review status to "reviewed"; reject removes the claim and its evidence
from the document's graph. Both rewrite that one graph whole with ``graph.write.write``: the
result is SHACL-checked and committed all or nothing. Curated claims are not reviewable.
"""

from __future__ import annotations

from typing import Literal as Verdict

from rdflib import Graph, Literal, URIRef

from graph import queries
from graph.namespaces import DG
from graph.store import GraphStore
from graph.write import WriteReport, write

Action = Verdict["accept", "reject"]


class NotReviewable(LookupError):
    """No extracted claim has this IRI (a curated claim, or none at all)."""


def claim_graph(store: GraphStore, claim: URIRef) -> str | None:
    """The named graph that holds the extracted claim, None when there is none."""
    rows = store.select(queries.load("review-claim-graph"), {"claim": claim})
    return str(rows[0]["g"]) if rows else None


def review(store: GraphStore, claim: URIRef, action: Action) -> WriteReport:
    """Apply the verdict; ``NotReviewable`` when the claim is not an extracted one."""

    def compute() -> dict[str, Graph]:
        name = claim_graph(store, claim)  # read under the write lock: the state we replace
        if name is None:
            raise NotReviewable(f"no extracted claim {claim}")
        graph = store.graph(name)
        if action == "accept":
            graph.set((claim, DG.reviewStatus, Literal("reviewed")))
        else:
            _remove(graph, claim)
        return {name: graph}

    return write(store, compute)


def _remove(graph: Graph, claim: URIRef) -> None:
    """The claim, its evidence nodes, and every triple that points at either."""
    gone = {claim, *graph.objects(claim, DG.evidence)}
    for node in gone:
        graph.remove((node, None, None))
        graph.remove((None, None, node))
