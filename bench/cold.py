"""The cold path: the first request for each entity, every REST route family, caches off.

A user browsing asks for new things, so the figure that matters is the first answer for an
entity, not a repeat from the response cache. For every route family the bench picks at least
``PER_ROUTE`` distinct entities or filter combinations from the store itself (a fixed seed), and
eight clients ask for each once from a server started with ``DIPLOGRAPH_CACHES=off`` (no response
cache, no entry caches; each request is computed as a first one is). The warm rows ask the same
requests again of a server with its caches on, after one pass that fills them. The floor beside
each row is the same answer's rows read by the shortest pyoxigraph code, in this process, on a
read-only copy of the store: what the engine alone needs, so the table says how far the API is
from it. Reads under writes: six readers asking first requests while one writer ingests readouts
continuously (``POST /documents``, then ``DELETE`` so the next round can post it again).

    .venv/bin/python bench/cold.py --store DIR   (a store built by bench/run.py or diplograph load)
"""

from __future__ import annotations

import argparse
import json
import queue
import random
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import pyoxigraph as ox

from bench import servers
from bench.client import BenchClient, timed_clients
from bench.report import Table

#: Distinct requests per route family (the issue asks for at least 50).
PER_ROUTE = 50
#: Concurrent clients of the cold and warm rows.
CLIENTS = 8
#: Longest a family's cold row may take: the requests not yet sent by then are left out and the
#: row says how many were made (a route taking seconds per request must not stall the run).
BUDGET_S = 45.0
#: Targets at 1M triples (p50, p99 in ms): cold, cold lists with several filters, warm.
COLD, COLD_MULTI, WARM = (20.0, 100.0), (50.0, 100.0), (5.0, 25.0)
#: The cold target at 10M triples: p50 only.
COLD_10M: tuple[float | None, float | None] = (50.0, None)
UNDER_WRITES = (None, 150.0)
WRITER_MS = 300.0
TOKEN = "bench-token"
DG = "https://w3id.org/diplograph/ontology#"
ID = "https://w3id.org/diplograph/id/"
PREFIXES = f"PREFIX dg: <{DG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


# ------------------------------------------------------------------ what to ask


def _slugs(store: ox.Store, where: str, limit: int = 5000) -> list[str]:
    """Slugs (the IRIs' last segment) of ``?x`` matching ``where``, in IRI order."""
    query = f"{PREFIXES}SELECT DISTINCT ?x WHERE {{ {where} }} ORDER BY ?x LIMIT {limit}"
    rows = store.query(query, use_default_graph_as_union=True)
    return [row[0].value.rsplit("/", 1)[1] for row in rows]  # type: ignore[union-attr]  # a SELECT


def picks(store: ox.Store, seed: int = 7) -> dict[str, list[str]]:
    """Entities of each kind, shuffled with ``seed``: the first ``PER_ROUTE`` of each are asked."""
    kinds = {
        "claimant": "?c dg:claimant ?x",
        "addressee": "?c dg:addressee ?x",
        "actor": "?x a dg:Person",
        "meeting": "?c dg:madeAt ?x",
        "topic": "?c dg:topic ?x",
        "bundle": "?c dg:inBundle ?x",
        "document": "?x dg:reportsOn ?m",
        "attendee": "?m dg:participant ?x",
    }
    rng = random.Random(seed)
    found = {}
    for kind, where in kinds.items():
        slugs = _slugs(store, where)
        rng.shuffle(slugs)
        found[kind] = slugs
    return found


def _cycle(items: list[str], n: int) -> list[str]:
    return [items[i % len(items)] for i in range(n)] if items else []


def _q(path: str, **params: object) -> str:
    return f"{path}?{urlencode({k: v for k, v in params.items() if v is not None})}"


#: Dates the date filters take (the curated graph spans 2021 to 2025).
DATES = [f"{y}-{m:02d}-01" for y in (2021, 2022, 2023, 2024) for m in range(1, 13)]
TYPES = ["commitment", "demand", "red_line", "consensus"]
WORDS = ["taiwan", "sanctions", "climate", "trade", "fentanyl", "military", "export",
         "human rights", "dialogue", "security", "cooperation", "tariffs",
         "south china sea"]  # fmt: skip


