"""The actors view brought up to date by a write, from the nodes it touched.

Building the view reads the whole store (the names of every node, every actor, holding and
engagement: over 5 s at 1M triples) to make a graph of a few thousand nodes. A write that adds
an engagement, a person or a post changes a handful of them: here its inputs
(``builders.ActorInputs``) are read again for the touched nodes only, by index lookups with
each node bound, and the view is made again from the inputs in Python (milliseconds), the same
graph a rebuild would make.

What a touched node can change: its own name (an actor's label, an engagement's title in the
notes of the edges it makes, a post's title, a state's name as its citizens' country), an
actor's type and country, an engagement's dates and who attended it, a holding's holder, post
and dates (the holder's posts over time, read again whole). A holding's holder before the write
is given by the caller (read before it committed), since a removed holding names no one after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from graph.lookups import vocab
from graph.lookups.paths import Link, Shape, read
from graph.lookups.sparql import Fields, Lit, text
from graph.namespaces import DG
from graph.store import GraphStore
from graph.views.builders import (
    _ACTOR_TYPES,
    ActorInputs,
    Meeting,
    _date,
    best_label,
    held_posts,
    local_name,
)

_ENGAGEMENT, _HOLDING = str(DG.Engagement), str(DG.PostHolding)
_NAMES = frozenset({vocab.LABEL, vocab.PREF_LABEL, vocab.TITLE})
#: Everything the view reads of a node it may show, or that may change what it shows.
_OWN = Shape(fields=frozenset({*_NAMES, vocab.TYPE, vocab.COUNTRY, vocab.START_DATE,
                               vocab.END_DATE, vocab.PARTICIPANT, vocab.SIDE, vocab.HOLDER,
                               vocab.POST}))  # fmt: skip
#: A holder's holdings, with what the view shows of each.
_HOLDINGS = Shape(fields=frozenset(), links=(Link(
    vocab.HOLDER, frozenset({vocab.TYPE, vocab.POST, vocab.START_DATE, vocab.END_DATE}),
    inverse=True, record="holdings"),))  # fmt: skip
#: Who holds (or held) a post.
_POST_HOLDERS = Shape(fields=frozenset(), links=(Link(
    vocab.POST, frozenset({vocab.HOLDER}), inverse=True, record="holdings"),))  # fmt: skip
HOLDERS_SHAPE = Shape(fields=frozenset({vocab.HOLDER}))


def _texts(own: Fields, field: str) -> list[str]:
    return [text(v) for v in own.get(field, []) if not isinstance(v, Lit)]


def followed(store: GraphStore, inputs: ActorInputs, nodes: Iterable[str],
             holders_before: Iterable[str], until: dt.date) -> ActorInputs:  # fmt: skip
    """The inputs after a write that touched ``nodes`` (IRIs); ``holders_before``: the holders
    the touched holdings named before it; ``until``: the end of the view's window."""
    touched = sorted(set(nodes))
    now = read(store, touched, _OWN)
    names = dict(inputs.names)
    for node in touched:
        own = now.get(node, {})
        label = best_label(v for f in _NAMES for v in own.get(f, []))
        if label is None:
            names.pop(node, None)
        else:
            names[node] = label
    facts = _facts(inputs.facts, touched, now, names)
    meetings = _meetings(inputs.meetings, touched, now)
    holders = set(holders_before)
    holders.update(h for node in touched for h in _texts(now.get(node, {}), vocab.HOLDER))
    posts = read(store, touched, _POST_HOLDERS)
    for node in touched:
        for holding in _texts(posts.get(node, {}), "holdings"):
            holders.update(_texts(posts.get(holding, {}), vocab.HOLDER))
    held = dict(inputs.held)
    holdings = read(store, sorted(holders), _HOLDINGS)
    for holder in sorted(holders):
        spans: list[tuple[str, dt.date, dt.date | None]] = []
        for holding in _texts(holdings.get(holder, {}), "holdings"):
            own = holdings.get(holding, {})
            start = _first_date(own.get(vocab.START_DATE, []))
            post = _texts(own, vocab.POST)
            if _HOLDING not in _texts(own, vocab.TYPE) or start is None or not post:
                continue
            for iri in post:
                title = names.get(iri) or local_name(iri)
                ends = [_date(end) for end in own.get(vocab.END_DATE, [])] or [None]
                spans.extend((title, start, end) for end in ends)
        shown = held_posts(spans, until) if spans else None
        if shown is None:
            held.pop(holder, None)
        else:
            held[holder] = shown
    return replace(inputs, names=names, facts=facts, held=held, meetings=meetings)


def _first_date(values: list[Any]) -> dt.date | None:
    dates = [d for d in map(_date, values) if d is not None]
    return min(dates) if dates else None


def _facts(facts: dict[str, dict[str, Any]], touched: list[str], now: dict[str, Fields],
           names: dict[str, str]) -> dict[str, dict[str, Any]]:  # fmt: skip
    """Each touched actor's type and country read again; the country's name, where a touched
    node is a country, too."""
    out = dict(facts)
    for node in touched:
        own = now.get(node, {})
        kinds = sorted(_ACTOR_TYPES[t] for t in _texts(own, vocab.TYPE) if t in _ACTOR_TYPES)
        if not kinds:
            out.pop(node, None)
            continue
        kind = kinds[0]
        countries = sorted(_texts(own, vocab.COUNTRY))
        country = countries[0] if countries else (node if kind == "state" else None)
        out[node] = {"type": kind, "country": names.get(country) if country else None,
                     "country_iri": country}  # fmt: skip
    renamed = set(touched)
    for actor, fact in facts.items():
        if fact.get("country_iri") in renamed and actor not in renamed:
            out[actor] = {**fact, "country": names.get(fact["country_iri"])}
    return out


def _meetings(meetings: dict[str, Meeting], touched: list[str],
              now: dict[str, Fields]) -> dict[str, Meeting]:  # fmt: skip
    """Each touched engagement read again (dates, who attended), in (start, iri) order; the
    same dict when none changed (most writes touch claims and documents only)."""
    made: dict[str, Meeting] = {}
    for node in touched:
        own = now.get(node, {})
        if _ENGAGEMENT not in _texts(own, vocab.TYPE):
            continue
        start = _first_date(own.get(vocab.START_DATE, []))
        ends = own.get(vocab.END_DATE, [])
        end = _first_date(ends) if ends else start
        if start is None or end is None:
            continue
        made[node] = Meeting(node, start, end, set(_texts(own, vocab.PARTICIPANT)),
                             set(_texts(own, vocab.SIDE)))  # fmt: skip
    gone = {node for node in touched if node in meetings and node not in made}
    if not gone and all(meetings.get(node) == meeting for node, meeting in made.items()):
        return meetings
    out = {k: v for k, v in meetings.items() if k not in gone and k not in made}
    out.update(made)
    return dict(sorted(out.items(), key=lambda item: (item[1].start, item[0])))
