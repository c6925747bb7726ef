"""The query page: a small hand-written HTML page, served by the app itself (no CDN).

The competency questions in ``data/queries/*.rq`` are read once and inlined in the page as JSON,
so the examples are always the project's own queries, never a copy that drifts.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from graph.paths import COMPETENCY_DIR

STATIC_DIR = Path(__file__).resolve().parents[1] / "static" / "sparql"
#: The page's own assets, by name: nothing outside this list is ever served from the folder.
ASSETS = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}


def examples(folder: Path = COMPETENCY_DIR) -> list[dict[str, str]]:
    """Each ``.rq`` file as {name, title, query}; the title is its first comment line."""
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.lstrip("#").strip() if first.startswith("#") else path.stem
        found.append({"name": path.stem, "title": title, "query": text})
    return found


@cache
def page() -> bytes:
    """index.html with the examples inlined (``</`` escaped so no example can end the script)."""
    data = json.dumps(examples(), ensure_ascii=False).replace("</", "<\\/")
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    return html.replace("/*EXAMPLES*/[]", data).encode("utf-8")


def asset(name: str) -> tuple[bytes, str] | None:
    if name not in ASSETS:
        return None
    return (STATIC_DIR / name).read_bytes(), ASSETS[name]
