"""Replay the W3C SPARQL 1.1 manifests (``tests.support.w3c_manifest``) against a served
endpoint over HTTP, and report each test's outcome (EARL: passed, failed, inapplicable).

The runner knows nothing of this application: it is given the server's base URL, the paths of
its query, update and Graph Store endpoints, a token for writes and the optional Graph Store
features the server claims, so the same code measures our server and the Oxigraph server (the
yardstick in the docs). Each test starts from an empty store (``DROP ALL`` through the update
endpoint), and ``ut:graphData`` is loaded through the Graph Store Protocol (PUT).

How answers are compared, and why:

* Protocol: the status class, ``mf:expectedBoolean`` from a JSON or XML boolean answer, and
  ``mf:expectedFormat`` from the answer's media type (and its parse).
* Graph Store: status codes, the ``Content-Type`` header (media type and charset; Turtle
  without a charset counts as UTF-8, its only encoding), an RDF body isomorphic to the
  expected one, and a ``Location`` that later requests use.
* CSV: byte for byte, except blank-node labels (the spec leaves them to the server, so they are
  mapped one to one) and line ends, which the CSV format requires to be CRLF (the stored
  expected files hold LF).
* TSV: row by row and term by term; numbers by datatype and value, because the expected file
  writes ``"1.0E6"^^xsd:double`` as ``1.0e6``, another lexical form of the same double.
* JSON: as JSON values (whitespace is not significant), blank nodes mapped one to one.

Two outcomes are told apart from a plain failure, because the docs must say why a test is
not passed:

* a feature the server does not claim (``inapplicable``, with the server's reason): the
  optional features the manifests name (``mf:requires``), and one they do not name,
  replacing or deleting the default graph as a whole (``DEFAULT_GRAPH_REPLACEMENT``), which a
  server whose default graph is the union of its named graphs cannot offer. Such a server
  must refuse it with ``405`` and an ``Allow`` header, or the test fails;
* an engine limit (``failed``, ``Outcome.engine_limit``): a result-format answer that differs
  from the expected one only in cells whose literal the bare engine under the server does
  not give back as written (``Server.roundtrip`` asks the engine itself, without this
  application). Every other cell is compared as usual, so the test still fails on anything
  the engine is not the cause of.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from tests.support import w3c_manifest as wm

SD = "http://www.w3.org/ns/sparql-service-description#"
#: The optional Graph Store features of the manifests (``mf:requires``).
GSP_FEATURES = ("DirectGraphIdentification", "IndirectGraphIdentification", "POSTGraphCreation")
#: A Graph Store feature the manifests do not name (no ``mf:requires``): ``PUT`` or ``DELETE``
#: on ``?default``, replacing or deleting the default graph as a whole.
DEFAULT_GRAPH_REPLACEMENT = "DefaultGraphReplacement"
_RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
    "application/n-quads": "nquads",
    "text/n3": "n3",
}
_ACCEPT = {"csv": "text/csv", "tsv": "text/tab-separated-values",
           "srj": "application/sparql-results+json"}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {f"{_XSD}{t}" for t in (
    "integer", "decimal", "double", "float", "negativeInteger", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "long", "int", "short", "byte")}


@dataclass(frozen=True)
class Server:
    """Where a served endpoint answers, and what it claims."""

    base_url: str
    query_path: str
    update_path: str
    gsp_path: str
    token: str | None = None
    #: Optional Graph Store features the server claims (names from ``GSP_FEATURES``, and
    #: ``DEFAULT_GRAPH_REPLACEMENT``).
    gsp_features: frozenset[str] = frozenset({"IndirectGraphIdentification"})
    #: Why the server does not claim a feature, by feature (said in the test's outcome).
    unclaimed: Mapping[str, str] = field(default_factory=dict)
    #: What the bare engine under the server gives back for a literal it stored: asked of the
    #: engine itself, to tell what it cannot keep from what the server gets wrong.
    roundtrip: Callable[[ox.Literal], ox.Literal] | None = None

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


@dataclass(frozen=True)
class Outcome:
    manifest: str
    test: str  # the test's IRI
    name: str
    outcome: str  # passed, failed or inapplicable (EARL's names)
    info: str = ""
    #: A failure the engine under the server is the whole cause of (``info`` says how).
    engine_limit: bool = False

    @property
    def id(self) -> str:
        return self.test.rsplit("#", 1)[-1]


class Failure(AssertionError):
    """The server's answer does not meet the test; the message says how."""


