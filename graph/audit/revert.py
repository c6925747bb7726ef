"""Undoing one recorded write: its added triples removed, its removed triples put back.

The revert is a write like any other (``graph.write.commit.write``): computed under the write
lock, validated against the shapes, committed whole, and recorded as an activity of kind
``revert`` that names the one it undoes (``audit:reverts``). It is refused, changing nothing,
when later writes depend on the activity:

- a later activity, not itself reverted, changed one of the same subjects in one of the same
  graphs (or changed one of its graphs and the trail does not say which subjects: a write too
  large to name them); a revert of an activity that came later still does not count, since
  the two cancel out;
- a later activity wrote, in another graph, a triple that points at a subject the activity
  added (a later document's claim that restates one of its claims): found from the store's
  own index of what points at those subjects, then the later activities on those graphs;
- or the graphs no longer hold what the activity left there (a triple it added is gone, or one
  it removed is back): something the trail did not see changed them, such as a bulk load.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph, URIRef

from graph.audit import trail
from graph.audit.record import Delta, activity_iri
from graph.audit.trail import Activity
from graph.namespaces import AUDIT_GRAPH, INFERRED_GRAPH
from graph.store import GraphStore
from graph.write.commit import WriteReport, write


class RevertError(Exception):
    """The activity cannot be reverted; the message says why."""


class UnknownActivity(RevertError):
    """No activity has this id (HTTP 404)."""


class NotRevertible(RevertError):
    """The activity kept its counts only (a load, a restore, a very large write): 409."""


class RevertConflict(RevertError):
    """Later writes depend on the activity, or it was reverted already (HTTP 409);
    ``later`` holds the ids of the activities in the way."""

    def __init__(self, message: str, later: list[str] | None = None) -> None:
        super().__init__(message)
        self.later = later or []


def undone_by(store: GraphStore, activity: Activity) -> list[str]:
    """The reverts of ``activity`` that stand (a revert itself reverted does not)."""
    return [r for r in activity.reverted_by
            if (by := trail.read(store, r)) is not None and not undone_by(store, by)]


def dependents(store: GraphStore, target: Activity, delta: Delta | None = None) -> list[Activity]:
    """The later activities that depend on ``target`` (see the module doc), oldest first;
    ``delta``: the target's kept triples, whose added subjects later data may point at."""
    assert target.time is not None
    mine = trail.subjects(store, target.iri)
    referring = _referring_graphs(store, target, delta) if delta is not None else set()
    candidates = {iri for g in {*target.graphs, *referring} for iri in trail.find(store, graph=g)}
    candidates.discard(target.iri)
    found = trail.read_many(store, candidates)
    later = {i: a for i, a in found.items() if a.time is not None and a.time > target.time}
    out = []
    for activity in later.values():
        if undone_by(store, activity):
            continue
        if activity.reverts in later:  # undoes an activity that came later still: cancelled
            continue
        if set(activity.graphs) & referring:
            out.append(activity)
            continue
        theirs = trail.subjects(store, activity.iri)
        if not mine or not theirs or mine & theirs:
            out.append(activity)
    return sorted(out, key=lambda a: (a.time, a.iri))


def _referring_graphs(store: GraphStore, target: Activity, delta: Delta) -> set[str]:
    """The other graphs that hold a triple pointing at a subject ``target`` added."""
    added = {s for ts in delta.added.values() for s, _p, _o in ts if isinstance(s, URIRef)}
    skip = {*target.graphs, INFERRED_GRAPH, AUDIT_GRAPH}
    return {g for _s, _p, _o, g in store.quads_about(added, as_object=True) if g not in skip}


def revert(store: GraphStore, activity_id: str) -> WriteReport:
    """Undo the activity ``activity_id`` through the validated write path.

    ``UnknownActivity``, ``NotRevertible`` or ``RevertConflict`` when it cannot; the write's
    own refusals (``WriteRefused`` when the result would break the shapes) as any write's.
    """
    iri = str(activity_iri(activity_id))

    def compute() -> Mapping[str, Graph]:
        # read under the write lock: no write comes between these checks and the commit
        target = trail.read(store, iri)
        if target is None:
            raise UnknownActivity(f"no activity {activity_id!r} in the audit trail")
        undone = [trail.activity_id(i) for i in undone_by(store, target)]
        if undone:
            raise RevertConflict(
                f"activity {activity_id} was reverted already (by {', '.join(undone)})", undone)
        delta = trail.delta(store, iri)
        if delta is None:
            raise NotRevertible(
                f"activity {activity_id} ({target.kind}) kept only how many triples it changed, "
                "not the triples: it cannot be reverted (restore a backup instead)")
        later = dependents(store, target, delta)
        if later:
            names = ", ".join(f"{a.id} ({a.kind} by {a.actor})" for a in later)
            raise RevertConflict(
                f"later writes depend on activity {activity_id}: {names} changed the same "
                "data since; revert those first, newest first", [a.id for a in later])
        changes: dict[str, Graph] = {}
        for name in delta.graphs:
            graph = store.graph(name)
            added, removed = delta.added.get(name, set()), delta.removed.get(name, set())
            if any(t not in graph for t in added) or any(t in graph for t in removed):
                raise RevertConflict(
                    f"<{name}> changed since activity {activity_id} outside the audit trail "
                    "(a triple it added is gone, or one it removed is back): nothing reverted")
            for triple in added:
                graph.remove(triple)
            for triple in removed:
                graph.add(triple)
            changes[name] = graph
        return changes

    return write(store, compute, kind="revert", reverts=iri)
