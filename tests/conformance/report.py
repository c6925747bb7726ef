"""``make conformance``: run the W3C suites against each engine, write one EARL report (Turtle)
per engine and a Markdown table, and fail when an engine of ours does worse than expected.

    python -m tests.conformance.report [--out var/conformance] [--engines embedded,virtuoso]

Engines: ``embedded`` (this application over an empty on-disk store), ``virtuoso`` (this
application over a Virtuoso it starts; skipped with the reason where ``virtuoso-t`` is
missing) and ``oxigraph-server`` (``oxigraph serve``, the yardstick; skipped where the
``oxigraph`` package is not installed). The reports go to a git-ignored folder: the docs keep
the measured table (docs/conformance.md), these files are for a run's own record.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from tests.conformance import engines
from tests.support import conformance as conf
from tests.support import w3c_manifest as wm
from tests.support.virtuoso import VirtuosoUnavailable, start

#: The project as EARL test subject: its namespace (it has no other published IRI).
PROJECT = "https://w3id.org/diplograph/"
SUBJECTS = {
    "embedded": (PROJECT + "#embedded", "diplograph (embedded Oxigraph store)"),
    "virtuoso": (PROJECT + "#virtuoso", "diplograph over Virtuoso (sparql: store)"),
    "oxigraph-server": ("https://github.com/oxigraph/oxigraph", "oxigraph serve"),
}


@contextlib.contextmanager
def _virtuoso() -> Iterator[conf.Server]:
    with tempfile.TemporaryDirectory(prefix="virtuoso-") as tmp:
        server = start(Path(tmp) / "db")
        try:
            with engines.over_virtuoso(server, engines.VIRTUOSO_GRAPHS) as served:
                yield served
        finally:
            server.stop()


def _server(engine: str) -> AbstractContextManager[conf.Server]:
    if engine == "embedded":
        return engines.embedded()
    if engine == "virtuoso":
        return _virtuoso()
    if engine == "oxigraph-server":
        return engines.oxigraph_server()
    raise SystemExit(f"unknown engine {engine!r}; use {', '.join(SUBJECTS)}")


def unexpected(engine: str, outcomes: list[conf.Outcome]) -> list[conf.Outcome]:
    """Outcomes of one of our engines that differ from what the tests expect: a failure
    that is not an engine limit, an engine limit not listed, a listed one that passes."""
    if engine == "oxigraph-server":
        return []
    wrong = []
    for outcome in outcomes:
        listed = (engine, outcome.id) in engines.ENGINE_LIMITS
        if outcome.outcome == "inapplicable":
            continue
        if (outcome.outcome == "failed" and not outcome.engine_limit) or \
                outcome.engine_limit != listed:
            wrong.append(outcome)
    return wrong


def mark(outcome: conf.Outcome) -> str:
    """A table cell: pass, fail, fail (engine limit) or not claimed."""
    if outcome.engine_limit:
        return "**fail** (engine limit)"
    return {"passed": "pass", "failed": "**fail**", "inapplicable": "not claimed"}[outcome.outcome]


def table(results: dict[str, list[conf.Outcome]]) -> str:
    """A Markdown table: one row per test, one column per engine; then per engine and
    manifest the tests passed of those that apply, the engine limits among the failures and
    the tests of features not claimed."""
    names = list(results)
    header = "| manifest | test | " + " | ".join(names) + " |"
    lines = [header, "|" + "---|" * (len(names) + 2)]
    rows = zip(*results.values(), strict=True)
    for row in rows:
        first = row[0]
        cells = " | ".join(mark(o) for o in row)
        lines.append(f"| {first.manifest} | `{first.id}` | {cells} |")
    lines.append("")
    for name, outcomes in results.items():
        counts = conf.tally(outcomes)
        summary = ", ".join(
            f"{manifest} {c['passed']}/{c['passed'] + c['failed']}"
            + (f" ({c['engine_limit']} engine limit{'s' * (c['engine_limit'] > 1)})"
               if c["engine_limit"] else "")
            + (f" ({c['inapplicable']} not claimed)" if c["inapplicable"] else "")
            for manifest, c in counts.items())
        lines.append(f"- {name}: {summary}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("var/conformance"))
    parser.add_argument("--engines", default="embedded,virtuoso,oxigraph-server")
    args = parser.parse_args(argv)
    root = wm.suite_root()
    if root is None:
        print(f"the W3C suite is not at {wm.SUITE_DIR} beside the repository", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[conf.Outcome]] = {}
    failed = False
    for engine in args.engines.split(","):
        try:
            with _server(engine) as server:
                outcomes = conf.run_all(server, root)
        except (VirtuosoUnavailable, RuntimeError) as exc:
            print(f"{engine}: skipped ({exc})", file=sys.stderr)
            continue
        results[engine] = outcomes
        subject, name = SUBJECTS[engine]
        (args.out / f"earl-{engine}.ttl").write_text(conf.earl(outcomes, subject, name))
        for outcome in unexpected(engine, outcomes):
            failed = True
            print(f"{engine}: {outcome.id} {outcome.outcome} unexpectedly: {outcome.info}",
                  file=sys.stderr)
        for outcome in outcomes:
            if outcome.outcome != "passed":  # the info of the others says which they are
                plain = outcome.outcome == "failed" and not outcome.engine_limit
                print(f"{engine}: {outcome.id}{' failed' * plain}: {outcome.info[:400]}",
                      file=sys.stderr)
    summary = table(results)
    (args.out / "summary.md").write_text(summary)
    print(summary)
    print(f"EARL reports in {args.out}/", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
