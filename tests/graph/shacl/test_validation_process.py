"""The validation worker (``graph.shacl.process``): the same answers as in-process, and every
way it can fail ends in a fresh worker or a clear ``ValidationUnavailable``, never a hang."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from graph.namespaces import DG
from graph.shacl.process import ValidationProcess, ValidationUnavailable
from graph.shacl.validate import load_ontology, validate

CLAIM = URIRef("https://w3id.org/diplograph/id/claim/x")
#: A worker that says it is ready, then never answers.
SILENT = ("import pickle, struct, sys, time\n"
          "b = pickle.dumps({'ok': True, 'ready': True})\n"
          "sys.stdout.buffer.write(struct.pack('>I', len(b)) + b); sys.stdout.flush()\n"
          "time.sleep(60)\n")


def _bare_claim() -> Graph:
    data = Graph()
    data.add((CLAIM, RDF.type, DG.Claim))  # none of what a claim needs: violations
    return data


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_answers_what_validating_in_process_answers() -> None:
    process = ValidationProcess()
    try:
        remote = process.validate(_bare_claim(), load_ontology(), [CLAIM])
    finally:
        process.close()
    local = validate(_bare_claim(), load_ontology(), [CLAIM])
    assert not remote.conforms and remote.violations
    assert remote.violations == local.violations and remote.warnings == local.warnings
    assert remote.report_text == local.report_text
    assert set(remote.report_graph) and len(remote.report_graph) == len(local.report_graph)


def test_a_changed_ontology_reaches_the_worker() -> None:
    process = ValidationProcess()
    ontology = load_ontology()
    data = _bare_claim()
    # a claim's class made a subclass of nothing the shapes target: no shape checks it then
    sub = URIRef("https://example.org/NotAClaim")
    data.set((CLAIM, RDF.type, sub))
    try:
        assert process.validate(data, ontology, [CLAIM]).conforms
        ontology.add((sub, RDFS.subClassOf, DG.Claim))
        assert not process.validate(data, ontology, [CLAIM]).conforms
        assert process.validate(data, None, [CLAIM]).conforms  # back to the bundled one
    finally:
        process.close()


def test_a_killed_worker_is_replaced_and_the_validation_answered() -> None:
    process = ValidationProcess()
    try:
        process.start()
        first = process.pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        result = process.validate(_bare_claim(), None, [CLAIM])
        assert not result.conforms and result.violations
        assert process.started == 2 and process.pid != first
    finally:
        process.close()
    assert _gone(first)


def test_a_worker_that_keeps_dying_is_a_clear_error() -> None:
    process = ValidationProcess([sys.executable, "-c", "import sys; sys.exit(3)"])
    with pytest.raises(ValidationUnavailable, match="died twice"):
        process.validate(_bare_claim(), None, [CLAIM])
    assert process.started == 2
    process.close()


def test_a_worker_that_does_not_answer_is_killed_at_the_limit() -> None:
    process = ValidationProcess([sys.executable, "-c", SILENT], timeout=0.5)
    process.start()
    pid = process.pid
    assert pid is not None
    started = time.monotonic()
    with pytest.raises(ValidationUnavailable, match=r"no answer within 0\.5 s"):
        process.validate(_bare_claim(), None, [CLAIM])
    assert time.monotonic() - started < 5
    assert _gone(pid)
    process.close()


def test_a_closed_process_refuses_and_leaves_no_worker() -> None:
    process = ValidationProcess()
    process.start()
    pid = process.pid
    assert pid is not None
    process.close()
    assert _gone(pid)
    with pytest.raises(ValidationUnavailable, match="shutting down"):
        process.validate(_bare_claim(), None, [CLAIM])


def test_the_worker_exits_when_its_server_goes() -> None:
    # the server killed outright closes the worker's input: it must not linger
    process = ValidationProcess()
    process.start()
    child = process._child
    assert child is not None and child.process.stdin is not None
    child.process.stdin.close()
    assert child.process.wait(timeout=10) == 0
    process.close()