class EngineLimit(Exception):
    """The answer misses the expected one only where the bare engine changes the data; the
    message names each literal and what the engine gives back for it."""


# -- helpers ---------------------------------------------------------------------------------
def _media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _same_header(name: str, got: str, wanted: str) -> bool:
    """Header values compared case-insensitively, parameter by parameter. A Content-Type of
    Turtle without a charset matches one with ``charset=utf-8``: Turtle has no other encoding
    (its media type registration), so the parameter adds nothing."""
    def parts(value: str) -> list[str]:
        return [p.strip().lower() for p in value.split(";") if p.strip()]

    if parts(got) == parts(wanted):
        return True
    return (name == "content-type" and parts(got)[:1] == ["text/turtle"]
            and parts(wanted) == ["text/turtle", "charset=utf-8"] and len(parts(got)) == 1)


def _send(client: httpx.Client, method: str, url: str, headers: dict[str, str],
          body: bytes | None) -> httpx.Response:
    return client.request(method, url, headers=headers, content=body)


def reset(client: httpx.Client, server: Server) -> None:
    """An empty store: every graph dropped through the update endpoint."""
    response = client.post(server.base_url + server.update_path, content=b"DROP ALL",
                           headers={"Content-Type": "application/sparql-update",
                                    **server.auth()})
    if response.status_code >= 300:
        raise Failure(f"could not empty the store (DROP ALL): {response.status_code} "
                      f"{response.text[:200]}")


def load(client: httpx.Client, server: Server, file: Path, graph: str | None) -> None:
    """A data file into a named graph (PUT) or into the default graph (POST ?default)."""
    media = "application/n-triples" if file.suffix == ".nt" else "text/turtle"
    target = server.base_url + server.gsp_path
    method, params = ("PUT", {"graph": graph}) if graph else ("POST", {"default": ""})
    response = client.request(method, target, params=params, content=file.read_bytes(),
                              headers={"Content-Type": media, **server.auth()})
    if response.status_code >= 300:
        raise Failure(f"could not load {file.name} into {graph or 'the default graph'}: "
                      f"{response.status_code} {response.text[:300]}")


def parse_rdf(body: bytes, media: str, base: str) -> Graph:
    fmt = _RDF_TYPES.get(media)
    if fmt is None:
        raise Failure(f"the answer is {media or 'untyped'}, not an RDF format")
    graph = Graph()
    try:
        graph.parse(data=body, format=fmt, publicID=base)
    except Exception as exc:  # any parser error means the body is not RDF
        raise Failure(f"the {media} answer does not parse: {exc}") from None
    return graph


def boolean_of(response: httpx.Response) -> bool:
    media = _media(response)
    if media == "application/sparql-results+json":
        value = response.json().get("boolean")
    elif media == "application/sparql-results+xml":
        found = ET.fromstring(response.content).find(
            "{http://www.w3.org/2005/sparql-results#}boolean")
        value = None if found is None else found.text == "true"
    else:
        raise Failure(f"a boolean answer was expected, got {media or 'no Content-Type'}")
    if not isinstance(value, bool):
        raise Failure(f"the {media} answer holds no boolean")
    return value


# -- Protocol --------------------------------------------------------------------------------
def _is_update(request: wm.HttpRequest) -> bool:
    """Whether a ``/sparql/`` request is meant for the update endpoint: by its parameters,
    then its media type, then its text (``CLEAR NAMED`` sent as text/plain)."""
    _, _, query_string = request.path.partition("?")
    params = parse_qs(query_string, keep_blank_values=True)
    content_type = dict(request.headers).get("content-type", "")
    if request.body is not None and content_type in ("", "application/x-www-form-urlencoded"):
        params.update(parse_qs(request.body, keep_blank_values=True))
    if "update" in params or "query" in params:
        return "update" in params
    if content_type.startswith("application/sparql-update"):
        return True
    if content_type.startswith("application/sparql-query"):
        return False
    first = re.search(r"[A-Za-z]+", request.body or "")
    return first is not None and first.group().upper() not in (
        "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE")


