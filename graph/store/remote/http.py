"""The HTTP side of the remote backend: SPARQL 1.1 Protocol requests and their answers.

Plain httpx with a timeout on every request. Queries go as form POSTs (Virtuoso 7.2 never
answers a query sent as a raw ``application/sparql-query`` body, and a form has no URL length
limit) and ask for SPARQL JSON only: rdflib's XML Accept makes Virtuoso answer RDF/XML at
random. Every failure becomes a StoreError carrying the engine's own message.
"""

from __future__ import annotations

import html
import logging
import math
import re
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph import __version__
from graph.rdf.terms import from_ox
from graph.store.base import Row, StoreError
from graph.store.faults import StoreTimeout, StoreUnavailable
from graph.store.remote.config import RemoteSettings

JSON_RESULTS = "application/sparql-results+json"
RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"
_RDF_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Virtuoso answers xsd:boolean values as 1 and 0.
_BOOLEAN_FORMS = {"1": "true", "0": "false"}
_MESSAGE_LIMIT = 600
#: Seconds requests are refused without trying after the engine could not be reached,
#: doubling with each failed attempt up to the last; one success ends it.
BACKOFF_FIRST = 0.25
BACKOFF_MAX = 4.0
#: Answers of an engine (or a proxy before it) that mean "not serving now".
_UNAVAILABLE = {502, 503, 504}
_log = logging.getLogger(__name__)


def engine_message(response: httpx.Response) -> str:
    """The engine's error text, without the query Virtuoso echoes back, trimmed to a line."""
    text = response.content.decode("utf-8", errors="replace")
    text = text.split("\n\nSPARQL query:", 1)[0]
    if "html" in response.headers.get("content-type", ""):
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    if len(text) > _MESSAGE_LIMIT:
        text = text[:_MESSAGE_LIMIT] + "..."
    return text or response.reason_phrase or "no message"


def _bnode(value: str) -> BNode:
    # Virtuoso names blank nodes nodeID://b123; keep the identity, drop the URL syntax.
    return BNode(re.sub(r"[^A-Za-z0-9_-]", "_", value.removeprefix("nodeID://")))


def term(binding: Mapping[str, str]) -> Node:
    """An rdflib term from one SPARQL JSON binding (including Virtuoso's ``typed-literal``)."""
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return _bnode(value)
    if kind in ("literal", "typed-literal"):
        if lang := binding.get("xml:lang"):
            return Literal(value, lang=lang)
        datatype = binding.get("datatype")
        if not datatype or datatype == f"{_XSD}string":
            return Literal(value)
        if datatype == f"{_XSD}boolean":
            value = _BOOLEAN_FORMS.get(value, value)
        return Literal(value, datatype=URIRef(datatype))
    raise StoreError(f"the SPARQL engine answered a term of unknown type {kind!r}")


