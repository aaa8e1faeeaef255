"""R43 at the HTTP level: a request with `Authorization` must carry an API token in force, or it gets 401.

A script that sends a wrong, revoked or expired token (or one of a disabled account) is told so plainly, with
`401` and `WWW-Authenticate: Bearer error="invalid_token"`, instead of being answered as if nobody were signed
in. A token in force is let through (its use noted in `lastUsedAt`, at most once a minute); the request's
Context then acts as the token's owner (Context.via_token, `_token_viewer`), ignoring any session cookie.

The token is found by the SHA-256 of the secret, by an indexed equality (domain/accounts/api_tokens.py): no
secret is compared, so the answer time says nothing about how much of a guess was right. Nothing here logs a
header or the secret.
"""

from __future__ import annotations

import orjson
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.types import ASGIApp, Receive, Scope, Send

from iacs.domain.accounts.api_tokens import user_for_api_token
from iacs.domain.clock import Clock
from iacs.graphql.transactions import end_transaction
from iacs.graphql.unavailable import close_quietly

UNAUTHENTICATED = "UNAUTHENTICATED"
MALFORMED = "Send the API token as the header `Authorization: Bearer <token>`."
INVALID = (
    "This API token does not work: it is unknown, revoked or expired, or its account is disabled. "
    "Make a new one on your profile page."
)


def authorization_of(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            return str(value.decode("latin-1"))
    return None


def bearer_secret(header: str) -> str | None:
    scheme, _, secret = header.partition(" ")
    return secret.strip() or None if scheme.lower() == "bearer" else None


class BearerGate:
    """ASGI: HTTP requests with `Authorization` pass only with a token in force (see the module)."""

    def __init__(self, app: ASGIApp, session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self.app = app
        self.session_factory = session_factory
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        header = authorization_of(scope) if scope["type"] == "http" else None
        if header is None:
            await self.app(scope, receive, send)
            return
        secret = bearer_secret(header)
        if secret is None:
            await unauthorized(send, MALFORMED, 'Bearer realm="iacs"')
            return
        db = self.session_factory()
        try:
            user = await user_for_api_token(db, secret, now=self.clock.now(), touch=True)
            await end_transaction(db)  # keeps the use it noted (a COMMIT instead of the ROLLBACK of giving it back)
        finally:
            await close_quietly(db)
        if user is None:
            await unauthorized(send, INVALID, 'Bearer realm="iacs", error="invalid_token"')
            return
        await self.app(scope, receive, send)


async def unauthorized(send: Send, message: str, challenge: str) -> None:
    error = {"message": message, "extensions": {"code": UNAUTHENTICATED}}
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"www-authenticate", challenge.encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": orjson.dumps({"data": None, "errors": [error]})})
