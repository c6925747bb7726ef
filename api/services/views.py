"""The graph views as the traversal routes and the exports read them, with each way a view can
fail as its HTTP answer: an unknown topic 404, a bad filter 422, a failing store 503 (never 500).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import networkx as nx
from fastapi import HTTPException

from api.rest import Window
from api.services import graph_answers
from graph.store import GraphStore
from graph.views import traverse
from graph.views.registry import UnknownTopic, ViewError, build_view, view


@contextmanager
def view_errors() -> Iterator[None]:
    """Turn a failure to build a view into its HTTP answer."""
    try:
        yield
    except UnknownTopic as exc:
        raise HTTPException(404, str(exc)) from exc
    except ViewError as exc:
        raise HTTPException(422, str(exc)) from exc


def load_view(*, store: GraphStore, name: str, window: Window) -> nx.MultiDiGraph:
    """The view (cached per store), filtered by the request's window."""
    with view_errors():
        return view(store, name, window.since, window.until, window.topic)


def warm(store: GraphStore) -> None:
    """Build the actors view without filters (what the traversal routes and the actor pages
    read) and the JSON of its nodes and edges, so first requests find them made: at a million
    triples the view takes over a second to build; and its nodes' order by links, which a
    neighbourhood cut short picks from."""
    actors = build_view(store, "actors")
    graph_answers.parts(actors).fill()
    traverse.ranked(actors)
