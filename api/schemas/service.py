"""The service: health and statistics."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from graph import __version__


class Health(BaseModel):
    status: Literal["ok", "degraded", "down"] = Field(
        description="ok: reads and writes work (HTTP 200). degraded: reads work, writes are "
        "refused (disk full, read-only storage; HTTP 503). down: the store or engine cannot "
        "be reached, or the server is shutting down (HTTP 503).",
        examples=["ok"],
    )
    cause: str | None = Field(
        None, description="Why the status is not ok (null when it is).",
        examples=[None, "disk full"],
    )
    since: str = Field(
        description="When the store entered this status (UTC, ISO 8601): the start of an "
        "outage, or of its end.",
        examples=["2026-12-04T21:00:00Z"],
    )
    version: str = Field(examples=[__version__])
    store: str = Field(description="The backend in use.", examples=["Oxigraph 0.5.13 (var/store)"])
    triples: int | None = Field(
        description="Quads in the store, inferred ones included (null while it cannot be "
        "counted: the engine is down).", examples=[5321],
    )
    caches: Literal["warming", "ready", "off"] = Field(
        description="The extractor's knowledge base and the label index: still being built at "
        "start (the first "
        "POST /documents waits for it), ready, or not warmed at start (DIPLOGRAPH_WARM_CACHES=0, "
        "or a store others write to).",
        examples=["ready"],
    )


class Live(BaseModel):
    status: Literal["alive"] = Field(examples=["alive"])


class Count(BaseModel):
    iri: str = Field(examples=["https://w3id.org/diplograph/ontology#Demand"])
    count: int = Field(examples=[42])


class Stats(BaseModel):
    classes: list[Count] = Field(description="Resources per class, inferred superclasses included.")
    graphs: list[Count] = Field(description="Triples per named graph (the origin of each triple).")
