"""Pages read in proportion to what they show answer what the whole reads answered.

A timeline page orders only its first events, a bundle is read by index lookups, and a
document's or an engagement's claims are spliced in as the read model keeps their JSON; each is
compared here with the way it was read before (every event ordered and sliced, the bundle
query, every claim written again) over every actor, topic, bundle, document and engagement of
the bundled graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from api.json_answer import Written, json_answer, written_answer
from api.services import meetings as meeting_pages
from api.settings import Settings
from graph.lookups import bundles, documents, meetings, timeline
from graph.lookups.ids import Ids, slug_of
from graph.readmodel import build, registry
from graph.store import GraphStore, open_store
from graph.write.files import load
from tests.support.store_values import iris_where


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The bundled graph, its read model attached only where a test says."""
    opened = open_store(f"oxigraph:{tmp_path_factory.mktemp('pages') / 'store'}")
    load(opened)
    yield opened
    registry.keep(opened, None)
    opened.close()


def test_a_timeline_page_is_the_slice_of_every_event_in_order(store: GraphStore) -> None:
    actors = iris_where(store, "{ ?c dg:claimant ?x } UNION { ?m dg:participant ?x } UNION "
                            "{ ?m dg:side ?x }")  # fmt: skip
    topics = iris_where(store, "?x a skos:Concept")
    since, until = dt.date(2022, 1, 1), dt.date(2023, 6, 30)
    asked = [{}] + [{"actor": a} for a in actors] + [{"topic": t} for t in topics]
    asked += [{"actor": a, "since": since} for a in actors[:15]]
    asked += [{"topic": t, "until": until} for t in topics[:15]]
    asked += [{"actor": a, "topic": t} for a in actors[:8] for t in topics[:8]]
    registry.keep(store, None)
    whole = [timeline.events(store, **filters) for filters in asked]
    assert sum(len(found) > 10 for found in whole) > 10, "some timelines are long"
    registry.keep(store, build._build(store, store.generation))
    try:
        for filters, found in zip(asked, whole, strict=True):
            for start, stop in ((0, 50), (0, 3), (4, 9), (len(found), len(found) + 5), (7, 2)):
                assert timeline.page(store, start, stop, **filters) == \
                    (len(found), found[start:stop]), (filters, start, stop)  # fmt: skip
    finally:
        registry.keep(store, None)


def test_a_bundle_read_by_lookups_is_the_bundle_the_query_reads(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    iris = [str(b) for b in iris_where(store, "?x a dg:Bundle")]
    asked = [[iri] for iri in iris] + [iris, [*iris[:2], "https://w3id.org/diplograph/id/x"]]
    read = [bundles.details(store, some) for some in asked]
    monkeypatch.setattr(bundles, "OxigraphStore", type(None))  # the query, as other engines
    assert [bundles.details(store, some) for some in asked] == read
    assert len(read[-2]) == len(iris) > 3 and any(b["part_of"] for b in read[-2].values())
    assert sum(len(b["members"]) for b in read[-2].values()) > 10


def test_a_documents_claims_spliced_as_kept_are_the_claims_written_again(
    store: GraphStore,
) -> None:
    iris = iris_where(store, "?x a dg:SourceDocument")
    registry.keep(store, None)
    assert documents.claim_texts_in_reading_order(store, iris[0]) is None, "no read model"
    whole = {iri: documents.claims_in_reading_order(store, iri) for iri in iris}
    assert sum(len(found) > 1 for found in whole.values()) > 3
    registry.keep(store, build._build(store, store.generation))
    try:
        for iri, found in whole.items():
            texts = documents.claim_texts_in_reading_order(store, iri)
            assert texts is not None
            spliced = written_answer(dict, {"claims": list(map(Written, texts))}).body
            assert spliced == json_answer(dict, {"claims": found}).body, iri
    finally:
        registry.keep(store, None)


def test_a_meetings_claims_spliced_as_kept_are_the_claims_written_again(
    store: GraphStore,
) -> None:
    ids = Ids(Settings().base_iri)
    slugs = [slug_of(str(m)) for m in iris_where(store, "?x a dg:Engagement")]
    registry.keep(store, build._build(store, store.generation))
    try:
        assert meetings.claim_texts_by_type(store, []) == []
        pages = {s: meeting_pages.get_meeting(store=store, ids=ids, id=s) for s in slugs}
        assert sum(sum(map(len, p["claims"].values())) > 3 for p in pages.values()) > 3
        for slug, found in pages.items():
            spliced = meeting_pages.get_meeting(store=store, ids=ids, id=slug, written=True)
            assert written_answer(dict, spliced).body == json_answer(dict, found).body, slug
    finally:
        registry.keep(store, None)
