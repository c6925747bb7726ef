"""SHACL validation of diplograph data against the shapes in ``shapes/``.

Why this module exists rather than calling pyshacl directly:

- The shapes are split over several Turtle files; they are read once, cached, and turned
  into pyshacl's view of them once (``graph.shacl.engine``), which runs pyshacl's validation loop
  without rebuilding that view, or copying the shapes, on every call (~25 ms of each write).
- The ontology is always mixed into the data (pyshacl's ``ont_graph``), so that a shape
  targeting ``dg:Engagement`` reaches a ``dg:Summit`` and ``sh:class dg:Actor`` accepts a
  ``dg:Person``; without it, subclass instances would silently escape every check. It is
  prepared (normalised, its class hierarchy walked) once per distinct content.
- A store hands us an ``rdflib.Dataset`` of named graphs; the shapes speak about the union
  (a claim in one file, its engagement in another), so the union is what gets validated.
- Data read back from Oxigraph types every simple literal as ``xsd:string``. RDF 1.1 says
  ``"curated"`` and ``"curated"^^xsd:string`` are the same literal, but rdflib compares them as
  different terms, which would make ``sh:in ("curated" "extracted")`` fail for stored data and
  pass for parsed files. The working copy is normalised to simple literals so both agree.
- pyshacl checks the text of a SPARQL constraint before every evaluation (once per focus node);
  the check is done once per distinct text instead (``_check_sparql_once``), and Oxigraph
  decides the queries (``graph.shacl.oxigraph_sparql``), not rdflib's much slower engine.
- Callers want a yes/no that ignores warnings, and a list of readable problems; pyshacl's own
  ``conforms`` and text report are kept too, for whoever needs the details.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyshacl.errors import ValidationFailure
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, RDFS, SH, NamespaceManager
from rdflib.term import Node

from graph.namespaces import PREFIXES as _PREFIXES
from graph.paths import ONTOLOGY_DIR, SHAPES_DIR  # source checkout or graph/_bundled in a wheel
from graph.rdf.hierarchy import ancestors
from graph.rdf.terms import simple_literal
from graph.shacl import engine as shacl_run
from graph.shacl.oxigraph_sparql import OxigraphQueryGraph
from graph.store.base import Triple

__all__ = [
    "ONTOLOGY_DIR",
    "SHAPES_DIR",
    "ShapesError",
    "ValidationResult",
    "Violation",
    "format_report",
    "load_ontology",
    "load_shapes",
    "validate",
]


class ShapesError(RuntimeError):
    """The shapes themselves could not be used (pyshacl reported a validation failure)."""


@dataclass(frozen=True)
class Violation:
    """One SHACL result, kept as RDF terms so callers can look the nodes up in the graph."""

    focus_node: Node
    source_shape: Node
    path: Node | None
    message: str
    severity: URIRef
    value: Node | None


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of one validation.

    ``conforms`` is False only when there is at least one ``sh:Violation``: warnings (and
    infos, listed with the warnings) point at things worth a look but never block a load.
    """

    conforms: bool
    violations: list[Violation]
    warnings: list[Violation]
    report_text: str
    report_graph: Graph


# ---------------------------------------------------------------- shapes and ontology cache

_CACHE_LOCK = threading.Lock()
# pyshacl patches rdflib module-wide while it runs, so two validations must not overlap.
_RUN_LOCK = threading.Lock()
_templates: dict[str, tuple[tuple[tuple[str, int, int], ...], Graph]] = {}


