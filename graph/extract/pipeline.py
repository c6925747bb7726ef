"""The pipeline: a document's text and metadata in, claim records and their RDF out.

    text -> paragraphs and sentences (text) -> mentions (linking) -> speakers and claim
    candidates (reading) -> dates, meetings, topics, reiteration -> records -> RDF (rdf)

Build one ``Extractor`` per knowledge base and reuse it: the matchers are built once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from rdflib import Graph

from graph.extract import zh
from graph.extract.claims import CODES, Candidate
from graph.extract.dates import DateMention, document_date, find_dates
from graph.extract.kb import KnowledgeBase, slug_of
from graph.extract.ledger.detect import Detector
from graph.extract.ledger.records import records as event_records
from graph.extract.linking import Linker, NewActor, slugify
from graph.extract.meetings import MeetingLinker, NewEngagement
from graph.extract.parties import consensus_states
from graph.extract.reading import document_states, read
from graph.extract.reiteration import Reiterations, content_words, similarity
from graph.extract.text import Paragraph, normalise, paragraphs
from graph.extract.topics import TopicTagger
from graph.extract.zh import topics as zh_topics
from graph.extract.zh.segment import sentences as zh_sentences
from graph.namespaces import entity_iri

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass
class DocumentMeta:
    """What the caller knows about a document; everything is optional."""

    title: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    slug: str | None = None
    file_name: str | None = None
    #: "zh", "en", or None to tell Chinese paragraphs by their share of Han characters.
    lang: str | None = None


@dataclass
class Extraction:
    text: str
    meta: DocumentMeta
    slug: str
    sha256: str
    date: dt.date | None
    claims: list[dict]
    new_actors: list[NewActor] = field(default_factory=list)
    new_engagement: NewEngagement | None = None
    publisher_actor: str | None = None
    publisher_state: str | None = None
    languages: list[str] = field(default_factory=list)
    reports_on: list[str] = field(default_factory=list)
    #: Status events the document states about stored claims and bundles (``ledger``).
    events: list[dict] = field(default_factory=list)
    #: English labels of the actors the events name (for their statements).
    actor_labels: dict[str, str] = field(default_factory=dict)

    @property
    def iri(self) -> str:
        return entity_iri("document", self.slug)

    def graph(self) -> Graph:
        """The RDF that ingesting this document writes (its own named graph)."""
        from graph.extract.rdf import build_graph

        return build_graph(self)


class Extractor:
    """Extraction against one knowledge base (the graph as it was when this was built)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.linker = Linker(kb)
        self.topics = TopicTagger(kb)
        self.reiterations = Reiterations(kb)
        self.ledger = Detector(kb)

    def extend(self, added: KnowledgeBase, kb: KnowledgeBase) -> None:
        """Take in what an ingest added (``added``, already merged into ``kb``) in place.

        Building an extractor indexes every name and claim of the knowledge base; this indexes
        only the new ones. Only for an extractor no extraction is using meanwhile (the one
        ``graph.extract.kb_cache`` keeps is used under the write lock).
        """
        self.kb = kb
        self.linker.add(added, kb)
        self.topics = TopicTagger(kb) if added.topics else self.topics
        self.topics.kb = kb
        self.reiterations.add(added.claims)
        self.ledger.extend(added, kb)

    def forget(self, gone: KnowledgeBase, keys: set[str]) -> None:
        """Forget what a write removed or changed (``keys``; ``gone``: the named entries among
        them), in place, before ``extend`` takes in their new state: deleting a document that
        introduced an official no longer rebuilds every matcher (seconds at 1M triples)."""
        self.linker.remove(gone)
        if gone.topics:
            self.topics = TopicTagger(self.kb)
        self.reiterations.remove(keys)
        self.ledger.forget(keys)

    def extract(self, text: str, meta: DocumentMeta | None = None) -> Extraction:
        meta = meta or DocumentMeta()
        view = normalise(text)
        day = meta.date or document_date(text)
        paras = paragraphs(view)
        zh.mark(paras, meta.lang)
        publisher = self._publisher(meta, paras, view)
        home = self.kb.state_of(publisher) if publisher else None
        links = self.linker.link(paras, view, day, home)
        # the graph as this document sees it: with the officials it introduces
        kb = self.kb.with_actors([a.as_actor() for a in links.new_actors.values()])
        candidates = read(kb, paras, links, view, {publisher} if publisher else set())
        candidates = _dedupe(candidates)
        dates = find_dates(view, day)
        meetings = MeetingLinker(kb, day, dates)
        meetings.create(_lead_sentences(paras, links.by_paragraph))
        if meetings.created is not None:
            sides = document_states(kb, links, {publisher} if publisher else set())
            _consensus_at(kb, candidates, sides, meetings.created.participants)
        slug = meta.slug or self._document_slug(meta, day, paras, view)
        records = self._records(kb, text, paras, candidates, dates, meetings, slug)
        title = meta.title or _title(paras, view)
        home = self.kb.state_of(publisher) if publisher else _lead_state(kb, links.by_paragraph)
        states = document_states(kb, links, {publisher} if publisher else set())
        found = self.ledger.detect(
            kb, paras, links.by_paragraph, view, day, dates, home, states, records
        )
        taken = {r["id"] for r in records}
        return Extraction(
            text=text,
            meta=DocumentMeta(
                title, day, meta.publisher, meta.url, slug, meta.file_name, meta.lang
            ),
            slug=slug,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            date=day,
            claims=records,
            new_actors=list(links.new_actors.values()),
            new_engagement=meetings.created,
            publisher_actor=publisher,
            publisher_state=self.kb.state_of(publisher),
            languages=_languages(text, paras),
            reports_on=sorted({r["meeting_iri"] for r in records if r["meeting_iri"]}),
            events=event_records(found, text, slug, taken, self.ledger.about(found),
                                 self.kb.iris),
            actor_labels={
                a: kb.actors[a].label for e in found for a in e.asserted_by if a in kb.actors
            },
        )

    # ------------------------------------------------------------------ metadata
    def _publisher(self, meta: DocumentMeta, paras: list[Paragraph], view: str) -> str | None:
        """The actor the publisher name (or a byline) names: never a claimant."""
        names = [meta.publisher] if meta.publisher else []
        names += [view[p.start : p.end] for p in paras[:2] + paras[-2:]]
        for name in names:
            low = name.lower()
            if not meta.publisher:  # a byline names the organization exactly
                found = self.kb.organization_named().get(low.strip())
                if found:
                    return found
                continue
            for iri, labels in self.kb.organization_names():
                if any(lab == low.strip() or lab in low for lab in labels):
                    return iri
        return None

    def _document_slug(
        self, meta: DocumentMeta, day: dt.date | None, paras: list[Paragraph], view: str
    ) -> str:
        words = slugify(meta.title or _title(paras, view)).split("-")[:8]
        base = "-".join([day.isoformat() if day else "undated", *[w for w in words if w]])
        slug, n = base, 2
        while entity_iri("document", slug) in self.kb.iris:
            slug, n = f"{base}-{n}", n + 1
        return slug

    # ------------------------------------------------------------------ records
    def _records(
        self,
        kb: KnowledgeBase,
        text: str,
        paras: list[Paragraph],
        candidates: list[Candidate],
        dates: list[DateMention],
        meetings: MeetingLinker,
        doc_slug: str,
    ) -> list[dict]:
        """One record per evidence span; repeats of one claim share its ``id``."""
        topic_spans = {id(p): self.topics.spans(p) for p in paras if not p.cjk}
        topic_spans.update({id(p): zh_topics.spans(kb, p, text) for p in paras if p.zh})
        records: list[dict] = []
        groups: list[tuple[frozenset[str], dict]] = []
        taken: set[str] = set()
        for cand in candidates:
            para = _paragraph_of(paras, cand.start)
            context = _context(cand, para)
            near = [d for d in dates if context[0] <= d.start < context[1]]
            meeting, claim_day = meetings.link(cand.claimants, cand.type == "consensus", near)
            topics = self.topics.tag(topic_spans.get(id(para), []), cand.start, cand.end, context)
            record = _record(kb, cand, text[cand.start : cand.end], topics, meeting, claim_day)
            record["document"] = doc_slug
            stored = self.reiterations.find(cand.type, cand.claimants, record["quote"], claim_day)
            record["reiterates"] = slug_of(stored.iri) if stored else None
            record["reiterates_iri"] = stored.iri if stored else None
            record["id"] = self._claim_id(record, groups, taken)
            records.append(record)
        return records

    def _claim_id(
        self, record: dict, groups: list[tuple[frozenset[str], dict]], taken: set[str]
    ) -> str:
        """One claim per content: a repeat in the same document is more evidence of it."""
        words = content_words(record["quote"])
        for other_words, other in groups:
            if (
                other["type"] == record["type"]
                and other["claimants"] == record["claimants"]
                and similarity(words, other_words) >= 0.75
                and min(len(words), len(other_words)) >= 2
            ):
                return str(other["id"])
        who = (
            "-".join(record["claimants"][:2])
            if record["type"] != "consensus"
            else "-".join(record["claimants"])
        )
        gist = "-".join(slugify(w) for w in record["quote"].split()[:6] if slugify(w))[:60].strip(
            "-"
        )
        base = "--".join(
            [record["date"] or "undated", who, record["type"].replace("_", "-"), gist or "claim"]
        )
        slug, n = base, 2
        while slug in taken or entity_iri("claim", slug) in self.kb.iris:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        record["id"] = slug
        groups.append((words, record))
        return slug


