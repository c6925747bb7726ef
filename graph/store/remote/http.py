"""The HTTP side of the remote backend: SPARQL 1.1 Protocol requests and their answers.

Plain httpx with a timeout on every request. Queries go as form POSTs (Virtuoso 7.2 never
answers a query sent as a raw ``application/sparql-query`` body, and a form has no URL length
limit) and ask for SPARQL JSON only: rdflib's XML Accept makes Virtuoso answer RDF/XML at
random. Every failure becomes a StoreError carrying the engine's own message.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph import __version__
from graph.rdf.terms import from_ox
from graph.store.base import Row, StoreError
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

    @property
    def is_virtuoso(self) -> bool:
        return self.server.lower().startswith("virtuoso")

    def _post(self, url: str, form: Sequence[tuple[str, str]], accept: str, what: str,
              auth: httpx.Auth | None) -> httpx.Response:
        try:
            response = self._http.post(url, data=_group(form), headers={"Accept": accept},
                                       auth=auth or httpx.USE_CLIENT_DEFAULT)
        except httpx.TimeoutException:
            raise StoreError(f"the SPARQL engine at {url} did not answer the {what} within "
                             f"{self.settings.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL engine at {url}: {exc}") from None
        self.server = response.headers.get("server", self.server)
        if response.status_code >= 400:
            raise _error(response, url, what)
        return response

    def query(self, query: str, accept: str = JSON_RESULTS,
              dataset: Sequence[tuple[str, str]] = ()) -> httpx.Response:
        """Send a query (form POST) with optional ``default-graph-uri``/``named-graph-uri``."""
        same_endpoint = self.settings.query_url == self.settings.update_url
        return self._post(self.settings.query_url, [("query", query), *dataset], accept, "query",
                          self._auth if same_endpoint else None)

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