def _json(response: httpx.Response) -> dict[str, Any]:
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in (JSON_RESULTS, "application/json"):
        raise StoreError(f"the SPARQL engine answered {kind or 'no media type'}, not SPARQL JSON")
    try:
        data = response.json()
    except ValueError as exc:
        raise StoreError(f"the SPARQL engine answered invalid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise StoreError("the SPARQL engine answered JSON that is not a SPARQL result")
    return data


class Solutions:
    """A SELECT answer, decoded lazily: a capped answer is paged, not converted twice."""

    def __init__(self, response: httpx.Response) -> None:
        data = _json(response)
        if "boolean" in data or not isinstance(data.get("results"), dict):
            raise StoreError("select() needs a SELECT query")
        self.variables = [str(v) for v in data.get("head", {}).get("vars", [])]
        self.bindings: list[dict[str, dict[str, str]]] = data["results"].get("bindings", [])

    def __len__(self) -> int:
        return len(self.bindings)

    def rows(self) -> list[Row]:
        """The rows; an unbound variable is absent from its row."""
        return [{name: term(value) for name, value in b.items()} for b in self.bindings]


def boolean(response: httpx.Response) -> bool:
    data = _json(response)
    if not isinstance(data.get("boolean"), bool):
        raise StoreError("ask() needs an ASK query")
    return bool(data["boolean"])


def triples(response: httpx.Response) -> Graph:
    """The graph of a CONSTRUCT or DESCRIBE answer, parsed by Oxigraph's strict parsers."""
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = _RDF_FORMATS.get(kind)
    if fmt is None:
        if kind in (JSON_RESULTS, "application/json"):
            raise StoreError("construct() needs a CONSTRUCT or DESCRIBE query")
        raise StoreError(f"the SPARQL engine answered {kind or 'no media type'}, not N-Triples")
    graph = Graph()
    try:
        for quad in ox.parse(response.content, format=fmt):
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    except SyntaxError as exc:
        raise StoreError(f"the SPARQL engine answered unparsable RDF: {exc}") from None
    return graph


class SparqlClient:
    """One engine: a query URL, an update URL, credentials and a timeout."""

    def __init__(self, settings: RemoteSettings) -> None:
        self.settings = settings
        self._http = httpx.Client(
            timeout=settings.timeout, follow_redirects=False,
            headers={"User-Agent": f"diplograph/{__version__}"},
        )
        self._auth: httpx.Auth | None = None
        if settings.user and settings.password:
            auth_type = httpx.DigestAuth if settings.auth == "digest" else httpx.BasicAuth
            self._auth = auth_type(settings.user, settings.password)
        #: The ``Server`` header of the last answer (Virtuoso needs a few dialect hints).
        self.server = ""
        #: Seconds a query may wait for its answer (the server's query time limit, when
        #: lower than ``settings.timeout``, which updates keep: a big load takes long).
        self.query_timeout: float | None = None
        self._state = threading.Lock()
        self._failures = 0  # attempts failed in a row (connection refused, reset, ...)
        self._down_since = 0.0
        self._down_until = 0.0
        self._last_problem = ""

    @property
    def is_virtuoso(self) -> bool:
        return self.server.lower().startswith("virtuoso")

    def _engine(self, url: str) -> str:
        """The engine as messages name it: its URL, and its product once an answer said."""
        product = self.server.split("(")[0].strip()
        return f"the SPARQL engine at {url}" + (f" ({product})" if product else "")

    def _backoff_left(self) -> float:
        return max(0.0, self._down_until - time.monotonic()) if self._failures else 0.0

    def _unreachable(self, url: str, problem: str) -> StoreUnavailable:
        """Note a failed attempt: the next ones wait a doubling pause (logged once per outage)."""
        with self._state:
            self._failures += 1
            if self._failures == 1:
                self._down_since = time.monotonic()
                _log.error("%s cannot be reached: %s", self._engine(url), problem)
            pause = min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** (self._failures - 1))
            self._down_until = time.monotonic() + pause
            self._last_problem = problem
        return StoreUnavailable(f"cannot reach {self._engine(url)}: {problem}",
                                retry_after=max(1, math.ceil(pause)))

    def _reached(self, url: str) -> None:
        if not self._failures:
            return
        with self._state:
            if self._failures:
                _log.warning("%s answers again after %.1f s", self._engine(url),
                             time.monotonic() - self._down_since)
            self._failures = 0

    def _post(self, url: str, form: Sequence[tuple[str, str]], accept: str, what: str,
              auth: httpx.Auth | None, timeout: float | None = None) -> httpx.Response:
        wait = self._backoff_left()
        if wait > 0:  # reconnecting with backoff: not hammering an engine that is down
            raise StoreUnavailable(
                f"cannot reach {self._engine(url)} ({self._last_problem}); trying again "
                f"in {wait:.1f} s", retry_after=max(1, math.ceil(wait)))
        limit = self.settings.timeout if timeout is None else timeout
        try:
            response = self._http.post(url, data=_group(form), headers={"Accept": accept},
                                       auth=auth or httpx.USE_CLIENT_DEFAULT, timeout=limit)
        except httpx.ConnectTimeout:
            raise self._unreachable(url, f"no connection within {limit:g} s") from None
        except httpx.TimeoutException:
            raise StoreTimeout(f"{self._engine(url)} did not answer the {what} within "
                               f"{limit:g} s") from None
        except httpx.HTTPError as exc:
            raise self._unreachable(url, str(exc) or type(exc).__name__) from None
        self._reached(url)
        self.server = response.headers.get("server", self.server)
        if response.status_code in _UNAVAILABLE:
            raise StoreUnavailable(f"{self._engine(url)} is not serving (HTTP "
                                   f"{response.status_code}): {engine_message(response)}")
        if response.status_code >= 400:
            raise _error(response, url, what)
        return response

    def query(self, query: str, accept: str = JSON_RESULTS,
              dataset: Sequence[tuple[str, str]] = ()) -> httpx.Response:
        """Send a query (form POST) with optional ``default-graph-uri``/``named-graph-uri``."""
        same_endpoint = self.settings.query_url == self.settings.update_url
        return self._post(self.settings.query_url, [("query", query), *dataset], accept, "query",
                          self._auth if same_endpoint else None, self.query_timeout)

    def ping(self, timeout: float) -> None:
        """Ask ``ASK {}`` with its own short time limit (the health check)."""
        same_endpoint = self.settings.query_url == self.settings.update_url
        boolean(self._post(self.settings.query_url, [("query", "ASK {}")], JSON_RESULTS,
                           "health check", self._auth if same_endpoint else None, timeout))

    def update(self, update: str) -> None:
        """Send an update (form POST) to the update endpoint, with the credentials."""
        self._post(self.settings.update_url, [("update", update)], JSON_RESULTS, "update",
                   self._auth)

    def close(self) -> None:
        self._http.close()


def _group(form: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in form:
        grouped.setdefault(key, []).append(value)
    return grouped


def _error(response: httpx.Response, url: str, what: str) -> StoreError:
    message = engine_message(response)
    status = response.status_code
    if status in (401, 403) or "SECURITY" in message or "permission" in message.lower():
        return StoreError(
            f"the SPARQL engine at {url} refused the {what} (HTTP {status}): {message}; writes "
            "need credentials (user=/password= or DIPLOGRAPH_SPARQL_USER/_PASSWORD) for an "
            "account with SPARQL_UPDATE"
        )
    if status == 400 or " 37000 " in message:
        return StoreError(f"invalid SPARQL {what}: {message}")
    return StoreError(f"the SPARQL engine failed the {what} (HTTP {status}): {message}")
