"""Live queues across processes: PostgreSQL LISTEN on one connection per process, fanned out to subscribers.

Every change of a request's place in queues is a NOTIFY on `iacs_queue` written in the changing transaction
(iacs.domain.requests.service.notify_queue), so it is delivered at commit, to every server process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import asyncpg
from sqlalchemy.engine import make_url

from iacs.domain.requests.service import QUEUE_CHANNEL

logger = logging.getLogger(__name__)

SUBSCRIBER_BUFFER = 1000  # a subscriber this far behind is told to reload instead ("RESYNC")
RESYNC = "RESYNC"


def asyncpg_dsn(sqlalchemy_url: str) -> str:
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


class QueueHub:
    def __init__(self, database_url: str) -> None:
        self.dsn = asyncpg_dsn(database_url)
        self._subscribers: set[asyncio.Queue[str]] = set()
        self._connection: asyncpg.Connection | None = None
        self._connecting = asyncio.Lock()

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    @property
    def listening(self) -> bool:
        """Whether the LISTEN connection is up (a subscriber is then told of every change from now on)."""
        return self._connection is not None and not self._connection.is_closed()

    def _deliver(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        for queue in list(self._subscribers):
            try:
                queue.put_nowait(payload)
            except asyncio.QueueFull:
                with contextlib.suppress(asyncio.QueueEmpty):
                    while True:
                        queue.get_nowait()
                queue.put_nowait(RESYNC)

    def _lost(self, _connection: object) -> None:
        logger.warning("live queue: LISTEN connection lost; subscribers will resync on reconnect")
        self._connection = None
        for queue in list(self._subscribers):
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(RESYNC)

    async def _ensure_listening(self) -> None:
        if self.listening:
            return
        async with self._connecting:
            if self.listening:
                return
            connection = await asyncpg.connect(self.dsn, timeout=5)
            await connection.add_listener(QUEUE_CHANNEL, self._deliver)
            connection.add_termination_listener(self._lost)
            self._connection = connection

    async def subscribe(self) -> AsyncIterator[str]:
        """Request ids (or RESYNC) as they change, until the caller stops iterating."""
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=SUBSCRIBER_BUFFER)
        self._subscribers.add(queue)
        try:
            await self._ensure_listening()
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), timeout=30)
                except TimeoutError:
                    await self._ensure_listening()  # reconnect after an outage, then keep waiting
                    continue
                yield item
        finally:
            self._subscribers.discard(queue)

    async def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.close(timeout=2)
            self._connection = None
