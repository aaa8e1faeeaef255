"""A task of the server process that does one step of work over and over: the mail outbox, webhooks, scheduled jobs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import ClassVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.clock import Clock


class BackgroundLoop:
    """Runs `step` again and again, waiting `interval` seconds after each run, or less when `wake` is called.

    A subclass names its task (`task_name`) and says where and how a failed step is logged (`logger`,
    `failure_message`); the loop goes on after a failure, so a database outage does not end it.
    """

    task_name: ClassVar[str]
    logger: ClassVar[logging.Logger]
    failure_message: ClassVar[str]

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def step(self) -> None:
        raise NotImplementedError

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self.task_name)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await self.step()
            except asyncio.CancelledError:
                raise
            except Exception:  # the loop must survive a database outage and try again later
                self.logger.exception(self.failure_message)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            self._wake.clear()


class DatabaseLoop(BackgroundLoop):
    """A loop whose every step opens its own sessions (`session_factory`) and reads the time from `clock`."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], clock: Clock, interval: float) -> None:
        super().__init__(interval)
        self.session_factory = session_factory
        self.clock = clock
