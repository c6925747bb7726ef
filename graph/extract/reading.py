"""Reading a document paragraph by paragraph: speakers, then the claims of each region."""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.extract import korean
from graph.extract import lexicon as lx
from graph.extract.claims import (
    Candidate,
    Context,
    agreed_item_claims,
    announces_agreed_points,
    announces_lines,
    opens_agreed_items,
    region_claims,
    track_subject,
)
from graph.extract.kb import KnowledgeBase
from graph.extract.linking import DocumentLinks
from graph.extract.parties import consensus_states
from graph.extract.sentences import sentences_of
from graph.extract.speakers import (
    Attribution,
    Speaker,
    find_frames,
    is_heading,
    sentence_regions,
    transcript_label,
)
from graph.extract.subjects import Subject
from graph.extract.text import Paragraph
from graph.extract.zh import reader

_AFTER_MODAL = re.compile(
    r"\b(?:must|should|will|would|can|could|shall|may|might)\s+(?:not\s+|never\s+)?"
    r"(?:\w+ly\s+)?([a-z]+)\b"
)


def document_states(
    kb: KnowledgeBase, links: DocumentLinks, publisher: Iterable[str] = ()
) -> tuple[str, ...]:
    """The two sides of the document (``parties.consensus_states``): the states its mentions
    name most and its publisher's, completed by the principal pair (fewer only when the graph
    knows fewer states; then no consensus can be told)."""
    named = [actor for mentions in links.by_paragraph for m in mentions for actor in m.actors]
    return consensus_states(kb, named=named, publisher=next(iter(sorted(publisher)), None))


def document_verbs(view: str) -> set[str]:
    """Words used as verbs in this document (after a modal): a list item may start with one."""
    from graph.extract import lexicon as lx

    found = {m.group(1) for m in _AFTER_MODAL.finditer(view)}
    return {w for w in found if w not in lx.NOT_VERBS and not w.endswith("ing") and len(w) > 2}


def read(
    kb: KnowledgeBase,
    paragraphs: list[Paragraph],
    links: DocumentLinks,
    view: str,
    publisher: set[str],
) -> list[Candidate]:
    """Every claim candidate of the document, in reading order."""
    kb = kb.with_actors([a.as_actor() for a in links.new_actors.values()])
    states = document_states(kb, links, publisher)
    for mentions in links.by_paragraph:
        for m in mentions:
            if m.kind == "group" and len(m.actors) != 2:
                m.actors = states
    att = Attribution(kb, publisher, day=links.day)
    if paragraphs and links.by_paragraph and not paragraphs[0].cjk:
        att.default = _speech_giver(att, paragraphs[0], links.by_paragraph[0])
    ctx = Context(kb, states, document_verbs(view), publisher=publisher, att=att)
    out: list[Candidate] = []
    for para, mentions in zip(paragraphs, links.by_paragraph, strict=True):
        if para.zh:
            out += reader.claims(ctx, para, mentions, view)
            continue
        if para.cjk:
            out += korean.claims(ctx, para, mentions, view)
            continue
        out += _paragraph(att, ctx, para, mentions, view)
    return out


_SPEECH_WORDS = frozenset({"remarks", "speech", "address", "statement", "keynote"})


def _speech_giver(att: Attribution, title: Paragraph, mentions: list) -> Speaker | None:
    """ "Ambassador Xie Feng's Remarks at a Reception ...": in a speech, everything not
    attributed to someone else is the speech giver's."""
    if not _SPEECH_WORDS.intersection(title.lows):
        return None
    lows = title.lows
    for m in mentions:
        if m.kind != "person" or len(m.actors) != 1:
            continue
        owner = m.possessive and lows[m.tok_end + 1 : m.tok_end + 2] and (
            lows[m.tok_end + 1] in _SPEECH_WORDS
        )  # "Ambassador Xie Feng's Remarks at ..."
        k = m.tok_start - 1
        while k > 0 and (lows[k] in lx.TITLE_WORDS or lows[k] in lx.OFFICIAL_NOUNS):
            k -= 1  # "Remarks by Ambassador Qin Gang": past the title the name does not carry
        by = k >= 1 and lows[k] == "by" and lows[k - 1] in _SPEECH_WORDS
        # "Remarks by President Biden"
        if owner or by:
            return Speaker(m.actors, "person")
    return None


def _speaker_from_trailing_frame(att: Attribution, sents: list) -> None:
    """ "Sentence one. Sentence two, he said.": the paragraph's first frame, when it trails a
    later sentence, names the speaker of the sentences before it too."""
    for k, sent in enumerate(sents):
        found = find_frames(att, sent)
        if found:
            if k > 0 and found[0].kind == "trail" and found[0].speaker is not None:
                att.carried = found[0].speaker
            return


