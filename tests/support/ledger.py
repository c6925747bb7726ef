"""The bundled graph with a few status events, for the ledger view and pages before (and
besides) the curated ledger: the events are in tests/fixtures/ledger/events.ttl."""

from __future__ import annotations

from graph.store import GraphStore
from graph.write.files import bundled_files, load
from tests.support.paths import TESTS_DIR

LEDGER_EVENTS = TESTS_DIR / "fixtures" / "ledger" / "events.ttl"
EVENT = "event/"
#: The fixture's events by what they say (node ids of the views).
BALI_REAFFIRMED = EVENT + "2023-06-19--antony-blinken--reaffirmed--bali-agenda-fixture"
_OFFICIAL = "2024-04-22--mfa-senior-official-north-american-affairs-2024"
BIDEN_BREACH = f"{EVENT}{_OFFICIAL}--accused-of-breach--biden-commitments-fixture"
MILITARY_IMPLEMENTED = f"{EVENT}{_OFFICIAL}--implemented--military-communication-fixture"
NARCOTICS_IMPLEMENTED = f"{EVENT}{_OFFICIAL}--implemented--counternarcotics-fixture"
FIXTURE_EVENTS = (BALI_REAFFIRMED, BIDEN_BREACH, MILITARY_IMPLEMENTED, NARCOTICS_IMPLEMENTED)


def load_with_events(store: GraphStore, validate: bool = True) -> GraphStore:
    """The bundled graph and the fixture's events, validated together by the shapes."""
    load(store, [*bundled_files(), LEDGER_EVENTS], validate_first=validate)
    return store
