"""Where the bundled ontology, shapes and data live.

In a source checkout they sit beside the packages; in an installed wheel they are shipped
inside the package as ``graph/_bundled`` so ``pip install .`` works from any directory.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_bundled"
#: Whether the data ship inside the package (an installed wheel) rather than in a checkout.
SHIPPED = _BUNDLED.is_dir()
ROOT = _BUNDLED if SHIPPED else _PACKAGE.parent

ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ROOT / "shapes"
DATA_DIR = ROOT / "data"
CURATED_DIR = DATA_DIR / "curated"
SOURCES_DIR = DATA_DIR / "sources"
GOLD_DIR = DATA_DIR / "gold"
COMPETENCY_DIR = DATA_DIR / "queries"
QUERIES_DIR = _PACKAGE / "queries"
#: JavaScript the web pages use, installed by ``npm ci`` from package-lock.json at the
#: repository root (the Makefile does it); absent in a wheel, where pages fall back to no JS.
NODE_MODULES = _PACKAGE.parent / "node_modules"
