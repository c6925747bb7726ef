"""``/rdf-graphs``: the SPARQL 1.1 Graph Store HTTP Protocol (indirect identification).

Optional features: indirect identification (``?graph=IRI``) and graph creation by a POST
to the endpoint itself (a new graph under ``CREATED_GRAPHS``, its IRI in ``Location``); a POST
may send several RDF documents as ``multipart/form-data``. Direct identification (a graph named
by the request URL) is not offered: the graphs are named under w3id.org, not under the server.

``?graph=IRI`` names a named graph. ``?default`` is the default graph as queries see it: the
union of the named graphs. So GET and HEAD on it return that union, POST adds the triples to
``graph.write.commit.DEFAULT_WRITE_GRAPH`` (where they join the union), and PUT and DELETE on it are
refused (405): replacing or deleting the union would mean every graph of the store.

Writes need an editor's bearer token and go through ``graph.write.commit``: validated against
the SHACL shapes, committed whole or refused whole (422 with the report). Uploads are parsed by
``graph.rdf.io``, which refuses DOCTYPE/ENTITY declarations in RDF/XML and remote JSON-LD
contexts.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from rdflib import Graph

from api.deps import get_runner, require_editor
from api.services.writes import write_response
from api.sparql.eval import RDF_FORMATS
from api.sparql.formats import GRAPH, NotAcceptable, UnknownFormat, negotiate
from api.sparql.protocol import (
    Operation,
    ProtocolError,
    error,
    graph_iris,
    media_type,
    parse_params,
    read_body,
)
from api.sparql.runner import ox_triple
from api.threads import in_write_thread
from graph.namespaces import HIDDEN_GRAPHS, PREFIXES, graph_iri
from graph.rdf.io import FORMATS_BY_MEDIA_TYPE, RDFInputError, parse_bytes
from graph.store import GraphStore
from graph.store.oxigraph import OxigraphStore
from graph.write.commit import DEFAULT_WRITE_GRAPH

router = APIRouter(tags=["sparql"])

PATH = "/rdf-graphs"
#: Largest upload accepted, in bytes.
MAX_UPLOAD_BYTES = 16 * 1024 * 1024
_TRIPLE_FORMATS = {m: f for m, f in FORMATS_BY_MEDIA_TYPE.items() if f not in ("trig", "nquads")}
_DEFAULT_ALLOWS = "GET, HEAD, POST"
MULTIPART = "multipart/form-data"
#: Where graphs created by a POST to the endpoint itself are named (a fresh IRI each).
CREATED_GRAPHS = graph_iri("posted", "")


def _target(request: Request) -> str | None:
    """The named graph addressed, or None for ``?default``."""
    params = parse_params(request.scope.get("query_string", b""), "query string")
    named = graph_iris(Operation(None, params), "graph")
    if named and "default" in params:
        raise ProtocolError(400, "use either ?graph=IRI or ?default, not both")
    if named is None and "default" not in params:
        raise ProtocolError(400, "name the graph: ?graph=IRI, or ?default for the default graph")
    if named and len(named) > 1:
        raise ProtocolError(400, "one graph per request")
    return named[0] if named else None


def _named_target(request: Request, done: str, method: str) -> str:
    """The named graph a PUT or DELETE addresses: the default graph, the union of every named
    graph, cannot be replaced or deleted whole (405)."""
    name = _target(request)
    if name is None:
        raise ProtocolError(
            405,
            "the default graph is the union of every named graph and "
            f"cannot be {done}; {method} a named graph (?graph=IRI)",
            {"Allow": _DEFAULT_ALLOWS},
        )
    return name


def _triples(store: GraphStore, name: str | None) -> Iterator[ox.Triple]:
    if isinstance(store, OxigraphStore):
        graph = ox.NamedNode(name) if name else None
        quads = store.engine.quads_for_pattern(None, None, None, graph)
        if name:
            return (q.triple for q in quads)
        hidden = {ox.NamedNode(g) for g in HIDDEN_GRAPHS}
        return iter(dict.fromkeys(q.triple for q in quads
                                  if q.graph_name != ox.DefaultGraph()
                                  and q.graph_name not in hidden))
    names = [name] if name else [n for n in store.graph_names() if n not in HIDDEN_GRAPHS]
    return iter(dict.fromkeys(ox_triple(t) for n in names for t in store.graph(n)))


def _read(request: Request) -> Response:
    name = _target(request)
    store = get_runner(request).store
    try:
        fmt = negotiate(
            request.headers.get("accept"),
            parse_params(request.scope.get("query_string", b""), "query string").get("format", []),
            GRAPH,
        )
    except NotAcceptable as exc:
        raise ProtocolError(406, str(exc)) from None
    except UnknownFormat as exc:
        raise ProtocolError(400, str(exc)) from None
    # the audit trail is read through GET /audit, with a token: not here, nor in ?default
    if name is not None and (name in HIDDEN_GRAPHS or name not in store.graph_names()):
        raise ProtocolError(404, f"no graph named <{name}> in this store")
    triples = list(_triples(store, name))
    extra: dict[str, Any] = {"prefixes": PREFIXES} if fmt.name in ("turtle", "trig") else {}
    if fmt.name == "trig" and name is not None:
        quads = (ox.Quad(*t, ox.NamedNode(name)) for t in triples)  # type: ignore[call-arg]  # stubs: a Triple unpacks to 3 terms
        body = ox.serialize(quads, format=RDF_FORMATS["trig"], **extra) or b""
    else:
        body = ox.serialize(triples, format=RDF_FORMATS[fmt.name], **extra) or b""
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})


@router.api_route(PATH, methods=["PATCH", "OPTIONS"], include_in_schema=False)
def other_methods(request: Request) -> Response:
    """Name every supported method (Starlette's own 405 names only the first route's)."""
    status = 204 if request.method == "OPTIONS" else 405
    return Response(status_code=status, headers={"Allow": "GET, HEAD, PUT, POST, DELETE, OPTIONS"})


@router.get(PATH, include_in_schema=False)  # its required parameter is ?graph=IRI *or* ?default
@router.head(PATH, include_in_schema=False)
async def read_graph(request: Request) -> Response:
    try:
        response = await run_in_threadpool(_read, request)
    except ProtocolError as exc:
        response = error(exc.status, exc.message, exc.headers)
    if request.method == "HEAD":
        return Response(status_code=response.status_code, headers=dict(response.headers))
    return response


def _format_of(media: str) -> str:
    fmt = _TRIPLE_FORMATS.get(media)
    if fmt is None:
        types = ", ".join(sorted(_TRIPLE_FORMATS))
        raise ProtocolError(
            415, f"cannot read a graph sent as {media or 'no Content-Type'}; send one of {types}"
        )
    return fmt


def _parts(content_type: str, body: bytes) -> list[tuple[str, bytes]]:
    """(format, bytes) of each part of a multipart/form-data upload (files sent by a form)."""
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        raise ProtocolError(400, "the multipart/form-data body has no parts")
    parts = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        parts.append((_format_of(part.get_content_type()),
                      payload if isinstance(payload, bytes) else b""))
    return parts


def _parse_parts(parts: list[tuple[str, bytes]]) -> Graph:
    graph = Graph()
    for i, (fmt, data) in enumerate(parts, 1):
        what = f"part {i} of the request body" if len(parts) > 1 else "the request body"
        graph += parse_bytes(data, fmt, source=what)
    return graph


async def _upload(request: Request) -> Graph:
    """The graph of the request body: one RDF document, or (POST from a form) every
    part of a multipart/form-data body merged, as the Graph Store Protocol allows."""
    media, _charset = media_type(request)
    multipart = media == MULTIPART and request.method == "POST"
    fmt = None if multipart else _format_of(media)
    body = await read_body(request, MAX_UPLOAD_BYTES)
    parts = _parts(request.headers["content-type"], body) if multipart else [(fmt or "", body)]
    try:
        return await in_write_thread(_parse_parts, parts)
    except RDFInputError as exc:
        raise ProtocolError(400, str(exc)) from None


def _done(created: bool, location: str | None = None) -> Callable[[dict[str, int]], Response]:
    headers = {"Location": location} if location else None
    return lambda _graphs: Response(status_code=201 if created else 204, headers=headers)


def _post_target(request: Request) -> tuple[str, str | None]:
    """(the graph a POST adds to, the Location of a graph it creates): ``?graph=IRI``,
    ``?default`` (stored in the default write graph), or neither: a new graph whose IRI the
    server mints and returns in ``Location`` (the protocol's graph creation)."""
    params = parse_params(request.scope.get("query_string", b""), "query string")
    if "graph" not in params and "default" not in params:
        name = f"{CREATED_GRAPHS}{uuid.uuid4().hex}"
        return name, name
    return _target(request) or DEFAULT_WRITE_GRAPH, None


@router.put(
    PATH,
    dependencies=[Depends(require_editor)],
    summary="Graph Store Protocol: replace a named graph (validated)",
)
async def put_graph(request: Request) -> Response:
    try:
        name = _named_target(request, "replaced", "PUT")
        graph = await _upload(request)
    except ProtocolError as exc:
        return error(exc.status, exc.message, exc.headers)
    # in a thread: a store that does not answer must not hold up the event loop
    existed = name in await in_write_thread(get_runner(request).store.graph_names)
    return await in_write_thread(
        write_response, request, lambda: {name: graph}, _done(not existed), "graph_store"
    )


@router.post(
    PATH,
    dependencies=[Depends(require_editor)],
    summary="Graph Store Protocol: add triples to a named graph or ?default, or create a "
    "graph (no parameter: 201 with its IRI in Location); validated",
)
async def post_graph(request: Request) -> Response:
    try:
        name, location = _post_target(request)
        graph = await _upload(request)
    except ProtocolError as exc:
        return error(exc.status, exc.message, exc.headers)
    store = get_runner(request).store
    existed = name in await in_write_thread(store.graph_names)

    def merged() -> dict[str, Graph]:
        return {name: store.graph(name) + graph}

    return await in_write_thread(write_response, request, merged,
                                   _done(not existed, location), "graph_store")


@router.delete(
    PATH,
    dependencies=[Depends(require_editor)],
    summary="Graph Store Protocol: delete a named graph (validated)",
)
async def delete_graph(request: Request) -> Response:
    try:
        name = _named_target(request, "deleted", "DELETE")
        # the audit trail (in a store of its own on the embedded store) is refused by the
        # write path itself, with 400, as a write to it is
        if (name not in HIDDEN_GRAPHS
                and name not in await in_write_thread(get_runner(request).store.graph_names)):
            raise ProtocolError(404, f"no graph named <{name}> in this store")
    except ProtocolError as exc:
        return error(exc.status, exc.message, exc.headers)
    return await in_write_thread(write_response, request, lambda: {name: Graph()},
                                   _done(False), "graph_store")
