"""The status events a document states, as its page lists them: kind, who asserts it, when,
what it is about (a claim with its statement, or a bundle with its name) and the quote."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from graph.lookups import actors, claims
from graph.lookups.ids import slug_of
from graph.lookups.sparql import as_int, select, text
from graph.store import GraphStore

#: The REST name of each kind (ontology individual -> name), as the ledger uses them.
KIND_NAMES = {
    "reaffirmed": "reaffirmed",
    "implemented": "implemented",
    "accusedOfBreach": "accused_of_breach",
    "disputed": "disputed",
    "withdrawn": "withdrawn",
    "superseded": "superseded",
    "moot": "moot",
}


def events_of(store: GraphStore, document: URIRef) -> list[dict[str, Any]]:
    """Every status event with evidence in ``document``, in the order of its spans."""
    rows = select(store, "lookup-document-events", {"document": document})
    who = sorted({iri for row in rows for iri in text(row.get("asserted", "")).split()})
    names = actors.details(store, who) if who else {}
    claim_iris = [text(r["target"]) for r in rows if "/claim/" in text(r["target"])]
    stated = claims.details(store, claim_iris) if claim_iris else {}
    out = []
    for row in rows:
        target = text(row["target"])
        kind = "claim" if "/claim/" in target else "bundle" if "/bundle/" in target else "measure"
        label = stated.get(target, {}).get("text") if kind == "claim" else None
        asserted = [
            {"id": slug_of(a), "label": names.get(a, {}).get("label") or slug_of(a)}
            for a in text(row.get("asserted", "")).split()
        ]
        out.append({
            "iri": text(row["event"]),
            "id": slug_of(text(row["event"])),
            "kind": KIND_NAMES.get(text(row["kind"]).rsplit("#", 1)[-1], "unknown"),
            "target": {"kind": kind, "id": slug_of(target), "label": label or slug_of(target)},
            "asserted_by": asserted,
            "date": text(row["date"]),
            "origin": text(row["origin"]),
            "status": text(row["status"]) if row.get("status") is not None else None,
            "confidence": float(text(row["confidence"])) if row.get("confidence") else None,
            "quote": text(row["quote"]) if row.get("quote") is not None else "",
            "start": as_int(row.get("start")),
        })
    return sorted(out, key=lambda e: (e["start"] is None, e["start"] or 0, e["id"]))
