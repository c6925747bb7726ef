"""Downloads of the graph views for Gephi: GEXF 1.3 (with a timeline), GraphML and a CSV zip."""

from __future__ import annotations

from enum import StrEnum

from fastapi import APIRouter, Depends, Path, Response
from starlette.concurrency import run_in_threadpool

from api.deps import Store
from api.rest import ViewName, ViewPath, Window, view_window
from api.services.views import view_errors
from graph.export import FORMATS, describe, export, filename
from graph.views.registry import Filters, build_view, filters

router = APIRouter(prefix="/export", tags=["export"])

ExportFormat = StrEnum("ExportFormat", {name: name for name in FORMATS})  # type: ignore[misc]  # members come from the exporters; mypy wants literals

_DESCRIPTION = {
    "gexf": "GEXF 1.3: types, labels, colours by kind and claim type, sizes by degree, and "
    "dates for Gephi's timeline.",
    "graphml": "GraphML with typed keys.",
    "csv": "A zip of nodes.csv and edges.csv for Gephi's spreadsheet import (Timeset column).",
}


@router.get(
    "/{view_name}.{fmt}",
    summary="A view as a file: /export/actors.gexf, /export/claims.graphml, /export/full.csv",
    response_class=Response,
    responses={
        200: {
            "description": " ".join(_DESCRIPTION.values()),
            "content": {f.media_type: {} for f in FORMATS.values()},
        },
        404: {"description": "An unknown topic."},
        422: {"description": "Unknown view or format, or a bad filter."},
    },
)
async def export_view(
    *,
    view_name: ViewName = ViewPath,
    fmt: ExportFormat = Path(description="gexf, graphml or csv (a zip of two tables)."),
    window: Window = Depends(view_window),
    store: Store,
) -> Response:
    def build() -> tuple[bytes, Filters]:
        wanted = filters(store, window.since, window.until, window.topic)
        graph = build_view(store, view_name.value, wanted)
        return export(graph, fmt.value, describe(view_name.value, wanted)), wanted

    with view_errors():
        body, wanted = await run_in_threadpool(build)
    name = filename(view_name.value, fmt.value, wanted)
    return Response(
        body,
        media_type=FORMATS[fmt.value].media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
