"""The scheduled job inside the server process; `iacs jobs run-once` runs the same step for cron."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.clock import Clock
from iacs.domain.lifecycle.service import JobReport, run_due_jobs

logger = logging.getLogger(__name__)


async def run_once(session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> JobReport:
    async with session_factory() as db:
        report = await run_due_jobs(db, clock.now())
        await db.commit()
    if report.ran and (
        report.expired
        or report.reminded
        or report.certification_reminders
        or report.suspended
        or report.escalated_ids
        or report.end_reminders
        or report.ended_ids
    ):
        logger.info(
            "jobs: %d expired, %d request reminders, %d certification reminders, %d suspended, %d escalated, "
            "%d end reminders, %d ended",
            report.expired,
            report.reminded,
            report.certification_reminders,
            report.suspended,
            len(report.escalated_ids),
            report.end_reminders,
            len(report.ended_ids),
        )
    return report


class JobRunner:
    """Runs the due jobs every `interval` seconds; several processes may run one, the lock keeps one active."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], clock: Clock, interval: float = 60.0) -> None:
        self.session_factory = session_factory
        self.clock = clock
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="iacs-jobs")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while True:
            try:
                await run_once(self.session_factory, self.clock)
            except asyncio.CancelledError:
                raise
            except Exception:  # a database outage must not end the runner; it tries again next time
                logger.exception("jobs: run failed; retrying at the next interval")
            await asyncio.sleep(self.interval)
