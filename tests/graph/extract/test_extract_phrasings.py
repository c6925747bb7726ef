"""English phrasings the development set lacked at first: passive agreements, lettered items,
conditional warnings, appositive titles, unnamed briefers, and the sentences that only look like
claims next to each of them (data/devset/README.md, the nineteen texts written last)."""

from __future__ import annotations

import datetime as dt

from graph.extract.pipeline import DocumentMeta
from tests.support.extract_support import extractor

LEAD = "Secretary of State Antony Blinken met Foreign Minister Wang Yi.\n\n"


def claims(body: str, publisher: str = "U.S. Department of State") -> list[tuple[str, str, str]]:
    meta = DocumentMeta(title="Readout", date=dt.date(2024, 5, 1), publisher=publisher)
    found = extractor().extract(LEAD + body, meta).claims
    return [(c["type"], ",".join(c["claimants"]), c["quote"]) for c in found]


def test_an_impersonal_passive_agreement_and_its_lettered_items_are_consensus() -> None:
    got = claims(
        "It was agreed that:\n\n"
        "(a) the Working Group will meet again in the second quarter of 2024;\n"
        "(b) the two sides will hold technical exchanges on statistics; and\n"
        "(c) the two sides will maintain communication on debt issues.\n\n"
        "Both sides were committed to supporting a stable economic relationship, and to "
        "communicating clearly about policy actions.\n"
    )
    quotes = [q for t, _, q in got if t == "consensus"]
    assert quotes == [
        "the Working Group will meet again in the second quarter of 2024",
        "the two sides will hold technical exchanges on statistics",
        "the two sides will maintain communication on debt issues",
        "Both sides were committed to supporting a stable economic relationship",
        "to communicating clearly about policy actions",
    ]


def test_agreed_that_a_and_that_b_is_two_items_and_a_reference_is_none() -> None:
    got = claims(
        "The two sides agreed that President Biden and President Xi would speak in the coming "
        "weeks, and that military theater commanders would hold a video call.\n\n"
        "The meeting was part of efforts to maintain communication, as the two leaders "
        "committed to in Woodside.\n"
    )
    assert [q for _, _, q in got] == [
        "The two sides agreed that President Biden and President Xi would speak in the coming "
        "weeks",
        "military theater commanders would hold a video call",
    ]


def test_conditional_warnings_are_red_lines_and_a_condition_of_no_party_is_not() -> None:
    got = claims(
        "The Secretary made clear that if the PRC does not address this problem, the United "
        "States will. He urged the PRC to stop the transfers, warning that there would be "
        "consequences if PRC entities continued to supply Russia.\n\n"
        "Blinken said that if the talks go well, the two sides will meet again.\n"
    )
    lines = [q for t, _, q in got if t == "red_line"]
    assert lines == [
        "the United States will",
        "there would be consequences if PRC entities continued to supply Russia",
    ]
    assert ("demand", "antony-blinken", "stop the transfers") in got


def test_limits_on_negotiation_and_passive_warnings() -> None:
    got = claims(
        "Wang said that export controls on China are not a subject for negotiation, and that "
        "any attempt to split Taiwan from China will be met with resolute countermeasures.\n\n"
        "Wang said the talks were met with interest.\n"
    )
    assert [t for t, _, _ in got] == ["red_line", "red_line"]


def test_a_name_with_its_title_after_a_comma_is_a_new_speaker() -> None:
    meta = DocumentMeta(title="Call", date=dt.date(2024, 9, 10), publisher="Xinhua News Agency")
    extraction = extractor().extract(
        "Wu Yanan, commander of the Southern Theater Command, held a video call with Samuel "
        "Paparo, commander of the U.S. Indo-Pacific Command.\n\n"
        "Wu said the U.S. side should respect China's sovereignty. Paparo said that the "
        "United States is committed to open lines of communication.\n",
        meta,
    )
    assert {a.slug for a in extraction.new_actors} == {"wu-yanan", "samuel-paparo"}
    assert [c["claimants"] for c in extraction.claims] == [["wu-yanan"], ["samuel-paparo"]]


def test_an_unnamed_briefer_speaks_for_the_publishers_state() -> None:
    got = claims(
        "SENIOR ADMINISTRATION OFFICIAL: We are going to keep pressing until every detained "
        "American is home. That is not a subject for negotiation.\n\n"
        "MODERATOR: That concludes the call.\n",
        publisher="The White House",
    )
    assert [(t, who) for t, who, _ in got] == [
        ("commitment", "united-states"),
        ("red_line", "united-states"),
    ]


def test_words_quoted_only_to_rebut_them_are_no_claim() -> None:
    got = claims(
        "Wang said the U.S. says it does not seek decoupling, yet it keeps adding Chinese "
        "companies to its entity list. He said the U.S. side is advised to stop the practice.\n"
    )
    assert got == [("demand", "wang-yi", "the U.S. side is advised to stop the practice")]


def test_clefts_joint_modals_of_neither_side_and_choiceless_warnings() -> None:
    got = claims(
        "Wang said it is the U.S. side that should correct its mistakes. Neither side should "
        "try to shape the other. Unless the U.S. stops arming Taiwan, China will have no "
        "choice but to respond. China's determination to achieve reunification will not "
        "waver.\n"
    )
    assert [(t, q) for t, _, q in got] == [
        ("demand", "the U.S. side that should correct its mistakes"),
        ("demand", "Neither side should try to shape the other"),
        ("red_line", "China will have no choice but to respond"),
        ("commitment", "China's determination to achieve reunification will not waver"),
    ]


def test_a_consensus_reached_in_the_passive_and_a_reaffirmed_commitment() -> None:
    got = claims(
        "The Secretary reaffirmed the U.S. commitment to maintaining open lines of "
        "communication. A consensus was reached on working toward a visit to Beijing. No "
        "agreement was reached on trade.\n"
    )
    assert [(t, who) for t, who, _ in got] == [
        ("commitment", "antony-blinken"),
        ("consensus", "china,united-states"),
    ]


def test_proposals_after_a_colon_limits_set_for_what_may_come_and_a_second_hope() -> None:
    got = claims(
        "Wang put forward two suggestions: to handle the Taiwan question with prudence; and to "
        "stop the abuse of export controls. The agenda covered three things: trade and climate. "
        "He said any attempt to change the status quo by force would be unacceptable, but that "
        "the delay was unacceptable. He said China will keep its door open, and we hope to "
        "receive more students.\n"
    )
    assert [(t, q) for t, _, q in got] == [
        ("demand", "to handle the Taiwan question with prudence"),
        ("demand", "to stop the abuse of export controls"),
        ("red_line", "any attempt to change the status quo by force would be unacceptable"),
        ("commitment", "China will keep its door open"),
        ("commitment", "we hope to receive more students"),
    ]
