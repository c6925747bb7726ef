"""Who speaks: frames, "he said", transcript labels, definite descriptions, the publisher."""

from __future__ import annotations

import datetime as dt

from graph.extract.pipeline import DocumentMeta
from tests.support.extract_support import claims_at, extract_corpus, extractor


def extract(text: str, day: dt.date, publisher: str | None = None) -> list[dict]:
    return extractor().extract(text, DocumentMeta(date=day, publisher=publisher)).claims


def test_he_said_carries_the_speaker_named_before() -> None:
    doc = extract_corpus("2023-06-19-mfa-briefing-yang-tao-report")
    (reflect,) = claims_at(doc, "the U.S. side must reflect deeply")
    assert reflect["claimant"] == "yang-tao" and reflect["type"] == "demand"
    # "Yang" is the Yang Tao of this document, not Yang Jiechi
    assert {c["claimant"] for c in claims_at(doc, "core of China")} == {"yang-tao"}


def test_a_state_that_asked_at_the_talks_is_the_claimant_not_the_briefer() -> None:
    doc = extract_corpus("2023-06-19-mfa-briefing-yang-tao-report")
    (stop,) = claims_at(doc, "stop hyping up")
    assert stop["claimant"] == "china"


def test_a_trailing_frame_names_the_speaker_of_the_paragraph() -> None:
    text = (
        "On the Taiwan question, China has no room for compromise. The US side must respect "
        "China's sovereignty, Wang noted.\n"
    )
    lead = "Wang Yi met Antony Blinken in Beijing on Monday.\n"
    claims = extract(lead + text, dt.date(2023, 6, 19))
    assert {c["claimant"] for c in claims} == {"wang-yi"}
    assert {c["type"] for c in claims} == {"red_line", "demand"}


def test_the_official_refers_back_to_the_unnamed_briefer() -> None:
    doc = extract_corpus("2024-04-24-xinhua-mfa-official-briefing")
    (students,) = claims_at(doc, "stop poisoning the atmosphere")
    assert students["claimant"] == "mfa-senior-official-north-american-affairs-2024"


def test_speech_reported_inside_a_briefing_does_not_take_over() -> None:
    doc = extract_corpus("2024-04-24-xinhua-mfa-official-briefing")
    assert claims_at(doc, "does not seek a new Cold War")[0]["claimant"] == "joe-biden"
    (honor,) = claims_at(doc, "honor President Biden's above commitments")
    assert honor["claimant"] == "mfa-senior-official-north-american-affairs-2024"


def test_transcript_labels_name_the_speaker() -> None:
    doc = extract_corpus("2021-03-18-anchorage-compilation")
    assert claims_at(doc, "We do not seek conflict")[0]["claimant"] == "jake-sullivan"
    assert claims_at(doc, "take firm actions in response")[0]["claimant"] == "yang-jiechi"
    assert claims_at(doc, "fully abandon the hegemonic practice")[0]["claimant"] == "wang-yi"


def test_the_publisher_is_never_the_claimant() -> None:
    text = (
        "Global Times said the talks were candid. Global Times urged the US side to stop "
        "interfering.\nGlobal Times\n"
    )
    claims = extract(text, dt.date(2023, 6, 19), publisher="Global Times")
    assert all("global-times" not in c["claimants"] for c in claims)
    doc = extract_corpus("2023-06-19-global-times-wang-yi-meets-blinken")
    assert doc.publisher_actor and doc.publisher_actor.endswith("/global-times")
    assert all(c["claimant"] != "global-times" for c in doc.claims)


def test_questions_and_narration_make_no_claims() -> None:
    text = (
        "Reuters: Will the US lift the tariffs?\n"
        "The two sides had candid exchanges. Efforts should be made to deescalate.\n"
    )
    assert extract(text, dt.date(2024, 5, 20)) == []
