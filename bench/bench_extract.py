"""Extraction speed: five-kilobyte documents per second on one core.

The documents are cut from the corpus on paragraph boundaries to about 5 KB each (English and
Korean text alike; with ``--zh``, from the Chinese readouts of tests/fixtures/readouts-zh); the
extractor is built once, as a server would, and every document is read from scratch. The target
is at least 50 documents per second.

    .venv/bin/python bench/bench_extract.py [--seconds 10] [--zh]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.extract.kb import bundled_kb
from graph.extract.pipeline import DocumentMeta, Extractor
from graph.paths import SOURCES_DIR

SIZE = 5000
TARGET = 50.0
CHINESE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "readouts-zh"


def documents(size: int = SIZE) -> list[str]:
    """The corpus cut into documents of about ``size`` bytes, on paragraph boundaries."""
    docs: list[str] = []
    for path in sorted(SOURCES_DIR.glob("*.txt")):
        current = ""
        for para in path.read_text(encoding="utf-8").split("\n"):
            current += para + "\n"
            if len(current.encode("utf-8")) >= size:
                docs.append(current)
                current = ""
        if len(current.encode("utf-8")) > size // 2:
            docs.append(current)
    return docs


def chinese_documents(size: int = SIZE) -> list[str]:
    """The Chinese readouts (about 1 KB each) run together into documents of about ``size``
    bytes, on paragraph boundaries, going round the set twice."""
    docs: list[str] = []
    current = ""
    for path in sorted(CHINESE.glob("*.txt")) * 2:
        for para in path.read_text(encoding="utf-8").split("\n"):
            current += para + "\n"
            if len(current.encode("utf-8")) >= size:
                docs.append(current)
                current = ""
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="How long to measure.")
    parser.add_argument("--zh", action="store_true", help="Chinese readouts instead.")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    extractor = Extractor(bundled_kb())
    docs = chinese_documents() if args.zh else documents()
    meta = DocumentMeta(date=dt.date(2024, 4, 24))
    for doc in docs:  # warm up: pipelines, matchers and caches
        extractor.extract(doc, meta)
    n = claims = size = 0
    start, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < args.seconds:
        for doc in docs:
            claims += len(extractor.extract(doc, meta).claims)
            size += len(doc.encode("utf-8"))
            n += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    # CPU time is what one core spent on us; wall time also counts other processes' turns.
    rate = n / cpu
    print(
        f"{n} documents ({size / n / 1000:.1f} KB on average, {claims / n:.1f} claims each) "
        f"in {cpu:.1f} s of CPU on one core ({elapsed:.1f} s wall): {rate:.1f} documents/second "
        f"({n / elapsed:.1f} by the wall clock); "
        f"{'meets' if rate >= TARGET else 'BELOW'} the target of {TARGET:.0f}"
    )


if __name__ == "__main__":
    main()
