"""Claims selected and paged by the read model: what ``lookup-claims.rq`` selects, from the
in-memory indexes of ``graph.readmodel``, in the order ``claims.sort_matches`` gives.

A page of a broad selection (every demand since 2023: thousands of claims at 1M triples) is
cut from a list the read model keeps in date order, by two binary searches; narrower ones (a
claimant, a meeting, several filters) are intersected from the indexes and sorted, being few.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import compress, islice, repeat

from rdflib import URIRef

from graph.lookups import vocab
from graph.lookups.claim_filter import ClaimFilter, Match
from graph.readmodel.claims import CLAIM, ClaimRow, ClaimState, newest_key

Pool = Collection[str]


def find(state: ClaimState, wanted: ClaimFilter) -> list[Match]:
    """Every claim the filter selects, unsorted."""
    rows = state.rows
    return [Match(iri, rows[iri].date) for iri in _selected(state, wanted)]


def page(state: ClaimState, wanted: ClaimFilter, newest_first: bool, start: int,
         stop: int) -> tuple[int, list[str]]:  # fmt: skip
    """``(how many claims the filter selects, the IRIs of those from start to stop)``, in
    date order (newest or oldest first, undated last, ties by id)."""
    listed = topic_page(state, wanted, newest_first, start, stop)
    if listed is not None:
        return listed
    asked = pools(state, wanted)
    broad = [name for name in asked if name != "type"]
    ordered = state.ordered.get(str(vocab.CLAIM_TYPES[wanted.type]) if wanted.type else CLAIM)
    if newest_first and not broad and ordered is not None:
        lo, hi = _date_range(state.rows, ordered, wanted.since, wanted.until)
        return hi - lo, list(ordered[lo + start:min(lo + stop, hi)])
    walked = _walked(state, wanted, asked, ordered, start, stop) if newest_first else None
    if walked is not None:
        return walked
    if newest_first and ordered is not None and asked:
        placed = _placed(state, wanted, asked, ordered, start, stop)
        if placed is not None:
            return placed
    chosen = _selected(state, wanted, asked)
    key = (lambda i: state.rows[i].newest) if newest_first else (lambda i: state.rows[i].oldest)
    ordered_now = sorted(chosen, key=key)
    return len(ordered_now), ordered_now[start:stop]


#: Fewest claims one filter selects for a page to be cut from the date-ordered list of every
#: claim rather than sorted (a topic's claims at 1M triples: 12,000 of 35,000 took 90 ms).
WALK_FROM = 1_000


def _walked(state: ClaimState, wanted: ClaimFilter, asked: Mapping[str, Pool],
            ordered: Sequence[str] | None, start: int,
            stop: int) -> tuple[int, list[str]] | None:  # fmt: skip
    """A newest-first page of one index filter's many claims (no type, no dates): the claims of
    the list of every claim, newest first, that the filter selects, up to ``stop``; None when
    the selection is of another kind, few, or the walk would be longer than a sort."""
    if wanted.since or wanted.until or wanted.type or len(asked) != 1 or ordered is None:
        return None
    ((name, pool),) = asked.items()
    if name == "among" or len(pool) < WALK_FROM or len(ordered) != len(state.rows):
        return None  # "among" may name what is no claim; every claim must be in the list
    if stop * len(ordered) > 20 * len(pool) ** 2:  # the walk's length against a sort's work
        return None
    found = list(islice(filter(pool.__contains__, ordered), max(0, stop)))  # in C
    return len(pool), found[start:stop]


#: Walk the places of the dates rather than the smallest pool when they are fewer than this
#: times its claims (each place costs a list index and a set test, each pooled claim a dict
#: lookup and a comparison: about the same).
SLICE_RATIO = 1.0


def _placed(state: ClaimState, wanted: ClaimFilter, asked: Mapping[str, Pool],
            ordered: Sequence[str], start: int,
            stop: int) -> tuple[int, list[str]] | None:  # fmt: skip
    """A newest-first page by the claims' places in ``ordered``: the dates are a range of
    places, the page the smallest places of the selection, found without sorting it. None
    when ``ordered`` does not hold every claim the filters may select."""
    kind = str(vocab.CLAIM_TYPES[wanted.type]) if wanted.type else CLAIM
    if kind == CLAIM and len(ordered) != len(state.rows):
        return None  # some claim is not in the list: the rows decide, as ``_selected`` does
    lo, hi = _date_range(state.rows, ordered, wanted.since, wanted.until)
    pools = sorted(asked.values(), key=len)
    first, rest = pools[0], pools[1:]
    if hi - lo < len(first) * SLICE_RATIO and not rest:  # the places in the dates, in C
        places = list(compress(range(lo, hi), map(first.__contains__, ordered[lo:hi])))
        return len(places), [ordered[i] for i in places[start:stop]]
    if hi - lo < len(first) * SLICE_RATIO:  # fewer places in the dates than pooled claims
        places = [i for i in range(lo, hi) if ordered[i] in first
                  and all(ordered[i] in pool for pool in rest)]  # fmt: skip
        return len(places), [ordered[i] for i in places[start:stop]]
    rank = state.rank(kind)
    if not rest:  # one pool (a search text's hits): its places, each a dict lookup in C
        places = [p for p in map(rank.get, first, repeat(-1)) if lo <= p < hi]
        return len(places), [ordered[i] for i in heapq.nsmallest(stop, places)[start:]]
    places = []
    for iri in first:
        place = rank.get(iri)
        if place is not None and lo <= place < hi and all(iri in pool for pool in rest):
            places.append(place)
    return len(places), [ordered[i] for i in heapq.nsmallest(stop, places)[start:]]


#: The label index's ``holding``: those of the claims given, in their order, one of whose
#: names holds every token.
Holding = Callable[[Iterable[str], Collection[str]], list[str]]


def searched(state: ClaimState, tokens: Collection[str], wanted: ClaimFilter,
             newest_first: bool, start: int, stop: int, holding: Holding | None = None,
             ) -> tuple[int, list[str]] | None:  # fmt: skip
    """A newest-first page of the claims whose names hold every search token (as the label
    index matches them: each inside a word of one name), within the dates, from the lists of
    the words that hold a token (``ClaimState.words``, newest first). One token: cut from
    those lists and counted by their lengths. Several: the claims of the rarest token's
    lists whose words hold the others, kept when ``holding`` (the label index) finds one name
    holding them all. None when the request asks more (another filter, oldest first) or
    gives no ``holding`` for several tokens: then the label index's hits are paged as before."""
    if not tokens or not newest_first or pools(state, wanted) or wanted.type:
        return None
    if len(tokens) > 1 and holding is None:
        return None
    rows, since, until = state.rows, wanted.since, wanted.until
    spans = {token: _spans(rows, state.words, [w for w in state.words if token in w], since,
                           until) for token in tokens}  # the distinct words, not the claims
    if not all(spans.values()):
        return 0, []
    if len(tokens) > 1:
        assert holding is not None
        return _intersected(state, spans, holding, start, stop)
    (found,) = spans.values()
    return _listed(found, rows, start, stop)


