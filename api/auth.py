"""Who may write: the holder of the bearer token the deployment configures (``DIPLOGRAPH_TOKEN``).

Reads need nothing. Without a configured token every write is refused (403): an endpoint must
never be writable by accident. The comparison takes constant time. Routes take the check as the
``api.deps.require_writer`` dependency.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException

REALM = 'Bearer realm="diplograph"'


def check_writer(token: str | None, authorization: str) -> None:
    """403 when writes are off (no ``token``), 401 unless ``authorization`` bears the token."""
    if not token:
        raise HTTPException(403, "writes are disabled on this server: it has no token "
                                 "configured (set DIPLOGRAPH_TOKEN)")
    scheme, _, supplied = authorization.partition(" ")
    if scheme.lower() != "bearer" or not supplied.strip():
        raise HTTPException(401, "writes need an 'Authorization: Bearer <token>' header",
                            headers={"WWW-Authenticate": REALM})
    if not hmac.compare_digest(supplied.strip().encode(), token.encode()):
        raise HTTPException(401, "the bearer token is not valid for this server",
                            headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'})
