"""The two sides of a document: the claimants of every consensus it reports.

A consensus ("the two sides agreed", "both sides", 双方同意, 양측은) is claimed by both states; the
shapes require at least two ``dg:State`` claimants, and a consensus left without them was
either dropped or paired with whichever state sorted first. ``consensus_states`` is the one
place that decides which two, for every language's reader:

1. the states a joint subject names ("China and the United States agreed"; people stand for
   their states: "Blinken and Wang agreed"), when they are two;
2. the sides of the engagement the consensus was reached at (its participants' states);
3. the states the document names, most named first, and the publisher's state;
4. completed, when fewer than two, by the graph's principal pair, the United States and China
   (the other of the two when the document names one of them).
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.extract.kb import KnowledgeBase
from graph.namespaces import entity_iri

#: The pair a consensus falls back on: the graph is about US-China diplomacy.
PRINCIPAL_STATES = (entity_iri("actor", "united-states"), entity_iri("actor", "china"))


def states_of(kb: KnowledgeBase, actors: Iterable[str]) -> list[str]:
    """The distinct states the actors stand for (a state for itself), in order of first
    appearance; actors of no known state are left out."""
    return list(dict.fromkeys(s for a in actors if (s := kb.state_of(a))))


def consensus_states(
    kb: KnowledgeBase,
    *,
    joint: Iterable[str] = (),
    engagement: Iterable[str] = (),
    named: Iterable[str] = (),
    publisher: str | None = None,
) -> tuple[str, ...]:
    """The two states a consensus is claimed by (sorted), or fewer only when the graph knows
    fewer states.

    ``joint``: the actors a joint subject names; ``engagement``: the participants (or sides)
    of the engagement it was reached at; ``named``: the actors the document mentions, most
    mentioned first (or one entry per mention); ``publisher``: the publishing actor.
    """
    found = states_of(kb, joint)
    if len(found) == 2:
        return tuple(sorted(found))
    found = states_of(kb, engagement)
    if len(found) == 2:
        return tuple(sorted(found))
    ranked = [*_by_count(s for a in named if (s := kb.state_of(a))),
              *states_of(kb, [publisher] if publisher else [])]
    parties = list(dict.fromkeys([*found, *ranked]))[:2]
    known = set(kb.states())
    for state in [*PRINCIPAL_STATES, *sorted(known)]:
        if len(parties) >= 2:
            break
        if state in known and state not in parties:
            parties.append(state)
    return tuple(sorted(parties))


def _by_count(actors: Iterable[str]) -> list[str]:
    """Distinct entries, most frequent first (ties: first seen first)."""
    counts: dict[str, int] = {}
    for actor in actors:
        counts[actor] = counts.get(actor, 0) + 1
    return sorted(counts, key=lambda a: -counts[a])
