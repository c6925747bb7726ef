"""Slugs and IRIs under the configured base (``Settings.base_iri``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from graph.namespaces import ID_BASE, KINDS

#: What a slug may look like: URI-unreserved characters, so a slug is an IRI segment as is.
SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,299}$"
_SLUG = re.compile(SLUG_PATTERN)


def is_slug(text: str) -> bool:
    """Whether ``text`` can be a slug; anything else names nothing and never reaches a query."""
    return bool(_SLUG.match(text))


def slug_of(iri: str) -> str:
    """The id of a resource: the last segment of its IRI, whatever the base."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Ids:
    """Maps ``(kind, slug)`` to IRIs under one base and back; the base is a deployment setting."""

    base: str = ID_BASE

    def iri(self, kind: str, slug: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        if not is_slug(slug):
            raise ValueError(f"not a slug: {slug[:80]!r}")
        return URIRef(f"{self.base}{kind}/{slug}")

    def kind(self, iri: str) -> str | None:
        """The kind of one of our entity IRIs (``actor``), None for any other IRI."""
        if not str(iri).startswith(self.base):
            return None
        kind, _, slug = str(iri)[len(self.base) :].partition("/")
        return kind if kind in KINDS and slug and "/" not in slug else None
