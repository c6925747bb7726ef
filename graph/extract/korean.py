"""Claims in Korean-language summaries ("... 계속 협력하겠다”고 밝힘"), read by character rules.

Korean attaches particles to names and marks mood with verb endings, so the English token rules
do not apply. A summary reports speech as a quotation (or an indirect "...라고") followed by a
reporting verb (밝힘, 말했다); the speakers are the actors named before the quotation.
Clauses are split at the connective endings 며, 면서 and 이고, and typed by their endings:
"-겠다" (will) and "원하다" (wish) pledge, "해야 한다" (must) demands, "합의" (agree) and a
subject "양측/양국" (both sides) make consensus.
"""

from __future__ import annotations

import re

from graph.extract.claims import Candidate, Context
from graph.extract.linking import Mention
from graph.extract.text import Paragraph

_SENTENCE = re.compile(r"[^.\n]+(?:\.|$)")
_QUOTE = re.compile(r'"([^"]+)"')
_REPORT = re.compile(
    r"(?:라고|이라고|다고|고|며|면서)\s*(?:밝힘|밝혀|밝혔|말했|강조|전했|덧붙|설명)"
)
_INDIRECT = re.compile(r"(?:이라고|라고)\s*(?:밝힘|밝혔|말했|강조|전했)")
_SPLIT = re.compile(r"(?<=며),?\s+|(?<=면서)\s+|(?<=것)이고\s+")
_BOTH = ("양측", "양국", "두 나라", "미중 양국", "두 정상")
_COMMIT = ("겠다", "겠습니다", "원하며", "원한다", "원하", "할 것", "하기로", "약속")
_DEMAND = ("해야 한다", "해야 할", "하라", "촉구", "요구")
_CONSENSUS = ("합의", "바란다", "바라며")
_NEGATIVE = ("않겠", "않을 것", "않는다")


def claims(ctx: Context, para: Paragraph, mentions: list[Mention], view: str) -> list[Candidate]:
    """Typed claims of one Korean paragraph."""
    text = view[para.start : para.end]
    out: list[Candidate] = []
    carried: tuple[str, ...] = ()
    for sent in _SENTENCE.finditer(text):
        s0 = sent.start()
        body = sent.group(0)
        speakers = (
            _speakers(
                ctx,
                [m for m in mentions if s0 <= m.start - para.start < sent.end()],
                para.start + s0,
                body,
            )
            or carried
        )
        if not speakers:
            continue
        carried = speakers
        for start, end in _reported(body):
            previous = None
            for cs, ce in _clauses(body, start, end):
                clause = body[cs:ce]
                kind = _type(clause)
                if kind == "commitment" and previous == "consensus" and not _has_subject(clause):
                    kind = "consensus"  # "양측이 A할 것이고 B할 것": both clauses are agreed
                previous = kind
                if kind is None:
                    continue
                if kind == "consensus" and len(ctx.states) < 2:
                    continue
                claimants = ctx.states if kind == "consensus" else speakers
                state = {ctx.kb.state_of(a) or a for a in claimants}
                addressee = ctx.other(next(iter(state))) if len(state) == 1 else None
                out.append(
                    Candidate(
                        type=kind,
                        claimants=tuple(claimants),
                        addressee=None if kind == "consensus" else addressee,
                        start=para.start + s0 + cs,
                        end=para.start + s0 + ce,
                        negated=any(n in clause for n in _NEGATIVE),
                        confidence=0.6,
                        cue="korean",
                        sentence=None,
                    )
                )
    return out


def _speakers(ctx: Context, mentions: list[Mention], offset: int, body: str) -> tuple[str, ...]:
    """Persons named before the first quotation of the sentence, else the state or ministry."""
    first_quote = body.find('"')
    cut = offset + (first_quote if first_quote >= 0 else len(body))
    before = [m for m in mentions if m.start < cut]
    persons = tuple(dict.fromkeys(m.actors[0] for m in before if m.kind == "person"))
    if persons:
        return persons
    for m in reversed(before):
        if m.kind in {"organization", "state"} and m.actors[0] not in ctx.publisher:
            state = ctx.kb.state_of(m.actors[0])
            if state:
                return (state,)
    return ()


def _reported(body: str) -> list[tuple[int, int]]:
    """Spans of quoted and indirectly reported speech followed by a reporting verb."""
    spans = [(q.start(1), q.end(1)) for q in _QUOTE.finditer(body)]
    if not spans or not _REPORT.search(body):
        return []
    indirect = _INDIRECT.search(body, spans[-1][1])
    if indirect:
        start = spans[-1][1] + 1
        while start < indirect.start() and body[start] in '"면서 ,':
            start += 1
        if indirect.start() - start > 8:
            spans.append((start, indirect.start()))
    return spans


def _clauses(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a quotation, split at connective endings."""
    out = []
    pos = start
    for m in _SPLIT.finditer(body, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    trimmed = []
    for s, e in out:
        while s < e and body[s] in " ,":
            s += 1
        while e > s and body[e - 1] in " ,.":
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def _type(clause: str) -> str | None:
    if any(clause.startswith(b) or f" {b}" in clause[:12] for b in _BOTH):
        if any(c in clause for c in (*_COMMIT, *_CONSENSUS)):
            return "consensus"
        return None
    if any(d in clause for d in _DEMAND):
        return "demand"
    if any(c in clause for c in _COMMIT) or ("계속" in clause and clause.endswith(("하며", "며"))):
        return "commitment"
    return None


def _has_subject(clause: str) -> bool:
    """Does the clause name its own subject (a noun with 이/가/은/는 before the verb)?"""
    return bool(re.match(r"^\S+(?:이|가|은|는)\s", clause))
