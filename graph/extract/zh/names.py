"""Names in Chinese text: actors and posts by their zh labels, titles before names, posts
alone resolved to their holder on the date, and officials the graph does not know.

Chinese writes no spaces, so names are found as substrings (longest first) anywhere, not at
word starts as in Korean. "国务委员兼外长王毅" is one mention of Wang Yi; "美国国务卿" alone is
whoever held the post on the document's date; "外交部发言人毛宁", unknown to the graph, is a new
actor (``pinyin`` spells the slug).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.linking import DocumentLinks, Linker, Mention, NewActor
from graph.extract.text import Paragraph
from graph.extract.zh import lexicon as zx
from graph.extract.zh import pinyin
from graph.extract.zh.foreign import AMERICANS
from graph.namespaces import entity_iri

_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3130-\u318f]")
#: What may join two titles of one person ("国务委员兼外长").
_TITLE_JOIN = ("兼", "、", "和", "")
#: Where an unknown name after a title ends: a report verb, a preposition, punctuation, or
#: the day of a dateline ("国防部长魏凤和10日在新加坡…": the 和 is the name's, not "and").
_NAME_END = re.compile(
    r"(?:" + "|".join(zx.REPORT_VERBS) + r"|在|就|对|向|同|与|和|于|主持|会见|今天|当天|应|也|还|"
    r"再次|进一步|日前|回答|答|\d{1,2}日|[，,。：:；;、\s“”\"（(])"
)
_PREFIXES = ("中华人民共和国", "美国", "中国")


@dataclass(frozen=True)
class _Name:
    kind: str  # person, state, organization, post, group
    iris: tuple[str, ...]
    #: A title short of its state ("国防部长" from "美国国防部长"): another state's too.
    derived: bool = False


def _table(linker: Linker) -> list[tuple[str, _Name]]:
    """The Chinese names the graph gives, with titles short of their state ("国务卿"), the
    sides ("中方", "美方") and both sides ("双方"); longest first. Built once per index."""
    kept: tuple[object, list[tuple[str, _Name]]] | None = getattr(linker, "_zh_table", None)
    if kept is not None and kept[0] is linker.cjk:
        return kept[1]
    names: dict[str, _Name] = {}
    for key, targets in linker.cjk:
        if not _HAN.search(key) or _HANGUL.search(key):
            continue
        actors = [t for t in targets if t.kind in {"person", "state", "organization"}]
        posts = [t for t in targets if t.kind == "post"]
        if actors:
            names[key] = _Name(actors[0].kind, tuple(t.iri for t in actors))
        elif posts:
            names[key] = _Name("post", tuple(t.iri for t in posts))
    for key, name in list(names.items()):
        if name.kind != "post":
            continue
        for prefix in _PREFIXES:
            short = key[len(prefix) :]
            if key.startswith(prefix) and len(short) >= 2 and short not in names:
                names[short] = _Name(name.kind, name.iris, derived=True)
        if key.startswith("外交部") and key.endswith("发言人"):
            names.setdefault("发言人", name)
        if "部部长" in key:
            names.setdefault(key.replace("部部长", "部长"), name)
    for key, slug in zx.SIDES.items():
        iri = entity_iri("actor", slug)
        if iri in linker.kb.actors:
            names.setdefault(key, _Name("state", (iri,)))
    for key in zx.JOINT:
        names.setdefault(key, _Name("group", ()))
    table = sorted(names.items(), key=lambda kv: -len(kv[0]))
    # kept on the linker (one per knowledge base), not declared by linking.py, which reads no
    # Chinese; the cache is dropped when the linker's names change (``kept[0]``)
    linker._zh_table = (linker.cjk, table)  # type: ignore[attr-defined]
    return table


def link(links: DocumentLinks, para: Paragraph, view: str) -> list[Mention]:
    """The mentions of a Chinese paragraph, resolved on the document's date."""
    text = view[para.start : para.end]
    taken = [False] * len(text)
    raw: list[tuple[int, int, str, _Name]] = []
    local = {words[0]: iri for words, iri in links.local_names.items() if len(words) == 1}
    for key, iri in local.items():
        _find(text, key, _Name("person", (iri,)), taken, raw)
    _americans(links, text, taken, raw)
    for key, name in _table(links.linker):
        _find(text, key, name, taken, raw)
    label = _LABEL.match(text)
    if label and not any(taken[: label.end(1)]):
        _labelled_official(links, label.group(1), taken, raw)
    _titled_officials(links, text, taken, raw)
    raw.sort(key=lambda r: r[0])
    out = _compose(links, para, text, raw)
    learned = {words[0]: iri for words, iri in links.local_names.items() if len(words) == 1}
    if learned.keys() - local.keys():  # "国防部长董军…。董军表示": named again in the paragraph
        more: list[tuple[int, int, str, _Name]] = []
        for key in learned.keys() - local.keys():
            _find(text, key, _Name("person", (learned[key],)), taken, more)
        out = sorted(
            [*out, *(_mention(para, text, s, e, n.iris, "person") for s, e, _, n in more)],
            key=lambda m: m.start,
        )
    for m in out:
        if m.kind == "person" and len(m.actors) == 1:
            links._seen(m.actors[0])
    return out


