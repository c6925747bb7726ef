"""The extractor's knowledge base, kept between ingests instead of read from the store each time.

Reading it (``load_kb``) scans every actor, post, engagement and claim in the store: 10-15 s
at 1M triples, which ingest paid on every document; building the extractor over it (name
matchers, claim index) another second or two. Both only change when the store does, so they
are kept per store with its write counter (``GraphStore.generation``).

A write that lands (``graph.write.commit.on_commit``) brings the kept knowledge base up to date from
the subjects it touched: their entries, and those that read them (a claim reads its evidence's
quotes, a post its organisation's country), are dropped and read again from a small store
holding just those resources and the nodes they point at. An ingest touches only new
resources, so the kept extractor is extended in place; a write that changes or removes an
actor, post, place or topic rebuilds the extractor (its name matchers cannot forget a name),
but not the knowledge base. A write whose subjects are unknown (the ontology changed), or one
made while nothing is kept, makes the next ingest read everything again.

A store written by others too (a remote engine, a store opened read-only beside a writer)
cannot count writes, so its knowledge base is read every time, as before.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal
from rdflib.term import Node

from graph.cache import StoreCache
from graph.extract.kb import KnowledgeBase, load_kb
from graph.extract.pipeline import Extractor
from graph.namespaces import DG, INFERRED_GRAPH, RDF
from graph.rdf.terms import from_json, from_ox, to_ox
from graph.store import GraphStore, Row
from graph.store.oxigraph import OxigraphStore
from graph.write.commit import exclusive, on_commit


@dataclass
class _Kept:
    kb: KnowledgeBase
    extractor: Extractor | None = None


#: The links through which a knowledge-base entry reads another resource's triples: a
#: claim its evidence's quotes, a post its organisation's country (see ``extract-*.rq``).
_READ_THROUGH = frozenset({DG.evidence, DG.organization})

_READ_THROUGH_OX = frozenset(ox.NamedNode(str(p)) for p in _READ_THROUGH)
_INFERRED = ox.NamedNode(INFERRED_GRAPH)
_TYPE = ox.NamedNode(str(RDF.type))
_DELTA = ox.NamedNode("urn:x-diplograph:kb-delta")
_KB = "kb"
#: Kept only for stores that count their writes: no ttl.
_CACHE: StoreCache[str, _Kept] = StoreCache(name="knowledge_base")


def _kept(store: GraphStore) -> _Kept:
    """The entry for the store as it is now, the knowledge base read again if it changed."""
    return _CACHE.get(store, _KB, lambda: _Kept(load_kb(store)))


def knowledge_base(store: GraphStore) -> KnowledgeBase:
    """The knowledge base of ``store`` as it is now, read again only when it has changed.

    Kept between calls and updated in place by later writes: read it under the write lock
    (``graph.write.commit``), as ingest does, and do not modify it (``KnowledgeBase.with_actors``
    makes a view for a document's own actors).
    """
    return _kept(store).kb


def extractor(store: GraphStore) -> Extractor:
    """An extractor over ``knowledge_base(store)``, built once and kept up to date with it.

    Use it under the write lock, as ingest does.
    """
    kept = _kept(store)
    if kept.extractor is None:
        kept.extractor = Extractor(kept.kb)
    return kept.extractor


def warm(store: GraphStore) -> None:
    """Read the knowledge base and build the extractor now, under the write lock, so the
    first document a server ingests does not wait for them (about 18 s at 1M triples).

    The server then moves them out of the garbage collector's reach
    (``graph._perf.freeze_heap``, in ``api.app.start_warming``); this function does not.
    """
    with exclusive():
        extractor(store).kb.build_indexes()


def is_warm(store: GraphStore) -> bool:
    """Whether an extractor for the store as it is now is kept (a warmed or used store)."""
    held = _CACHE.peek(store, _KB)
    return held is not None and held.extractor is not None


def _committed(store: GraphStore, before: int, touched: set[Node] | None) -> None:
    """After a write (under the write lock): bring the kept knowledge base up to date.

    The write has landed: whatever goes wrong here only means the knowledge base is read
    again in full by the next ingest, never that the write fails.
    """

    def keep(_key: str, held: _Kept) -> bool:
        if touched is None or any(isinstance(n, BNode) for n in touched):
            return False  # blank nodes cannot be looked up again by name
        try:
            _update(store, held, touched)
        except Exception:  # a failed refresh must not fail a write that has landed
            logging.getLogger(__name__).warning("knowledge base dropped", exc_info=True)
            return False
        return True

    _CACHE.carry(store, before, keep)


def _update(store: GraphStore, held: _Kept, touched: set[Node]) -> None:
    """Read again the entries the write touched, and extend or reset the extractor."""
    keys = _affected(store, touched)
    small, present = _small_store(store, keys)
    delta = load_kb(small, keys, present)
    gone = _forget(held.kb, keys)
    merge_into(held.kb, delta)
    if held.extractor is not None:
        held.extractor.forget(gone, keys)
        held.extractor.extend(delta, held.kb)


on_commit(_committed, readers=False)  # only ingests read it, under the write lock


def _affected(store: GraphStore, touched: set[Node]) -> set[str]:
    """The touched subjects and the resources whose entries read them: claims through their
    evidence (quotes), posts through their organisation (its country)."""
    nodes = {n for n in touched if not isinstance(n, Literal)}
    readers = {s for link in _READ_THROUGH
               for s, _p, _o, g in store.quads_about(nodes, as_object=True, predicate=link)
               if g != INFERRED_GRAPH}
    return {str(n) for n in nodes | readers}


def _small_store(store: GraphStore, keys: Collection[str]) -> tuple[GraphStore, set[str]]:
    """A small in-memory store with the stored triples of ``keys`` and of the nodes whose
    triples their knowledge-base entries read (evidence, organisations); and the classes and
    predicates of the keys' own triples, which tell ``load_kb`` which queries can answer (a
    deleted document's keys have none: no query is asked)."""
    named = [node for node in map(_named, keys) if node is not None]
    own = _quads(store, named)
    present = {q.predicate.value for q in own} | {
        q.object.value for q in own if q.predicate == _TYPE and isinstance(q.object, ox.NamedNode)}
    through = {q.object for q in own if q.predicate in _READ_THROUGH_OX} - set(named)
    small = _SmallStore(None)
    # straight into the engine: the extractor's queries name leaf classes, so no inference
    around = _quads(store, [n for n in through if isinstance(n, ox.NamedNode | ox.BlankNode)])
    small.engine.extend([*own, *around])
    return small, present


class _SmallStore(OxigraphStore):
    """The in-memory store of a write's resources, whose answers are read whole: pyoxigraph
    gives up the interpreter lock for every solution read and waits behind the server's
    readers to take it back (a few dozen rows an ingest, each a wait); serialised in one
    call, an answer gives it up once."""

    @staticmethod
    def _rows(result: ox.QuerySolutions) -> Iterator[Row]:
        names = [v.value for v in result.variables]
        text = result.serialize(format=ox.QueryResultsFormat.JSON) or b"{}"
        for found in json.loads(text).get("results", {}).get("bindings", []):
            yield {name: from_json(found[name]) for name in names if name in found}


def _named(key: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(key)
    except ValueError:  # not an IRI (a blank node's id): nothing is stored under it by name
        return None


def _quads(store: GraphStore, nodes: Sequence[ox.NamedNode | ox.BlankNode]) -> list[ox.Quad]:
    """The stored quads about ``nodes`` (as subjects) outside the inferred graph (the small
    store's queries read the union of its graphs): from the engine's index, as they are, when
    the store is Oxigraph, with no round trip through rdflib terms (a third of following an
    ingest) nor a quad made again for each; else in ``_DELTA``."""
    if isinstance(store, OxigraphStore):
        return [q for q in store.engine_quads_about(nodes) if q.graph_name != _INFERRED]
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), _DELTA)  # type: ignore[arg-type]  # rdflib types each position Node; each term fits its place
            for s, p, o, g in store.quads_about(map(from_ox, nodes)) if g != INFERRED_GRAPH]


