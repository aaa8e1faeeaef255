"""db/serial.py: the request's shared session runs one operation at a time, without any caller holding a lock.

Strawberry resolves sibling fields concurrently on one session; these tests run operations from several tasks at once
and check that they never overlap, that a savepoint's statements and the other tasks' do not deadlock (the lock is
never taken twice), that an operation waiting for its turn when the session is replaced (a query moving to the
replica) runs on the new one, and that giving the session back never waits for a statement that hangs.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, cast

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.db.serial import REFUSED, SerialSession


class _Recording:
    """A stand-in for an AsyncSession: notes which session ran each operation and how many ran at once."""

    def __init__(self, name: str, log: list[str], running: list[int], pause: float = 0.0) -> None:
        self.name = name
        self.log = log
        self.running = running
        self.pause = pause

    async def execute(self, statement: str) -> str:
        self.running[0] += 1
        self.running[1] = max(self.running[1], self.running[0])
        await asyncio.sleep(self.pause)  # another task would run here if nothing kept it out
        self.log.append(f"{self.name}:{statement}")
        self.running[0] -= 1
        return self.name


def _serial(*sessions: _Recording) -> SerialSession:
    made = iter(sessions)
    return SerialSession(lambda: cast(AsyncSession, next(made)))


def test_every_coroutine_method_of_a_session_is_serialized_or_refused() -> None:
    # A method of AsyncSession that talks to the database and is neither wrapped nor refused would run outside the
    # session's turns (through __getattr__): a new SQLAlchemy version adding one fails here.
    coroutines = {
        name
        for name, member in inspect.getmembers(AsyncSession)
        if not name.startswith("_") and inspect.iscoroutinefunction(member)
    }
    wrapped = {name for name in vars(SerialSession) if not name.startswith("_")}
    assert coroutines - wrapped - set(REFUSED) == set()
    assert wrapped & set(REFUSED) == set()
    assert {"execute", "scalar", "scalars", "get", "flush", "refresh", "commit", "rollback"} <= wrapped


async def test_a_refused_method_says_why() -> None:
    session = _serial(_Recording("primary", [], [0, 0]))
    with pytest.raises(TypeError, match="the Context gives the session back"):
        await session.close()


async def test_operations_of_concurrent_tasks_never_overlap() -> None:
    log: list[str] = []
    running = [0, 0]  # now, at most
    session = _serial(_Recording("primary", log, running, pause=0.01))
    names = await asyncio.gather(*(session.execute(f"s{i}") for i in range(5)))
    assert names == ["primary"] * 5
    assert running == [0, 1]
    assert sorted(log) == [f"primary:s{i}" for i in range(5)]


async def test_after_a_replacement_nothing_runs_on_the_replaced_session() -> None:
    log: list[str] = []
    running = [0, 0]
    primary = _Recording("primary", log, running, pause=0.05)
    replica = _Recording("replica", log, running)
    session = _serial(primary)
    first = asyncio.ensure_future(session.execute("lookup"))
    await asyncio.sleep(0)  # the lookup runs on the primary
    before = asyncio.ensure_future(session.execute("before"))  # waits for its turn, asked before the switch
    switched = asyncio.ensure_future(session.replace(cast(AsyncSession, replica)))
    after = asyncio.ensure_future(session.execute("after"))  # asked meanwhile, by a task holding the same `db`
    await asyncio.sleep(0)
    assert not switched.done()  # the switch waits for its turn too
    assert await first == "primary"
    assert await before == "primary"
    # returned when nothing runs on it or waits for it: the caller may close it
    assert await switched is cast(AsyncSession, primary)
    assert await after == "replica"
    assert log == ["primary:lookup", "primary:before", "replica:after"]
    assert running == [0, 1]


async def test_release_does_not_wait_for_a_statement_that_hangs() -> None:
    hung = _Recording("primary", [], [0, 0], pause=30)
    session = _serial(hung)
    statement = asyncio.ensure_future(session.execute("pg_sleep"))
    await asyncio.sleep(0)
    assert session.release() is cast(AsyncSession, hung)  # at once: the caller closes (or drops) it
    assert session.opened is None
    statement.cancel()
    with pytest.raises(asyncio.CancelledError):
        await statement


async def test_concurrent_statements_and_a_savepoint_on_one_real_session(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    # given: one session, opened by the first operation (as a request's Context does)
    session = SerialSession(session_factory)

    async def reader(i: int) -> int:
        value = await session.scalar(text("SELECT CAST(:i AS int) FROM pg_sleep(0.01)").bindparams(i=i))
        return int(value)

    async def in_a_savepoint() -> int:
        async with session.begin_nested():  # start and end each take a turn; the statements inside take theirs
            await session.execute(text("CREATE TEMPORARY TABLE serial_probe (n int) ON COMMIT DROP"))
            await session.execute(text("INSERT INTO serial_probe VALUES (1), (2)"))
            total = await session.scalar(text("SELECT sum(n) FROM serial_probe"))
        savepoint = await session.begin_nested()  # awaited rather than entered, as graphql/transactions.py does
        await session.execute(text("INSERT INTO serial_probe VALUES (40)"))
        await savepoint.rollback()
        return int(total) + int(await session.scalar(text("SELECT sum(n) FROM serial_probe")))

    try:
        # when: readers and a savepoint run at the same time on it
        results = await asyncio.wait_for(asyncio.gather(*(reader(i) for i in range(6)), in_a_savepoint()), 10)
        # then: each got its answer (no "another operation is in progress", no deadlock); the rolled-back insert is gone
        assert results == [0, 1, 2, 3, 4, 5, 6]
    finally:
        opened = session.release()
        if opened is not None:
            await opened.close()


async def test_objects_added_through_it_are_flushed_by_it(session_factory: async_sessionmaker[AsyncSession]) -> None:
    from datetime import UTC, datetime

    from iacs.domain.accounts.models import SignInThrottle

    session = SerialSession(session_factory)
    try:
        session.add(SignInThrottle(key="serial:probe", failures=1, window_started_at=datetime.now(UTC)))
        await session.flush()
        found: Any = await session.get(SignInThrottle, "serial:probe")
        assert (found.key, found.failures) == ("serial:probe", 1)
        assert session.in_transaction()  # a method with no statement goes to the session as it is
    finally:
        opened = session.release()
        if opened is not None:
            await opened.close()
