"""One store contract, run against the embedded Oxigraph store, rdflib in memory and Virtuoso.

Every backend must give the same answers to the same loads and queries: the bundled graph and
its competency questions, small files, named graphs, idempotent reloads, refused writes,
hostile bound values and literals that must come back byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph.lookups import ledger
from graph.namespaces import (
    ACTOR,
    AUDIT_GRAPH,
    BUNDLE,
    CLAIM,
    DG,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    TOPIC,
    graph_iri,
)
from graph.paths import COMPETENCY_DIR
from graph.rdf.terms import nt
from graph.stats import class_counts, graph_counts
from graph.store import GraphStore, ReadOnlyStoreError, Row, StoreError, open_store
from graph.write.files import ValidationFailed, load
from tests.support.virtuoso import Virtuoso

EX = "http://example.org/"
G1 = graph_iri("file", "one")
G2 = graph_iri("file", "two")
VIRTUOSO = pytest.param("virtuoso", marks=pytest.mark.virtuoso)
BACKENDS = ["oxigraph", "memory", VIRTUOSO]
HOSTILE = [
    'quote " and \\" backslash-quote',
    "} UNION { ?s ?p ?o }",
    "'single' ''' triple ''' and \"\"\" too",
    "# not a comment\n} } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o",
    'multi\nline\r\nvalue ending in \\"',
    "tab\there",
    "<http://example.org/secret>",
    "王毅 왕이 مرحبا",
    "x" * 20_000,
]
EXACT = [
    "tab\there", "cr\rlf\n", "line\u2028separator", "emoji 🕊 and ZWJ 👩‍💻", "王毅会见布林肯",
    "Ван И", "نص عربي", "  leading and trailing  ", "back\\slash", "", "a\x7fdel",
    "y" * 50_000 + "é",
]
COMPETENCY_QUESTIONS = sorted(COMPETENCY_DIR.glob("*.rq"))
#: Competency questions Virtuoso 7.2 answers wrongly (engine bugs, not the backend's doing).
VIRTUOSO_WRONG = {
    "01-anchorage-participants.rq":
        "Virtuoso evaluates a FILTER inside OPTIONAL without the outer ?date (titles lost)",
    "02-red-lines-april-2024.rq":
        "Virtuoso's zero-or-one path `?x dg:country? actor:china` drops the one-step matches",
}


def _graph(*triples: tuple[Any, Any, Any]) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def _ex(name: str) -> URIRef:
    return URIRef(EX + name)


def _open(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    """A fresh, empty store of one backend (Virtuoso: the session's server, emptied)."""
    if backend == "oxigraph":
        return open_store(f"oxigraph:{tmp_path / 'db'}")
    if backend == "memory":
        return open_store("memory:")
    server: Virtuoso = request.getfixturevalue("virtuoso_server")
    store = open_store(server.store_setting())
    store.replace_graphs({}, drop=store.graph_names())
    return store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    db = _open(request.param, request, tmp_path)
    yield db
    db.close()


def _answer(rows: list[Row]) -> Counter[tuple[tuple[str, str], ...]]:
    """A multiset of rows, terms as N-Triples: order-free, exact about datatypes and tags."""
    return Counter(tuple(sorted((k, nt(v)) for k, v in row.items())) for row in rows)


class BundledAnswers:
    """What one backend answers after loading the bundled graph (loaded twice)."""

    def __init__(self, store: GraphStore) -> None:
        first = load(store)
        # the trail is no data, and where it is kept differs: a named graph of memory: and of
        # an engine, a store of its own beside the embedded one (not in its union)
        store.replace_graphs({}, drop=[AUDIT_GRAPH])
        self.first_counts = (store.quad_count(), store.graph_names())
        load(store, validate_first=False)  # validated once already: this is about replacing
        self.loaded = first.triples
        self.counts = (store.quad_count(), store.graph_names())
        self.questions = {
            q.name: _answer(store.select(q.read_text())) for q in COMPETENCY_QUESTIONS
        }
        self.classes = class_counts(store)
        self.graphs = graph_counts(store)
        self.ledger = _ledger_answers(store)


#: The commitment ledger's queries (graph/queries/ledger-*.rq) with every filter, and what
#: concerns claims and bundles at each depth (a member, a list of lists, a bundle's members).
LEDGER_FILTERS = [
    ledger.LedgerFilter(),
    ledger.LedgerFilter(kind="accused_of_breach", claimant=ACTOR["joe-biden"]),
    ledger.LedgerFilter(topic=TOPIC["taiwan"], since=dt.date(2024, 1, 1)),
    ledger.LedgerFilter(claimant=ACTOR["xie-feng"], until=dt.date(2022, 1, 1)),
    ledger.LedgerFilter(asserted_by=ACTOR["antony-blinken"], origin="curated"),
]
LEDGER_SUBJECTS = [
    str(CLAIM["undated--joe-biden--commitment--not-support-taiwan-independence"]),
    str(CLAIM["2021-07-26--xie-feng--demand--stop-suppressing-chinese-enterprises"]),
    str(CLAIM["2022-11-14--china-united-states--consensus--blinken-to-visit-china"]),
    str(BUNDLE["two-lists"]),
    str(BUNDLE["two-lists-wrongdoings"]),
    str(BUNDLE["bali-common-understandings"]),
]


def _ledger_answers(store: GraphStore) -> dict[str, Any]:
    return {
        "events": [ledger.find(store, wanted) for wanted in LEDGER_FILTERS],
        "concerning": ledger.concerning(store, LEDGER_SUBJECTS),
    }


@pytest.fixture(scope="module")
def bundled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            ) -> Callable[[str], BundledAnswers]:
    """Answers per backend, computed once per module (a load validates the whole graph)."""
    cache: dict[str, BundledAnswers | Exception] = {}

    def answers(backend: str) -> BundledAnswers:
        if backend not in cache:
            db = _open(backend, request, tmp_path_factory.mktemp(backend))
            try:
                cache[backend] = BundledAnswers(db)
            except Exception as exc:  # a broken load fails every test that needs it, once
                cache[backend] = exc
            finally:
                db.close()
        found = cache[backend]
        if isinstance(found, Exception):
            raise found
        return found

    return answers


