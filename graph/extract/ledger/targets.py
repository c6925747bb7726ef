"""What a status event is about: a stored claim, or a named bundle of claims.

Three ways, tried in this order:

1. **Restatement matching**: the event's words against each stored claim's statement and quotes
   (the content words ``reiteration`` compares; Chinese terms of the genre are read through
   ``glossary``), among the claims the event's kind can concern (a side reaffirms its own, is
   accused of breaking the other side's, implements either). The most similar wins, then the
   latest made before the event.
2. **Bundle names**: a name of a bundle in the knowledge base ("the San Francisco vision",
   "四不一无意"), or the place its name carries next to a word for an agreement ("the common
   understandings reached ... in San Francisco", "旧金山会晤共识").
3. **"The commitments made by President …"**: the bundle whose members that person claims.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from graph.extract.kb import KnowledgeBase, StoredBundle, StoredClaim
from graph.extract.ledger.glossary import english_words, words_of

#: Which stored claims an event of each kind can concern: their types, and whose they are
#: relative to the side asserting the event ("own", "other" or "any").
SCOPE: dict[str, tuple[frozenset[str], str]] = {
    "reaffirmed": (frozenset({"commitment", "red_line", "consensus"}), "own"),
    "implemented": (frozenset({"commitment", "consensus"}), "any"),
    "accused_of_breach": (frozenset({"commitment", "consensus"}), "other"),
    "disputed": (frozenset({"commitment", "consensus", "demand", "red_line"}), "any"),
    "withdrawn": (frozenset({"commitment", "consensus"}), "own"),
    "superseded": (frozenset({"commitment", "consensus"}), "any"),
    "moot": (frozenset({"demand", "commitment", "consensus"}), "any"),
}
THRESHOLD = 0.5
#: For a member of the bundle the sentence names: the occasion is given, a few words suffice.
MEMBER_THRESHOLD = 0.2
_AGREEMENT = re.compile(
    r"understanding|consensus|vision|agreed|agreement|outcome|meeting|summit|"
    r"共识|愿景|成果|会晤|达成",
    re.IGNORECASE,
)
_PLURAL_PLEDGES = re.compile(r"\bcommitments\b|\bpledges\b|\bpromises\b|作出的承诺")
#: Words of an event clause that say what happened to a claim, not what the claim was.
_EVENT_WORDS = frozenset(
    {
        "commitment", "commitments", "made", "president", "runs", "contrary", "counter",
        "implemented", "implement", "held", "first", "meeting", "changed", "remains",
        "committed", "reaffirmed", "reiterated", "agreed", "agreement", "two", "heads",
        "state", "resumed", "restored", "launched", "side",
    }
)


@dataclass(frozen=True)
class Target:
    claim: str | None = None
    bundle: str | None = None


class Targets:
    """Stored claims and bundles indexed for event linking (built once per knowledge base)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        #: Per stored claim: how many of its words are not event words (similarity's
        #: denominator), the claim, its states. Its words are only in ``postings``: a word set
        #: per claim was a fifth of the knowledge base's memory at 1M triples.
        self.claims: list[tuple[int, StoredClaim, frozenset[str]]] = []
        #: word -> the positions in ``claims`` of those that use it, ascending, as 4-byte ints
        self.postings: dict[str, array[int]] = {}
        self.gone: set[str] = set()
        self.by_iri: dict[str, StoredClaim] = {}
        #: one set per group of states (a few groups, hundreds of thousands of claims at 10M)
        self._state_sets: dict[frozenset[str], frozenset[str]] = {}
        #: ``_bundles_before``'s answers by day, until the next ``extend`` or ``forget``
        self._before: dict[dt.date | None, list[StoredBundle]] = {}
        self._add(kb.claims)
        self.places = _bundle_places(kb)

    def _add(self, claims: list[StoredClaim]) -> None:
        for stored in claims:
            words = words_of(stored.text)
            states = frozenset(filter(None, (self.kb.state_of(c) for c in stored.claimants)))
            states = self._state_sets.setdefault(states, states)
            for word in words:
                self.postings.setdefault(word, array("i")).append(len(self.claims))
            self.claims.append((len(words - _EVENT_WORDS), stored, states))
            self.by_iri[stored.iri] = stored
            self.gone.discard(stored.iri)

    def extend(self, added: KnowledgeBase, kb: KnowledgeBase) -> None:
        """Index the claims an ingest added; bundles are read from the knowledge base."""
        self.kb = kb
        self._before.clear()
        self._add(added.claims)
        if added.bundles:
            self.places = _bundle_places(kb)

    def forget(self, keys: set[str]) -> None:
        """Stop proposing claims a write removed or changed (their new state comes back
        through ``extend``)."""
        self.gone |= keys
        self._before.clear()

    def find(
        self,
        kind: str,
        text: str,
        speaker_states: frozenset[str],
        day: dt.date | None,
        persons: tuple[str, ...] = (),
        context: str = "",
        before: str = "",
    ) -> Target:
        """The target of an event stated by ``text`` (its clause). ``context``: its sentence,
        which may name the occasion ("旧金山会晤以来，双方团队积极落实…"); ``before``: the
        sentence before, which may name what "However, we have not seen substantive response"
        is about."""
        named = self.named(kind, text, persons, day, speaker_states)
        if named is None and context:
            named = self.named(kind, context, persons, day, speaker_states)
        by_name = named is not None and named[1] != "place"
        claim = self.claim(kind, text, speaker_states, day,
                           named[0] if named and not by_name else None)
        if claim is not None and not by_name:
            return Target(claim=claim.iri)
        if named is not None:
            return Target(bundle=named[0].iri)
        if claim is not None:
            return Target(claim=claim.iri)
        if before:
            earlier = self.named(kind, before, persons, day, speaker_states)
            if earlier is not None and earlier[1] == "name":
                return Target(bundle=earlier[0].iri)
        return Target()

    def claim(
        self,
        kind: str,
        text: str,
        speaker_states: frozenset[str],
        day: dt.date | None,
        named: StoredBundle | None = None,
    ) -> StoredClaim | None:
        """The stored claim the event's words restate best, if any is close enough; a member of
        the bundle the sentence names (``named``) goes before others."""
        types, whose = SCOPE[kind]
        words = frozenset(
            w for w in (words_of(text) | english_words(text)) - _EVENT_WORDS if w in self.postings
        )
        if not words:
            return None
        shared = Counter(chain.from_iterable(self.postings.get(w, ()) for w in words))
        best: tuple[float, int, int, StoredClaim] | None = None
        for i, common in shared.items():
            own, stored, states = self.claims[i]
            if stored.type not in types or stored.iri in self.gone:
                continue
            member = named is not None and stored.iri in named.members
            if common < 2 and not (common == 1 and 2 <= len(words) <= 3 and _rare(
                    self.postings, self._shared(words, i))):
                continue
            if not self.before(stored, day):
                continue
            if whose == "own" and speaker_states and not (states & speaker_states):
                continue
            if whose == "other" and speaker_states and stored.type != "consensus" and (
                states & speaker_states
            ):
                continue
            score = common / min(len(words), own or 1)
            if score < (MEMBER_THRESHOLD if member and common >= 2 else THRESHOLD):
                continue
            rank = (member + score, common, (stored.date or dt.date.min).toordinal(), stored)
            if best is None or rank[:3] > best[:3]:
                best = rank
        return best[3] if best else None

    def _shared(self, words: frozenset[str], i: int) -> frozenset[str]:
        """Those of ``words`` the ``i``-th stored claim uses (a binary search of each word's
        postings, which are ascending)."""
        return frozenset(w for w in words if _holds(self.postings[w], i))

    def before(self, stored: StoredClaim | None, day: dt.date | None) -> bool:
        """Was ``stored`` made before ``day`` (or is either undated)? An event concerns a claim
        made earlier, not one the same document states that day."""
        return stored is None or day is None or stored.date is None or stored.date < day

    def bundle(
        self, text: str, persons: tuple[str, ...] = (), day: dt.date | None = None
    ) -> StoredBundle | None:
        """The bundle ``text`` names, if any (``named`` says how)."""
        found = self.named("implemented", text, persons, day, frozenset())
        return found[0] if found else None

    def named(
        self,
        kind: str,
        text: str,
        persons: tuple[str, ...],
        day: dt.date | None,
        speaker_states: frozenset[str],
    ) -> tuple[StoredBundle, str] | None:
        """The bundle ``text`` names and how: by one of its names ("name"), by "the
        commitments made by President …" ("pledges"), or by the place its name carries beside a
        word for an agreement ("place"). Of several, an accusation of breach concerns the
        accused side's own (President Biden's commitments, not the San Francisco vision both
        sides agreed), any other event the first named."""
        low = text.lower()
        bundles = self._bundles_before(day)
        found: list[tuple[int, StoredBundle, str]] = []
        for bundle in bundles:
            at = [low.find(n.removeprefix("the ")) for n in bundle.names
                  if len(n.removeprefix("the ")) >= 3]
            if any(k >= 0 for k in at):
                found.append((min(k for k in at if k >= 0), bundle, "name"))
        pledges = _PLURAL_PLEDGES.search(low)
        if pledges and persons:
            for bundle in bundles:
                if bundle.claimants and bundle.claimants <= set(persons):
                    found.append((pledges.start(), bundle, "pledges"))
        if not found and _AGREEMENT.search(low):
            for place_name, bundle in self.places:
                if place_name in low and bundle in bundles:
                    found.append((low.find(place_name), bundle, "place"))
                    break
        if not found:
            return None
        if kind == "accused_of_breach" and speaker_states:
            theirs = [f for f in found if self._states(f[1]) and not (
                self._states(f[1]) & speaker_states)]
            found = theirs or found
        first = min(found, key=lambda f: f[0])
        return first[1], first[2]

    def _states(self, bundle: StoredBundle) -> frozenset[str]:
        return frozenset(filter(None, (self.kb.state_of(c) for c in bundle.claimants)))

    def _bundles_before(self, day: dt.date | None) -> list[StoredBundle]:
        """The bundles with a member made before ``day`` (or undated): kept by day, as a
        document's events mostly share one and the bundles only change with a write (hundreds
        of bundles and their members at 1M triples, for each event)."""
        found = self._before.get(day)
        if found is None:
            found = self._before[day] = [
                b for b in self.kb.bundles.values()
                if not b.members or any(self.before(self.by_iri.get(m), day) for m in b.members)
            ]
        return found

    def stored(self, iri: str) -> StoredClaim | None:
        return self.by_iri.get(iri)


