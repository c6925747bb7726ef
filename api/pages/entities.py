"""The entity pages (actor, claim, meeting, document, topic, bundle): each one gathers what the
REST route of its kind answers, through the same ``api.services`` functions, and renders its
template.

``/id/{kind}/{slug}`` (linked data, ``Accept: text/html``) shows these pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.responses import HTMLResponse
from rdflib import URIRef

from api.pages import review, svg
from api.pages.highlight import paragraph_of, paragraphs
from api.pages.render import CLAIM_TYPE_NAMES, page
from api.pagination import Paging
from api.services import actors as actor_service
from api.services import bundles as bundle_service
from api.services import claims as claim_service
from api.services import documents as document_service
from api.services import ledger as ledger_service
from api.services import meetings as meeting_service
from api.services import topics as topic_service
from graph.audit import trail
from graph.extract.rdf import named_graph
from graph.lookups import actors, claims, describe, document_events, documents
from graph.lookups.ids import Ids, slug_of
from graph.lookups.labels import LabelIndex
from graph.store import GraphStore
from graph.views import registry as views
from graph.views import traverse

#: A page's template and what it shows.
Rendered = tuple[str, dict[str, Any]]

#: Every claim of an entity fits on its page: the bundled graph's largest list is a few hundred.
ALL = Paging(limit=500, offset=0)


def by_type(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Claims grouped by type, in the order the pages list the types; empty groups dropped."""
    grouped: dict[str, list[dict[str, Any]]] = {kind: [] for kind in CLAIM_TYPE_NAMES}
    for claim in items:
        grouped.setdefault(claim["type"], []).append(claim)
    return {kind: found for kind, found in grouped.items() if found}


def actor_page(store: GraphStore, ids: Ids, index: LabelIndex, slug: str) -> Rendered:
    actor = actor_service.get_actor(store=store, ids=ids, id=slug)
    iri = ids.iri("actor", slug)
    made = claim_service.claims_page(
        store=store, index=index, wanted=claims.ClaimFilter(claimant=iri), paged=ALL
    )
    addressed = claim_service.claims_page(
        store=store, index=index, wanted=claims.ClaimFilter(addressee=iri), paged=ALL
    )
    nodes, edges = ego_network(store, f"actor/{slug}")
    return "actor.html", {
        "actor": actor,
        "timeline": post_timeline(actor["posts"]),
        "made": by_type(made["items"]),
        "addressed": by_type(addressed["items"]),
        "ledger_of_claims": actor_ledger(store, ids, claimant=slug),
        "ledger_said": actor_ledger(store, ids, asserted_by=slug),
        "ego_nodes": nodes,
        "ego_edges": edges,
        "ego_size": svg.SIZE,
    }


def actor_ledger(
    store: GraphStore, ids: Ids, claimant: str | None = None, asserted_by: str | None = None
) -> list[dict[str, Any]]:
    """Status events, newest first (the /ledger route's answer): those about the actor's claims
    (``claimant``, bundles holding them included) or those the actor asserts."""
    asked = ledger_service.LedgerQuery(claimant=claimant, asserted_by=asserted_by)
    found = ledger_service.list_ledger(store=store, ids=ids, paged=ALL, asked=asked)
    return list(found["items"])


def ego_network(store: GraphStore, node: str) -> tuple[list, list]:
    """The node's neighbours in the actors view, laid out for the SVG; none when it met nobody."""
    graph = views.view(store, "actors")
    try:
        return svg.ego(graph, traverse.resolve(graph, node))
    except traverse.NodeNotFound:
        return [], []