# -- the bundled graph ----------------------------------------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
def test_bundled_graph_loads_idempotently(bundled: Callable[[str], BundledAnswers],
                                          backend: str) -> None:
    answers = bundled(backend)
    assert answers.loaded > 1000
    assert answers.counts == answers.first_counts
    assert answers.counts == bundled("oxigraph").counts


@pytest.mark.parametrize("backend", ["memory", VIRTUOSO])
@pytest.mark.parametrize("question", [q.name for q in COMPETENCY_QUESTIONS])
def test_competency_questions_agree(bundled: Callable[[str], BundledAnswers], backend: str,
                                    question: str, request: pytest.FixtureRequest) -> None:
    if backend == "virtuoso" and question in VIRTUOSO_WRONG:
        # strict: the day Virtuoso answers correctly, this "expected failure" fails
        request.applymarker(pytest.mark.xfail(reason=VIRTUOSO_WRONG[question], strict=True))
    expected = bundled("oxigraph").questions[question]
    assert expected, f"{question} has no answer on Oxigraph: the question or the data is broken"
    assert bundled(backend).questions[question] == expected


@pytest.mark.parametrize("backend", ["memory", VIRTUOSO])
def test_ledger_queries_agree(bundled: Callable[[str], BundledAnswers], backend: str) -> None:
    expected = bundled("oxigraph").ledger
    assert all(expected["events"]) and all(expected["concerning"].values())
    assert bundled(backend).ledger == expected


@pytest.mark.parametrize("backend", ["memory", VIRTUOSO])
def test_stats_agree(bundled: Callable[[str], BundledAnswers], backend: str) -> None:
    assert bundled(backend).classes == bundled("oxigraph").classes
    assert bundled(backend).graphs == bundled("oxigraph").graphs


