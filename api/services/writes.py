"""The validated write behind ``/update`` and the Graph Store Protocol, and its HTTP answers."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from api.deps import get_runner
from api.sparql import eval as ev
from api.sparql.protocol import error
from graph.store import ReadOnlyStoreError, StoreError
from graph.write.commit import Changes, WriteBusy, WriteError, WriteRefused, refusal_json, write


def write_response(
    request: Request, compute: Callable[[], Changes], success: Callable[[dict[str, int]], Response]
) -> Response:
    """Run a validated write and turn each way it can fail into its HTTP answer."""
    limit = request.app.state.settings.query_timeout
    try:
        report = write(get_runner(request).store, compute)
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
