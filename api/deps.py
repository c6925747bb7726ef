"""Dependencies shared by the routers: the settings and the open store."""

from __future__ import annotations

from fastapi import Request

from api.settings import Settings
from graph.store import GraphStore

# These are ``async``: FastAPI runs a plain ``def`` dependency in the thread pool, and a hop
# there per dependency costs more than the lookups behind most REST routes.


async def get_store(request: Request) -> GraphStore:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings
