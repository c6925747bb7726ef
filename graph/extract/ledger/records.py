"""Status-event records: what ``diplograph extract`` prints and the RDF is built from."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from graph.extract.kb import slug_of
from graph.extract.ledger.detect import Event
from graph.extract.linking import slugify
from graph.namespaces import entity_iri


def _free(slug: str, taken: set[str], stored: AbstractSet[str]) -> bool:
    """Whether neither this document's records nor a stored resource have ``slug`` (or an
    event's IRI made of it)."""
    return not any(name in taken or name in stored for name in (slug, entity_iri("event", slug)))


def records(
    events: list[Event], text: str, document: str, taken: set[str], about: dict[str, str],
    stored: AbstractSet[str] = frozenset(),
) -> list[dict]:
    """One record per event, each with a slug no other record and no stored event has
    (``taken``: the slugs of this document's records, to which the events' are added;
    ``stored``: the IRIs of stored resources, only read: the knowledge base's, too many to
    copy for each document); ``about``: a short English name of each stored claim and bundle,
    for its statement."""
    out = []
    for event in events:
        quote = text[event.start : event.end]
        who = [slug_of(a) for a in event.asserted_by]
        day = event.date.isoformat() if event.date else None
        gist = "-".join(w for w in (slugify(x) for x in quote.split()[:6]) if w)[:50].strip("-")
        base = "--".join([day or "undated", "-".join(who[:2]) or "unknown",
                          event.kind.replace("_", "-"), gist or "event"])
        slug, n = base, 2
        while not _free(slug, taken, stored):
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out.append(
            {
                "id": slug,
                "kind": event.kind,
                "asserted_by": who,
                "asserted_by_iris": list(event.asserted_by),
                "date": day,
                "quote": quote,
                "start": event.start,
                "end": event.end,
                "cue": event.cue,
                "target_claim": slug_of(event.target.claim) if event.target.claim else None,
                "target_claim_iri": event.target.claim,
                "target_bundle": slug_of(event.target.bundle) if event.target.bundle else None,
                "target_bundle_iri": event.target.bundle,
                "target_label": about.get(event.target.claim or event.target.bundle or ""),
                "confidence": event.confidence,
                "document": document,
            }
        )
    return out
