"""One engagement's claims as each side's documents report them, side by side."""

from __future__ import annotations

from typing import Any


def compare(meeting: dict[str, Any], claims: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows of claims with the reports of each side, from the claims' evidence.

    A side is a state whose documents report the engagement (``reportingSide`` of the evidence),
    plus the engagement's own sides, so a side that reports nothing still shows as empty.
    """
    sides: dict[str, dict[str, Any]] = {
        s["id"]: {"side": s, "documents": {}} for s in meeting["sides"]
    }
    rows: list[dict[str, Any]] = []
    for claim in claims:
        reports: dict[str, list[dict[str, Any]]] = {}
        for span in claim["evidence"]:
            side = span["side"]
            if side is None:
                continue
            sides.setdefault(side["id"], {"side": side, "documents": {}})
            sides[side["id"]]["documents"][span["document"]["id"]] = span["document"]
            reports.setdefault(side["id"], []).append(
                {key: span.get(key) for key in
                 ("document", "quote", "start", "end", "speech_mode", "stance")}
            )
        rows.append(
            {
                "claim": {
                    key: claim[key]
                    for key in ("id", "type", "text", "claimant", "addressee", "date",
                                "affirmed_only_by")
                },
                "reports": reports,
                "reported_by_sides": sorted(reports),
                "one_side_only": len(reports) == 1,
                "affirmed_by_sides": sorted(
                    side for side, spans in reports.items()
                    if any(s.get("stance") == "affirms" for s in spans)
                ),
            }
        )
    summaries = []
    for side_id, held in sorted(sides.items()):
        mine = [r for r in rows if side_id in r["reports"]]
        summaries.append(
            {
                "side": held["side"],
                "documents": sorted(held["documents"].values(), key=lambda d: d["id"]),
                "claims": len(mine),
                "only_this_side": sum(1 for r in mine if r["one_side_only"]),
            }
        )
    both = sum(1 for r in rows if len(r["reports"]) > 1)
    unreported = sum(1 for r in rows if not r["reports"])
    return {
        "meeting": {key: meeting[key] for key in ("id", "label", "date")},
        "sides": summaries,
        "reported_by_several_sides": both,
        "reported_by_no_side": unreported,
        "rows": rows,
    }
