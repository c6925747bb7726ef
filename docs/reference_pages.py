"""The reference pages, generated from the code each time the docs are built.

The CLI, the settings, the data model, the Gephi legend, the routes and the competency queries
are read from the objects that define them (the Typer app, ``api.settings.Settings``, the
ontology, the export's colour table, the app's routes, ``data/queries/``), so the pages cannot
drift from the code. ``docs/hooks.py`` adds them to the MkDocs build; ``tests/test_docs.py``
imports this module to check that nothing is left out. Only stable entry points are imported.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import os
import re
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
#: Where the code that reads the environment lives (searched for ``DIPLOGRAPH_*`` names).
SOURCE_DIRS = ("graph", "api", "bench")
VARIABLE = re.compile(r"\bDIPLOGRAPH_[A-Z0-9]+(?:_[A-Z0-9]+)*\b")


class Variable(NamedTuple):
    """An environment variable read outside ``api.settings.Settings`` (or one a field of it
    leaves without a ``#:`` comment). The one place such variables are described, until the
    settings object holds them all."""

    name: str
    default: str
    meaning: str


#: Variables that ``api.settings.Settings`` does not describe: read by the store layer, which
#: the CLI uses without the app. Fold them into the settings object and delete them here.
OTHER_VARIABLES: tuple[Variable, ...] = (
    Variable(
        "DIPLOGRAPH_STORE",
        "`oxigraph:var/store` in the source checkout the code runs from (the store `make "
        "serve` uses; the Makefile exports the same path), else "
        "`oxigraph:~/.local/share/diplograph/store` (under `$XDG_DATA_HOME` when set)",
        "The store every command and the server open: `oxigraph:PATH` (embedded, on disk), "
        "`oxigraph:` (embedded, in memory), `memory:` (rdflib, in memory) or `sparql:URL` "
        "(an external SPARQL 1.1 engine, see [External engine](../virtuoso.md)). The CLI's "
        "`--store` overrides it.",
    ),
    Variable(
        "DIPLOGRAPH_SPARQL_UPDATE_URL",
        "the query URL",
        "`sparql:` stores: the SPARQL Update endpoint, when the store setting has no "
        "`update=`.",
    ),
    Variable(
        "DIPLOGRAPH_SPARQL_USER",
        "unset",
        "`sparql:` stores: the account sent to the update endpoint, when the setting has no "
        "`user=`.",
    ),
    Variable(
        "DIPLOGRAPH_SPARQL_PASSWORD",
        "unset",
        "`sparql:` stores: that account's password, when the setting has no `password=`. "
        "Prefer it to `password=`: it stays out of shell history and process lists.",
    ),
    Variable(
        "DIPLOGRAPH_SPARQL_TIMEOUT",
        "`60`",
        "`sparql:` stores: seconds allowed for each HTTP request to the engine, when the "
        "setting has no `timeout=`.",
    ),
    Variable(
        "DIPLOGRAPH_CHECK_ANSWERS",
        "unset",
        "For tests: when set (not `0`), every JSON answer the hot read routes write directly "
        "(`api/json_answer.py`) is also validated and serialised by its response model, and "
        "a difference fails the request. The test suite sets it; a server should not (it "
        "doubles the cost of an answer).",
    ),
)


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, no pipes, no raw HTML, no stray
    emphasis. Code spans (between backticks) keep their text, pipes aside."""
    pieces = re.split(r"(`+[^`]*`+)", " ".join(text.split()))
    for index, piece in enumerate(pieces):
        if index % 2 == 0:  # prose
            for char, escaped in (("\\", "\\\\"), ("<", "&lt;"), ("*", "\\*"),
                                  ("_", "\\_")):
                piece = piece.replace(char, escaped)
        pieces[index] = piece.replace("|", "\\|")
    return "".join(pieces)


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A Markdown table; the cells are Markdown already."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def generated_note(source: str) -> str:
    return (f"!!! note \"Generated\"\n    This page is generated from {source} each time the "
            "docs are built (`make docs`); edit the code, not this page.\n")


# ---------------------------------------------------------------------------------- the CLI


def cli_commands() -> list[tuple[str, Any]]:
    """Every command of ``diplograph`` (groups included) with its full name, root first."""
    import typer.main

    from graph.cli import app

    root = typer.main.get_command(app)
    found: list[tuple[str, Any]] = []

    def walk(command: Any, ctx: Any, path: str) -> None:
        found.append((path, (command, ctx)))
        if hasattr(command, "list_commands"):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                walk(sub, sub.context_class(sub, parent=ctx, info_name=name), f"{path} {name}")

    walk(root, root.make_context("diplograph", [], resilient_parsing=True), "diplograph")
    return found


def cli_page() -> str:
    """Every command and option of the ``diplograph`` command line, with its help."""
    parts = ["# Command line reference\n", generated_note("the Typer app `graph.cli.app`"),
             "`make serve` installs the `diplograph` command into `.venv`; activate it with "
             "`. .venv/bin/activate` or call `.venv/bin/diplograph`.\n"]
    for path, (command, ctx) in cli_commands():
        usage = " ".join([path, *command.collect_usage_pieces(ctx)])
        parts.append(f"## `{path}`\n")
        parts.append(f"```text\n{usage}\n```\n")
        if command.help:
            parts.append(inspect.cleandoc(command.help) + "\n")
        rows = []
        for param in command.params:
            record = param.get_help_record(ctx)
            if record is None:  # hidden
                continue
            kind = "argument" if param.param_type_name == "argument" else "option"
            rows.append((f"`{record[0]}`", kind, cell(record[1])))
        if rows:
            parts.append(table(("name", "kind", "help"), rows) + "\n")
        if hasattr(command, "list_commands"):
            subs = command.list_commands(ctx)
            parts.append("Commands: " + ", ".join(f"`{path} {name}`" for name in subs) + ".\n")
    return "\n".join(parts)


# ------------------------------------------------------------------------------ the settings


@contextmanager
def _clean_environment() -> Iterator[None]:
    """No ``DIPLOGRAPH_*`` variable set (``make`` exports one), so defaults show as defaults."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("DIPLOGRAPH_")}
    for key in saved:
        del os.environ[key]
    try:
        yield
    finally:
        os.environ.update(saved)


def _field_comments(cls: type) -> dict[str, str]:
    """The ``#:`` comment lines above each field of a class, joined."""
    lines, _ = inspect.getsourcelines(cls)
    body = ast.parse(textwrap.dedent("".join(lines))).body[0]
    comments: dict[str, str] = {}
    if not isinstance(body, ast.ClassDef):
        raise TypeError(f"{cls!r} is not a class")
    for node in body.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            above: list[str] = []
            index = node.lineno - 2
            while index >= 0 and lines[index].strip().startswith("#:"):
                above.insert(0, lines[index].strip()[2:].strip())
                index -= 1
            comments[node.target.id] = " ".join(above)
    return comments


def _probe(value: Any) -> str:
    """A value for a variable that must change a field whose default is ``value``."""
    if isinstance(value, bool):
        return "0" if value else "1"
    if isinstance(value, int | float):
        return str(value + 1)
    return "probe:value"


def _unchanged(settings: Any, name: str, default: Any) -> bool:
    """Whether the probe left field ``name`` at its default: not read from its variable. A
    field of fixed choices refuses the probe (``ValueError``), which shows that it is read."""
    try:
        return bool(getattr(settings(), name) == default)
    except ValueError:
        return False


def _shown(value: Any) -> str:
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "`1`" if value else "`0`"
    return f"`{str(value).replace(str(Path.home()), '~')}`"


class Setting(NamedTuple):
    name: str
    default: str
    meaning: str
    source: str


def settings() -> list[Setting]:
    """Every ``DIPLOGRAPH_*`` variable: the fields of ``Settings`` (``DIPLOGRAPH_`` + the field
    name, checked by setting it), then the variables read elsewhere."""
    from api.settings import Settings

    other = {v.name: v for v in OTHER_VARIABLES}
    comments = _field_comments(Settings)
    found: list[Setting] = []
    with _clean_environment():
        defaults = Settings()
        for fld in dataclasses.fields(Settings):
            name = f"DIPLOGRAPH_{fld.name.upper()}"
            default = getattr(defaults, fld.name)
            os.environ[name] = _probe(default)
            try:
                if _unchanged(Settings, fld.name, default):
                    raise RuntimeError(f"Settings.{fld.name} is not read from {name}")
            finally:
                del os.environ[name]
            meaning = comments.get(fld.name) or (other[name].meaning if name in other else "")
            if not meaning:
                raise RuntimeError(f"Settings.{fld.name} needs a #: comment saying what it does")
            shown = other[name].default if name in other else _shown(default)
            found.append(Setting(name, shown, meaning, f"`Settings.{fld.name}`"))
    known = {s.name for s in found}
    for var in OTHER_VARIABLES:
        if var.name not in known:
            found.append(Setting(var.name, var.default, var.meaning, "the store layer"))
    return found


def variables_in_source() -> dict[str, list[str]]:
    """Every ``DIPLOGRAPH_*`` name written in the code, with the files that name it."""
    names: dict[str, list[str]] = {}
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name in set(VARIABLE.findall(path.read_text(encoding="utf-8"))):
                names.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return names


def settings_page() -> str:
    """The settings reference: name, default, meaning, and where the code names each one."""
    used = variables_in_source()
    rows = [
        (f"`{s.name}`", s.default, s.meaning, s.source,
         ", ".join(f"`{f}`" for f in used.get(s.name, [])) or "")
        for s in settings()
    ]
    return "\n".join([
        "# Settings reference\n",
        generated_note("`api.settings.Settings` (and the variables the store layer reads, "
                       "listed in `docs/reference_pages.py`)"),
        "Every setting is an environment variable read when the server or a command starts. "
        "A variable set to an empty string counts as unset.\n",
        table(("variable", "default", "what it does", "defined by", "named in"), rows),
        "",
    ])


# ---------------------------------------------------------------------------- the data model


def ontology_page() -> str:
    """Every class and property of ``ontology/diplograph.ttl``: label, comment, domain, range."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    path = ROOT / "ontology" / "diplograph.ttl"
    text = path.read_text(encoding="utf-8")
    graph = Graph().parse(path)

    def name(term: Any) -> str:
        try:
            return f"`{graph.namespace_manager.normalizeUri(URIRef(term))}`"
        except Exception:
            return f"`<{term}>`"

    def place(term: Any) -> int:  # the order the ontology file gives, sections and all
        found = text.find(f"\n{name(term).strip('`')} a ")
        return found if found >= 0 else len(text)

    def values(subject: Any, predicate: Any) -> str:
        return ", ".join(sorted(name(o) for o in graph.objects(subject, predicate)))

    def literal(subject: Any, predicate: Any) -> str:
        found = [str(o) for o in graph.objects(subject, predicate)
                 if getattr(o, "language", None) in (None, "en")]
        return cell(found[0]) if found else ""

    classes = sorted(set(graph.subjects(RDF.type, OWL.Class)), key=place)
    properties = sorted(
        set(graph.subjects(RDF.type, OWL.ObjectProperty))
        | set(graph.subjects(RDF.type, OWL.DatatypeProperty)),
        key=place,
    )
    class_rows = [
        (name(c), literal(c, RDFS.label), literal(c, RDFS.comment), values(c, RDFS.subClassOf))
        for c in classes
    ]
    property_rows = [
        (name(p), "object" if (p, RDF.type, OWL.ObjectProperty) in graph else "datatype",
         literal(p, RDFS.label), literal(p, RDFS.comment), values(p, RDFS.domain),
         values(p, RDFS.range), values(p, RDFS.subPropertyOf))
        for p in properties
    ]
    return "\n".join([
        "# Ontology reference\n",
        generated_note("`ontology/diplograph.ttl`"),
        f"The `dg:` prefix is `{graph.namespace_manager.store.namespace('dg')}`. "
        f"{len(classes)} classes and {len(properties)} properties.\n",
        "## Classes\n",
        table(("class", "label", "comment", "subclass of"), class_rows),
        "\n## Properties\n",
        table(("property", "kind", "label", "comment", "domain", "range", "subproperty of"),
              property_rows),
        "",
    ])


# -------------------------------------------------------------------------- the Gephi legend


def _swatch(rgb: tuple[int, int, int]) -> str:
    hex_ = "#{:02X}{:02X}{:02X}".format(*rgb)
    return (f'<span class="dg-swatch" style="background:{hex_}"></span>', f"`{hex_}`")


def legend_page() -> str:
    """The node colours of the GEXF export, from its colour table."""
    from graph.export import style

    rows: list[tuple[str, ...]] = []
    for iri, rgb in style.COUNTRY_COLOURS.items():
        country = iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()
        rows.append((*_swatch(rgb), f"actor of {cell(country)} (its officials and the state)"))
    for claim_type, rgb in style.CLAIM_COLOURS.items():
        rows.append((*_swatch(rgb), f"claim: {cell(claim_type)}"))
    for status, rgb in style.STATUS_COLOURS.items():
        rows.append((*_swatch(rgb), f"status event: {cell(status.replace('_', ' '))}"))
    for kind, rgb in style.KIND_COLOURS.items():
        what = {"actor": "any other actor", "claim": "claim of no known type",
                "event": "status event of no known kind"}.get(kind, kind)
        rows.append((*_swatch(rgb), f"{cell(what)} (kind `{kind}`)"))
    rows.append((*_swatch(style.OTHER), "any other kind"))
    return "\n".join([
        "# Gephi colour legend\n",
        generated_note("the export's colour table, `graph/export/style.py`"),
        "Nodes of a GEXF export are coloured by kind, actors by their country and claims by "
        "their type, status events by their kind; sizes grow with the square root of the "
        "degree. GraphML and CSV carry no colours. Kinds such as places, posts, holdings, "
        "documents and evidence appear in the `full` view only; bundles, measures and status "
        "events in the `ledger` view too.\n",
        table(("colour", "RGB", "what"), rows),
        "",
    ])


# ----------------------------------------------------------------------------- the routes


class Route(NamedTuple):
    path: str
    methods: tuple[str, ...]
    summary: str
    in_schema: bool


def app_routes(app: Any = None) -> list[Route]:
    """Every route of the app (the framework's own pages included), in the order it matches."""
    if app is None:
        from api.app import create_app
        from api.settings import Settings

        app = create_app(Settings(store="memory:", warm_caches=False))
    try:  # newer FastAPI wraps included routers; this walks through them
        from fastapi.routing import iter_route_contexts

        contexts: list[Any] = list(iter_route_contexts(app.routes))
    except ImportError:  # pragma: no cover - older FastAPI lists the routes themselves
        contexts = list(app.routes)
    routes = []
    for route in contexts:
        path = getattr(route, "path", None)
        if not path:
            continue
        endpoint = getattr(route, "endpoint", None)
        doc = inspect.getdoc(endpoint) if endpoint else None
        summary = getattr(route, "summary", None) or (doc or "").split("\n\n")[0]
        routes.append(Route(path, tuple(sorted(getattr(route, "methods", None) or ())),
                            " ".join(summary.split()),
                            bool(getattr(route, "include_in_schema", False))))
    return routes


def routes_page() -> str:
    rows = [
        (", ".join(r.methods), f"`{r.path}`", cell(r.summary), "yes" if r.in_schema else "")
        for r in app_routes()
    ]
    return "\n".join([
        "# Routes\n",
        generated_note("the app's routes (`api.app.create_app`)"),
        "Every route the server answers, in the order it matches. Those in OpenAPI are "
        "described field by field at `/docs` and `/openapi.json`; the others are web pages, "
        "static files and protocol refusals (a method a path does not allow).\n",
        table(("methods", "path", "what", "in OpenAPI"), rows),
        "",
    ])


# --------------------------------------------------------------------- the competency queries


def queries_page() -> str:
    """The competency questions of ``data/queries/``, each with its question and its query."""
    parts = ["# Competency queries\n", generated_note("the files in `data/queries/`"),
             "The questions the graph was built to answer, as SPARQL. Run one with "
             "`.venv/bin/diplograph query -f data/queries/FILE.rq`, or paste it into the "
             "query page at `/sparql`.\n"]
    for path in sorted((ROOT / "data" / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        question = first.lstrip("#").strip() if first.startswith("#") else path.stem
        parts.append(f"## {cell(question)}\n")
        parts.append(f"`data/queries/{path.name}`\n")
        parts.append(f"```sparql\n{text.rstrip()}\n```\n")
    return "\n".join(parts)


# ---------------------------------------------------------------------------- the modules


def _first_sentence(path: Path) -> str:
    """The first paragraph of a module's docstring, read without importing it."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n")[0].split())


def modules_page() -> str:
    """Every package of ``graph/`` and ``api/`` with its modules and what each holds."""
    parts = ["# Module reference\n", generated_note("the docstrings of `graph/` and `api/`"),
             "Each package with the first paragraph of its docstring, then its modules. "
             "[Architecture](../architecture.md) explains how they fit together.\n"]
    for top in ("graph", "api"):
        packages = sorted(p.parent for p in (ROOT / top).rglob("__init__.py")
                          if "_bundled" not in p.parts)
        for package in packages:
            dotted = ".".join(package.relative_to(ROOT).parts)
            parts.append(f"## `{dotted}`\n")
            parts.append(cell(_first_sentence(package / "__init__.py")) or "(no docstring)")
            parts.append("")
            rows = [(f"`{m.name}`", cell(_first_sentence(m)))
                    for m in sorted(package.glob("*.py")) if m.name != "__init__.py"]
            if rows:
                parts.append(table(("module", "what it holds"), rows) + "\n")
    return "\n".join(parts)


#: The generated pages, by their path in the site.
PAGES: dict[str, Callable[[], str]] = {
    "reference/cli.md": cli_page,
    "reference/settings.md": settings_page,
    "reference/ontology.md": ontology_page,
    "reference/gephi-legend.md": legend_page,
    "reference/routes.md": routes_page,
    "reference/competency-queries.md": queries_page,
    "reference/modules.md": modules_page,
}
