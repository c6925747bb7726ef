"""The extraction development sets (data/devset): every gold file loads and agrees with its text.

A spec that the scorer would read wrongly (a quote not in the text, or in it twice without an
offset; a claimant the graph does not know and the spec does not declare; an unknown type) makes
the held-out figures meaningless, so each is checked here, as is the fixed split.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "data" / "devset").is_dir())
DEVSET = ROOT / "data" / "devset"
ACTORS = ROOT / "data" / "curated" / "actors.ttl"
TYPES = {"demand", "red_line", "commitment", "consensus"}
LANGS = ("en", "zh")
BOTH = ["china", "united-states"]
REQUIRED = {"title", "date", "publisher", "lang", "new_actors", "claims"}
CLAIM_KEYS = {"type", "claimants", "quote", "addressee", "negated", "start", "meeting"}


@cache
def graph_slugs() -> frozenset[str]:
    """Every dg:slug of the curated actors file (states, organisations, persons, posts)."""
    return frozenset(re.findall(r'dg:slug\s+"([^"]+)"', ACTORS.read_text(encoding="utf-8")))


def quote_start(text: str, claim: dict) -> int | None:
    """Where the claim's quote starts: its explicit offset, else its only occurrence."""
    quote = claim["quote"]
    if "start" in claim:
        start = claim["start"]
        return start if text[start : start + len(quote)] == quote else None
    first = text.find(quote)
    if first < 0 or text.find(quote, first + 1) >= 0:
        return None
    return first


def problems(text: str, spec: dict, lang: str, slugs: frozenset[str]) -> list[str]:
    """Everything wrong with one spec, as messages (empty when the spec is sound)."""
    out = [f"missing key {k}" for k in sorted(REQUIRED - spec.keys())]
    if spec.get("lang") != lang:
        out.append(f"lang {spec.get('lang')!r} is not the folder's {lang!r}")
    new = set(spec.get("new_actors", []))
    out += [f"new actor {s} is already in the graph" for s in sorted(new & slugs)]
    known = slugs | new
    for i, claim in enumerate(spec.get("claims", [])):
        where = f"claim {i} ({claim.get('quote', '')[:40]!r})"
        out += [f"{where}: unknown key {k}" for k in sorted(claim.keys() - CLAIM_KEYS)]
        if claim.get("type") not in TYPES:
            out.append(f"{where}: type {claim.get('type')!r}")
        if not claim.get("quote") or quote_start(text, claim) is None:
            out.append(f"{where}: quote absent, or ambiguous without a start offset")
        claimants = claim.get("claimants") or []
        if not claimants:
            out.append(f"{where}: no claimant")
        out += [f"{where}: unknown claimant {c}" for c in claimants if c not in known]
        addressee = claim.get("addressee")
        if addressee is not None and addressee not in known:
            out.append(f"{where}: unknown addressee {addressee}")
        if claim.get("type") == "consensus" and (sorted(claimants) != BOTH or addressee):
            out.append(f"{where}: a consensus is claimed by both states and has no addressee")
        if not isinstance(claim.get("negated"), bool):
            out.append(f"{where}: negated must be true or false")
    return out


def documents(lang: str) -> list[str]:
    return sorted(p.stem for p in (DEVSET / lang).glob("*.json"))


def load(lang: str, name: str) -> tuple[str, dict]:
    base = DEVSET / lang / name
    text = base.with_suffix(".txt").read_bytes().decode("utf-8")
    return text, json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))


CASES = [(lang, name) for lang in LANGS for name in documents(lang)]


@pytest.mark.parametrize(("lang", "name"), CASES, ids=[f"{la}/{n}" for la, n in CASES])
def test_spec_agrees_with_its_text(lang: str, name: str) -> None:
    text, spec = load(lang, name)
    assert problems(text, spec, lang, graph_slugs()) == []
    assert spec["claims"], "a development text with no claim tests nothing"


def test_checker_rejects_broken_specs() -> None:
    text = "Wang Yi said China will never accept it. China will never accept it."
    good = {
        "title": "t",
        "date": "2024-01-01",
        "publisher": "p",
        "lang": "en",
        "new_actors": [],
        "claims": [
            {
                "type": "red_line",
                "claimants": ["wang-yi"],
                "quote": "said China",
                "addressee": "united-states",
                "negated": True,
            }
        ],
    }
    assert problems(text, good, "en", graph_slugs()) == []
    bad_claims = [
        {**good["claims"][0], "quote": "China will never accept it"},  # twice, no offset
        {**good["claims"][0], "quote": "accept it", "start": 3},  # wrong offset
        {**good["claims"][0], "type": "threat"},
        {**good["claims"][0], "claimants": ["nobody-known"]},
        {**good["claims"][0], "type": "consensus"},  # one claimant, an addressee
        {**good["claims"][0], "negated": "no"},
    ]
    for claim in bad_claims:
        assert problems(text, {**good, "claims": [claim]}, "en", graph_slugs()), claim
    assert problems(text, {**good, "lang": "zh"}, "en", graph_slugs())
    assert problems(text, {**good, "new_actors": ["wang-yi"]}, "en", graph_slugs())


def test_split_is_fixed_and_consistent() -> None:
    split = json.loads((DEVSET / "split.json").read_text(encoding="utf-8"))
    for lang in LANGS:
        dev, held = set(split["development"][lang]), set(split["held_out"][lang])
        assert not dev & held, dev & held
        assert dev | held == set(documents(lang)), set(documents(lang)) ^ (dev | held)
        # a third of the texts when the split was decided; texts written later are
        # development texts (data/devset/README.md), so the held-out part stays as fixed
        assert len(held) >= {"en": 12, "zh": 7}[lang]
        assert len(documents(lang)) >= {"en": 30, "zh": 15}[lang]
        for part in (dev, held):
            types = {c["type"] for name in part for c in load(lang, name)[1]["claims"]}
            assert types == TYPES, (lang, types)


def test_retired_held_out_texts_are_development_texts() -> None:
    """A held-out set seen during development is retired, never held out again.

    Its texts stay as development texts (moving them back would reuse a spoiled set), and the
    set that replaces it shares no text with it.
    """
    split = json.loads((DEVSET / "split.json").read_text(encoding="utf-8"))
    retired = split.get("retired_held_out", {})
    assert retired.get("why"), "a retired set says why it was retired"
    for lang in LANGS:
        names = set(retired.get(lang, []))
        assert names <= set(split["development"][lang]), names - set(split["development"][lang])
        assert not names & set(split["held_out"][lang]), names & set(split["held_out"][lang])
    assert len(retired.get("zh", [])) == 7
