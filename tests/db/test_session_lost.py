"""`session_lost`: which database errors end a job run (the connection is gone) and which fail one statement only.

A job that gives each request or each job a savepoint goes on after a failure of its own, but not after its
connection is gone: every statement after it would fail in turn. Asked of real errors from PostgreSQL and asyncpg.
"""

from __future__ import annotations

import pytest
from sqlalchemy import BigInteger, bindparam, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from iacs.db.errors import session_lost


async def test_a_connection_the_server_ended_is_lost(engine: AsyncEngine) -> None:
    own = create_async_engine(engine.url, poolclass=NullPool)
    try:
        async with own.connect() as conn:
            pid = await conn.scalar(text("SELECT pg_backend_pid()"))
            async with engine.connect() as other:
                assert await other.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}) is True
            with pytest.raises(DBAPIError) as caught:
                await conn.execute(text("SELECT 1"))
        assert caught.value.connection_invalidated is True
        assert session_lost(caught.value) is True
    finally:
        await own.dispose()


async def test_a_value_the_driver_cannot_send_fails_its_statement_only(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        beyond_bigint = text("SELECT CAST(:value AS bigint)").bindparams(bindparam("value", type_=BigInteger))
        with pytest.raises(DBAPIError) as caught:
            await conn.execute(beyond_bigint, {"value": 2**70})
        assert session_lost(caught.value) is False
        await conn.rollback()
        assert await conn.scalar(text("SELECT 1")) == 1  # the connection goes on


async def test_a_statement_the_server_refused_fails_its_statement_only(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        with pytest.raises(DBAPIError) as caught:
            await conn.execute(text("SELECT 1 / 0"))
        assert session_lost(caught.value) is False
        assert session_lost(ValueError("not from the database")) is False
