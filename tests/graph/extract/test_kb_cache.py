"""The extractor's knowledge base kept between ingests (``graph.extract.kb_cache``): after
ingests it must equal a fresh read of the store, and the extractor kept with it must index
what a fresh extractor would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from graph import queries
from graph.extract import kb_cache
from graph.extract.ingest import delete_document, ingest
from graph.extract.kb import QUERY_NEEDS, KnowledgeBase, load_kb
from graph.extract.pipeline import Extractor
from graph.extract.reiteration import content_words
from graph.namespaces import DG, RDF, entity_iri, graph_iri
from graph.store import GraphStore, open_store
from graph.store.oxigraph import OxigraphStore
from graph.write.commit import write
from tests.support.extract_support import corpus, corpus_meta, corpus_text, load_reference


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[GraphStore]:
    db = open_store(f"oxigraph:{tmp_path / 'store'}")
    load_reference(db)
    yield db
    db.close()


def _comparable(kb: KnowledgeBase) -> dict[str, Any]:
    """The knowledge base with every collection in a canonical order."""
    return {
        "actors": {k: (a.kind, sorted(a.labels.items()), sorted(a.aliases), a.country)
                   for k, a in kb.actors.items()},
        "posts": {k: (sorted(p.labels), p.organization, p.state) for k, p in kb.posts.items()},
        "holdings": sorted(map(repr, kb.holdings)),
        "places": {k: sorted(v) for k, v in kb.places.items()},
        "place_states": kb.place_states,
        "engagements": {k: repr(e) for k, e in kb.engagements.items()},
        "topics": {k: sorted(v) for k, v in kb.topics.items()},
        # a claim's quotes come joined in no fixed order: compare the words the index uses
        "claims": sorted((c.iri, c.type, sorted(c.claimants), c.date, c.negated,
                          sorted(content_words(c.text))) for c in kb.claims),
        "iris": kb.iris,
    }


def _answers(kb: KnowledgeBase) -> dict[str, Any]:
    """What the knowledge base's own indexes answer, for every post, person and month (sorted:
    an edited entry comes last in the kept tables, as it does for a scan)."""
    days = sorted({h.start for h in kb.holdings} | {h.end for h in kb.holdings if h.end})
    months = sorted({(e.start.year, e.start.month) for e in kb.engagements.values()})
    return {
        "holders": {(p, d): sorted(kb.holders(p, d)) for p in kb.posts for d in [None, *days]},
        "posts_of": {(a, d): sorted(kb.posts_of(a, d)) for a in kb.actors for d in [None, *days]},
        "engagements_in": {m: [e.iri for e in kb.engagements_in([m])] for m in months},
        "states": kb.states(),
        "organizations": kb.organization_named(),
    }


def _words(entries: list[Any], postings: dict[str, Any]) -> dict[str, list[str]]:
    """Each word of a group's postings with the IRIs of its claims not forgotten."""
    claims = {w: sorted(entries[i][1].iri for i in at if entries[i]) for w, at in postings.items()}
    return {w: iris for w, iris in claims.items() if iris}


def _indexes(extractor: Extractor) -> dict[str, Any]:
    linker, reiterations = extractor.linker, extractor.reiterations
    return {
        "targets": {k: sorted(t.iri for t in v) for k, v in linker.targets.items()},
        "surnames": linker.surnames,
        "cjk": sorted(k for k, _ in linker.cjk),
        "matchers": (len(linker.exact), len(linker.lower)),
        "claims": {k: sorted((e[1].iri, e[0]) for e in v if e is not None)
                   for k, v in reiterations.index.items()},  # forgotten claims leave None
        "words": {k: _words(reiterations.index[k], v) for k, v in reiterations.postings.items()},
    }


def test_kept_knowledge_base_equals_a_fresh_read_after_ingests(store: GraphStore) -> None:
    kept_before = kb_cache.extractor(store)
    for slug in list(corpus())[:3]:
        ingest(store, corpus_text(slug), corpus_meta(slug))
        kept = kb_cache.extractor(store)
        assert kept is kept_before, "an ingest extends the kept extractor, it does not rebuild"
        assert _comparable(kept.kb) == _comparable(load_kb(store))
        assert _answers(kept.kb) == _answers(load_kb(store))
        assert _indexes(kept) == _indexes(Extractor(load_kb(store)))


def test_another_write_makes_it_read_again(store: GraphStore) -> None:
    first = kb_cache.knowledge_base(store)
    assert kb_cache.knowledge_base(store) is first  # nothing changed: not read again
    france = URIRef(entity_iri("actor", "france"))
    graph = Graph()
    graph.add((france, RDFS.label, Literal("France", lang="en")))
    store.replace_graphs({graph_iri("file", "note"): graph})
    again = kb_cache.knowledge_base(store)
    assert again is not first
    assert _comparable(again) == _comparable(load_kb(store))


