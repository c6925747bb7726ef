"""Backups: ``dump`` writes every named graph of a store to one file, ``restore`` loads it back.

A dump is TriG or N-Quads (gzipped when its name ends in ``.gz``) between a header line and an
end line that records the number of quads and the SHA-256 of everything before it, so a
truncated or damaged file is refused before anything is written. The inferred graph is not in
it: it is derived from the others, and a restore derives it again in the same transaction.
"""

from graph.backup.dump import DumpReport, dump
from graph.backup.files import DumpError, DumpFormat, dump_format
from graph.backup.restore import RestoreReport, StoreNotEmpty, read_dump, restore

__all__ = [
    "DumpError",
    "DumpFormat",
    "DumpReport",
    "RestoreReport",
    "StoreNotEmpty",
    "dump",
    "dump_format",
    "read_dump",
    "restore",
]
