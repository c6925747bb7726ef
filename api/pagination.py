"""The one list envelope of the REST API: ``{"items", "total", "limit", "offset"}``.

The ``limit`` and ``offset`` parameters are the ``api.deps.paging`` dependency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
S = TypeVar("S")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    """One page of a list, with how many items the whole list holds."""

    # A parametrised Page[Claim] has no docstring of its own: say it in the schema itself.
    model_config = ConfigDict(
        json_schema_extra={"description": "One page of a list, with how many items it holds."}
    )

    items: list[T] = Field(description="The items of this page, in the list's order.")
    total: int = Field(description="How many items the whole list holds.", examples=[128], ge=0)
    limit: int = Field(description="The most items a page holds (as asked).", examples=[50], ge=1)
    offset: int = Field(description="How many items come before this page.", examples=[0], ge=0)


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int

    def slice(self, items: Sequence[S]) -> Sequence[S]:
        return items[self.offset : self.offset + self.limit]


def page(items: list, total: int, paging: Paging) -> dict:
    """The envelope of one page (the items already sliced)."""
    return {"items": items, "total": total, "limit": paging.limit, "offset": paging.offset}
