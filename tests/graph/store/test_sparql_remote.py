"""The external-engine backend: its setting, its query rewriting, and what only Virtuoso shows.

The contract every backend shares is in test_store_contract.py; here are the parts that exist
only because the engine is remote: the ``sparql:`` setting, VALUES placement, paging, caps,
credentials, timeouts, staged writes and the CLI end to end.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from typer.testing import CliRunner

from graph.cli import app
from graph.inference import closure
from graph.namespaces import GRAPH_BASE, graph_iri
from graph.paths import COMPETENCY_DIR
from graph.sparql.text import (
    SparqlTextError,
    has_dataset_clause,
    inject_values,
    split_slice,
    star_variables,
    where_group,
    with_base,
    with_using,
)
from graph.store import ReadOnlyStoreError, StoreError, open_store
from graph.store.remote import writes as rw
from graph.store.remote.client import RemoteStore
from graph.store.remote.config import parse
from tests.support.virtuoso import Virtuoso

EX = "http://example.org/"
G1 = graph_iri("file", "one")

# -- the setting ----------------------------------------------------------------------------


def test_setting_defaults_and_options(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("UPDATE_URL", "USER", "PASSWORD", "TIMEOUT"):
        monkeypatch.delenv(f"DIPLOGRAPH_SPARQL_{var}", raising=False)
    plain = parse("http://h:8890/sparql")
    assert plain.update_url == plain.query_url == "http://h:8890/sparql"
    assert (plain.user, plain.auth, plain.timeout) == (None, "digest", 60.0)
    assert plain.graph_prefix == GRAPH_BASE
    full = parse("https://h/sparql|update=https://h/sparql-auth|user=dba|password=s3cret|"
                 "auth=basic|timeout=5|graphs=urn:g:")
    assert (full.update_url, full.user, full.password, full.auth, full.timeout, full.graph_prefix) \
        == ("https://h/sparql-auth", "dba", "s3cret", "basic", 5.0, "urn:g:")
    assert "s3cret" not in full.redacted()
    several = parse(f"http://h/sparql|graphs={GRAPH_BASE} http://example.org/")
    assert several.graph_prefixes == (GRAPH_BASE, "http://example.org/")
    assert several.owns("http://example.org/g") and not several.owns("http://example.com/g")


def test_setting_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLOGRAPH_SPARQL_UPDATE_URL", "http://h/sparql-auth")
    monkeypatch.setenv("DIPLOGRAPH_SPARQL_USER", "dba")
    monkeypatch.setenv("DIPLOGRAPH_SPARQL_PASSWORD", "pw")
    settings = parse("http://h/sparql")
    assert settings.update_url == "http://h/sparql-auth"
    assert (settings.user, settings.password) == ("dba", "pw")
    assert parse("http://h/sparql|user=other|password=x").user == "other", "the setting wins"


@pytest.mark.parametrize(("rest", "message"), [
    ("", "not an http"),
    ("ftp://h/sparql", "not an http"),
    ("http://h/sparql|colour=red", "unknown option"),
    ("http://h/sparql|user=dba", "both user and password"),
    ("http://h/sparql|timeout=soon", "timeout"),
    ("http://h/sparql|timeout=-1", "timeout"),
    ("http://h/sparql|auth=kerberos", "digest or basic"),
    ("http://h/sparql|update=nowhere", "update URL"),
    ("http://h/sparql|timeout=1|timeout=2", "twice"),
])
def test_bad_settings_are_named(rest: str, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIPLOGRAPH_SPARQL_PASSWORD", raising=False)
    monkeypatch.delenv("DIPLOGRAPH_SPARQL_USER", raising=False)
    with pytest.raises(StoreError, match=message):
        open_store(f"sparql:{rest}")


# -- VALUES placement and slicing ------------------------------------------------------------

@pytest.mark.parametrize(("query", "inside"), [
    ("SELECT ?s WHERE { ?s ?p ?o }", "?s ?p ?o"),
    ("PREFIX x: <http://x/{}>\nSELECT * { ?s ?p '}' }", "?s ?p '}'"),
    ("SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?s ?p ?o }", "?s ?p ?o"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . # }\n }", "?s ?p ?o . # }\n"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "?s ?p ?o"),
    ("ASK { ?s ?p \"\"\"{ tricky } \"\"\" }", '?s ?p """{ tricky } """'),
    ("DESCRIBE ?s WHERE { ?s ?p <http://x/#y> }", "?s ?p <http://x/#y>"),
])
def test_the_where_group_is_found(query: str, inside: str) -> None:
    start, end = where_group(query)
    assert query[start] == "{" and query[end] == "}"
    assert query[start + 1:end].strip() == inside.strip()


def test_values_go_first_in_the_outermost_group() -> None:
    query = "SELECT ?s ?v WHERE { ?s ?p ?o FILTER(?o = ?v) OPTIONAL { ?s ?q ?v } }"
    out = inject_values(query, {"v": '"x"'})
    assert out.startswith('SELECT ?s ?v WHERE { VALUES (?v) { ("x") }\n ?s ?p ?o')
    sub = inject_values("SELECT * WHERE { SELECT ?s WHERE { ?s ?p ?o } }", {"s": "<http://x>"})
    assert "VALUES (?s) { (<http://x>) } { SELECT ?s WHERE { ?s ?p ?o } }" in sub
    with pytest.raises(SparqlTextError):
        inject_values("SELECT ?s WHERE { ?s ?p ?o }", {"bad name) } ": '"x"'})
    with pytest.raises(SparqlTextError):
        inject_values("INSERT DATA { <a> <b> <c> }", {"s": "<http://x>"})


def test_dataset_clauses_and_slices_are_recognised() -> None:
    assert has_dataset_clause("SELECT * FROM <http://g> WHERE { ?s ?p ?o }")
    assert not has_dataset_clause("SELECT ?from WHERE { ?s <http://x/FROM> 'FROM' }")
    query, offset, limit = split_slice(
        "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 } } ORDER BY ?s LIMIT 20 OFFSET 7")
    assert (offset, limit) == (7, 20)
    assert "LIMIT 3" in query and "LIMIT 20" not in query


def test_using_clauses_go_before_each_operations_where() -> None:
    update = ("PREFIX ex: <http://x/>\nCLEAR ALL ;\n"
              "INSERT DATA { GRAPH <g> { <a> ex:where 'WHERE' } } ;\n"
              "INSERT { GRAPH <x> { ?s a ?t } } WHERE { ?s a ?t { SELECT ?s WHERE { ?s ?p ?o } } }"
              " ;\nDELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    out = with_using(update, ["<http://a>"], ["<http://n>"])
    assert out.count("USING <http://a> USING NAMED <http://n> WHERE") == 2
    assert "SELECT ?s WHERE" in out and "ex:where 'WHERE'" in out
    assert with_using(update, [], []) == update
    with pytest.raises(SparqlTextError, match="WITH"):
        with_using("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["<http://a>"], [])
    with pytest.raises(SparqlTextError, match="USING"):
        with_using("DELETE { ?s ?p ?o } USING <g> WHERE { ?s ?p ?o }", [], ["<http://a>"])
    with pytest.raises(SparqlTextError, match="DELETE WHERE"):
        with_using("DELETE WHERE { ?s ?p ?o }", ["<http://a>"], [])
    with pytest.raises(SparqlTextError, match="serialised IRI"):
        with_using("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["<a> } ; DROP ALL ; #"], [])


def test_a_base_goes_first_and_the_texts_own_wins() -> None:
    assert with_base("ASK {}", "<http://h/sparql>") == "BASE <http://h/sparql>\nASK {}"
    with pytest.raises(SparqlTextError):
        with_base("ASK {}", "<http://h> } ")


def test_select_star_columns_follow_the_text() -> None:
    text = "PREFIX : <x>\nSELECT * WHERE { ?s ?p ?o OPTIONAL { ?o ?p2 ?o2 } } ORDER BY ?s"
    assert star_variables(text, ["o", "o2", "p", "p2", "s"]) == ["s", "p", "o", "p2", "o2"]
    assert star_variables("SELECT DISTINCT * { ?b ?a }", ["a", "b"]) == ["b", "a"]
    assert star_variables("SELECT ?a ?b { ?b ?a }", ["a", "b"]) == ["a", "b"]


def test_blank_node_components_stay_whole() -> None:
    g = Graph()
    chain = [BNode() for _ in range(1200)]
    for a, b in itertools.pairwise(chain):
        g.add((a, URIRef(EX + "next"), b))
    for i in range(2500):
        g.add((URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(i)))
    ops = rw.insert_operations(G1, g)
    templates = [op for op in ops if op.startswith("INSERT {")]
    assert len(templates) == 1, "a blank-node chain longer than a batch is never split"
    assert sum(op.count(" .\n") for op in ops) == len(g)
    assert closure([(1, 2), (2, 3), (3, 1)]) == sorted(
        [(a, b) for a in (1, 2, 3) for b in (1, 2, 3)])


# -- against a real Virtuoso -----------------------------------------------------------------

@pytest.fixture
def remote(virtuoso_server: Virtuoso) -> Iterator[RemoteStore]:
    store = open_store(virtuoso_server.store_setting())
    assert isinstance(store, RemoteStore)
    store.replace_graphs({}, drop=store.graph_names())
    yield store
    store.close()


def _triples(n: int, text: str = "") -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"{EX}s{i:05d}"), URIRef(EX + "p"), Literal(f"v{i:05d}{text}")))
    return g


@pytest.mark.virtuoso
def test_virtuoso_is_detected_and_its_system_graphs_stay_hidden(remote: RemoteStore) -> None:
    assert remote.description.startswith("Virtuoso")
    assert "password" not in remote.description and ":dba@" not in remote.description
    remote.replace_graphs({G1: _triples(3)})
    assert remote.graph_names() == [G1]
    rows = remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert rows == [{"g": URIRef(G1)}]
    assert not remote.ask("ASK { ?s a <http://www.openlinksw.com/schemas/virtrdf#QuadMap> }")
    # a query naming its own dataset reaches past the application's graphs (Virtuoso's own)
    assert remote.ask("ASK FROM <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o }")


@pytest.mark.virtuoso
def test_graphs_outside_the_prefix_are_refused(remote: RemoteStore) -> None:
    with pytest.raises(StoreError, match="outside the graphs this store owns"):
        remote.replace_graphs({"http://example.org/elsewhere": _triples(1)})
    with pytest.raises(StoreError, match="cannot be queried"):
        remote.ask("ASK { ?s ?p ?o }",
                   dataset=(["http://www.openlinksw.com/schemas/virtrdf#"], []))


@pytest.mark.virtuoso
def test_a_protocol_dataset_is_sent_to_the_engine(remote: RemoteStore) -> None:
    other = graph_iri("file", "two")
    remote.replace_graphs({G1: _triples(2), other: _triples(3, "b")})
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert remote.select(count, dataset=([G1], []))[0]["n"].toPython() == 2  # type: ignore[attr-defined]  # a count is a Literal
    assert remote.select(count, dataset=([], [G1, other]))[0]["n"].toPython() == 0  # type: ignore[attr-defined]  # a count is a Literal
    # GRAPH ?g ranges over the named graphs given (Virtuoso opens a graph named by its IRI
    # whatever the dataset, so the check uses a variable)
    in_other = "ASK { GRAPH ?g { ?s ?p 'v00000b' } }"
    assert remote.ask(in_other, dataset=([], [other]))
    assert not remote.ask(in_other, dataset=([], [G1]))


@pytest.mark.virtuoso
def test_several_prefixes_are_owned(virtuoso_server: Virtuoso) -> None:
    store = open_store(f"{virtuoso_server.store_setting()}|graphs={GRAPH_BASE} {EX}")
    store.replace_graphs({}, drop=store.graph_names())
    try:
        store.replace_graphs({G1: _triples(1), f"{EX}g": _triples(2)})
        assert store.graph_names() == sorted([G1, f"{EX}g"])
        assert store.quad_count() == 3
        assert store.ask("ASK { ?s ?p 'v00001' }")
    finally:
        store.replace_graphs({}, drop=store.graph_names())
        store.close()


@pytest.mark.virtuoso
def test_an_old_list_of_graphs_is_read_again_without_a_wait(
    virtuoso_server: Virtuoso, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer's graph shows once the list is old, listed again in the background
    while the caller keeps the old list."""
    from graph.store.remote import client

    store = open_store(virtuoso_server.store_setting())
    other = open_store(virtuoso_server.store_setting())
    assert isinstance(store, RemoteStore)
    two = graph_iri("file", "two")
    store.replace_graphs({}, drop=store.graph_names())
    try:
        store.replace_graphs({G1: _triples(1)})
        assert store.graph_names() == [G1]
        other.replace_graphs({two: _triples(2)})
        assert store.graph_names() == [G1], "young enough: trusted"
        monkeypatch.setattr(client, "NAMES_TTL", 0.0)
        assert store.graph_names() == [G1], "old: answered at once, listed in the background"
        deadline = time.monotonic() + 30
        while store.graph_names() != [G1, two]:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        other.replace_graphs({}, drop=[two])
        store.replace_graphs({}, drop=store.graph_names())
        store.close()
        other.close()


