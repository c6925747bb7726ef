"""Relative dates in readouts resolve against the document date, with no network."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.extract.dates import LUNAR_NEW_YEAR, document_date, find_dates, lunar_new_year


def resolve(text: str, day: dt.date | None) -> list[dt.date]:
    return [m.date for m in find_dates(text, day)]


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("met on Monday", dt.date(2023, 6, 19), dt.date(2023, 6, 19)),  # a Monday itself
        ("On Sunday, Qin Gang held talks", dt.date(2023, 6, 19), dt.date(2023, 6, 18)),
        ("last November, the two presidents met", dt.date(2024, 4, 24), dt.date(2023, 11, 1)),
        ("last March", dt.date(2024, 4, 24), dt.date(2024, 3, 1)),
        ("on the Chinese Lunar New Year's Eve", dt.date(2021, 9, 22), dt.date(2021, 2, 11)),
        ("On the eve of the Chinese Lunar New Year,", dt.date(2021, 3, 19), dt.date(2021, 2, 11)),
        ("the Spring Festival", dt.date(2024, 3, 1), dt.date(2024, 2, 10)),
        ("on September 10", dt.date(2021, 9, 22), dt.date(2021, 9, 10)),
        ("on December 28", dt.date(2024, 1, 5), dt.date(2023, 12, 28)),  # the nearest one
        ("MARCH 18, 2021", None, dt.date(2021, 3, 18)),
        ("the 17th of March", dt.date(2021, 3, 19), dt.date(2021, 3, 17)),
        ("dated 2023-06-19", None, dt.date(2023, 6, 19)),
        ("yesterday", dt.date(2024, 1, 1), dt.date(2023, 12, 31)),
        ("at the start of the year", dt.date(2024, 4, 24), dt.date(2024, 1, 1)),
    ],
)
def test_dates_resolve_against_the_document_date(
    text: str, day: dt.date | None, expected: dt.date
) -> None:
    assert resolve(text, day) == [expected]


def test_a_range_keeps_its_end() -> None:
    (found,) = find_dates("will visit China from April 24 to 26.", dt.date(2024, 4, 22))
    assert (found.date, found.end_date) == (dt.date(2024, 4, 24), dt.date(2024, 4, 26))


def test_offsets_index_the_text() -> None:
    text = "Wang met Blinken on Monday in Beijing."
    (found,) = find_dates(text, dt.date(2023, 6, 19))
    assert text[found.start : found.end] == "on Monday"


def test_relative_dates_need_a_reference() -> None:
    assert resolve("on Monday", None) == []


def test_lunar_new_year_table_covers_2000_to_2040_in_winter() -> None:
    assert set(LUNAR_NEW_YEAR) == set(range(2000, 2041))
    for year in LUNAR_NEW_YEAR:
        day = lunar_new_year(year)
        assert day is not None and dt.date(year, 1, 21) <= day <= dt.date(year, 2, 20)


def test_document_date_from_a_dateline() -> None:
    assert document_date("Xinhua | April 24, 2024\n\nOn April 22, ...") == dt.date(2024, 4, 24)
    assert document_date("No date here at all.") is None
