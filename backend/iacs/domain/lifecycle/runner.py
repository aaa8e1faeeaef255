"""The scheduled job inside the server process; `iacs jobs run-once` runs the same step for cron."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.background import DatabaseLoop
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
        or report.failed
    ):
        logger.info(
            "jobs: %d expired, %d request reminders, %d certification reminders, %d suspended, %d escalated, "
            "%d end reminders, %d ended; failed: %s",
            report.expired,
            report.reminded,
            report.certification_reminders,
            report.suspended,
            len(report.escalated_ids),
            report.end_reminders,
            len(report.ended_ids),
            ", ".join(report.failed) or "none",
        )
    return report


class JobRunner(DatabaseLoop):
    """Runs the due jobs every `interval` seconds; several processes may run one, the lock keeps one active."""

    task_name = "iacs-jobs"
    logger = logger
    failure_message = "jobs: run failed; retrying at the next interval"

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], clock: Clock, interval: float = 60.0) -> None:
        super().__init__(session_factory, clock, interval)

    async def step(self) -> None:
        await run_once(self.session_factory, self.clock)
