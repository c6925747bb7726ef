"""The write path at scale: ingest of one ~5 KB readout into a large store, step by step.

    .venv/bin/python bench/write_path.py --triples 1000000 [--full-check estimate|run]

Generates a synthetic store (``bench/generate.py``) in a temporary directory, bulk loads it
(``graph.write.bulk``), then ingests readouts through ``graph.extract.ingest.ingest``, the
function ``diplograph ingest`` and ``POST /documents`` call, and prints the total and its
parts: a first ingest after warming (the extractor's knowledge base read as a server does at
start), five more (the median of them is what a running server pays per document), a delete
and one more (after a write that is not an ingest, the knowledge base is read again). Beside
it, full-graph pyshacl (``graph.write.files.check``, what every write did before): ``estimate``
scales one replica's time linearly (seconds), ``run`` runs it on the whole store (about 40
minutes at 1M triples).

``measure(store, text)`` is the same measurement on a store the caller has built, for
``bench/suites.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_extract import documents
from bench.generate import curated_graph, generate
from graph._perf import freeze_heap
from graph.extract.ingest import delete_document, ingest
from graph.extract.kb_cache import warm
from graph.extract.pipeline import DocumentMeta
from graph.shacl.validate import load_ontology, validate
from graph.store import GraphStore, open_store
from graph.write.bulk import bulk_load
from graph.write.files import check

#: The date given to the benchmark's readouts (one the replicas' posts cover).
READOUT_DATE = dt.date(2024, 4, 24)
#: Ingests whose median is the steady-state figure: one ingest varies by a third from run to
#: run on a shared 2-core machine (a collection, another process), the median much less.
STEADY_RUNS = 5


def readouts(size: int = 5000, count: int = 2) -> list[str]:
    """``count`` different corpus cuts closest to ``size`` bytes (none is stored as a whole)."""
    docs = sorted(documents(), key=lambda d: abs(len(d.encode()) - size))
    return docs[:count]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _ingest(store: GraphStore, text: str) -> dict[str, Any]:
    """One ingest through the production function: total and parts, in milliseconds."""
    started = time.perf_counter()
    done = ingest(store, text, DocumentMeta(date=READOUT_DATE))
    total = time.perf_counter() - started
    parts = {step: _ms(took) for step, took in done.timings.items()}
    return {"slug": done.extraction.slug, "bytes": len(text.encode()), "triples": done.triples,
            "claims": len(done.extraction.claims), "total_ms": _ms(total), "parts_ms": parts}


def full_check_estimate() -> dict[str, Any]:
    """Full-graph pyshacl on one replica (the curated graph's size), to be scaled."""
    one = curated_graph()
    started = time.perf_counter()
    validate(one, load_ontology())
    return {"triples": len(one), "seconds": time.perf_counter() - started}


def measure(store: GraphStore | str | Path, text: str | Path | None = None, *,
            full_check: str = "none") -> dict[str, Any]:
    """Ingest a readout into ``store`` and time every step, then what follows.

    The store is warmed first (knowledge base and extractor, as a server does at start); after
    a first ingest, the median of ``STEADY_RUNS`` more, each a different readout, is what a
    running server pays per document (the kept knowledge base extended); a delete, then one
    more ingest, what it pays after a write that is not an ingest (the knowledge base read
    again).

    ``store`` is an open store or the path of an Oxigraph store; ``text`` the readout or its
    path (default: a ~5 KB cut of the corpus). The store is written to. ``full_check``:
    ``none``, ``estimate`` (one replica's full pyshacl time scaled to the store) or ``run``.
    """
    db = open_store(f"oxigraph:{store}") if isinstance(store, str | Path) else store
    first, *steady, third = readouts(count=2 + STEADY_RUNS)
    if isinstance(text, Path) or (isinstance(text, str) and Path(text).is_file()):
        first = Path(text).read_text(encoding="utf-8")
    elif text is not None:
        first = text
    triples = db.quad_count()
    started = time.perf_counter()
    warm(db)  # what a server does at start (DIPLOGRAPH_WARM_CACHES),
    freeze_heap()  # then the heap out of the collector's reach (api.app.start_warming)
    result: dict[str, Any] = {"store_quads": triples,
                              "knowledge_base_first_read_ms": _ms(time.perf_counter() - started)}
    done = _ingest(db, first)
    result["ingest"] = done
    runs = sorted((_ingest(db, text) for text in steady), key=lambda run: run["total_ms"])
    result["ingest_after_an_ingest"] = {**runs[len(runs) // 2], "runs": len(runs),
                                        "range_ms": (runs[0]["total_ms"], runs[-1]["total_ms"])}
    started = time.perf_counter()
    delete_document(db, done["slug"])
    result["delete_ms"] = _ms(time.perf_counter() - started)
    result["ingest_after_a_delete"] = _ingest(db, third)
    if full_check == "estimate":
        one = full_check_estimate()
        result["full_pyshacl_estimate_ms"] = _ms(one["seconds"] * triples / one["triples"])
    elif full_check == "run":
        started = time.perf_counter()
        check(db, {})
        result["full_pyshacl_ms"] = _ms(time.perf_counter() - started)
    if isinstance(store, str | Path):
        db.close()
    return result


def _report(result: dict[str, Any]) -> str:
    lines = [f"store: {result['store_quads']:,} quads",
             f"warming: knowledge base and extractor, once per process: "
             f"{result['knowledge_base_first_read_ms']:,.1f} ms"]
    for key in ("ingest", "ingest_after_an_ingest", "ingest_after_a_delete"):
        run = result[key]
        spread = (f" (median of {run['runs']}, {run['range_ms'][0]:,.0f} to "
                  f"{run['range_ms'][1]:,.0f} ms)" if "runs" in run else "")  # fmt: skip
        lines.append(f"{key.replace('_', ' ')}: {run['bytes']:,} bytes, {run['claims']} claims, "
                     f"{run['triples']} triples: total {run['total_ms']:,.1f} ms{spread}")
        lines += [f"    {step}: {ms:,.1f} ms" for step, ms in run["parts_ms"].items()]
    for key in ("delete_ms", "full_pyshacl_estimate_ms", "full_pyshacl_ms"):
        if key in result:
            lines.append(f"{key.replace('_', ' ')}: {result[key]:,.0f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--readout", type=Path, help="a readout to ingest (default: a corpus cut)")
    parser.add_argument("--full-check", choices=["none", "estimate", "run"], default="estimate")
    parser.add_argument("--workdir", type=Path, help="where the store goes (default: a temp dir)")
    args = parser.parse_args()
    shm = Path("/dev/shm")
    work = Path(tempfile.mkdtemp(prefix="write-path-", dir=args.workdir or
                                 (shm if shm.is_dir() else None)))
    try:
        data = work / "bench.nt"
        started = time.perf_counter()
        written = generate(args.triples, args.seed, data)
        print(f"generated {written:,} triples in {time.perf_counter() - started:.1f} s", flush=True)
        store = open_store(f"oxigraph:{work / 'store'}")
        started = time.perf_counter()
        bulk_load(store, data)
        print(f"bulk loaded in {time.perf_counter() - started:.1f} s", flush=True)
        print(_report(measure(store, args.readout, full_check=args.full_check)))
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
