"""Named tokens with roles: the tokens file and ``diplograph token``, and every write route's
role check over a real uvicorn server and a real Oxigraph store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import Depends, Request
from typer.testing import CliRunner

from api import tokens
from api.app import create_app
from api.deps import require_admin, require_editor, require_reviewer
from api.settings import Settings
from graph.cli import app as cli
from graph.cli.tokens import Role
from graph.store import GraphStore, open_store
from tests.support.extract_support import load_reference
from tests.support.server import TOKEN, start_server
from tests.support.sparql_support import PROLOGUE, state_triples, state_ttl

READOUT = (
    "Wang Yi met Antony Blinken in Beijing on Monday.\n"
    "Wang urged the US side to stop arming Taiwan and lift illegal sanctions.\n"
)
GRAPH = "https://w3id.org/diplograph/graph/file/tokens-test"
TURTLE = {"Content-Type": "text/turtle"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def token_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["token", *args])
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------ the file and the CLI
def test_cli_adds_lists_and_revokes_and_the_file_keeps_no_secret(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    code, printed, told = token_cli("add", "alice", "--role", "reviewer", "--file", str(path))
    assert code == 0 and "not shown again" in told
    token = printed.strip()
    assert token.startswith("dg_") and len(token) > 40
    stored = path.read_text()
    _, secret = tokens.split(token)  # type: ignore[misc]
    assert secret not in stored and token not in stored
    assert path.stat().st_mode & 0o077 == 0  # readable by its owner only
    code, _, told = token_cli("add", "alice", "--role", "editor", "--file", str(path))
    assert code == 1 and "already has a token" in told
    code, other, _ = token_cli("add", "bob", "--role", "editor", "--file", str(path))
    assert code == 0 and other.strip() != token
    entries = json.loads(path.read_text())["tokens"]
    assert len({e["salt"] for e in entries}) == 2  # a salt of its own per token

    code, listed, _ = token_cli("list", "--json", "--file", str(path))
    rows = [json.loads(line) for line in listed.splitlines()]
    assert [(r["name"], r["role"], r["revoked"]) for r in rows] == [
        ("alice", "reviewer", None), ("bob", "editor", None)]
    assert all(set(r) == {"name", "role", "created", "revoked"} for r in rows)
    code, table, _ = token_cli("list", "--file", str(path))
    assert code == 0 and "alice" in table and entries[0]["hash"] not in table

    assert token_cli("revoke", "alice", "--file", str(path))[0] == 0
    assert token_cli("revoke", "alice", "--file", str(path))[0] == 1  # none left to revoke
    book = tokens.TokenBook(path)
    assert book.identify(token) is None
    assert book.identify(other.strip()).name == "bob"  # type: ignore[union-attr]
    code, again, _ = token_cli("add", "alice", "--role", "admin", "--file", str(path))
    assert code == 0 and book.identify(again.strip()).role == "admin"  # type: ignore[union-attr]


def test_names_roles_and_damaged_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    for name in ("", "-x", "a b", "x" * 101, "DIPLOGRAPH_TOKEN"):
        with pytest.raises(tokens.TokensFileError):
            tokens.add(path, name, "reviewer")
    with pytest.raises(tokens.TokensFileError):
        tokens.add(path, "carol", "owner")
    assert tuple(Role) == tokens.ROLES
    assert not path.exists()
    path.write_text("{not json")
    with pytest.raises(tokens.TokensFileError, match="cannot read"):
        create_app(Settings(store="oxigraph:", tokens_file=str(path)))
    code, _, told = token_cli("list", "--file", str(path))
    assert code == 1 and "cannot read the tokens file" in told


def test_a_token_is_checked_by_its_key_and_secret(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    token = tokens.add(path, "dana", "editor")
    book = tokens.TokenBook(path)
    key, secret = tokens.split(token)  # type: ignore[misc]
    assert book.identify(token).name == "dana"  # type: ignore[union-attr]
    for wrong in (f"dg_{key}_{secret[:-1]}x", f"dg_{'0' * 12}_{secret}", secret, "dg_", ""):
        assert book.identify(wrong) is None


# ------------------------------------------------------------------- roles over HTTP
@dataclass
class Team:
    url: str
    store: GraphStore
    file: Path
    reviewer: str
    editor: str
    admin: str


def _whoami(request: Request) -> dict[str, str]:
    principal = request.state.principal
    return {"name": principal.name, "role": principal.role}


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    folder = tmp_path_factory.mktemp("tokens")
    store = open_store(f"oxigraph:{folder / 'store'}")
    load_reference(store)
    path = folder / "tokens.json"
    made = {role: tokens.add(path, f"{role}-1", role) for role in tokens.ROLES}
    settings = Settings(store="oxigraph:", token=TOKEN, tokens_file=str(path), query_timeout=5.0)
    app = create_app(settings, store=store)
    # what a handler reads: the principal each role check leaves in request.state
    for role, check in (("reviewer", require_reviewer), ("editor", require_editor),
                        ("admin", require_admin)):
        app.add_api_route(f"/whoami/{role}", _whoami, dependencies=[Depends(check)])
    server, thread, url = start_server(store, settings, app)
    yield Team(url, store, path, made["reviewer"], made["editor"], made["admin"])
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def _insert(slug: str) -> str:
    return f"{PROLOGUE} INSERT DATA {{ GRAPH <{GRAPH}> {{ {state_triples(slug)} }} }}"


def _has_state(team: Team, slug: str) -> bool:
    return f"/actor/{slug}>" in team.store.graph(GRAPH).serialize(format="nt")


def test_each_role_reaches_what_it_may_and_no_further(team: Team) -> None:
    with httpx.Client(base_url=team.url, timeout=120) as c:
        for token, name, role in ((team.reviewer, "reviewer-1", "reviewer"),
                                  (team.editor, "editor-1", "editor"),
                                  (team.admin, "admin-1", "admin"),
                                  (TOKEN, "DIPLOGRAPH_TOKEN", "admin")):
            for needed in tokens.ROLES:
                answer = c.get(f"/whoami/{needed}", headers=bearer(token))
                if tokens.rank(role) >= tokens.rank(needed):
                    assert answer.json() == {"name": name, "role": role}
                else:
                    assert answer.status_code == 403
                    assert "insufficient_scope" in answer.headers["www-authenticate"]

        before = team.store.quad_count()
        refused = c.post("/update", data={"update": _insert("france")},
                         headers=bearer(team.reviewer))
        assert refused.status_code == 403 and "reviewer" in refused.json()["detail"]
        assert team.store.quad_count() == before and not _has_state(team, "france")
        put = c.put("/rdf-graphs", params={"graph": GRAPH}, content=state_ttl("japan"),
                    headers={**TURTLE, **bearer(team.reviewer)})
        assert put.status_code == 403 and team.store.quad_count() == before

        done = c.post("/update", data={"update": _insert("france")}, headers=bearer(team.editor))
        assert done.status_code == 200, done.text
        assert _has_state(team, "france")
        put = c.put("/rdf-graphs", params={"graph": GRAPH}, content=state_ttl("japan"),
                    headers={**TURTLE, **bearer(team.editor)})
        assert put.status_code == 204, put.text

        ingested = c.post("/documents", json={"text": READOUT, "slug": "roles-doc"},
                          headers=bearer(team.reviewer))
        assert ingested.status_code == 201, ingested.text
        assert c.delete("/documents/roles-doc", headers=bearer(team.reviewer)).status_code == 403
        assert c.get("/documents/roles-doc").status_code == 200
        assert c.delete("/documents/roles-doc", headers=bearer(team.editor)).status_code == 204
        assert c.delete("/rdf-graphs", params={"graph": GRAPH},
                        headers=bearer(team.admin)).status_code == 204


def test_unknown_and_revoked_tokens_are_401_from_the_next_request(team: Team) -> None:
    with httpx.Client(base_url=team.url, timeout=60) as c:
        late = tokens.add(team.file, "late-1", "editor")  # no restart: the file is read again
        assert c.get("/whoami/editor", headers=bearer(late)).json()["name"] == "late-1"
        for wrong in ("dg_000000000000_nothing", late[:-2] + "xx", "nonsense", TOKEN + "x"):
            answer = c.get("/whoami/reviewer", headers=bearer(wrong))
            assert answer.status_code == 401
            assert answer.headers["www-authenticate"] == (
                'Bearer realm="diplograph", error="invalid_token"')
        missing = c.get("/whoami/reviewer")
        assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith(
            "Bearer")
        assert token_cli("revoke", "late-1", "--file", str(team.file))[0] == 0
        before = team.store.quad_count()
        revoked = c.post("/update", data={"update": _insert("germany")}, headers=bearer(late))
        assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
        assert team.store.quad_count() == before
        form = {"action": "accept", "token": late, "back": ""}
        assert c.post("/review/claims/anything", data=form).status_code == 401


def test_no_token_configured_refuses_every_write(tmp_path: Path) -> None:
    store = open_store("oxigraph:")
    settings = Settings(store="oxigraph:", token=None, tokens_file=None)
    server, thread, url = start_server(store, settings)
    try:
        answer = httpx.post(f"{url}/update", data={"update": _insert("spain")},
                            headers=bearer(TOKEN))
        assert answer.status_code == 403 and "DIPLOGRAPH_TOKENS_FILE" in answer.json()["detail"]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