# -- named graphs, replacement, inference -----------------------------------------------------

def test_an_empty_store_answers_nothing(store: GraphStore) -> None:
    """Virtuoso ships system graphs; none of them may leak into the default graph."""
    assert store.graph_names() == []
    assert store.quad_count() == 0
    assert store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5") == []
    assert store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5") == []
    assert not store.ask("ASK { ?s a ?class }")


def test_replace_is_idempotent(store: GraphStore) -> None:
    data = _graph((_ex("a"), _ex("p"), Literal("1")))
    store.replace_graphs({G1: data})
    store.replace_graphs({G1: data})
    assert store.quad_count(G1) == 1
    store.replace_graphs({G1: _graph((_ex("b"), _ex("p"), Literal("2")))})
    assert store.select("SELECT ?s WHERE { ?s ?p ?o }") == [{"s": _ex("b")}]


def test_named_graphs_record_origin(store: GraphStore) -> None:
    store.replace_graphs({
        G1: _graph((_ex("a"), _ex("p"), Literal("1"))),
        G2: _graph((_ex("b"), _ex("p"), Literal("2"))),
    })
    assert store.graph_names() == [G1, G2]
    rows = store.select("SELECT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", {"s": _ex("b")})
    assert rows == [{"s": _ex("b"), "g": URIRef(G2)}]
    union = store.select("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s")
    assert union == [{"s": _ex("a")}, {"s": _ex("b")}]
    store.replace_graphs({}, drop=[G1])
    assert store.graph_names() == [G2]
    assert store.quad_count() == 1


def test_types_and_properties_are_materialised(store: GraphStore) -> None:
    ontology = _graph(
        (DG.Demand, RDFS.subClassOf, DG.Claim),
        (DG.Claim, RDFS.subClassOf, DG.Statement),
        (DG.holder, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#member")),
    )
    claim = _ex("c")
    store.replace_graphs({
        ONTOLOGY_GRAPH: ontology,
        G1: _graph((claim, RDF.type, DG.Demand), (_ex("h"), DG.holder, _ex("p"))),
    })
    q = f"SELECT ?c WHERE {{ ?c a <{DG.Claim}> }}"
    assert store.select(q) == [{"c": claim}]
    assert store.ask(f"ASK {{ ?c a <{DG.Statement}> }}"), "the closure is transitive"
    assert store.ask("ASK { ?h <http://www.w3.org/ns/org#member> ?p }")
    store.update(f"INSERT DATA {{ GRAPH <{G2}> {{ <{EX}d> a <{DG.Demand}> }} }}")
    assert {r["c"] for r in store.select(q)} == {claim, _ex("d")}, "updates re-infer too"
    store.replace_graphs({}, drop=[G1, G2])
    assert not store.ask(f"ASK {{ ?c a <{DG.Claim}> }}")
    assert store.quad_count(INFERRED_GRAPH) == 0


def test_blank_nodes_keep_their_structure(store: GraphStore) -> None:
    a, b = BNode(), BNode()
    data = _graph((_ex("s"), _ex("p"), a), (a, _ex("q"), b), (b, _ex("r"), Literal("deep")),
                  (a, _ex("r"), Literal("shallow")))
    store.replace_graphs({G1: data})
    assert store.graph(G1).isomorphic(data)
    rows = store.select(f"SELECT ?v WHERE {{ <{EX}s> <{EX}p>/<{EX}q>/<{EX}r> ?v }}")
    assert rows == [{"v": Literal("deep")}]


# -- bound values and exact literals --------------------------------------------------------

@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:24]))
def test_bindings_are_values_never_text(store: GraphStore, value: str) -> None:
    secret = _graph((_ex("secret"), _ex("label"), Literal("hidden")))
    store.replace_graphs({G1: _graph((_ex("a"), _ex("label"), Literal(value))), G2: secret})
    q = f"SELECT ?s ?label WHERE {{ ?s <{EX}label> ?label }}"
    assert [r["s"] for r in store.select(q, {"label": Literal(value)})] == [_ex("a")]
    assert store.select(q, {"label": Literal(value + "?")}) == []
    # a bound variable used only in a FILTER must still be bound there
    q = f"SELECT ?s ?v WHERE {{ ?s <{EX}label> ?o FILTER(?o = ?v) }}"
    assert [r["s"] for r in store.select(q, {"v": Literal(value)})] == [_ex("a")]
    assert store.select(q, {"v": Literal(value, lang="en")}) == []


