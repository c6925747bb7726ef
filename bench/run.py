"""The benchmark suite (`make bench`): our stack against the peers, same machine, same run.

Each benchmark measures ours and a baseline in this run, prints its rows, and the whole table
goes to bench/results/latest.md (and a timestamped copy) with the machine's description.
A benchmark that fails is reported as failed; the others still run.

    .venv/bin/python bench/run.py [--triples 1000000] [--rdflib-triples N] [--cold-sizes 100000]
    .venv/bin/python bench/run.py --quick        (100k triples, short rounds: for development)
    .venv/bin/python bench/run.py --only-cold    (the cold, warm and under-writes rows only)
    .venv/bin/python bench/run.py --no-virtuoso  (without the rows over Virtuoso)
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
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import remote, suites
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
    parser.add_argument("--cold-sizes", default="100000",
                        help="More store sizes (comma separated) for the cold rows alone.")
    parser.add_argument("--per-route", type=int, default=50,
                        help="Distinct requests per route family in the cold rows.")
    parser.add_argument("--writes", type=float, default=30.0,
                        help="Seconds of reads under a continuous writer (0: none).")
    parser.add_argument("--only-cold", action="store_true",
                        help="Only the cold, warm and under-writes rows (and the load).")
    parser.add_argument("--no-virtuoso", action="store_true",
                        help="Leave out the Virtuoso rows (bench/remote.py).")
    parser.add_argument("--quick", action="store_true",
                        help="100k triples, 0.5 s rounds, 10 requests per route, 10 s of writes.")
    args = parser.parse_args()
    if args.quick:
        args.triples, args.seconds, args.per_route, args.writes = 100_000, 0.5, 10, 10.0
        args.cold_sizes = ""
    extra = [int(n) for n in args.cold_sizes.split(",") if n.strip() and int(n) != args.triples]
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
            per_route=args.per_route,
            writes_s=args.writes,
        )
        for n in extra:  # the smaller sizes first: their rows read as a growth series
            guarded(table, f"cold {n:,}", partial(suites.cold_at, ctx, n, args.seed))
        guarded(table, "load", lambda: suites.load(ctx))
        if not args.only_cold:
            guarded(table, "servers", lambda: suites.with_servers(ctx, guarded))
        guarded(table, "cold", lambda: suites.cold(ctx))
        if not args.only_cold:
            guarded(table, "write path", lambda: suites.write_path(ctx))
            guarded(table, "extraction", lambda: suites.extraction(ctx))
        if not args.no_virtuoso:  # the same file into Virtuoso: load, cold and warm REST
            guarded(table, "virtuoso", partial(remote.run, table, work, data, written,
                                               per_route=min(args.per_route, 20),
                                               with_rest=written < 2_000_000))
    finally:
        gc.collect()
        shutil.rmtree(work, ignore_errors=True)
    took = time.perf_counter() - started
    text = table.markdown(machine(), written if "written" in locals() else 0, took)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    if args.quick or args.only_cold:  # a partial run: the docs' latest.md stays a whole one
        (RESULTS / f"partial-{stamp}.md").write_text(text, encoding="utf-8")
        return
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / f"{stamp}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
