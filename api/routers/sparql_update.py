"""``/update``: SPARQL 1.1 Update over the Protocol, for token holders, validated before commit.

The update is planned on a private copy of the data (``graph.update_plan``, in a query worker so
the time limit holds), the changed graphs are validated against the SHACL shapes, and only a
change that passes is committed, in one transaction (``graph.write``). A refused update changes
nothing, however many of its operations were fine.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from api.auth import require_writer
from api.routers.sparql import error, runner
from api.sparql import eval as ev
from api.sparql.protocol import ProtocolError, read_operation
from graph.namespaces import INFERRED_GRAPH
from graph.sparql.guard import GuardError, check_update
from graph.store import ReadOnlyStoreError, StoreError
from graph.write.commit import (
    DEFAULT_WRITE_GRAPH,
    Changes,
    WriteBusy,
    WriteError,
    WriteRefused,
    graphs_from_ox,
    refusal_json,
    write,
)

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


def write_response(
    request: Request, compute: Callable[[], Changes], success: Callable[[dict[str, int]], Response]
) -> Response:
    """Run a validated write and turn each way it can fail into its HTTP answer."""
    limit = request.app.state.settings.query_timeout
    try:
        report = write(runner(request).store, compute)
    except WriteRefused as exc:
        return JSONResponse(refusal_json(exc.result), status_code=422)
    except WriteError as exc:
        return error(400, str(exc))
    except ev.QuerySyntaxError as exc:
        return error(400, f"invalid SPARQL update: {exc}")
    except ev.QueryTimeout:
        return error(
            503,
            f"the update ran past the time limit of {limit:g} s and was stopped; "
            "nothing was written",
        )
    except ev.EngineError as exc:
        return error(400, f"the update failed: {exc}; nothing was written")
    except (WriteBusy, ev.Busy) as exc:
        return error(503, f"the server is busy: {exc}")
    except ReadOnlyStoreError as exc:
        return error(403, str(exc))
    except StoreError as exc:
        return error(503, f"the store could not commit the write: {exc}")
    return success(report.graphs)


def _apply(request: Request, text: str) -> Response:
    try:
        check_update(text)
    except GuardError as exc:
        return error(400, str(exc))
    evaluator = runner(request)

    def compute() -> Changes:
        changed = evaluator.plan_update(
            text, default_target=DEFAULT_WRITE_GRAPH, derived=INFERRED_GRAPH
        )
        return graphs_from_ox(changed)

    return write_response(
        request, compute, lambda graphs: JSONResponse({"status": "ok", "graphs": graphs})
    )