def test_bindings_of_every_kind(store: GraphStore) -> None:
    day = Literal("2024-04-24", datatype=XSD.date)
    store.replace_graphs({G1: _graph((_ex("m"), DG.startDate, day), (_ex("m"), RDFS.label,
                                      Literal("会谈", lang="zh")))})
    q = "SELECT ?m ?d ?l WHERE { ?m ?p ?d . ?m ?q ?l }"
    assert store.select(q, {"m": _ex("m"), "d": day, "l": Literal("会谈", lang="zh")})
    assert not store.select(q, {"m": _ex("m"), "d": Literal("2024-04-24"), "l": Literal("会谈")})
    graph = store.construct("CONSTRUCT { ?m ?p ?o } WHERE { ?m ?p ?o }", {"m": _ex("m")})
    assert len(graph) == 2


@pytest.mark.parametrize("value", EXACT, ids=lambda v: repr(v[:24]))
def test_literals_round_trip_exactly(store: GraphStore, value: str) -> None:
    store.replace_graphs({G1: _graph((_ex("d"), DG.text, Literal(value)))})
    (row,) = store.select("SELECT ?t WHERE { ?d ?p ?t }")
    assert str(row["t"]) == value
    assert row["t"] == Literal(value)
    assert {str(o) for o in store.graph(G1).objects()} == {value}
    assert {str(o) for o in store.construct("CONSTRUCT WHERE { ?s ?p ?o }").objects()} == {value}


def test_typed_and_tagged_literals_round_trip(store: GraphStore) -> None:
    literals = [
        Literal("2024-04-24", datatype=XSD.date), Literal("42", datatype=XSD.integer),
        Literal("true", datatype=XSD.boolean), Literal("false", datatype=XSD.boolean),
        Literal("https://example.org/doc", datatype=XSD.anyURI), Literal("Wang Yi", lang="en"),
        Literal("王毅", lang="zh"), Literal("plain"),
    ]
    data = _graph(*[(_ex(f"s{i}"), _ex("p"), lit) for i, lit in enumerate(literals)])
    store.replace_graphs({G1: data})
    assert set(store.graph(G1)) == set(data)
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }")
    assert _answer(rows) == _answer([{"o": lit} for lit in literals])


# -- loads and refused writes ---------------------------------------------------------------

def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_small_file_loads_into_its_graph_and_reloads_idempotently(store: GraphStore,
                                                                   tmp_path: Path) -> None:
    path = _write(tmp_path / "notes.ttl",
                  f'<{EX}n> <{EX}says> "first\\tline\\n第二行" , "two" .\n')
    report = load(store, [path])
    name = graph_iri("file", "notes")
    assert report.graphs[name] == 2
    assert ONTOLOGY_GRAPH in store.graph_names(), "a load brings the ontology along"
    before = (store.quad_count(), store.graph_names())
    load(store, [path])
    assert (store.quad_count(), store.graph_names()) == before
    _write(path, f'<{EX}n> <{EX}says> "replaced" .\n')
    load(store, [path])
    assert [str(o) for o in store.graph(name).objects()] == ["replaced"]


def test_a_file_that_breaks_a_shape_is_refused_and_changes_nothing(store: GraphStore,
                                                                   tmp_path: Path) -> None:
    good = _write(tmp_path / "good.ttl", f'<{EX}n> <{EX}says> "fine" .\n')
    load(store, [good])
    before = {name: store.quad_count(name) for name in store.graph_names()}
    bad = _write(tmp_path / "bad.ttl",
                 f"<{EX}n> <{EX}says> \"changed\" .\n"
                 "<https://w3id.org/diplograph/id/actor/nobody> a <" + str(DG.Person) + "> .\n")
    with pytest.raises(ValidationFailed) as refused:
        load(store, [good, bad])
    assert refused.value.result.violations
    assert {name: store.quad_count(name) for name in store.graph_names()} == before
    assert [str(o) for o in store.graph(graph_iri("file", "good")).objects()] == ["fine"]


