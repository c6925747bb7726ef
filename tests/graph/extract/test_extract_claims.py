"""Claim typing, negation, list splitting with per-item offsets, codes and evidence."""

from __future__ import annotations

import datetime as dt

from graph.extract.pipeline import DocumentMeta
from tests.support.extract_support import claims_at, corpus_text, extract_corpus, extractor

SLUG = "2023-06-19-mfa-briefing-yang-tao-report"


def extract(text: str, day: dt.date = dt.date(2024, 4, 22)) -> list[dict]:
    lead = "A senior official from the Chinese Foreign Ministry briefed the media on Monday.\n"
    return extractor().extract(lead + text, DocumentMeta(date=day)).claims


def test_a_list_of_demands_is_one_claim_per_item_with_its_own_offsets() -> None:
    text = corpus_text(SLUG)
    doc = extract_corpus(SLUG)
    items = [c for c in doc.claims if c["claimant"] == "china" and c["type"] == "demand"]
    assert [c["quote"] for c in items] == [
        "stop hyping up the “China threat” narrative",
        "lift illegal unilateral sanctions against China",
        "abandon suppression of China’s technological development",
        "refrain from arbitrarily interfering in China’s internal affairs",
    ]
    for claim in items:
        assert text[claim["start"] : claim["end"]] == claim["quote"]
    assert len({c["id"] for c in items}) == 4


def test_paired_verbs_and_objects_stay_one_item() -> None:
    claims = extract(
        "The official said the U.S. side should respect and protect the rights of "
        "officials and institutions, and stop arming Taiwan."
    )
    assert [c["quote"] for c in claims] == [
        "the U.S. side should respect and protect the rights of officials and institutions",
        "stop arming Taiwan",
    ]


def test_negation_is_kept_and_a_negative_pledge_is_a_commitment() -> None:
    doc = extract_corpus("2024-04-24-xinhua-mfa-official-briefing")
    (claim,) = claims_at(doc, 'does not support "Taiwan independence,"')
    assert claim["type"] == "commitment" and claim["negated"] is True
    assert claim["claimant"] == "joe-biden" and claim["addressee"] == "china"
    (demand,) = claims_at(doc, "The United States should not use human rights")
    assert demand["type"] == "demand" and demand["negated"] is True


def test_must_not_cross_is_both_a_red_line_and_a_demand_for_each_line() -> None:
    doc = extract_corpus("2024-04-24-xinhua-mfa-official-briefing")
    crossed = [
        c for c in doc.claims if c["start"] >= doc.text.index("In particular, the United States")
    ][:8]
    lines = {c["quote"] for c in crossed if c["type"] == "red_line"}
    asked = {c["quote"] for c in crossed if c["type"] == "demand"}
    assert lines == asked
    assert {"democracy and human rights", "paths and systems", "the right to development"} <= lines


def test_each_type_gets_its_cameo_and_plover_codes() -> None:
    claims = extract(
        "The official said the U.S. side must stop arming Taiwan. Taiwan is the red line that "
        "must not be crossed. China is ready to work with the U.S. side. The two sides agreed "
        "to resume talks."
    )
    codes = {c["type"]: (c["cameo"], c["plover"]) for c in claims}
    assert codes == {
        "demand": ("10", "REQUEST"),
        "red_line": ("13", "THREATEN"),
        "commitment": ("03", "AGREE"),
        "consensus": ("05", "AGREE"),
    }
    (agreed,) = [c for c in claims if c["type"] == "consensus"]
    assert agreed["claimants"] == ["china", "united-states"] and agreed["addressee"] is None


def test_generic_norms_and_evaluations_are_not_claims() -> None:
    claims = extract(
        "The official said major countries should shoulder responsibilities. Efforts should "
        "be made to deescalate the situation. The talks were candid and constructive. China "
        "welcomed the progress made."
    )
    assert claims == []


def test_a_joint_modal_said_by_one_side_is_that_sides_demand() -> None:
    claims = extract("The official said China and the United States should trust each other.")
    (claim,) = claims
    assert claim["type"] == "demand"
    assert claim["claimant"] == "china"  # the official is not named: the state (rule 1)


def test_repeats_in_one_document_are_one_claim_with_two_evidence_spans() -> None:
    doc = extract_corpus("2023-06-19-global-times-wang-yi-meets-blinken")
    sanctions = claims_at(doc, "lift illegal unilateral sanctions")
    assert len(sanctions) == 2 and len({c["id"] for c in sanctions}) == 1
    graph = doc.graph()
    from rdflib import URIRef

    from graph.namespaces import DG, entity_iri

    node = URIRef(entity_iri("claim", sanctions[0]["id"]))
    assert len(list(graph.objects(node, DG.evidence))) == 2


