"""A search text's page from the read model's word lists is the page the label index's hits
give, byte for byte: the same claims in the same order and the same total, for every word of
the bundled graph, parts of words, words in other scripts, several words and every date
range, before and after writes that add a word, take one away and move a claim's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from api.json_answer import json_answer, written_answer
from api.pagination import Page, Paging
from api.schemas.claims import Claim
from api.services import claims as claims_api
from graph.extract.ingest import delete_document, ingest
from graph.lookups import claims, claims_model, labels, vocab
from graph.lookups.ids import Ids
from graph.namespaces import DG
from graph.readmodel import build, registry
from graph.readmodel.claims import ClaimState
from graph.store import GraphStore, open_store
from graph.write.commit import write
from graph.write.files import load

READOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "readouts"
F = claims.ClaimFilter
DATES = [F(), F(since=dt.date(2023, 1, 1)), F(until=dt.date(2023, 6, 30)),
         F(since=dt.date(2022, 3, 1), until=dt.date(2024, 2, 1)), F(since=dt.date(2031, 1, 1))]
PAGES = [(0, 1), (0, 7), (3, 20), (0, 500), (40, 20)]


@pytest.fixture()
def written(tmp_path: Path) -> Iterator[GraphStore]:
    """The bundled graph with a read model attached."""
    opened = open_store(f"oxigraph:{tmp_path / 'store'}")
    load(opened)
    assert build.attach(opened) is not None
    yield opened
    registry.keep(opened, None)
    opened.close()


def _queries(state: ClaimState) -> list[str]:
    """Every word the claims' names hold, a part of each, the words in other scripts and
    a part of those, and words no claim holds."""
    words = sorted(state.words)
    found = list(words[::3]) + [w[1:4] for w in words[1::3] if len(w) > 4]
    foreign = [w for w in words if not w.isascii()]
    found += foreign[:40] + [w[:2] for w in foreign[:40]] + [w[-3:] for w in foreign[:40]]
    found += [f"{a} {b}" for a, b in zip(words[::17], words[5::13], strict=False)]
    found += [f"{a[:3]} {b[-3:]}" for a, b in zip(foreign[:20], words[::29], strict=False)]
    return [*found, "china", "taiwan", "the", "a", "zzzz-nothing", "Taïwan", "CHINA",
            "red line", "south china sea", "human rights", "the the", "china zzzz", "a e i"]


def _same_pages(store: GraphStore, queries: list[str]) -> int:
    """Each query's newest-first pages, read from the word lists and from the label index's
    hits (the path for several words or other filters), compared; how many were non-empty."""
    state = registry.claims_now(store)
    assert state is not None
    index = labels.index_for(store, Ids())
    asked = 0
    for q in queries:
        tokens = set(labels.normalise(q).split())
        hits = frozenset(index.matching(q, kinds={"claim"}))
        for wanted in DATES:
            for start, limit in PAGES:
                new = claims_model.searched(state, tokens, wanted, True, start, start + limit,
                                            index.holding)  # fmt: skip
                old = claims_model.page(state, replace(wanted, among=hits), True, start,
                                        start + limit)  # fmt: skip
                assert new == old or (new is None and len(tokens) > 1), (q, wanted, start)
                asked += bool(old[1])
    return asked


@pytest.mark.parametrize("ratio", [claims_model.INTERSECT_RATIO, 10**9], ids=["rare", "any"])
def test_search_pages_are_the_label_index_hits_paged(
        written: GraphStore, ratio: int, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Several words: from the word lists when one is rare, always (``any``) for a test."""
    monkeypatch.setattr(claims_model, "INTERSECT_RATIO", ratio)
    state = registry.claims_now(written)
    assert state is not None and len(state.words) > 100
    assert any(not w.isascii() for w in state.words), "the graph has words in other scripts"
    assert _same_pages(written, _queries(state)) > 500


