"""Where the tests' data lives, wherever a test module sits under ``tests/``."""

from __future__ import annotations

from pathlib import Path

#: ``tests/``: shape fixtures in ``shapes/``, readouts and other data in ``fixtures/``.
TESTS_DIR = Path(__file__).resolve().parents[1]
#: The project's root (the checkout).
PROJECT_ROOT = TESTS_DIR.parent
