"""The external-engine backend: the whole GraphStore interface over a SPARQL 1.1 server.

``sparql:QUERY_URL[|update=URL][|user=NAME][|password=SECRET]...`` (see
``graph.store.remote.config``) runs load, validate, query and the API against, say, Virtuoso
instead of the embedded store. What the embedded stores do natively is rebuilt here from plain
SPARQL 1.1 Protocol requests:

* the default graph is the union of *this application's* named graphs (those under the graph
  prefix), sent as ``default-graph-uri``/``named-graph-uri``, so an engine's own system graphs
  (Virtuoso ships five) never reach an answer;
* bindings become a VALUES block at the start of the outermost WHERE group
  (``graph.sparql.text``);
* answers an engine caps (Virtuoso: 10,000 rows, announced by ``X-SPARQL-MaxRows``) are paged;
* every write is one update request where it fits (``graph.store.remote.writes``), the
  inferred graph rebuilt in the same request.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence

import httpx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph import inference
from graph.inference import Hierarchy, touched_subjects
from graph.namespaces import HIDDEN_GRAPHS, INFERRED_GRAPH, ONTOLOGY_GRAPH, is_inferred_part
from graph.rdf.terms import nt
from graph.sparql.text import (
    SparqlTextError,
    has_dataset_clause,
    inject_values,
    paged_select,
    query_form,
    split_slice,
)
from graph.store.base import Bindings, GraphStore, Quad, Row, StoreError
from graph.store.faults import Condition, StoreTimeout
from graph.store.remote import http
from graph.store.remote import queries as rq
from graph.store.remote import writes as rw
from graph.store.remote.config import RemoteSettings, parse

#: Seconds the list of our graphs is trusted when others may write to the engine too (the
#: views' staleness period, ``graph.views.registry.STALE_AFTER``).
NAMES_TTL = 30.0
#: A protocol dataset: (default graphs, named graphs).
GivenDataset = tuple[list[str], list[str]]
#: A graph that never exists: the dataset of a store that holds no graphs yet.
EMPTY_GRAPH = "urn:x-diplograph:no-graph"
#: Largest update request sent in one piece; Virtuoso refuses texts over 10 MB.
MAX_REQUEST_BYTES = 4_000_000
#: Virtuoso's default ResultSetMaxRows, assumed for CONSTRUCT until a header says otherwise.
VIRTUOSO_MAX_ROWS = 10_000
#: Seconds the health check waits for the engine's answer to ``ASK {}``, and how long its
#: verdict is kept (load balancers ask every few seconds, several at once).
PROBE_TIMEOUT = 2.0
PROBE_KEPT = 1.0


def open_remote(rest: str, *, read_only: bool) -> GraphStore:
    """The store a ``sparql:`` setting names, checked to answer before it is returned."""
    store = RemoteStore(parse(rest), read_only=read_only)
    try:
        store.probe()
    except StoreError:
        store.close()
        raise
    return store


def _binding_term(name: str, value: Node) -> str:
    if isinstance(value, BNode):
        raise StoreError(f"cannot bind ?{name} to a blank node on a remote SPARQL engine")
    try:
        return nt(value)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"cannot bind ?{name}: {exc}") from None


def _cap(response: httpx.Response) -> int | None:
    value = response.headers.get("x-sparql-maxrows", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


class RemoteStore(GraphStore):
    """A SPARQL 1.1 engine reached over HTTP; tested against Virtuoso Open Source 7.2."""

    def __init__(self, settings: RemoteSettings, *, read_only: bool = False,
                 max_request_bytes: int = MAX_REQUEST_BYTES) -> None:
        self.settings = settings
        self.read_only = read_only
        self.max_request_bytes = max_request_bytes
        self._client = http.SparqlClient(settings)
        self._write_lock = threading.Lock()
        self._max_rows: int | None = None
        self._names: tuple[float, list[str]] | None = None  # (when read, graph names)
        self._writes = 0  # writes begun: a list read across one is not kept
        self._listing = threading.Lock()  # one reader re-lists; the others keep the old list
        #: When listing the graphs last failed, and why: callers that queued behind that
        #: attempt fail with it rather than wait out the time limit once more each.
        self._list_failed: tuple[float, StoreError] | None = None
        #: The graphs bulk loads are filling, as of the last listing: no query sees them.
        self._loading: frozenset[str] = frozenset()
        self._condition = Condition()
        self._probed = -PROBE_KEPT  # monotonic time of the last health check
        self.description = self._describe()

    def _describe(self) -> str:
        engine = self._client.server.split("(")[0].strip() or "SPARQL 1.1 engine"
        mode = ", read-only" if self.read_only else ""
        return (f"{engine} at {self.settings.redacted()} "
                f"(graphs under {' '.join(self.settings.graph_prefixes)}{mode})")

    def probe(self) -> None:
        """Ask the engine a trivial question: fail early, and learn which engine it is."""
        http.boolean(self._client.query("ASK {}"))
        self.description = self._describe()

    def limit_queries(self, seconds: float) -> None:
        """Wait at most ``seconds`` for the answer to a query (the server's query time limit):
        a stopped engine costs a request that long, not the client's whole timeout."""
        self._client.query_timeout = min(seconds, self.settings.timeout)

    def condition(self) -> Condition:
        """Down while the engine does not answer ``ASK {}`` within ``PROBE_TIMEOUT``."""
        now = time.monotonic()
        if now - self._probed < PROBE_KEPT:
            return self._condition
        self._probed = now
        wait = min(PROBE_TIMEOUT, self._client.query_timeout or PROBE_TIMEOUT)
        try:
            self._client.ping(wait)
        except StoreTimeout:
            self._condition.move("down", f"the SPARQL engine at {self.settings.query_url} "
                                         f"does not answer within {wait:g} s")
        except StoreError as exc:
            self._condition.move("down", str(exc))
        else:
            self._condition.move("ok", None)
        return self._condition

    # -- reading ------------------------------------------------------------------------
    def _bind(self, query: str, bindings: Bindings | None) -> str:
        if not bindings:
            return query
        terms = {name: _binding_term(name, value) for name, value in bindings.items()}
        try:
            return inject_values(query, terms)
        except SparqlTextError as exc:
            raise StoreError(f"cannot bind values in this query: {exc}") from None

    def _dataset(self, query: str, given: GivenDataset | None = None,
                 staging: Sequence[str] = ()) -> list[tuple[str, str]]:
        """The dataset a query is sent with: ``given`` (a client's protocol dataset: default
        and named graphs), else this application's graphs (and the ``staging`` graphs of a
        bulk load) unless the query names its own."""
        if given is not None:
            default, named = given
            self._check_scope([*default, *named], "queried")
            if INFERRED_GRAPH in default:  # with the bulk loads' parts of it
                default = [*default, *self.inferred_parts()]
            # a half left out stays empty (the protocol), not the engine's every graph
            return ([("default-graph-uri", n) for n in default or [EMPTY_GRAPH]]
                    + [("named-graph-uri", n) for n in named or [EMPTY_GRAPH]])
        if has_dataset_clause(query):
            return []
        # The bulk loads' parts of the inferred graph join the default graph only: a pattern
        # GRAPH ?g never meets them, as the one inferred graph is left out by name.
        names = [*self._listed(), *staging]
        named = [n for n in names if not is_inferred_part(n)]
        return ([("default-graph-uri", n) for n in names or [EMPTY_GRAPH]]
                + [("named-graph-uri", n) for n in named or [EMPTY_GRAPH]])

    def _select(self, query: str, bindings: Bindings | None = None, *, scoped: bool = True,
                given: GivenDataset | None = None, staging: Sequence[str] = ()) -> list[Row]:
        text = self._bind(query, bindings)
        dataset = self._dataset(text, given, staging) if scoped else []
        try:
            response = self._client.query(text, dataset=dataset)
        except StoreError as exc:
            # Virtuoso SR353: ORDER BY whose OFFSET + LIMIT passes its sort limit
            if "SR353" not in str(exc):
                raise
            return self._pages(text, [], dataset, self._max_rows or VIRTUOSO_MAX_ROWS)
        answer = http.Solutions(response)
        cap = _cap(response)
        if cap is None or len(answer) < cap:
            return answer.rows()
        self._max_rows = cap
        return self._pages(text, answer.variables, dataset, cap)

    def _pages(self, query: str, variables: list[str], dataset: list[tuple[str, str]],
               size: int) -> list[Row]:
        """Every row of a capped answer, a page at a time, in the query's own order."""
        body, offset, limit = split_slice(query)
        result: list[Row] = []
        while limit is None or len(result) < limit:
            want = size if limit is None else min(size, limit - len(result))
            page_query = paged_select(body, variables, offset + len(result), want)
            page = http.Solutions(self._client.query(page_query, dataset=dataset)).rows()
            result.extend(page)
            if len(page) < want:
                break
        return result

    @staticmethod
    def _expect(query: str, *forms: str) -> None:
        try:
            form = query_form(query)
        except SparqlTextError as exc:
            raise StoreError(f"invalid SPARQL query: {exc}") from None
        if form not in forms:
            names = " or ".join(forms)
            raise StoreError(f"expected a {names} query, got {form}")

    def select(self, query: str, bindings: Bindings | None = None, *,
               dataset: GivenDataset | None = None) -> list[Row]:
        """``dataset`` (default graphs, named graphs): the SPARQL Protocol's, sent as such."""
        self._expect(query, "SELECT")
        return self._select(query, bindings, given=dataset)

    def ask(self, query: str, bindings: Bindings | None = None, *,
            dataset: GivenDataset | None = None) -> bool:
        self._expect(query, "ASK")
        text = self._bind(query, bindings)
        return http.boolean(self._client.query(text, dataset=self._dataset(text, dataset)))

    def construct(self, query: str, bindings: Bindings | None = None, *,
                  dataset: GivenDataset | None = None) -> Graph:
        self._expect(query, "CONSTRUCT", "DESCRIBE")
        text = self._bind(query, bindings)
        response = self._client.query(text, accept=http.RDF_ACCEPT,
                                      dataset=self._dataset(text, dataset))
        graph = http.triples(response)
        cap = _cap(response) or self._max_rows or (
            VIRTUOSO_MAX_ROWS if self._client.is_virtuoso else None)
        if cap is not None and len(graph) >= cap:
            raise StoreError(
                f"the CONSTRUCT/DESCRIBE answer reached the engine's cap of {cap} triples and may "
                "be incomplete; narrow it (LIMIT/OFFSET) or use a SELECT, which is paged"
            )
        return graph

    def select_with_staging(self, query: str, staging: Sequence[str],
                            bindings: Bindings | None = None) -> list[Row]:
        """A SELECT over our graphs and a bulk load's ``staging`` graphs, which no other
        query sees until they are moved into place (``graph.write.remote_bulk``)."""
        self._expect(query, "SELECT")
        return self._select(query, bindings, staging=staging)

    def graph_names(self) -> list[str]:
        """Our graphs; the bulk loads' parts of the inferred graph are shown as the inferred
        graph they belong to (``graph.write.remote_bulk``)."""
        names = self._listed()
        if not any(is_inferred_part(n) for n in names):
            return names
        return sorted({INFERRED_GRAPH, *(n for n in names if not is_inferred_part(n))})

    @property
    def hidden_graphs(self) -> tuple[str, ...]:
        """The audit trail, and the graphs bulk loads were filling at the last listing: read
        on the event loop for every public query, so never a request to the engine. A query
        that names its own graphs asks the registry again (``api.sparql.runner``)."""
        return (*HIDDEN_GRAPHS, *sorted(self._loading))

    def loading(self) -> frozenset[str]:
        """The graphs bulk loads are filling now (``rq.REGISTRY``), asked each time (a few
        rows); the graph list leaves them out."""
        rows = self._select(rq.REGISTERED, scoped=False)
        self._loading = frozenset(str(r["g"]) for r in rows)
        return self._loading

    def _no_loads(self) -> frozenset[str]:
        self._loading = frozenset()
        return self._loading

    def _listed(self) -> list[str]:
        """Our graphs, re-read at most every ``NAMES_TTL`` seconds and after our own writes,
        less those bulk loads are still filling (``rq.REGISTRY``).

        Every query is scoped to them, and listing them is a query of its own (35-80 ms on
        Virtuoso at a million triples, see ``rq.GRAPH_NAMES``): without the memo each REST
        call paid it.
        When the list is old, it is listed again in the background while every caller goes on
        with the old one; only a store with no list yet (or after a write of ours) waits.
        """
        held = self._names
        if held is not None and time.monotonic() - held[0] < NAMES_TTL:
            return list(held[1])
        if held is None:  # none to go on with: wait for whoever is listing, or list
            wait, began = self._client.query_timeout or self.settings.timeout, time.monotonic()
            if not self._listing.acquire(timeout=wait):  # a stopped engine: no queue of waits
                raise StoreTimeout(f"the SPARQL engine at {self.settings.query_url} did not "
                                   f"list the graphs within {wait:g} s")
            try:
                listed, failed = self._names, self._list_failed
                if listed is not None:
                    return list(listed[1])
                if failed is not None and failed[0] >= began:  # failed while this one waited
                    raise failed[1]
                return self._list_graphs()
            finally:
                self._listing.release()
        if self._listing.acquire(blocking=False):  # listed again in the background
            threading.Thread(target=self._relist, daemon=True, name="graph-names").start()
        return list(held[1])

    def _relist(self) -> None:
        """List the graphs again (the listing lock held by the caller, released here): no
        request waits for it, as a listing may take seconds."""
        try:
            self._list_graphs()
        except StoreError:
            pass  # kept in _list_failed; the old list serves until a listing succeeds
        finally:
            self._listing.release()

    def prime(self) -> None:
        """List our graphs now (a server's start-up), so no first request waits for it."""
        with contextlib.suppress(StoreError):
            self.graph_names()

    def _list_graphs(self) -> list[str]:
        writes, read_at = self._writes, time.monotonic()
        try:
            rows = self._select(rq.GRAPH_NAMES, scoped=False)
            # after the graphs: a load registers its graphs before it fills them and shows
            # them by taking the entries out, so this order never lists a hidden one; with
            # no registry among the graphs no load was under way (one request, not two)
            listed = {str(r["g"]) for r in rows if isinstance(r.get("g"), URIRef)}
            loading = self.loading() if rq.REGISTRY in listed else self._no_loads()
        except StoreError as exc:
            self._list_failed = (time.monotonic(), exc)
            raise
        names = sorted(g for g in listed if self.settings.owns(g) and g not in loading)
        if writes == self._writes:  # no write of ours began meanwhile
            self._names = (read_at, names)
        return list(names)

    def _parts(self, name: str) -> list[str]:
        """The engine's graphs that make up graph ``name``: the inferred graph is its bulk
        loads' parts as well."""
        return [name, *self.inferred_parts()] if name == INFERRED_GRAPH else [name]

    def inferred_parts(self) -> list[str]:
        """The parts of the inferred graph that bulk loads keep (``graph.write.remote_bulk``)."""
        return [n for n in self._listed() if is_inferred_part(n)]

    def graph(self, name: str) -> Graph:
        graph = Graph()
        for part in self._parts(name):
            for row in self._select(rq.GRAPH_TRIPLES, {"g": URIRef(part)}, scoped=False):
                graph.add((row["s"], row["p"], row["o"]))
        return graph

    def quad_count(self, graph: str | None = None) -> int:
        if graph is None:
            total = 0
            for prefix in self.settings.graph_prefixes:
                rows = self._select(rq.SCOPE_SIZE, {"prefix": Literal(prefix)}, scoped=False)
                total += int(rows[0]["n"].toPython()) if rows else 0  # type: ignore[attr-defined]  # a count is a Literal; Node lacks toPython
            return total
        total = 0
        for part in self._parts(graph):
            rows = self._select(rq.GRAPH_SIZE, {"g": URIRef(part)}, scoped=False)
            total += int(rows[0]["n"].toPython()) if rows else 0  # type: ignore[attr-defined]  # a count is a Literal; Node lacks toPython
        return total

    def quads_about(
        self, nodes: Iterable[Node], *, as_object: bool = False, predicate: URIRef | None = None,
        predicates: Collection[URIRef] | None = None,
    ) -> list[Quad]:
        """The nodes in VALUES blocks of ``NODES_PER_REQUEST``, one request each.

        Blank nodes cannot be named in a request, so they are skipped: the caller knows a
        write's own blank nodes from the write itself.
        """
        wanted = [n for n in dict.fromkeys(nodes)
                  if isinstance(n, URIRef) or (as_object and isinstance(n, Literal))]
        template = rq.QUADS_BY_OBJECT if as_object else rq.QUADS_BY_SUBJECT
        bound_predicates = [predicate] if predicate is not None else []
        if predicates is not None:
            bound_predicates = [p for p in predicates if predicate is None or p == predicate]
            if not bound_predicates:
                return []
        bound = (f"VALUES ?p {{ {' '.join(nt(p) for p in bound_predicates)} }}\n  "
                 if bound_predicates else "")
        found: list[Quad] = []
        size = rq.NODES_PER_REQUEST
        for i in range(0, len(wanted), size):
            terms = " ".join(nt(n) for n in wanted[i:i + size])
            query = template.format(nodes=terms, predicate=bound)
            found.extend((r["s"], r["p"], r["o"], str(r["g"])) for r in self._select(query))
        return found

    # -- writing ------------------------------------------------------------------------
    def _check_scope(self, names: Iterable[str], use: str = "written") -> None:
        names = list(names)
        known = self.loading() if names and use == "written" else self._loading
        if loading := [n for n in names if n in known]:
            raise StoreError(f"graph {loading[0]} is being bulk loaded and cannot be {use} "
                             "until the load ends")
        derived = [n for n in names if is_inferred_part(n)] if use == "written" else []
        if derived:
            raise StoreError(f"graph {derived[0]} holds a bulk load's inferences and cannot be "
                             "written: it is derived from the other graphs")
        outside = [n for n in names if not self.settings.owns(n)]
        if outside:
            owned = ", ".join(f"{p}..." for p in self.settings.graph_prefixes)
            why = "it would be invisible to every query" if use == "written" else \
                "the engine's other graphs are not served"
            raise StoreError(f"graph {outside[0]} is outside the graphs this store owns "
                             f"({owned}) and cannot be {use}: {why}")

    def _stored_hierarchy(self) -> Hierarchy:
        rows = self._select(rq.HIERARCHY, {"g": URIRef(ONTOLOGY_GRAPH)}, scoped=False)
        return Hierarchy.of((r["rel"], r["sub"], r["super"]) for r in rows)

    def _hierarchy_for(self, graphs: Mapping[str, Graph], drop: Iterable[str]) -> Hierarchy:
        if ONTOLOGY_GRAPH in graphs:
            return Hierarchy.of_graph(graphs[ONTOLOGY_GRAPH])
        if ONTOLOGY_GRAPH in drop:
            return Hierarchy()
        return self._stored_hierarchy()

    @property
    def is_virtuoso(self) -> bool:
        """Whether the engine said it is Virtuoso (known after the first answer)."""
        return self._client.is_virtuoso

    def hierarchy(self) -> Hierarchy:
        """The stored ontology's subclass and sub-property closures."""
        return self._stored_hierarchy()

    def send_operations(self, operations: Sequence[str]) -> None:
        """Operations in one request, with no re-inference: a bulk load's staging writes
        and its final move, which bring the new graph's inferences themselves."""
        self._check_writable()
        with self._write_lock:
            self._send(" ;\n".join(operations))

    def _head(self) -> str:
        return rq.VIRTUOSO_BIG_DATA if self._client.is_virtuoso else ""

    def _send(self, request: str) -> None:
        """Send one write; when Virtuoso blames the big-data hint, ask again without it.

        Virtuoso answers an account without SPARQL_UPDATE with "cannot be translated to an
        accurate SQL text, add define sql:big-data-const 0" when the hint is present; without
        it, the same request fails with the real reason (no permission) or simply succeeds.
        """
        head = rq.VIRTUOSO_BIG_DATA
        self._writes += 1
        try:
            self._client.update(request)
        except StoreError as exc:
            if not request.startswith(head) or "big-data-const" not in str(exc):
                raise
            self._client.update(request.removeprefix(head))
        finally:
            self._names = None  # our graphs may have changed: list them again next time
            self.generation += 1  # and what was read from them (others' writes cannot say so)

    def replace_graphs(self, graphs: Mapping[str, Graph], drop: Iterable[str] = (),
                       add: Mapping[str, Graph] | None = None) -> None:
        """One update request (drop, insert, re-infer) when it fits, else staged then moved.

        Atomic as far as the engine allows: a request that does not parse changes nothing,
        and Virtuoso commits a request as a whole, but it does not roll back operations that
        ran before a later one fails at run time (ours only fail when resources run out).
        """
        self._check_writable()
        drop = list(drop)
        add = add or {}
        self._check_scope([*graphs, *drop, *add])
        with self._write_lock:
            hierarchy = self._hierarchy_for(graphs, drop)
            old = {s for name in [*graphs, *drop] for s in self.graph(name).subjects()}
            subjects = touched_subjects(old, graphs, drop)
            if subjects is not None and len(subjects) > inference.SUBJECTS_PER_OPERATION:
                subjects = None  # one rebuild beats many VALUES-joined operations on Virtuoso
            parts = [] if subjects is not None else self.inferred_parts()
            writes, infer = rw.plan(graphs, drop, hierarchy, self.settings.graph_prefixes,
                                    subjects, parts)
            added = [op for name, graph in add.items() for op in rw.insert_operations(name, graph)]
            requests = rw.pack([*writes, *infer, *added], self.max_request_bytes, self._head())
            if len(requests) == 1:
                self._send(requests[0])
            else:
                self._staged_replace(graphs, drop, [*infer, *added])

    def _staged_replace(self, graphs: Mapping[str, Graph], drop: list[str],
                        infer: list[str]) -> None:
        """Upload into hidden staging graphs, then one request swaps them into place."""
        token = uuid.uuid4().hex
        staging = {name: f"{rw.STAGING_BASE}{token}:{i}"
                   for i, (name, graph) in enumerate(graphs.items()) if len(graph)}
        try:
            uploads = [op for name, s in staging.items()
                       for op in rw.insert_operations(s, graphs[name])]
            for request in rw.pack(uploads, self.max_request_bytes, self._head()):
                self._send(request)
            final = rw.drop_operations(dict.fromkeys([*graphs, *drop]))
            final += [rw.move_operation(s, name) for name, s in staging.items()]
            self._client.update(" ;\n".join([*final, *infer]))
            self.generation += 1
        except StoreError:
            # the original error matters; staging graphs are invisible anyway
            with contextlib.suppress(StoreError):
                self._client.update(" ;\n".join(rw.drop_operations(staging.values())))
            raise

    def update(self, update: str) -> None:
        """The caller's update and the re-inference in one request; again if the ontology moved.

        The closure is taken from the stored ontology before the update; when the update
        changed the hierarchy, a second request re-infers with the new one.
        """
        self._check_writable()
        with self._write_lock:
            before = self._stored_hierarchy()
            parts = self.inferred_parts()
            infer = inference.remote_full_operations(before, self.settings.graph_prefixes, parts)
            body = update.rstrip().rstrip(";")
            self.generation += 1
            self._client.update(f"{body}\n;\n" + " ;\n".join(infer))
            after = self._stored_hierarchy()
            if after != before:
                self._client.update(" ;\n".join(
                    inference.remote_full_operations(after, self.settings.graph_prefixes)))

    def close(self) -> None:
        self._client.close()
