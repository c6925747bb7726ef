"""The fifteen competency questions of the curated graph, with their expected answers."""

from __future__ import annotations

from rdflib.term import Node

from graph.paths import COMPETENCY_DIR
from graph.store import GraphStore

ID = "https://w3id.org/diplograph/id/"


def ask(store: GraphStore, name: str) -> list[dict[str, str]]:
    (path,) = COMPETENCY_DIR.glob(f"{name}*.rq")
    rows = store.select(path.read_text(encoding="utf-8"))
    return [{k: _short(v) for k, v in row.items()} for row in rows]


def _short(term: Node) -> str:
    return str(term).removeprefix(ID)


def test_every_competency_question_has_a_query_and_a_test() -> None:
    names = sorted(p.stem for p in COMPETENCY_DIR.glob("*.rq"))
    assert [n[:2] for n in names] == [f"{i:02d}" for i in range(1, 16)]


def test_cq1_anchorage_participants_with_their_titles_that_day(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "01")
    titles: dict[str, set[str]] = {}
    for row in rows:
        titles.setdefault(row["person"], set()).add(row.get("title", ""))
    assert titles == {
        "actor/antony-blinken": {"Secretary of State"},
        "actor/jake-sullivan": {"National Security Advisor"},
        "actor/wang-yi": {"State Councilor", "Minister of Foreign Affairs"},
        "actor/yang-jiechi": {
            "Director of the Office of the Central Foreign Affairs Commission",
            "Member of the Political Bureau of the CPC Central Committee",
        },
    }


def test_cq2_april_2024_red_lines_with_taiwan_first(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "02")
    ranked = {row["position"]: row["claim"] for row in rows if "position" in row}
    assert ranked["1"].endswith("--red-line--taiwan")
    assert [ranked[p].rsplit("--", 1)[1] for p in ("2", "3", "4")] == [
        "democracy-and-human-rights",
        "paths-and-systems",
        "right-to-development",
    ]
    assert all(row["claim"].startswith("claim/2024-04-") for row in rows)
    assert len(rows) >= 4


def test_cq3_wang_yi_demands_of_the_us_on_19_june_2023(bundled_store: GraphStore) -> None:
    claims = {row["claim"].rsplit("--", 1)[1] for row in ask(bundled_store, "03")}
    assert {
        "stop-hyping-china-threat",
        "lift-unilateral-sanctions",
        "stop-suppressing-technology",
        "stop-interfering-internal-affairs",
        "adhere-to-one-china-principle",
        "oppose-taiwan-independence",
        "respect-sovereignty-and-territorial-integrity",
    } <= claims


def test_cq4_commitments_china_attributes_to_biden(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "04")
    by_doc: dict[str, set[str]] = {}
    for row in rows:
        by_doc.setdefault(row["document"], set()).add(row["claim"].rsplit("--", 1)[1])
    assert by_doc["document/2021-09-22-mfa-press-conference-zhao-lijian"] == {"one-china-policy"}
    assert {
        "no-new-cold-war",
        "not-change-china-system",
        "alliances-not-targeted-against-china",
        "not-support-taiwan-independence",
        "not-seek-conflict-with-china",
        "send-blinken-to-china",
    } <= by_doc["document/2024-04-24-xinhua-mfa-official-briefing"]


def test_cq5_agreed_outcomes_at_anchorage_and_in_june_2023(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "05")
    anchorage = {r["claim"] for r in rows if r["engagement"].endswith("anchorage-dialogue")}
    beijing = {r["claim"] for r in rows if r["engagement"].endswith("blinken-beijing-visit")}
    assert (
        "claim/2021-03-19--china-united-states--consensus--climate-joint-working-group" in anchorage
    )
    assert (
        "claim/2023-06-18--china-united-states--consensus--maintain-high-level-interactions"
        in beijing
    )
    assert len(anchorage) >= 10 and len(beijing) >= 5
    assert all("--consensus--" in claim for claim in anchorage | beijing)


def test_cq6_reiterations_with_dates(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "06")
    pairs = {(r["claim"], r["earlier"]) for r in rows}
    assert (
        "claim/2021-09-09--joe-biden--commitment--one-china-policy",
        "claim/2021-03-19--united-states--commitment--one-china-policy",
    ) in pairs
    for row in rows:
        if "date" in row and "earlierDate" in row:
            assert row["earlierDate"] <= row["date"]


def test_cq7_the_seven_points_in_order(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "07")
    assert [r["position"] for r in rows] == [str(i) for i in range(1, 8)]
    assert [r["claim"].rsplit("--", 1)[1] for r in rows] == [
        "treat-each-other-with-respect",
        "live-alongside-each-other-peacefully",
        "maintain-open-lines-of-communication",
        "prevent-conflict",
        "uphold-un-charter",
        "cooperate-in-areas-of-shared-interests",
        "responsibly-manage-competition",
    ]


def test_cq8_meetings_wang_yi_and_blinken_both_attended(bundled_store: GraphStore) -> None:
    meetings = {row["meeting"] for row in ask(bundled_store, "08")}
    assert {
        "meeting/2021-03-18-anchorage-dialogue",
        "meeting/2023-06-19-wang-yi-blinken-meeting",
    } <= meetings
    assert "meeting/2023-06-19-xi-jinping-blinken-meeting" not in meetings


def test_cq9_documents_naming_the_two_lists_and_their_contents(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "09")
    documents = {r["document"] for r in rows if "document" in r}
    assert documents == {"document/2021-09-22-mfa-press-conference-zhao-lijian"}
    lists = {r["list"] for r in rows if "list" in r}
    assert lists == {"bundle/two-lists-wrongdoings", "bundle/two-lists-key-cases"}
    items = {r["item"].rsplit("--", 1)[1] for r in rows if "item" in r}
    assert "withdraw-meng-wanzhou-extradition-request" in items


