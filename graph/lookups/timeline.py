"""An actor's or a topic's engagements and claims, in date order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import URIRef

from graph.lookups import claims, meetings
from graph.lookups.ids import slug_of
from graph.store import GraphStore


@dataclass(frozen=True)
class Event:
    date: dt.date
    kind: str  # "meeting" or "claim"
    iri: str


def events(
    store: GraphStore,
    actor: URIRef | None = None,
    topic: URIRef | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Event]:
    """Engagements the actor took part in and claims it made (on the topic, if given), oldest
    first; on one day the engagement comes before the claims made at it. Undated claims have no
    place on a timeline and are left out."""
    found_meetings = meetings.find(store, participant=actor, topic=topic, since=since, until=until)
    wanted = claims.ClaimFilter(claimant=actor, topic=topic, since=since, until=until)
    found_claims = claims.find(store, wanted)
    out = [Event(m.date, "meeting", m.iri) for m in found_meetings if m.date]
    out += [Event(c.date, "claim", c.iri) for c in found_claims if c.date]
    out.sort(key=lambda e: (e.date, e.kind != "meeting", slug_of(e.iri)))
    return out
