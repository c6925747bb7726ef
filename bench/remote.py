"""The Virtuoso rows of ``make bench``: our bulk load into it, then cold and warm REST over it.

Beside the embedded store's rows, the same synthetic file goes into a fresh Virtuoso on
loopback (started as the tests start it, ``tests/support/virtuoso.py``) through
``diplograph load --bulk`` on a ``sparql:`` store, run as its own process so its peak RSS is
its own. Then our app serves that store and eight clients ask a few route families: each
request once (cold: the first for its entity, ``Cache-Control: no-cache``, caches off), then the
same again of a server with its caches on (warm; a remote store's answers are never kept by
the response cache, so warm means the entry caches and views). Virtuoso is stopped and its
directory removed however the run ends.

    .venv/bin/python bench/remote.py [--triples 100000] [--per-route 20] [--no-rest]
    .venv/bin/python bench/remote.py --data 10m.nt --no-rest   # a file made before (10M)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers
from bench.cold import _pct, _verdict, families, once_each, warm_pass
from bench.report import Table, machine

#: Cold REST over Virtuoso at 1M triples (issue 22): p50 and p99 in ms.
COLD_REMOTE = (100.0, 500.0)
#: 10M triples through ``load --bulk`` (issue 22): seconds, and our process's peak RSS in MB.
LOAD_10M_S, LOAD_RSS_MB = 600.0, 2048.0
#: The route families asked over Virtuoso (a subset of bench/cold.py's: each takes seconds).
FAMILIES = ("/claims?claimant", "/claims?topic&since", "/meetings/{id}", "/actors/{id}",
            "/documents/{id}", "/timeline?actor")
#: Seconds a family's cold row may take over Virtuoso.
BUDGET_S = 30.0
#: Seconds per remote request: a 10M load's longest (taking shared inferences out) is long.
REMOTE_TIMEOUT = 1800
TOKEN = "bench-token"
#: Seconds the server may take to build its read model from Virtuoso before the REST rows.
WARM_S = 1200.0
#: The CLI's bulk load, and its peak RSS printed last (what ``/proc/self/status`` says).
LOADER = """
import sys
from pathlib import Path
from graph.cli import app
try:
    app(["load", "--bulk", sys.argv[1], "--store", sys.argv[2]])
finally:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            print("peak-rss-kb", line.split()[1], file=sys.stderr)
"""
#: What the pickers ask: slugs of each kind of entity, as bench/cold.py's ``picks`` does.
KINDS = {
    "claimant": "?c dg:claimant ?x", "addressee": "?c dg:addressee ?x", "actor": "?x a dg:Person",
    "meeting": "?c dg:madeAt ?x", "topic": "?c dg:topic ?x", "bundle": "?c dg:inBundle ?x",
    "document": "?x dg:reportsOn ?m", "attendee": "?m dg:participant ?x",
}
PICK = ("PREFIX dg: <https://w3id.org/diplograph/ontology#>\n"
        "SELECT DISTINCT ?x WHERE {{ {where} }} ORDER BY ?x LIMIT 200")


def size_label(triples: int) -> str:
    return f"{triples / 1_000_000:.0f}M" if triples >= 950_000 else f"{triples / 1000:.0f}k"


def bulk_load(table: Table, setting: str, data: Path, written: int, label: str) -> None:
    """``diplograph load --bulk`` in a process of its own: wall time, speed and peak RSS."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", LOADER, str(data), setting],
                          cwd=servers.ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(servers.ROOT)})
    took = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"load --bulk failed: {done.stderr.strip()[-800:]}")
    rss = next((int(line.split()[1]) / 1024 for line in done.stderr.splitlines()
                if line.startswith("peak-rss-kb")), float("nan"))
    big = written >= 9_500_000
    table.add(f"virtuoso {label}", f"load --bulk of {written:,} triples (hidden graph, SHACL "
              f"sample, shown; {written / took:,.0f} triples/s)", took, "s",
              target=f"<= {LOAD_10M_S:.0f} s" if big else "", met=took <= LOAD_10M_S if big
              else None, miss=f"by {took - LOAD_10M_S:.0f} s")
    table.add(f"virtuoso {label}", "load --bulk: peak RSS of our process (VmHWM)", rss, "MB",
              target=f"<= {LOAD_RSS_MB:.0f} MB", met=rss <= LOAD_RSS_MB,
              miss=f"by {rss - LOAD_RSS_MB:.0f} MB")


