"""Which of our constraints a refused write broke, from PostgreSQL's own answer, never from its message text."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError, PendingRollbackError, ResourceClosedError


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint, unique index or constraint trigger (`RAISE ... USING CONSTRAINT`) that PostgreSQL
    named in its error, or None when it named none.

    SQLAlchemy's asyncpg dialect wraps asyncpg's exception (`error.orig`, with the SQLSTATE as `sqlstate`) and
    keeps asyncpg's own as its cause, which carries the error's fields: `constraint_name` is PostgreSQL's
    CONSTRAINT NAME field, set for unique, foreign-key, check and exclusion violations alike."""
    driver_error = error.orig.__cause__ if error.orig is not None else None
    name = getattr(driver_error, "constraint_name", None)
    return name if isinstance(name, str) else None


def session_lost(error: BaseException) -> bool:
    """The session cannot go on after `error`: its connection is gone (SQLAlchemy invalidates it on a disconnect)
    or it must be rolled back whole. A job that isolates its failures (a savepoint each) gives up on these instead
    of trying the next one. Not lost: a value the driver could not send (asyncpg's DataError, which SQLAlchemy
    reports as an InterfaceError), which fails that one statement only."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, PendingRollbackError | ResourceClosedError)
