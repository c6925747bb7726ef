"""The validated write behind ``/update`` and the Graph Store Protocol, and its HTTP answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from api.deps import get_runner
from api.faults import Fault, answer, classify
from api.sparql import eval as ev
from api.sparql.protocol import error
from graph.store import ReadOnlyStoreError, StoreError
from graph.write.commit import Changes, WriteBusy, WriteError, WriteRefused, refusal_json, write
from graph.write.drain import Draining


def write_response(
    request: Request, compute: Callable[[], Changes], success: Callable[[dict[str, int]], Response],
    kind: str,
) -> Response:
    """Run a validated write (recorded in the audit trail as a write of ``kind``) and turn each
    way it can fail into its HTTP answer."""
    limit = request.app.state.settings.query_timeout
    try:
        report = write(get_runner(request).store, compute, kind=kind)
    except WriteRefused as exc:
        return JSONResponse(refusal_json(exc.result), status_code=422)
    except WriteError as exc:
        return error(400, str(exc))
    except ev.QuerySyntaxError as exc:
        return error(400, f"invalid SPARQL update: {exc}")
    except ev.EngineError as exc:
        return error(400, f"the update failed: {exc}; nothing was written")
    except ReadOnlyStoreError as exc:
        return error(403, str(exc))
    except (StoreError, ev.QueryTimeout, ev.Busy, WriteBusy, Draining) as exc:
        fault = classify(exc, limit)
        assert fault is not None  # every class caught here has its answer
        return answer(request, Fault(fault.status, f"{fault.message}; nothing was written",
                                     fault.retry_after))
    answered = success(report.graphs)
    answered.headers["Server-Timing"] = server_timing(report.timings)
    return answered


def server_timing(timings: Mapping[str, float]) -> str:
    """A write's steps (seconds) as a W3C ``Server-Timing`` header, in milliseconds: where its
    time went (validation, commit, the caches following it), as browsers' tools show it."""
    return ", ".join(f"{name.replace(' ', '-')};dur={took * 1000:.1f}"
                     for name, took in timings.items())  # fmt: skip
