"""``diplograph token add|list|revoke``: the named tokens of a team's server.

The tokens file (``DIPLOGRAPH_TOKENS_FILE`` or ``--file``) is the one the server reads
(``api.tokens``); a running server sees a token added or revoked from its next request.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from graph.cli.common import err, fail, out

FileOption = typer.Option(
    ..., "--file", "-f", envvar="DIPLOGRAPH_TOKENS_FILE",
    help="The tokens file the server reads (DIPLOGRAPH_TOKENS_FILE); created by the first add.",
    show_default=False,
)


class Role(StrEnum):
    """The roles, weakest first (``api.tokens.ROLES``)."""

    reviewer = "reviewer"
    editor = "editor"
    admin = "admin"


def add_command(
    name: str = typer.Argument(..., help="Who the token is for (recorded as who wrote)."),
    role: Role = typer.Option(
        ..., "--role", "-r",
        help="reviewer: review claims and ingest documents; editor: also SPARQL Update, "
        "Graph Store writes and deletes; admin: everything.",
    ),
    file: Path = FileOption,
) -> None:
    """Make a token for NAME and print it, once: only its hash is kept."""
    from api.tokens import TokensFileError, add

    try:
        token = add(file, name, role.value)
    except TokensFileError as exc:
        fail(str(exc))
    out.print(token, highlight=False, markup=False)
    err.print(f"token for {name} ({role.value}) added to {file}; store it now, it is not "
              "shown again", highlight=False, markup=False)


def list_command(
    file: Path = FileOption,
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """Every token's name, role, when it was made and revoked; never a hash."""
    from api.tokens import TokensFileError, listing

    try:
        rows = listing(file)
    except TokensFileError as exc:
        fail(str(exc))
    if as_json:
        for row in rows:
            out.print(json.dumps(row), highlight=False, markup=False, soft_wrap=True)
        return
    table = Table("name", "role", "created", "revoked")
    for row in rows:
        table.add_row(row["name"], row["role"], row["created"], row["revoked"] or "")
    out.print(table)


def revoke_command(
    name: str = typer.Argument(..., help="Whose token to revoke."),
    file: Path = FileOption,
) -> None:
    """Revoke NAME's token: refused (401) from the server's next request on."""
    from api.tokens import TokensFileError, revoke

    try:
        count = revoke(file, name)
    except TokensFileError as exc:
        fail(str(exc))
    if not count:
        fail(f"{name!r} has no active token in {file}")
    out.print(f"revoked the token of {name}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add the ``token`` group to the ``diplograph`` app."""
    group = typer.Typer(help="Named tokens with roles, for a team's server (the tokens file).",
                        no_args_is_help=True)
    group.command("add")(add_command)
    group.command("list")(list_command)
    group.command("revoke")(revoke_command)
    app.add_typer(group, name="token")