def test_a_delete_is_seen_by_the_next_ingest(store: GraphStore) -> None:
    slug = next(iter(corpus()))
    done = ingest(store, corpus_text(slug), corpus_meta(slug))
    assert done.extraction.iri in kb_cache.knowledge_base(store).iris
    kept, extractor = kb_cache.knowledge_base(store), kb_cache.extractor(store)
    claims = {entity_iri("claim", r["id"]) for r in done.extraction.claims}
    assert claims and kept.has_claims(claims)
    delete_document(store, done.extraction.slug)
    assert kb_cache.knowledge_base(store) is kept, "updated in place, not read again"
    assert kb_cache.extractor(store) is extractor, "the names it introduced are forgotten in place"
    assert done.extraction.iri not in kept.iris
    assert not kept.has_claims(claims), "the index of claim IRIs forgets them too"
    assert _comparable(kept) == _comparable(load_kb(store))
    assert _indexes(kb_cache.extractor(store)) == _indexes(Extractor(load_kb(store)))


def test_other_writes_update_it_in_place(store: GraphStore) -> None:
    slug = next(iter(corpus()))
    done = ingest(store, corpus_text(slug), corpus_meta(slug))
    kept = kb_cache.knowledge_base(store)
    wang_yi = URIRef(entity_iri("actor", "wang-yi"))
    actors = next(g for _s, _p, _o, g in store.quads_about([wang_yi], predicate=RDFS.label))
    claim = next(store.graph(done.graph).subjects(DG.statement, None))

    def edit() -> dict[str, Graph]:  # an actor gets a name, a claim a new statement
        names, claims = store.graph(actors), store.graph(done.graph)
        names.add((wang_yi, RDFS.label, Literal("Wang le diplomate", lang="fr")))
        claims.remove((claim, DG.statement, None))
        claims.add((claim, DG.statement, Literal("Zebras must be respected", lang="en")))
        return {actors: names, done.graph: claims}

    _answers(kept)  # the indexes built before the write
    extractor = kb_cache.extractor(store)
    write(store, edit)
    assert kb_cache.knowledge_base(store) is kept, "updated in place, not read again"
    assert kb_cache.extractor(store) is extractor, "a renamed actor is re-indexed in place"
    assert kept.actors[str(wang_yi)].labels["fr"] == "Wang le diplomate"
    assert "zebras" in next(c.text for c in kept.claims if c.iri == str(claim)).lower()
    assert _comparable(kept) == _comparable(load_kb(store))
    assert _answers(kept) == _answers(load_kb(store))
    assert _indexes(kb_cache.extractor(store)) == _indexes(Extractor(load_kb(store)))


def test_a_write_with_blank_nodes_lands_and_the_next_ingest_reads_again(
    store: GraphStore,
) -> None:
    kb_cache.warm(store)
    assert kb_cache.is_warm(store)
    graph = Graph()
    node = BNode()
    graph.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), node))
    graph.add((node, URIRef("https://example.org/q"), Literal("one")))
    report = write(store, lambda: {graph_iri("file", "blank"): graph})
    assert report.graphs[graph_iri("file", "blank")] == 2  # the write landed
    assert not kb_cache.is_warm(store)  # blank nodes cannot be read back by name: dropped
    assert _comparable(kb_cache.knowledge_base(store)) == _comparable(load_kb(store))


def test_an_edited_holding_is_answered_from_the_kept_indexes(store: GraphStore) -> None:
    """An edit replaces a holding in place (the table keeps its length): the index over it
    must not answer from before."""
    kept = kb_cache.knowledge_base(store)
    xi = entity_iri("actor", "xi-jinping")
    president = entity_iri("post", "china-president")
    assert kept.holders(president, dt.date(2020, 1, 1)) == [xi]
    holding = URIRef(entity_iri("holding", "xi-jinping--china-president--2013"))
    named = next(g for _s, _p, _o, g in store.quads_about([holding], predicate=DG.startDate))
    size = len(kept.holdings)

    def edit() -> dict[str, Graph]:  # the presidency ends in 2018
        graph = store.graph(named)
        graph.add((holding, DG.endDate, Literal(dt.date(2018, 3, 1))))
        return {named: graph}

    write(store, edit)
    assert kb_cache.knowledge_base(store) is kept and len(kept.holdings) == size
    assert kept.holders(president, dt.date(2020, 1, 1)) == []
    assert president not in kept.posts_of(xi, dt.date(2020, 1, 1))
    assert _answers(kept) == _answers(load_kb(store))


def test_a_view_with_new_actors_answers_for_them_and_leaves_the_kept_one_alone(
    store: GraphStore,
) -> None:
    from graph.extract.kb import Actor

    kept = kb_cache.knowledge_base(store)
    before = list(kept.states())
    atlantis = Actor(entity_iri("actor", "atlantis"), "state", {"en": "Atlantis"})
    guild = Actor(entity_iri("actor", "guild"), "organization", {"en": "Atlantean Guild"})
    view = kept.with_actors([atlantis, guild])
    assert atlantis.iri in view.states()
    assert view.organization_named()["atlantean guild"] == guild.iri
    assert kept.states() == before and atlantis.iri not in kept.states()
    assert "atlantean guild" not in kept.organization_named()


