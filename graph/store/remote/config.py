"""The ``sparql:`` store setting: where the engine answers, where it takes writes, as whom.

Syntax: ``sparql:QUERY_URL[|key=value]...`` with the keys

* ``update=URL``   the SPARQL Update endpoint (default: the query URL);
* ``user=NAME``, ``password=SECRET``  credentials for the update endpoint;
* ``auth=digest|basic``  how to send them (default ``digest``, which Virtuoso's
  ``/sparql-auth`` requires);
* ``timeout=SECONDS``  per HTTP request (default 60);
* ``graphs=PREFIX``  the named graphs this application owns (default the project's graph base):
  queries see only these, so an engine's own system graphs never leak into answers. Several
  prefixes are separated by spaces (an IRI holds none); keep the project's graph base among
  them, where the inferred graph and the default write graph live.

``DIPLOGRAPH_SPARQL_UPDATE_URL``, ``DIPLOGRAPH_SPARQL_USER``, ``DIPLOGRAPH_SPARQL_PASSWORD``
and ``DIPLOGRAPH_SPARQL_TIMEOUT`` supply any key the setting leaves out; prefer the variable
for the password, so it stays out of shell history and process lists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from graph.namespaces import GRAPH_BASE
from graph.store.base import StoreError

_ENV = {
    "update": "DIPLOGRAPH_SPARQL_UPDATE_URL",
    "user": "DIPLOGRAPH_SPARQL_USER",
    "password": "DIPLOGRAPH_SPARQL_PASSWORD",
    "timeout": "DIPLOGRAPH_SPARQL_TIMEOUT",
}
_KEYS = {"update", "user", "password", "auth", "timeout", "graphs"}
SYNTAX = "sparql:QUERY_URL[|update=URL][|user=NAME][|password=SECRET][|auth=digest|basic]" \
         "[|timeout=SECONDS][|graphs=PREFIX]"


@dataclass(frozen=True)
class RemoteSettings:
    query_url: str
    update_url: str
    user: str | None = None
    password: str | None = None
    auth: str = "digest"
    timeout: float = 60.0
    graph_prefixes: tuple[str, ...] = (GRAPH_BASE,)

    @property
    def graph_prefix(self) -> str:
        """The first prefix (the project's graph base unless ``graphs=`` says otherwise)."""
        return self.graph_prefixes[0]

    def owns(self, name: str) -> bool:
        return any(name.startswith(prefix) for prefix in self.graph_prefixes)

    def redacted(self) -> str:
        """The setting as it may be printed: never the password."""
        who = f" as {self.user}" if self.user else ""
        updates = "" if self.update_url == self.query_url else f", updates at {self.update_url}"
        return f"{self.query_url}{updates}{who}"


def _check_url(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"bad sparql store setting: {what} {url!r} is not an http(s) URL "
                         f"(syntax: {SYNTAX})")
    return url


def _options(pieces: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for piece in pieces:
        key, sep, value = piece.partition("=")
        key = key.strip().lower()
        if not sep or key not in _KEYS:
            raise StoreError(f"bad sparql store setting: unknown option {key!r}; "
                             f"use {', '.join(sorted(_KEYS))} (syntax: {SYNTAX})")
        if key in options:
            raise StoreError(f"bad sparql store setting: option {key!r} given twice")
        options[key] = value.strip()
    for key, variable in _ENV.items():
        if key not in options and os.environ.get(variable):
            options[key] = os.environ[variable]
    return options


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 86_400:
        raise StoreError(f"bad sparql store setting: timeout {text!r} is not a number of seconds")
    return value


def parse(rest: str) -> RemoteSettings:
    """The settings after ``sparql:``; every mistake is named in a StoreError."""
    query_url, *pieces = rest.split("|")
    query_url = _check_url(query_url.strip(), "query URL")
    options = _options(pieces)
    auth = options.get("auth", "digest").lower()
    if auth not in ("digest", "basic"):
        raise StoreError(f"bad sparql store setting: auth must be digest or basic, not {auth!r}")
    if bool(options.get("user")) != bool(options.get("password")):
        raise StoreError("bad sparql store setting: give both user and password, or neither")
    prefixes = tuple(options.get("graphs", GRAPH_BASE).split())
    if not prefixes:
        raise StoreError("bad sparql store setting: graphs needs an IRI prefix")
    return RemoteSettings(
        query_url=query_url,
        update_url=_check_url(options.get("update") or query_url, "update URL"),
        user=options.get("user") or None,
        password=options.get("password") or None,
        auth=auth,
        timeout=_timeout(options["timeout"]) if "timeout" in options else 60.0,
        graph_prefixes=prefixes,
    )