def test_a_failed_update_changes_nothing(store: GraphStore) -> None:
    store.replace_graphs({G1: _graph((_ex("a"), _ex("p"), Literal("1")))})
    before = store.quad_count()
    with pytest.raises(StoreError):
        store.update(f"INSERT DATA {{ GRAPH <{G2}> {{ <{EX}z> <{EX}p> 1 }} }} ; THIS IS NOT SPARQL")
    assert store.quad_count() == before
    assert G2 not in store.graph_names()


def test_query_errors_are_store_errors(store: GraphStore) -> None:
    with pytest.raises(StoreError):
        store.select("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(StoreError):
        store.ask("SELECT ?s WHERE { ?s ?p ?o }")


# -- answers larger than an engine's cap -----------------------------------------------------

def test_answers_are_never_capped(store: GraphStore) -> None:
    """Virtuoso cuts answers at 10,000 rows; the backend must page past the cut."""
    n = 10_100
    data = _graph(*[(_ex(f"s{i:05d}"), _ex("p"), Literal(f"v{i:05d}")) for i in range(n)])
    store.replace_graphs({G1: data})
    assert store.quad_count(G1) == n
    rows = store.select("SELECT ?s ?o WHERE { ?s ?p ?o }")
    assert len(rows) == n and len({r["s"] for r in rows}) == n
    ordered = store.select("SELECT ?o WHERE { ?s ?p ?o } ORDER BY DESC(?o)")
    assert [str(r["o"]) for r in ordered] == [f"v{i:05d}" for i in reversed(range(n))]
    window = store.select("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o LIMIT 10005 OFFSET 40")
    assert [str(r["o"]) for r in window] == [f"v{i:05d}" for i in range(40, 10_045)]
    assert len(store.graph(G1)) == n
    count = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count[0]["n"]) == n  # type: ignore[call-overload]


# -- the embedded backends only (Oxigraph and rdflib), and opening stores ------------------------

#: The backends that run in this process, whatever the machine has installed.
EMBEDDED = pytest.mark.parametrize("store", ["oxigraph", "memory"], indirect=True)
EMBEDDED_HOSTILE = [
    'quote " and \\" backslash-quote',
    "} UNION { ?s ?p ?o }",
    'multi\nline\r\nvalue ending in \\"',
    "tab\there",
    "王毅 왕이 مرحبا",
    "x" * 20_000,
]


def _ontology() -> Graph:
    return _graph(
        (DG.Demand, URIRef(PREFIXES["rdfs"] + "subClassOf"), DG.Claim),
        (DG.holder, URIRef(PREFIXES["rdfs"] + "subPropertyOf"), URIRef(PREFIXES["org"] + "member")),
    )


@EMBEDDED
def test_replace_is_idempotent_embedded(store: GraphStore) -> None:
    data = _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("1")))
    store.replace_graphs({G1: data})
    store.replace_graphs({G1: data})
    assert store.quad_count(G1) == 1
    store.replace_graphs({G1: _graph((URIRef(EX + "b"), URIRef(EX + "p"), Literal("2")))})
    assert store.select("SELECT ?s WHERE { ?s ?p ?o }") == [{"s": URIRef(EX + "b")}]


@EMBEDDED
def test_named_graphs_record_origin_embedded(store: GraphStore) -> None:
    store.replace_graphs(
        {
            G1: _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("1"))),
            G2: _graph((URIRef(EX + "b"), URIRef(EX + "p"), Literal("2"))),
        }
    )
    rows = store.select(
        "SELECT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", {"s": URIRef(EX + "b")}
    )
    assert rows == [{"s": URIRef(EX + "b"), "g": URIRef(G2)}]
    store.replace_graphs({}, drop=[G1])
    assert G1 not in store.graph_names()
    assert G2 in store.graph_names()


