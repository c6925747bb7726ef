"""The embedded store's audit trail in a store of its own (``graph.store.trail``): a write and
its record stay all or nothing when the writer is killed (``kill -9``) between the steps, and
a store written by an earlier version has its trail moved out of the data store at open.

The writer runs in a process of its own that sends itself SIGKILL at a named step (the
module's ``step_hook``), so the crash falls exactly between two steps, every run; the test
then opens the store again, as a restarted server would, and reads what it holds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from graph.audit import trail as audit_trail
from graph.audit.record import activity
from graph.namespaces import AUDIT_GRAPH, graph_iri
from graph.store import trail
from graph.store.faults import StorageUnwritable
from graph.store.oxigraph import OxigraphStore
from graph.write.commit import write
from tests.support.paths import PROJECT_ROOT

DATA = graph_iri("file", "crash-test")
NEW = (URIRef("urn:x:claim"), RDFS.label, Literal("written"))
OLD = (URIRef("urn:x:claim"), RDFS.label, Literal("before"))

WRITER = textwrap.dedent("""
    import os, signal, sys
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDFS
    from graph.store import trail
    from graph.store.oxigraph import OxigraphStore

    path, kill_at, how = sys.argv[1:4]
    trail.step_hook = lambda step: os.kill(os.getpid(), signal.SIGKILL) if step == kill_at else None
    store = OxigraphStore(path)
    if how == "write":
        from graph.write.commit import write
        graph = Graph()
        graph.add((URIRef("urn:x:claim"), RDFS.label, Literal("written")))
        write(store, lambda: {sys.argv[4]: graph}, kind="review")
    elif how == "load":
        from graph.audit.record import activity
        graph = Graph()
        for i in range(5):
            graph.add((URIRef(f"urn:x:loaded{i}"), RDFS.label, Literal(f"loaded {i}")))
        _, record = activity("load", graphs=[sys.argv[4]], added=5, removed=0)
        store.replace_graphs({sys.argv[4]: graph}, add={trail.AUDIT_GRAPH: record})
    # "open": opening is the work (the move of an earlier version's trail)
    store.close()
    print("survived")
""")


def _run_writer(path: Path, kill_at: str, how: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-c", WRITER, str(path), kill_at, how, DATA],
                          env=env, capture_output=True, text=True, timeout=120, check=False)


def _killed(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr
    assert "survived" not in done.stdout


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store holding one triple, written (and recorded) the ordinary way."""
    path = tmp_path / "store"
    store = OxigraphStore(path)
    graph = Graph()
    graph.add(OLD)
    write(store, lambda: {DATA: graph}, kind="load")
    store.close()
    return path


def _state(path: Path) -> tuple[set, list[audit_trail.Activity], int]:
    """The data graph, the trail's activities (oldest first) and the pending graph's size,
    as a store opened again sees them."""
    store = OxigraphStore(path)
    try:
        found = audit_trail.read_many(store, audit_trail.find(store)).values()
        pending = sum(1 for _ in store._trail.engine.quads_for_pattern(  # type: ignore[union-attr]
            None, None, None, ox.NamedNode(trail.PENDING_GRAPH)))
        return set(store.graph(DATA)), sorted(found, key=lambda a: a.time), pending
    finally:
        store.close()


def test_the_trail_is_a_store_beside_the_data_and_not_a_graph_of_it(store_path: Path) -> None:
    assert trail.trail_path(store_path) == store_path.parent / "store.audit"
    assert trail.trail_path(store_path).is_dir()
    store = OxigraphStore(store_path)
    try:
        assert AUDIT_GRAPH not in store.graph_names() and store.hidden_graphs == ()
        assert not store.engine.contains_named_graph(ox.NamedNode(AUDIT_GRAPH))
        assert store.quad_count(AUDIT_GRAPH) > 0  # read in the trail's store
    finally:
        store.close()


def test_killed_after_the_pending_record_neither_write_nor_record(store_path: Path) -> None:
    _killed(_run_writer(store_path, "pending", "write"))
    data, activities, pending = _state(store_path)
    assert data == {OLD}  # the write did not land
    assert [a.kind for a in activities] == ["load"]  # nor its record
    assert pending == 0


