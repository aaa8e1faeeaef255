"""The mutation helper: run one service call, commit before answering, map user errors to data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from iacs.domain.errors import DomainError, FieldError
from iacs.graphql.context import Context

T = TypeVar("T")


async def commit(context: Context) -> None:
    """Commit the request's transaction; a failed commit raises, so it is never reported as success."""
    await context.db.commit()
    if context.services.outbox is not None:
        context.services.outbox.wake()
    if context.services.webhooks is not None:
        context.services.webhooks.wake()


async def run_in_transaction(context: Context, action: Callable[[], Awaitable[T]]) -> tuple[T | None, list[FieldError]]:
    """Run `action`; on a DomainError roll back everything it did and return the errors instead.

    The action runs in a savepoint so that a refusal undoes only its own work: objects loaded before it
    (the viewer) stay usable for the answer.
    """
    savepoint = await context.db.begin_nested()
    try:
        result = await action()
    except DomainError as exc:
        await savepoint.rollback()
        await context.db.commit()
        return None, list(exc.errors)
    await savepoint.commit()
    await commit(context)
    return result, []
