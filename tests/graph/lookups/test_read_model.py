"""The claims read model answers exactly what the store's queries answer, before and after writes.

Every filter of ``/claims`` is asked of both (the read model, and ``lookup-claims.rq`` on the
same store), over every value the bundled graph has for it; every claim's REST shape is compared
field by field; and after writes (an ingest, a delete, a renamed actor, a SPARQL-style rewrite of
a claim) the model brought up to date by the write equals one built from scratch. So do the
label index and the actors view, which writes bring up to date beside it.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from api.json_answer import json_answer, written_answer
from api.pagination import Page, Paging
from api.schemas.claims import Claim
from api.services import claims as claims_api
from api.services import graph_answers
from graph.extract.ingest import delete_document, ingest
from graph.lookups import actors, claims, claims_model, documents, labels, meetings, vocab
from graph.lookups.ids import Ids
from graph.lookups.sparql import select, text
from graph.namespaces import sparql_prologue
from graph.readmodel import build, layered, registry
from graph.readmodel.claims import ClaimState, claim_json, pack_claim, unpack_claim
from graph.store import GraphStore, open_store, settling
from graph.views import registry as views
from graph.write import commit
from graph.write.commit import write
from graph.write.files import load
from tests.support.store_values import iris_where

READOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "readouts"


def _loaded(path: Path) -> GraphStore:
    opened = open_store(f"oxigraph:{path}")
    load(opened)
    return opened


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The bundled graph, never given a read model: its lookups ask the store."""
    opened = _loaded(tmp_path_factory.mktemp("readmodel") / "store")
    yield opened
    opened.close()


@pytest.fixture()
def written(tmp_path: Path) -> Iterator[GraphStore]:
    """The bundled graph with a read model attached, for writes."""
    opened = _loaded(tmp_path / "store")
    yield opened
    registry.keep(opened, None)
    opened.close()


def _filters(store: GraphStore) -> list[claims.ClaimFilter]:
    """Every value of every filter the bundled graph has, alone and with dates and states."""
    F = claims.ClaimFilter
    actors = iris_where(store, "{ ?c dg:claimant ?x } UNION { ?c dg:addressee ?x }")
    wanted = [F()]
    wanted += [F(claimant=a) for a in actors] + [F(addressee=a) for a in actors]
    wanted += [F(claimant=a, include_state=True) for a in actors]
    wanted += [F(addressee=a, include_state=True) for a in actors]
    wanted += [F(topic=t) for t in iris_where(store, "?x a skos:Concept")]
    wanted += [F(meeting=m) for m in iris_where(store, "?x a dg:Engagement")]
    documents = iris_where(store, "{ ?c dg:reportedBy ?x } UNION { ?e dg:document ?x }")
    wanted += [F(document=d) for d in documents]
    wanted += [F(side=s) for s in iris_where(store, "?x a dg:State")]
    wanted += [F(type=t) for t in vocab.CLAIM_TYPES]
    wanted += [F(origin=o) for o in ("curated", "extracted", "nowhere")]
    since, until = dt.date(2022, 1, 1), dt.date(2023, 6, 30)
    wanted += [F(type=t, since=since) for t in vocab.CLAIM_TYPES]
    wanted += [F(claimant=a, since=since, until=until) for a in actors[:10]]
    topics = iris_where(store, "?x a skos:Concept")
    wanted += [F(topic=t, until=until, type="demand") for t in topics]
    some = frozenset(text(r["claim"]) for r in select(store, "lookup-claims", {}, ["all"])[::7])
    wanted += [F(among=some), F(among=some, type="red_line", since=since)]
    return wanted


def _as_set(found: list[claims.Match]) -> set[tuple[str, dt.date | None]]:
    return {(m.iri, m.date) for m in found}


