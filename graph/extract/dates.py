"""Dates in readouts, resolved against the document's date without any network.

Readouts rarely give a full date: "on Monday", "last November", "at the start of the year",
"the Chinese Lunar New Year's Eve". Each is resolved to the most plausible day relative to the
document date (past for past tense reports, the nearest occurrence for bare month-days).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

#: First day of the Chinese lunar year (Spring Festival), 2000-2040.
LUNAR_NEW_YEAR = {
    2000: (2, 5), 2001: (1, 24), 2002: (2, 12), 2003: (2, 1), 2004: (1, 22), 2005: (2, 9),
    2006: (1, 29), 2007: (2, 18), 2008: (2, 7), 2009: (1, 26), 2010: (2, 14), 2011: (2, 3),
    2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28),
    2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22),
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13),
    2030: (2, 3), 2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
    2036: (1, 28), 2037: (2, 15), 2038: (2, 4), 2039: (1, 24), 2040: (2, 12),
}  # fmt: skip

_MONTH = r"(?=[adfjmnos])(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?=[mtwfs])(?P<weekday>" + "|".join(WEEKDAYS) + r")"
#: Patterns over the lower-cased text (case-insensitive matching is several times slower).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    (
        "month-day",
        re.compile(
            rf"\b{_MONTH}\s+{_DAY}"
            r"(?:\s*(?:-|–|to|and|through)\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
            rf"(?:,?\s+{_YEAR})?\b"
        ),
    ),
    ("day-month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b")),
    # Chinese: "2024年5月20日", "5月20日", and "20日" (a day of the document's month)
    (
        "zh-date",
        re.compile(r"(?:(?P<year>(?:19|20)\d{2})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]"),
    ),
    ("zh-day", re.compile(r"(?<![\d月])(?P<day>\d{1,2})日")),
    (
        "lunar-eve",
        re.compile(
            r"\b(?:(?:the\s+)?(?:chinese\s+)?(?:lunar\s+)?new\s+year'?s?\s+eve"
            r"|(?:the\s+)?eve\s+of\s+the\s+(?:chinese\s+)?(?:lunar\s+)?new\s+year)\b"
        ),
    ),
    ("lunar", re.compile(r"\b(?:chinese\s+(?:lunar\s+)?new\s+year|spring\s+festival)\b")),
    ("weekday", re.compile(rf"\b(?:(?P<rel>last|this|next|on)\s+)?{_WEEKDAY}\b")),
    ("last-month-name", re.compile(rf"\b(?P<rel>last|this|next)\s+{_MONTH}\b")),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|tomorrow|last week|last month|last year|this year|"
            r"earlier this year|at the (?:start|beginning) of the year|earlier this month)\b"
        ),
    ),
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date
    end_date: dt.date | None = None
    kind: str = ""


def lunar_new_year(year: int) -> dt.date | None:
    month_day = LUNAR_NEW_YEAR.get(year)
    return dt.date(year, *month_day) if month_day else None


def _nearest_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The month-day in the year that puts it closest to ``ref`` (within half a year)."""
    best = None
    for year in (ref.year, ref.year - 1, ref.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - ref).days) < abs((best - ref).days):
            best = candidate
    return best


def _weekday(name: str, rel: str | None, ref: dt.date) -> dt.date:
    target = WEEKDAYS.index(name.lower())
    back = (ref.weekday() - target) % 7
    if rel and rel.lower() == "next":
        return ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
    if rel and rel.lower() == "last" and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _resolve(kind: str, m: re.Match[str], ref: dt.date | None) -> DateMention | None:
    groups = m.groupdict()
    text = m.group(0)
    if kind == "iso":
        try:
            day = dt.date(int(groups["year"]), int(groups["month"]), int(groups["day"]))
        except ValueError:
            return None
        return DateMention(m.start(), m.end(), text, day, kind=kind)
    if kind == "zh-day":
        if ref is None:
            return None
        try:
            day = ref.replace(day=int(groups["day"]))
        except ValueError:
            return None
        return DateMention(m.start(), m.end(), text, day, kind=kind)
    if kind in {"month-day", "day-month", "zh-date"}:
        month = int(groups["month"]) if kind == "zh-date" else MONTHS[groups["month"].lower()]
        day_num = int(groups["day"])
        try:
            if groups.get("year"):
                day = dt.date(int(groups["year"]), month, day_num)
            elif ref is not None:
                found = _nearest_year(month, day_num, ref)
                if found is None:
                    return None
                day = found
            else:
                return None
            end = day.replace(day=int(groups["day2"])) if groups.get("day2") else None
        except ValueError:
            return None
        return DateMention(m.start(), m.end(), text, day, end, kind)
    if ref is None:
        return None
    if kind in {"lunar-eve", "lunar"}:
        for year in (ref.year, ref.year - 1):
            new_year = lunar_new_year(year)
            if new_year is None:
                continue
            day = new_year - dt.timedelta(days=1) if kind == "lunar-eve" else new_year
            if day <= ref:
                return DateMention(m.start(), m.end(), text, day, kind=kind)
        return None
    if kind == "weekday":
        return DateMention(
            m.start(), m.end(), text, _weekday(groups["weekday"], groups["rel"], ref), kind=kind
        )
    if kind == "last-month-name":
        month, rel = MONTHS[groups["month"].lower()], groups["rel"].lower()
        year = ref.year
        if rel == "last" and month >= ref.month:
            year -= 1
        elif rel == "next" and month <= ref.month:
            year += 1
        return DateMention(m.start(), m.end(), text, dt.date(year, month, 1), kind="month")
    return _relative(m, groups["rel"].lower(), ref)


def _relative(m: re.Match[str], rel: str, ref: dt.date) -> DateMention:
    shifts = {"yesterday": -1, "today": 0, "tomorrow": 1, "last week": -7}
    if rel in shifts:
        day = ref + dt.timedelta(days=shifts[rel])
    elif rel == "last month":
        day = (ref.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    elif rel == "last year":
        day = dt.date(ref.year - 1, 1, 1)
    elif rel == "earlier this month":
        day = ref.replace(day=1)
    else:  # this year, earlier this year, at the start of the year
        day = dt.date(ref.year, 1, 1)
    return DateMention(m.start(), m.end(), m.group(0), day, kind=rel)


def find_dates(text: str, ref: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text`` resolved against ``ref``, longest first per place."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: keep offsets true
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(low):
            if kind == "weekday" and not m.group("weekday"):
                continue
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            mention = _resolve(kind, m, ref)
            if mention:
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def document_date(text: str) -> dt.date | None:
    """A date stated in the first lines (a dateline, "MARCH 18, 2021", "Xinhua | April 24,
    2024"), when the caller did not give one."""
    head = text[:400]
    for mention in find_dates(head, None):
        if mention.kind in {"iso", "month-day", "day-month", "zh-date"} and re.search(
            r"(19|20)\d{2}", mention.text
        ):
            return mention.date
    return None
