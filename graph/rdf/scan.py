"""Reading a large file again for a few predicates, cheaply, beside the loader that stores it.

The bulk loader's inferences come from the triples of a handful of predicates (``rdf:type`` and
the sub-properties), a tenth of a typical file. Parsing every triple into Python objects to
find them cost 45 s of a core at ten million triples, taken from the loader on two cores. In
N-Triples a triple is one line and a predicate is spelled ``<IRI>`` unless escaped, so the
lines that name one of the predicates anywhere are found by byte search, and only those are
parsed (a line naming it elsewhere, in a literal say, parses to a triple the caller skips).
A block that is not plain (a line that is blank, a comment, indented or about a blank node,
a carriage return, a ``\\u`` escape) is parsed whole, so the answer never depends on the
shortcut: every triple of the chosen predicates, and the number of triples in the file,
counted as a loader counts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

#: Bytes read at a time; a block ends at a line's end.
BLOCK = 1 << 24
#: Triples parsed at a time from a file that is not N-Triples.
_BATCH = 65_536
#: Triples counted in a block, and those among them that may have a chosen predicate.
Block = tuple[int, Iterable[ox.Triple]]


def _blocks(path: Path) -> Iterator[bytes]:
    """The file in blocks of whole lines (the last one as it ends)."""
    rest = b""
    with path.open("rb") as file:
        while data := file.read(BLOCK):
            cut = data.rfind(b"\n") + 1
            if not cut:
                rest += data
                continue
            yield b"".join((rest, memoryview(data)[:cut]))  # one copy, not two
            rest = data[cut:]
    if rest:
        yield rest


def _escaped(block: bytes) -> bool:
    """Whether ``block`` may hold a ``\\u`` or ``\\U`` escape, with which an IRI could spell a
    predicate otherwise than the search does."""
    at = block.find(b"\\")
    while at >= 0:
        if block[at + 1:at + 2] in (b"u", b"U"):
            return True
        at = block.find(b"\\", at + 2)  # past the escaped character, a backslash perhaps
    return False


def _plain(block: bytes) -> bool:
    """Whether every line of ``block`` is one triple with an IRI subject, ends with a newline
    (no carriage return: a line end of its own) and has no escape. A blank, comment or indented
    line, which holds no triple, does not start with ``<``. Single bytes and one pair are
    searched for: a pair costs four times a byte, a regular expression eight."""
    return (block[:1] == b"<" and block.endswith(b"\n") and b"\r" not in block
            and block.count(b"\n<") == block.count(b"\n") - 1 and not _escaped(block))


def _lines_naming(block: bytes, needles: Sequence[bytes]) -> bytes:
    """The lines of ``block`` holding any of ``needles``, each once."""
    starts: set[int] = set()
    for needle in needles:
        at = block.find(needle)
        while at >= 0:
            start = block.rfind(b"\n", 0, at) + 1
            starts.add(start)
            at = block.find(needle, block.index(b"\n", at))  # the next line on
    return b"".join(block[start:block.index(b"\n", start) + 1] for start in sorted(starts))


def _ntriples(path: Path, needles: Sequence[bytes]) -> Iterator[Block]:
    for block in _blocks(path):
        if _plain(block):
            yield block.count(b"\n"), ox.parse(input=_lines_naming(block, needles),
                                                format=ox.RdfFormat.N_TRIPLES)
        else:
            triples = list(ox.parse(input=block, format=ox.RdfFormat.N_TRIPLES))
            yield len(triples), triples


def _parsed(path: Path, fmt: ox.RdfFormat) -> Iterator[Block]:
    triples = ox.parse(path=str(path), format=fmt)
    while batch := list(islice(triples, _BATCH)):
        yield len(batch), batch


def triples_naming(path: Path, fmt: ox.RdfFormat,
                   predicates: Iterable[ox.NamedNode]) -> Iterator[Block]:
    """The file's triples that may have one of ``predicates`` (a superset: the caller checks
    each), a block at a time, each with the number of triples the block holds. Syntax errors
    in lines not parsed here are the loader's to report."""
    if fmt != ox.RdfFormat.N_TRIPLES:
        return _parsed(path, fmt)
    return _ntriples(path, [str(p).encode() for p in predicates])  # <IRI>, as N-Triples says
