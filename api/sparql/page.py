"""The query page: YASGUI, installed from npm and served from node_modules (no CDN).

The page inlines, as JSON, what the editor needs from the project: the competency questions
in ``data/queries/*.rq`` (read once, so the examples are always the project's own queries,
never a copy that drifts) and the prefix table of ``graph/namespaces.py`` (the editor's
prefix completion and automatic ``PREFIX`` lines, and the result table's short names).
``api/static/sparql/app.js`` starts YASGUI with them. Without JavaScript, or where ``npm ci``
has not run, the page is a plain form that sends the query to the endpoint by GET.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from api.pages import vendor
from api.pages.render import environment
from api.sparql.formats import FORMATS
from graph.namespaces import PREFIXES
from graph.paths import COMPETENCY_DIR

STATIC_DIR = Path(__file__).resolve().parents[1] / "static" / "sparql"
#: The page's own assets, by name: nothing outside this list is ever served from the folder.
ASSETS = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}
#: What the page loads from node_modules (``/static/vendor/{name}``).
VENDOR = ("yasgui.min.js", "yasgui.min.css")
#: The query a first visit finds in the editor: short, and answered by the bundled data.
DEFAULT_QUERY = """\
PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?person ?name WHERE {
  ?person a dg:Person ;
          rdfs:label ?name .
}
ORDER BY ?name
LIMIT 20
"""
#: The plain form's format choices: each ``format=`` name, as a reader says it.
FORMAT_LABELS = {
    "json": "SPARQL JSON (JSON-LD for CONSTRUCT/DESCRIBE)",
    "xml": "SPARQL XML (RDF/XML for CONSTRUCT/DESCRIBE)",
    "csv": "CSV",
    "tsv": "TSV",
    "turtle": "Turtle (CONSTRUCT/DESCRIBE)",
    "ntriples": "N-Triples (CONSTRUCT/DESCRIBE)",
    "trig": "TriG (CONSTRUCT/DESCRIBE)",
}


def examples(folder: Path = COMPETENCY_DIR) -> list[dict[str, str]]:
    """Each ``.rq`` file as {name, title, query}; the title is its first comment line."""
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.lstrip("#").strip() if first.startswith("#") else path.stem
        found.append({"name": path.stem, "title": title, "query": text})
    return found


def interactive() -> bool:
    """Whether YASGUI is installed (``npm ci``); without it the page is the plain form."""
    return vendor.installed(*VENDOR)


@cache
def page(base_iri: str) -> bytes:
    """The page, rendered once per entity base (the examples and prefixes are JSON through
    ``|tojson``, so no example can end its script element). ``base_iri`` lets the results
    table open an entity's IRI at its page on this server, ``/id/{kind}/{slug}``."""
    formats = [
        {"name": f.name, "label": FORMAT_LABELS[f.name]} for f in FORMATS if f.name in FORMAT_LABELS
    ]
    html = environment().get_template("sparql.html").render(
        examples=examples(),
        prefixes=PREFIXES,
        default_query=DEFAULT_QUERY,
        formats=formats,
        interactive=interactive(),
        base_iri=base_iri,
    )
    return html.encode("utf-8")


def asset(name: str) -> tuple[bytes, str] | None:
    if name not in ASSETS:
        return None
    return (STATIC_DIR / name).read_bytes(), ASSETS[name]
