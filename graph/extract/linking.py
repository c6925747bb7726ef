"""Entity linking: which actor a stretch of text names, on the document's date.

Names come from the graph (labels and aliases in every language); titles resolve through
posts and the holdings valid on the date ("the Chinese Foreign Minister" in 2021 is Wang Yi,
in 2023 Qin Gang); a bare surname resolves to the person last named in full in the same
document; "the two sides" and "China and the United States" are groups of both states. An
official named with a title but unknown to the graph becomes a new actor.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from graph.extract import lexicon as lx
from graph.extract.kb import Actor, KnowledgeBase
from graph.extract.text import Paragraph, nlp
from graph.namespaces import entity_iri

_CJK_CHAR = re.compile(r"[\uac00-\ud7a3\u3130-\u318f\u4e00-\u9fff]")
_NAME_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "On",
        "In",
        "At",
        "For",
        "And",
        "Of",
        "To",
        "By",
        "With",
        "From",
        "During",
        "After",
        "Before",
        "Since",
        "Under",
        "Both",
        "China",
        "United",
        "States",
        "U.S.",
        "US",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Mr.",
        "Ms.",
        "Mrs.",
        "Dr.",
        "President",
        "Secretary",
        "Minister",
        "Director",
        "State",
        "Councilor",
        "Chinese",
        "American",
    ]
)


@dataclass(frozen=True)
class NewActor:
    """A person the graph does not know yet, named with a title in the text."""

    slug: str
    label: str
    country: str | None
    post: str | None
    post_label: str | None
    #: The name as a Chinese text writes it ("毛宁"), when it came from one.
    zh_label: str | None = None

    @property
    def iri(self) -> str:
        return entity_iri("actor", self.slug)

    def as_actor(self) -> Actor:
        labels = {"en": self.label, **({"zh": self.zh_label} if self.zh_label else {})}
        return Actor(self.iri, "person", labels, [], self.country)


@dataclass
class Mention:
    start: int  # code-point offsets into the document
    end: int
    tok_start: int  # token indices in the paragraph (-1 for character-level mentions)
    tok_end: int
    actors: tuple[str, ...]
    kind: str  # person, state, organization, group, place
    text: str
    possessive: bool = False
    modifier: bool = False  # "China-U.S. relations": names a topic, not an agent
    new_actor: NewActor | None = None
    #: For "the two heads of state", "the two presidents": who they were on the date.
    persons: tuple[str, ...] = ()


@dataclass
class _Target:
    kind: str  # person, state, organization, post, place
    iri: str


def _text(name: str) -> str:
    """A name as matched: normalised, single spaces."""
    from graph.extract.text import normalise

    return " ".join(normalise(name).split())


def _exact(text: str) -> bool:
    """Short all-capital names (acronyms) match case-sensitively; the rest by lower case."""
    return len(text) <= 4 and text.upper() == text


def _names(source: KnowledgeBase) -> list[tuple[str, str, str]]:
    """``(kind, iri, name)`` for every name of ``source``'s actors, posts and places."""
    found = [(actor.kind, actor.iri, name) for actor in source.actors.values()
             for name in [*actor.labels.values(), *actor.aliases]]  # fmt: skip
    found += [("post", post.iri, name) for post in source.posts.values() for name in post.labels]
    found += [("place", place, name) for place, names in source.places.items() for name in names]
    return found


