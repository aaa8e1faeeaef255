"""Engine and session factory; timeouts so that a sick database fails requests fast (docs/reliability.md)."""

from __future__ import annotations

from typing import Any

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from iacs.config import Settings
from iacs.db import models  # noqa: F401 - every table registered before the first flush resolves foreign keys

APP_ROLE = "iacs_app"  # created by migration 0003 when the database allows it

# Time limits, so a sick database fails requests fast (docs/reliability.md: a clean error within 6 s when the pool is
# exhausted, every request ended within 16 s while the database hangs). The request as a whole has a deadline of
# 10 s (graphql/unavailable.py); these end its parts sooner.
POOL_TIMEOUT_SECONDS = 3  # waiting for a pooled connection
CONNECT_TIMEOUT_SECONDS = 5  # opening a new one
STATEMENT_TIMEOUT_MS = 8000  # the server cancels a statement (cannot fire while the server is stopped)
COMMAND_TIMEOUT_SECONDS = 9  # the driver gives up on a statement (fires also when the server is stopped)

# Act as the app role when it exists and we may: then the audit log can be appended to, never rewritten.
_SET_APP_ROLE = """
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'iacs_app')
       AND pg_has_role(session_user, 'iacs_app', 'MEMBER') THEN
        SET ROLE iacs_app;
    END IF;
END $$
"""


def make_engine(url: str, settings: Settings | None = None, *, app_role: bool = True) -> AsyncEngine:
    settings = settings or Settings()
    engine = create_async_engine(
        url,
        # No ping at checkout: SQLAlchemy's costs three round trips (BEGIN, `;`, ROLLBACK) on every request,
        # as many as the request's own statements. A connection that died with the server fails its next
        # statement instead: that request gets a clean, retryable 503 (graphql/unavailable.py) and the pool
        # drops every connection older than the failure, so one request per process sees a restart
        # (tests/faults). Connections are also renewed every 30 minutes.
        pool_pre_ping=False,
        pool_recycle=1800,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=POOL_TIMEOUT_SECONDS,
        connect_args={
            "timeout": CONNECT_TIMEOUT_SECONDS,
            "command_timeout": COMMAND_TIMEOUT_SECONDS,
            "server_settings": {
                "application_name": "iacs",
                "statement_timeout": str(STATEMENT_TIMEOUT_MS),
                "lock_timeout": "3000",
                "idle_in_transaction_session_timeout": "15000",
                # Short OLTP statements: starting parallel workers costs more than it saves (the queue of
                # an approver of 90 organizations: 13 ms with a Gather, 4.5 ms without; docs/performance.md).
                "max_parallel_workers_per_gather": "0",
            },
        },
    )
    if app_role:

        @event.listens_for(engine.sync_engine, "connect")
        def _use_app_role(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute(_SET_APP_ROLE)
            cursor.close()
            # SET ROLE is undone by the rollback of its transaction: committed, it holds for the connection's life
            # (the pool rolls back every connection it is given back).
            dbapi_connection.commit()

    @event.listens_for(engine.sync_engine, "handle_error")
    def _discard_after_driver_failure(context: ExceptionContext) -> None:
        # A statement that failed inside the driver (an argument it could not encode, a protocol or interface
        # error, a cancelled or timed-out call) leaves the connection in a state nobody checked: it is dropped,
        # never given back to the pool (issue 12, finding 9). Errors the server sent leave it in a known state
        # (the transaction is rolled back when the connection is given back) and keep it. Only this connection
        # is dropped, not the pool.
        if not context.is_disconnect and failed_in_driver(context.original_exception):
            context.is_disconnect = True
            context.invalidate_pool_on_disconnect = False

    @event.listens_for(engine.sync_engine, "invalidate")
    def _drop_at_once(dbapi_connection: Any, _record: Any, _error: BaseException | None) -> None:
        # A connection is invalidated when it failed (died, timed out, was cancelled). SQLAlchemy then closes it
        # politely, waiting up to 2 s for a server that may be frozen; closing the socket first makes that
        # immediate, so no request or cleanup waits on a dead connection.
        driver = getattr(dbapi_connection, "driver_connection", None)
        if driver is not None and not driver.is_closed():
            driver.terminate()

    return engine


def failed_in_driver(error: BaseException | None) -> bool:
    """Whether the driver raised `error` itself rather than passing on an error the server sent. asyncpg reports
    an argument it cannot encode (an integer beyond bigint, a date beyond the calendar) as a DataError, like the
    server's data errors, but without the server's severity."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, asyncpg.PostgresError):
            return getattr(error, "severity", None) is None
        if isinstance(error, asyncpg.InterfaceError | asyncpg.InternalClientError):
            return True
        error = error.__cause__ or getattr(error, "orig", None)
        seen += 1
    return False


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