def families(p: dict[str, list[str]], n: int = PER_ROUTE) -> dict[str, list[str]]:
    """Route family -> ``n`` distinct request paths (filter combinations cycle their values)."""
    rng = random.Random(11)
    claimants, topics = p["claimant"][:n], p["topic"]
    pairs = [(claimants[i % len(claimants)], topics[i % len(topics)]) for i in range(n)]
    out = {
        "/claims?claimant": [_q("/claims", claimant=s, limit=50) for s in claimants],
        "/claims?addressee": [_q("/claims", addressee=s, limit=50) for s in p["addressee"][:n]],
        "/claims?meeting": [_q("/claims", meeting=s, limit=50) for s in p["meeting"][:n]],
        "/claims?reported_by (document)": [
            _q("/claims", reported_by=s, limit=50) for s in p["document"][:n]
        ],
        "/claims?topic&since": [
            _q("/claims", topic=topics[i % len(topics)], since=DATES[i % len(DATES)], limit=20)
            for i in range(n)
        ],
        "/claims?type&since": [
            _q("/claims", type=TYPES[i % len(TYPES)], since=DATES[(i * 7) % len(DATES)], limit=20)
            for i in range(n)
        ],
        "/claims?q": [
            _q("/claims", q=WORDS[i % len(WORDS)], since=DATES[i % len(DATES)], limit=20)
            for i in range(n)
        ],
        "/claims?claimant&topic&since (several filters)": [
            _q("/claims", claimant=c, topic=t, since=rng.choice(DATES[:24]), limit=20)
            for c, t in pairs
        ],
        "/meetings?participant": [
            _q("/meetings", participant=s, limit=20) for s in p["attendee"][:n]
        ],
        "/meetings/{id}": [f"/meetings/{s}" for s in p["meeting"][:n]],
        "/actors?q": [_q("/actors", q=s.replace("-", " "), limit=20) for s in p["actor"][:n]],
        "/actors/{id}": [f"/actors/{s}" for s in p["actor"][:n]],
        "/topics/{id}": [
            _q(f"/topics/{t}", limit=20, offset=20 * (i // max(1, len(topics))))
            for i, t in enumerate(_cycle(topics, n))
        ],
        "/bundles/{id}": [f"/bundles/{s}" for s in p["bundle"][:n]],
        "/documents": [_q("/documents", limit=10, offset=10 * i) for i in range(n)],
        "/documents/{id}": [f"/documents/{s}" for s in p["document"][:n]],
        "/timeline?actor": [_q("/timeline", actor=s, limit=50) for s in claimants],
        "/search?q": [_q("/search", q=s.replace("-", " "), limit=20) for s in p["actor"][:n]],
        "/graph/actors/neighbors": [
            _q(f"/graph/actors/neighbors/actor/{s}", depth=2) for s in p["attendee"][:n]
        ],
        "/graph/actors/path": [
            _q("/graph/actors/path", source=f"actor/{a}", target=f"actor/{b}")
            for a, b in zip(p["attendee"][:n], reversed(p["attendee"][:n]), strict=True)
        ],
    }
    return out


# ------------------------------------------------------------------ floors


@dataclass(frozen=True)
class Floor:
    """The rows an answer is made of, by one pyoxigraph query with the entity's IRI in it."""

    kind: str
    query: str


#: Per family: the entity kind of the path's value and the query reading what the answer shows.
FLOORS = {
    "/claims?claimant": Floor("actor", "SELECT ?c ?p ?o WHERE { ?c dg:claimant <@> . ?c ?p ?o }"),
    "/claims?addressee": Floor("actor", "SELECT ?c ?p ?o WHERE { ?c dg:addressee <@> . ?c ?p ?o }"),
    "/claims?meeting": Floor("meeting", "SELECT ?c ?p ?o WHERE { ?c dg:madeAt <@> . ?c ?p ?o }"),
    "/claims?reported_by (document)": Floor(
        "document", "SELECT ?c ?p ?o WHERE { ?c dg:reportedBy <@> . ?c ?p ?o }"
    ),
    "/meetings/{id}": Floor(
        "meeting", "SELECT ?s ?p ?o WHERE { { <@> ?p ?o BIND(<@> AS ?s) } UNION "
        "{ ?s dg:madeAt <@> . ?s ?p ?o } }",
    ),
    "/actors/{id}": Floor(
        "actor", "SELECT ?p ?o ?l WHERE { <@> ?p ?o OPTIONAL { ?o rdfs:label ?l } }"
    ),
    "/bundles/{id}": Floor("bundle", "SELECT ?c ?p ?o WHERE { ?c dg:inBundle <@> . ?c ?p ?o }"),
    "/documents/{id}": Floor("document", "SELECT ?p ?o WHERE { <@> ?p ?o }"),
    "/timeline?actor": Floor("actor", "SELECT ?c ?d WHERE { ?c dg:claimant <@> ; dg:date ?d }"),
}  # fmt: skip


def _entity(path: str) -> str | None:
    """The slug a family's path names (its first slug value, or the id segment)."""
    if "?" in path:
        first = path.split("?", 1)[1].split("&", 1)[0]
        return first.split("=", 1)[1]
    return path.rsplit("/", 1)[1]


def floor_ms(store: ox.Store, family: str, paths: list[str]) -> float | None:
    """Median time of the family's floor query over the same entities, sequentially."""
    floor = FLOORS.get(family)
    if floor is None or not paths:
        return None
    took = []
    for path in paths:
        slug = _entity(path)
        iri = f"{ID}{floor.kind}/{slug}"
        text = PREFIXES + floor.query.replace("@", iri)
        t0 = time.perf_counter()
        for row in store.query(text, use_default_graph_as_union=True):  # type: ignore[union-attr]  # a SELECT
            [t.value if t is not None else None for t in row]
        took.append(time.perf_counter() - t0)
    return statistics.median(took) * 1000


# ------------------------------------------------------------------ measuring


def _pct(lat: list[float], q: float) -> float:
    lat = sorted(lat)
    return lat[min(len(lat) - 1, int(len(lat) * q))] * 1000 if lat else float("nan")


def once_each(base: str, paths: list[str], clients: int = CLIENTS,
              budget: float = BUDGET_S) -> list[float]:  # fmt: skip
    """Each path asked once, by ``clients`` clients taking the next from a shared queue."""
    todo: queue.Queue[str] = queue.Queue()
    for p in paths:
        todo.put(p)
    deadline = time.perf_counter() + budget

    def draining(_k: int) -> Iterator[str]:
        while time.perf_counter() < deadline:
            try:
                yield todo.get_nowait()
            except queue.Empty:
                return

    return timed_clients(base, clients, draining, {"Cache-Control": "no-cache"}, timeout=120)


def warm_pass(base: str, paths: list[str]) -> list[float]:
    """The same paths asked again of a server with its caches on (a first pass fills them)."""
    with BenchClient(base, timeout=120) as client:
        for p in paths:
            client.get(p)
    return timed_clients(base, CLIENTS, lambda k: paths[k::CLIENTS], timeout=120)


def _verdict(p50: float, p99: float,
             goal: tuple[float | None, float | None]) -> tuple[str, bool, str]:
    """The target text, whether it is met, and by how much it is missed (a None: no target)."""
    parts, miss = [], []
    for name, value, limit in (("p50", p50, goal[0]), ("p99", p99, goal[1])):
        if limit is not None:
            parts.append(f"{name} <= {limit:.0f}")
            if value > limit:
                miss.append(f"{name} by {value / limit:.1f}x")
    return ", ".join(parts) + " ms", not miss, ", ".join(miss)


def cold_rows(table: Table, base: str, store: ox.Store, fams: dict[str, list[str]],
              size: str = "", at_10m: bool = False) -> None:  # fmt: skip
    """A cold row per family (``base``: a server with its caches off), the floor beside it;
    ``at_10m``: held to the 10M target rather than the 1M ones."""
    for family, paths in fams.items():
        try:
            lat = once_each(base, paths)
        except Exception as exc:  # one family failing must not stop the others
            table.failed(f"cold{size}", f"{family}: {type(exc).__name__}: {exc}")
            continue
        p50, p99 = _pct(lat, 0.5), _pct(lat, 0.99)
        floor = floor_ms(store, family, paths[: len(lat)])
        goal = COLD_10M if at_10m else COLD_MULTI if "several" in family else COLD
        target, ok, miss = _verdict(p50, p99, goal)
        table.add(f"cold{size}", f"{family}: p50 / p99 {p99:,.0f} ms ({len(lat)} of {len(paths)} "
                  f"distinct, {CLIENTS} clients, caches off)", p50, "ms",
                  baseline=("pyoxigraph floor, p50", floor) if floor is not None else None,
                  ratio=p50 / floor if floor else None, target=target, met=ok,
                  miss=miss)  # fmt: skip


def warm_rows(table: Table, base: str, fams: dict[str, list[str]], size: str = "") -> None:
    """A warm row per family (``base``: a server with its caches on)."""
    for family, paths in fams.items():
        try:
            lat = warm_pass(base, paths)
        except Exception as exc:
            table.failed(f"warm{size}", f"{family}: {type(exc).__name__}: {exc}")
            continue
        p50, p99 = _pct(lat, 0.5), _pct(lat, 0.99)
        target, ok, miss = _verdict(p50, p99, WARM)
        table.add(f"warm{size}", f"{family}: p50 / p99 {p99:,.1f} ms (the same again, caches "
                  "on)", p50, "ms", target=target, met=ok, miss=miss)  # fmt: skip


def under_writes(table: Table, base: str, paths: list[str], seconds: float = 30.0,
                 size: str = "") -> None:  # fmt: skip
    """Six readers asking first requests (``paths`` in turn) while one writer ingests."""
    from bench.write_path import READOUT_DATE, readouts

    texts = readouts(count=6)
    stop = threading.Event()
    reads: list[float] = []
    writes: list[float] = []
    lock = threading.Lock()

    def reader(k: int) -> None:
        with BenchClient(base, timeout=120) as client:
            i = k
            while not stop.is_set():
                t0 = time.perf_counter()
                client.get(paths[i % len(paths)])
                with lock:
                    reads.append(time.perf_counter() - t0)
                i += 6

    def writer() -> None:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=base, headers=auth, timeout=120) as client:
            i = 0
            while not stop.is_set():
                text = texts[i % len(texts)]
                t0 = time.perf_counter()
                r = client.post("/documents", json={"text": text, "date": str(READOUT_DATE)})
                if r.status_code == 201:
                    writes.append(time.perf_counter() - t0)
                    client.delete(f"/documents/{r.json()['id']}")
                i += 1

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(6)]
    threads.append(threading.Thread(target=writer))
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    p50, p99 = _pct(reads, 0.5), _pct(reads, 0.99)
    target, ok, miss = _verdict(p50, p99, UNDER_WRITES)
    table.add(f"under writes{size}", f"6 readers p50 / p99 {p99:,.0f} ms ({len(reads)} answers in "
              f"{seconds:.0f} s, caches on; each ingest is followed by its delete)", p50, "ms",
              target=target, met=ok, miss=miss)  # fmt: skip
    w = statistics.median(writes) * 1000 if writes else float("nan")
    table.add(f"under writes{size}", f"writer: ms per readout, median of {len(writes)} ingests", w,
              "ms", target=f"<= {WRITER_MS:.0f} ms", met=w <= WRITER_MS,
              miss=f"by {w - WRITER_MS:.0f} ms")  # fmt: skip


