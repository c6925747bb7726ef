"""One query per read over a real Virtuoso (``shape_query.read_together``) reads what the
link-by-link reading (``paths.read``) reads, for every shape the pages use and for one that
reads whole nodes and follows links against their direction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.lookups import actors, claims, documents, meetings, vocab
from graph.lookups.paths import Link, Shape, read
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
