"""Named write tokens with roles, kept hashed in a tokens file (``DIPLOGRAPH_TOKENS_FILE``).

A team's server gives each person (or script) a token of their own, so a write can say who
made it and a token can be taken back without changing everyone else's. The file holds, per
token, its name, its role, when it was made and revoked, a public key id and the scrypt hash
of its secret with a salt of its own; never the secret, which ``diplograph token add`` prints
once. A token reads ``dg_<key>_<secret>``: the key finds the one entry to check, so a request
costs one scrypt however many tokens the file holds.

Roles nest: a ``reviewer`` may review claims and ingest documents, an ``editor`` also runs
SPARQL Update, writes through the Graph Store Protocol and deletes documents, an ``admin`` may
do everything (the server's single ``DIPLOGRAPH_TOKEN`` is an admin). Only the standard
library is used, so the command line reads the file without the web stack.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

#: The roles, weakest first: each may do what the ones before it may.
ROLES = ("reviewer", "editor", "admin")
#: A token's name: what the audit trail records as "who" (an e-mail address will do).
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$")
#: The scrypt cost (16 MiB, some 35 ms a check): the secrets are random, 256 bits, so this
#: guards a stolen file against nothing a guess could find; it keeps the hashes slow anyway.
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
PREFIX = "dg_"
#: The principal name of the server's single ``DIPLOGRAPH_TOKEN``; no file token may take it.
ADMIN_TOKEN_NAME = "DIPLOGRAPH_TOKEN"
FORMAT = 1


class TokensFileError(Exception):
    """The tokens file cannot be read or changed; the message says why."""


@dataclass(frozen=True)
class TokenEntry:
    """One token as the file keeps it (``hash`` and ``salt`` in hex)."""

    name: str
    role: str
    created: str
    key: str
    salt: str
    hash: str
    n: int = SCRYPT["n"]
    r: int = SCRYPT["r"]
    p: int = SCRYPT["p"]
    revoked: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None


def rank(role: str) -> int:
    """How strong a role is (0 for the weakest); ``ValueError`` for an unknown role."""
    return ROLES.index(role)


def _hash(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=256 * r * n + (1 << 20))


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def split(token: str) -> tuple[str, str] | None:
    """(key, secret) of a token of this file's form, None for anything else."""
    if not token.startswith(PREFIX):
        return None
    key, _, secret = token[len(PREFIX):].partition("_")
    return (key, secret) if key and secret else None


def read(path: Path) -> list[TokenEntry]:
    """The entries of the file; none when it does not exist yet."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TokensFileError(f"cannot read the tokens file {path}: {exc}") from exc
    try:
        if data.get("format") != FORMAT:
            raise TokensFileError(f"{path} is not a tokens file of format {FORMAT}")
        entries = [TokenEntry(**item) for item in data["tokens"]]
    except (AttributeError, KeyError, TypeError) as exc:
        raise TokensFileError(f"the tokens file {path} is damaged: {exc}") from exc
    for entry in entries:
        if entry.role not in ROLES:
            raise TokensFileError(f"{path}: token {entry.name!r} has an unknown role "
                                  f"{entry.role!r}")
    return entries


def _write(path: Path, entries: list[TokenEntry]) -> None:
    """Replace the file whole (a reader sees the old file or the new one), readable by its
    owner only."""
    body = json.dumps({"format": FORMAT, "tokens": [asdict(e) for e in entries]}, indent=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[list[TokenEntry]]:
    """The entries, read and changed by one command at a time (a lock file beside)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield read(path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def add(path: Path, name: str, role: str) -> str:
    """Add a token for ``name`` with ``role`` and return it: the only time it is seen. A name
    with an active token is refused (revoke it first: one token per name keeps "who" clear)."""
    if not NAME.match(name):
        raise TokensFileError(f"{name[:100]!r} is not a token name: letters, digits and . _ @ + "
                              "- (at most 100, starting with a letter or digit)")
    if name == ADMIN_TOKEN_NAME:
        raise TokensFileError(f"{name} names the server's own admin token; choose another name")
    if role not in ROLES:
        raise TokensFileError(f"{role!r} is not a role: {', '.join(ROLES)}")
    with _locked(path) as entries:
        if any(e.name == name and e.active for e in entries):
            raise TokensFileError(f"{name!r} already has a token; revoke it first "
                                  f"(diplograph token revoke {name})")
        key = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_bytes(16)
        digest = _hash(secret, salt, **SCRYPT)
        entries.append(TokenEntry(name=name, role=role, created=_now(), key=key,
                                  salt=salt.hex(), hash=digest.hex()))
        _write(path, entries)
    return f"{PREFIX}{key}_{secret}"


def revoke(path: Path, name: str) -> int:
    """Revoke every active token of ``name``; how many there were (0: nothing changed)."""
    with _locked(path) as entries:
        when = _now()
        changed = [replace(e, revoked=when) if e.name == name and e.active else e
                   for e in entries]
        count = sum(1 for old, new in zip(entries, changed, strict=True) if old is not new)
        if count:
            _write(path, changed)
    return count


def listing(path: Path) -> list[dict[str, Any]]:
    """Name, role, created and revoked of every entry, oldest first; never a hash."""
    return [{"name": e.name, "role": e.role, "created": e.created, "revoked": e.revoked}
            for e in read(path)]


#: Hashed when a token's key is unknown, so that answer takes as long as a wrong secret.
_DUMMY = TokenEntry(name="", role="reviewer", created="", key="", salt="00" * 16,
                    hash="00" * 32)


class TokenBook:
    """The server's view of the tokens file, read again whenever the file changes (a token
    added or revoked counts from the next request, without a restart)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._seen: tuple[int, int, int] | None = None
        self._by_key: dict[str, TokenEntry] = {}
        self.reload()

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return None
        return (info.st_ino, info.st_mtime_ns, info.st_size)

    def reload(self) -> None:
        """Read the file when it changed since the last read (``TokensFileError`` when it
        cannot be read: every file token is refused until it can)."""
        with self._lock:
            stamp = self._stamp()
            if stamp == self._seen and stamp is not None:
                return
            try:
                entries = read(self.path)
            except TokensFileError:
                self._by_key, self._seen = {}, None
                raise
            self._by_key = {e.key: e for e in entries if e.active}
            self._seen = stamp

    def identify(self, token: str) -> TokenEntry | None:
        """The active entry ``token`` belongs to, None otherwise; the secret is compared in
        constant time, and an unknown key costs the same hash as a wrong secret."""
        self.reload()
        parts = split(token)
        key, secret = parts if parts else ("", token)
        entry = self._by_key.get(key)
        checked = entry or _DUMMY
        digest = _hash(secret, bytes.fromhex(checked.salt), checked.n, checked.r, checked.p)
        matches = hmac.compare_digest(digest, bytes.fromhex(checked.hash))
        return entry if entry is not None and matches else None
