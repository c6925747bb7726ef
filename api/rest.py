"""What the REST routers and services share: slug, date and view parameters, resolving ids, 404s."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from fastapi import HTTPException, Path, Query
from pydantic import BeforeValidator
from rdflib import URIRef

from api.schemas.common import ErrorMessage
from graph.lookups.ids import SLUG_PATTERN, Ids, is_slug
from graph.views.registry import VIEWS

#: The documented refusals of every REST route (FastAPI adds 422 itself for routes with parameters).
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorMessage, "description": "No resource has this id."},
}

#: Longest search text accepted; a name is never longer.
MAX_QUERY = 500


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_only(value: object) -> object:
    """Refuse what pydantic would otherwise read as a date (``0`` is 1970-01-01 to it)."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("expected an ISO date, YYYY-MM-DD")
    return value


#: A date parameter: ISO ``YYYY-MM-DD`` and nothing else.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_only)]


def today() -> dt.date:
    """The day a ledger stands at when the request names none (its ``as_of``). Answers that
    default to it depend on the day as well as the store: the response cache keys them by it."""
    return dt.date.today()


def date_query(description: str, example: str) -> Any:
    return Query(
        None, description=f"{description} (YYYY-MM-DD, inclusive).", examples=[example]
    )


#: The graph views by name (a path parameter of the traversal and export routes).
ViewName = StrEnum("ViewName", {name: name for name in VIEWS})  # type: ignore[misc]  # members come from the view registry; mypy wants literals
ViewPath = Path(description="actors, claims, meetings, full or ledger.")


@dataclass(frozen=True)
class Window:
    """The view filters every graph and export route takes (``view_window``)."""

    since: dt.date | None = None
    until: dt.date | None = None
    topic: str | None = None


async def view_window(
    since: IsoDate | None = Query(
        None, examples=["2021-01-01"], description="Only facts dated on or after this day."
    ),
    until: IsoDate | None = Query(
        None,
        examples=["2021-12-31"],
        description="Only facts dated on or before this day (before since: an empty view).",
    ),
    topic: str | None = Query(
        None,
        max_length=300,
        description="A topic slug or IRI (narrower topics included).",
        examples=["taiwan"],
    ),
) -> Window:
    """The ``Window`` of a request, as a dependency (async: made on the event loop, where a
    class as a dependency would take a read thread of its own, queueing twice per request)."""
    return Window(since, until, topic)


def slug_query(description: str, example: str) -> Any:
    """A query parameter that takes a slug; anything else is refused with a 422 naming it."""
    return Query(
        None, description=description, examples=[example], pattern=SLUG_PATTERN, max_length=300
    )


def text_query(description: str, example: str) -> Any:
    return Query(None, description=description, examples=[example], max_length=MAX_QUERY)


def resolve(ids: Ids, kind: str, slug: str | None) -> URIRef | None:
    """The IRI a slug parameter names (already checked to be a slug), None when absent."""
    return None if slug is None else ids.iri(kind, slug)


def not_found(kind: str, slug: str) -> HTTPException:
    shown = slug if len(slug) <= 80 else f"{slug[:80]}…"
    return HTTPException(status_code=404, detail=f"no {kind} with id {shown!r}")


def path_iri(ids: Ids, kind: str, label: str, slug: str) -> URIRef:
    """The IRI of a path id; an id that cannot be a slug names nothing, so it is a 404."""
    if not is_slug(slug):
        raise not_found(label, slug)
    return ids.iri(kind, slug)

