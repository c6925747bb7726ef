"""The conformance runner's own judgements, without a server: an engine limit lets through only
the cells of literals the engine changed (anything else still fails), and which Graph Store
tests need a feature a server may not claim."""

from __future__ import annotations

import dataclasses

import httpx
import pyoxigraph as ox
import pytest

from tests.conformance.engines import oxigraph_command, oxigraph_roundtrip, oxigraph_server
from tests.support import conformance as conf
from tests.support import w3c_manifest as wm

ROOT = wm.suite_root()
XSD = "http://www.w3.org/2001/XMLSchema#"
DOUBLE = ox.Literal("1.0E6", datatype=ox.NamedNode(XSD + "double"))
NEGATIVE = ox.Literal("-3", datatype=ox.NamedNode(XSD + "negativeInteger"))
CHANGED = {DOUBLE: ox.Literal("1000000", datatype=ox.NamedNode(XSD + "double")),
           NEGATIVE: ox.Literal("-3", datatype=ox.NamedNode(XSD + "integer"))}
CSV = b"s,o\nhttp://e/s6,1.0E6\nhttp://e/s4,\"4,4\"\n"
TSV = (b"?s\t?o\n<http://e/s3>\t\"-3\"^^<http://www.w3.org/2001/XMLSchema#negativeInteger>\n"
       b"<http://e/s6>\t1.0e6\n")


def test_the_oxigraph_engine_alone_keeps_values_not_literals() -> None:
    """The round trip the embedded engine's limits are read from: pyoxigraph by itself."""
    assert oxigraph_roundtrip(DOUBLE) == CHANGED[DOUBLE]
    assert oxigraph_roundtrip(NEGATIVE) == CHANGED[NEGATIVE]
    kept = ox.Literal("4,4")
    assert oxigraph_roundtrip(kept) == kept


def test_csv_lets_through_only_the_changed_literal() -> None:
    exact = CSV.replace(b"\n", b"\r\n")
    assert conf.compare_csv(CSV, exact) == []
    engine = exact.replace(b"1.0E6", b"1000000")
    with pytest.raises(conf.Failure):
        conf.compare_csv(CSV, engine)
    assert conf.compare_csv(CSV, engine, CHANGED) == [(DOUBLE, "1000000")]
    # the same value written otherwise (a layer above the engine) is still that value
    assert conf.compare_csv(CSV, exact.replace(b"1.0E6", b"1000000.0"), CHANGED) == [
        (DOUBLE, "1000000.0")]
    for wrong in (exact.replace(b"1.0E6", b"2000000"),  # another value
                  engine.replace(b'"4,4"', b'"4;4"'),  # another cell
                  engine.replace(b"\r\n", b"\n"),  # LF line ends
                  engine.replace(b"s,o", b"o,s")):  # the header
        with pytest.raises(conf.Failure):
            conf.compare_csv(CSV, wrong, CHANGED)


def test_tsv_lets_through_only_the_changed_literal() -> None:
    engine = TSV.replace(b"negativeInteger", b"integer")
    assert conf.compare_tsv(TSV, TSV) == []
    with pytest.raises(conf.Failure):
        conf.compare_tsv(TSV, engine)
    assert [literal for literal, _ in conf.compare_tsv(TSV, engine, CHANGED)] == [NEGATIVE]
    for wrong in (TSV.replace(b"negativeInteger", b"decimal"),  # not what the engine gives
                  engine.replace(b"\"-3\"", b"\"-4\""),  # another value
                  engine.replace(b"1.0e6", b"2.0e6")):  # another cell
        with pytest.raises(conf.Failure):
            conf.compare_tsv(TSV, wrong, CHANGED)


def _request(method: str, path: str) -> wm.HttpRequest:
    return wm.HttpRequest(method, path, (), None, "utf-8",
                          wm.Expected(frozenset({200}), frozenset()))


def test_replacing_the_default_graph_is_a_feature_a_server_may_not_claim() -> None:
    put_default = wm.HttpTest("t#a", "a", (_request("PUT", "/gsp?default"),
                                           _request("GET", "/gsp?default")))
    post_default = wm.HttpTest("t#b", "b", (_request("POST", "/gsp?default"),))
    put_named = wm.HttpTest("t#c", "c", (_request("PUT", "/gsp?graph=http%3A%2F%2Fx"),),
                            requires=frozenset({"IndirectGraphIdentification"}))
    assert conf.needed_features(put_default) == {conf.DEFAULT_GRAPH_REPLACEMENT}
    assert conf.needed_features(post_default) == frozenset()
    assert conf.needed_features(put_named) == {"IndirectGraphIdentification"}
    ours = conf.Server("http://x", "/q", "/u", "/g",
                       gsp_features=frozenset({"IndirectGraphIdentification"}),
                       unclaimed={conf.DEFAULT_GRAPH_REPLACEMENT: "a union"})
    assert conf.http_inapplicable(ours, put_default) == (
        f"not claimed: {conf.DEFAULT_GRAPH_REPLACEMENT} (a union)")
    assert conf.http_inapplicable(ours, put_named) is None
    assert conf.http_inapplicable(ours, post_default) is None


@pytest.mark.skipif(ROOT is None, reason="the W3C suite is not beside the repository")
@pytest.mark.skipif(oxigraph_command() is None, reason="the oxigraph CLI is not installed")
def test_a_server_that_replaces_the_default_graph_cannot_say_it_does_not() -> None:
    """``oxigraph serve`` replaces its default graph on PUT: were it not to claim that, the
    check that an unclaimed default-graph replacement is refused (405) must fail."""
    assert ROOT is not None
    test = next(t for _, t in conf.all_tests(ROOT) if t.id == "put_get_default")
    assert isinstance(test, wm.HttpTest)
    with oxigraph_server() as server, httpx.Client(timeout=30) as client:
        conf.check_refused(client, server, test)  # it claims the feature: nothing to check
        unclaiming = dataclasses.replace(
            server, gsp_features=server.gsp_features - {conf.DEFAULT_GRAPH_REPLACEMENT})
        with pytest.raises(conf.Failure, match="yet answered 20"):
            conf.check_refused(client, unclaiming, test)