@EMBEDDED
def test_types_and_properties_are_materialised_embedded(store: GraphStore) -> None:
    claim = URIRef(EX + "c")
    store.replace_graphs(
        {
            ONTOLOGY_GRAPH: _ontology(),
            G1: _graph(
                (claim, RDF.type, DG.Demand), (URIRef(EX + "h"), DG.holder, URIRef(EX + "p"))
            ),
        }
    )
    q = f"PREFIX dg: <{DG}> SELECT ?c WHERE {{ ?c a dg:Claim }}"
    assert store.select(q, {"c": claim}) == [{"c": claim}]
    q = "PREFIX org: <http://www.w3.org/ns/org#> ASK { ?h org:member ?p }"
    assert store.ask(q)
    # the inferred graph is rebuilt, not appended to, when the data goes away
    store.replace_graphs({}, drop=[G1])
    assert not store.ask(f"PREFIX dg: <{DG}> ASK {{ ?c a dg:Claim }}")
    assert store.quad_count(INFERRED_GRAPH) == 0


@EMBEDDED
@pytest.mark.parametrize("value", EMBEDDED_HOSTILE, ids=lambda v: repr(v[:20]))
def test_bindings_are_values_never_text_embedded(store: GraphStore, value: str) -> None:
    secret = _graph((URIRef(EX + "secret"), URIRef(EX + "label"), Literal("hidden")))
    store.replace_graphs(
        {G1: _graph((URIRef(EX + "a"), URIRef(EX + "label"), Literal(value))), G2: secret}
    )
    q = "SELECT ?s ?label WHERE { ?s <http://example.org/label> ?label }"
    assert [r["s"] for r in store.select(q, {"label": Literal(value)})] == [URIRef(EX + "a")]
    assert store.select(q, {"label": Literal(value + "?")}) == []


@EMBEDDED
@pytest.mark.parametrize("value", ["tab\there", "cr\rlf\n", "nul-free \u2028 sep", "emoji 🕊"])
def test_literals_round_trip_exactly_embedded(store: GraphStore, value: str) -> None:
    store.replace_graphs({G1: _graph((URIRef(EX + "d"), DG.text, Literal(value)))})
    (row,) = store.select("SELECT ?t WHERE { ?d ?p ?t }")
    assert str(row["t"]) == value


@EMBEDDED
def test_failed_update_changes_nothing_embedded(store: GraphStore) -> None:
    store.replace_graphs({G1: _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("1")))})
    before = store.quad_count()
    with pytest.raises(StoreError):
        store.update(
            f"INSERT DATA {{ GRAPH <{G2}> {{ <{EX}z> <{EX}p> 1 }} }} ; THIS IS NOT SPARQL"
        )
    assert store.quad_count() == before
    assert G2 not in store.graph_names()


def test_read_only_oxigraph_refuses_writes_and_reads_while_writer_open(tmp_path) -> None:
    path = tmp_path / "db"
    writer = open_store(f"oxigraph:{path}")
    writer.replace_graphs({G1: _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("1")))})
    writer.flush()  # type: ignore[attr-defined]
    reader = open_store(f"oxigraph:{path}", read_only=True)
    assert reader.quad_count(G1) == 1
    with pytest.raises(ReadOnlyStoreError):
        reader.replace_graphs({G2: Graph()})
    reader.close()
    writer.close()


def test_bad_store_settings_are_named() -> None:
    with pytest.raises(StoreError, match="unknown store kind"):
        open_store("postgres:whatever")
    with pytest.raises(StoreError, match="expected oxigraph:PATH"):
        open_store("nonsense")


def test_read_only_store_must_exist(tmp_path) -> None:
    with pytest.raises(StoreError, match="diplograph load"):
        open_store(f"oxigraph:{tmp_path / 'missing'}", read_only=True)