@pytest.mark.virtuoso
def test_the_grouped_listing_names_what_distinct_names(virtuoso_server: Virtuoso) -> None:
    """The listing (GROUP BY ?g, which Virtuoso plans on its graph index) names the graphs
    ``SELECT DISTINCT ?g`` names: one holding a single triple, none emptied by a drop, none of
    the engine's own graphs (outside our prefix)."""
    store = open_store(virtuoso_server.store_setting())
    assert isinstance(store, RemoteStore)
    small, big, gone = (graph_iri("file", n) for n in ("small", "big", "gone"))
    store.replace_graphs({}, drop=store.graph_names())
    try:
        store.replace_graphs({small: _triples(1), big: _triples(3000), gone: _triples(5)})
        store.replace_graphs({}, drop=[gone])
        distinct = httpx.post(virtuoso_server.query_url, timeout=30, data={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"}).json()
        every = {b["g"]["value"] for b in distinct["results"]["bindings"]}
        assert every - {small, big}, "the engine holds graphs of its own"
        assert store._list_graphs() == sorted({small, big}) == sorted(
            g for g in every if store.settings.owns(g))
    finally:
        store.replace_graphs({}, drop=store.graph_names())
        store.close()


@pytest.mark.virtuoso
def test_a_large_write_is_staged_then_moved(virtuoso_server: Virtuoso) -> None:
    settings = parse(virtuoso_server.store_setting().removeprefix("sparql:"))
    store = RemoteStore(settings, max_request_bytes=60_000)
    store.probe()
    data = _triples(4000, " with some padding to make the request large")
    assert len(rw.pack(rw.insert_operations(G1, data), store.max_request_bytes)) > 1
    store.replace_graphs({G1: data})
    assert store.quad_count(G1) == 4000
    assert store.graph_names() == [G1], "no staging graph is left visible"
    assert store.quad_count() == 4000
    leftover = httpx.post(virtuoso_server.query_url, timeout=10, data={"query": (
        "ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:x-diplograph:staging:')) }")},
        headers={"Accept": "application/sparql-results+json"})
    assert leftover.json()["boolean"] is False, "the staging graphs were moved away"
    store.replace_graphs({}, drop=[G1])
    store.close()


@pytest.mark.virtuoso
def test_construct_past_the_cap_is_an_error_not_a_silent_cut(remote: RemoteStore) -> None:
    remote.replace_graphs({G1: _triples(10_050)})
    with pytest.raises(StoreError, match="cap of 10000"):
        remote.construct("CONSTRUCT WHERE { ?s ?p ?o }")
    assert len(remote.construct("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 9000")) == 9000


@pytest.mark.virtuoso
def test_read_only_and_credentials(virtuoso_server: Virtuoso, remote: RemoteStore) -> None:
    reader = open_store(virtuoso_server.store_setting(), read_only=True)
    with pytest.raises(ReadOnlyStoreError):
        reader.replace_graphs({G1: _triples(1)})
    reader.close()
    wrong = open_store(virtuoso_server.store_setting().replace("password=dba", "password=wrong"))
    with pytest.raises(StoreError, match="refused the update"):
        wrong.replace_graphs({G1: _triples(1)})
    wrong.close()
    assert remote.graph_names() == []


@pytest.mark.virtuoso
def test_public_endpoint_writes_need_the_grant(virtuoso_server: Virtuoso,
                                               remote: RemoteStore) -> None:
    """Without credentials, /sparql refuses updates until SPARQL_UPDATE is granted to SPARQL."""
    public = open_store(virtuoso_server.store_setting(with_credentials=False))
    with pytest.raises(StoreError, match=r"(?i)permission"):
        public.replace_graphs({G1: _triples(2)})
    assert public.graph_names() == []
    virtuoso_server.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
    try:
        public.replace_graphs({G1: _triples(2)})
        assert public.quad_count(G1) == 2
        public.replace_graphs({}, drop=[G1])
    finally:
        virtuoso_server.isql('REVOKE SPARQL_UPDATE FROM "SPARQL";')
        public.close()


@pytest.mark.virtuoso
def test_engine_errors_carry_the_engine_message(remote: RemoteStore) -> None:
    with pytest.raises(StoreError, match=r"invalid SPARQL query: .*SP030.*line"):
        remote.select("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(StoreError, match="blank node"):
        remote.select("SELECT ?s WHERE { ?s ?p ?o }", {"s": BNode()})


def test_unreachable_engine_is_named() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError, match="cannot reach the SPARQL engine"):
        open_store(f"sparql:http://127.0.0.1:{port}/sparql|timeout=2")


def test_a_silent_engine_times_out() -> None:
    """An engine that accepts the connection and never answers is cut off at the timeout."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(server.accept()[0]), daemon=True)
    thread.start()
    try:
        with pytest.raises(StoreError, match=r"did not answer the query within 0\.5 s"):
            open_store(f"sparql:http://127.0.0.1:{server.getsockname()[1]}/sparql|timeout=0.5")
    finally:
        for conn in accepted:
            conn.close()
        server.close()


# -- the CLI end to end ------------------------------------------------------------------------

@pytest.mark.virtuoso
def test_cli_load_query_stats_validate(virtuoso_server: Virtuoso, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(virtuoso_server.store_setting())
    store.replace_graphs({}, drop=store.graph_names())
    store.close()
    setting = f"sparql:{virtuoso_server.query_url}|update={virtuoso_server.update_url}"
    env = {"DIPLOGRAPH_SPARQL_USER": "dba", "DIPLOGRAPH_SPARQL_PASSWORD": "dba"}
    runner = CliRunner()
    loaded = runner.invoke(app, ["load", "--store", setting], env=env)
    assert loaded.exit_code == 0, loaded.output
    assert "loaded" in loaded.output
    question = COMPETENCY_DIR / "07-seven-point-common-understandings.rq"
    answer = runner.invoke(app, ["query", "--store", setting, "-f", str(question),
                                 "--format", "json"])
    assert answer.exit_code == 0, answer.output
    assert len(json.loads(answer.stdout)) == 7
    stats = runner.invoke(app, ["stats", "--store", setting])
    assert stats.exit_code == 0 and "https://w3id.org/diplograph/graph/ontology" in stats.output
    checked = runner.invoke(app, ["validate", "--store", setting])
    assert checked.exit_code == 0, checked.output
    bad = runner.invoke(app, ["query", "--store", setting, "SELECT ?s WHERE { ?s ?p }"])
    assert bad.exit_code != 0 and "invalid SPARQL query" in bad.output
    missing = str(tmp_path / "missing.ttl")
    refused = runner.invoke(app, ["load", "--store", setting, missing], env=env)
    assert refused.exit_code != 0