def _context(cand: Candidate, para: Paragraph) -> tuple[int, int]:
    """Where to look for a claim's date and topics: its sentence (its paragraph in Korean)."""
    sent = cand.sentence
    if sent is None and para.zh:
        at = cand.start - para.start
        spans = [(s, e) for s, e in zh_sentences(para.text) if s <= at < e]
        s, e = spans[0] if spans else (0, len(para.text))
        return para.start + s, para.start + e
    if sent is None:
        return para.start, para.end
    return sent.char(sent.start), sent.char_end(sent.end - 1)


def _record(
    kb: KnowledgeBase,
    cand: Candidate,
    quote: str,
    topics: list[str],
    meeting: str | None,
    day: dt.date | None,
) -> dict:
    """The claim record ``extract`` prints (the ``*_iri`` fields are for the RDF)."""
    label = _label(kb, cand.claimants, cand.type)
    return {
        "type": cand.type,
        "claimant": slug_of(cand.claimants[0]) if len(cand.claimants) == 1 else None,
        "claimants": sorted(slug_of(c) for c in cand.claimants),
        "claimant_label": label,
        "addressee": slug_of(cand.addressee) if cand.addressee else None,
        "text": statement(label, cand.type, quote),
        "quote": quote,
        "start": cand.start,
        "end": cand.end,
        "negated": cand.negated,
        "topics": [slug_of(t) for t in topics],
        "meeting": slug_of(meeting) if meeting else None,
        "meeting_iri": meeting,
        "date": day.isoformat() if day else None,
        "confidence": cand.confidence,
        "cameo": CODES[cand.type][0],
        "plover": CODES[cand.type][1],
        "cue": cand.cue,
        "claimant_iris": list(cand.claimants),
        "addressee_iri": cand.addressee,
    }