def _forget(kb: KnowledgeBase, keys: set[str]) -> KnowledgeBase:
    """Drop the entries about ``keys``, in place; the named ones dropped (actors, posts,
    places, topics: what the extractor's matchers must forget)."""
    gone = KnowledgeBase(
        actors={k: kb.actors[k] for k in keys & kb.actors.keys()},
        posts={k: kb.posts[k] for k in keys & kb.posts.keys()},
        places={k: kb.places[k] for k in keys & kb.places.keys()},
        topics={k: kb.topics[k] for k in keys & kb.topics.keys()},
    )
    shrunk: list[Collection[Any]] = []  # the indexes take in additions only
    for table in (kb.actors, kb.posts, kb.places, kb.place_states, kb.engagements, kb.topics,
                  kb.bundles):
        if gone_keys := keys & table.keys():
            for key in gone_keys:
                del table[key]
            shrunk.append(table)
    if kb.has_holdings(keys):
        kb.holdings[:] = [h for h in kb.holdings if h.iri not in keys]
        shrunk.append(kb.holdings)
    if kb.has_claims(keys):
        kb.remove_claims(keys)
    kb.iris -= keys
    if shrunk:  # only the indexes over what shrank: rebuilding every one (the holdings')
        kb.changed(*shrunk)  # costs the next ingest tens of milliseconds at 1M triples
    return gone


def merge_into(kb: KnowledgeBase, delta: KnowledgeBase) -> KnowledgeBase:
    """Add ``delta``'s entries to ``kb`` in place, and return it.

    In place because a copy of a 1M-triple store's knowledge base costs more than the rest of
    an ingest; safe because the kept knowledge base is only read under the write lock, which
    the caller holds. ``delta``'s entries come last, so the knowledge base's indexes take them
    in; one that replaces an entry (not forgotten first) drops the indexes.
    """
    if any(delta_table.keys() & table.keys() for table, delta_table in (
            (kb.actors, delta.actors), (kb.engagements, delta.engagements))):
        kb.changed()
    kb.actors.update(delta.actors)
    kb.posts.update(delta.posts)
    kb.holdings.extend(delta.holdings)
    kb.places.update(delta.places)
    kb.place_states.update(delta.place_states)
    kb.engagements.update(delta.engagements)
    kb.topics.update(delta.topics)
    kb.claims.extend(delta.claims)
    kb.bundles.update(delta.bundles)
    kb.iris.update(delta.iris)
    return kb
