"""Bulk loading a large file into an external engine (``sparql:`` stores), all or nothing.

One SPARQL update of a million triples is one transaction, and Virtuoso aborts it once its log
passes a limit ("SR325"), after minutes; moving ten million triples from a staging graph in one
request passes its ``MaxQueryExecutionTime`` (60 s in a packaged ``virtuoso.ini``). So nothing
is moved: the file is streamed (Oxigraph's parser, a chunk at a time: our memory does not grow
with the file) straight into its *final* named graph, in requests the engine takes (Graph Store
Protocol POSTs of ``CHUNK_TRIPLES`` triples on Virtuoso, ``INSERT DATA`` blocks elsewhere), and
that graph is hidden while it fills: before the first chunk it is written down in a small
registry graph (``REGISTRY``, with the host and process that fill it), and the store leaves
every registered graph out of its graph list, hence out of every query's dataset and of the
public endpoints (``RemoteStore._listed``, ``hidden_graphs``), and refuses to write it.

The inferences are the hard part: a million-triple file implies hundreds of thousands, and
adding them to the one inferred graph at the end is again one long request. So each bulk load
keeps its graph's inferences in a *part* of the inferred graph of its own
(``graph.namespaces.INFERRED_PART_BASE`` + the graph's path), filled beside it as the chunks
stream past (each inferred triple follows from one asserted triple and the ontology's
closures) and registered with it. The store shows the parts as the inferred graph: in the
default graph of every query (not as named graphs, so ``GRAPH ?g`` patterns that leave the
inferred graph out by name leave them out too), in ``graph_names``, ``graph`` and
``quad_count``; a re-inference takes a subject's inferred triples out of every part and derives
them into the one inferred graph, and a full rebuild drops the parts (``graph.inference``).
The inferred triples the part shares with the inferred graph or an older part are taken out of
it while it is hidden, as Virtuoso would answer a triple held in two default graphs twice.
A companion graph beats the alternatives: a staging graph moved at the end is the long
request again; Virtuoso's own loader (``ld_dir``/``rdf_loader_run``) needs the SQL port and
credentials and still leaves the inferences to add; inferring at query time would change every
query of the application.

While the file streams, up to ``per_class`` subjects of every class are drawn (reservoir
sampling), and once it is in, the same SHACL sample check as the embedded bulk loader
(``graph.write.bulk``) runs on them, over the store and the hidden graph together. Only then
does one small request remove the two registry entries and record the load in the audit
trail: the graph and its inferences appear at once, or not at all.

A refused file, a chunk the engine fails, or a syntax error half-way drop the hidden graphs.
A loader killed outright cannot: the next bulk load, or the next start of a server over the
store (``clean_up``), drops the registered graphs whose process is gone (the final name was
free before: the loader refuses a graph that exists), ``DROP_TRIPLES`` a request and the
registry entry last, as one ``DROP`` of ten million triples nearly passes Virtuoso's time
limit. Until then they take space but no query sees them.

Blank nodes are refused: a label is scoped to one request, so a blank node split over two
chunks would become two. Load such a file with ``diplograph load``.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import random
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.audit.record import activity
from graph.namespaces import (
    AUDIT_GRAPH,
    DG,
    GRAPH_BASE,
    INFERRED_GRAPH,
    INFERRED_PART_BASE,
    ONTOLOGY_GRAPH,
)
from graph.rdf.terms import nt
from graph.shacl.focus import validate_focus
from graph.store.base import StoreError
from graph.store.remote import http
from graph.store.remote import queries as rq
from graph.store.remote import writes as rw
from graph.store.remote.client import RemoteStore
from graph.write.files import (
    LoadError,
    LoadReport,
    ValidationFailed,
    add_bundled_ontology,
    graph_name_for,
)

log = logging.getLogger(__name__)

FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE}
#: Triples per Graph Store Protocol POST: Virtuoso takes 50,000 (about 11 MB) in under a
#: second; one request per chunk keeps a failure's cost to one chunk's time.
CHUNK_TRIPLES = 50_000
#: Triples per ``INSERT DATA`` block on other engines (Virtuoso's compiler overflows near 5,000).
BLOCK_TRIPLES = 1_000
#: Chunks sent but not yet answered: the parser runs ahead of the engine by this much at most.
IN_FLIGHT = 2
#: The registry of graphs being filled, and by whom ("host pid"): no query sees them.
REGISTRY, OWNER, REGISTERED = rq.REGISTRY, rq.OWNER, rq.REGISTERED

_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

#: A graph's registry entry removed (``{...}``: nt()-serialised IRIs only).
UNREGISTER = "DELETE WHERE {{ GRAPH {registry} {{ {graph} ?p ?o }} }}"
#: The triples of a hidden part of the inferred graph that an older one holds already.
SHARED = "DELETE {{ GRAPH {part} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {older} {{ ?s ?p ?o }} " \
    "GRAPH {part} {{ ?s ?p ?o }} }}"
#: Triples deleted per request when a hidden graph is dropped (``_drop``).
DROP_TRIPLES = 200_000
#: Rounds a hidden graph may not shrink (a killed loader's last chunks landing) before the
#: drop gives up; and seconds it must stay empty before a killed load's entry goes.
STUCK_ROUNDS, SETTLE_S = 10, 2.0
#: Up to ``{limit}`` triples of graph ``{graph}`` deleted (an nt()-serialised IRI, an int).
DELETE_SOME = ("DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ SELECT ?s ?p ?o "
               "WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT {limit} }}")
#: How many triples one graph ``?g`` holds (the hidden graph before it is shown).
GRAPH_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

#: (bytes read, bytes in the file, triples read): the CLI's progress bar.
Meter = Callable[[int, int, int], None]


@dataclass
class RemoteBulkReport(LoadReport):
    """A load report that also says how much of the file the SHACL check saw, and how fast."""

    sampled_nodes: int = 0
    sampled_triples: int = 0
    inferred: int = 0
    seconds: float = 0.0


def _owner() -> str:
    return f"{socket.gethostname()} {os.getpid()}"


def _alive(owner: str) -> bool:
    """Whether the process named ``owner`` ("host pid") may still be filling its graph: one
    on another host is assumed alive; on this one, it is when its process exists."""
    host, _, pid = owner.rpartition(" ")
    if host != socket.gethostname() or not pid.isdigit():
        return host != socket.gethostname()
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_abandoned(store: RemoteStore) -> list[str]:
    """Drop the hidden graphs of bulk loads whose process is gone (killed outright); the
    names dropped. Runs before every bulk load."""
    rows = store.select(REGISTERED)
    gone = sorted({str(r["g"]) for r in rows if not _alive(str(r["owner"]))})
    _drop(store, gone, SETTLE_S)
    return gone


def clean_up(store: RemoteStore) -> list[str]:
    """``drop_abandoned`` at a server's start, each graph dropped logged: a load killed
    outright otherwise leaves its hidden graphs on disk until the next bulk load, which may
    never come. Never raises (an engine down or refusing the drop is logged): a read-only
    store is left alone, and the next bulk load drops what is left."""
    if store.read_only:
        return []
    try:
        gone = drop_abandoned(store)
    except StoreError as exc:
        log.warning("could not drop the hidden graphs of killed bulk loads: %s", exc)
        return []
    for name in gone:
        log.warning("dropped hidden graph %s, left by a bulk load that was killed", name)
    return gone


def inferred_part(name: str) -> str:
    """The part of the inferred graph that holds the inferences of bulk-loaded graph ``name``."""
    tail = name.removeprefix(GRAPH_BASE) if name.startswith(GRAPH_BASE) else uuid.uuid4().hex
    return f"{INFERRED_PART_BASE}{tail}"


def _unregister(names: Iterable[str]) -> list[str]:
    return [UNREGISTER.format(registry=nt(URIRef(REGISTRY)), graph=nt(URIRef(n))) for n in names]


def _register(names: Iterable[str]) -> str:
    lines = "".join(f"{nt(URIRef(n))} {nt(URIRef(OWNER))} {nt(Literal(_owner()))} .\n"
                    for n in names)
    return rq.INSERT_DATA.format(blocks=rq.GRAPH_BLOCK.format(graph=nt(URIRef(REGISTRY)),
                                                               triples=lines))


def _drop(store: RemoteStore, names: Iterable[str], settle: float = 0.0) -> None:
    """Empty hidden graphs ``DROP_TRIPLES`` at a time, then take them out of the registry.

    One ``DROP`` of a ten-million-triple graph and its inferences took 58 s against the 60 s a
    packaged ``virtuoso.ini`` allows a request: a clean-up that failed so would fail at every
    start and before every load. A hidden graph need not go at once; its entry goes last, so
    it stays hidden until it is gone, and a clean-up cut short is taken up by the next one.
    A killed loader's last chunks may still be landing: with ``settle`` (seconds), a graph
    must stay empty that long before its entry goes.
    """
    for name in names:
        left, stuck = store.quad_count(name), 0  # read past the dataset: hidden, or a part
        while True:
            while left:
                store.send_operations([DELETE_SOME.format(graph=nt(URIRef(name)),
                                                          limit=DROP_TRIPLES)])
                before, left = left, store.quad_count(name)
                stuck = stuck + 1 if left >= before else 0
                if stuck > STUCK_ROUNDS:
                    raise StoreError(f"{name}: the engine deleted none of its {left} triples")
            if not settle:
                break
            time.sleep(settle)
            if not (left := store.quad_count(name)):
                break
        store.send_operations(_unregister([name]))


class _Closures:
    """The ontology's closures as Oxigraph terms, to derive inferences as triples stream by."""

    def __init__(self, store: RemoteStore) -> None:
        hierarchy = store.hierarchy()
        self.classes: dict[ox.NamedNode, list[ox.NamedNode]] = {}
        self.properties: dict[ox.NamedNode, list[ox.NamedNode]] = {}
        for pairs, into in ((hierarchy.classes, self.classes),
                            (hierarchy.properties, self.properties)):
            for sub, sup in pairs:
                into.setdefault(ox.NamedNode(str(sub)), []).append(ox.NamedNode(str(sup)))

    def inferred(self, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
        """What ``triples`` imply, as ``graph.inference`` derives it: the types' super-classes
        and the super-properties of each predicate."""
        out: list[ox.Triple] = []
        classes, properties = self.classes, self.properties
        for t in triples:
            p = t.predicate
            if p == _TYPE:
                for sup in classes.get(cast(ox.NamedNode, t.object), ()):
                    out.append(ox.Triple(t.subject, _TYPE, sup))
            for sup in properties.get(p, ()):
                out.append(ox.Triple(t.subject, sup, t.object))
        return out


class _Sample:
    """Up to ``per_class`` subjects of every class, drawn uniformly as the file streams by."""

    def __init__(self, per_class: int, seed: int) -> None:
        self.per_class = per_class
        self.rng = random.Random(seed)
        self.seen: dict[ox.NamedNode, int] = {}
        self.kept: dict[ox.NamedNode, list[ox.NamedNode]] = {}

    def offer(self, triples: Iterable[ox.Triple]) -> None:
        for t in triples:
            if t.predicate != _TYPE:
                continue
            cls = cast(ox.NamedNode, t.object)
            n = self.seen[cls] = self.seen.get(cls, 0) + 1
            kept = self.kept.setdefault(cls, [])
            if len(kept) < self.per_class:
                kept.append(cast(ox.NamedNode, t.subject))
            elif (i := self.rng.randrange(n)) < self.per_class:
                kept[i] = cast(ox.NamedNode, t.subject)

    def nodes(self) -> list[URIRef]:
        return list(dict.fromkeys(URIRef(s.value) for cls in sorted(self.kept, key=str)
                                  for s in self.kept[cls]))


class _Sender:
    """Chunks to the engine, ``IN_FLIGHT`` at most, from a thread so parsing goes on meanwhile."""

    def __init__(self, store: RemoteStore, timeout: float) -> None:
        self.store = store
        self.gsp = _gsp_url(store)
        auth: httpx.Auth | None = None
        settings = store.settings
        if settings.user and settings.password:
            kind = httpx.DigestAuth if settings.auth == "digest" else httpx.BasicAuth
            auth = kind(settings.user, settings.password)
        self.http = httpx.Client(timeout=timeout, auth=auth)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-send")
        self.pending: list[Future[None]] = []

    def send(self, graph: str, triples: list[ox.Triple]) -> None:
        """Queue ``triples`` for ``graph``; raises the error of an earlier chunk, if any."""
        while len(self.pending) >= IN_FLIGHT:
            self.pending.pop(0).result()
        self.pending.append(self.pool.submit(self.post, graph, triples))

    def post(self, graph: str, triples: list[ox.Triple]) -> None:
        """One chunk: a Graph Store Protocol POST (N-Triples is Turtle), else INSERT DATA."""
        if self.gsp is None:
            ops = [rq.INSERT_DATA.format(blocks=rq.GRAPH_BLOCK.format(
                graph=nt(URIRef(graph)),
                triples=_ntriples(triples[i:i + BLOCK_TRIPLES]).decode()))
                   for i in range(0, len(triples), BLOCK_TRIPLES)]
            self.store.send_operations(ops)
            return
        body = _ntriples(triples)
        try:
            response = self.http.post(self.gsp, params={"graph-uri": graph}, content=body,
                                      headers={"Content-Type": "text/turtle"})
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot send a chunk to {self.gsp}: {exc}") from None
        if response.status_code >= 300:
            raise StoreError(f"the engine refused a chunk (HTTP {response.status_code}): "
                             f"{http.engine_message(response)}")

    def drain(self) -> None:
        """Wait for every chunk sent; the first failure is raised."""
        try:
            for future in self.pending:
                future.result()
        finally:
            self.pending = []

    def close(self) -> None:
        for future in self.pending:
            future.cancel()
        self.pool.shutdown(wait=True)
        self.http.close()


def _ntriples(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _gsp_url(store: RemoteStore) -> str | None:
    """Virtuoso's Graph Store Protocol endpoint beside its SPARQL one (the Digest-protected
    one when the store writes with credentials); None for engines whose layout we do not know,
    which get INSERT DATA requests instead."""
    if not store.is_virtuoso:
        return None
    parts = urlsplit(store.settings.update_url)
    path = "/sparql-graph-crud-auth" if store.settings.user else "/sparql-graph-crud"
    return f"{parts.scheme}://{parts.netloc}{path}"


def _chunks(parser: Iterator[ox.Quad], size: int) -> Iterator[list[ox.Triple]]:
    while True:
        chunk = [q.triple for q in itertools.islice(parser, size)]
        if not chunk:
            return
        for t in chunk:
            if type(t.subject) is ox.BlankNode or type(t.object) is ox.BlankNode:
                raise LoadError("the file has blank nodes, which a chunked load would split "
                                "(a label holds within one request); give them IRIs, or load "
                                "the file with 'diplograph load'")
        yield chunk


def _quads(store: RemoteStore, staging: list[str], nodes: Iterable[Node], *,
           as_object: bool = False, predicate: URIRef | None = None) -> list[tuple[Node, ...]]:
    """``RemoteStore.quads_about`` over our graphs and the staging graph together."""
    wanted = list(dict.fromkeys(n for n in nodes if isinstance(n, URIRef)))
    template = rq.QUADS_BY_OBJECT if as_object else rq.QUADS_BY_SUBJECT
    bound = f"VALUES ?p {{ {nt(predicate)} }}\n  " if predicate is not None else ""
    found: list[tuple[Node, ...]] = []
    for i in range(0, len(wanted), rq.NODES_PER_REQUEST):
        terms = " ".join(nt(n) for n in wanted[i:i + rq.NODES_PER_REQUEST])
        query = template.format(nodes=terms, predicate=bound)
        found.extend((r["s"], r["p"], r["o"]) for r in store.select_with_staging(query, staging))
    return found


def neighbourhood(store: RemoteStore, staging: str, nodes: list[URIRef]) -> Graph:
    """What ``graph.shacl.focus.neighbourhood`` reads from the embedded store, read from the
    engine: the nodes' triples, those of every IRI they point at, and the members of any of
    them that is a bundle, from our graphs and the hidden graph being loaded."""
    out = Graph()
    graphs = [staging]
    members = _quads(store, graphs, nodes, as_object=True, predicate=DG.inBundle)
    for s, p, o in members:
        out.add((s, p, o))
    for triple in _quads(store, graphs, {m[0] for m in members}, predicate=DG.position):
        out.add(triple)  # type: ignore[arg-type]  # three terms
    own = _quads(store, graphs, nodes)
    for triple in own:
        out.add(triple)  # type: ignore[arg-type]  # three terms
    objects = {o for _s, _p, o in own if isinstance(o, URIRef)} - set(nodes)
    for triple in _quads(store, graphs, objects):
        out.add(triple)  # type: ignore[arg-type]  # three terms
    return out


def _count(store: RemoteStore, graph: str) -> int:
    rows = store.select_with_staging(GRAPH_SIZE, [graph], {"g": URIRef(graph)})
    return int(cast(Literal, rows[0]["n"]).toPython()) if rows else 0


def _unshare(store: RemoteStore, part: str) -> None:
    """Take out of the hidden ``part`` what the inferred graph or an older part holds (a
    request each; no one sees the part yet, so they need not be one)."""
    for older in [INFERRED_GRAPH, *store.inferred_parts()]:
        store.send_operations([SHARED.format(part=nt(URIRef(part)), older=nt(URIRef(older)))])


def bulk_load(store: RemoteStore, path: Path, *, per_class: int = 4, seed: int = 0,
              progress: Callable[[str], None] | None = None, meter: Meter | None = None,
              chunk_triples: int = CHUNK_TRIPLES) -> RemoteBulkReport:
    """Stream ``path`` into its named graph and its inferences into a part of the inferred
    graph, both hidden, sample-validate, then show both in one small request. The graph must
    not exist yet, as for the embedded bulk loader."""
    step = progress or (lambda _text: None)
    started = time.perf_counter()
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(f"{path.name}: the bulk loader reads .nt or .ttl files")
    name = graph_name_for(path)
    if not store.settings.owns(name):
        raise LoadError(f"{name} is outside the graphs this store owns")
    for gone in drop_abandoned(store):
        step(f"dropped {gone}, left by a bulk load that was killed")
    names = store.graph_names()
    if name in names:
        raise LoadError(f"{name} is already loaded: the bulk loader only adds new graphs")
    if name in {str(r["g"]) for r in store.select(REGISTERED)}:
        raise LoadError(f"{name} is being bulk loaded by another process")
    if ONTOLOGY_GRAPH not in names:  # as the embedded loader: classes and inference need it
        add_bundled_ontology(store)
    closures = _Closures(store)
    part = inferred_part(name)
    hidden = [name, part]
    store.send_operations([_register(hidden)])
    sender = _Sender(store, store.settings.timeout)
    sample = _Sample(per_class, seed)
    triples = inferred_count = 0
    total = path.stat().st_size
    try:
        step(f"{path.name}: streaming into {name}, hidden until it is checked")
        with path.open("rb") as source:
            held: list[ox.Triple] = []
            parser = ox.parse(cast(BinaryIO, source), format=fmt)
            for chunk in _chunks(parser, chunk_triples):
                sender.send(name, chunk)
                sample.offer(chunk)
                held.extend(closures.inferred(chunk))
                if len(held) >= chunk_triples:
                    sender.send(part, held)
                    inferred_count += len(held)
                    held = []
                triples += len(chunk)
                if meter:
                    meter(source.tell(), total, triples)
            if held:
                sender.send(part, held)
                inferred_count += len(held)
        sender.drain()
        if meter:
            meter(total, total, triples)
        nodes = sample.nodes()
        step(f"{path.name}: SHACL on a sample of {len(nodes)} nodes")
        data = neighbourhood(store, name, nodes)
        result = validate_focus(store, data, set(nodes))
        if not result.conforms:
            raise ValidationFailed(result)
        _unshare(store, part)
        stored = _count(store, name)
        step(f"{path.name}: showing {stored:,} triples in {name}")
        _, record = activity("load", graphs=[name], added=stored, removed=0)
        store.send_operations([  # the load's activity in the same request as the showing
            *_unregister(hidden), *rw.insert_operations(AUDIT_GRAPH, record)])
    except (SyntaxError, OSError, ValueError) as exc:
        _abandon(store, sender, hidden)
        raise LoadError(f"{path.name}: {exc}; nothing was written") from exc
    except StoreError as exc:
        _abandon(store, sender, hidden)
        raise LoadError(f"{path.name}: {exc}; nothing was written{_hint(exc)}") from exc
    except BaseException:
        _abandon(store, sender, hidden)
        raise
    sender.close()
    return RemoteBulkReport(graphs={name: stored}, validation=result, sampled_nodes=len(nodes),
                            sampled_triples=len(data), inferred=inferred_count,
                            seconds=time.perf_counter() - started)


def _hint(exc: StoreError) -> str:
    """What the operator can do when Virtuoso stops a request of the load at its own time
    limit (a packaged ``virtuoso.ini`` stops any request through the SPARQL endpoint after 60
    seconds): the requests are chunks and the small showing, but taking the inferences an
    older graph shares out of a large hidden part is one request."""
    if "SR171" not in str(exc):
        return ""
    return (" (Virtuoso stopped the request at its MaxQueryExecutionTime, [SPARQL] section of "
            "virtuoso.ini; a file this size needs a higher limit, or 0 for none, while it "
            "loads)")


def _abandon(store: RemoteStore, sender: _Sender, hidden: list[str]) -> None:
    """After a failure: stop sending and drop the hidden graphs (the original error matters)."""
    sender.close()
    with contextlib.suppress(StoreError):  # else left in the registry: the next load drops it
        _drop(store, hidden)
