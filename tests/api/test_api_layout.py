"""The layering of ``api``: routers and pages read through ``api.services``, never each other.

A page that called a route handler broke silently when the handler's parameters moved, and
routers that imported each other tied unrelated resources together; this keeps both from
coming back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import api

API = Path(api.__file__).resolve().parent
#: The modules that must not import a router: every router, page and service.
LAYERED = sorted(
    path
    for folder in ("routers", "pages", "services")
    for path in (API / folder).glob("*.py")
)


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, ``from a import b`` counted as ``a.b`` too."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_layered_modules_are_found() -> None:
    names = {f"{p.parent.name}/{p.name}" for p in LAYERED}
    assert {"routers/claims.py", "pages/entities.py", "services/claims.py"} <= names


@pytest.mark.parametrize("path", LAYERED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_imports_no_router(path: Path) -> None:
    routers = sorted(
        name for name in imported(path) if name == "api.routers" or name.startswith("api.routers.")
    )
    assert routers == [], f"{path.parent.name}/{path.name} imports {routers}"