def _fingerprint(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Name, mtime and size of each file, so an edited shape is picked up without a restart."""
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def _template(kind: str, folder: Path) -> Graph:
    """The parsed Turtle files of ``folder``, parsed once per change of the files."""
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise FileNotFoundError(f"no {kind} files (*.ttl) in {folder}")
    key = _fingerprint(files)
    with _CACHE_LOCK:
        cached = _templates.get(kind)
        if cached is not None and cached[0] == key:
            return cached[1]
        graph = Graph()
        for path in files:
            graph.parse(path, format="turtle")
        _templates[kind] = (key, graph)
        return graph


def _copy(template: Graph) -> Graph:
    """A fresh, independent graph with the template's triples and prefixes."""
    fresh = Graph()
    with _CACHE_LOCK:
        for prefix, namespace in template.namespaces():
            fresh.bind(prefix, namespace, override=True)
        fresh += template
    return fresh


def load_shapes(shapes_dir: Path | None = None) -> Graph:
    """Every ``shapes/*.ttl`` as one graph; a new copy on each call, safe to modify."""
    return _copy(_template("shapes", shapes_dir or SHAPES_DIR))


def load_ontology(ontology_dir: Path | None = None) -> Graph:
    """Every ``ontology/*.ttl`` as one graph; a new copy on each call, safe to modify."""
    return _copy(_template("ontology", ontology_dir or ONTOLOGY_DIR))


# ---------------------------------------------------------------- validation

_CHECKED: set[tuple[str, bool, frozenset[str]]] = set()
_check_sparql = SPARQLQueryHelper.check_invalid_sparql


def _check_sparql_once(
    self: SPARQLQueryHelper, sparql_text: str, valuenode: Any = None, extravars: Any = None
) -> bool:
    """pyshacl's well-formedness check of a SPARQL constraint, run once per distinct text.

    pyshacl runs it (seven regular expressions over the query text) before every evaluation,
    once per focus node and constraint: a third of the time of validating a write. Its answer
    depends only on the text and on which variables are pre-bound; failures are not kept, so
    a malformed constraint still raises every time.
    """
    key = (sparql_text, valuenode is not None, frozenset(extravars or ()))
    if key not in _CHECKED:
        _check_sparql(self, sparql_text, valuenode=valuenode, extravars=extravars)
        _CHECKED.add(key)
    return True


SPARQLQueryHelper.check_invalid_sparql = _check_sparql_once  # type: ignore[method-assign]  # checks each SPARQL text once (above)


def _working_copy(data: Graph | Dataset | Iterable[Triple]) -> Graph:
    """One plain graph with every triple of ``data`` (the union, for a dataset), normalised.

    pyshacl validates a copy anyway when an ontology is mixed in; building it here lets us
    take the union of named graphs and normalise literals in the same single pass. Plain
    triples (a write's neighbourhood) go straight in: an rdflib graph of them first was a
    tenth of the validation worker's time.
    """
    work = OxigraphQueryGraph()
    triples: Iterable[Triple]
    if isinstance(data, Graph):
        for prefix, namespace in data.namespaces():
            work.bind(prefix, namespace, override=False)
        triples = (((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
                   if isinstance(data, ConjunctiveGraph)  # as Dataset is, in rdflib 7
                   else data.triples((None, None, None)))  # fmt: skip
    else:
        triples = data
    work.addN((s, p, simple_literal(o), work) for s, p, o in triples)
    return work


def _results(report: Graph) -> list[Violation]:
    """The report's results as Violations, in a stable order (focus, shape, path, value)."""
    found: list[Violation] = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        found.append(
            Violation(
                focus_node=report.value(result, SH.focusNode),  # type: ignore[arg-type]  # SHACL requires it in every result
                source_shape=report.value(result, SH.sourceShape),  # type: ignore[arg-type]  # SHACL requires it in every result
                path=report.value(result, SH.resultPath),
                message="; ".join(messages),
                severity=report.value(result, SH.resultSeverity),  # type: ignore[arg-type]  # SHACL requires it in every result
                value=report.value(result, SH.value),
            )
        )
    found.sort(key=lambda v: tuple(str(x) for x in (v.focus_node, v.source_shape, v.path, v.value)))
    return found


def _superclasses(ontology: Graph) -> dict[Node, set[Node]]:
    """Every class with itself and all it is a ``rdfs:subClassOf``, transitively."""
    return {cls: {cls, *sups} for cls, sups in
            ancestors(ontology.subject_objects(RDFS.subClassOf)).items()}  # fmt: skip


_ontologies: dict[frozenset[tuple[Node, Node, Node]], tuple[Graph, dict[Node, set[Node]]]] = {}


def _prepared_ontology(ontology: Graph | None) -> tuple[Graph, dict[Node, set[Node]]]:
    """The ontology as a run reads it (normalised like the data) and its class hierarchy.

    Prepared once per distinct content and kept (the last two): a write's validation would
    otherwise copy the ~300 triples and walk the hierarchy again, for an ontology that
    hardly ever changes. Keyed by the triples themselves, so an edited ontology is never
    mistaken for the kept one; pyshacl only reads it.
    """
    graph = _template("ontology", ONTOLOGY_DIR) if ontology is None else ontology
    key = frozenset(graph)
    with _CACHE_LOCK:
        kept = _ontologies.get(key)
    if kept is None:
        work = _working_copy(graph)
        kept = (work, _superclasses(work))
        with _CACHE_LOCK:
            while len(_ontologies) >= 2:
                del _ontologies[next(iter(_ontologies))]
            _ontologies[key] = kept
    return kept


def _kinds(data: Graph, supers: dict[Node, set[Node]], focus: Collection[Node]
           ) -> dict[Node, set[Node]]:
    """The classes of each focus node in ``data``, superclasses included: a shape targeting a
    class checks the focus nodes of its subclasses too (``graph.shacl.engine``)."""
    return {f: {c for t in data.objects(f, RDF.type) for c in supers.get(t, {t})}
            for f in focus}


def validate(
    data: Graph | Dataset | Iterable[Triple], ontology: Graph | None = None,
    focus: Collection[Node] | None = None,
) -> ValidationResult:
    """Validate ``data`` (a graph, the union of a dataset's graphs, or plain triples) against
    the shapes.

    ``ontology`` is mixed into the data so class targets and ``sh:class`` follow
    ``rdfs:subClassOf``; when None, the project's ontology is used, since validating without
    it would let every instance of a subclass pass unchecked. With ``focus``, only those
    nodes are checked, the rest of ``data`` being what their shapes read (a write's
    neighbourhood, ``graph.shacl.focus``).
    """
    work = _working_copy(data)
    ont, supers = _prepared_ontology(ontology)
    shapes = _template("shapes", SHAPES_DIR)
    try:
        with _RUN_LOCK:
            targets = None if focus is None else (focus, _kinds(work, supers, focus))
            _conforms, report_graph, report_text = shacl_run.run(work, ont, shapes, targets)
    except ValidationFailure as exc:
        raise ShapesError(f"Validation Failure - {exc.message}") from exc
    except shacl_run.UnsupportedShapes as exc:
        raise ShapesError(str(exc)) from exc
    results = _results(report_graph)
    violations = [r for r in results if r.severity == SH.Violation]
    warnings = [r for r in results if r.severity != SH.Violation]
    return ValidationResult(
        conforms=not violations,
        violations=violations,
        warnings=warnings,
        report_text=str(report_text),
        report_graph=report_graph,
    )


# ---------------------------------------------------------------- reporting

_NAMES = NamespaceManager(Graph(), bind_namespaces="none")
for _prefix, _namespace in {**_PREFIXES, "sh": str(SH)}.items():
    _NAMES.bind(_prefix, _namespace, override=True)

_MAX_VALUE = 80


def _short(term: Node | None) -> str:
    """A term as a reader would write it: a CURIE when a project prefix fits, else N3."""
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        try:
            return _NAMES.curie(str(term), generate=False)
        except (KeyError, ValueError):
            return term.n3()
    text = term.n3(_NAMES)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def format_report(result: ValidationResult) -> str:
    """One line per result, violations first: ``severity focus shape path: message (value)``."""
    lines = []
    for v in [*result.violations, *result.warnings]:
        severity = str(v.severity).rsplit("#", 1)[-1]
        where = f"{_short(v.focus_node)} {_short(v.source_shape)} {_short(v.path)}"
        line = f"{severity} {where}: {v.message}"
        if v.value is not None:
            line += f" ({_short(v.value)})"
        lines.append(line)
    return "\n".join(lines)