def _label(kb: KnowledgeBase, claimants: tuple[str, ...], claim_type: str) -> str:
    if claim_type == "consensus":
        return "both sides"
    names = []
    for c in claimants:
        actor = kb.actors.get(c)
        names.append(actor.label if actor else slug_of(c).replace("-", " ").title())
    return " and ".join(names)


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per type, claimants and span (the highest confidence wins)."""
    best: dict[tuple, Candidate] = {}
    for c in candidates:
        key = (c.type, c.claimants, c.start, c.end)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: (c.start, c.end, c.type))


def _consensus_at(
    kb: KnowledgeBase, candidates: list[Candidate], sides: tuple[str, ...], at: list[str]
) -> None:
    """A consensus the document's sides were given is claimed by the sides of the engagement
    the document reports, when they are two (``parties.consensus_states``)."""
    for cand in candidates:
        if cand.type == "consensus" and cand.claimants == sides:
            cand.claimants = consensus_states(kb, engagement=at, named=sides)


def _lead_sentences(paras: list[Paragraph], mentions: list[list]) -> list[tuple[str, list]]:
    """The sentences of the first paragraphs with the mentions inside each."""
    out = []
    for para, found in list(zip(paras, mentions, strict=True))[:3]:
        if para.cjk:
            continue
        for span in para.sentences:
            inside = [m for m in found if span.start <= m.tok_start < span.end]
            first, last = (
                para.idxs[span.start],
                para.idxs[span.end - 1] + len(para.words[span.end - 1]),
            )
            out.append((para.text[first:last], inside))
    return out


def _lead_state(kb: KnowledgeBase, mentions: list[list]) -> str | None:
    """The state of the first organisation the first paragraphs name (a byline, "新华社"):
    the side a document with no known publisher speaks for."""
    for found in mentions[:3]:
        for m in found:
            if m.kind == "organization" and m.actors and kb.state_of(m.actors[0]):
                return kb.state_of(m.actors[0])
    return None


def _languages(text: str, paras: list[Paragraph]) -> list[str]:
    """The document's languages: Chinese when most of it was read as Chinese."""
    chinese = sum(p.end - p.start for p in paras if p.zh)
    if chinese * 2 > sum(p.end - p.start for p in paras):
        return ["zh"]
    return ["en", *(["ko"] if _HANGUL.search(text) else []), *(["zh"] if chinese else [])]


def _paragraph_of(paras: list[Paragraph], offset: int) -> Paragraph:
    for p in paras:
        if p.start <= offset < p.end:
            return p
    return paras[-1]


def _title(paras: list[Paragraph], view: str) -> str:
    """The first line when it reads like a headline, else the start of the first sentence."""
    if not paras:
        return "Untitled document"
    first = view[paras[0].start : paras[0].end].strip()
    return " ".join(first.split())[:160] or "Untitled document"


def statement(claimant: str, claim_type: str, quote: str) -> str:
    """A one-line English statement of the claim for reviewers (the quote stays verbatim)."""
    gist = " ".join(quote.split()).rstrip(" ,;:")
    lead = {
        "demand": f"{claimant} demands",
        "red_line": f"{claimant} states a red line",
        "commitment": f"{claimant} commits",
        "consensus": "Both sides agree",
    }[claim_type]
    return f"{lead}: {gist}"