#: One key's claims in the dates: ``(how many, the key, its list, lo, hi)``.
Span = tuple[int, str, Sequence[str], int, int]


def _spans(rows: Mapping[str, ClaimRow], lists: Mapping[str, Sequence[str]], keys: Iterable[str],
           since: dt.date | None, until: dt.date | None) -> list[Span]:  # fmt: skip
    """The lists of ``keys`` (words, topics: each newest first) that have claims in the
    dates, the most claims first."""
    found: list[Span] = []
    for key in keys:
        listed = lists.get(key, ())
        lo, hi = _date_range(rows, listed, since, until)
        if hi > lo:
            found.append((hi - lo, key, listed, lo, hi))
    found.sort(key=lambda s: (-s[0], s[1]))
    return found


def _listed(spans: list[Span], rows: Mapping[str, ClaimRow], start: int,
            stop: int) -> tuple[int, list[str]]:  # fmt: skip
    """``(how many claims, those from start to stop)`` of the union of ``spans`` (the most
    claims first), newest first: cut from one list, or merged from each list's first ``stop``;
    counted by the lists' lengths, a claim under several keys once (``taiwan`` and
    ``taiwan.``, a topic and a narrower one): the longest list's claims all, the others' not
    in it, by set operations in C. A claim has one date, so one under the longest list's key
    and in the dates is in that list's span."""
    size, _first, listed, lo, hi = spans[0]
    if len(spans) == 1:
        return size, list(listed[lo + start:min(lo + stop, hi)])
    others = set().union(*(listed[lo:hi] for _, _, listed, lo, hi in spans[1:]))
    others.difference_update(listed[lo:hi])
    total = size + len(others)
    heads = [listed[lo:min(lo + stop, hi)] for _, _, listed, lo, hi in spans]
    merged = heapq.merge(*heads, key=lambda iri: rows[iri].newest)
    return total, list(islice(dict.fromkeys(merged), stop))[start:]


def topic_page(state: ClaimState, wanted: ClaimFilter, newest_first: bool, start: int,
               stop: int) -> tuple[int, list[str]] | None:  # fmt: skip
    """A newest-first page of a topic's claims (its own and its narrower topics'), within the
    dates: cut from the topics' lists (``ClaimState.by_topic``), counted by their lengths,
    however many claims the topic has. None when another filter is asked."""
    others = (wanted.type, wanted.claimant, wanted.addressee, wanted.meeting, wanted.side,
              wanted.document, wanted.origin, wanted.among)  # fmt: skip
    if not newest_first or wanted.topic is None or any(v is not None for v in others):
        return None
    topic, rows = str(wanted.topic), state.rows
    keys = {topic, *state.hierarchy.narrower.get(topic, ())}
    spans = _spans(rows, state.by_topic, keys, wanted.since, wanted.until)
    if not spans:
        return 0, []
    return _listed(spans, rows, start, stop)


