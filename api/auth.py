"""Who may write: the holder of the bearer token the deployment configures (``DIPLOGRAPH_TOKEN``).

Reads need nothing. Without a configured token every write is refused (403): an endpoint must
never be writable by accident. The comparison takes constant time.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, HTTPException, Request

from api.deps import get_settings
from api.settings import Settings

REALM = 'Bearer realm="diplograph"'


async def require_writer(request: Request, settings: Settings = Depends(get_settings)) -> None:
    """A dependency for write routes: 403 when writes are off, 401 without the right token."""
    if not settings.token:
        raise HTTPException(403, "writes are disabled on this server: it has no token "
                                 "configured (set DIPLOGRAPH_TOKEN)")
    scheme, _, supplied = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not supplied.strip():
        raise HTTPException(401, "writes need an 'Authorization: Bearer <token>' header",
                            headers={"WWW-Authenticate": REALM})
    if not hmac.compare_digest(supplied.strip().encode(), settings.token.encode()):
        raise HTTPException(401, "the bearer token is not valid for this server",
                            headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'})
