"""``diplograph serve``: the API, the SPARQL endpoint and the pages under uvicorn."""

from __future__ import annotations

import typer

from graph.cli.common import StoreOption
from graph.store import store_setting
from graph.store.holder import announce, client_url


def serve_command(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    store: str | None = StoreOption,
) -> None:
    """Serve the API, the SPARQL endpoint and the pages with uvicorn."""
    import os
    import signal

    import uvicorn

    setting = store_setting(store)
    os.environ["DIPLOGRAPH_STORE"] = setting
    # a note beside the store: a command refused its lock says to write through this server.
    # uvicorn re-raises SIGTERM once shut down; as SystemExit, the note is removed on the way.
    signal.signal(signal.SIGTERM, _exit)
    with announce(setting, client_url(host, port),
                  writes=bool(os.environ.get("DIPLOGRAPH_TOKEN")
                             or os.environ.get("DIPLOGRAPH_TOKENS_FILE"))):
        # with JSON request lines (DIPLOGRAPH_LOG_FORMAT=json) uvicorn's own would be a second
        access_log = os.environ.get("DIPLOGRAPH_LOG_FORMAT", "").strip().lower() != "json"
        uvicorn.run("api.app:create_app", factory=True, host=host, port=port,
                    access_log=access_log)


def _exit(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``diplograph`` app."""
    app.command("serve")(serve_command)
