"""A synthetic graph in our ontology, for benchmarks: ``--triples N --seed S -o FILE``.

The curated graph is the template: each replica is a copy of every curated actor, post,
holding, place, engagement, document, claim, evidence node and bundle under new slugs
(``wang-yi-r7``), so the proportions, the claim types, the reiterations and the evidence
offsets are exactly those of the curated graph and every replica conforms to the shapes by
construction. Shared across replicas, as a real multi-year graph would share them: the topic
scheme and the states (China, the United States...), so the replicas form one connected graph.
Documents carry their text inline (``dg:text``) so ``quote == text[start:end]`` holds without
``data/sources``. The template is rendered once; replicas are a string replace each, streamed
to an N-Triples file (1M triples in a few seconds).

    .venv/bin/python bench/generate.py --triples 1000000 --seed 1 -o var/bench/1m.nt
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from graph.namespaces import DG, ID_BASE, split_entity_iri
from graph.paths import CURATED_DIR, SOURCES_DIR
from graph.rdf.io import parse_file
from graph.rdf.terms import to_ox

#: Kinds whose resources are shared by every replica rather than copied.
SHARED_KINDS = frozenset({"topic"})
MARK = "@@@"


def curated_graph() -> Graph:
    """The curated data with each document's text inline instead of its file name."""
    graph = Graph()
    for path in sorted(CURATED_DIR.glob("*.ttl")):
        graph += parse_file(path)
    for doc, name in list(graph.subject_objects(DG.fileName)):
        text = (SOURCES_DIR / str(name)).read_bytes().decode("utf-8")
        graph.remove((doc, DG.fileName, None))
        graph.add((doc, DG.text, Literal(text)))
    return graph


def shared_resources(graph: Graph) -> set[str]:
    """IRIs every replica points at: topics and states."""
    shared = {str(s) for s in graph.subjects(RDF.type, DG.State)}
    for s in set(graph.subjects()):
        parts = split_entity_iri(str(s))
        if parts and parts[0] in SHARED_KINDS:
            shared.add(str(s))
    return shared


def _mark(term: Node, shared: set[str]) -> str:
    """The N-Triples form of a term, with MARK where a replica's suffix goes."""
    text = str(to_ox(term))
    if isinstance(term, URIRef) and str(term).startswith(ID_BASE) and str(term) not in shared:
        return text[:-1] + MARK + ">"
    return text


def template(graph: Graph) -> tuple[str, str, int]:
    """(per-replica N-Triples with MARKs, shared N-Triples, triples per replica)."""
    shared = shared_resources(graph)
    copied: list[str] = []
    fixed: list[str] = []
    for s, p, o in graph:
        line_s = _mark(s, shared)
        if p == DG.slug and MARK in line_s:
            line_o = str(to_ox(Literal(str(o) + MARK)))
        else:
            line_o = _mark(o, shared)
        line = f"{line_s} {to_ox(p)} {line_o} .\n"
        (copied if MARK in line else fixed).append(line)
    return "".join(copied), "".join(fixed), len(copied)


def generate(triples: int, seed: int, out: Path) -> int:
    """Write about ``triples`` triples (whole replicas) to ``out``; return the count written."""
    copied, fixed, per_replica = template(curated_graph())
    replicas = max(1, round((triples - fixed.count("\n")) / per_replica))
    order = list(range(1, replicas + 1))
    random.Random(seed).shuffle(order)  # replica numbers in a seeded order, as loads arrive
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        fh.write(fixed)
        for k in order:
            fh.write(copied.replace(MARK, f"-r{k}"))
    return fixed.count("\n") + replicas * per_replica


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000, help="About how many triples.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True, help="An .nt file.")
    args = parser.parse_args()
    if args.output.suffix != ".nt":
        parser.error("the output is N-Triples: give a file name ending in .nt")
    started = time.perf_counter()
    written = generate(args.triples, args.seed, args.output)
    took = time.perf_counter() - started
    print(f"{written} triples to {args.output} in {took:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
