"""How nodes look in Gephi: a colour per kind (actors by country, claims by type, status events
by what they say) and a size by degree. The README's legend lists the same colours."""

from __future__ import annotations

import math
from typing import Any

from graph.namespaces import ACTOR

RGB = tuple[int, int, int]

COUNTRY_COLOURS: dict[str, RGB] = {
    str(ACTOR["united-states"]): (31, 119, 180),
    str(ACTOR["china"]): (214, 39, 40),
}
CLAIM_COLOURS: dict[str, RGB] = {
    "demand": (255, 127, 14),
    "red line": (140, 28, 19),
    "commitment": (23, 190, 207),
    "consensus": (188, 189, 34),
}
#: Status events of the ledger view by their kind: what was kept green, what was breached red.
STATUS_COLOURS: dict[str, RGB] = {
    "reaffirmed": (116, 196, 118),
    "implemented": (0, 109, 44),
    "accused_of_breach": (203, 24, 29),
    "disputed": (253, 141, 60),
    "withdrawn": (99, 99, 99),
    "superseded": (107, 174, 214),
    "moot": (189, 189, 189),
}
KIND_COLOURS: dict[str, RGB] = {
    "actor": (127, 127, 127),
    "meeting": (148, 103, 189),
    "claim": (227, 119, 194),
    "topic": (44, 160, 44),
    "place": (140, 86, 75),
    "post": (247, 182, 210),
    "holding": (255, 187, 120),
    "document": (196, 156, 148),
    "evidence": (199, 199, 199),
    "bundle": (219, 219, 141),
    "measure": (173, 73, 74),
    "event": (255, 217, 47),
}
OTHER: RGB = (158, 218, 229)


def colour(data: dict[str, Any]) -> RGB:
    """A node's colour: actors by their country, claims by their type, status events by their
    kind, the rest by kind."""
    kind = data.get("kind")
    if kind == "actor" and data.get("country_iri") in COUNTRY_COLOURS:
        return COUNTRY_COLOURS[data["country_iri"]]
    if kind == "claim":
        claim_type = data.get("claim_type") or data.get("type")
        if claim_type in CLAIM_COLOURS:
            return CLAIM_COLOURS[claim_type]
    if kind == "event" and data.get("status_kind") in STATUS_COLOURS:
        return STATUS_COLOURS[data["status_kind"]]
    return KIND_COLOURS.get(str(kind), OTHER)


def size(degree: int) -> float:
    """Node size grows with the square root of its degree, so hubs stand out but fit."""
    return round(6.0 + 4.0 * math.sqrt(degree), 2)
