"""``diplograph audit`` and ``revert``: read who changed what, and undo one write."""

from __future__ import annotations

import datetime as dt
import json

import typer

from graph.cli.common import StoreOption, fail, open_db, out, print_validation
from graph.store import StoreError, StoreLocked, open_store
from graph.store.holder import holder


def audit_command(
    actor: str | None = typer.Option(None, "--actor", help="Only this token's name."),
    since: str | None = typer.Option(None, "--since", help="Only from this date or ISO 8601 "
                                     "time on (UTC when it names no zone)."),
    graph: str | None = typer.Option(None, "--graph", help="Only writes to this graph (IRI)."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many, newest first."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
    store: str | None = StoreOption,
) -> None:
    """List the writes the audit trail recorded, newest first (read-only: works while
    'diplograph serve' holds the store)."""
    from graph.audit import trail

    try:
        since_at = dt.datetime.fromisoformat(since) if since else None
    except ValueError:
        fail(f"--since: {since!r} is not a date or an ISO 8601 time", code=2)
    db = open_db(store, read_only=True)
    try:
        iris = trail.find(db, actor=actor, since=since_at, graph=graph)[:limit]
        found = trail.read_many(db, iris)
    except StoreError as exc:
        fail(str(exc))
    finally:
        db.close()
    for iri in iris:
        row = found[iri].as_json()
        if as_json:
            out.print(json.dumps(row, ensure_ascii=False), highlight=False, soft_wrap=True)
            continue
        note = f" reverts {row['reverts']}" if row["reverts"] else ""
        note += f" (reverted by {', '.join(row['reverted_by'])})" if row["reverted_by"] else ""
        out.print(f"{row['id']}  {row['time'][:19]}  {row['kind']:<11} {row['actor']:<20} "
                  f"+{row['added']} -{row['removed']}{note}", highlight=False, soft_wrap=True)


def revert_command(
    activity: str = typer.Argument(..., help="The activity's id ('diplograph audit' lists them)."),
    store: str | None = StoreOption,
) -> None:
    """Undo one recorded write (an ingest, a review...): its added triples removed, its removed
    ones put back, validated, and recorded as a revert. Refused when later writes depend on it.

    A running server holds the store: revert through its API then (POST /audit/ID/revert with
    an admin's token).
    """
    from graph.audit.revert import RevertError, revert
    from graph.audit.trail import activity_id
    from graph.write.commit import WriteRefused

    try:
        db = open_store(store, read_only=False)
    except StoreLocked as exc:
        found = holder(exc.path)
        url = found.url if found else "http://127.0.0.1:8000"
        fail(f"the store at {exc.path} is held by a running server; revert through it: "
             f"curl -X POST -H 'Authorization: Bearer ADMIN_TOKEN' {url}/audit/{activity}/revert")
    except StoreError as exc:
        fail(str(exc))
    try:
        report = revert(db, activity)
    except RevertError as exc:
        fail(str(exc))
    except WriteRefused as exc:
        print_validation(exc.result)
        fail(f"reverting {activity} would break the shapes: {exc}")
    except StoreError as exc:
        fail(str(exc))
    finally:
        db.close()
    assert report.activity is not None
    out.print(f"reverted {activity}: activity {activity_id(report.activity)}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``audit`` and ``revert`` to the ``diplograph`` app."""
    app.command("audit")(audit_command)
    app.command("revert")(revert_command)
