"""Topics: the scheme with claim counts, and one topic with a page of its claims."""

from __future__ import annotations

from typing import Any

from api.pagination import Paging
from api.rest import not_found, path_iri
from api.schemas.common import ClaimSort
from api.services.claims import claims_page
from api.services.listing import list_page
from graph.lookups import claims, topics
from graph.lookups.ids import Ids
from graph.lookups.labels import LabelIndex
from graph.store import GraphStore


def list_topics(*, store: GraphStore, paged: Paging) -> dict[str, Any]:
    """Every topic, alphabetically, with how many claims are about it (or a narrower topic)."""
    counted = topics.counts(store)
    counts = dict(counted)
    return list_page(
        [iri for iri, _ in counted],
        paged=paged,
        details=lambda shown: topics.details(store, shown, counts),
    )


def get_topic(
    *,
    store: GraphStore,
    ids: Ids,
    index: LabelIndex,
    id: str,
    paged: Paging,
    sort: ClaimSort = "-date",
    written: bool = False,
) -> dict[str, Any]:
    """The topic, and one page of the claims about it or a narrower topic; or a 404
    (``written``: the claims may be JSON texts, as ``claims_page`` says)."""
    iri = path_iri(ids, "topic", "topic", id)
    listed = claims_page(store=store, index=index, wanted=claims.ClaimFilter(topic=iri),
                         paged=paged, sort=sort, written=written)  # fmt: skip
    found = topics.details(store, [str(iri)], {str(iri): listed["total"]}).get(str(iri))
    if found is None:
        raise not_found("topic", id)
    return {**found, "claims": listed}
