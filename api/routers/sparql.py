"""``/sparql``: the SPARQL 1.1 Protocol query endpoint, its page and its service description.

The handlers check and negotiate on the event loop (a lexical pass, microseconds), then await
the answer: evaluation and serialisation run in a query worker process for the on-disk store
(the loop watches its pipe) and in a thread for the others (see ``api.sparql.runner``), so a
slow query never holds up the event loop or any other request.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.deps import get_runner
from api.faults import classify
from api.settings import Settings
from api.sparql import eval as ev
from api.sparql import page as sparql_page
from api.sparql.formats import (
    BY_NAME,
    GRAPH,
    RESULTS,
    Format,
    NotAcceptable,
    UnknownFormat,
    negotiate,
)
from api.sparql.protocol import (
    Operation,
    ProtocolError,
    base_iri,
    error,
    graph_iris,
    read_operation,
)
from api.sparql.runner import ox_triple
from api.sparql.service_description import describe
from graph.namespaces import PREFIXES
from graph.sparql.guard import GuardError, QueryShape, check_query
from graph.store import StoreError

router = APIRouter(tags=["sparql"])

QUERY_TYPE = "application/sparql-query"
TRUNCATED = "X-Diplograph-Truncated"
HTML = Format("html", "page", "text/html", ("html", "application/xhtml+xml"))
_KIND_OF = {"SELECT": RESULTS, "ASK": RESULTS, "CONSTRUCT": GRAPH, "DESCRIBE": GRAPH}
_ERROR = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
                "required": ["detail"],
            }
        }
    }
}
_ANSWER_TYPES = [f.media_type for f in BY_NAME.values()]
_DOC: dict[str, Any] = {
    "summary": "SPARQL 1.1 query (Protocol: GET ?query=, POST form, POST sparql-query)",
    # The parameters are described here rather than declared: which texts are valid SPARQL is
    # beyond what an OpenAPI schema can say, so declared ones would promise too much.
    "description": (
        "Parameters (query string, or form body for POST): `query` (the SPARQL query), "
        "`default-graph-uri` and `named-graph-uri` (repeatable; set the dataset, overriding "
        "FROM; without them the default graph is the union of the named graphs), `format` "
        "(json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml, trig: overrides Accept). "
        "SELECT/ASK answer as SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, "
        "N-Triples, JSON-LD, RDF/XML or TriG, chosen by Accept (q-values honoured). "
        "Without a query: the query page (Accept: text/html) or the service description "
        "(Turtle by default)."
    ),
    "responses": {
        200: {
            "description": "The answer, or the page / service description without a query",
            "content": {t: {} for t in [*_ANSWER_TYPES, "text/html"]},
        },
        400: {"description": "Malformed or refused query (the message says why)", **_ERROR},
        406: {"description": "No acceptable format; the message lists them", **_ERROR},
        413: {"description": "Request body too large", **_ERROR},
        415: {"description": "Body sent with an unsupported Content-Type", **_ERROR},
        503: {"description": "The engine cannot be reached, or the server is busy "
              "(Retry-After says when to try again)", **_ERROR},
        504: {"description": "No answer within the query time limit", **_ERROR},
    },
}


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH", "OPTIONS"], include_in_schema=False)
def sparql_other_methods(request: Request) -> Response:
    """Starlette names only the first route's methods in a 405; this names both."""
    status = 204 if request.method == "OPTIONS" else 405
    return Response(status_code=status, headers={"Allow": "GET, HEAD, POST, OPTIONS"})


@router.get("/sparql", **_DOC)
async def sparql_get(request: Request) -> Response:
    return await sparql(request)


@router.head("/sparql", include_in_schema=False)
async def sparql_head(request: Request) -> Response:
    answer = await sparql(request)
    return Response(status_code=answer.status_code, headers=dict(answer.headers))


@router.post("/sparql", **_DOC)
async def sparql(request: Request) -> Response:
    try:
        operation = await read_operation(request, "query", QUERY_TYPE)
        if operation.text is None:
            if request.method in ("GET", "HEAD"):
                return await run_in_threadpool(_page_or_description, request, operation)
            raise ProtocolError(
                400, f"no query: send it as the 'query' parameter or as an {QUERY_TYPE} body"
            )
        return await _answer(request, operation)
    except ProtocolError as exc:
        return error(exc.status, exc.message, exc.headers)


@router.get("/sparql/static/{name}", include_in_schema=False)
def static_asset(name: str) -> Response:
    found = sparql_page.asset(name)
    if found is None:
        return error(404, f"no asset named {name!r}")
    body, media = found
    return Response(body, media_type=media)


