"""Read the W3C SPARQL 1.1 test manifests (Protocol, Graph Store, result formats, service
description) into plain records a runner can replay over HTTP.

The manifests are the W3C's own, read from ``../shared/w3c-sparql11/`` beside the repository
(never copied into it): ``suite_root()`` finds them or returns None, and the tests skip with
the reason. The vocabularies are the W3C test ones: ``mf:`` (test-manifest), ``ht:`` (HTTP in
RDF), ``cnt:`` (content), ``ut:`` (update tests), ``qt:`` (query tests).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from tests.support.paths import PROJECT_ROOT

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")

#: Where the suite lives, relative to the repository root (a sibling of the checkout).
SUITE_DIR = Path("..") / "shared" / "w3c-sparql11"
#: The status names of the ``hts:`` vocabulary the manifests use, as codes.
_NAMED_STATUS = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404}


#: A variable naming the suite's folder where it is not beside the repository (CI).
SUITE_VARIABLE = "W3C_SPARQL11_DIR"


def suite_root() -> Path | None:
    """The W3C suite (``$W3C_SPARQL11_DIR``, else beside the repository), or None."""
    named = os.environ.get(SUITE_VARIABLE)
    candidate = Path(named) if named else (PROJECT_ROOT / SUITE_DIR).resolve()
    return candidate if (candidate / "protocol" / "manifest.ttl").is_file() else None


@dataclass(frozen=True)
class Expected:
    """What a response must be: a status among ``statuses`` (a code, or a class like 200
    standing for 2xx when ``classes`` holds it), and optionally a boolean, a result format,
    header values, an RDF body (isomorphic) and a Location to remember."""

    statuses: frozenset[int]
    classes: frozenset[int]
    boolean: bool | None = None
    result_format: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: str | None = None
    location_variable: str | None = None

    def status_ok(self, status: int) -> bool:
        return status in self.statuses or (status // 100) * 100 in self.classes

    def describe_status(self) -> str:
        named = [str(s) for s in sorted(self.statuses)]
        named += [f"{c // 100}xx" for c in sorted(self.classes)]
        return " or ".join(named)


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: str | None
    encoding: str
    expected: Expected


@dataclass(frozen=True)
class HttpTest:
    """A Protocol or Graph Store Protocol test: requests replayed in order on one connection."""

    iri: str
    name: str
    requests: tuple[HttpRequest, ...]
    #: (file, graph IRI) pairs to load before the requests (``ut:graphData``).
    graph_data: tuple[tuple[Path, str], ...] = ()
    #: Optional features the test needs (``mf:requires``), by local name.
    requires: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return self.iri.rsplit("#", 1)[-1]


@dataclass(frozen=True)
class ResultFormatTest:
    """A query over a data file whose answer must match a file in the format under test."""

    iri: str
    name: str
    query: Path
    data: Path
    result: Path

    @property
    def id(self) -> str:
        return self.iri.rsplit("#", 1)[-1]

    @property
    def format(self) -> str:
        return self.result.suffix.lstrip(".")  # csv, tsv or srj


@dataclass(frozen=True)
class NamedTest:
    """A test the manifest only names (the service description's)."""

    iri: str
    name: str

    @property
    def id(self) -> str:
        return self.iri.rsplit("#", 1)[-1]


@dataclass
class Manifest:
    label: str
    path: Path
    tests: list[HttpTest | ResultFormatTest | NamedTest] = field(default_factory=list)


def _graph(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle", publicID=path.as_uri())
    return graph


def _items(graph: Graph, head: Node | None) -> list[Node]:
    return list(Collection(graph, head)) if head is not None else []


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else str(value)


def _headers(graph: Graph, subject: Node) -> tuple[tuple[str, str], ...]:
    found = []
    for header in _items(graph, graph.value(subject, HT.headers)):
        name = _text(graph, header, HT.fieldName) or ""
        found.append((name.lower(), _text(graph, header, HT.fieldValue) or ""))
    return tuple(found)


def _expected(graph: Graph, response: Node) -> Expected:
    statuses, classes = set(), set()
    for status in graph.objects(response, MF.expectedStatus):
        local = str(status).rsplit("#", 1)[-1]
        if local.startswith("StatusCode") and local.endswith("xx"):
            classes.add(int(local[len("StatusCode")]) * 100)
        else:
            statuses.add(_NAMED_STATUS[local])
    boolean = graph.value(response, MF.expectedBoolean)
    body = graph.value(response, HT.body)
    return Expected(
        statuses=frozenset(statuses),
        classes=frozenset(classes),
        boolean=None if boolean is None else bool(boolean.toPython()),
        result_format=_text(graph, response, MF.expectedFormat),
        headers=_headers(graph, response),
        body=None if body is None else _text(graph, body, CNT.chars),
        location_variable=_text(graph, response, MF.expectedLocation),
    )


def _request(graph: Graph, node: Node) -> HttpRequest:
    body = graph.value(node, HT.body)
    response = graph.value(node, HT.resp)
    assert response is not None, f"request {node} has no ht:resp"
    return HttpRequest(
        method=_text(graph, node, HT.methodName) or "GET",
        path=_text(graph, node, HT.absolutePath) or "/",
        headers=_headers(graph, node),
        body=None if body is None else _text(graph, body, CNT.chars),
        encoding=(_text(graph, body, CNT.characterEncoding) or "UTF-8") if body else "UTF-8",
        expected=_expected(graph, response),
    )


def _http_test(graph: Graph, test: Node) -> HttpTest:
    action = graph.value(test, MF.action)
    requests = _items(graph, graph.value(action, HT.requests))
    data = []
    for item in graph.objects(test, UT.graphData):
        file = graph.value(item, UT.graph)
        label = graph.value(item, RDFS.label)
        data.append((Path(str(file).removeprefix("file://")), str(label)))
    requires = {str(r).rsplit("#", 1)[-1] for r in graph.objects(test, MF.requires)}
    return HttpTest(
        iri=str(test),
        name=_text(graph, test, MF.name) or str(test),
        requests=tuple(_request(graph, r) for r in requests),
        graph_data=tuple(sorted(data, key=lambda d: d[1])),
        requires=frozenset(requires),
    )


def _file(node: Node | None) -> Path:
    return Path(str(node).removeprefix("file://"))


def _result_test(graph: Graph, test: Node) -> ResultFormatTest:
    action = graph.value(test, MF.action)
    return ResultFormatTest(
        iri=str(test),
        name=_text(graph, test, MF.name) or str(test),
        query=_file(graph.value(action, QT.query)),
        data=_file(graph.value(action, QT.data)),
        result=_file(graph.value(test, MF.result)),
    )


def read(path: Path) -> Manifest:
    """A manifest and the manifests it includes, its tests in the manifest's own order."""
    graph = _graph(path)
    top = URIRef(path.as_uri())
    manifest = Manifest(label=_text(graph, top, RDFS.label) or path.parent.name, path=path)
    for included in _items(graph, graph.value(top, MF.include)):
        manifest.tests.extend(read(_file(included)).tests)
    for test in _items(graph, graph.value(top, MF.entries)):
        kind = graph.value(test, RDF.type)
        if kind in (MF.ProtocolTest, MF.GraphStoreProtocolTest):
            manifest.tests.append(_http_test(graph, test))
        elif kind in (MF.CSVResultFormatTest, MF.QueryEvaluationTest):
            manifest.tests.append(_result_test(graph, test))
        else:
            manifest.tests.append(NamedTest(str(test), _text(graph, test, MF.name) or str(test)))
    return manifest


#: The manifests a run covers: (short name, path below the suite root).
MANIFESTS = (
    ("protocol", "protocol/manifest.ttl"),
    ("graph-store-protocol", "graph-store-protocol/manifest.ttl"),
    ("csv-tsv-res", "csv-tsv-res/manifest.ttl"),
    ("json-res", "json-res/manifest.ttl"),
    ("service-description", "service-description/manifest.ttl"),
)
