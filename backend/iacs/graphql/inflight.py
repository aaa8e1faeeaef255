"""At most 4 GraphQL requests of one session run at once; 28 more may wait their turn; beyond, 429 (issue 12,
finding 8).

Twenty expensive requests sent at once by one person held every pooled connection, and other people's requests
waited 3 s for one and got 503. The cost limit (validation.py) bounds each request; this bounds how many of one
session's requests hold a connection at the same time: 4 of the pool's 15 (10 + 5 overflow). A burst beyond that
waits in line without a connection (the SPA's page loads, 20 identical submissions of one form), up to
WAIT_SECONDS; a request that finds 32 of its session's requests running or waiting, or waits longer, is answered
429 with Retry-After and a coded GraphQL error, before anything runs (no SQL).

Counted per server process and per session cookie. Requests without a session are not counted here (they can
read almost nothing; sign-in has its own limits, R4).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import orjson
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

MAX_IN_FLIGHT_PER_SESSION = 4
MAX_WAITING_PER_SESSION = 28
WAIT_SECONDS = 5.0
RETRY_AFTER_SECONDS = 1
TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS"
MESSAGE = f"Too many requests at once from this session; try again in {RETRY_AFTER_SECONDS} s."


@dataclass
class _Session:
    slots: asyncio.Semaphore
    present: int = field(default=0)  # running and waiting


class PerSessionLimit:
    """ASGI: at most `running` HTTP requests per session cookie at once, `waiting` more in line (see the module)."""

    def __init__(
        self,
        app: ASGIApp,
        cookie_name: str,
        running: int = MAX_IN_FLIGHT_PER_SESSION,
        waiting: int = MAX_WAITING_PER_SESSION,
        wait_seconds: float = WAIT_SECONDS,
    ) -> None:
        self.app = app
        self.cookie_name = cookie_name
        self.running = running
        self.waiting = waiting
        self.wait_seconds = wait_seconds
        self.sessions: dict[str, _Session] = {}

    def _session(self, scope: Scope) -> str | None:
        for name, value in scope["headers"]:
            if name == b"authorization":  # R43: an API token counts like a session (its requests ignore cookies)
                return "token:" + str(value.decode("latin-1"))[-128:]
            if name == b"cookie":
                token = cookie_parser(value.decode("latin-1")).get(self.cookie_name)
                if token:
                    return token[:128]
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = self._session(scope) if scope["type"] == "http" else None
        if token is None:
            await self.app(scope, receive, send)
            return
        session = self.sessions.get(token)
        if session is None:
            session = self.sessions[token] = _Session(asyncio.Semaphore(self.running))
        if session.present >= self.running + self.waiting:
            await _too_many(send)
            return
        session.present += 1
        try:
            if session.slots.locked():
                try:
                    await asyncio.wait_for(session.slots.acquire(), self.wait_seconds)
                except TimeoutError:
                    await _too_many(send)
                    return
            else:
                await session.slots.acquire()  # free: returns at once
            try:
                await self.app(scope, receive, send)
            finally:
                session.slots.release()
        finally:
            session.present -= 1
            if session.present == 0:
                del self.sessions[token]


async def _too_many(send: Send) -> None:
    error = {"message": MESSAGE, "extensions": {"code": TOO_MANY_REQUESTS, "retryAfterSeconds": RETRY_AFTER_SECONDS}}
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"application/json"),
                (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": orjson.dumps({"data": None, "errors": [error]})})