def serve(store_dir: Path, caches: bool) -> Callable[[], object]:
    """A context manager serving our app on ``store_dir`` with its caches on or off."""
    env = {**servers.ours_env(store_dir, TOKEN), "DIPLOGRAPH_CACHES": "on" if caches else "off"}
    return lambda: servers.serving(servers.ours(store_dir, TOKEN), "/sparql", env=env)


def _checkpoint(store_dir: Path) -> ox.Store:
    """The store as it is now, read-only, in a checkpoint beside it (hard links, no copy): a
    read-only handle on the directory a server writes loses files to its compactions
    ("No such file or directory: ... .sst"). ``run`` removes it when done."""
    where = store_dir.with_name(f"{store_dir.name}-floor")
    shutil.rmtree(where, ignore_errors=True)
    ox.Store.read_only(str(store_dir)).backup(str(where))
    return ox.Store.read_only(str(where))


def run(table: Table, store_dir: Path, copy: Path, *, per_route: int = PER_ROUTE,
        writes_s: float = 30.0, only: str | None = None, size: str = "",
        at_10m: bool = False) -> float:  # fmt: skip
    """Every row of this module on the store in ``store_dir`` (``copy``: the store the floors
    read, opened read-only; the store itself will do). ``size`` names the rows' store
    (" 100k"); ``at_10m`` holds the cold rows to the 10M target. Answers the peak RSS (MB) of
    the two servers."""
    local = _checkpoint(copy)
    fams = families(picks(local), per_route)
    if only:
        fams = {k: v for k, v in fams.items() if only in k}
    rss = 0.0
    with serve(store_dir, caches=False)() as (cold_base, proc):  # type: ignore[attr-defined]
        servers.wait_until_warm(cold_base)
        cold_rows(table, cold_base, local, fams, size, at_10m)
        rss = max(rss, servers.peak_rss_mb(proc.pid))
    with serve(store_dir, caches=True)() as (warm_base, proc):  # type: ignore[attr-defined]
        servers.wait_until_warm(warm_base)
        warm_rows(table, warm_base, fams, size)
        if writes_s > 0:
            mixed = [p for paths in fams.values() for p in paths[per_route // 2 :]]
            random.Random(3).shuffle(mixed)
            under_writes(table, warm_base, mixed, writes_s, size)
        rss = max(rss, servers.peak_rss_mb(proc.pid))
    del local
    shutil.rmtree(copy.with_name(f"{copy.name}-floor"), ignore_errors=True)
    return rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="An Oxigraph store directory.")
    parser.add_argument("--copy", type=Path, help="A copy of it for the floors (default: none, "
                        "the floors read the store itself before the servers start).")  # fmt: skip
    parser.add_argument("--per-route", type=int, default=PER_ROUTE)
    parser.add_argument("--writes", type=float, default=30.0,
                        help="Seconds under writes (0: none).")  # fmt: skip
    parser.add_argument("--only", help="Only the families whose name contains this.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    table = Table()
    rss = run(table, args.store, args.copy or args.store, per_route=args.per_route,
              writes_s=args.writes, only=args.only)  # fmt: skip
    table.add("memory", "peak RSS of the server (VmHWM)", rss, "MB")
    if args.json:
        print(json.dumps(table.rows))


if __name__ == "__main__":
    main()
