"""Figures for "Beyond one machine" (issue 7 §3): the same app over Virtuoso on loopback.

The README's scaling story is "the same app over a bigger SPARQL engine", so it needs figures
from the external-engine backend (``sparql:URL``) at the benchmark's size: how long a
deployment takes to load the synthetic graph into Virtuoso the fast supported way (its bulk
loader through isql, not SPARQL INSERTs over HTTP), how long our inference rebuild takes there,
and the REST latencies of ``bench.suites.rest`` (8 clients) when every answer comes from
Virtuoso. Virtuoso is started in a temporary directory by ``tests/virtuoso.py``, exactly as the
tests start it, and stopped (its directory removed) however the run ends.

    .venv/bin/python bench/virtuoso.py [--triples 1000000] [--seconds 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from bench import servers, suites
from bench.generate import generate
from bench.report import Table, machine
from bench.run import workdir
from graph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
from graph.paths import ONTOLOGY_DIR
from graph.store import open_store
from graph.write.files import graph_name_for, load

# tests/support/virtuoso.py starts and stops a loopback Virtuoso; imported by its package path,
# since this file is also named virtuoso.py and ``import virtuoso`` would find it first.
from tests.support import virtuoso as vt

RESULTS = Path(__file__).resolve().parent / "results"
#: Seconds per remote request: the inference rebuild at 1M triples is one long update.
REMOTE_TIMEOUT = 900
#: Readiness probe that touches no store: /health counts every quad and /sparql lists the
#: graphs first, each several seconds at 1M triples on Virtuoso, longer than servers._wait
#: waits (2 s), so its retries would pile up unanswered queries on the engine.
READY = "/openapi.json"
T = TypeVar("T")


def timed(table: Table, step: str, measure: str, run: Callable[[], T]) -> T:
    """Run ``run()``, add its wall time in seconds to the table, return its result."""
    t0 = time.perf_counter()
    result = run()
    table.add(step, measure, time.perf_counter() - t0, "s")
    return result


def engine_version() -> str:
    """``virtuoso-t``'s own version line, for the machine description."""
    out = subprocess.run([vt.binaries()[0], "-?"], capture_output=True, text=True, check=False)
    lines = (out.stdout + out.stderr).splitlines()
    return next((line.strip() for line in lines if line.startswith("Version")), "unknown")


def bulk_load(server: vt.Virtuoso, data: Path, graph: str) -> None:
    """Virtuoso's own bulk loader (``ld_dir`` + ``rdf_loader_run``) into our file graph.

    This is what Virtuoso documents for large files: the server reads the file itself (it
    must sit under ``DirsAllowed``, which tests/virtuoso.py sets to its working directory)
    with transaction logging off. ``rdf_loader_run`` does not fail on a bad file, so the load
    list's ``ll_error`` is checked afterwards. tests/virtuoso.py gives isql 60 s: 1M triples
    take about 15 s here, so a file several times larger needs a longer limit there.
    """
    server.isql(f"ld_dir('{data.parent}', '{data.name}', '{graph}')")
    server.isql("rdf_loader_run()")
    errors = server.isql("SELECT ll_file, ll_error FROM DB.DBA.load_list "
                         "WHERE ll_error IS NOT NULL")
    if "0 Rows" not in errors:
        raise RuntimeError(f"Virtuoso's bulk loader reported errors:\n{errors}")


def check_answers(base: str) -> None:
    """The two REST routes answer 200 with data, so the latencies are of real answers."""
    with httpx.Client(base_url=base, timeout=300) as client:
        claims = client.get("/claims?claimant=wang-yi-r1")
        claims.raise_for_status()
        if not claims.json()["items"]:
            raise RuntimeError("/claims?claimant=wang-yi-r1 answered no claims")
        actor = client.get("/actors/wang-yi-r1")
        actor.raise_for_status()
        if actor.json().get("id") != "wang-yi-r1":
            raise RuntimeError(f"/actors/wang-yi-r1 answered {actor.text[:200]}")
        if "etag" in claims.headers:
            raise RuntimeError("a remote store's answer was cached: the figures would lie")


def percentile(found: list[float], q: float) -> float:
    """The q-quantile in ms, picked as bench.suites.rest picks it."""
    lat = sorted(found)
    return lat[min(len(lat) - 1, int(len(lat) * q))] * 1000


def eight_clients(base: str, paths: list[str], seconds: float) -> tuple[list[float], int]:
    """``suites._latencies`` with 8 clients, and how many of them gave up on a request.

    Its clients give up after 30 s and the error ends that client's thread; counting those
    through ``threading.excepthook`` keeps a slow engine's figures honest (a p50 of the few
    requests that finished would hide the ones that never did) without copying the function.
    """
    failed: list[BaseException | None] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: failed.append(args.exc_value)
    try:
        return suites._latencies(base, paths, 8, seconds), len(failed)
    finally:
        threading.excepthook = previous