def _americans(
    links: DocumentLinks, text: str, taken: list[bool], raw: list[tuple[int, int, str, _Name]]
) -> None:
    """American officials the graph does not have, by their Chinese rendering ("康达"): a new
    actor of the United States, known by that name for the rest of the document."""
    us = entity_iri("actor", "united-states")
    if us not in links.kb.actors:
        return
    for name, (slug, label) in AMERICANS.items():
        if name not in text:
            continue
        iri = entity_iri("actor", slug)
        if iri not in links.kb.actors:
            new = links.new_actors.setdefault(slug, NewActor(slug, label, us, None, None, name))
            iri = new.iri
        links.local_names.setdefault((name,), iri)
        _find(text, name, _Name("person", (iri,)), taken, raw)


def _compose(
    links: DocumentLinks, para: Paragraph, text: str, raw: list[tuple[int, int, str, _Name]]
) -> list[Mention]:
    """Titles joined to the names after them, titles alone resolved, names as found."""
    out: list[Mention] = []
    i = 0
    while i < len(raw):
        start, end, _key, name = raw[i]
        if name.kind == "post" and _DEPUTY.search(text, 0, start):
            # "副国务卿温迪·舍曼": a deputy's title, not the principal's; the deputy is the one
            # named after it, and the title alone names them for the rest of the document
            nxt = raw[i + 1] if i + 1 < len(raw) else None
            lead = _DEPUTY.search(text, 0, start)
            assert lead is not None
            if nxt and nxt[3].kind == "person" and _GIVEN.fullmatch(text, end, nxt[0]):
                links.local_names.setdefault((text[lead.start() : end],), nxt[3].iris[0])
                out.append(_mention(para, text, lead.start(), nxt[1], nxt[3].iris[:1], "person"))
                i += 2
                continue
            known = links.local_names.get((text[lead.start() : end],))
            if known is not None:  # "常务副国务卿还表示": the deputy named earlier
                out.append(_mention(para, text, lead.start(), end, (known,), "person"))
                i += 1
                continue
            # "中央军委副主席张又侠": a Chinese official the graph does not know, not the holder
            # of the post the title contains
            found = _new_official(links, para, text, lead.start(), end, name, keep_post=False)
            if found is not None:
                out.append(found)
            i += 1
            continue
        if name.kind == "post":
            j = i
            while (
                j + 1 < len(raw)
                and raw[j + 1][3].kind == "post"
                and text[raw[j][1] : raw[j + 1][0]] in _TITLE_JOIN
            ):
                j += 1
            nxt = raw[j + 1] if j + 1 < len(raw) else None
            title = text[start : raw[j][1]]
            if nxt and nxt[3].kind == "person" and nxt[0] == raw[j][1]:
                out.append(_mention(para, text, start, nxt[1], nxt[3].iris[:1], "person"))
                for prefix in ("", *_PREFIXES):  # "美国常务副国务卿坎贝尔": the title, with
                    short = title[len(prefix) :]  # or without its state, names them later on
                    if title.startswith(prefix) and len(short) >= 3:
                        links.local_names.setdefault((short,), nxt[3].iris[0])
                i = j + 2
                continue
            known = links.local_names.get((title,))
            if known is not None:  # "常务副国务卿还表示": the one this title named before
                out.append(_mention(para, text, start, raw[j][1], (known,), "person"))
                i = j + 1
                continue
            post = raw[j][3]
            found = _new_official(links, para, text, start, raw[j][1], post)
            if found is None and post.derived and _name_follows(text, raw[j][1]):
                i = j + 1  # "国防部长董军": the title of someone else than its holder here
                continue
            if found is None:
                found = _holder(links, para, text, start, raw[j][1], post)
            out.append(found)
            i = j + 1
            continue
        if name.kind == "person" and i + 1 < len(raw):
            after = raw[i + 1]
            if after[3].kind == "post" and after[0] == end and not _name_follows(text, after[1]):
                end = after[1]  # "布林肯国务卿"
                i += 1
        out.append(_mention(para, text, start, end, name.iris[:1], name.kind))
        i += 1
    return out