#: Several tokens are looked for among the rarest one's claims, one Python step each, when
#: they are fewer than this part of all the tokens' claims; else the label index intersects
#: the tokens' entries in C (about eight times cheaper a claim, measured at 1M triples).
INTERSECT_RATIO = 8


def _intersected(state: ClaimState, spans: Mapping[str, list[Span]], holding: Holding,
                 start: int, stop: int) -> tuple[int, list[str]] | None:  # fmt: skip
    """The page of the claims holding every token of ``spans`` in one name: the rarest
    token's claims whose words hold every other token (a set test in C), then those of them
    that one name holds all in (``holding``). None when the rarest token is not rare."""
    rows = state.rows
    sizes = {t: sum(s[0] for s in spans[t]) for t in spans}
    rarest = min(spans, key=lambda t: (sizes[t], t))
    if sizes[rarest] * INTERSECT_RATIO > sum(sizes.values()):
        return None  # tokens about as common: the label index's sets intersect them in C
    wanted = [frozenset(w for w in state.words if t in w) for t in spans if t != rarest]
    own = spans[rarest]
    pool: Collection[str] = own[0][2][own[0][3]:own[0][4]] if len(own) == 1 else \
        set().union(*(listed[lo:hi] for _, _, listed, lo, hi in own))  # fmt: skip
    found = holding([iri for iri in pool if all(not words.isdisjoint(rows[iri].words)
                                                for words in wanted)], list(spans))  # fmt: skip
    if len(own) == 1:  # already newest first
        return len(found), found[start:stop]
    first = heapq.nsmallest(stop, found, key=lambda iri: rows[iri].newest)
    return len(found), first[start:]


def _selected(state: ClaimState, wanted: ClaimFilter,
              asked: Mapping[str, Pool] | None = None) -> list[str]:  # fmt: skip
    """The claims every filter allows, dates included."""
    chosen = sorted((asked if asked is not None else pools(state, wanted)).values(), key=len)
    candidates: Pool = chosen[0] if chosen else state.claims_of("type", {CLAIM})
    rows, since, until = state.rows, wanted.since, wanted.until
    found: list[str] = []
    for iri in candidates:
        row = rows.get(iri)
        if row is None or any(iri not in pool for pool in chosen[1:]):
            continue
        if (since or until) and not _within(row, since, until):
            continue
        found.append(iri)
    return found


def _within(row: ClaimRow, since: dt.date | None, until: dt.date | None) -> bool:
    date = row.date
    return date is not None and (since is None or date >= since) and \
        (until is None or date <= until)  # fmt: skip


def _date_range(rows: Mapping[str, ClaimRow], ordered: Sequence[str], since: dt.date | None,
                until: dt.date | None) -> tuple[int, int]:  # fmt: skip
    """The slice of a newest-first list whose dates fall in the range (all of it without one)."""
    if since is None and until is None:
        return 0, len(ordered)

    def key(iri: str) -> tuple[int, int, str]:
        return rows[iri].newest

    lo = 0 if until is None else bisect_left(ordered, newest_key(until, ""), key=key)
    hi = bisect_left(ordered, newest_key(None, ""), key=key)  # the undated ones are left out
    if since is not None:
        hi = bisect_left(ordered, newest_key(since - dt.timedelta(days=1), ""), key=key)
    return lo, max(lo, hi)


def pools(state: ClaimState, wanted: ClaimFilter) -> dict[str, Pool]:
    """The claims each filter asked for allows, by filter name."""
    up = state.hierarchy

    def actor(name: str, iri: URIRef) -> Pool:
        widened = up.country.get(str(iri), frozenset()) if wanted.include_state else frozenset()
        return state.claims_of(name, {str(iri), *widened})

    def below(name: str, iri: URIRef, tree: Mapping[str, frozenset[str]]) -> Pool:
        return state.claims_of(name, {str(iri), *tree.get(str(iri), ())})

    found: dict[str, Pool] = {}
    if wanted.claimant is not None:
        found["claimant"] = actor("claimant", wanted.claimant)
    if wanted.addressee is not None:
        found["addressee"] = actor("addressee", wanted.addressee)
    if wanted.meeting is not None:
        found["meeting"] = below("meeting", wanted.meeting, up.parts)
    if wanted.topic is not None:
        found["topic"] = below("topic", wanted.topic, up.narrower)
    one = {"document": wanted.document, "side": wanted.side, "origin": wanted.origin,
           "type": vocab.CLAIM_TYPES[wanted.type] if wanted.type else None}  # fmt: skip
    found |= {name: state.claims_of(name, {str(v)}) for name, v in one.items() if v}
    if "origin" in found:  # as lookup-claims.rq asks: an origin, of a claim
        found["origin"] = set(found["origin"]) & state.claims_of("type", {CLAIM})
    if wanted.among is not None:
        found["among"] = wanted.among
    return found