def test_every_filter_selects_what_the_query_selects(store: GraphStore) -> None:
    state = build._build(store, store.generation)
    wanted = _filters(store)
    assert len(wanted) > 150
    differ = [f for f in wanted
              if _as_set(claims_model.find(state, f)) != _as_set(claims.find(store, f))]
    assert not differ, differ[:3]
    assert sum(bool(claims_model.find(state, f)) for f in wanted) > 100  # most filters select some


@pytest.mark.parametrize(("walk_from", "slice_ratio"),
                         [(claims_model.WALK_FROM, 1.0), (0, 1.0),
                          (10**9, 0.0), (10**9, float("inf"))],
                         ids=["sorted", "walked", "placed-by-rank", "placed-by-dates"])  # fmt: skip
def test_pages_come_in_the_order_the_query_path_sorts(store: GraphStore, walk_from: int,
                                                      slice_ratio: float,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages sorted from the selection, (``walk_from`` 0: any selection is "many") cut from
    the date-ordered list of every claim, and found by place in it: from the smallest pool's
    places, or from the places of the dates (``slice_ratio``)."""
    monkeypatch.setattr(claims_model, "WALK_FROM", walk_from)
    monkeypatch.setattr(claims_model, "SLICE_RATIO", slice_ratio)
    state = build._build(store, store.generation)
    for wanted in _filters(store):
        for newest in (True, False):
            order = [m.iri for m in claims.sort_matches(claims.find(store, wanted), newest)]
            for start, stop in ((0, 20), (5, 9), (0, 10_000), (len(order), len(order) + 5)):
                assert claims_model.page(state, wanted, newest, start, stop) == \
                    (len(order), order[start:stop]), (wanted, newest, start)  # fmt: skip


def test_every_meeting_filter_selects_what_the_query_selects(store: GraphStore) -> None:
    state = build._build(store, store.generation)
    assert len(state.meetings) > 20
    actors = iris_where(store, "{ ?m dg:participant ?x } UNION { ?m dg:side ?x }")
    topics = iris_where(store, "?x a skos:Concept")
    dates = [(None, None), (dt.date(2022, 1, 1), None), (None, dt.date(2023, 6, 30)),
             (dt.date(2021, 3, 19), dt.date(2023, 11, 15))]  # fmt: skip
    asked = [dict(participant=a) for a in actors] + [dict(topic=t) for t in topics]
    asked += [dict(type=t) for t in meetings.MEETING_TYPES] + [{}]
    asked += [dict(participant=actors[0], type="call"),
              dict(topic=topics[0], participant=actors[1])]
    for filters in asked:
        for since, until in dates:
            wanted = dict(filters, since=since, until=until)
            assert meetings._find_in(state, **wanted) == meetings.find(store, **wanted), wanted
    assert sum(bool(meetings._find_in(state, participant=a)) for a in actors) > 10


def test_every_meeting_links_what_the_query_links(store: GraphStore) -> None:
    state = build._build(store, store.generation)
    found = 0
    for meeting in iris_where(store, "?x a dg:Engagement"):
        expected = meetings.links(store, meeting)
        assert meetings._links_in(store, state, str(meeting)) == expected, meeting
        found += bool(expected["document"]) + bool(expected["part"])
    assert found > 12


def test_every_meeting_page_lists_from_the_model_what_the_store_links(store: GraphStore) -> None:
    """Parts, follow-ups and reporting documents (with their short references) of a
    meeting's page, from the read model as read link by link."""
    engagements = iris_where(store, "?x a dg:Engagement")
    expected = {m: meetings.related(store, m) for m in engagements}  # no read model
    registry.keep(store, build._build(store, store.generation))
    try:
        assert registry.claims_now(store) is not None
        for meeting in engagements:
            assert meetings.related(store, meeting) == expected[meeting], meeting
    finally:
        registry.keep(store, None)
    for relation in ("part", "followed_by", "document"):
        assert any(found[relation] for found, _docs in expected.values()), relation


def test_every_meeting_has_the_shape_the_store_gives(store: GraphStore) -> None:
    state = build._build(store, store.generation)
    iris = sorted(state.meetings)
    for titles in (True, False):
        expected = meetings._fetch(store, iris, titles)
        model = {i: state.meeting_shape(i) for i in iris}
        assert {i: s if titles else meetings.untitled(s) for i, s in model.items() if s} == expected
    assert any(p["titles"] for s in map(state.meeting_shape, iris) if s for p in s["participants"])


def test_every_claim_has_the_shape_the_query_reads(store: GraphStore) -> None:
    state = build._build(store, store.generation)
    iris = sorted(state.shapes)
    assert len(iris) > 250
    assert claims._fetch(store, iris) == {i: state.shape(i) for i in iris}
    # each kept as the JSON text a REST answer writes of it, byte for byte
    assert all(state.shape_json(i) == json_answer(Claim, state.shape(i)).body for i in iris)


@pytest.mark.parametrize("odd", [{"confidence": float("inf")}, {"reiterates": ("a", "b")},
                                 {"date": "2024-01-02"}, {"text": dt.date(2024, 1, 2)}])
def test_a_shape_json_cannot_give_back_is_kept_pickled(odd: dict) -> None:
    shape = {"id": "c", "date": dt.date(2024, 1, 2), "meeting": {"date": None}, **odd}
    packed = pack_claim(shape)
    assert claim_json(packed) is None
    assert unpack_claim(packed) == shape
    plain = {**shape, **{k: None for k in odd}}
    assert unpack_claim(pack_claim(plain)) == plain
    assert claim_json(pack_claim(plain)) == json_answer(dict, plain).body


@contextmanager
def _with_model(store: GraphStore) -> Iterator[ClaimState]:
    """``store`` answering from a read model built now, for the block only."""
    state = build._build(store, store.generation)
    registry.keep(store, state)
    try:
        yield state
    finally:
        registry.keep(store, None)


def test_documents_are_listed_counted_and_read_as_the_store_has_them(store: GraphStore) -> None:
    engagements = iris_where(store, "?x a dg:Engagement")
    listed = [documents.find(store)] + [documents.find(store, meeting=m) for m in engagements]
    iris = [iri for iri, _ in listed[0]]
    shapes = documents.details(store, iris)
    order = {iri: documents.claims_in_reading_order(store, URIRef(iri)) for iri in iris}
    pages = {iri: documents.page(store, iri) for iri in iris}
    assert registry.claims_now(store) is None, "the answers above came from the store"
    assert sum(bool(page and page[1]) for page in pages.values()) > 3, "some texts are stored"
    assert len(iris) > 10 and sum(bool(found) for found in listed[1:]) > 10
    assert sum(s["claim_count"] > 0 for s in shapes.values()) > 5
    assert sum(len(o) > 1 for o in order.values()) > 3
    with _with_model(store) as state:
        assert len(state.documents) == len(iris)
        assert [documents.find(store)] + [documents.find(store, meeting=m)
                                          for m in engagements] == listed  # fmt: skip
        assert [list(documents.listed(store))] + [list(documents.listed(store, meeting=m))
                                                  for m in engagements] == \
            [[iri for iri, _ in found] for found in listed]  # fmt: skip
        assert state.document_order is documents.listed(store), "a page is a slice of the model"
        assert documents.details(store, iris) == shapes
        assert {iri: documents.page(store, iri) for iri in iris} == pages
        assert {iri: documents.claims_in_reading_order(store, URIRef(iri))
                for iri in iris} == order  # fmt: skip


def test_an_actors_meetings_are_those_the_store_has(store: GraphStore) -> None:
    attendees = iris_where(store, "{ ?m dg:participant ?x } UNION { ?m dg:side ?x }")
    asked = [*attendees, URIRef("https://w3id.org/diplograph/id/actor/nobody")]
    found = {a: actors.meetings_of(store, a) for a in asked}
    assert registry.claims_now(store) is None and sum(bool(m) for m in found.values()) > 10
    with _with_model(store):
        assert {a: actors.meetings_of(store, a) for a in asked} == found


def _same(left: ClaimState, right: ClaimState) -> None:
    assert left.rows.keys() == right.rows.keys()
    assert {i: left.shape(i) for i in left.shapes} == {i: right.shape(i) for i in right.shapes}
    assert {k: dict(v) for k, v in left.index.items() if v} == \
        {k: dict(v) for k, v in right.index.items() if v}  # fmt: skip
    assert dict(left.readers) == dict(right.readers)
    assert left.hierarchy == right.hierarchy
    assert dict(left.ordered) == dict(right.ordered)
    assert dict(left.meetings) == dict(right.meetings)
    assert dict(left.attendance) == dict(right.attendance)
    assert {i: left.meeting_shape(i) for i in left.meeting_shapes} == \
        {i: right.meeting_shape(i) for i in right.meeting_shapes}  # fmt: skip
    assert dict(left.meeting_reads) == dict(right.meeting_reads)
    assert dict(left.meeting_readers) == dict(right.meeting_readers)
    assert dict(left.documents) == dict(right.documents)
    assert {i: left.document_shape(i) for i in left.documents} == \
        {i: right.document_shape(i) for i in right.documents}  # fmt: skip
    assert dict(left.document_readers) == dict(right.document_readers)
    assert left.document_order == right.document_order
    assert dict(left.reporting) == dict(right.reporting)
    assert dict(left.followers) == dict(right.followers)
    assert dict(left.words) == dict(right.words)
    assert dict(left.by_topic) == dict(right.by_topic)


@pytest.mark.parametrize("layers", ["as-set", "layered"])
def test_writes_keep_the_model_as_a_rebuild_would_make_it(written: GraphStore, layers: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    if layers == "layered":  # the bundled graph's sets are small: layer them all, never merge
        monkeypatch.setattr(layered, "LAYER_SETS_FROM", 1)
        monkeypatch.setattr(layered, "MERGE_AT_LEAST", 1_000_000)
    store = written
    attached = build.attach(store)
    assert attached is not None and registry.claims_now(store) is attached
    # an ingest: new claims, a new document, perhaps new actors
    done = ingest(
        store, (READOUTS / "us-secretary-call-2024.txt").read_text(encoding="utf-8"))
    after_ingest = registry.claims_now(store)
    assert after_ingest is not None and after_ingest is not attached, "the write was followed"
    assert len(after_ingest.rows) > len(attached.rows)
    _same(after_ingest, build._build(store, store.generation))
    # a renamed actor: every claim naming it shows the new name, read again in the write
    blinken = URIRef("https://w3id.org/diplograph/id/actor/antony-blinken")
    graph_name = _graph_of(store, blinken)
    renamed = Graph()
    for t in store.graph(graph_name):
        renamed.add(t)
    renamed.remove((blinken, RDFS.label, None))
    renamed.add((blinken, RDFS.label, Literal("Antony J. Blinken", lang="en")))
    write(store, lambda: {graph_name: renamed})
    state = registry.claims_now(store)
    assert state is not None
    shapes = [s for s in map(state.shape, state.shapes) if s and s["claimant"]]
    named = [s for s in shapes if s["claimant"]["id"] == "antony-blinken"]
    assert named and all(s["claimant"]["label"] == "Antony J. Blinken" for s in named)
    _same(state, build._build(store, store.generation))
    # a delete: the document's claims leave the model
    delete_document(store, done.graph.rsplit('/', 1)[-1])
    state = registry.claims_now(store)
    assert state is not None and len(state.rows) == len(attached.rows)
    rebuilt = build._build(store, store.generation)
    _same(state, rebuilt)
    for wanted in _filters(store):  # each filter selects the same claims from either
        assert _as_set(claims_model.find(state, wanted)) == \
            _as_set(claims_model.find(rebuilt, wanted)), wanted  # fmt: skip


def test_a_renamed_meeting_or_publisher_shows_in_the_document_list_after_the_write(
        written: GraphStore) -> None:  # fmt: skip
    """A document's list item is kept in the model with the names of the engagement it reports
    on and of its publisher: renaming either reads it again in the write, as a rebuild would."""
    store = written
    state = build.attach(store)
    assert state is not None
    item = next(s for s in map(state.document_shape, state.document_order)
                if s and s["reports_on"] and s["publisher_actor"])
    iri = item["iri"]
    meeting = URIRef(f"https://w3id.org/diplograph/id/meeting/{item['reports_on'][0]['id']}")
    publisher = URIRef(f"https://w3id.org/diplograph/id/actor/{item['publisher_actor']['id']}")
    assert str(meeting) in state.document_readers and str(publisher) in state.document_readers
    for node, name in ((meeting, "A Renamed Meeting"), (publisher, "A Renamed Publisher")):
        graph_name = _graph_of(store, node)
        renamed = Graph()
        for t in store.graph(graph_name):
            renamed.add(t)
        renamed.remove((node, RDFS.label, None))
        renamed.add((node, RDFS.label, Literal(name, lang="en")))
        write(store, lambda g=graph_name, r=renamed: {g: r})
        now = registry.claims_now(store)
        assert now is not None and now.generation == store.generation
        shown = documents.details(store, [iri])[iri]
        assert name in {shown["publisher_actor"]["label"],
                        *(m["label"] for m in shown["reports_on"])}  # fmt: skip
        rebuilt = build._build(store, store.generation)
        _same(now, rebuilt)
        registry.keep(store, None)
        assert documents.details(store, [iri]) == {iri: shown}, "the store answers the same"
        registry.keep(store, now)


def _graph_of(store: GraphStore, node: URIRef) -> str:
    query = "SELECT ?s ?g WHERE { GRAPH ?g { ?s rdfs:label ?l } } LIMIT 1"
    rows = store.select(sparql_prologue() + query, {"s": node})
    return str(rows[0]["g"])


def _names(index: labels.LabelIndex) -> dict[str, set[tuple[str, str, str, bool, str]]]:
    """Each entity's live entries, as a set (an index built anew may list one twice)."""
    found: dict[str, set[tuple[str, str, str, bool, str]]] = {}
    for e in index.entries:
        if e is not None:
            found.setdefault(e.iri, set()).add((e.kind, e.text, e.lang, e.primary, e.norm))
    return found


def _same_index(followed: labels.LabelIndex, store: GraphStore, queries: list[str]) -> None:
    """The followed index holds the names a new one would, and answers the same."""
    built = labels.LabelIndex.build(store, Ids())
    assert _names(followed) == _names(built)
    for q in queries:
        assert followed.match(q) == built.match(q), q
        # a search of one kind maps its hits through the owners carried along by the writes
        assert followed.matching(q, kinds={"claim"}) == set(built.match(q, kinds={"claim"})), q
        assert followed.matching(q) == set(built.match(q)), q
        for iri in list(built.match(q))[:20]:
            assert followed.label(iri) == built.label(iri)


def _edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    return {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}


def _same_view(kept: nx.MultiDiGraph, store: GraphStore) -> None:
    built = views._build(store, "actors", views.Filters())
    assert dict(kept.nodes(data=True)) == dict(built.nodes(data=True))
    assert _edges(kept) == _edges(built)
    assert list(kept.nodes) == list(built.nodes)


def test_writes_keep_the_label_index_and_actors_view_as_a_rebuild_would(
        written: GraphStore) -> None:  # fmt: skip
    """An ingest, a renamed actor and a delete: the label index is followed (not built again)
    and answers as a new one would; the actors view is kept by a write that touches nothing it
    reads, followed by one that renames an actor, and equals a rebuild after each write; an
    index held by a reader never changes."""
    store, ids = written, Ids()
    start = labels.index_for(store, ids)
    start.postings()
    start.owners("claim")
    queries = ["blinken", "antony j", "wang yi", "taiwan", "tariffs", "the", "王毅", "huawei"]
    before = {q: start.match(q) for q in queries}
    view = views.build_view(store, "actors")
    # an ingest of a document and its claims only: the view is kept as it is
    text = (READOUTS / "us-presidents-call-2024.txt").read_text(encoding="utf-8")
    done = ingest(store, text)
    assert {str(n).split("/")[-2] for n in _touched(store, done.graph)} <= {
        "claim", "evidence", "document"}
    followed = labels.cached_index(store, ids)
    assert followed is not None and followed is not start, "the index was followed"
    claim = next(e for e in followed.entries if e and e.kind == "claim" and
                 e.iri in {str(c) for c in _claims_of(store, done.graph)})  # fmt: skip
    words = " ".join(claim.norm.split()[:3])
    assert claim.iri in followed.match(words)
    _same_index(followed, store, [*queries, words])
    assert views.build_view(store, "actors") is view, "the actors view was kept"
    _same_view(view, store)
    # an actor renamed: its entries are read again, the view made again from its inputs
    blinken = URIRef("https://w3id.org/diplograph/id/actor/antony-blinken")
    graph_name = _graph_of(store, blinken)
    renamed = Graph()
    for t in store.graph(graph_name):
        renamed.add(t)
    renamed.remove((blinken, RDFS.label, None))
    renamed.add((blinken, RDFS.label, Literal("Antony Q. Blinken", lang="en")))
    write(store, lambda: {graph_name: renamed})
    followed = labels.cached_index(store, ids)
    assert followed is not None
    assert followed.label(str(blinken)) == "Antony Q. Blinken"
    assert str(blinken) in followed.match("antony q")
    _same_index(followed, store, [*queries, words, "antony q"])
    followed_view = views.build_view(store, "actors")
    assert views.previous(followed_view) is view
    view = followed_view
    assert view.nodes["actor/antony-blinken"]["label"] == "Antony Q. Blinken"
    _same_view(view, store)
    # an actor touched where the view reads nothing (a comment): followed, found unchanged, kept
    commented = Graph()
    for t in store.graph(graph_name):
        commented.add(t)
    commented.add((blinken, RDFS.comment, Literal("Secretary of State, 2021-2025", lang="en")))
    write(store, lambda: {graph_name: commented})
    assert views.build_view(store, "actors") is view, "nothing it shows changed: kept"
    _same_view(view, store)
    # a delete: the document's claims leave the index; the view is kept
    delete_document(store, done.graph.rsplit("/", 1)[-1])
    followed = labels.cached_index(store, ids)
    assert followed is not None and claim.iri not in followed.match(words)
    _same_index(followed, store, [*queries, words])
    assert views.build_view(store, "actors") is view
    _same_view(view, store)
    # the first index, held by a reader all along, answers as it did
    assert {q: start.match(q) for q in queries} == before
    assert {q: start.matching(q, kinds={"claim"}) for q in queries} == \
        {q: set(start.match(q, kinds={"claim"})) for q in queries}  # fmt: skip


def test_a_write_that_adds_an_engagement_and_actors_is_followed_in_the_actors_view(
        written: GraphStore) -> None:  # fmt: skip
    """An ingest that adds an engagement, actors and holdings, then its delete: the actors view
    is made again from its inputs read for the touched nodes, equal to a rebuild, and the JSON
    of its unchanged parts is taken from the view it replaced."""
    store, ids = written, Ids()
    labels.index_for(store, ids).postings()
    view = views.build_view(store, "actors")
    graph_answers.parts(view).fill()
    text = (READOUTS / "cn-vice-ministerial-consultation-2024.txt").read_text(encoding="utf-8")
    done = ingest(store, text)
    assert {"meeting", "actor", "holding"} <= {
        str(n).split("/")[-2] for n in _touched(store, done.graph)}
    patched = views.build_view(store, "actors")
    assert patched is not view and views.previous(patched) is view
    assert patched.number_of_nodes() > view.number_of_nodes()
    _same_view(patched, store)
    parts, fresh = graph_answers.parts(patched), graph_answers.Parts(patched)
    for node in patched:
        assert parts.node(node) == fresh.node(node)
        assert parts.edges_from(node) == fresh.edges_from(node)
        assert parts.by_target(node) == fresh.by_target(node)
    assert sum(parts._nodes[n] is graph_answers.parts(view)._nodes.get(n) for n in patched) > \
        patched.number_of_nodes() // 2  # fmt: skip
    followed = labels.cached_index(store, ids)
    assert followed is not None
    _same_index(followed, store, ["consultation", "vice", "xie feng", "campbell"])
    delete_document(store, done.graph.rsplit("/", 1)[-1])
    after = views.build_view(store, "actors")
    assert after is not patched
    _same_view(after, store)
    assert dict(after.nodes(data=True)) == dict(view.nodes(data=True))


def _touched(store: GraphStore, graph_name: str) -> set[str]:
    return {str(s) for s, _p, _o in store.graph(graph_name)}


def _claims_of(store: GraphStore, graph_name: str) -> set[str]:
    return {str(s) for s, p, _o in store.graph(graph_name) if str(p) == vocab.STATEMENT}


@pytest.mark.parametrize("among_max", [claims_api.AMONG_MAX, 0], ids=["few-hits", "many-hits"])
def test_search_text_pages_are_the_same_from_the_model_and_the_store(
        store: GraphStore, written: GraphStore, among_max: int,
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """``/claims?q=``: the read model pages a text's hits however many there are; the store's
    query takes them as a list when few, else keeps them of what the other filters select.
    Every way answers the same pages."""
    monkeypatch.setattr(claims_api, "AMONG_MAX", among_max)
    assert build.attach(written) is not None
    index = labels.index_for(store, Ids())
    asked = 0
    for q in ("china", "taiwan", "the", "agree", "red line", "zzzz-nothing"):
        for wanted in (claims.ClaimFilter(), claims.ClaimFilter(since=dt.date(2023, 1, 1))):
            for sort in ("-date", "date"):
                for offset, limit in ((0, 7), (5, 20), (0, 500)):
                    paged = Paging(limit=limit, offset=offset)
                    answers = [claims_api.claims_page(store=s, index=index, wanted=wanted,
                                                      paged=paged, q=q, sort=sort)
                               for s in (store, written)]  # fmt: skip
                    assert answers[0] == answers[1], (q, wanted, sort, offset)
                    spliced = claims_api.claims_page(store=written, index=index, wanted=wanted,
                                                      paged=paged, q=q, sort=sort, written=True)
                    assert written_answer(Page[Claim], spliced).body == \
                        json_answer(Page[Claim], answers[0]).body  # fmt: skip
                    asked += bool(answers[0]["items"])
    assert asked > 50


def test_a_reader_takes_the_view_as_it_was_while_a_write_is_followed(
        written: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """While a write's caches follow it (an engagement added: the actors view made again),
    a reader gets the view as it was before the write at once, not after waiting for the
    follow; once the write returns, every reader gets the followed view."""
    store = written
    view = views.build_view(store, "actors")
    entered, release = threading.Event(), threading.Event()

    def hold(_store: GraphStore, _before: int, _touched: object) -> None:
        entered.set()
        release.wait(30)

    monkeypatch.setattr(commit, "_LISTENERS", [hold, *commit._LISTENERS])  # before every cache
    text = (READOUTS / "cn-vice-ministerial-consultation-2024.txt").read_text(encoding="utf-8")
    writer = threading.Thread(target=ingest, args=(store, text))
    writer.start()
    try:
        assert entered.wait(60), "the write reached its listeners"
        began = time.monotonic()
        assert views.build_view(store, "actors") is view
        assert time.monotonic() - began < settling.WAIT_S / 2, "served, not waited for"
        assert writer.is_alive(), "the write is not answered while it is followed"
    finally:
        release.set()
        writer.join(60)
    followed = views.build_view(store, "actors")
    assert followed is not view and views.previous(followed) is view
    _same_view(followed, store)