def post_timeline(posts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each post with its bar's left offset and width in percent of the years the posts span."""
    years = [int(str(p[k])[:4]) for p in posts for k in ("start", "end") if p[k]]
    if not years:
        return []
    first, last = min(years), max(max(years), 2025) + 1
    span = last - first
    bars = []
    for post in posts:
        start = int(str(post["start"])[:4]) if post["start"] else first
        end = int(str(post["end"])[:4]) + 1 if post["end"] else last
        left = 100 * (start - first) / span
        bars.append({**post, "left": round(left, 1), "width": round(100 * (end - start) / span, 1)})
    return bars


def claim_page(store: GraphStore, ids: Ids, index: LabelIndex, slug: str) -> Rendered:
    claim = claim_service.get_claim(store=store, ids=ids, id=slug)
    texts: dict[str, str | None] = {}
    reports = []
    for span in claim["evidence"]:
        doc = span["document"]["id"]
        if doc not in texts:
            texts[doc] = documents.text_of(store, ids.iri("document", doc))
        text = texts[doc]
        shown = None
        if text is not None and span["start"] is not None and span["end"] is not None:
            shown = paragraph_of(text, span["start"], span["end"])
        reports.append({**span, "paragraph": shown})
    bundle = None
    if claim["bundle"]:
        bundle = bundle_service.get_bundle(store=store, ids=ids, id=claim["bundle"]["id"])
    state = review.state(store, claim["iri"]) if claim["origin"] == "extracted" else None
    status = state.status if state else None
    return "claim.html", {
        "claim": {**claim, "status": status, "version": state.version if state else ""},
        "reports": reports,
        "bundle": bundle,
        "actors": actor_choices(store) if status else [],
        "changes": [a.as_json() for a in trail.history(store, claim["iri"])],
    }


def meeting_page(store: GraphStore, ids: Ids, index: LabelIndex, slug: str) -> Rendered:
    meeting = meeting_service.get_meeting(store=store, ids=ids, id=slug)
    sides = meeting_service.get_meeting_sides(store=store, ids=ids, id=slug)
    return "meeting.html", {"meeting": meeting, "sides": sides}


def document_page(store: GraphStore, ids: Ids, index: LabelIndex, slug: str) -> Rendered:
    doc = document_service.get_document(store=store, ids=ids, id=slug)
    spans = []
    for claim in doc["claims"]:
        for ev in claim["evidence"]:
            if ev["document"]["id"] == slug and ev["start"] is not None and ev["end"] is not None:
                spans.append((ev["start"], ev["end"], claim))
    lines = paragraphs(doc["text"], spans) if doc["text"] else []
    found = review.states(store, [c["iri"] for c in doc["claims"] if c["origin"] == "extracted"])
    states = {c["id"]: found[c["iri"]] for c in doc["claims"] if c["iri"] in found}
    statuses = {claim: state.status for claim, state in states.items()}
    events = document_events.events_of(store, ids.iri("document", slug))
    proposed = review.states(store, [e["iri"] for e in events if e["origin"] == "extracted"])
    return "document.html", {
        "doc": doc,
        "lines": lines,
        "statuses": statuses,
        "versions": {claim: state.version for claim, state in states.items()},
        "events": events,
        "event_versions": {e["id"]: proposed[e["iri"]].version for e in events
                           if e["iri"] in proposed},
        "actors": actor_choices(store) if statuses else [],
        "changes": [a.as_json() for a in trail.history(store, doc["iri"], named_graph(slug))],
    }


def actor_choices(store: GraphStore) -> list[dict[str, str]]:
    """Every actor's id and name, for the reviewer's claimant and addressee choices (a datalist:
    type a few letters of a name, the id is filled in)."""
    return [{"id": slug_of(m.iri), "label": m.label} for m in actors.find(store)]


def topic_page(store: GraphStore, ids: Ids, index: LabelIndex, slug: str) -> Rendered:
    topic = topic_service.get_topic(
        store=store, ids=ids, index=index, id=slug, paged=ALL, sort="date"
    )
    return "topic.html", {"topic": topic}


def bundle_page(store: GraphStore, ids: Ids, index: LabelIndex, slug: str) -> Rendered:
    return "bundle.html", {"bundle": bundle_service.get_bundle(store=store, ids=ids, id=slug)}


#: The kinds that have a page of their own; other kinds get the generic linked-data page.
PAGES: dict[str, Callable[[GraphStore, Ids, LabelIndex, str], Rendered]] = {
    "actor": actor_page,
    "claim": claim_page,
    "meeting": meeting_page,
    "document": document_page,
    "topic": topic_page,
    "bundle": bundle_page,
}


def entity_page(
    store: GraphStore, ids: Ids, index: LabelIndex, kind: str, iri: URIRef
) -> HTMLResponse | None:
    """The page of the entity, None when its kind has no page of its own. Every page ends
    with its linked-data view: the IRI, its RDF formats and what refers to it."""
    render = PAGES.get(kind)
    if render is None:
        return None
    slug = str(iri).rsplit("/", 1)[-1]
    template, context = render(store, ids, index, slug)
    referrers = []
    for subject, prop in describe.inbound(store, iri):
        ref_kind = ids.kind(subject)
        href = f"/id/{ref_kind}/{subject.rsplit('/', 1)[-1]}" if ref_kind else subject
        referrers.append({"href": href, "label": index.label(subject) or subject, "via": prop})
    linked = {"iri": str(iri), "kind": kind, "slug": slug, "referrers": referrers}
    return page(template, **context, linked=linked)