def _formats(request: Request, operation: Operation, shape: QueryShape) -> dict[str, str | None]:
    """The format to answer in for each kind of answer; 406 when the query's kind has none."""
    try:
        chosen, refusals = _negotiated(request.headers.get("accept"),
                                       tuple(operation.values("format")))
    except UnknownFormat as exc:
        raise ProtocolError(400, str(exc)) from None
    wanted = _KIND_OF.get(shape.form or "")
    if wanted is not None and chosen[wanted] is None:
        raise ProtocolError(406, refusals[wanted])
    if not any(chosen.values()):
        raise ProtocolError(406, refusals[RESULTS])
    return dict(chosen)


@lru_cache(maxsize=256)
def _negotiated(accept: str | None, format_values: tuple[str, ...],
                ) -> tuple[dict[str, str | None], dict[str, str]]:  # fmt: skip
    """Each kind's format (None: refused, and why) for an Accept header and ``format=``
    values, kept per header: clients send the same few headers with every query, and weighing
    every format against one costs tens of microseconds a request (the returned dicts are
    shared: copy before changing them)."""
    chosen: dict[str, str | None] = {}
    refusals: dict[str, str] = {}
    for kind in (RESULTS, GRAPH):
        try:
            chosen[kind] = negotiate(accept, list(format_values), kind).name
        except NotAcceptable as exc:
            chosen[kind], refusals[kind] = None, str(exc)
    return chosen, refusals


async def _answer(request: Request, operation: Operation) -> Response:
    """Checked and negotiated on the loop (microseconds), then awaited: the evaluation runs
    in a query worker process, or in a thread for the other stores."""
    settings: Settings = request.app.state.settings
    text = operation.text or ""
    try:
        shape = check_query(text)
    except GuardError as exc:
        raise ProtocolError(400, str(exc)) from None
    formats = _formats(request, operation, shape)
    query = ev.QueryRequest(
        query=text,
        formats=formats,
        max_rows=settings.max_rows,
        default_graphs=graph_iris(operation, "default-graph-uri"),
        named_graphs=graph_iris(operation, "named-graph-uri"),
        union=not shape.names_dataset,
        # sent to the query worker with every request: only when the answer's format uses it
        prefixes=PREFIXES if formats[GRAPH] in ev.PREFIXED else {},
        base_iri=base_iri(request, settings.sparql_base),
        hidden=list(get_runner(request).store.hidden_graphs),
    )
    try:
        answer = await get_runner(request).query(query, shape.form)
    except ev.QuerySyntaxError as exc:
        raise ProtocolError(400, f"invalid SPARQL query: {exc}") from None
    except ev.WrongKind as exc:
        listing = ", ".join(f.media_type for f in BY_NAME.values() if f.kind == exc.kind)
        raise ProtocolError(
            406,
            f"this query answers with {exc.kind}, available as {listing}; "
            "none is acceptable to the client",
        ) from None
    except (ev.QueryTimeout, ev.Busy, StoreError) as exc:
        fault = classify(exc, settings.query_timeout)
        assert fault is not None  # every class caught here has its answer
        raise ProtocolError(fault.status, fault.message, fault.headers()) from None
    except ev.EngineCrashed:
        raise ProtocolError(
            400, "the query engine failed on this query (too complex to evaluate); simplify it"
        ) from None
    except ev.EngineError as exc:
        raise ProtocolError(400, f"the query failed: {exc}") from None
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers[TRUNCATED] = "true"
        headers["X-Diplograph-Max-Rows"] = str(settings.max_rows)
    return Response(answer.body, media_type=BY_NAME[answer.format].content_type, headers=headers)


def _page_or_description(request: Request, operation: Operation) -> Response:
    accept = request.headers.get("accept")
    try:
        chosen = negotiate(accept, operation.values("format"), GRAPH, extra=(HTML,))
    except (NotAcceptable, UnknownFormat) as exc:
        status = 406 if isinstance(exc, NotAcceptable) else 400
        raise ProtocolError(status, str(exc)) from None
    headers = {"Vary": "Accept"}
    settings: Settings = request.app.state.settings
    if chosen is HTML:
        body = sparql_page.page(settings.base_iri)
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)
    endpoint = str(request.url.replace(query=None))
    update = str(request.url.replace(path="/update", query=None))
    graph = describe(
        endpoint,
        update,
        get_runner(request).store.graph_names(),
        settings.query_timeout,
        settings.max_rows,
    )
    found = (ox_triple(t) for t in graph)
    answer = ev.triples(found, chosen.name, settings.max_rows, PREFIXES)
    return Response(answer.body, media_type=chosen.content_type, headers=headers)