def _holds(positions: array[int], i: int) -> bool:
    """Whether ascending ``positions`` has ``i``."""
    at = bisect_left(positions, i)
    return at < len(positions) and positions[at] == i


def _rare(postings: dict[str, array[int]], words: frozenset[str]) -> bool:
    """A word few stored claims use ("military-to-military", "extradition") tells one claim
    on its own."""
    return any(len(postings.get(w, ())) <= 3 for w in words)


def _bundle_places(kb: KnowledgeBase) -> list[tuple[str, StoredBundle]]:
    """(a name of a place, the bundle whose name carries the place): "the San Francisco vision"
    gives "san francisco" and "旧金山". Bundles of agreed outcomes (consensus members) only, the
    longest names first.

    Each pair once: places that share their names (a large store has thousands of places
    and of bundles, and one pair per place and bundle grew with their product: 166,000 pairs
    of 11 names at 1M triples, most of the knowledge base at 10M). ``named`` takes the first
    pair that fits, so a pair's repeats never changed an answer."""
    out: dict[tuple[str, int], tuple[str, StoredBundle]] = {}  # in order of first appearance
    consensus = {c.iri for c in kb.claims if c.type == "consensus"} if kb.bundles else set()
    # each distinct list of a place's names once, lower-cased, in the places' order
    places = list(dict.fromkeys(tuple(lab.lower() for lab in labels)
                                for labels in kb.places.values()))
    for bundle in kb.bundles.values():
        if consensus.isdisjoint(bundle.members):
            continue
        for lows in places:
            if any(lab in name for lab in lows for name in bundle.names if len(lab) > 3):
                out.update(((lab, id(bundle)), (lab, bundle)) for lab in lows if len(lab) >= 2)
    return sorted(out.values(), key=lambda pair: -len(pair[0]))
