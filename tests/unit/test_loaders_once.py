"""`Loaders.once`: work done once per request however many resolvers ask at the same time (graphql/loaders.py)."""

from __future__ import annotations

import asyncio
from typing import cast

from iacs.graphql.context import Context
from iacs.graphql.loaders import Loaders


async def test_concurrent_callers_share_one_run() -> None:
    loaders = Loaders(cast(Context, None))
    runs: list[str] = []
    release = asyncio.Event()

    async def work() -> int:
        runs.append("run")
        await release.wait()
        return 42

    first = asyncio.create_task(loaders.once("key", work))
    second = asyncio.create_task(loaders.once("key", work))
    await asyncio.sleep(0)
    release.set()

    assert list(await asyncio.gather(first, second)) == [42, 42]
    assert await loaders.once("key", work) == 42  # and later callers too
    assert runs == ["run"]
    assert await loaders.once("other key", work) == 42
    assert runs == ["run", "run"]


async def test_a_failure_reaches_those_waiting_and_the_next_caller_runs_it_again() -> None:
    loaders = Loaders(cast(Context, None))
    runs: list[str] = []

    async def flaky() -> str:
        runs.append("run")
        await asyncio.sleep(0)
        if len(runs) == 1:
            raise RuntimeError("the database went away")
        return "done"

    results = await asyncio.gather(loaders.once("key", flaky), loaders.once("key", flaky), return_exceptions=True)

    # both fail with the one error, without waiting for a second try each (a statement timeout would add up)
    assert [repr(r) for r in results] == ["RuntimeError('the database went away')"] * 2
    assert runs == ["run"]
    assert await loaders.once("key", flaky) == "done"
    assert await loaders.once("key", flaky) == "done"
    assert runs == ["run", "run"]


async def test_a_cancelled_run_is_run_again_by_the_one_waiting() -> None:
    loaders = Loaders(cast(Context, None))
    runs: list[str] = []
    started = asyncio.Event()

    async def slow() -> str:
        runs.append("run")
        started.set()
        await asyncio.sleep(0 if len(runs) > 1 else 60)
        return "done"

    first = asyncio.create_task(loaders.once("key", slow))
    await started.wait()
    second = asyncio.create_task(loaders.once("key", slow))
    await asyncio.sleep(0)
    first.cancel()

    assert await second == "done"
    assert first.cancelled()
    assert runs == ["run", "run"]
