"""Actors: persons, states and organisations, with their names, posts and meetings."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from graph.cache import StoreCache
from graph.lookups import vocab
from graph.lookups.ids import slug_of
from graph.lookups.paths import Link, Shape, read
from graph.lookups.refs import label_of
from graph.lookups.shape_query import read_together
from graph.lookups.sparql import Fields, Lit, as_date, as_str, best_text, first, select, text
from graph.namespaces import DG
from graph.readmodel import registry
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


#: What an actor's REST shape reads of it: its type, names, country and description.
ACTOR_SHAPE = Shape(fields=frozenset({vocab.TYPE, vocab.LABEL, vocab.ALT_LABEL, vocab.COUNTRY,
                                      vocab.COMMENT}))  # fmt: skip


def details(store: GraphStore, iris: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The REST shape of each actor of ``iris`` that exists."""
    iris = [str(i) for i in iris]  # rdflib terms never equal the plain strings we key by
    return _assembled(iris, read(store, iris, ACTOR_SHAPE))


def _assembled(iris: list[str], fields: dict[str, Fields]) -> dict[str, dict[str, Any]]:
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
_PROFILES: StoreCache[str, dict[str, Any]] = StoreCache(
    max_entries=20_000, answers=True, name="actor_profiles")


def profile(store: GraphStore, iri: str) -> dict[str, Any] | None:
    """The actor with its posts and meetings, None when there is no such actor.

    Cached until the store changes and shared between requests: callers must not mutate it.
    """

    def fetch(missing: list[str]) -> dict[str, dict[str, Any]]:
        out = {}
        for i in missing:  # the actor and its posts in one read (one query over an engine)
            own, held = read_together(store, [([i], ACTOR_SHAPE), ([i], POSTS_SHAPE)])
            for a in _assembled([i], own).values():
                out[i] = {**a, "posts": _posts(i, held), "meetings": meetings_of(store, URIRef(i))}
        return out

    return _PROFILES.get_many(store, [iri], fetch).get(iri)


_HOLDINGS = "holdings"
_HOLDER, _POST = str(DG.holder), str(DG.post)
#: An actor's posts: the holdings naming it holder, each with its post and interval, the post's
#: title and organisation, and the organisation's name.
POSTS_SHAPE = Shape(
    fields=frozenset(),
    links=(Link(_HOLDER, frozenset({_POST, vocab.START_DATE, vocab.END_DATE}),
                inverse=True, record=_HOLDINGS,
                then=(Link(_POST, frozenset({vocab.LABEL, vocab.ORGANIZATION}),
                           then=(Link(vocab.ORGANIZATION, frozenset({vocab.LABEL})),)),)),),
)  # fmt: skip


def posts(store: GraphStore, actor: URIRef) -> list[dict[str, Any]]:
    """The posts an actor held, oldest first, each with its organisation and interval."""
    return _posts(str(actor), read(store, [str(actor)], POSTS_SHAPE))


def _posts(actor: str, fields: dict[str, Fields]) -> list[dict[str, Any]]:
    """``posts`` from the fields ``POSTS_SHAPE`` reads."""
    out = []
    for holding in fields.get(actor, {}).get(_HOLDINGS, []):
        own = fields.get(text(holding), {})
        held = own.get(_POST, [])
        if not held:
            continue
        of_posts = [fields.get(text(p), {}) for p in held]
        organizations = [o for p in of_posts for o in p.get(vocab.ORGANIZATION, [])]
        post = slug_of(text(first(held) or ""))
        organization = first(organizations)
        names = [n for o in organizations for n in fields.get(text(o), {}).get(vocab.LABEL, [])]
        out.append(
            {
                "id": slug_of(text(holding)),
                "post": post,
                "title": best_text([t for p in of_posts for t in p.get(vocab.LABEL, [])]) or post,
                "organization": None
                if organization is None
                else {
                    "id": slug_of(text(organization)),
                    "label": best_text(names) or slug_of(text(organization)),
                },
                "start": as_date(first(own.get(vocab.START_DATE))),
                "end": as_date(first(own.get(vocab.END_DATE))),
            }
        )
    out.sort(key=lambda p: (p["start"] is None, p["start"] or "", p["id"]))
    return out


#: What an engagement's short reference reads (its name as ``meetings.details`` reads it).
MEETING_BRIEF = Shape(fields=frozenset({vocab.TYPE, vocab.LABEL, vocab.START_DATE,
                                        vocab.END_DATE}))  # fmt: skip


def meetings_of(store: GraphStore, actor: URIRef) -> list[dict[str, Any]]:
    """Short references to the engagements an actor took part in, oldest first."""
    state = registry.claims_now(store)
    if state is not None:  # the read model keeps who took part in what, and each meeting
        briefs = [_brief(shape) for shape in map(state.meeting_shape,
                                                 state.attendance.get(str(actor), ())) if shape]
    else:
        rows = select(store, "lookup-actor-meetings", {"actor": actor})
        iris = sorted({text(r["meeting"]) for r in rows})
        fields = read(store, iris, MEETING_BRIEF)
        briefs = []
        for iri in iris:
            own = fields.get(iri, {})
            kind = vocab.type_name(own.get(vocab.TYPE, []), vocab.MEETING_TYPES)
            if kind is not None:
                briefs.append({"id": slug_of(iri), "type": kind, "label": label_of(fields, iri),
                               "date": as_date(first(own.get(vocab.START_DATE))),
                               "end_date": as_date(first(own.get(vocab.END_DATE)))})  # fmt: skip
    return sorted(briefs, key=lambda m: (m["date"] is None, str(m["date"] or ""), m["id"]))


def _brief(shape: dict[str, Any]) -> dict[str, Any]:
    """An engagement's short reference from its REST shape (``meetings.details``, read
    with what ``MEETING_BRIEF`` reads): the same names and dates, no second read."""
    return {k: shape[k] for k in ("id", "type", "label", "date", "end_date")}