def test_the_word_lists_follow_writes_as_a_rebuild_makes_them(
        written: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """An ingest (new words), a claim's statement rewritten with a word no claim had and
    without its old ones, its date moved, then the document deleted (its words leave)."""
    store = written
    monkeypatch.setattr(claims_model, "INTERSECT_RATIO", 10**9)
    done = ingest(store, (READOUTS / "us-secretary-call-2024.txt").read_text(encoding="utf-8"))
    state = registry.claims_now(store)
    assert state is not None
    assert dict(state.words) == dict(build._build(store, store.generation).words)
    ingested = sorted(str(s) for s, p, _o in store.graph(done.graph) if str(p) == vocab.STATEMENT)
    claim = URIRef(ingested[0])
    old_words = state.rows[str(claim)].words
    rewritten = Graph()
    for t in store.graph(done.graph):
        rewritten.add(t)
    rewritten.remove((claim, DG.statement, None))
    rewritten.add((claim, DG.statement, Literal("Qwertyzed 北京风 statement", lang="en")))
    rewritten.remove((claim, DG.date, None))
    rewritten.add((claim, DG.date, Literal(dt.date(2021, 2, 3))))
    write(store, lambda: {done.graph: rewritten})
    state = registry.claims_now(store)
    assert state is not None
    assert dict(state.words) == dict(build._build(store, store.generation).words)
    assert state.words["qwertyzed"] == (str(claim),)
    gone = [w for w in old_words if w not in state.rows[str(claim)].words]
    assert gone and all(str(claim) not in state.words.get(w, ()) for w in gone)
    # its quotes' words are in other names than its statement: no hit with the new word
    quoted = [w for w in state.rows[str(claim)].words if w not in ("qwertyzed", "北京风")]
    assert quoted and not labels.index_for(store, Ids()).matching(f"qwertyzed {quoted[0]}")
    added = ["qwertyzed", "qwerty", "北京", "风", "statement", "qwertyzed 北京", *gone[:5]]
    added += [f"qwertyzed {w}" for w in quoted[:10]]
    assert _same_pages(store, _queries(state) + added) > 500
    delete_document(store, done.graph.rsplit("/", 1)[-1])
    state = registry.claims_now(store)
    assert state is not None and "qwertyzed" not in state.words
    assert dict(state.words) == dict(build._build(store, store.generation).words)
    assert _same_pages(store, [*added, "china", "taiwan"]) > 10


def test_a_search_answer_is_the_same_from_either_path(written: GraphStore) -> None:
    """Through the service, with the word lists and without them (several words, another
    filter or the oldest first go the label index's way), the written answer as well."""
    index = labels.index_for(written, Ids())
    topic = URIRef("https://w3id.org/diplograph/id/topic/taiwan")
    for q in ("china", "taiwan", "red line", "agree", "中国", "zzzz-nothing", "china the"):
        for wanted in (F(), F(since=dt.date(2023, 1, 1)), F(topic=topic), F(type="demand")):
            for sort in ("-date", "date"):
                paged = Paging(limit=20, offset=0)
                answer = claims_api.claims_page(store=written, index=index, wanted=wanted,
                                                paged=paged, q=q, sort=sort)  # fmt: skip
                hits = frozenset(index.matching(q, kinds={"claim"}))
                state = registry.claims_now(written)
                assert state is not None
                total, iris = claims_model.page(state, replace(wanted, among=hits),
                                                sort == "-date", 0, 20)  # fmt: skip
                assert answer["total"] == total
                assert [c["iri"] for c in answer["items"]] == iris
                spliced = claims_api.claims_page(store=written, index=index, wanted=wanted,
                                                  paged=paged, q=q, sort=sort, written=True)
                assert written_answer(Page[Claim], spliced).body == \
                    json_answer(Page[Claim], answer).body  # fmt: skip


def _same_topic_pages(store: GraphStore) -> int:
    """Each topic's newest-first pages (its narrower topics' claims with them), from the
    topics' lists and from the index's sets, compared; how many were non-empty."""
    state = registry.claims_now(store)
    assert state is not None
    asked = 0
    for topic in sorted({*state.index["topic"], *state.hierarchy.narrower}):
        for wanted in DATES:
            wanted = replace(wanted, topic=URIRef(topic))
            for start, limit in PAGES:
                new = claims_model.page(state, wanted, True, start, start + limit)
                with pytest.MonkeyPatch.context() as patched:
                    patched.setattr(claims_model, "topic_page", lambda *_a: None)
                    old = claims_model.page(state, wanted, True, start, start + limit)
                assert new == old, (topic, wanted, start, limit)
                asked += bool(old[1])
    return asked


def test_topic_pages_are_the_index_pages(written: GraphStore) -> None:
    """A topic (since a date, until one) paged from its and its narrower topics' lists, as
    the index's sets page it, before and after a write that changes a claim's topics (the
    lists follow a moved date as the word lists do: one code)."""
    state = registry.claims_now(written)
    assert state is not None and state.hierarchy.narrower, "some topic has narrower ones"
    assert _same_topic_pages(written) > 100
    done = ingest(written, (READOUTS / "us-presidents-call-2024.txt").read_text(encoding="utf-8"))
    claim = sorted(str(s) for s, p, _o in written.graph(done.graph) if str(p) == vocab.STATEMENT)[0]
    narrower = sorted(state.hierarchy.narrower)[0]
    rewritten = Graph()
    for t in written.graph(done.graph):
        rewritten.add(t)
    rewritten.remove((URIRef(claim), DG.topic, None))
    rewritten.add((URIRef(claim), DG.topic, URIRef(narrower)))
    write(written, lambda: {done.graph: rewritten})
    state = registry.claims_now(written)
    assert state is not None and claim in state.by_topic[narrower]
    assert dict(state.by_topic) == dict(build._build(written, written.generation).by_topic)
    assert _same_topic_pages(written) > 100
