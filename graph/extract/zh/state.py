"""What the Chinese reader carries through a document, and who a clause is about."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.extract.linking import Mention
from graph.extract.speakers import Speaker


@dataclass
class ReaderState:
    """What the reading carries from paragraph to paragraph."""

    carried: Speaker | None = None
    label_speaker: Speaker | None = None
    label_mode: bool = False
    question: bool = False
    last_person: str | None = None
    spokesperson: Speaker | None = None
    #: The type an enumeration's header gave ("双方同意：", "提出三点要求："), for its items.
    header: tuple[str, Subject] | None = None
    #: Set by the sentence that announced the header, so the next sentence may hold its items.
    header_fresh: bool = False
    seen_first: bool = False
    #: Who speaks where no one is named: the publisher's state in its own statement ("外交部声明").
    author: Speaker | None = None
    publisher: set[str] = field(default_factory=set)


@dataclass
class Subject:
    kind: str  # actor, joint, own, you, generic, none
    start: int  # paragraph-text offsets
    end: int
    actors: tuple[str, ...] = ()
    actor_kind: str = ""


NO_SUBJECT = Subject("none", -1, -1)


@dataclass
class Local:
    m: Mention
    start: int  # offsets into the paragraph's text
    end: int
