"""Who may write, and as whom: the bearer tokens a deployment configures, each with a role.

Two sources, either or both: ``DIPLOGRAPH_TOKEN``, one token with the ``admin`` role (its
principal is named ``DIPLOGRAPH_TOKEN``), and the named tokens of ``DIPLOGRAPH_TOKENS_FILE``
(``api.tokens``). Reads need nothing. With neither configured every write is refused (403): an
endpoint must never be writable by accident. A missing, unknown or revoked token is a 401 with
``WWW-Authenticate``; a valid token whose role is too weak for the route a 403 (RFC 6750's
``insufficient_scope``). Comparisons take constant time.

Every write route names the role it needs through ``api.deps.require`` (the review form,
whose token is a form field, calls ``authorize`` itself); the principal that passed is left in
``request.state.principal`` for the handler, so a write can record who made it.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException

from api.tokens import ADMIN_TOKEN_NAME, ROLES, TokenBook, TokensFileError, rank

REALM = 'Bearer realm="diplograph"'


@dataclass(frozen=True)
class Principal:
    """Who a request writes as: the token's name and its role."""

    name: str
    role: str


class Authenticator:
    """The configured tokens: ``DIPLOGRAPH_TOKEN`` and the tokens file, if any."""

    def __init__(self, admin_token: str | None, tokens_file: str | None) -> None:
        self.admin_token = admin_token or None
        self.book = TokenBook(Path(tokens_file)) if tokens_file else None

    @property
    def enabled(self) -> bool:
        """Whether any write can be made here at all."""
        return self.admin_token is not None or self.book is not None

    def identify(self, supplied: str) -> Principal | None:
        """The principal a token stands for, None when it stands for none (unknown, revoked).
        Runs scrypt for a file token: call it off the event loop."""
        if self.admin_token is not None and hmac.compare_digest(
            supplied.encode(), self.admin_token.encode()
        ):
            return Principal(ADMIN_TOKEN_NAME, "admin")
        if self.book is None:
            return None
        try:
            entry = self.book.identify(supplied)
        except TokensFileError as exc:
            raise HTTPException(503, f"the server cannot read its tokens file: {exc}") from exc
        return Principal(entry.name, entry.role) if entry is not None else None


def bearer(authorization: str) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, None for any other."""
    scheme, _, supplied = authorization.partition(" ")
    return supplied.strip() or None if scheme.lower() == "bearer" else None


def check_enabled(auth: Authenticator) -> None:
    """403 when the server takes no writes at all."""
    if not auth.enabled:
        raise HTTPException(403, "writes are disabled on this server: it has no token "
                                 "configured (set DIPLOGRAPH_TOKEN or DIPLOGRAPH_TOKENS_FILE)")


def authorize(auth: Authenticator, supplied: str | None, role: str) -> Principal:
    """The principal of ``supplied`` when its role is ``role`` or stronger; else 401 (no
    token, or one that is not valid here) or 403 (valid, but its role is too weak)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    check_enabled(auth)
    if not supplied:
        raise HTTPException(401, "writes need an 'Authorization: Bearer <token>' header",
                            headers={"WWW-Authenticate": REALM})
    principal = auth.identify(supplied)
    if principal is None:
        raise HTTPException(401, "the bearer token is not valid for this server (unknown or "
                                 "revoked)",
                            headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'})
    if rank(principal.role) < rank(role):
        raise HTTPException(
            403, f"the token {principal.name!r} has the role {principal.role}; this needs "
                 f"{role} or stronger",
            headers={"WWW-Authenticate": f'{REALM}, error="insufficient_scope"'})
    return principal
