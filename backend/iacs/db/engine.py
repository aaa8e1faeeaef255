"""Engine and session factory; timeouts so that a sick database fails requests fast (docs/reliability.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
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

    @event.listens_for(engine.sync_engine, "invalidate")
    def _drop_at_once(dbapi_connection: Any, _record: Any, _error: BaseException | None) -> None:
        # A connection is invalidated when it failed (died, timed out, was cancelled). SQLAlchemy then closes it
        # politely, waiting up to 2 s for a server that may be frozen; closing the socket first makes that
        # immediate, so no request or cleanup waits on a dead connection.
        driver = getattr(dbapi_connection, "driver_connection", None)
        if driver is not None and not driver.is_closed():
            driver.terminate()

    return engine


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
