"""The one Jinja2 environment of the pages: every value autoescaped, templates in api/templates."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static" / "pages"

#: Human names of the claim types, in the order pages list them.
CLAIM_TYPE_NAMES = {
    "demand": "Demands",
    "red_line": "Red lines",
    "commitment": "Commitments",
    "consensus": "Consensus",
}

#: How a report gives a claim and whether its document affirms it, as a reader says it.
SPEECH_MODE_NAMES = {
    "direct_quote": "direct quote",
    "translation": "translation",
    "reported_speech": "reported speech",
    "summary": "summary",
}
STANCE_NAMES = {"affirms": "affirms it", "reports_other_side": "reports the other side's position"}


@cache
def environment() -> Environment:
    """Built once: autoescaping is on for every template whatever its extension."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["claim_types"] = CLAIM_TYPE_NAMES
    env.globals["speech_modes"] = SPEECH_MODE_NAMES
    env.globals["stances"] = STANCE_NAMES
    return env


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page; templates get ``context`` and the globals above."""
    body = environment().get_template(template).render(**context)
    return HTMLResponse(body, status_code=status)
