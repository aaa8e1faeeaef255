"""A task of the server process that does one step of work over and over: the mail outbox, webhooks, scheduled jobs."""

from __future__ import annotations

import asyncio
import contextlib
import logging


class BackgroundLoop:
    """Runs `step` again and again, waiting `interval` seconds after each run, or less when `wake` is called.

    A failed step is logged with `failure` and the loop goes on, so a database outage does not end it.
    """

    def __init__(self, *, name: str, interval: float, logger: logging.Logger, failure: str) -> None:
        self.interval = interval
        self._name = name
        self._logger = logger
        self._failure = failure
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def step(self) -> None:
        raise NotImplementedError

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self._name)

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
                self._logger.exception(self._failure)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            self._wake.clear()