def test_claims_get_topics_meetings_and_dates() -> None:
    doc = extract_corpus("2023-06-19-global-times-wang-yi-meets-blinken")
    (claim,) = claims_at(doc, "stop hyping the")
    assert claim["meeting"] == "2023-06-19-wang-yi-blinken-meeting"
    assert claim["date"] == "2023-06-19"
    (taiwan,) = claims_at(doc, "no room for compromise")
    assert "taiwan" in taiwan["topics"]


def test_a_repeat_of_a_stored_claim_is_linked_as_a_reiteration() -> None:
    doc = extract_corpus("2023-06-19-global-times-wang-yi-meets-blinken")
    (claim,) = claims_at(doc, "respect China's sovereignty and territorial integrity")
    stored = "2023-06-19--wang-yi--demand--respect-sovereignty-and-territorial-integrity"
    assert claim["reiterates"] == stored


def test_titles_of_both_sides_as_one_subject_make_consensus() -> None:
    text = (
        "Secretary Blinken met with PRC Foreign Minister Wang Yi today in Beijing. The "
        "Secretary and the Foreign Minister agreed to maintain open channels of communication."
    )
    (claim,) = extractor().extract(text, DocumentMeta(date=dt.date(2024, 4, 26))).claims
    assert claim["type"] == "consensus" and claim["claimants"] == ["china", "united-states"]


def test_a_second_predicate_of_the_same_subject_is_its_own_claim() -> None:
    text = (
        "Secretary Blinken spoke with Foreign Minister Wang Yi. The Secretary underscored that "
        "the United States will stand with its allies, and reaffirmed that the United States "
        "does not support Taiwan independence."
    )
    claims = extractor().extract(text, DocumentMeta(date=dt.date(2024, 4, 26))).claims
    assert [(c["type"], c["negated"], c["claimant"]) for c in claims] == [
        ("commitment", False, "antony-blinken"),
        ("commitment", True, "antony-blinken"),
    ]


def test_warnings_and_restated_agreements_in_new_wordings() -> None:
    """"doomed to fail", "nothing to give away" and "should not harbor any illusion" draw lines;
    "reiterated their agreement that …" and "underscored their opposition to …" are consensus;
    "the importance of A and of B" asks two things."""
    found = {
        (c["type"], c["quote"])
        for c in extract(
            "Wang Yi said that any attempt to split China is doomed to fail. On this question "
            "China has nothing to give away. The U.S. should not harbor any illusion about "
            "China's resolve. The two leaders reiterated their agreement that a nuclear war "
            "should never be fought, and underscored their opposition to the use of nuclear "
            "weapons in Ukraine. Secretary Blinken emphasized the importance of managing "
            "competition and of maintaining open lines of communication. Wang Yi said that "
            "attempts to contain China will only end in failure, and that the Taiwan question is "
            "at the core of China's core interests and is a red line that must not be crossed."
        )
    }
    types = {t for t, _ in found}
    assert types == {"red_line", "demand", "consensus"}
    assert ("red_line", "On this question China has nothing to give away") in found
    assert any(t == "red_line" and "doomed to fail" in q for t, q in found)
    assert any(t == "red_line" and "harbor any illusion" in q for t, q in found)
    assert any(t == "consensus" and "nuclear war should never be fought" in q for t, q in found)
    assert any(t == "consensus" and "their opposition to the use" in q for t, q in found)
    assert any(t == "red_line" and "will only end in failure" in q for t, q in found)
    assert any(t == "red_line" and "core interests and is a red line" in q for t, q in found)
    assert ("demand", "managing competition") in found
    assert ("demand", "maintaining open lines of communication") in found


def test_the_secretary_in_a_department_briefing_is_the_secretary_of_that_day() -> None:
    """A State Department briefing that names no Secretary: "the Secretary" is the Secretary of
    State on the date, not the briefer."""
    text = (
        "Department Press Briefing\n\nVedant Patel, Principal Deputy Spokesperson\n\n"
        "MR PATEL: We urge Beijing to exercise restraint. The Secretary has said that the "
        "United States remains committed to managing the relationship responsibly."
    )
    meta = DocumentMeta(date=dt.date(2023, 4, 6), publisher="U.S. Department of State")
    claims = {(c["quote"], tuple(c["claimants"])) for c in extractor().extract(text, meta).claims}
    assert (
        "the United States remains committed to managing the relationship responsibly",
        ("antony-blinken",),
    ) in claims
    assert ("exercise restraint", ("vedant-patel",)) in claims


def test_a_policy_said_to_be_unchanged_by_anything_a_visit_brought() -> None:
    """ "Nothing about the Speaker's recent visit changes our one China policy": the "nothing"
    that makes it a reaffirmed policy stands ten words before "policy"."""
    text = (
        "Ned Price, Department Spokesperson\n\nMR PRICE: Nothing about the Speaker’s recent "
        "visit changes our one China policy."
    )
    found = extractor().extract(text, DocumentMeta(date=dt.date(2022, 8, 3))).claims
    assert [(c["type"], c["negated"], c["claimants"]) for c in found] == [
        ("commitment", True, ["ned-price"])
    ]
