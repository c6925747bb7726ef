"""One speech act, one claim: two curated claims whose spans overlap in a document are linked.

Not a SHACL shape: the two claims reach each other only through their shared document, which
the write-time check (validation of what a write touches) does not read; the bundled graph is
checked here, on every test run, and the query is shown to fail on a fixture beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from graph.store import GraphStore

HERE = Path(__file__).resolve().parent / "speech_acts"
QUERY = (HERE / "unlinked-overlapping-claims.rq").read_text(encoding="utf-8")
ID = "https://w3id.org/diplograph/id/"


def unlinked(graph: Graph) -> list[tuple[str, str]]:
    return [(str(row[0]).removeprefix(ID), str(row[1]).removeprefix(ID))
            for row in graph.query(QUERY)]


def test_no_speech_act_of_the_bundled_graph_is_two_unlinked_claims(
    bundled_store: GraphStore,
) -> None:
    rows = bundled_store.select(QUERY)
    assert not rows, "\n".join(f"{r['claim']} / {r['other']}: {r['quote']}" for r in rows)


@pytest.mark.parametrize("path", sorted(HERE.glob("valid-*.ttl")), ids=lambda p: p.stem)
def test_linked_overlaps_pass(path: Path) -> None:
    assert unlinked(Graph().parse(path, format="turtle")) == []


def test_one_statement_as_two_unlinked_claims_fails() -> None:
    graph = Graph().parse(HERE / "invalid-one-statement-two-claims.ttl", format="turtle")
    assert unlinked(graph) == [(
        "claim/2021-03-18--wang-yi--demand--stop-interfering",
        "claim/2021-03-18--wang-yi--demand--stop-interfering-internal-affairs",
    )]