#: What makes a title another post than the one it contains: "副国务卿", "助理国务卿".
_DEPUTY = re.compile(r"(?:常务副|副|助理)$")
#: A foreign given name before the surname the graph knows ("温迪·舍曼"), or nothing.
_GIVEN = re.compile(r"(?:[\u4e00-\u9fff]{1,4}[·•・])?")


def _find(
    text: str, key: str, name: _Name, taken: list[bool], raw: list[tuple[int, int, str, _Name]]
) -> None:
    if key not in text:
        return
    pos = text.find(key)
    while pos >= 0:
        end = pos + len(key)
        if not any(taken[pos:end]):
            for k in range(pos, end):
                taken[k] = True
            raw.append((pos, end, key, name))
        pos = text.find(key, end)


def _mention(
    para: Paragraph, text: str, start: int, end: int, actors: tuple[str, ...], kind: str
) -> Mention:
    return Mention(para.offset(start), para.offset(end), -1, -1, actors, kind, text[start:end])


def _name_follows(text: str, at: int) -> bool:
    """Do two or three characters of a name follow ``at`` (then a verb or punctuation)?"""
    return _unknown_name(text, at) is not None


def _unknown_name(text: str, at: int) -> str | None:
    for n in (3, 2):
        name = text[at : at + n]
        if len(name) == n and _HAN.fullmatch(name[0]) and all(_HAN.match(c) for c in name):
            rest = text[at + n :]
            if (not rest or _NAME_END.match(rest)) and pinyin.slug(name):
                return name
    return None


def _new_official(
    links: DocumentLinks,
    para: Paragraph,
    text: str,
    start: int,
    end: int,
    post: _Name,
    keep_post: bool = True,
) -> Mention | None:
    """ "外交部发言人毛宁": a Chinese official the graph does not know, after a title (the post
    is theirs unless the title only contains it: "副主席")."""
    name = _unknown_name(text, end)
    if name is None:
        return None
    kb = links.kb
    post_iri = post.iris[0] if len(post.iris) == 1 else None
    state = kb.posts[post_iri].state if post_iri and post_iri in kb.posts else None
    if post.derived and "美" in text[max(0, start - 6) : start]:
        return None  # "美国助理国务卿康达": an American the graph does not know
    if post.derived and (state is None or not state.endswith("/china")):
        # "国防部长董军": a Chinese name under a title the graph knows for another state only
        state, post_iri = entity_iri("actor", "china"), None
        if state not in kb.actors:
            return None
    if state is None or not state.endswith("/china"):
        return None
    if not keep_post:
        post_iri = None
    slug = pinyin.slug(name)
    label = pinyin.label(name)
    assert slug is not None and label is not None
    iri = entity_iri("actor", slug)
    if iri in kb.actors:
        actor_iri = iri
    else:
        new = links.new_actors.setdefault(
            slug, NewActor(slug, label, state, post_iri, text[start:end], name)
        )
        actor_iri = new.iri
        links.local_names[(name,)] = actor_iri
    mention = _mention(para, text, start, end + len(name), (actor_iri,), "person")
    if actor_iri != iri or iri not in kb.actors:
        mention.new_actor = links.new_actors.get(slug)
    links.local_names.setdefault((name,), actor_iri)
    return mention


