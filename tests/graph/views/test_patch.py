"""The actors view made again from the one before a write equals the view built whole.

Each step changes the bundled graph's actor inputs as a write can (an engagement added,
removed, moved in time, renamed, or attended by others; an actor renamed, given another type,
country or post; a state no longer shown) and checks the patched view against
``actors_graph`` of the same inputs: the same nodes and edges, in the same order, with the same
attributes. Steps are chained, so a patched view is the base of the next patch.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import replace

import networkx as nx
import pytest

from graph.store import GraphStore
from graph.views.builders import ActorInputs, Meeting, actor_inputs, actors_graph
from graph.views.patch import actors_graph_after
from graph.views.registry import Filters

NEW_ACTOR = "https://w3id.org/diplograph/id/actor/someone-new"
NEW_MEETING = "https://w3id.org/diplograph/id/meeting/2024-05-01-new-talks"

Edit = Callable[[ActorInputs, random.Random], ActorInputs]


def _meetings(inputs: ActorInputs, changed: dict[str, Meeting | None]) -> dict[str, Meeting]:
    """The engagements with ``changed`` put in (None: removed), in (start, iri) order."""
    out = {k: v for k, v in inputs.meetings.items() if k not in changed}
    out.update({k: v for k, v in changed.items() if v is not None})
    return dict(sorted(out.items(), key=lambda item: (item[1].start, item[0])))


def _attending(inputs: ActorInputs) -> list[str]:
    return sorted({a for m in inputs.meetings.values() for a in m.participants | m.sides})


def _states(inputs: ActorInputs) -> list[str]:
    return sorted(a for a, f in inputs.facts.items() if f.get("type") == "state")


def add_engagement(inputs: ActorInputs, rng: random.Random) -> ActorInputs:
    people = set(rng.sample(_attending(inputs), 3)) | {NEW_ACTOR}
    meeting = Meeting(NEW_MEETING, dt.date(2024, 5, 1), dt.date(2024, 5, 2), people,
                      set(rng.sample(_states(inputs), 2)))  # fmt: skip
    facts = {**inputs.facts, NEW_ACTOR: {"type": "person", "country": None,
                                         "country_iri": rng.choice(_states(inputs))}}
    names = {**inputs.names, NEW_MEETING: "New talks", NEW_ACTOR: "Someone New"}
    return replace(inputs, names=names, facts=facts,
                   meetings=_meetings(inputs, {NEW_MEETING: meeting}))  # fmt: skip


def remove_engagement(inputs: ActorInputs, rng: random.Random) -> ActorInputs:
    return replace(inputs, meetings=_meetings(inputs, {rng.choice(list(inputs.meetings)): None}))


def change_attendance(inputs: ActorInputs, rng: random.Random) -> ActorInputs:
    meeting = inputs.meetings[rng.choice(list(inputs.meetings))]
    people = set(meeting.participants)
    if people:
        people.discard(rng.choice(sorted(people)))
    people.add(rng.choice(_attending(inputs)))
    changed = replace(meeting, participants=people)
    return replace(inputs, meetings=_meetings(inputs, {meeting.iri: changed}))


def move_engagement(inputs: ActorInputs, rng: random.Random) -> ActorInputs:
    meeting = inputs.meetings[rng.choice(list(inputs.meetings))]
    start = meeting.start - dt.timedelta(days=rng.randint(1, 900))
    changed = replace(meeting, start=start, end=start + dt.timedelta(days=rng.randint(0, 3)))
    return replace(inputs, meetings=_meetings(inputs, {meeting.iri: changed}))


def rename(inputs: ActorInputs, rng: random.Random) -> ActorInputs:
    iri = rng.choice([rng.choice(list(inputs.meetings)), rng.choice(_attending(inputs))])
    return replace(inputs, names={**inputs.names, iri: f"Renamed {rng.random():.3f}"})


def new_facts(inputs: ActorInputs, rng: random.Random) -> ActorInputs:
    actor = rng.choice(_attending(inputs))
    fact = {"type": rng.choice(["person", "state", "organization"]), "country": "Elsewhere",
            "country_iri": rng.choice([None, *_states(inputs)])}  # fmt: skip
    return replace(inputs, facts={**inputs.facts, actor: fact})


def new_post(inputs: ActorInputs, rng: random.Random) -> ActorInputs:
    actor = rng.choice(_attending(inputs))
    post = ("Envoy", [("Envoy", dt.date(2023, 1, 1), None)])
    return replace(inputs, held={**inputs.held, actor: post})


def state_gone(inputs: ActorInputs, rng: random.Random) -> ActorInputs:
    """Every engagement of a state with citizens shown loses it: its node and the 'country'
    edges to it go."""
    citizens = {f["country_iri"] for f in inputs.facts.values() if f.get("country_iri")}
    shown = [s for s in _states(inputs) if s in citizens and s in _attending(inputs)]
    if not shown:  # gone in an earlier step of a chain
        return change_attendance(inputs, rng)
    state = rng.choice(shown)
    changed: dict[str, Meeting | None] = {
        m.iri: replace(m, participants=m.participants - {state}, sides=m.sides - {state})
        for m in inputs.meetings.values() if state in m.participants | m.sides}
    return replace(inputs, meetings=_meetings(inputs, changed))


EDITS: list[Edit] = [add_engagement, remove_engagement, change_attendance, move_engagement,
                     rename, new_facts, new_post, state_gone]  # fmt: skip


def _same(patched: nx.MultiDiGraph, built: nx.MultiDiGraph) -> None:
    assert list(patched.nodes(data=True)) == list(built.nodes(data=True))
    assert list(patched.edges(keys=True, data=True)) == list(built.edges(keys=True, data=True))
    for node in built:
        assert list(patched.succ[node]) == list(built.succ[node]), node
        assert list(patched.pred[node]) == list(built.pred[node]), node
    assert patched.graph == built.graph and nx.is_frozen(patched)


@pytest.fixture(scope="module")
def inputs(bundled_store: GraphStore) -> ActorInputs:
    return actor_inputs(bundled_store, Filters().bindings())


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__)
def test_each_change_is_patched_as_a_rebuild_makes_it(inputs: ActorInputs, edit: Edit) -> None:
    view = actors_graph(inputs)
    for seed in range(6):
        after = edit(inputs, random.Random(seed))
        _same(actors_graph_after(view, inputs, after), actors_graph(after))


def test_chained_patches_stay_equal_to_a_rebuild(inputs: ActorInputs) -> None:
    rng = random.Random(17)
    view, before = actors_graph(inputs), inputs
    for _step in range(40):
        now = rng.choice(EDITS)(before, rng)
        view = actors_graph_after(view, before, now)
        _same(view, actors_graph(now))
        before = now


def test_unchanged_parts_are_shared_with_the_view_before(inputs: ActorInputs) -> None:
    """The point of patching: a node or edge no change reaches keeps its attribute dict."""
    view = actors_graph(inputs)
    after = rename(inputs, random.Random(3))
    patched = actors_graph_after(view, inputs, after)
    shared = sum(patched.nodes[n] is view.nodes[n] for n in patched if n in view)
    assert shared >= patched.number_of_nodes() - 40
    assert actors_graph_after(view, inputs, inputs).nodes(data=True) == view.nodes(data=True)