def rest(table: Table, base: str, seconds: float) -> None:
    """``bench.suites.rest``'s paths and 8 clients, once: no ``no-cache`` run.

    Its second run (``Cache-Control: no-cache``) measures bypassing the response cache, which
    never holds a remote store's answers, so here it would only repeat the first. The
    single-client pass (suites.rest's warm-up) is timed too: under 8 clients on 2 cores a
    request waits for the others, alone it shows what one answer costs.
    """
    for label, paths in suites.REST_CASES.items():
        alone: list[float] = []
        with httpx.Client(base_url=base, timeout=600) as client:
            for path in paths:
                t0 = time.perf_counter()
                client.get(path).raise_for_status()
                alone.append(time.perf_counter() - t0)
        table.add("rest", f"{label} p50, 1 client ({len(alone)} requests)",
                  percentile(alone, 0.5), "ms")
        lat, gave_up = eight_clients(base, paths, seconds * 2)
        if gave_up:
            table.failed("rest", f"{label}, 8 clients: {gave_up} of 8 clients gave up on a "
                         f"request after 30 s (bench.suites' client timeout)")
        for q, target in ((0.5, 10), (0.99, 50)) if lat else ():
            ms = percentile(lat, q)
            table.add("rest", f"{label} p{q * 100:.0f}, 8 clients ({len(lat)} requests)", ms,
                      "ms", target=f"<= {target} ms", met=ms <= target,
                      miss=f"by {ms - target:.0f} ms")


def run(args: argparse.Namespace, work: Path, table: Table) -> int:
    server = timed(table, "virtuoso", "start (fresh database, loopback)",
                   lambda: vt.start(work / "virtuoso"))
    try:
        data = server.workdir / "data" / "bench.nt"  # under DirsAllowed
        written = timed(table, "generate", "synthetic N-Triples file",
                        lambda: generate(args.triples, args.seed, data))
        setting = f"{server.store_setting()}|timeout={REMOTE_TIMEOUT}"
        store = open_store(setting)
        try:
            ontology = sorted(ONTOLOGY_DIR.glob("*.ttl"))
            timed(table, "load", "ontology through our loader (SHACL, SPARQL Update)",
                  lambda: load(store, ontology))
            graph = graph_name_for(data)
            timed(table, "load", f"{written:,} triples, Virtuoso bulk loader (ld_dir)",
                  lambda: bulk_load(server, data, graph))
            timed(table, "load", "checkpoint (to disk)", lambda: server.isql("checkpoint"))
            # As graph.write.bulk does: an update through the store re-infers in one request.
            timed(table, "load", "inference rebuild (our SPARQL Update, whole graph)",
                  lambda: store.update(f"CLEAR SILENT GRAPH <{INFERRED_GRAPH}>"))
            names = timed(table, "query", "graph_names(): the scoping scan before each query",
                          store.graph_names)
            if not {ONTOLOGY_GRAPH, graph} <= set(names):
                raise RuntimeError(f"graphs missing from {names}")
            table.add("load", "triples in the file's graph", store.quad_count(graph), "triples")
            table.add("load", "inferred triples", store.quad_count(INFERRED_GRAPH), "triples")
        finally:
            store.close()
        env = {"DIPLOGRAPH_STORE": setting, "DIPLOGRAPH_TOKEN": suites.TOKEN}
        with servers.serving(servers.ours(work, suites.TOKEN), READY, env=env) as (base, _):
            check_answers(base)
            rest(table, base, args.seconds)
        return written
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=2.0, help="As bench/run.py.")
    args = parser.parse_args()
    started = time.perf_counter()
    work = workdir()
    table = Table()
    try:
        written = run(args, work, table)
    except BaseException:
        print(table.markdown(machine(), args.triples, time.perf_counter() - started))
        raise  # a failed run prints what it measured but does not replace the results file
    finally:
        shutil.rmtree(work, ignore_errors=True)
    took = time.perf_counter() - started
    text = table.markdown(machine() + f"- Virtuoso: {engine_version()}\n", written, took)
    text = text.replace("# diplograph benchmarks at",
                        "# diplograph over Virtuoso (the sparql: backend) at", 1)
    text += ("\nA remote store is never kept by the response cache (the engine can change "
             "behind the app's back), so every request above reached Virtuoso; "
             "`Cache-Control: no-cache` would change nothing.\n")
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "virtuoso-latest.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