#: "林剑：" at the start of a transcript paragraph: the speaker's label.
_LABEL = re.compile(r"([\u4e00-\u9fff]{2,3})[:：]")


def _labelled_official(
    links: DocumentLinks, name: str, taken: list[bool], raw: list[tuple[int, int, str, _Name]]
) -> None:
    """A transcript label with a Chinese name the graph does not know ("林剑：" when no title
    named them before): a Chinese official, the speaker of the answer."""
    slug = pinyin.slug(name)
    label = pinyin.label(name)
    china = entity_iri("actor", "china")
    if slug is None or label is None or china not in links.kb.actors:
        return
    iri = entity_iri("actor", slug)
    if iri not in links.kb.actors:
        new = links.new_actors.setdefault(slug, NewActor(slug, label, china, None, None, name))
        iri = new.iri
    links.local_names.setdefault((name,), iri)
    for k in range(len(name)):
        taken[k] = True
    raw.append((0, len(name), name, _Name("person", (iri,))))


#: A Chinese title the graph may not have, then a name: "中国气候变化事务特使解振华",
#: "商务部长王文涛". The title is the run of characters before the name up to punctuation.
_TITLED = re.compile(
    r"([\u4e00-\u9fff]{0,14}?(?:特使|大使|部长|主任|司长|发言人|副总理|总理|局长|署长|代表|"
    r"主席|委员|书记|外长))([\u4e00-\u9fff]{2,3})"
)


def _titled_officials(
    links: DocumentLinks, text: str, taken: list[bool], raw: list[tuple[int, int, str, _Name]]
) -> None:
    """Chinese officials named after a title the graph does not know: the name must read as a
    Chinese name (``pinyin``) and the title must not be another state's ("美国…")."""
    china = entity_iri("actor", "china")
    if china not in links.kb.actors or not any(c in text for c in "长使任员记表理席"):
        return
    for m in _TITLED.finditer(text):
        title, name = m.group(1), _unknown_name(text, m.start(2))
        if name is None or any(taken[m.start(2) : m.start(2) + len(name)]):
            continue
        if "美" in title or title.startswith(("同", "与", "和", "会见", "向")):
            continue
        slug, label = pinyin.slug(name), pinyin.label(name)
        assert slug is not None and label is not None
        iri = entity_iri("actor", slug)
        if iri not in links.kb.actors:
            new = links.new_actors.setdefault(slug, NewActor(slug, label, china, None, None, name))
            iri = new.iri
        links.local_names.setdefault((name,), iri)
        end = m.start(2) + len(name)
        for k in range(m.start(2), end):
            taken[k] = True
        raw.append((m.start(2), end, name, _Name("person", (iri,))))


def _holder(
    links: DocumentLinks, para: Paragraph, text: str, start: int, end: int, post: _Name
) -> Mention:
    """A title alone: its holder on the date when there is one, else the post itself."""
    holders = {h for p in post.iris for h in links.kb.holders(p, links.day)}
    if links.day is not None and len(holders) == 1:
        return _mention(para, text, start, end, (holders.pop(),), "person")
    return _mention(para, text, start, end, post.iris, "post")