def _body(request: wm.HttpRequest, variables: dict[str, str]) -> bytes | None:
    if request.body is None:
        return None
    text = request.body
    for name, value in variables.items():
        text = text.replace(name, value)
    encoding = request.encoding.lower()
    return text.encode("utf-16" if encoding == "utf-16" else encoding)


def _check_format(response: httpx.Response, wanted: str, base: str) -> None:
    media = _media(response)
    if wanted == "boolean":
        boolean_of(response)
    elif wanted == "tabular":
        if media not in _RESULT_TYPES:
            raise Failure(f"tabular results were expected, got {media or 'no Content-Type'}")
        if media == "application/sparql-results+json" and "results" not in response.json():
            raise Failure("the JSON answer holds no results")
    elif wanted == "RDF":
        parse_rdf(response.content, media, base)


def _check(request: wm.HttpRequest, response: httpx.Response, url: str) -> None:
    expected = request.expected
    if not expected.status_ok(response.status_code):
        raise Failure(f"{request.method} {url}: status {response.status_code}, expected "
                      f"{expected.describe_status()}: {response.text[:300]}")
    if expected.result_format is not None:
        _check_format(response, expected.result_format, url)
    if expected.boolean is not None and boolean_of(response) != expected.boolean:
        raise Failure(f"{request.method} {url}: answered {not expected.boolean}, expected "
                      f"{expected.boolean}")
    for name, value in expected.headers:
        got = response.headers.get(name)
        if got is None or not _same_header(name, got, value):
            raise Failure(f"{request.method} {url}: {name} is {got!r}, expected {value!r}")
    if expected.body is not None and request.method != "HEAD":
        wanted = Graph().parse(data=expected.body, format="turtle")
        got_graph = parse_rdf(response.content, _media(response), url)
        if not isomorphic(wanted, got_graph):
            raise Failure(f"{request.method} {url}: the graph answered is not the one "
                          f"expected:\n{response.text[:600]}")
    if expected.location_variable and not response.headers.get("location"):
        raise Failure(f"{request.method} {url}: no Location header")


def _url(server: Server, request: wm.HttpRequest, variables: dict[str, str]) -> str | None:
    """The request's URL on this server; None for a graph named by a path (direct
    identification) when the server does not claim it."""
    path = request.path
    for name, value in variables.items():
        path = path.replace(name, value)
    if path.startswith("/sparql/"):
        endpoint = server.update_path if _is_update(request) else server.query_path
        return server.base_url + endpoint + path.removeprefix("/sparql/")
    if path == "/gsp" or path.startswith("/gsp?"):
        return server.base_url + server.gsp_path + path.removeprefix("/gsp")
    if path.startswith("/gsp/"):
        return server.base_url + server.gsp_path + path.removeprefix("/gsp")
    raise Failure(f"unexpected request path {path}")


def run_http(client: httpx.Client, server: Server, test: wm.HttpTest) -> None:
    """One Protocol or Graph Store test, its requests in order; raises ``Failure``."""
    reset(client, server)
    for file, graph in test.graph_data:
        load(client, server, file, graph)
    variables: dict[str, str] = {}
    for request in test.requests:
        url = _url(server, request, variables)
        assert url is not None
        headers = dict(request.headers)
        writes = request.method in ("PUT", "POST", "DELETE", "PATCH")
        if writes or (url.startswith(server.base_url + server.update_path)):
            headers.update(server.auth())
        response = _send(client, request.method, url, headers, _body(request, variables))
        _check(request, response, url)
        if request.expected.location_variable:
            variables[request.expected.location_variable] = response.headers["location"]


def _replaces_default(request: wm.HttpRequest) -> bool:
    path, _, query = request.path.partition("?")
    return (request.method in ("PUT", "DELETE") and path == "/gsp"
            and "default" in parse_qs(query, keep_blank_values=True))


