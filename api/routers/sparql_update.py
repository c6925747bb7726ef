"""``/update``: SPARQL 1.1 Update over the Protocol, for token holders, validated before commit.

The update is planned on a private copy of the data (``graph.write.update_plan``, in a query
worker so the time limit holds), the changed graphs are validated against the SHACL shapes, and
only a change that passes is committed, in one transaction (``graph.write.commit``). A refused
update changes nothing, however many of its operations were fine.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from api.deps import get_runner, require_writer
from api.services.writes import write_response
from api.sparql.protocol import ProtocolError, error, read_operation
from graph.namespaces import INFERRED_GRAPH
from graph.sparql.guard import GuardError, check_update
from graph.write.commit import DEFAULT_WRITE_GRAPH, Changes, graphs_from_ox

router = APIRouter(tags=["sparql"])

UPDATE_TYPE = "application/sparql-update"
_UNSUPPORTED = ("using-graph-uri", "using-named-graph-uri")


@router.post(
    "/update",
    dependencies=[Depends(require_writer)],
    summary="SPARQL 1.1 Update (needs the bearer token; validated, all or nothing)",
    description=(
        "Form `update=` or an application/sparql-update body. Triples written to the default "
        f"graph land in <{DEFAULT_WRITE_GRAPH}>; removing a triple from the default graph removes "
        "it from every named graph. 422 with the SHACL report when the result would break the "
        "shapes; nothing is written then."
    ),
)
async def update(request: Request) -> Response:
    try:
        operation = await read_operation(request, "update", UPDATE_TYPE)
        if operation.text is None:
            raise ProtocolError(
                400, f"no update: send it as the 'update' parameter or as an {UPDATE_TYPE} body"
            )
        for name in _UNSUPPORTED:
            if operation.values(name):
                raise ProtocolError(
                    400,
                    f"{name} is not supported here; name the graphs in the "
                    "update (USING, USING NAMED, WITH, GRAPH)",
                )
        return await run_in_threadpool(_apply, request, operation.text)
    except ProtocolError as exc:
        return error(exc.status, exc.message, exc.headers)


@router.get("/update", include_in_schema=False)
def update_by_get() -> Response:
    return error(405, "an update is sent with POST, never GET", {"Allow": "POST"})


def _apply(request: Request, text: str) -> Response:
    try:
        check_update(text)
    except GuardError as exc:
        return error(400, str(exc))
    evaluator = get_runner(request)

    def compute() -> Changes:
        changed = evaluator.plan_update(
            text, default_target=DEFAULT_WRITE_GRAPH, derived=INFERRED_GRAPH
        )
        return graphs_from_ox(changed)

    return write_response(
        request, compute, lambda graphs: JSONResponse({"status": "ok", "graphs": graphs})
    )
