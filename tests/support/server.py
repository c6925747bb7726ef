"""A real uvicorn server in a thread, serving the real app over a given store."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from api.app import create_app
from api.settings import Settings
from graph.store import GraphStore

TOKEN = "test-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    store: GraphStore
    settings: Settings


def start_server(
    store: GraphStore, settings: Settings, app: FastAPI | None = None
) -> tuple[uvicorn.Server, threading.Thread, str]:
    """uvicorn in a thread on a free loopback port, serving the real app (``app``: one the
    test built with ``create_app`` and added to)."""
    port = free_port()
    config = uvicorn.Config(
        app or create_app(settings, store=store),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"
