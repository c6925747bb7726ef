"""The storage-format upgrade of docs/operations.md, run as written: dump, restore into a new
folder, swap. The version change itself (``pip install pyoxigraph==NEW``) is the one line left
out: no second pyoxigraph is installed offline. What the test holds is that the commands the
page gives work as given and that the swapped-in store holds every quad of the old one."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from graph.namespaces import AUDIT, AUDIT_GRAPH
from graph.store import open_store
from graph.store.trail import trail_path
from tests.support.extract_support import load_reference
from tests.support.paths import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "operations.md"


def _upgrade_commands() -> list[str]:
    """The shell lines of the upgrade section, in order."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("### Upgrading Oxigraph's storage", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "the upgrade section lost its commands"
    return [line for line in block[1].splitlines() if line.strip()]


RESTORE = (ox.NamedNode(str(AUDIT.kind)), ox.Literal("restore"), ox.NamedNode(AUDIT_GRAPH))


def _restores(store: ox.Store) -> set[ox.NamedNode | ox.BlankNode]:
    """The restores the audit trail records (a restore is itself an activity)."""
    return {q.subject for q in store.quads_for_pattern(None, *RESTORE)}


def _quads(path: Path, restores: int = 0) -> tuple[dict[str, int], set[ox.Quad]]:
    """Quads per graph, and the quads without blank nodes (whose names a restore may change),
    less the activities of the ``restores`` restores that made the store."""
    store = ox.Store.read_only(str(path))
    trail = ox.Store.read_only(str(trail_path(path)))  # the audit trail's own store, beside
    made = _restores(trail)
    assert len(made) == restores
    per_graph: dict[str, int] = {}
    named: set[ox.Quad] = set()
    for quad in (*store.quads_for_pattern(None, None, None, None),
                 *trail.quads_for_pattern(None, None, None, None)):
        if quad.subject in made:
            continue
        per_graph[str(quad.graph_name)] = per_graph.get(str(quad.graph_name), 0) + 1
        if not any(isinstance(t, ox.BlankNode) for t in (quad.subject, quad.object)):
            named.add(quad)
    return per_graph, named


def test_the_documented_upgrade_by_dump_and_restore_keeps_every_quad(tmp_path: Path) -> None:
    commands = _upgrade_commands()
    assert sum("pip install" in line for line in commands) == 1
    store = open_store(f"oxigraph:{tmp_path / 'var' / 'store'}")
    load_reference(store, ("actors.ttl",))  # the ontology and one curated file: enough
    store.close()
    before = _quads(tmp_path / "var" / "store")

    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    cli = bin_dir / "diplograph"  # the page's .venv/bin/diplograph, this checkout's code
    cli.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c '
                   f'"from graph.cli import app; app()" "$@"\n', encoding="utf-8")
    cli.chmod(cli.stat().st_mode | stat.S_IXUSR)
    script = "set -e\n" + "\n".join(line for line in commands if "pip install" not in line)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    env.pop("DIPLOGRAPH_STORE", None)
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr

    assert (tmp_path / "var" / "store-old").is_dir()
    assert (tmp_path / "var" / "store-old.audit").is_dir()
    assert not (tmp_path / "var" / "store-new.audit").exists()
    assert _quads(tmp_path / "var" / "store", restores=1) == before
    assert before[0]  # the comparison compared something
