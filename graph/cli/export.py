"""``diplograph export``: a graph view for Gephi."""

from __future__ import annotations

from pathlib import Path

import typer

from graph.cli.common import StoreOption, fail, open_db, out
from graph.store import StoreError
from graph.store.faults import exit_code


def export_command(
    view_name: str = typer.Argument(
        ..., metavar="VIEW", help="actors, claims, meetings, full or ledger."
    ),
    fmt: str = typer.Option("gexf", "--format", help="gexf, graphml or csv (a zip of tables)."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write."),
    since: str | None = typer.Option(None, help="Only facts dated on or after YYYY-MM-DD."),
    until: str | None = typer.Option(None, help="Only facts dated on or before YYYY-MM-DD."),
    topic: str | None = typer.Option(None, help="Only facts on a topic (slug or IRI)."),
    store: str | None = StoreOption,
) -> None:
    """Export a graph view for Gephi: GEXF 1.3 with a timeline, GraphML, or CSV tables."""
    from graph.export import FORMATS, describe, export
    from graph.views.registry import VIEWS, ViewError, build_view, filters

    if view_name not in VIEWS:
        fail(f"unknown view {view_name!r}; expected one of {', '.join(VIEWS)}", code=2)
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", code=2)
    db = open_db(store, read_only=True)
    try:
        wanted = filters(db, since, until, topic)
        graph = build_view(db, view_name, wanted)
        body = export(graph, fmt, describe(view_name, wanted))
    except (ViewError, StoreError) as exc:
        fail(str(exc), exit_code(exc))
    finally:
        db.close()
    try:
        output.write_bytes(body)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    out.print(
        f"wrote the {view_name} view ({graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} edges) as {fmt} to {output}",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``export`` to the ``diplograph`` app."""
    app.command("export")(export_command)
