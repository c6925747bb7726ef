"""Entity linking: names in every language, titles, posts on the date, groups, new actors."""

from __future__ import annotations

import copy
import datetime as dt

from graph.extract.kb import bundled_kb
from graph.extract.linking import Linker, Mention, slugify
from graph.extract.text import normalise, paragraphs
from graph.namespaces import entity_iri
from tests.support.extract_support import corpus_text


def actor(slug: str) -> str:
    return entity_iri("actor", slug)


def mentions(text: str, day: dt.date, linker: Linker | None = None) -> list[tuple[str, Mention]]:
    linker = linker or Linker(bundled_kb())
    view = normalise(text)
    links = linker.link(paragraphs(view), view, day)
    return [(text[m.start : m.end], m) for found in links.by_paragraph for m in found]


def linked(text: str, day: dt.date) -> dict[str, tuple[str, ...]]:
    return {surface: m.actors for surface, m in mentions(text, day)}


def test_korean_summary_names_are_linked() -> None:
    text = corpus_text("2021-03-18-anchorage-compilation")
    korean = text[text.index("*구체적") : text.index("Secretary Antony J. Blinken")]
    found = {m.actors[0] for _, m in mentions(korean, dt.date(2021, 3, 19)) if m.kind == "person"}
    assert {
        actor("antony-blinken"),
        actor("jake-sullivan"),
        actor("yang-jiechi"),
        actor("wang-yi"),
    } <= found


def test_korean_names_keep_offsets_into_the_text_as_stored() -> None:
    text = "미국측 토니\u00a0블링컨 국무장관과 왕이 외교부장도 밝힘."
    found = mentions(text, dt.date(2021, 3, 19))
    surfaces = {surface: m.actors for surface, m in found}
    assert surfaces["토니\u00a0블링컨"] == (actor("antony-blinken"),)  # no-break space kept
    assert surfaces["왕이 외교부장"] == (actor("wang-yi"),)


def test_titles_and_descriptions_resolve_to_persons() -> None:
    found = linked(
        "Secretary Blinken met the Chinese top diplomat, and the U.S. side said so.",
        dt.date(2023, 6, 19),
    )
    assert found["Secretary Blinken"] == (actor("antony-blinken"),)
    assert found["Chinese top diplomat"] == (actor("wang-yi"),)
    assert found["the U.S. side"] == (actor("united-states"),)


def test_a_post_alone_resolves_to_its_holder_on_the_date() -> None:
    text = "The Chinese Foreign Minister spoke."
    assert linked(text, dt.date(2021, 3, 19))["Chinese Foreign Minister"] == (actor("wang-yi"),)
    assert linked(text, dt.date(2023, 6, 18))["Chinese Foreign Minister"] == (actor("qin-gang"),)


def test_the_two_heads_of_state_are_both_presidents() -> None:
    (_, group), = [
        (s, m) for s, m in mentions("The two heads of state agreed.", dt.date(2021, 9, 22))
        if m.kind == "group"
    ]
    assert set(group.persons) == {actor("xi-jinping"), actor("joe-biden")}


def test_a_surname_resolves_to_the_person_named_in_full_before() -> None:
    text = "Yang Tao briefed the press. Yang said the talks were candid."
    found = [m.actors for s, m in mentions(text, dt.date(2023, 6, 19)) if s == "Yang"]
    assert found == [(actor("yang-tao"),)]  # not Yang Jiechi


def test_an_official_unknown_to_the_graph_becomes_a_new_actor() -> None:
    kb = copy.copy(bundled_kb())
    kb.actors = {k: v for k, v in kb.actors.items() if k != actor("wendy-sherman")}
    kb.holdings = [h for h in kb.holdings if h.holder != actor("wendy-sherman")]
    found = mentions(
        "Deputy Secretary of State Wendy Sherman held talks in Tianjin.",
        dt.date(2021, 7, 26),
        Linker(kb),
    )
    new = next(m.new_actor for _, m in found if m.new_actor is not None)
    assert new.slug == "wendy-sherman" and new.label == "Wendy Sherman"
    assert new.post == entity_iri("post", "us-deputy-secretary-of-state")
    assert new.country == actor("united-states")


def test_possessives_and_compounds_are_not_agents() -> None:
    found = [m for _, m in mentions("China's view of China-U.S. relations.", dt.date(2024, 1, 1))]
    assert [(m.possessive, m.modifier) for m in found] == [
        (True, False),  # China's
        (False, True),  # China-
        (False, True),  # -U.S.
    ]


def test_slugify_makes_ascii_slugs() -> None:
    assert slugify("Kurt M. Campbell") == "kurt-m-campbell"
    assert slugify("José Ramos-Horta") == "jose-ramos-horta"
