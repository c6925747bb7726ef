"""Reading RDF safely: formats by name or suffix, and no XML entity tricks or remote contexts."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

#: rdflib parser names by file suffix and by media type.
FORMATS_BY_SUFFIX = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".n3": "n3",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
}
FORMATS_BY_MEDIA_TYPE = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}

_DOCTYPE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class RDFInputError(ValueError):
    """The input is not RDF we accept; the message names the problem."""


def format_for(path: Path, explicit: str | None = None) -> str:
    if explicit:
        return FORMATS_BY_MEDIA_TYPE.get(explicit, explicit)
    try:
        return FORMATS_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        raise RDFInputError(
            f"{path.name}: cannot tell the RDF format from the suffix {path.suffix!r}; "
            f"use one of {', '.join(sorted(FORMATS_BY_SUFFIX))}"
        ) from None


def parse_bytes(data: bytes, fmt: str, *, source: str = "input") -> Graph:
    """Parse RDF bytes; refuse DOCTYPE/ENTITY declarations and remote JSON-LD contexts.

    Entity expansion keeps rdflib busy for minutes and makes Oxigraph allocate gigabytes, and
    a remote ``@context`` would make the parser fetch a URL: neither is ever allowed.
    """
    if fmt == "xml" and _DOCTYPE.search(data):
        raise RDFInputError(
            f"{source}: DOCTYPE and ENTITY declarations are not accepted in RDF/XML"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RDFInputError(f"{source}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    graph = Graph()
    try:
        if fmt == "json-ld":
            _refuse_remote_context(text, source)
        graph.parse(data=text, format=fmt)
    except RDFInputError:
        raise
    except Exception as exc:  # the parsers raise many types; all mean "bad input"
        raise RDFInputError(f"{source}: invalid {fmt}: {exc}") from None
    return graph


def _refuse_remote_context(text: str, source: str) -> None:
    import json

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "@context" and _has_remote(value):
                    raise RDFInputError(
                        f"{source}: remote JSON-LD @context is not fetched; inline it"
                    )
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    def _has_remote(ctx: object) -> bool:
        if isinstance(ctx, str):
            return True
        if isinstance(ctx, list):
            return any(_has_remote(c) for c in ctx)
        return isinstance(ctx, dict) and "@import" in ctx

    try:
        walk(json.loads(text))
    except json.JSONDecodeError as exc:
        raise RDFInputError(f"{source}: invalid JSON: {exc}") from None


def parse_file(path: Path, fmt: str | None = None) -> Graph:
    """Parse one RDF file; errors name the file and the problem."""
    if not path.is_file():
        raise RDFInputError(f"{path}: no such file")
    return parse_bytes(path.read_bytes(), format_for(path, fmt), source=path.name)
