"""What a claims request selects by (``ClaimFilter``) and what a selection yields (``Match``),
shared by the store's query (``graph.lookups.claims``) and the read model
(``graph.lookups.claims_model``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.lookups import vocab

#: Filters from the most to the least selective, as a rule of thumb (one person says little of
#: all there is, a type a quarter, a side most of it): the first one asked for drives the query.
_SELECTIVITY = ("claimant", "meeting", "document", "topic", "type", "addressee", "side", "origin")


@dataclass(frozen=True)
class ClaimFilter:
    """What a request asks of claims; IRIs are already resolved from slugs."""

    type: str | None = None
    claimant: URIRef | None = None
    addressee: URIRef | None = None
    include_state: bool = False
    topic: URIRef | None = None
    meeting: URIRef | None = None
    side: URIRef | None = None
    document: URIRef | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    origin: str | None = None
    #: Only these claims (IRIs the store returned: the label index's hits for a search text);
    #: they then drive the query and every other filter is checked on them.
    among: frozenset[str] | None = None

    def query(self) -> tuple[list[str], dict[str, Node]]:
        """The options to enable in ``lookup-claims`` and the values to bind."""
        terms: dict[str, Node | None] = {
            "type": URIRef(vocab.CLAIM_TYPES[self.type]) if self.type else None,
            "claimant": self.claimant,
            "addressee": self.addressee,
            "topic": self.topic,
            "meeting": self.meeting,
            "side": self.side,
            "document": self.document,
            "since": Literal(self.since) if self.since else None,
            "until": Literal(self.until) if self.until else None,
            "origin": Literal(self.origin) if self.origin else None,
        }
        bindings = {name: term for name, term in terms.items() if term is not None}
        widened = {"claimant", "addressee"} if self.include_state else set()
        filters = [f"{n}_state" if n in widened else n for n in _SELECTIVITY if n in bindings]
        if self.among is not None:
            # the list first (joined after a pattern, it is compared with each of its rows), then
            # the filters checked on each hit; with none, only the hits that are claims
            checks = [f"{f}_check" for f in filters] or ["claim_check"]
            options = ["among", *checks]
        else:
            options = [filters[0], *(f"{f}_check" for f in filters[1:])] if filters else ["all"]
        options += [name for name in ("since", "until") if name in bindings]
        return options, bindings


@dataclass(frozen=True)
class Match:
    iri: str
    date: dt.date | None
