"""``/update``: SPARQL 1.1 Update over the Protocol, for editors and admins, validated before
commit.

The update is planned on a private copy of the data (``graph.write.update_plan``, in a query
worker so the time limit holds), the changed graphs are validated against the SHACL shapes, and
only a change that passes is committed, in one transaction (``graph.write.commit``). A refused
update changes nothing, however many of its operations were fine.
"""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from api.deps import get_runner, require_editor
from api.services.writes import write_response
from api.sparql.protocol import (
    Operation,
    ProtocolError,
    base_iri,
    error,
    graph_iris,
    read_operation,
)
from api.threads import in_write_thread
from graph.namespaces import HIDDEN_GRAPHS, INFERRED_GRAPH
from graph.sparql.guard import GuardError, check_update
from graph.sparql.text import SparqlTextError, with_using
from graph.write.commit import DEFAULT_WRITE_GRAPH, Changes, graphs_from_ox

router = APIRouter(tags=["sparql"])

UPDATE_TYPE = "application/sparql-update"


@router.post(
    "/update",
    dependencies=[Depends(require_editor)],
    summary="SPARQL 1.1 Update (needs an editor's bearer token; validated, all or nothing)",
    description=(
        "Form `update=` or an application/sparql-update body. Triples written to the default "
        f"graph land in <{DEFAULT_WRITE_GRAPH}>; removing a triple from the default graph removes "
        "it from every named graph. `using-graph-uri`/`using-named-graph-uri` (repeatable) set "
        "the dataset of the operations' WHERE (400 beside USING or WITH in the update). "
        "Relative IRIs resolve against the endpoint's URL or DIPLOGRAPH_SPARQL_BASE. "
        "422 with the SHACL report when the result would break the shapes; nothing is "
        "written then."
    ),
)
async def update(request: Request) -> Response:
    try:
        operation = await read_operation(request, "update", UPDATE_TYPE)
        if operation.text is None:
            raise ProtocolError(
                400, f"no update: send it as the 'update' parameter or as an {UPDATE_TYPE} body"
            )
        base = base_iri(request, request.app.state.settings.sparql_base)
        return await in_write_thread(_apply, request, operation, base)
    except ProtocolError as exc:
        return error(exc.status, exc.message, exc.headers)


@router.get("/update", include_in_schema=False)
def update_by_get() -> Response:
    return error(405, "an update is sent with POST, never GET", {"Allow": "POST"})


def _with_dataset(operation: Operation, text: str) -> str:
    """The update with the protocol's ``using-graph-uri``/``using-named-graph-uri`` written into
    it as USING clauses (the lexer places them; the IRIs are serialised, never pasted): updates
    are planned by Oxigraph, whatever the store, and it takes the dataset only in the text.
    400 when the update names its own dataset (USING, WITH) beside them, as the protocol says."""
    default = graph_iris(operation, "using-graph-uri")
    named = graph_iris(operation, "using-named-graph-uri")
    if default is None and named is None:
        return text
    try:
        return with_using(text, [str(ox.NamedNode(g)) for g in default or []],
                          [str(ox.NamedNode(g)) for g in named or []])
    except SparqlTextError as exc:
        raise ProtocolError(400, str(exc)) from None


def _apply(request: Request, operation: Operation, base: str | None = None) -> Response:
    try:
        check_update(operation.text or "")
        text = _with_dataset(operation, operation.text or "")
    except GuardError as exc:
        return error(400, str(exc))
    except ProtocolError as exc:
        return error(exc.status, exc.message, exc.headers)
    evaluator = get_runner(request)

    def compute() -> Changes:
        changed = evaluator.plan_update(
            text, default_target=DEFAULT_WRITE_GRAPH, derived=INFERRED_GRAPH, base_iri=base,
            hidden=HIDDEN_GRAPHS,
        )
        return graphs_from_ox(changed)

    return write_response(
        request, compute, lambda graphs: JSONResponse({"status": "ok", "graphs": graphs}),
        "update",
    )
