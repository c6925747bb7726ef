"""``json_answer`` writes what the response model would, and says so when it would not."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import BaseModel

from api.json_answer import CHECK_ENV, Written, json_answer, written_answer


class Inner(BaseModel):
    day: dt.date
    at: dt.datetime | None = None


class Outer(BaseModel):
    name: str
    items: list[Inner]
    tags: list[str]


DATA = {
    "name": "王毅 — Wang Yi",
    "items": [{"day": dt.date(2023, 6, 19), "at": dt.datetime(2023, 6, 19, 8, 30, tzinfo=dt.UTC)},
              {"day": dt.date(2024, 1, 2), "at": None}],
    "tags": ["b", "a"],
}


def test_the_body_is_what_the_model_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CHECK_ENV, "1")
    answer = json_answer(Outer, DATA)
    assert answer.media_type == "application/json"
    assert json.loads(answer.body) == Outer.model_validate(DATA).model_dump(mode="json")
    assert "王毅".encode() in answer.body  # UTF-8, as pydantic writes it, not \\u escapes


@pytest.mark.parametrize("bad", [
    {**DATA, "extra": 1},  # a key the model would drop
    {**DATA, "items": [{"day": dt.date(2023, 6, 19)}]},  # a default the model would add
])
def test_a_difference_fails_when_checked(monkeypatch: pytest.MonkeyPatch, bad: dict) -> None:
    monkeypatch.setenv(CHECK_ENV, "1")
    with pytest.raises(AssertionError, match="differs"):
        json_answer(Outer, bad)
    monkeypatch.setenv(CHECK_ENV, "0")
    json_answer(Outer, bad)  # unchecked: written as given


def test_written_parts_are_spliced_as_json_answer_would_write_them(
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv(CHECK_ENV, "1")
    items = [Written(json_answer(Inner, item).body) for item in DATA["items"]]
    assert written_answer(Outer, {**DATA, "items": items}).body == json_answer(Outer, DATA).body
    with pytest.raises(AssertionError, match="differs"):  # checked as json_answer is
        written_answer(Outer, {**DATA, "items": [Written(b'{"day":"2023-06-19","x":1}')]})
