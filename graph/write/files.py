"""Loading files into the store: one named graph per source, validated, all or nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.audit.record import activity
from graph.namespaces import AUDIT_GRAPH, DG, ONTOLOGY_GRAPH, graph_iri, split_entity_iri
from graph.paths import CURATED_DIR, ONTOLOGY_DIR, SOURCES_DIR
from graph.rdf.io import parse_file
from graph.shacl.validate import ValidationResult, validate
from graph.store import GraphStore

Progress = Callable[[str], None]


class LoadError(Exception):
    """A load was refused; nothing was written."""


class ValidationFailed(LoadError):
    """The data would break the SHACL shapes; ``result`` holds the report."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__(f"{len(result.violations)} SHACL violation(s); nothing was written")
        self.result = result


@dataclass
class LoadReport:
    graphs: dict[str, int] = field(default_factory=dict)
    validation: ValidationResult | None = None

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def bundled_files() -> list[Path]:
    """The ontology and the curated graph shipped with the project, in load order."""
    return sorted(ONTOLOGY_DIR.glob("*.ttl")) + sorted(CURATED_DIR.glob("*.ttl"))


def graph_name_for(path: Path) -> str:
    """The named graph a file loads into: ontology, curated/<stem> or file/<stem>."""
    resolved = path.resolve()
    if resolved.parent == ONTOLOGY_DIR.resolve():
        return ONTOLOGY_GRAPH
    if resolved.parent == CURATED_DIR.resolve():
        return graph_iri("curated", path.stem)
    return graph_iri("file", path.stem)


def document_text_graphs(
    graphs: Iterable[Graph], sources_dir: Path = SOURCES_DIR
) -> dict[str, Graph]:
    """A graph per source document holding its text, read byte-exact from ``data/sources``.

    The text lives in its file, not in Turtle, so evidence offsets index exactly what was
    published; the recorded SHA-256 must match or the load is refused.
    """
    texts: dict[str, Graph] = {}
    for graph in graphs:
        for doc, file_name in graph.subject_objects(DG.fileName):
            path = sources_dir / str(file_name)
            if not path.is_file():
                raise LoadError(f"{doc}: source file {file_name} not found in {sources_dir}")
            raw = path.read_bytes()
            recorded = graph.value(doc, DG.sha256)
            digest = hashlib.sha256(raw).hexdigest()
            if recorded is not None and str(recorded) != digest:
                raise LoadError(
                    f"{doc}: {file_name} has SHA-256 {digest}, the graph records {recorded}"
                )
            kind_slug = split_entity_iri(str(doc))
            name = kind_slug[1] if kind_slug else hashlib.sha1(str(doc).encode()).hexdigest()
            text_graph = Graph()
            text_graph.add((URIRef(str(doc)), DG.text, Literal(raw.decode("utf-8"))))
            texts[graph_iri("document", name)] = text_graph
    return texts


def plan(paths: Sequence[Path], progress: Progress | None = None) -> dict[str, Graph]:
    """Parse every file into the named graph it will replace (plus document texts)."""
    graphs: dict[str, Graph] = {}
    for path in paths:
        if progress:
            progress(path.name)
        name = graph_name_for(path)
        parsed = parse_file(path)
        graphs[name] = graphs[name] + parsed if name in graphs else parsed
    graphs.update(document_text_graphs(list(graphs.values())))
    return graphs


def bundled_ontology() -> Graph:
    """The bundled ontology files as one graph (the bulk loader writes it too)."""
    ontology = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        ontology += parse_file(path)
    return ontology


def add_bundled_ontology(store: GraphStore) -> None:
    """Write the bundled ontology into a store that lacks it (before a bulk load, whose classes
    and inference need it), recorded in the audit trail as a load."""
    ontology = bundled_ontology()
    _, record = activity("load", graphs=[ONTOLOGY_GRAPH], added=len(ontology), removed=0)
    store.replace_graphs({ONTOLOGY_GRAPH: ontology}, add={AUDIT_GRAPH: record})


def check(store: GraphStore, graphs: dict[str, Graph]) -> ValidationResult:
    """Validate what the store would hold after replacing ``graphs``."""
    dataset: Dataset = store.dataset(exclude=graphs)
    for name, triples in graphs.items():
        target = dataset.graph(URIRef(name))
        for triple in triples:
            target.add(triple)
    ontology = graphs.get(ONTOLOGY_GRAPH) or store.graph(ONTOLOGY_GRAPH)
    if not len(ontology):
        ontology = bundled_ontology()
    return validate(dataset, ontology)


def load(
    store: GraphStore,
    paths: Sequence[Path] | None = None,
    *,
    progress: Progress | None = None,
    validate_first: bool = True,
) -> LoadReport:
    """Load files (the bundled data by default) into their named graphs, validated, atomically.

    The ontology is loaded too when the store lacks it, so class targets and inference work.
    """
    paths = list(paths) if paths else bundled_files()
    graphs = plan(paths, progress)
    if ONTOLOGY_GRAPH not in graphs and ONTOLOGY_GRAPH not in store.graph_names():
        graphs[ONTOLOGY_GRAPH] = bundled_ontology()
    report = LoadReport(graphs={name: len(g) for name, g in graphs.items()})
    if validate_first:
        if progress:
            progress("SHACL validation")
        report.validation = check(store, graphs)
        if not report.validation.conforms:
            raise ValidationFailed(report.validation)
    if progress:
        progress("writing")
    if AUDIT_GRAPH in graphs:
        raise LoadError(f"<{AUDIT_GRAPH}> is written by the server only: load data files")
    added, removed = _changed(store, graphs)
    record = None
    if added or removed:  # loading the same files again changes nothing, and records nothing
        _, record = activity("load", graphs=sorted(graphs), added=added, removed=removed)
    store.replace_graphs(graphs, add=None if record is None else {AUDIT_GRAPH: record})
    return report


def _changed(store: GraphStore, graphs: Mapping[str, Graph]) -> tuple[int, int]:
    """How many triples replacing ``graphs`` adds and removes, for the audit trail: counts
    only (a load keeps no triples for a revert), blank nodes compared as one (a file parsed
    again names them afresh). The replaced graphs are read, as validating the load read the
    whole store."""
    existing = set(store.graph_names())
    added = removed = 0
    for name, graph in graphs.items():
        new = _blank_free(graph)
        old = _blank_free(store.graph(name)) if name in existing else set()
        added, removed = added + len(new - old), removed + len(old - new)
    return added, removed


def _blank_free(graph: Graph) -> set[tuple[Node, Node, Node]]:
    return {(_BLANK if isinstance(s, BNode) else s, p, _BLANK if isinstance(o, BNode) else o)
            for s, p, o in graph}


_BLANK = BNode("blank")
