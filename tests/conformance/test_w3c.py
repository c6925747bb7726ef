"""The W3C SPARQL 1.1 manifests (Protocol, Graph Store Protocol, CSV/TSV and JSON results,
service description), replayed over HTTP against this application on an empty store: the
embedded Oxigraph store, and a real Virtuoso through the ``sparql:`` backend.

Every test must pass, except two kinds, each skipped with its reason:

* a Graph Store feature the server does not claim (the runner checks that a PUT or DELETE on
  the default graph, which ours refuse by design, is refused with 405 and changes nothing);
* an engine limit, listed in ``engines.ENGINE_LIMITS``: a result-format test whose answer
  differs only where the engine alone (asked directly, without this application) does not
  give back a literal of the data as written. Any other difference fails; so does a listed
  test that passes, or a limit found where none is listed (the docs' table must follow).

``make conformance`` runs the same suites and writes their EARL reports.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conformance import engines
from tests.support import conformance as conf
from tests.support import w3c_manifest as wm
from tests.support.virtuoso import in_ci

ROOT = wm.suite_root()
CASES = conf.all_tests(ROOT) if ROOT is not None else []
ENGINES = ["embedded", pytest.param("virtuoso", marks=pytest.mark.virtuoso)]
ABSENT = (f"the W3C suite is not at {wm.SUITE_DIR} beside the repository (or set "
          f"{wm.SUITE_VARIABLE})")


@pytest.fixture(scope="module", params=ENGINES)
def served(request: pytest.FixtureRequest) -> Iterator[tuple[str, conf.Server]]:
    if request.param == "embedded":
        with engines.embedded() as server:
            yield "embedded", server
    else:
        virtuoso = request.getfixturevalue("virtuoso_server")
        with engines.over_virtuoso(virtuoso, engines.VIRTUOSO_GRAPHS) as server:
            yield "virtuoso", server


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    """A connection per test: each test of the manifests is one ``ht:Connection``."""
    with httpx.Client(timeout=60) as http:
        yield http


@pytest.mark.skipif(ROOT is None, reason=ABSENT)
@pytest.mark.parametrize(("manifest", "case"), CASES,
                         ids=[f"{m}:{t.id}" for m, t in CASES])
def test_w3c(served: tuple[str, conf.Server], client: httpx.Client, manifest: str,
             case: wm.HttpTest | wm.ResultFormatTest | wm.NamedTest) -> None:
    engine, server = served
    listed = engines.ENGINE_LIMITS.get((engine, case.id))
    outcome = conf.run_one(client, server, manifest, case)
    if outcome.outcome == "inapplicable":
        pytest.skip(outcome.info)
    if outcome.engine_limit:
        assert listed, f"a new engine limit (list it, update docs/conformance.md): {outcome.info}"
        pytest.skip(outcome.info)
    assert outcome.outcome == "passed", outcome.info
    assert not listed, (f"{case.id} passes on {engine} now: take it out of ENGINE_LIMITS "
                        f"and update docs/conformance.md ({listed})")


def test_the_suite_is_complete() -> None:
    """The manifests hold the tests the docs count (34 Protocol, 13 Graph Store...). Where the
    suite is absent the tests skip, except in CI, where a missing suite is a failure (as a
    missing Virtuoso is): conformance must not slip unseen."""
    if ROOT is None:
        if in_ci():
            pytest.fail(f"CI must run the W3C suites, but {ABSENT}", pytrace=False)
        pytest.skip(ABSENT)
    counts: dict[str, int] = {}
    for manifest, _case in CASES:
        counts[manifest] = counts.get(manifest, 0) + 1
    assert counts == {"protocol": 34, "graph-store-protocol": 13, "csv-tsv-res": 6,
                      "json-res": 4, "service-description": 3}
