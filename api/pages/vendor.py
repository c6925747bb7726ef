"""The library files the pages load: installed by ``npm ci`` from ``package-lock.json`` (the
Makefile runs it) and served by the app at ``/static/vendor/{name}`` from node_modules.

Never a CDN and never a copy in git: the lockfile pins each file's bytes, and a server where
``npm ci`` has not run (an installed wheel) serves pages that say so and work without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.paths import NODE_MODULES

JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"


@dataclass(frozen=True)
class VendorFile:
    path: Path
    media_type: str

    def installed(self) -> bool:
        """Whether ``npm ci`` has put the file where the app serves it from."""
        return self.path.is_file()


_YASGUI = NODE_MODULES / "@zazuko" / "yasgui" / "build"

#: Every file served under ``/static/vendor/``, by the name it is served under.
FILES = {
    # The graph page's drawing (api/templates/graph.html).
    "cytoscape.min.js": VendorFile(NODE_MODULES / "cytoscape" / "dist" / "cytoscape.min.js", JS),
    # The SPARQL query page (api/templates/sparql.html): YASGUI with its editor and results
    # view bundled in, one script and one stylesheet.
    "yasgui.min.js": VendorFile(_YASGUI / "yasgui.min.js", JS),
    "yasgui.min.css": VendorFile(_YASGUI / "yasgui.min.css", CSS),
}


def installed(*names: str) -> bool:
    """Whether every named file is there to serve."""
    return all(FILES[name].installed() for name in names)