NEW_OFFICIAL = (
    "Readout of Deputy Secretary of State Kurt Campbell's Meeting with Vice Foreign Minister "
    "Ma Zhaoxu\n\nMay 5, 2024\n\nDeputy Secretary of State Kurt Campbell met Vice Foreign "
    "Minister Ma Zhaoxu in Beijing today. Deputy Secretary Campbell urged the PRC to stop "
    "supporting Russia's defense industrial base.\n"
)


def test_deleting_a_document_forgets_the_official_it_introduced(store: GraphStore) -> None:
    extractor = kb_cache.extractor(store)
    done = ingest(store, NEW_OFFICIAL)
    assert "kurt-campbell" in [a.slug for a in done.extraction.new_actors]
    assert any("campbell" in key for key in extractor.linker.targets)
    delete_document(store, done.extraction.slug)
    assert kb_cache.extractor(store) is extractor, "forgotten in place, not rebuilt"
    assert not any("campbell" in key for key in extractor.linker.targets)
    assert _indexes(extractor) == _indexes(Extractor(load_kb(store)))


def test_each_query_of_the_knowledge_base_needs_what_its_table_says() -> None:
    """``QUERY_NEEDS``, which lets a write's update skip queries: every resource a query
    answers about in the bundled graph is typed with (or uses) one of the terms listed."""
    from graph.write.files import bundled_files, plan

    store = OxigraphStore(None)
    store.replace_graphs(plan(bundled_files()))
    for name, needs in QUERY_NEEDS.items():
        rows = list(store.select_stream(queries.load(name)))
        assert rows, f"{name}: the reference graph has no resource to check it on"
        for row in rows:
            key = next(iter(row.values()))  # each query's first variable: its resource
            own = {str(o) for _s, p, o, _g in store.quads_about([key]) if p == RDF.type}
            own |= {str(p) for _s, p, _o, _g in store.quads_about([key])}
            assert not needs.isdisjoint(own), f"{name}: {key} has none of {sorted(needs)}"


def test_a_delete_asks_the_store_no_query_of_the_knowledge_base(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deleted document's resources have no triples left: nothing can answer about them."""
    slug = next(iter(corpus()))
    done = ingest(store, corpus_text(slug), corpus_meta(slug))
    asked: list[str] = []
    texts = {queries.load(name) for name in QUERY_NEEDS}
    raw_query = OxigraphStore.raw_query

    def counted(self: OxigraphStore, query: str, *args: Any, **kwargs: Any) -> Any:
        asked.extend([query] if query in texts else [])
        return raw_query(self, query, *args, **kwargs)

    monkeypatch.setattr(OxigraphStore, "raw_query", counted)
    delete_document(store, done.extraction.slug)
    assert asked == []
    ingest(store, corpus_text(slug), corpus_meta(slug))
    assert 0 < len(asked) < len(QUERY_NEEDS), "an ingest asks those its resources can answer"


def test_the_small_store_reads_answers_whole_as_rows_read_one_by_one() -> None:
    """A write's resources are read into a store whose answers come serialised in one call:
    the rows must be the terms ``OxigraphStore`` reads solution by solution."""
    ex = "https://example.org/"
    values = [Literal('tab\there "quoted" \\ 中美'), Literal("colour", lang="en-GB"),
              Literal("042", datatype=XSD.integer), Literal("2023-11-15", datatype=XSD.date),
              Literal("x", datatype=URIRef(ex + "custom")), Literal(""), BNode("b1"),
              URIRef(ex + "iri?q=1#f")]
    graph = Graph()
    for i, value in enumerate(values):
        graph.add((URIRef(f"{ex}s{i}"), URIRef(ex + "p"), value))
    graph.add((BNode("b1"), URIRef(ex + "r"), Literal("under a blank node")))
    query = ("SELECT ?s ?o ?r WHERE { ?s <https://example.org/p> ?o "
             "OPTIONAL { ?o <https://example.org/r> ?r } } ORDER BY ?s")
    small = kb_cache._SmallStore(None)
    small.replace_graphs({graph_iri("file", "terms"): graph})
    result = small.raw_query(query)  # the same blank nodes: read one by one, as the base class
    assert isinstance(result, ox.QuerySolutions)
    one_by_one = list(OxigraphStore._rows(result))
    whole = list(small.select_stream(query))
    assert len(whole) == len(values) and any("r" in row for row in whole)
    assert whole == one_by_one
    assert [{k: (type(v), getattr(v, "datatype", None), getattr(v, "language", None))
             for k, v in row.items()} for row in whole] == [
        {k: (type(v), getattr(v, "datatype", None), getattr(v, "language", None))
         for k, v in row.items()} for row in one_by_one]
