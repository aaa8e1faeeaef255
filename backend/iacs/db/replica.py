"""Queries on a streaming replica, never older than the primary when they began (IACS_REPLICA_DATABASE_URL).

The rule (docs/architecture.md, "Reading from a replica"): a query reads on the replica only when the replica has
replayed the primary's WAL up to the position the primary had flushed when the query began (after its session
lookup); otherwise it stays on the primary. With the default `synchronous_commit = on` a transaction is visible
only after its commit record is flushed, so every write committed before the query began (by this person or
anyone else, through any process) is at or below that position: what a query reads on the replica is exactly what
it would have read on the primary at that moment. That gives read-your-own-writes (the approver sees their
decision) and more (the requester, told by the subscription or the mail, sees it too), with no state in cookies
or memory shared between processes, at the price of one tiny statement on the primary per query.

Rejected: pinning a person to the primary for a few seconds after their write (no bound on the replica's lag
makes it correct, and it does not cover the other people a decision concerns), and an LSN in the writer's cookie
(covers only the writer, and not API-token clients, which keep no cookies).

Mutations, the session's own writes (sign-in, the idle touch) and subscriptions never use the replica.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from iacs.config import Settings
from iacs.db.engine import make_engine, make_session_factory

logger = logging.getLogger(__name__)

# Everything the primary has flushed; a commit is visible only once flushed (synchronous_commit = on).
PRIMARY_POSITION = text("SELECT pg_current_wal_flush_lsn()::text")
# How far the replica has replayed; NULL when the server is not in recovery (not a replica).
REPLAYED_POSITION = text("SELECT pg_last_wal_replay_lsn()::text")


def lsn(value: str) -> int:
    """A WAL position as PostgreSQL writes it ("16/B374D848") as one comparable number."""
    high, _, low = value.partition("/")
    return (int(high, 16) << 32) | int(low, 16)


@dataclass
class ReplicaReads:
    """The replica's engine and sessions, and what this process last saw it replay."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    replayed: int = -1  # the replica's replay position as last read (never goes back)
    on_replica: int = 0  # queries that read on the replica
    on_primary: int = 0  # queries that stayed on the primary: the replica had not caught up (or failed)
    _warned: bool = field(default=False, repr=False)

    @classmethod
    def of(cls, settings: Settings) -> ReplicaReads | None:
        """The replica IACS_REPLICA_DATABASE_URL names (sessions without a transaction, as the primary's for
        queries), or None when unset."""
        if settings.replica_database_url is None:
            return None
        engine = make_engine(settings.replica_database_url, settings)
        return cls(engine=engine, sessions=make_session_factory(engine.execution_options(isolation_level="AUTOCOMMIT")))

    async def session_if_caught_up(self, primary: AsyncSession) -> AsyncSession | None:
        """A replica session for a query when the replica has replayed what `primary` has flushed, else None.

        The session returned holds no connection until its first statement: the replica's position is read on a
        connection of its own, given back before this returns, so a caller cancelled before it uses the session (the
        request's deadline, a client gone) leaves nothing checked out."""
        needed = lsn(str(await primary.scalar(PRIMARY_POSITION)))
        if self.replayed < needed:
            try:
                async with self.engine.connect() as connection:
                    await connection.execution_options(isolation_level="AUTOCOMMIT")  # no BEGIN, no ROLLBACK
                    replayed = await connection.scalar(REPLAYED_POSITION)
            except (OSError, TimeoutError, SQLAlchemyError):  # a replica down or slow: the primary answers instead
                logger.warning("replica: position unreadable, reading on the primary", exc_info=True)
                self.on_primary += 1
                return None
            if replayed is None:
                if not self._warned:
                    self._warned = True
                    logger.error("IACS_REPLICA_DATABASE_URL is not a replica (not in recovery): reading on the primary")
                self.on_primary += 1
                return None
            self.replayed = max(self.replayed, lsn(str(replayed)))
            if self.replayed < needed:
                self.on_primary += 1
                return None
        self.on_replica += 1
        return self.sessions()
