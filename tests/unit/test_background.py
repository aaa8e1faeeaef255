"""domain/background.py: the loop behind the mail outbox, the webhook sender and the scheduled jobs.

It runs its step again after `interval` seconds or at once when woken, survives a failing step (logged with the
loop's message on the loop's logger), and stop() ends it.
"""

from __future__ import annotations

import asyncio
import logging

import pytest

from iacs.domain.background import BackgroundLoop

LOGGER = logging.getLogger("tests.background")


class Counting(BackgroundLoop):
    task_name = "test-loop"
    logger = LOGGER
    failure_message = "step failed; retrying"

    def __init__(self, interval: float, failures: int = 0) -> None:
        super().__init__(interval)
        self.runs = 0
        self.failures = failures
        self.ran = asyncio.Event()

    async def step(self) -> None:
        self.runs += 1
        self.ran.set()
        if self.runs <= self.failures:
            raise RuntimeError("database down")


async def test_a_woken_loop_runs_its_step_again_without_waiting_for_the_interval() -> None:
    loop = Counting(interval=3600)
    loop.start()
    try:
        await asyncio.wait_for(loop.ran.wait(), timeout=5)
        assert loop.runs == 1
        loop.ran.clear()
        loop.wake()
        await asyncio.wait_for(loop.ran.wait(), timeout=5)
        assert loop.runs == 2
    finally:
        await loop.stop()
    assert loop._task is None


async def test_a_failing_step_is_logged_and_the_loop_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    loop = Counting(interval=0.01, failures=2)
    with caplog.at_level(logging.ERROR, logger="tests.background"):
        loop.start()
        try:
            for _ in range(500):
                if loop.runs >= 3:
                    break
                await asyncio.sleep(0.01)
        finally:
            await loop.stop()
    assert loop.runs >= 3
    failed = [r for r in caplog.records if r.name == "tests.background"]
    assert [r.getMessage() for r in failed] == ["step failed; retrying", "step failed; retrying"]
    assert all(r.exc_info is not None and str(r.exc_info[1]) == "database down" for r in failed)


async def test_stop_before_start_does_nothing() -> None:
    loop = Counting(interval=1)
    await loop.stop()
    assert loop.runs == 0