def needed_features(test: wm.HttpTest) -> frozenset[str]:
    """The optional Graph Store features a test needs: its ``mf:requires``, and
    ``DEFAULT_GRAPH_REPLACEMENT`` when it sends ``PUT`` or ``DELETE`` to ``?default``."""
    needed = set(test.requires) & set(GSP_FEATURES)
    if any(_replaces_default(r) for r in test.requests):
        needed.add(DEFAULT_GRAPH_REPLACEMENT)
    return frozenset(needed)


def http_inapplicable(server: Server, test: wm.HttpTest) -> str | None:
    """Why the test does not apply to this server (a feature it does not claim), or None."""
    missing = sorted(needed_features(test) - server.gsp_features)
    if not missing:
        return None
    return "not claimed: " + "; ".join(
        f"{name} ({server.unclaimed[name]})" if name in server.unclaimed else name
        for name in missing)


def check_refused(client: httpx.Client, server: Server, test: wm.HttpTest) -> None:
    """A server that does not claim to replace or delete the default graph must say so:
    the test's first such request answers ``405 Method Not Allowed`` with an ``Allow``
    header (RFC 9110), and changes nothing."""
    if DEFAULT_GRAPH_REPLACEMENT in server.gsp_features:
        return
    reset(client, server)
    for request in test.requests:
        if not _replaces_default(request):
            continue
        url = _url(server, request, {})
        assert url is not None
        response = _send(client, request.method, url, {**dict(request.headers), **server.auth()},
                          _body(request, {}))
        if response.status_code != 405 or not response.headers.get("allow"):
            raise Failure(f"{request.method} {url}: the server does not claim "
                          f"{DEFAULT_GRAPH_REPLACEMENT}, yet answered {response.status_code} "
                          f"(Allow: {response.headers.get('allow')!r}), not 405 with Allow")
        allowed = response.headers["allow"].upper().replace(" ", "").split(",")
        if request.method in allowed:
            raise Failure(f"{request.method} {url}: 405, but Allow names {request.method}")
        after = client.get(server.base_url + server.gsp_path, params={"default": ""},
                           headers={"Accept": "text/turtle"})
        if after.status_code != 200 or len(parse_rdf(after.content, _media(after), url)):
            raise Failure(f"{request.method} {url}: refused, but the default graph changed "
                          f"(GET ?default: {after.status_code} {after.text[:200]})")
        return


# -- result formats --------------------------------------------------------------------------
def _bnode_map(expected: Iterable[str], got: Iterable[str], pattern: str) -> Callable[[str], str]:
    """A renaming of the answer's blank-node labels onto the expected ones, in order."""
    renames: dict[str, str] = {}
    wanted = iter(re.findall(pattern, "\n".join(expected)))
    for label in re.findall(pattern, "\n".join(got)):
        if label not in renames:
            renames[label] = next(wanted, label)
    return lambda text: re.sub(pattern, lambda m: renames.get(m.group(), m.group()), text)


#: Literals the bare engine does not give back as written: each as written -> as given back.
Changed = Mapping[ox.Literal, ox.Literal]
#: A cell let through: the literal of the data it stands for, and the cell as written.
Allowed = tuple[ox.Literal, str]


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _csv_allowed(want: str, got: str, changed: Changed) -> ox.Literal | None:
    """The changed literal a CSV cell stands for, when ``got`` is what the engine gives back
    for it: its lexical form, or (a number) the same value written otherwise."""
    for written, back in changed.items():
        if want == written.value:
            number = _number(got)
            if got == back.value or (number is not None and number == _number(back.value)):
                return written
    return None