def _numbered(para: Paragraph) -> bool:
    """Does a paragraph open with a list marker ("3.", "(b)", "Second,", "-")?"""
    first = para.lows[0] if para.lows else ""
    return (
        first.rstrip(".)").isdigit()
        or first in {"(", "-", "•"}
        or (first in lx.ORDINAL_ADVERBS and para.lows[1:2] == [","])
    )


def _journalist_turn(first, text: str, who: Speaker | None) -> bool:
    """A question put at a press conference ("AFP: ... What is your comment?", "Reuters: The
    Secretary said ... How do you respond?"): a short label no known speaker answers to, and a
    turn that ends asking. What it reports others said is the journalist's framing (guide)."""
    if who is not None or not text.rstrip().endswith("?"):
        return False
    lows = first.para.lows[first.start : first.end]
    colon = lows.index(":") if ":" in lows[:5] else -1
    return 0 < colon <= 3


_CONCEDING = frozenset({"says", "claims", "claim", "professes", "profess", "alleges"})


def _conceded(sent, frame, region) -> bool:
    """Words the speaker quotes only to rebut ("The U.S. says it does not support 'Taiwan
    independence', but its actions say otherwise"): a present-tense "says" or "claims" whose
    content is answered by ", but" or ", yet" in the same sentence is no claim of anyone's."""
    if frame.kind != "lead" or region.start != frame.content_start:
        return False
    if sent.low(frame.verb) not in _CONCEDING:
        return False
    return any(
        sent.low(k) == "," and sent.low(k + 1) in {"but", "yet"}
        for k in range(region.start, region.end)
    )


def _paragraph(att, ctx, para, mentions, view) -> list[Candidate]:
    sents = sentences_of(para, mentions)
    if not sents:
        return []
    is_label, who, content_start = transcript_label(att, sents[0])
    if not is_label and ctx.agreed_items and _numbered(para):
        items = [c for sent in sents for c in agreed_item_claims(ctx, sent)]
        if items:  # "1. to hold a further meeting ...;" after "The two sides decided:"
            for sent in sents:
                att.remember(sent)
            return items
    if _journalist_turn(sents[0], view[para.start : para.end], who):
        att.label_mode, att.carried = True, None  # "Reuters: Blinken said ... How do you respond?"
        for sent in sents:
            att.remember(sent)
        return []
    if is_label:
        att.label_mode, att.carried = True, who
    elif is_heading(view[para.start : para.end]):
        att.carried, att.label_mode = None, False
        for sent in sents:
            att.remember(sent)
        ctx.agreed_items = opens_agreed_items(ctx, sents[-1], sents[-1].start)
        return []
    if not att.label_mode:
        _speaker_from_trailing_frame(att, sents)
    out: list[Candidate] = []
    ctx.line_list = False
    if not _numbered(para):
        ctx.agreed_list = False  # numbered paragraphs go on with the points agreed before
        ctx.agreed_items = False
    for n, sent in enumerate(sents):
        if announces_lines(sent):
            ctx.line_list = True
        if announces_agreed_points(sent):
            ctx.agreed_list = True
        found = find_frames(att, sent)  # after the previous sentence: "he" is up to date
        regions = sentence_regions(att, sent, found, first=n == 0)
        for region in regions:
            if any(_conceded(sent, f, region) for f in found):
                region.intro = True  # "The U.S. says it does not seek ..., yet it keeps ..."
        if is_label and n == 0:
            for region in regions:
                region.start = max(region.start, content_start)
            regions = [r for r in regions if r.end > r.start]
        framed = None
        for frame in found:  # "The U.S. side said it will ...": "it" is the U.S. side
            if frame.speaker is not None and frame.speaker.kind == "state":
                framed = Subject(
                    "actor", frame.subj_start, frame.subj_end, frame.speaker.actors, "state"
                )
            elif frame.speaker is not None and frame.speaker.kind == "group":
                # "The two leaders affirmed the need to ... They agreed ...": both sides
                framed = Subject("joint", frame.subj_start, frame.subj_end, frame.speaker.actors)
        if framed is not None:
            ctx.last_subject = framed
        if regions:
            track_subject(ctx, sent, regions[-1].start, framed)
            ctx.agreed_items = opens_agreed_items(ctx, sent, regions[-1].start)
        for region in regions:
            out += region_claims(ctx, sent, region)
        att.remember(sent, keep_person=any(f.speaker and f.speaker.kind == "person" for f in found))
    return out