@dataclass
class Linker:
    """Matchers over every name in the knowledge base; build once, use for many documents."""

    kb: KnowledgeBase
    targets: dict[str, list[_Target]] = field(default_factory=dict)
    cjk: list[tuple[str, list[_Target]]] = field(default_factory=list)
    surnames: dict[str, set[str]] = field(default_factory=dict)
    #: Keys of ``targets`` in Chinese, Japanese or Korean script, in the order they came.
    _cjk_keys: dict[str, None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        vocab = nlp().vocab
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self._index(self.kb)

    def add(self, added: KnowledgeBase, kb: KnowledgeBase) -> None:
        """Index the names ``added`` brings, and read ``kb`` (which includes them) from now on.

        What a fresh ``Linker(kb)`` would hold when ``added``'s entries come last in ``kb``,
        at the cost of the new names only (a fresh one costs seconds at 1M triples).
        """
        self.kb = kb
        self._index(added)

    def remove(self, gone: KnowledgeBase) -> None:
        """Forget the names of ``gone``'s actors, posts and places (a write removed or changed
        them): what a fresh ``Linker`` over the knowledge base without them would hold, at the
        cost of their names only."""
        for _kind, iri, name in _names(gone):
            self._remove(name, iri)
        for actor in gone.actors.values():
            for holders in self.surnames.values():
                holders.discard(actor.iri)
        self.surnames = {k: v for k, v in self.surnames.items() if v}
        self.cjk = sorted(((key, self.targets[key]) for key in self._cjk_keys),
                          key=lambda kv: -len(kv[0]))  # fmt: skip

    def _remove(self, name: str, iri: str) -> None:
        text = _text(name)
        key = text if _exact(text) else text.lower()
        known = self.targets.get(key)
        if not key or known is None:
            return
        known[:] = [t for t in known if t.iri != iri]
        if known:
            return
        del self.targets[key]
        self._cjk_keys.pop(key, None)
        for matcher in (self.exact, self.lower):
            if key in matcher:
                matcher.remove(key)

    def _index(self, source: KnowledgeBase) -> None:
        for kind, iri, name in _names(source):
            self._add(name, _Target(kind, iri))
        for actor in source.actors.values():
            if actor.kind == "person":
                self._add_surname(actor)
        cjk = [(key, self.targets[key]) for key in self._cjk_keys]
        self.cjk = sorted(cjk, key=lambda kv: -len(kv[0]))

    # ------------------------------------------------------------------ building
    def _add(self, name: str, target: _Target) -> None:
        text = _text(name)
        if not text:
            return
        exact = _exact(text)
        key = text if exact else text.lower()
        if key not in self.targets and _CJK_CHAR.search(key):
            self._cjk_keys[key] = None
        known = self.targets.setdefault(key, [])
        if any(t.iri == target.iri for t in known):
            return
        known.append(target)
        if _CJK_CHAR.search(text) or len(known) > 1:
            return
        pattern = nlp().make_doc(text)
        (self.exact if exact else self.lower).add(key, [pattern])

    def _add_surname(self, actor: Actor) -> None:
        english = actor.labels.get("en", "")
        parts = [p for p in english.split() if p[:1].isupper()]
        if len(parts) < 2:
            return
        chinese = actor.country and actor.country.endswith("/china")
        surname = parts[0] if chinese else parts[-1]
        self.surnames.setdefault(surname, set()).add(actor.iri)

    # ------------------------------------------------------------------ linking
    def link(
        self, paragraphs: list[Paragraph], view: str, day: dt.date | None, home: str | None = None
    ) -> DocumentLinks:
        """Mentions of every paragraph, resolved on ``day``, in document order."""
        from graph.extract.zh import names

        links = DocumentLinks(self, day, home=home)
        for para in paragraphs:
            links.by_paragraph.append(
                names.link(links, para, view)
                if para.zh
                else links.link_cjk(para, view) if para.cjk else links.link_paragraph(para)
            )
        return links


@dataclass
class DocumentLinks:
    """The mentions of one document and what was learnt while reading it (new actors)."""

    linker: Linker
    day: dt.date | None
    by_paragraph: list[list[Mention]] = field(default_factory=list)
    new_actors: dict[str, NewActor] = field(default_factory=dict)
    recent_persons: list[str] = field(default_factory=list)
    local_names: dict[tuple[str, ...], str] = field(default_factory=dict)
    local_surnames: dict[str, str] = field(default_factory=dict)
    #: The publisher's state: that of an official its byline introduces.
    home: str | None = None

    @property
    def kb(self) -> KnowledgeBase:
        return self.linker.kb

    # ------------------------------------------------------------------ Latin-script text
    def link_paragraph(self, para: Paragraph) -> list[Mention]:
        doc = para.doc
        spans = [
            (s, e, doc.vocab.strings[k])
            for k, s, e in [*self.linker.lower(doc), *self.linker.exact(doc)]
        ]
        spans.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        chosen: list[tuple[int, int, str]] = []
        last_end = -1
        for start, end, key in spans:
            if start >= last_end:
                chosen.append((start, end, key))
                last_end = end
            elif end - start > chosen[-1][1] - chosen[-1][0] and start == chosen[-1][0]:
                chosen[-1] = (start, end, key)
                last_end = end
        mentions: list[Mention] = []
        for start, end, key in chosen:
            mention = self._resolve(para, doc, start, end, self.linker.targets[key])
            if mention:
                mentions.append(mention)
        mentions = self._titles_and_names(para, doc, mentions)
        mentions = self._titled(para, doc, mentions)
        mentions = self._appositive(para, doc, mentions)
        mentions = self._local(para, doc, mentions)
        mentions = self._surnames(para, doc, mentions)
        mentions = self._groups(para, doc, mentions)
        mentions = self._byline(para, doc, mentions)
        for m in mentions:
            if m.kind == "person" and len(m.actors) == 1:
                self._seen(m.actors[0])
        return mentions

    def _seen(self, person: str) -> None:
        if person in self.recent_persons:
            self.recent_persons.remove(person)
        self.recent_persons.append(person)

    def _mention(
        self, para: Paragraph, doc: Doc, start: int, end: int, actors: tuple[str, ...], kind: str
    ) -> Mention:
        first, last = doc[start], doc[end - 1]
        after = doc[end] if end < len(doc) else None
        before = doc[start - 1] if start > 0 else None
        possessive = after is not None and after.lower_ in {"'s", "'"}
        modifier = (after is not None and after.text == "-" and not last.whitespace_) or (
            before is not None and before.text == "-" and not before.whitespace_
        )
        return Mention(
            start=para.offset(first.idx),
            end=para.offset(last.idx + len(last.text)),
            tok_start=start,
            tok_end=end,
            actors=actors,
            kind=kind,
            text=para.text[first.idx : last.idx + len(last.text)],
            possessive=possessive,
            modifier=modifier,
        )

    def _resolve(
        self, para: Paragraph, doc: Doc, start: int, end: int, targets: list[_Target]
    ) -> Mention | None:
        actors = [t for t in targets if t.kind in {"person", "state", "organization"}]
        if actors:
            chosen = self._prefer(actors)
            return self._mention(para, doc, start, end, (chosen.iri,), chosen.kind)
        places = [t for t in targets if t.kind == "place"]
        if places:
            return self._mention(para, doc, start, end, (places[0].iri,), "place")
        posts = [t.iri for t in targets if t.kind == "post"]
        return self._mention(para, doc, start, end, tuple(posts), "post") if posts else None

    def _prefer(self, actors: list[_Target]) -> _Target:
        """Among actors sharing a name, the one last named in this document, else in post."""
        if len(actors) == 1:
            return actors[0]
        for person in reversed(self.recent_persons):
            for t in actors:
                if t.iri == person:
                    return t
        in_post = [t for t in actors if self.kb.posts_of(t.iri, self.day)]
        return in_post[0] if in_post else actors[0]

    def _titles_and_names(
        self, para: Paragraph, doc: Doc, mentions: list[Mention]
    ) -> list[Mention]:
        """A post name before a person's name is that person's title; alone, its holder."""
        out: list[Mention] = []
        i = 0
        while i < len(mentions):
            m = mentions[i]
            if m.kind != "post":
                out.append(m)
                i += 1
                continue
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt and nxt.kind in {"person", "post"} and _title_gap(doc, m.tok_end, nxt.tok_start):
                if nxt.kind == "person":
                    nxt.start, nxt.tok_start = m.start, m.tok_start
                    nxt.text = doc[m.tok_start : nxt.tok_end].text
                else:  # "Foreign Minister and State Councilor": keep the later title
                    nxt.start, nxt.tok_start = m.start, m.tok_start
                i += 1
                continue
            named = self._new_actor(para, doc, m)
            if named:
                out.append(named)
            else:
                holder = self._holder(doc, m)
                if holder:
                    out.append(holder)
            i += 1
        return out

    def _post_state(self, doc: Doc, m: Mention) -> str | None:
        prev = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
        slug = lx.DEMONYMS.get(prev)
        return entity_iri("actor", slug) if slug else None

    def _holder(self, doc: Doc, m: Mention) -> Mention | None:
        if m.tok_start > 0 and doc[m.tok_start - 1].text in _LOWER_RANKS:
            return None  # "Assistant Secretary of State": not the Secretary of State
        state = self._post_state(doc, m)
        holders: list[str] = []
        for post in m.actors:
            if state and self.kb.posts[post].state not in {None, state}:
                continue
            holders += self.kb.holders(post, self.day)
        if len(set(holders)) != 1 or self.day is None:
            return None
        m.actors, m.kind = (holders[0],), "person"
        if state:
            m.start -= len(doc[m.tok_start - 1].text) + len(doc[m.tok_start - 1].whitespace_)
            m.tok_start -= 1
        return m

    def _new_actor(self, para: Paragraph, doc: Doc, m: Mention) -> Mention | None:
        """ "Deputy Secretary of State Kurt Campbell", unknown to the graph: a new actor."""
        if m.tok_start > 0 and doc[m.tok_start - 1].text in _LOWER_RANKS:
            return None  # "Assistant Secretary of State ...": another post (see _titled)
        name_end = m.tok_end
        while name_end < len(doc) and name_end - m.tok_end < 2 and _name_token(doc[name_end]):
            name_end += 1
        if name_end - m.tok_end < 2:
            return None
        if _initial(doc[name_end - 1]) and name_end < len(doc) and _name_token(doc[name_end]):
            name_end += 1  # "Kurt M. Campbell"
        name = doc[m.tok_end : name_end].text
        slug = slugify(name)
        iri = entity_iri("actor", slug)
        post = m.actors[0] if len(m.actors) == 1 else None
        state = self._post_state(doc, m) or (self.kb.posts[post].state if post else None)
        if iri in self.kb.actors:
            actor = self.kb.actors[iri]
        elif slug:
            label = " ".join(name.split())
            new = self.new_actors.setdefault(
                slug, NewActor(slug, label, state, post, doc[m.tok_start : m.tok_end].text)
            )
            return self._new_person(para, doc, m.tok_start, name_end, new,
                                    doc[m.tok_end : name_end])
        else:
            return None
        return self._mention(para, doc, m.tok_start, name_end, (actor.iri,), "person")

    def _titled(self, para: Paragraph, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """ "Secretary of Commerce Gina Raimondo", "Vice President Kamala Harris": a title the
        graph has no post for, then a name it does not know, is a new actor too. Its state is
        the one named just before the title ("PRC Minister of Commerce"), else a Chinese one
        for a name in pinyin, else the publisher's (``home``)."""
        words = para.words
        if not _TITLE_HEADS.intersection(words):
            return mentions
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        found: list[Mention] = []
        i = 0
        while i < len(words):
            if words[i] not in _TITLE_HEADS or i in taken or (i and words[i - 1] in {"to", "by"}):
                i += 1  # "attributable to Spokesperson Ned Price": credited, not speaking
                continue
            k = i + 1
            if k < len(words) and words[k] == "of":
                k += 1
                if k < len(words) and words[k] == "the":
                    k += 1
                while k < len(words) and words[k][:1].isupper() and words[k] in _DEPARTMENTS:
                    k += 1
            if k < len(words) and words[k] == "for":  # "... of State for East Asian and
                r = k + 1  # Pacific Affairs Daniel Kritenbrink": the name closes the run
                while r < len(words) and r not in taken and (
                    words[r][:1].isupper() or words[r] in {"and", "the", "of"}
                ):
                    r += 1
                n = 3 if r - k > 3 and _initial(doc[r - 2]) else 2
                if r - n > k + 1 and all(
                    _name_token(doc[j]) or (n == 3 and j == r - 2) for j in range(r - n, r)
                ):  # "... Pacific Affairs Daniel J. Kritenbrink": the initial inside the name
                    k = r - n
            while k < len(words) and words[k] in _RANKS_BEFORE_NAMES:
                k += 1  # "Minister of National Defense Admiral Dong Jun"
            end = k
            while (
                end < len(doc)
                and end - k < 3
                and (_name_token(doc[end]) or (end > k and _initial(doc[end])))
                and end not in taken
            ):
                end += 1
            if end - k < 2 or any(_initial(doc[j]) for j in (k, end - 1)):
                i += 1
                continue
            name = " ".join(t.text for t in doc[k:end] if not _initial(t))  # no middle initial
            slug = slugify(name)
            if not slug or entity_iri("actor", slug) in self.kb.actors:
                i = end
                continue
            state = self._state_before(mentions, i) or (
                entity_iri("actor", "china") if all(_pinyin(w) for w in words[k:end]) else None
            ) or self.home
            new = self.new_actors.setdefault(
                slug, NewActor(slug, " ".join(name.split()), state, None, doc[i:k].text)
            )
            first = i
            while first > 0 and words[first - 1] in _RANK_WORDS and first - 1 not in taken:
                first -= 1  # "Vice President Kamala Harris": the whole title
            mention = self._new_person(para, doc, first, end, new, doc[k:end])
            found.append(mention)
            taken.update(range(i, end))
            i = end
        if not found:
            return mentions
        return sorted([*mentions, *found], key=lambda m: m.tok_start)

    def _appositive(self, para: Paragraph, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """ "Wu Yanan, commander of the Southern Theater Command of the PLA, held ...": a name
        the graph does not know, then its title in lower case after a comma (the news agencies'
        order), is a new actor. Its state is the one the title names ("commander of the U.S.
        Indo-Pacific Command"), else a Chinese one for a name in pinyin, else the publisher's."""
        words = para.words
        if "," not in words or not _APPOSITIVE_HEADS.intersection(w.lower() for w in words):
            return mentions
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        found: list[Mention] = []
        for k in range(len(words) - 3):
            ranked = k and words[k - 1] in _RANKS_BEFORE_NAMES  # "Senior Colonel Zhang Xiaogang"
            if k in taken or (
                k and not ranked and (_name_token(doc[k - 1]) or words[k - 1] in {"-", "'s"})
            ):
                continue
            end = k
            while end < len(doc) and end - k < 3 and _name_token(doc[end]) and end not in taken:
                end += 1
            if end - k < 2 or end >= len(words) or words[end] != ",":
                continue
            title = end + 1
            while title < len(words) and title - end <= 4 and words[title] in _APPOSITIVE_RANKS:
                title += 1
            if title >= len(words) or words[title] not in _APPOSITIVE_HEADS:
                continue
            name = doc[k:end].text
            slug = slugify(name)
            if not slug or entity_iri("actor", slug) in self.kb.actors:
                continue
            close = next(
                (j for j in range(title, min(len(words), title + 14)) if words[j] in {",", ";"}),
                min(len(words), title + 14),
            )
            named = [
                m
                for m in mentions
                if title <= m.tok_start < close and m.kind in {"state", "organization"}
            ]
            state = next(
                (
                    m.actors[0] if m.kind == "state" else self.kb.state_of(m.actors[0])
                    for m in named
                    if m.actors and (m.kind == "state" or self.kb.state_of(m.actors[0]))
                ),
                None,
            ) or (
                entity_iri("actor", "china") if all(_pinyin(w) for w in words[k:end]) else None
            ) or self.home
            new = self.new_actors.setdefault(
                slug, NewActor(slug, " ".join(name.split()), state, None, doc[title:close].text)
            )
            mention = self._new_person(para, doc, k, end, new, doc[k:end])
            found.append(mention)
            taken.update(range(k, end))
        if not found:
            return mentions
        return sorted([*mentions, *found], key=lambda m: m.tok_start)

    def _state_before(self, mentions: list[Mention], i: int) -> str | None:
        """The state named within a few tokens before token ``i`` ("PRC", "U.S.")."""
        for m in reversed(mentions):
            if m.tok_end <= i and i - m.tok_end <= 4:
                if m.kind == "state":
                    return m.actors[0]
                state = self.kb.state_of(m.actors[0]) if m.actors else None
                if state and m.kind == "organization":
                    return state
        return None

    def _byline(self, para: Paragraph, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """ "Ned Price, Department Spokesperson": a byline naming the official who speaks in a
        briefing; a person the graph does not know is a new actor (of no state yet: the
        publisher's, the pipeline decides)."""
        words = para.words
        if (
            mentions
            or len(words) > 8
            or len(words) < 4
            or words[2] != ","
            or not all(_name_token(doc[k]) for k in (0, 1))
            or not any(w.lower() in {"spokesperson", "spokesman", "spokeswoman"} for w in words)
        ):
            return mentions
        name = doc[0:2].text
        slug = slugify(name)
        iri = entity_iri("actor", slug)
        if iri in self.kb.actors:
            return [self._mention(para, doc, 0, 2, (iri,), "person")]
        title = doc[3:].text.strip()
        new = self.new_actors.setdefault(slug, NewActor(slug, name, self.home, None, title))
        return [self._new_person(para, doc, 0, 2, new, doc[0:2])]

    def _new_person(self, para: Paragraph, doc: Doc, start: int, end: int, new: NewActor,
                    name: Span) -> Mention:  # fmt: skip
        """A mention of the new person ``new`` over tokens ``start``-``end``, with ``name``
        learnt so that later mentions in the document find it."""
        mention = self._mention(para, doc, start, end, (new.iri,), "person")
        mention.new_actor = new
        self._seen(new.iri)
        self._learn(new, name)
        return mention

    def _learn(self, actor: NewActor, name: Span) -> None:
        """Remember a new actor's name and surname for the rest of the document."""
        words = tuple(t.text for t in name if not _initial(t))
        self.local_names[words] = actor.iri
        chinese = actor.country is not None and actor.country.endswith("/china")
        self.local_surnames[words[0] if chinese else words[-1]] = actor.iri

    def _local(self, para: Paragraph, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Later mentions of actors this document introduced ("Ma Zhaoxu said", "Lin Jian:")."""
        if not self.local_names:
            return mentions
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        found = []
        texts = para.words
        for words, iri in self.local_names.items():
            n = len(words)
            for i in range(len(texts) - n + 1):
                if i in taken or texts[i] != words[0] or tuple(texts[i : i + n]) != words:
                    continue
                found.append(self._mention(para, doc, i, i + n, (iri,), "person"))
                taken.update(range(i, i + n))
        return sorted([*mentions, *found], key=lambda m: m.tok_start)

    def _surnames(self, para: Paragraph, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        found: list[Mention] = []
        texts = para.words
        for i, text in enumerate(texts):
            if text.isupper() and len(text) > 2:
                text = text.title()  # "MR PRICE:", a transcript's label
            local = self.local_surnames.get(text)
            if local is None and text not in self.linker.surnames:
                continue
            if i in taken or not text[:1].isupper():
                continue
            nxt = texts[i + 1] if i + 1 < len(texts) else ""
            if nxt[:1].isupper() and nxt.isalpha():
                continue  # part of a longer name the graph does not know
            title = next((m for m in mentions if m.tok_end == i and m.kind == "person"), None)
            if title is not None and title.actors[0] in self.linker.surnames.get(text, ()):
                # "Foreign Minister Wang": the title's holder, named by surname too
                title.tok_end, title.end = i + 1, para.offset(doc[i].idx + len(doc[i].text))
                title.text = para.text[doc[title.tok_start].idx : doc[i].idx + len(doc[i].text)]
                continue
            person = self._titled_surname(mentions, i, text) or local
            person = person or self._surname_person(self.linker.surnames[text])
            if person:
                found.append(self._mention(para, doc, i, i + 1, (person,), "person"))
        if not found:
            return mentions
        return sorted([*mentions, *found], key=lambda m: m.tok_start)

    def _titled_surname(self, mentions: list[Mention], i: int, surname: str) -> str | None:
        """ "Foreign Minister Wang": the Wang who holds the post named just before, even when
        another Wang (the spokesperson) was named last."""
        post = next((m for m in mentions if m.tok_end == i and m.kind == "post"), None)
        if post is None or self.day is None:
            return None
        holders = {h for p in post.actors for h in self.kb.holders(p, self.day)}
        candidates = set(self.linker.surnames.get(surname, set()))
        if surname in self.local_surnames:
            candidates.add(self.local_surnames[surname])
        found = holders & candidates
        return next(iter(found)) if len(found) == 1 else None

    def _surname_person(self, candidates: set[str]) -> str | None:
        for person in reversed(self.recent_persons):
            if person in candidates:
                return person
        if len(candidates) == 1:
            return next(iter(candidates))
        in_post = [c for c in candidates if self.kb.posts_of(c, self.day)]
        return in_post[0] if len(in_post) == 1 else None

    def _groups(self, para: Paragraph, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """ "China and the United States", "both sides", "the two presidents": both states."""
        out: list[Mention] = []
        i = 0
        while i < len(mentions):
            m = mentions[i]
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if (
                nxt
                and m.kind == nxt.kind == "state"
                and not (m.possessive or m.modifier or nxt.possessive or nxt.modifier)
                and m.actors != nxt.actors
                and _joined_by_and(doc, m.tok_end, nxt.tok_start)
            ):
                group = self._mention(
                    para, doc, m.tok_start, nxt.tok_end, (*m.actors, *nxt.actors), "group"
                )
                group.possessive, group.modifier = nxt.possessive, nxt.modifier
                out.append(group)
                i += 2
                continue
            out.append(m)
            i += 1
        taken = {t for m in out for t in range(m.tok_start, m.tok_end)}
        for start, end in _joint_phrases(para.lows):
            if not taken.intersection(range(start, end)):
                group = self._mention(para, doc, start, end, (), "group")
                if set(para.lows[start:end]) & {"presidents", "heads", "leaders"}:
                    group.persons = self._heads_of_state()
                out.append(group)
        return sorted(out, key=lambda m: m.tok_start)

    def _heads_of_state(self) -> tuple[str, ...]:
        """The presidents in office on the document's date ("the two heads of state")."""
        people = []
        for post in self.kb.posts.values():
            if post.state and any(label.startswith("President of") for label in post.labels):
                people += self.kb.holders(post.iri, self.day)
        return tuple(sorted(set(people))) if self.day else ()

    # ------------------------------------------------------------------ Korean and Chinese
    def link_cjk(self, para: Paragraph, view: str) -> list[Mention]:
        """Names found as substrings at word starts (Korean particles attach to names)."""
        text = view[para.start : para.end]
        taken = [False] * len(text)
        mentions: list[Mention] = []
        for name, targets in self.linker.cjk:
            if name not in text:  # most names are not; a name's targets may be thousands
                continue
            actors = [t for t in targets if t.kind in {"person", "state", "organization"}]
            if not actors:
                continue
            for match in re.finditer(re.escape(name), text):
                s, e = match.span()
                if any(taken[s:e]) or (s > 0 and _CJK_CHAR.match(text[s - 1])):
                    continue
                for k in range(s, e):
                    taken[k] = True
                chosen = self._prefer(actors)
                mentions.append(
                    Mention(
                        para.offset(s), para.offset(e), -1, -1, (chosen.iri,), chosen.kind, name
                    )
                )
        return sorted(mentions, key=lambda m: m.start)


#: Capitalised head nouns of titles ("Secretary of Commerce", "Vice President", "Minister").
_TITLE_HEADS = frozenset(
    {"Secretary", "Minister", "President", "Premier", "Representative", "Ambassador", "Envoy",
     "Administrator", "Commissioner", "Advisor", "Adviser", "Chairman", "Chair",
     "Spokesperson", "Spokesman", "Spokeswoman"}
)
#: Lower-case head nouns of a title set after a name ("Wu Yanan, commander of ...").
_APPOSITIVE_HEADS = frozenset(
    {"commander", "director", "minister", "secretary", "spokesperson", "spokesman",
     "spokeswoman", "ambassador", "envoy", "adviser", "advisor", "chairman", "chair",
     "president", "premier", "head", "chief", "representative", "administrator", "governor"}
)
#: Words a lower-case title may open with before its head ("vice chairman", "deputy ...").
_APPOSITIVE_RANKS = frozenset(
    {"vice", "deputy", "assistant", "under", "acting", "executive", "special", "senior", "the",
     "a", "chinese", "u.s.", "foreign", "defense", "defence", "national", "security", "trade",
     "commerce", "finance", "state"}
)
_RANKS_BEFORE_NAMES = frozenset(
    {"Admiral", "General", "Gen.", "Adm.", "Colonel", "Col.", "Lieutenant", "Major", "Mr.", "Ms.",
     "Mrs.", "Dr.", "Madam", "Ambassador"}
)
#: Words before a post's name that make it another, lower post.
_LOWER_RANKS = frozenset({"Assistant", "Under", "Deputy", "Associate", "Vice"})
_RANK_WORDS = frozenset(
    {"Vice", "Deputy", "Under", "Assistant", "Acting", "Associate", "Special", "Executive"}
)
#: Words of a department in a title: "Secretary of Commerce", "Minister of the Treasury".
_DEPARTMENTS = frozenset(
    {"Commerce", "Treasury", "Defense", "Defence", "State", "Energy", "Agriculture", "Finance",
     "Trade", "Foreign", "Affairs", "National", "Homeland", "Security", "Justice", "Labor",
     "Transportation", "Health", "Education", "Ecology", "Environment", "Public", "Industry",
     "Information", "Technology", "Science", "and", "Human", "Services", "Interior"}
)
_PINYIN = re.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo"
    r"|ue|ui|er|a|e|i|o|u|v)"
)


def _pinyin(word: str) -> bool:
    """Is a name word a run of pinyin syllables ("Lifeng", "Wentao", "He")?"""
    low = word.lower()
    pos = 0
    while pos < len(low):
        for n in range(min(6, len(low) - pos), 0, -1):
            if _PINYIN.fullmatch(low, pos, pos + n):
                pos += n
                break
        else:
            return False
    return bool(low)


def _title_gap(doc: Doc, start: int, end: int) -> bool:
    """Only title words between a post and a name ("Foreign Minister and State Councilor")."""
    if end - start > 6:
        return False
    return all(
        t.text[:1].isupper() or t.lower_ in {"and", "of", "the", "-", ","} for t in doc[start:end]
    )


def _name_token(tok: Token) -> bool:
    text = tok.text
    return (
        text[:1].isupper()
        and text.replace("-", "").replace(".", "").isalpha()
        and text not in _NAME_STOP
        and not (len(text) > 1 and text.isupper())
    )


def _initial(tok: Token) -> bool:
    """A middle initial such as "M." or "J."."""
    return len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


def _joined_by_and(doc: Doc, start: int, end: int) -> bool:
    words = [t.lower_ for t in doc[start:end]]
    return words in (["and"], ["and", "the"], ["and", "its"])


def _joint_phrases(lows: list[str]) -> list[tuple[int, int]]:
    """Token spans of "both sides", "the two countries", "our two presidents" and the like."""
    found = []
    for i, low in enumerate(lows):
        if (
            low == "the"
            and i + 1 < len(lows)
            and lows[i + 1] in {"presidents", "leaders", "officials", "ministers", "delegations"}
            and (i + 2 >= len(lows) or lows[i + 2] not in {"of", "from", "in", "who"})
        ):
            found.append((i, i + 2))  # "the presidents" of a bilateral call: both sides
            continue
        if (
            low in {"neither", "each"}
            and i + 1 < len(lows)
            and i + 2 < len(lows)
            and lows[i + 1] in {"side", "country", "party", "government", "military"}
            and lows[i + 2] in {"should", "must", "will", "would", "shall", "can", "needs", "has"}
        ):
            found.append((i, i + 2))  # "Neither side should ...", "Each side will ...": both
            continue
        if (
            low == "both"
            and (i == 0 or lows[i - 1] in {",", ";", ":", "and"})
            and i + 1 < len(lows)
            and (lows[i + 1] in lx.AGREE_VERBS or lows[i + 1] in {"will", "would", "should"})
        ):
            found.append((i, i + 1))  # "Both agreed to maintain communication."
            continue
        if low not in {"both", "two"}:
            continue
        j = i + 1
        while j < len(lows) and j - i <= 3 and lows[j] not in lx.JOINT_HEADS:
            if not lows[j].isalpha() or lows[j] in {"of", "and"}:
                break
            j += 1
        if j < len(lows) and lows[j] in lx.JOINT_HEADS:
            start = i - 1 if i > 0 and lows[i - 1] in {"the", "our"} else i
            if i > 1 and lows[i - 1] in {"'s", "’s"} and lows[i - 2] == "world":
                # "the world's two largest economies": both, named by their rank
                start = i - 3 if i > 2 and lows[i - 3] == "the" else i - 2
            end = j + 1
            if lows[j] == "heads" and end + 1 < len(lows) and lows[end] == "of":
                end += 2
            found.append((start, end))
    return found


def slugify(name: str) -> str:
    """A slug from a person's name: ASCII, lowercase, hyphens ("Kurt M. Campbell" ->
    "kurt-m-campbell")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