def compare_csv(expected: bytes, got: bytes, changed: Changed | None = None) -> list[Allowed]:
    """Byte for byte, or (given ``changed``) line by line where the only cells that differ
    hold a literal the engine changed: those are returned with the cell as the answer wrote
    it (none: an exact match)."""
    want = expected.decode("utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    text = got.decode("utf-8")
    rename = _bnode_map([want], [text], r"_:[A-Za-z0-9]+")
    if rename(text) == want:
        return []
    failure = Failure(f"CSV differs:\nexpected {want!r}\n     got {text!r}")
    want_lines, got_lines = want.split("\r\n"), rename(text).split("\r\n")
    if not changed or len(want_lines) != len(got_lines):
        raise failure
    used: list[Allowed] = []
    for w, g in zip(want_lines, got_lines, strict=True):
        if w == g:
            continue
        cells_w, cells_g = next(csv.reader([w])), next(csv.reader([g]))
        if len(cells_w) != len(cells_g):
            raise failure
        for cw, cg in zip(cells_w, cells_g, strict=True):
            literal = None if cw == cg else _csv_allowed(cw, cg, changed)
            if cw != cg and literal is None:
                raise failure
            if literal is not None and (literal, cg) not in used:
                used.append((literal, cg))
    return used


def _tsv_cell(cell: str) -> object:
    """A TSV cell as a comparable value: a number by (datatype, value), anything else by its
    text. A bare number's datatype is the one its Turtle syntax gives."""
    typed = re.fullmatch(r'"([^"]*)"\^\^<([^>]+)>', cell)
    if typed and typed.group(2) in _NUMERIC:
        lexical, datatype = typed.group(1), typed.group(2)
    elif re.fullmatch(r"[+-]?\d+", cell):
        lexical, datatype = cell, _XSD + "integer"
    elif re.fullmatch(r"[+-]?\d*\.\d+", cell):
        lexical, datatype = cell, _XSD + "decimal"
    elif re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+", cell):
        lexical, datatype = cell, _XSD + "double"
    else:
        return ("text", cell)
    try:
        return (datatype, Decimal(lexical))
    except InvalidOperation:
        return ("text", cell)


def _tsv_allowed(want: str, got: str, changed: Changed) -> ox.Literal | None:
    """The changed literal a TSV cell stands for, when ``got`` is the term the engine gives
    back for it (numbers by datatype and value, as everywhere in TSV)."""
    for written, back in changed.items():
        if _tsv_cell(want) == _tsv_cell(str(written)) and _tsv_cell(got) == _tsv_cell(str(back)):
            return written
    return None


def compare_tsv(expected: bytes, got: bytes, changed: Changed | None = None) -> list[Allowed]:
    """Term for term; given ``changed``, a cell may hold what the engine gives back for a
    literal it changed: those are returned with the cell as written (none: an exact match)."""
    want = expected.decode("utf-8").replace("\r\n", "\n").rstrip("\n").split("\n")
    text = got.decode("utf-8").replace("\r\n", "\n").rstrip("\n")
    rename = _bnode_map(want, [text], r"_:[A-Za-z0-9]+")
    rows = rename(text).split("\n")
    if len(rows) != len(want):
        raise Failure(f"TSV has {len(rows)} lines, expected {len(want)}:\n{text}")
    used: list[Allowed] = []
    for line, (w, g) in enumerate(zip(want, rows, strict=True), 1):
        cells_w, cells_g = w.split("\t"), g.split("\t")
        failure = Failure(f"TSV line {line} differs: expected {w!r}, got {g!r}")
        if len(cells_w) != len(cells_g):
            raise failure
        for cw, cg in zip(cells_w, cells_g, strict=True):
            if _tsv_cell(cw) == _tsv_cell(cg):
                continue
            literal = _tsv_allowed(cw, cg, changed or {})
            if literal is None:
                raise failure
            if (literal, cg) not in used:
                used.append((literal, cg))
    return used


def _json_bnodes(value: object, renames: dict[str, str], wanted: list[str]) -> object:
    if isinstance(value, dict):
        if value.get("type") == "bnode":
            label = str(value["value"])
            if label not in renames:
                renames[label] = wanted.pop(0) if wanted else label
            return {**value, "value": renames[label]}
        return {k: _json_bnodes(v, renames, wanted) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_bnodes(v, renames, wanted) for v in value]
    return value


def _bnode_labels(value: object) -> list[str]:
    if isinstance(value, dict):
        if value.get("type") == "bnode":
            return [str(value["value"])]
        return [label for v in value.values() for label in _bnode_labels(v)]
    if isinstance(value, list):
        return [label for v in value for label in _bnode_labels(v)]
    return []


def compare_json(expected: bytes, got: bytes, changed: Changed | None = None) -> list[Allowed]:
    want, answer = json.loads(expected), json.loads(got)
    labels = list(dict.fromkeys(_bnode_labels(want)))
    answer = _json_bnodes(answer, {}, labels)
    answer.pop("warning", None)  # type: ignore[union-attr]  # a dict at the top
    if answer.get("head") == {} or answer.get("head") == {"vars": []}:  # type: ignore[union-attr]
        answer["head"] = want.get("head")  # type: ignore[index]  # ASK: head may be empty
    if answer != want:  # no engine allowance: the JSON results tests all pass
        raise Failure(f"JSON differs:\nexpected {json.dumps(want)}\n     got {json.dumps(answer)}")
    return []


def run_result_format(client: httpx.Client, server: Server, test: wm.ResultFormatTest) -> None:
    reset(client, server)
    load(client, server, test.data, None)
    response = client.post(server.base_url + server.query_path,
                           content=test.query.read_bytes(),
                           headers={"Content-Type": "application/sparql-query",
                                    "Accept": _ACCEPT[test.format]})
    if response.status_code != 200:
        raise Failure(f"status {response.status_code}: {response.text[:300]}")
    compare = {"csv": compare_csv, "tsv": compare_tsv, "srj": compare_json}[test.format]
    expected = test.result.read_bytes()
    try:
        compare(expected, response.content)
    except Failure:
        changed = engine_changes(server, test.data)
        if not changed:
            raise
        used = compare(expected, response.content, changed)  # raises when more differs
        raise EngineLimit("engine limit: " + "; ".join(
            f"the engine alone gives {literal} back as {changed[literal]}, written {cell}"
            for literal, cell in used)
            + " (it keeps the value, not the literal as written); every other cell is as "
              "expected") from None


def engine_changes(server: Server, data: Path) -> dict[ox.Literal, ox.Literal]:
    """The literals of a data file that the bare engine does not give back as written."""
    if server.roundtrip is None:
        return {}
    changed = {}
    for triple in ox.parse(path=data, format=ox.RdfFormat.TURTLE):
        term = triple.object
        if isinstance(term, ox.Literal) and term not in changed:
            back = server.roundtrip(term)
            if back != term:
                changed[term] = back
    return changed


# -- service description ---------------------------------------------------------------------
_LANGUAGES = {URIRef(SD + n) for n in ("SPARQL10Query", "SPARQL11Query", "SPARQL11Update")}


def _description(client: httpx.Client, server: Server) -> tuple[Graph, str]:
    endpoint = server.base_url + server.query_path
    response = client.get(endpoint, headers={"Accept": "text/turtle"})
    if response.status_code != 200:
        raise Failure(f"GET {endpoint}: status {response.status_code}")
    return parse_rdf(response.content, _media(response), endpoint), endpoint


def _conforms(graph: Graph) -> None:
    """The service description schema's constraints on what the document states."""
    services = set(graph.subjects(RDF.type, URIRef(SD + "Service")))
    if not services:
        raise Failure("no sd:Service")
    for service in services:
        if graph.value(service, URIRef(SD + "endpoint")) is None:
            raise Failure(f"sd:Service {service} has no sd:endpoint")
        for language in graph.objects(service, URIRef(SD + "supportedLanguage")):
            if language not in _LANGUAGES:
                raise Failure(f"sd:supportedLanguage {language} is not a SPARQL language")
        for prop in ("feature", "resultFormat", "inputFormat", "extensionFunction"):
            for value in graph.objects(service, URIRef(SD + prop)):
                if isinstance(value, Literal):
                    raise Failure(f"sd:{prop} {value!r} is a literal, not a resource")
    for dataset in graph.objects(None, URIRef(SD + "defaultDataset")):
        if (dataset, RDF.type, URIRef(SD + "Dataset")) not in graph:
            raise Failure("sd:defaultDataset is not an sd:Dataset")
        for named in graph.objects(dataset, URIRef(SD + "namedGraph")):
            if not isinstance(graph.value(named, URIRef(SD + "name")), URIRef):
                raise Failure("an sd:namedGraph has no IRI sd:name")


def run_service_description(client: httpx.Client, server: Server, test: wm.NamedTest) -> None:
    graph, endpoint = _description(client, server)
    if test.id == "has-endpoint-triple":
        if (None, URIRef(SD + "endpoint"), URIRef(endpoint)) not in graph:
            raise Failure(f"no sd:endpoint <{endpoint}> in the service description")
    elif test.id == "conforms-to-schema":
        _conforms(graph)
    elif test.id != "returns-rdf":
        raise Failure(f"unknown service description test {test.id}")


# -- a whole run -----------------------------------------------------------------------------
def run_one(client: httpx.Client, server: Server, manifest: str,
            test: wm.HttpTest | wm.ResultFormatTest | wm.NamedTest) -> Outcome:
    """The outcome of one test (never raises for the server's failures)."""
    try:
        if isinstance(test, wm.HttpTest):
            why = http_inapplicable(server, test)
            if why:
                check_refused(client, server, test)
                return Outcome(manifest, test.iri, test.name, "inapplicable", why)
            run_http(client, server, test)
        elif isinstance(test, wm.ResultFormatTest):
            run_result_format(client, server, test)
        else:
            run_service_description(client, server, test)
    except EngineLimit as limit:
        return Outcome(manifest, test.iri, test.name, "failed", str(limit), engine_limit=True)
    except (Failure, httpx.HTTPError, ValueError, ET.ParseError) as exc:
        return Outcome(manifest, test.iri, test.name, "failed", str(exc))
    return Outcome(manifest, test.iri, test.name, "passed")


def all_tests(root: Path) -> list[tuple[str, wm.HttpTest | wm.ResultFormatTest | wm.NamedTest]]:
    return [(short, test) for short, rel in wm.MANIFESTS for test in wm.read(root / rel).tests]


def run_all(server: Server, root: Path) -> list[Outcome]:
    """Every test, each on a connection of its own (a test is one ``ht:Connection``)."""
    outcomes = []
    for short, test in all_tests(root):
        with httpx.Client(timeout=60) as client:
            outcomes.append(run_one(client, server, short, test))
    return outcomes


# -- EARL ------------------------------------------------------------------------------------
def _turtle_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def earl(outcomes: Iterable[Outcome], subject: str, subject_name: str,
         when: datetime | None = None) -> str:
    """The outcomes as an EARL report in Turtle (one ``earl:Assertion`` per test)."""
    stamp = (when or datetime.now(UTC)).replace(microsecond=0).isoformat()
    lines = [
        "@prefix earl: <http://www.w3.org/ns/earl#> .",
        "@prefix dc: <http://purl.org/dc/terms/> .",
        "@prefix doap: <http://usefulinc.com/ns/doap#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
        f"<{subject}> a earl:TestSubject, doap:Project ;",
        f"    doap:name {_turtle_string(subject_name)} .",
        "",
    ]
    for outcome in outcomes:
        info = f" ; earl:info {_turtle_string(outcome.info)}" if outcome.info else ""
        lines.append(
            f"[] a earl:Assertion ; earl:assertedBy <{subject}> ; earl:subject <{subject}> ;\n"
            f"   earl:test <{outcome.test}> ; earl:mode earl:automatic ;\n"
            f"   earl:result [ a earl:TestResult ; earl:outcome earl:{outcome.outcome} ;\n"
            f"       dc:date \"{stamp}\"^^xsd:dateTime{info} ] .")
    return "\n".join(lines) + "\n"


def tally(outcomes: Iterable[Outcome]) -> dict[str, dict[str, int]]:
    """Per manifest: how many passed, failed, were inapplicable, and how many of the
    failures are engine limits (``engine_limit``, counted in ``failed`` too)."""
    counts: dict[str, dict[str, int]] = {}
    for outcome in outcomes:
        row = counts.setdefault(outcome.manifest, {"passed": 0, "failed": 0, "inapplicable": 0,
                                                   "engine_limit": 0})
        row[outcome.outcome] += 1
        row["engine_limit"] += outcome.engine_limit
    return counts
