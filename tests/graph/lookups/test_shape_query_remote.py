"""One query per read over a real Virtuoso (``shape_query.read_together``) reads what the
link-by-link reading (``paths.read``) reads, for every shape the pages use and for one that
reads whole nodes and follows links against their direction; and a bulk read
(``paths.by_subject``) reads the same, a node's triples whole, and so do short VALUES lists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.lookups import actors, claims, documents, meetings, paths, vocab
from graph.lookups.paths import Link, Shape, by_subject, read
from graph.lookups.shape_query import read_together
from graph.lookups.sparql import Fields
from graph.store.remote.client import RemoteStore
from tests.support.virtuoso import Virtuoso, bundled_remote

pytestmark = pytest.mark.virtuoso
PICK = "SELECT DISTINCT ?x WHERE {{ ?x a <{cls}> }} ORDER BY ?x LIMIT 6"
DG = "https://w3id.org/diplograph/ontology#"
#: Whole nodes, and links against their direction with nested links below them.
WHOLE = Shape(fields=None, links=(
    Link(vocab.HOLDER, None, inverse=True, record="held", then=(Link(vocab.POST, None),)),
    Link(vocab.PARTICIPANT, None, inverse=True),
))  # fmt: skip
WHOLE_CLAIM = Shape(fields=None)


@pytest.fixture(scope="module")
def remote(virtuoso_server: Virtuoso) -> Iterator[RemoteStore]:
    with bundled_remote(virtuoso_server) as store:
        yield store


def _picked(store: RemoteStore, cls: str) -> list[str]:
    return [str(r["x"]) for r in store.select(PICK.format(cls=DG + cls))]


def _sorted(fields: dict[str, Fields]) -> dict[str, dict[str, list[str]]]:
    return {n: {f: sorted(map(str, v)) for f, v in own.items()} for n, own in fields.items()}


@pytest.mark.parametrize(("cls", "shape"), [
    ("Engagement", meetings.MEETING_SHAPE), ("Engagement", meetings._HELD),
    ("Engagement", meetings._POINTING), ("Person", actors.ACTOR_SHAPE),
    ("Person", actors.POSTS_SHAPE), ("Person", WHOLE), ("SourceDocument", documents.PAGE_SHAPE),
    ("Claim", claims.CLAIM_SHAPE),
])  # fmt: skip
def test_one_query_reads_what_the_links_read(remote: RemoteStore, cls: str,
                                             shape: Shape) -> None:  # fmt: skip
    picked = _picked(remote, cls)
    assert len(picked) >= 2
    for nodes in ([picked[0]], picked):  # one entity is listed twice in the query: both
        expected = read(remote, nodes, shape)
        [got] = read_together(remote, [(nodes, shape)])
        assert _sorted(got) == _sorted(expected)
    assert any(expected.values()), "something is read"


def test_several_reads_in_one_query_stay_apart(remote: RemoteStore) -> None:
    person, meeting = _picked(remote, "Person")[0], _picked(remote, "Engagement")[0]
    got = read_together(remote, [([person], actors.ACTOR_SHAPE),
                                 ([meeting], meetings.MEETING_SHAPE), ([], actors.POSTS_SHAPE)])
    assert _sorted(got[0]) == _sorted(read(remote, [person], actors.ACTOR_SHAPE))
    assert _sorted(got[1]) == _sorted(read(remote, [meeting], meetings.MEETING_SHAPE))
    assert got[2] == {}


@pytest.fixture
def claims_read(remote: RemoteStore, monkeypatch: pytest.MonkeyPatch,
                ) -> tuple[list[str], dict[str, Fields], list[str]]:  # fmt: skip
    """Six claims, what ``read`` gives for them as things are, and the list each query sent
    to the engine from here on is added to."""
    picked = _picked(remote, "Claim")
    expected = read(remote, picked, claims.CLAIM_SHAPE)
    sent: list[str] = []
    ask = remote.select

    def recorded(text: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(text)
        return ask(text, *args, **kwargs)

    monkeypatch.setattr(remote, "select", recorded)
    return picked, expected, sent


def test_a_bulk_read_reads_each_node_whole_and_keeps_the_fields_wanted(
        remote: RemoteStore, claims_read: tuple[list[str], dict[str, Fields], list[str]],
        ) -> None:  # fmt: skip
    """Virtuoso answered nodes and fields both bound 18 times slower once the answer came in
    pages (1,000 claims at 1M triples): a bulk read binds the nodes only."""
    picked, expected, sent = claims_read
    with by_subject():
        got = read(remote, picked, claims.CLAIM_SHAPE)
    assert _sorted(got) == _sorted(expected)
    assert any("VALUES ?field" not in text and "?node ?field ?value" in text for text in sent)
    own_fields = {f for node in picked for f in got[node]}
    every_field = {f for node in picked for f in read(remote, [node], WHOLE_CLAIM)[node]}
    assert own_fields <= claims.CLAIM_FIELDS
    assert every_field - claims.CLAIM_FIELDS, "a claim has triples the shape does not want"


def test_long_node_lists_are_read_a_batch_at_a_time(
        remote: RemoteStore, claims_read: tuple[list[str], dict[str, Fields], list[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Virtuoso sends a long answer in pages, each the whole query again: lists of nodes
    short enough for one page each, and the same fields read."""
    picked, expected, sent = claims_read
    monkeypatch.setattr(paths, "VALUES_BATCH", 2)
    got = read(remote, picked, claims.CLAIM_SHAPE)
    assert _sorted(got) == _sorted(expected)
    own = [text for text in sent if all(f"<{node}>" in text for node in picked[:2])]
    assert own and all(f"<{picked[2]}>" not in text for text in own)
    assert sum(f"<{picked[0]}>" in text or f"<{picked[2]}>" in text for text in sent) >= 2
