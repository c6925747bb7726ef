"""``diplograph serve``: the API, the SPARQL endpoint and the pages under uvicorn."""

from __future__ import annotations

from typing import Any

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
        config = uvicorn.Config("api.app:create_app", factory=True, host=host, port=port,
                                access_log=access_log, timeout_graceful_shutdown=DRAIN_SECONDS)
        _draining_server(uvicorn.Server)(config).run()


#: Seconds the requests in flight at SIGTERM may take to finish before the server stops.
DRAIN_SECONDS = 30


def _draining_server(base: type[Any]) -> type[Any]:
    """uvicorn's server, refusing new writes (503) from the moment it is told to stop: the
    listener closes, the requests in flight (a write among them) finish, bounded by
    ``DRAIN_SECONDS``, and the app's shutdown waits for the write in progress."""
    from graph.write import drain

    class DrainingServer(base):  # uvicorn.Server, imported late
        def handle_exit(self, sig: int, frame: Any) -> None:
            drain.begin()
            super().handle_exit(sig, frame)

    return DrainingServer


def _exit(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``diplograph`` app."""
    app.command("serve")(serve_command)
