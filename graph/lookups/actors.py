"""Actors: persons, states and organisations, with their names, posts and meetings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from graph.cache import StoreCache
from graph.lookups import meetings, vocab
from graph.lookups.ids import slug_of
from graph.lookups.refs import label_of
from graph.lookups.sparql import Lit, as_date, as_str, best_text, first, node_fields, select, text
from graph.store import GraphStore

ACTOR_TYPES = tuple(vocab.ACTOR_TYPES)


@dataclass(frozen=True)
class Match:
    iri: str
    label: str


def find(
    store: GraphStore,
    type: str | None = None,
    country: URIRef | None = None,
    among: Collection[str] | None = None,
) -> list[Match]:
    """Actors of a type and/or country, sorted by English label then id; only those of
    ``among`` (IRIs the store returned: the label index's hits for a name) when given."""
    if among is not None and not among:
        return []
    bindings: dict[str, URIRef] = {}
    if type:
        bindings["type"] = URIRef(vocab.ACTOR_TYPES[type])
    if country is not None:
        bindings["inCountry"] = country
    found: dict[str, Match] = {}
    options = [*bindings, *(["among"] if among is not None else [])]
    values = {"among": sorted(among)} if among is not None else None
    for row in select(store, "lookup-actors", bindings, options, values):
        iri = text(row["actor"])
        label = as_str(row.get("label")) or slug_of(iri)
        if iri not in found or label < found[iri].label:
            found[iri] = Match(iri, label)
    return sorted(found.values(), key=lambda m: (m.label.casefold(), slug_of(m.iri)))


def details(store: GraphStore, iris: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The REST shape of each actor of ``iris`` that exists."""
    iris = [str(i) for i in iris]  # rdflib terms never equal the plain strings we key by
    fields = node_fields(select(store, "lookup-actor-details", values={"actors": iris}))
    out: dict[str, dict[str, Any]] = {}
    for iri in iris:
        own = fields.get(iri, {})
        kind = vocab.type_name(own.get(vocab.TYPE, []), vocab.ACTOR_TYPES)
        if kind is None:
            continue
        label = label_of(fields, iri)
        names = [
            v for v in own.get(vocab.LABEL, []) + own.get(vocab.ALT_LABEL, []) if isinstance(v, Lit)
        ]
        aliases = sorted(
            {(n.value, n.lang) for n in names if n.value != label}, key=lambda a: (a[1], a[0])
        )
        country = first(own.get(vocab.COUNTRY))
        out[iri] = {
            "id": slug_of(iri),
            "iri": iri,
            "type": kind,
            "label": label,
            "aliases": [{"label": value, "lang": lang or None} for value, lang in aliases],
            "country": slug_of(text(country)) if country is not None else None,
            "description": best_text(own.get(vocab.COMMENT, [])),
        }
    return out


#: Whole actor payloads by IRI: one actor's page is read far more often than the store changes.
_PROFILES: StoreCache[str, dict[str, Any]] = StoreCache(max_entries=20_000, answers=True)


def profile(store: GraphStore, iri: str) -> dict[str, Any] | None:
    """The actor with its posts and meetings, None when there is no such actor.

    Cached until the store changes and shared between requests: callers must not mutate it.
    """

    def fetch(missing: list[str]) -> dict[str, dict[str, Any]]:
        found = details(store, missing)
        return {
            i: {**a, "posts": posts(store, URIRef(i)), "meetings": meetings_of(store, URIRef(i))}
            for i, a in found.items()
        }

    return _PROFILES.get_many(store, [iri], fetch).get(iri)


def posts(store: GraphStore, actor: URIRef) -> list[dict[str, Any]]:
    """The posts an actor held, oldest first, each with its organisation and interval."""
    grouped: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in select(store, "lookup-actor-posts", {"actor": actor}):
        held = grouped[text(row["holding"])]
        for name in ("post", "title", "organization", "organizationLabel", "start", "end"):
            if name in row and row[name] not in held[name]:
                held[name].append(row[name])
    out = []
    for holding, held in grouped.items():
        organization = first(held["organization"])
        out.append(
            {
                "id": slug_of(holding),
                "post": slug_of(text(first(held["post"]) or "")),
                "title": best_text(held["title"]) or slug_of(text(first(held["post"]) or "")),
                "organization": None
                if organization is None
                else {
                    "id": slug_of(text(organization)),
                    "label": best_text(held["organizationLabel"]) or slug_of(text(organization)),
                },
                "start": as_date(first(held["start"])),
                "end": as_date(first(held["end"])),
            }
        )
    out.sort(key=lambda p: (p["start"] is None, p["start"] or "", p["id"]))
    return out


def meetings_of(store: GraphStore, actor: URIRef) -> list[dict[str, Any]]:
    """Short references to the engagements an actor took part in, oldest first."""
    iris = sorted(
        {text(r["meeting"]) for r in select(store, "lookup-actor-meetings", {"actor": actor})}
    )
    found = meetings.details(store, iris, titles=False)
    briefs = [
        {key: m[key] for key in ("id", "type", "label", "date", "end_date")} for m in found.values()
    ]
    return sorted(briefs, key=lambda m: (m["date"] is None, str(m["date"] or ""), m["id"]))
