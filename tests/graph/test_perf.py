"""The performance patches (``graph._perf``) change how fast, never what: with
``DIPLOGRAPH_PERF_PATCHES=0`` every view exports byte for byte the same (a CSV zip: what its
members hold) and every shape fixture validates to the same report. Each setting runs in a
process of its own: the patches and the heap freeze are process-wide."""

from __future__ import annotations

import gc
import json
import os
import platform
import subprocess
import sys
from typing import Any

import pytest

from graph import _perf
from tests.support.paths import PROJECT_ROOT

_RUN = """
import gc, hashlib, io, json, re, zipfile
from pathlib import Path
import pyshacl.shape
from rdflib import Graph
from graph import _perf
from graph.export import FORMATS, export
from graph.write.files import load
from graph.store import open_store
from graph.shacl.validate import format_report, load_ontology, validate
from graph.views.registry import VIEWS, view

def digest(data, fmt):
    if fmt == "csv":  # a zip stamps its members with the time: compare what they hold
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in sorted(archive.namelist()))
    return hashlib.sha256(data).hexdigest()

store = open_store("oxigraph:")
load(store, validate_first=False)
exports = {f"{name}.{fmt}": digest(export(view(store, name), fmt, "d"), fmt)
           for name in VIEWS for fmt in FORMATS}
ontology = load_ontology()
reports = {}
for path in sorted(Path("tests/shapes").glob("*/*.ttl")):
    result = validate(Graph().parse(path, format="turtle"), ontology)
    # parsing names blank nodes anew, in the report (_:x) and in SPARQL messages (n<hex>b<n>)
    text = re.sub(r"_:\\w+|\\bn[0-9a-f]{32}b\\d+\\b", "_:b", format_report(result))
    reports[f"{path.parent.name}/{path.name}"] = [result.conforms, text]
patched = isinstance(pyshacl.shape.CONSTRAINT_PARAMS[0], _perf._Parameters)
frozen = _perf.freeze_heap() and gc.get_freeze_count() > 0
print(json.dumps({"exports": exports, "reports": reports, "patched": patched,
                  "frozen": frozen, "full_every": gc.get_threshold()[2]}))
"""


def _run(setting: str) -> dict[str, Any]:
    env = {**os.environ, _perf.ENV: setting}
    done = subprocess.run([sys.executable, "-c", _RUN], capture_output=True, text=True,
                          timeout=600, cwd=PROJECT_ROOT, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_the_patches_change_nothing_but_speed() -> None:
    on, off = _run("1"), _run("off")
    assert on["patched"] and on["frozen"]
    assert not off["patched"] and not off["frozen"]
    assert (on["full_every"], off["full_every"]) == (_perf.FULL_COLLECTION_EVERY, 10)
    assert len(on["exports"]) == 15 and len(on["reports"]) > 100
    assert any(not conforms for conforms, _text in on["reports"].values())
    assert on["exports"] == off["exports"]
    assert on["reports"] == off["reports"]


def test_the_switch_reads_zero_and_off(monkeypatch: Any) -> None:
    for value, expected in (("0", False), ("off", False), ("OFF", False), ("1", True),
                            ("on", True)):
        monkeypatch.setenv(_perf.ENV, value)
        assert _perf.enabled() is expected
    monkeypatch.delenv(_perf.ENV)
    assert _perf.enabled()


def test_a_list_keeps_only_the_patches_it_names(monkeypatch: Any) -> None:
    monkeypatch.setenv(_perf.ENV, "paused_gc, networkx")
    assert [p for p in _perf.PATCHES if _perf.enabled(p)] == ["paused_gc", "networkx"]
    assert _perf.enabled()
    gc.enable()
    with _perf.paused_gc():
        assert not gc.isenabled()
    assert _perf.freeze_heap() is False  # freeze_heap is not in the list: nothing frozen
    assert _perf.cap_malloc_arenas() is False  # nor malloc_arenas
    monkeypatch.setenv(_perf.ENV, "malloc_arenas")
    assert _perf.cap_malloc_arenas() is (platform.libc_ver()[0] == "glibc")
    monkeypatch.setenv(_perf.ENV, "pyshacl,typo")
    with pytest.raises(ValueError, match="typo"):
        _perf.enabled("pyshacl")


def test_a_patch_for_another_library_version_is_skipped_with_a_warning(
    caplog: Any,
) -> None:
    assert _perf._written_for("pyshacl", "0.40.1", _perf.PYSHACL_VERSION)
    assert not caplog.records
    assert not _perf._written_for("pyshacl", "0.41.0", _perf.PYSHACL_VERSION)
    assert "pyshacl 0.41.0" in caplog.text and "skipped" in caplog.text