def test_cq10_positions_china_restated_with_each_occasion(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "10")
    chains: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        chains.setdefault(row["position"], []).append((row["date"], row.get("occasion", "")))
    taiwan = chains["claim/2021-03-19--china--red-line--taiwan-bottom-line"]
    assert [occasion for _date, occasion in taiwan[:4]] == [
        "meeting/2021-03-18-anchorage-dialogue",
        "meeting/2022-11-14-bali-summit",
        "meeting/2023-06-18-qin-gang-blinken-talks",
        "meeting/2023-06-19-wang-yi-blinken-meeting",
    ]
    assert taiwan[-1] == ("2024-04-22", "meeting/2024-04-22-mfa-briefing-blinken-visit")
    interference = chains[
        "claim/2021-03-18--wang-yi--demand--abandon-interference-internal-affairs"
    ]
    assert [date for date, _occasion in interference] == ["2021-03-18", "2023-06-19", "2024-04-22"]
    for position, statements in chains.items():
        assert len(statements) >= 2, position
        assert [d for d, _ in statements] == sorted(d for d, _ in statements)
        assert all("2021-01-01" <= d <= "2024-12-31" for d, _ in statements)
    assert not any("--consensus--" in row["claim"] or "joe-biden" in row["claim"] for row in rows)


def test_cq11_claims_stated_by_one_sides_readouts_only(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "11")
    by_kind: dict[str, set[str]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], set()).add(row["claim"])
    consensus = by_kind["consensus"]
    assert "claim/2021-02-11--china-united-states--consensus--enhance-communication" in consensus
    assert all("--consensus--" in claim for claim in consensus)
    assert {row["side"] for row in rows if row["kind"] == "consensus"} == {"actor/china"}
    accounts = by_kind["other side's account"]
    assert "claim/undated--joe-biden--commitment--no-new-cold-war" in accounts
    assert "claim/2021-03-18--yang-jiechi--demand--stop-advancing-democracy-abroad" in accounts
    assert not any("--consensus--" in claim for claim in accounts)
    # Wang Yi's demands of 19 June 2023 are affirmed by China's own readouts: not one-sided.
    assert not any(claim.startswith("claim/2023-06-19--wang-yi--") for claim in accounts)


def test_cq12_one_foreign_minister_on_each_hand_over_day(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "12")
    assert [(row["day"], row["person"]) for row in rows] == [
        ("2022-12-30", "actor/qin-gang"),
        ("2023-07-25", "actor/wang-yi"),
    ]


# ---------------------------------------------------------------- the commitment ledger

BIDEN = "claim/undated--joe-biden--commitment--"


def test_cq13_biden_commitments_china_says_were_not_honoured(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "13")
    said = {(row["commitment"].removeprefix(BIDEN), row["date"]) for row in rows}
    # The four noes and one no-intention (the bundle as a whole), and the two later items the
    # same sentence's "above commitments" include; all said on 22 April 2024.
    assert said == {
        (gist, "2024-04-22")
        for gist in (
            "no-new-cold-war",
            "not-change-china-system",
            "alliances-not-targeted-against-china",
            "not-support-taiwan-independence",
            "not-seek-conflict-with-china",
            "not-curtail-china-development",
            "not-seek-decoupling-from-china",
        )
    }
    # Taiwan twice: the bundle as a whole, and the Taiwan paragraph naming that member.
    taiwan = [row for row in rows if row["commitment"].endswith("not-support-taiwan-independence")]
    assert len({row["event"] for row in taiwan}) == 2
    assert {row["assertedBy"] for row in rows} == {
        "actor/mfa-senior-official-north-american-affairs-2024"
    }


def test_cq14_bali_understandings_reported_as_implemented(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "14")
    found = {(row["understanding"].rsplit("--", 1)[1], row["date"]) for row in rows}
    assert found == {
        ("blinken-to-visit-china", "2023-06-19"),
        ("senior-officials-maintain-communication", "2024-04-22"),
    }
    # Blinken's visit: both Chinese accounts of 19 June 2023 report it.
    visit = {
        row["document"] for row in rows if row["understanding"].endswith("blinken-to-visit-china")
    }
    assert visit == {
        "document/2023-06-19-mfa-briefing-yang-tao-report",
        "document/2023-06-19-global-times-wang-yi-meets-blinken",
    }
    # Reaffirmations are not implementations: the nuclear-war understanding is not listed.
    assert not any(row["understanding"].endswith("nuclear-war-never-fought") for row in rows)


def test_cq15_two_lists_status_as_of_26_april_2024(bundled_store: GraphStore) -> None:
    rows = ask(bundled_store, "15")
    members = {row["member"] for row in rows}
    assert len(members) == 13 == len(rows)
    # Every member: unanswered, as Zhao Lijian said on 22 September 2021 of the two lists.
    assert {(row["status"], row["since"]) for row in rows} == {("accusedOfBreach", "2021-09-22")}
    assert {row["event"] for row in rows} == {
        "event/2021-09-22--zhao-lijian--accused-of-breach--two-lists"
    }
    positions = sorted(
        (row["list"].removeprefix("bundle/"), int(row["position"])) for row in rows
    )
    assert positions[:2] == [("two-lists-key-cases", 1), ("two-lists-key-cases", 2)]
    assert ("two-lists-wrongdoings", 8) in positions