def test_killed_after_the_data_both_write_and_record(store_path: Path) -> None:
    _killed(_run_writer(store_path, "data", "write"))
    data, activities, pending = _state(store_path)
    assert data == {NEW}
    assert [a.kind for a in activities] == ["load", "review"]
    assert pending == 0
    store = OxigraphStore(store_path)
    try:  # the record is whole: its delta reverts the write
        kept = audit_trail.delta(store, activities[-1].iri)
        assert kept is not None and kept.added == {DATA: {NEW}} and kept.removed == {DATA: {OLD}}
    finally:
        store.close()


@pytest.mark.parametrize(("kill_at", "lands"), [("pending", False), ("data", True)])
def test_a_load_recorded_by_its_counts_is_resolved_by_them(store_path: Path, kill_at: str,
                                                           lands: bool) -> None:
    _killed(_run_writer(store_path, kill_at, "load"))
    data, activities, pending = _state(store_path)
    assert len(data) == (5 if lands else 1)
    assert [a.kind for a in activities] == (["load", "load"] if lands else ["load"])
    assert pending == 0


def test_a_record_left_pending_by_a_failed_write_is_resolved_by_the_next(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data transaction that fails in process (the storage refusing it) leaves no record:
    dropped at once, or, when the trail store refuses that too, by the next recorded write."""
    store = OxigraphStore(store_path)
    kept = store._trail
    assert kept is not None
    try:
        graph = Graph()
        graph.add(NEW)
        full = StorageUnwritable("disk full (a stand-in)", "disk full")

        def refuse(*_args: object) -> None:
            raise full

        def trail_refuses_discard(update: str, real=kept.write_raw) -> None:
            if update == trail.DISCARD_UPDATE:
                raise full
            real(update)

        monkeypatch.setattr(store, "_replace_data", refuse)
        with pytest.raises(StorageUnwritable):
            write(store, lambda: {DATA: graph}, kind="review")
        assert trail.read_pending(kept.engine) is None  # dropped at once

        monkeypatch.setattr(kept, "write_raw", trail_refuses_discard)
        with pytest.raises(StorageUnwritable):
            write(store, lambda: {DATA: graph}, kind="review")
        assert trail.read_pending(kept.engine) is not None  # the trail refused to drop it
        monkeypatch.undo()

        write(store, lambda: {DATA: graph}, kind="review")  # resolves it first, then lands
        assert trail.read_pending(kept.engine) is None
        kinds = [a.kind for a in sorted(audit_trail.read_many(
            store, audit_trail.find(store)).values(), key=lambda a: a.time)]
        assert kinds == ["load", "review"]
        assert set(store.graph(DATA)) == {NEW}
    finally:
        store.close()


def _legacy_store(path: Path) -> int:
    """A store as an earlier version wrote it: the trail a named graph of the data store."""
    store = OxigraphStore(path, trail=False)
    data = Graph()
    data.add(OLD)
    _, record = activity("load", graphs=[DATA], added=1, removed=0)
    store.replace_graphs({DATA: data, AUDIT_GRAPH: record})
    size = store.quad_count(AUDIT_GRAPH)
    store.close()
    assert not trail.trail_path(path).exists()
    return size


def test_an_earlier_versions_trail_is_moved_out_at_open(tmp_path: Path) -> None:
    path = tmp_path / "store"
    size = _legacy_store(path)
    before = OxigraphStore(path, read_only=True)  # read-only: read in place, hidden
    try:
        assert before.hidden_graphs == (AUDIT_GRAPH,)
        assert [a.kind for a in audit_trail.read_many(before, audit_trail.find(before)).values()
                ] == ["load"]
    finally:
        before.close()
    store = OxigraphStore(path)
    try:
        assert AUDIT_GRAPH not in store.graph_names() and store.hidden_graphs == ()
        assert store.quad_count(AUDIT_GRAPH) == size
        assert set(store.graph(DATA)) == {OLD}
    finally:
        store.close()


def test_a_move_cut_short_by_a_crash_is_made_whole_at_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "store"
    size = _legacy_store(path)
    _killed(_run_writer(path, "copied", "open"))  # the copy made, the graph not yet dropped
    legacy = OxigraphStore(path, trail=False, read_only=True)
    try:
        assert legacy.quad_count(AUDIT_GRAPH) == size  # still in the data store
    finally:
        legacy.close()
    store = OxigraphStore(path)
    try:
        assert AUDIT_GRAPH not in store.graph_names()
        assert store.quad_count(AUDIT_GRAPH) == size  # copied twice, held once
        assert len(audit_trail.find(store)) == 1
    finally:
        store.close()
