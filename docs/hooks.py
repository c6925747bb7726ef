"""MkDocs hooks: add the reference pages generated from the code (``reference_pages.py``).

The pages exist only inside the build, never as files in the repository, so there is no copy
that could go stale.
"""

from __future__ import annotations

from typing import Any

import reference_pages  # beside this file; MkDocs puts this folder on the path while loading


def on_files(files: Any, config: Any) -> Any:
    """Add each generated page to the site before the navigation is built."""
    from mkdocs.structure.files import File

    for path, generate in reference_pages.PAGES.items():
        files.append(File.generated(config, path, content=generate()))
    return files
