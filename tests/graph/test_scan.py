"""The bulk loader's second reading of a file: the triples of the chosen predicates and the
count, the same as a full parse gives, whatever the shortcut skipped."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.rdf import scan

TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
POST = ox.NamedNode("https://w3id.org/diplograph/ontology#post")
EX = "https://example.org/"
PLAIN = [
    f"<{EX}a> <{TYPE.value}> <{EX}Person> .",
    f"<{EX}a> <{EX}label> \"says <{TYPE.value}> in a literal\" .",
    f"<{EX}a> <{POST.value}> <{EX}p1> .",
    f"<{EX}b> <{EX}knows> <{EX}a> .",
    f"<{EX}b> <{TYPE.value}> <{EX}Person> .",
    f"<{EX}a> <{TYPE.value}> <{EX}Person> .",  # a repeated line counts again
]


def _expected(path: Path, fmt: ox.RdfFormat) -> tuple[int, set[ox.Triple]]:
    triples = list(ox.parse(path=str(path), format=fmt))
    return len(triples), {t for t in triples if t.predicate in (TYPE, POST)}


def _scanned(path: Path, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> tuple[int, set[ox.Triple]]:
    count, found = 0, set()
    for n, triples in scan.triples_naming(path, fmt, [TYPE, POST]):
        count += n
        found |= {t for t in triples if t.predicate in (TYPE, POST)}
    return count, found


def _write(tmp_path: Path, text: str, name: str = "data.nt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def test_a_plain_file_gives_what_a_full_parse_gives(tmp_path: Path) -> None:
    path = _write(tmp_path, "\n".join(PLAIN) + "\n")
    count, found = _scanned(path)
    assert (count, found) == _expected(path, ox.RdfFormat.N_TRIPLES)
    assert count == 6 and len(found) == 3  # the literal naming rdf:type is not a type triple


@pytest.mark.parametrize("text", [
    "\n".join(PLAIN) + "\n\n# a comment naming <" + TYPE.value + ">\n   \n",  # blank, comments
    "# a first line that is a comment\n" + "\n".join(PLAIN) + "\n",
    "\r\n".join(PLAIN) + "\r\n",  # carriage returns
    "\r".join(PLAIN) + "\r",  # carriage returns alone
    "\r".join(PLAIN) + "\n",  # carriage returns, and a newline at the end
    "\n".join(PLAIN) + "\n" + PLAIN[0],  # no newline at the end
    f"_:x <{TYPE.value}> <{EX}Person> .\n" + "\n".join(PLAIN) + "\n",  # a blank subject
    # an IRI spelled with an escape: the byte search cannot see the predicate
    f"<{EX}c> <http://www.w3.org/1999/02/22-rdf-syntax-ns\\u0023type> <{EX}Person> .\n"
    + "\n".join(PLAIN) + "\n",
    f"<{EX}a> <{EX}label> \"a \\\\ and a \\\" quote\" .\n" + "\n".join(PLAIN) + "\n",
])
def test_what_the_shortcut_cannot_read_is_parsed_whole(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)
    assert _scanned(path) == _expected(path, ox.RdfFormat.N_TRIPLES)


def test_blocks_end_at_line_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reads smaller than a line: every line still whole, in exactly one block."""
    monkeypatch.setattr(scan, "BLOCK", 37)
    path = _write(tmp_path, "\n".join(PLAIN * 20) + "\n")
    assert _scanned(path) == _expected(path, ox.RdfFormat.N_TRIPLES)
    assert _scanned(path)[0] == 120


def test_other_formats_are_parsed(tmp_path: Path) -> None:
    path = _write(tmp_path, f"<{EX}a> a <{EX}Person> ; <{POST.value}> <{EX}p1> .\n", "data.ttl")
    assert _scanned(path, ox.RdfFormat.TURTLE) == _expected(path, ox.RdfFormat.TURTLE)
    assert _scanned(path, ox.RdfFormat.TURTLE)[0] == 2


def test_a_syntax_error_the_search_reaches_is_raised(tmp_path: Path) -> None:
    path = _write(tmp_path, f"<{EX}a> <{TYPE.value}> <{EX}Person .\n")
    with pytest.raises(SyntaxError):
        _scanned(path)
