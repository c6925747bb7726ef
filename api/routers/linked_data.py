"""Linked data: every entity IRI served by the app, as a readable page or as RDF.

``/id/{kind}/{slug}`` is the entity ``{Settings.base_iri}{kind}/{slug}``; with the default base
the w3id.org IRIs of the data resolve here once w3id redirects to the deployment.
"""

from __future__ import annotations

import html
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import Graph, URIRef

from api.deps import Index, Store, StoreIds
from api.pages.entities import entity_page
from api.rest import not_found
from api.schemas.common import ErrorMessage
from graph.lookups import describe
from graph.lookups.ids import Ids, is_slug
from graph.lookups.labels import LabelIndex
from graph.namespaces import KINDS, PREFIXES

router = APIRouter(tags=["linked data"])

#: Media types served, in the order preferred when the client accepts several equally.
MEDIA = {
    "text/html": "html",
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}
_WILDCARDS = {"*/*": "text/html", "text/*": "text/html", "application/*": "application/ld+json"}
Format = Literal["html", "turtle", "json-ld", "nt"]
_MEDIA_OF = {fmt: media for media, fmt in MEDIA.items()}

_RESPONSES: dict[int | str, dict] = {
    200: {
        "description": "The entity as a readable page or as RDF (its concise bounded description).",
        "content": {
            "text/html": {"schema": {"type": "string"}},
            "text/turtle": {"schema": {"type": "string"}},
            "application/ld+json": {"schema": {"type": "object"}},
            "application/n-triples": {"schema": {"type": "string"}},
        },
    },
    404: {"model": ErrorMessage, "description": "No entity has this IRI."},
    406: {"model": ErrorMessage, "description": "None of the accepted media types is served."},
}


def negotiate(accept: str | None) -> str | None:
    """The media type to answer with for an ``Accept`` header, None when none is served."""
    if not accept or not accept.strip():
        return "text/html"
    offers: list[tuple[float, int, str]] = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = _WILDCARDS.get(media.lower(), media.lower())
        if media in MEDIA and quality > 0:
            offers.append((-quality, list(MEDIA).index(media), media))
    return min(offers)[2] if offers else None


@router.get(
    "/id/{kind}/{slug}",
    responses=_RESPONSES,
    response_model=None,
    response_class=Response,
    summary="An entity's IRI: a readable page or its triples",
)
def entity(
    request: Request,
    *,
    kind: str = Path(description=f"The kind of entity: {', '.join(KINDS)}.", examples=["actor"]),
    slug: str = Path(description="The entity's slug.", examples=["wang-yi"]),
    format: Format | None = Query(
        None,
        description="Overrides the Accept header: html, turtle, json-ld or nt.",
        examples=["turtle"],
    ),
    store: Store,
    ids: StoreIds,
    index: Index,
) -> Response:
    """With `Accept: text/html` a readable page; with `text/turtle`, `application/ld+json` or
    `application/n-triples` the entity's concise bounded description (its asserted triples)."""
    if kind not in KINDS or not is_slug(slug):
        raise not_found(kind if kind in KINDS else "entity", slug)
    iri = ids.iri(kind, slug)
    media = _MEDIA_OF[format] if format else negotiate(request.headers.get("accept"))
    if media is None:
        raise HTTPException(
            406, detail=f"serves {', '.join(MEDIA)}; the request accepts none of them"
        )
    triples = describe.cbd(store, iri)
    if not len(triples) and not describe.exists(store, iri):
        raise not_found(kind, slug)
    headers = {"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'}
    if media == "text/html":
        rendered = entity_page(store, ids, index, kind, iri)  # the entity's web page
        if rendered is not None:
            rendered.headers.update(headers)
            return rendered
        body = _page(iri, kind, triples, describe.inbound(store, iri), ids, index)
        return HTMLResponse(body, headers=headers)
    graph = _bind_prefixes(triples)
    options: dict[str, Any] = {"context": dict(PREFIXES)} if media == "application/ld+json" else {}
    text = graph.serialize(format=MEDIA[media], **options)
    return Response(text, media_type=media, headers=headers)


def _bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _link(term: object, ids: Ids, index: LabelIndex) -> str:
    """A value as HTML: our entities link to their page, other IRIs to themselves."""
    if isinstance(term, URIRef):
        kind = ids.kind(str(term))
        name = html.escape(index.label(str(term)) or _short(str(term)))
        href = f"/id/{kind}/{str(term).rsplit('/', 1)[-1]}" if kind is not None else str(term)
        return f'<a href="{html.escape(href)}">{name}</a>'
    text = html.escape(str(term))
    if len(text) > 2000:
        text = f"{text[:2000]}… ({len(str(term))} characters)"
    lang = getattr(term, "language", None)
    return f'{text} <span class="lang">@{html.escape(lang)}</span>' if lang else text


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.4}table{border-collapse:collapse;width:100%}"
    "td,th{border-top:1px solid #ddd;padding:.3rem;vertical-align:top;"
    "text-align:left}th{width:14rem;font-weight:600}.lang,.iri{color:#666;font-size:.85em}"
)


def _page(
    iri: URIRef,
    kind: str,
    triples: Graph,
    inbound: list[tuple[str, str]],
    ids: Ids,
    index: LabelIndex,
) -> str:
    """A plain server-rendered page: the entity's properties and what links to it."""
    title = html.escape(index.label(str(iri)) or str(iri).rsplit("/", 1)[-1])
    rows = []
    for prop in sorted({p for _, p, _ in triples.triples((iri, None, None))}, key=str):
        values = sorted(triples.objects(iri, prop), key=str)
        cells = "<br>".join(_link(v, ids, index) for v in values)
        rows.append(f"<tr><th>{html.escape(_short(str(prop)))}</th><td>{cells}</td></tr>")
    links = "".join(
        f"<li>{_link(URIRef(s), ids, index)} <span class='iri'>{html.escape(_short(p))}</span></li>"
        for s, p in inbound
    )
    slug = html.escape(str(iri).rsplit("/", 1)[-1])
    formats = " · ".join(f'<a href="?format={f}">{f}</a>' for f in ("turtle", "json-ld", "nt"))
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} — diplograph</title><style>{_STYLE}</style></head><body>"
        f"<p class='iri'>{html.escape(kind)}</p><h1>{title}</h1>"
        f"<p class='iri'>{html.escape(str(iri))}</p>"
        f"<p>Also as {formats}; id <code>{slug}</code>.</p>"
        f"<table>{''.join(rows)}</table>"
        + (f"<h2>Referred to by</h2><ul>{links}</ul>" if links else "")
        + "</body></html>"
    )
