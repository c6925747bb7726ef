"""Answer formats of the SPARQL endpoints and the choice among them (``Accept`` or ``format=``).

Two families: solution formats for SELECT and ASK, RDF formats for CONSTRUCT, DESCRIBE and
graph reads. Each format is known by a short name (what ``format=`` and the worker use), its
media type, and the aliases clients really send: SPARQLWrapper repeats its choice as
``format=json`` and ``format=text/tab-separated-values``, rdflib asks for ``application/rdf+xml``.
"""

from __future__ import annotations

from dataclasses import dataclass

RESULTS = "results"
GRAPH = "graph"


@dataclass(frozen=True)
class Format:
    name: str
    kind: str
    media_type: str
    #: Other media types and ``format=`` names that mean this format.
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        """The media type, with the charset where the type has that parameter (``text/*``)."""
        text = self.media_type.startswith("text/")
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


#: In order of preference: the first is the default when the client accepts anything.
FORMATS: tuple[Format, ...] = (
    Format("json", RESULTS, "application/sparql-results+json",
           ("json", "application/json", "text/javascript", "application/javascript")),
    Format("xml", RESULTS, "application/sparql-results+xml",
           ("xml", "application/xml", "text/xml")),
    Format("csv", RESULTS, "text/csv", ("csv",)),
    Format("tsv", RESULTS, "text/tab-separated-values", ("tsv",)),
    Format("turtle", GRAPH, "text/turtle",
           ("turtle", "ttl", "n3", "application/turtle", "application/x-turtle", "text/n3",
            "text/rdf+n3")),
    Format("ntriples", GRAPH, "application/n-triples", ("nt", "ntriples", "n-triples")),
    Format("jsonld", GRAPH, "application/ld+json",
           ("jsonld", "json-ld", "json", "application/x-json+ld", "application/json")),
    Format("rdfxml", GRAPH, "application/rdf+xml", ("rdfxml", "rdf+xml", "rdf", "xml",
                                                     "application/xml", "text/xml")),
    Format("trig", GRAPH, "application/trig", ("trig",)),
)
BY_NAME = {f.name: f for f in FORMATS}


class NotAcceptable(Exception):
    """Nothing the client accepts is available (HTTP 406); the message lists what is."""


class UnknownFormat(ValueError):
    """A ``format=`` value names no format at all (HTTP 400)."""


def available(kind: str) -> list[Format]:
    return [f for f in FORMATS if f.kind == kind]


def _names(fmt: Format) -> tuple[str, ...]:
    return (fmt.name, fmt.media_type, *fmt.aliases)


def _by_param(values: list[str], kind: str) -> Format | None:
    """The first ``format=`` value that names a format: of ``kind`` if any reading allows."""
    known = False
    for value in values:
        wanted = value.strip().lower()
        for fmt in available(kind):
            if wanted in _names(fmt):
                return fmt
        known = known or any(wanted in _names(f) for f in FORMATS)
    if not values:
        return None
    if known:
        raise NotAcceptable(_listing(kind, f"format={values[0]}"))
    names = sorted({f.name for f in FORMATS} | {"nt", "ttl", "json-ld"})
    raise UnknownFormat(f"unknown format {values[0]!r}; use one of {', '.join(names)}")


def _ranges(accept: str) -> list[tuple[str, float]]:
    """(media range, q) pairs of an Accept header; malformed parts are skipped."""
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(fmt: Format, ranges: list[tuple[str, float]]) -> float:
    """q of the most specific range matching the format (RFC 9110).

    Wildcards match the format's own media type only; an alias counts when named exactly,
    so ``text/*`` never selects JSON through its old alias ``text/javascript``.
    """
    major = fmt.media_type.split("/")[0]
    exact = {fmt.media_type, *(a for a in fmt.aliases if "/" in a)}
    best: tuple[int, float] = (-1, 0.0)
    for pattern, q in ranges:
        rank = 2 if pattern in exact else 1 if pattern == f"{major}/*" else \
            0 if pattern == "*/*" else -1
        if rank >= 0 and (rank > best[0] or (rank == best[0] and q > best[1])):
            best = (rank, q)
    return best[1]


def negotiate(accept: str | None, format_values: list[str], kind: str,
              extra: tuple[Format, ...] = ()) -> Format:
    """The format to answer in: ``format=`` first, then the ``Accept`` header's best q."""
    chosen = _by_param(format_values, kind)
    if chosen is not None:
        return chosen
    candidates = [*available(kind), *extra]
    if not accept or not accept.strip():
        return candidates[0]
    ranges = _ranges(accept)
    scored = [(_quality(f, ranges), -i, f)
              for i, f in enumerate(candidates)]
    q, _, best = max(scored, key=lambda s: (s[0], s[1]))
    if q <= 0:
        raise NotAcceptable(_listing(kind, f"Accept: {accept}", extra))
    return best


def _listing(kind: str, asked: str, extra: tuple[Format, ...] = ()) -> str:
    types = ", ".join(f.media_type for f in (*available(kind), *extra))
    what = "query results" if kind == RESULTS else "RDF graphs"
    return f"cannot answer {asked}: {what} are available as {types}"