def picks(setting: str) -> dict[str, list[str]]:
    """Entities of each kind, from the engine (bench/cold.py reads them from an Oxigraph copy)."""
    import random

    from graph.store import open_store
    from graph.store.remote.client import RemoteStore

    store = open_store(setting)
    assert isinstance(store, RemoteStore)
    try:
        rng = random.Random(7)
        found: dict[str, list[str]] = {}
        for kind, where in KINDS.items():
            slugs = [str(r["x"]).rsplit("/", 1)[1]
                     for r in store.select(PICK.format(where=where))]
            rng.shuffle(slugs)
            found[kind] = slugs
        return found
    finally:
        store.close()


def rest(table: Table, setting: str, label: str, per_route: int) -> None:
    """Cold rows (caches off, each request the first for its entity), then warm rows."""
    fams = {k: v for k, v in families(picks(setting), per_route).items() if k in FAMILIES}
    env = {"DIPLOGRAPH_STORE": setting, "DIPLOGRAPH_TOKEN": TOKEN}
    argv = servers.ours(Path("."), TOKEN)
    for caches in (False, True):
        env["DIPLOGRAPH_CACHES"] = "on" if caches else "off"
        with servers.serving(argv, "/openapi.json", env=env) as (base, _proc):
            warm_s = servers.wait_until_warm(base, timeout=WARM_S)
            table.add(f"virtuoso {label}", f"server warm, caches {env['DIPLOGRAPH_CACHES']} "
                      "(read model, label index, extractor's knowledge base)", warm_s, "s")
            for family, paths in fams.items():
                try:
                    lat = warm_pass(base, paths) if caches else once_each(base, paths,
                                                                          budget=BUDGET_S)
                except Exception as exc:  # one family failing must not stop the others
                    table.failed(f"virtuoso {label}", f"{family}: {type(exc).__name__}: {exc}")
                    continue
                p50, p99 = _pct(lat, 0.5), _pct(lat, 0.99)
                kind = "warm" if caches else "cold"
                target, ok, miss = _verdict(p50, p99, COLD_REMOTE) if not caches \
                    else ("", None, "")
                table.add(f"virtuoso {label}", f"{kind} {family}: p50 / p99 {p99:,.0f} ms "
                          f"({len(lat)} of {len(paths)}, 8 clients)", p50, "ms",
                          target=target, met=ok, miss=miss)


def run(table: Table, work: Path, data: Path, written: int, *, per_route: int = 20,
        with_rest: bool = True) -> None:
    """Every Virtuoso row for the file ``data`` (``written`` triples), in a fresh Virtuoso."""
    from tests.support import virtuoso as vt

    label = size_label(written)
    t0 = time.perf_counter()
    server = vt.start(work / "virtuoso")
    table.add(f"virtuoso {label}", "start (fresh database, loopback)",
              time.perf_counter() - t0, "s")
    try:
        setting = f"{server.store_setting()}|timeout={REMOTE_TIMEOUT}"
        bulk_load(table, setting, data, written, label)
        if with_rest:
            rest(table, setting, label, per_route)
    finally:
        server.stop()
        shutil.rmtree(work / "virtuoso", ignore_errors=True)


def main() -> None:
    from bench.generate import generate
    from bench.run import workdir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-route", type=int, default=20)
    parser.add_argument("--no-rest", action="store_true", help="The load rows only.")
    parser.add_argument("--data", type=Path, help="An N-Triples file made before (bench/"
                        "generate.py), loaded instead of generating --triples")
    args = parser.parse_args()
    started = time.perf_counter()
    work = workdir()
    table = Table()
    written = 0
    try:
        data = args.data or work / "bench.nt"
        if args.data:  # one triple a line, as bench/generate.py writes them
            with args.data.open("rb") as lines:
                written = sum(1 for line in lines if line.strip() and not line.startswith(b"#"))
        else:
            written = generate(args.triples, args.seed, data)
        run(table, work, data, written, per_route=args.per_route, with_rest=not args.no_rest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        print(table.markdown(machine(), written, time.perf_counter() - started))


if __name__ == "__main__":
    main()
