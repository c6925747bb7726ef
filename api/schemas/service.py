"""The service: health and statistics."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from graph import __version__


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str = Field(examples=[__version__])
    store: str = Field(description="The backend in use.", examples=["Oxigraph 0.5.13 (var/store)"])
    triples: int = Field(description="Quads in the store, inferred ones included.", examples=[5321])
    caches: Literal["warming", "ready", "off"] = Field(
        description="The extractor's knowledge base and the label index: still being built at "
        "start (the first "
        "POST /documents waits for it), ready, or not warmed at start (DIPLOGRAPH_WARM_CACHES=0, "
        "or a store others write to).",
        examples=["ready"],
    )


class Count(BaseModel):
    iri: str = Field(examples=["https://w3id.org/diplograph/ontology#Demand"])
    count: int = Field(examples=[42])


class Stats(BaseModel):
    classes: list[Count] = Field(description="Resources per class, inferred superclasses included.")
    graphs: list[Count] = Field(description="Triples per named graph (the origin of each triple).")
