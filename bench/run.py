"""The benchmark suite (`make bench`): our stack against the peers, same machine, same run.

Each benchmark measures ours and a baseline in this run, prints its rows, and the whole table
goes to bench/results/latest.md (and a timestamped copy) with the machine's description.
A benchmark that fails is reported as failed; the others still run.

    .venv/bin/python bench/run.py [--triples 1000000] [--rdflib-triples N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import suites
from bench.generate import generate
from bench.report import Table, machine

RESULTS = Path(__file__).resolve().parent / "results"


def workdir() -> Path:
    """Stores live in RAM when /dev/shm exists, so disk noise does not swing the ratios."""
    shm = Path("/dev/shm")
    return Path(tempfile.mkdtemp(prefix="diplograph-bench-", dir=shm if shm.is_dir() else None))


def guarded(table: Table, name: str, run: Callable[[], None]) -> None:
    print(f"== {name}", flush=True)
    started = time.perf_counter()
    try:
        run()
    except Exception as exc:  # one failure must not stop the run
        traceback.print_exc()
        table.failed(name, f"{type(exc).__name__}: {exc}")
    print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument(
        "--rdflib-triples",
        type=int,
        default=0,
        help="Size served by rdflib-endpoint (default: the same data as ours; it loads in "
        "about a minute per million triples).",
    )
    parser.add_argument("--seconds", type=float, default=2.0, help="Per query and target.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    work = workdir()
    table = Table()
    try:
        data = work / "bench.nt"
        t0 = time.perf_counter()
        written = generate(args.triples, args.seed, data)
        table.add("generate", f"{written:,} triples (N-Triples)", time.perf_counter() - t0, "s")
        small, small_n = data, written
        if 0 < args.rdflib_triples < args.triples:
            small = work / "bench-small.nt"
            small_n = generate(args.rdflib_triples, args.seed, small)
        ctx = suites.Context(
            work=work,
            data=data,
            small=small,
            small_triples=small_n,
            triples=written,
            seconds=args.seconds,
            table=table,
        )
        guarded(table, "load", lambda: suites.load(ctx))
        guarded(table, "servers", lambda: suites.with_servers(ctx, guarded))
        guarded(table, "write path", lambda: suites.write_path(ctx))
        guarded(table, "extraction", lambda: suites.extraction(ctx))
    finally:
        gc.collect()
        shutil.rmtree(work, ignore_errors=True)
    took = time.perf_counter() - started
    text = table.markdown(machine(), written if "written" in locals() else 0, took)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"{stamp}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
