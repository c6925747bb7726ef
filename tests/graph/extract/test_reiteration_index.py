"""The reiteration index after claims are forgotten answers as one built without them."""

from __future__ import annotations

import datetime as dt

from graph.extract.kb import KnowledgeBase, StoredClaim
from graph.extract.reiteration import Reiterations

_US = frozenset({"https://w3id.org/diplograph/id/actor/united-states"})
_TEXTS = [
    "Maintain open channels of military communication at every level",
    "Resume military communication and defense policy talks",
    "Oppose any unilateral change to the status quo across the strait",
    "Cooperate on counternarcotics and fentanyl precursor controls",
    "Restore military communication channels between defense ministers",
    "Expand people-to-people exchanges and student visas",
]


def _claims() -> list[StoredClaim]:
    return [StoredClaim(f"https://w3id.org/diplograph/id/claim/c{i}", "commitment", _US,
                        dt.date(2023, 1, 1 + i), text, False) for i, text in enumerate(_TEXTS)]


def _contents(index: Reiterations) -> dict:
    """Each group's live claims (IRI, word count) and each word's live claims, as IRIs."""
    out = {}
    for key, entries in index.index.items():
        words = {w: sorted(entries[i][1].iri for i in at if entries[i])
                 for w, at in index.postings[key].items()}
        out[key] = (sorted((e[1].iri, e[0]) for e in entries if e),
                    {w: iris for w, iris in words.items() if iris})
    return out


def _answers(index: Reiterations) -> list[str | None]:
    found = [index.find("commitment", tuple(_US), text, dt.date(2024, 1, 1)) for text in _TEXTS]
    return [c.iri if c else None for c in found]


def test_forgetting_claims_answers_as_an_index_without_them() -> None:
    claims = _claims()
    index = Reiterations(KnowledgeBase(claims=claims))
    # a third forgotten, a half (kept in place), two thirds (the group compacted)
    for gone in ({claims[0].iri}, {claims[1].iri, claims[3].iri}, {claims[5].iri}):
        index.remove(gone)
        claims = [c for c in claims if c.iri not in gone]
        fresh = Reiterations(KnowledgeBase(claims=claims))
        assert _contents(index) == _contents(fresh)
        assert _answers(index) == _answers(fresh)
    assert [len(entries) for entries in index.index.values()] == [2], "compacted"
    # "resume military communication ..." still reiterates "restore military communication ..."
    assert _answers(index)[1] == claims[1].iri == "https://w3id.org/diplograph/id/claim/c4"
