"""How a mutation runs: the one place that commits (docs/architecture.md, "How a request flows", steps 5 and 9).

Every mutation runs its work through `run_mutation`, directly or through one of its gates:
- `run_mutation(context, action)`: `action` runs in a savepoint of the request's transaction. It returns: the
  transaction is committed (then the mail and webhook senders are woken) and the result returned. It raises a
  DomainError: its own work is rolled back, what came before it is committed, and the errors are returned as data.
  A refusal that must be kept (a wrong password or code is counted, R3, R4) is therefore *returned* by the domain in
  its outcome, not raised: the count is committed with the answer that refuses.
- `run_use_case(context, action)`: for the signed-in viewer (else UNAUTHENTICATED), with their roles loaded inside
  the savepoint (a share lock with `lock_roles`) as a `UseCase`.
- `run_help_desk(context, user_id, action)`: the help desk acting on a person (R33); anyone else, or a person who
  does not exist, is answered alike (NOT_FOUND).

`end_transaction` ends a transaction that holds no mutation: the idle touch of a session or of an API token (kept
at once, so that another request of the same person does not wait on its row), and the read before a password is
checked (no connection is held while hashing). tests/guards/test_layers.py names where it may be called and checks
that nothing else in graphql/ or domain/ commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

from iacs.domain.accounts.models import User
from iacs.domain.accounts.policy import PERSON_NOT_FOUND, person_for_help_desk
from iacs.domain.enums import ErrorCode
from iacs.domain.errors import DomainError, FieldError
from iacs.domain.requests import service
from iacs.domain.requests.actors import Actor
from iacs.domain.requests.terms import clean_terms

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from iacs.graphql.context import Context
    from iacs.graphql.requests.inputs import RequestTermsInput

T = TypeVar("T")
NOT_SIGNED_IN = FieldError(ErrorCode.UNAUTHENTICATED, "Sign in first.")


async def run_mutation(context: Context, action: Callable[[], Awaitable[T]]) -> tuple[T | None, list[FieldError]]:
    """Run `action` and commit; on a DomainError roll back what it did, commit the rest and return the errors.

    The action runs in a savepoint so that a refusal undoes only its own work: objects loaded before it (the viewer)
    stay usable for the answer. A failed commit raises, so it is never reported as success.
    """
    savepoint = await context.db.begin_nested()
    try:
        result = await action()
    except DomainError as exc:
        await savepoint.rollback()
        await context.db.commit()
        return None, list(exc.errors)
    await savepoint.commit()
    await context.db.commit()
    if context.services.outbox is not None:
        context.services.outbox.wake()
    if context.services.webhooks is not None:
        context.services.webhooks.wake()
    return result, []


async def run_use_case(
    context: Context,
    action: Callable[[service.UseCase], Awaitable[T]],
    *,
    lock_roles: bool = False,
    terms: RequestTermsInput | None = None,
) -> tuple[T | None, list[FieldError]]:
    """`run_mutation` for the signed-in viewer acting with their roles (UNAUTHENTICATED as data without a session)."""
    viewer = await context.viewer()
    if viewer is None:
        return None, [NOT_SIGNED_IN]

    async def run() -> T:
        actor = await service.load_actor(
            context.db, viewer, lock=lock_roles, ip_address=context.origin.ip_address, now=context.clock.now()
        )
        use_case = service.UseCase(
            db=context.db,
            now=context.clock.now(),
            actor=actor,
            request_ttl=timedelta(days=context.settings.request_ttl_days),
        )
        if terms is not None:  # R40: checked before anything is looked up or written
            use_case.terms = clean_terms(use_case.now, terms.justification, terms.ends_at)
        return await action(use_case)

    result = await run_mutation(context, run)
    context.forget_actor()  # roles may have changed: canDecide and lists are computed afresh
    return result


async def run_help_desk(
    context: Context, user_id: uuid.UUID | None, action: Callable[[Actor, User], Awaitable[T]]
) -> tuple[T | None, list[FieldError]]:
    """`run_mutation` for the help desk acting on the person `user_id` names (R33). Nobody signed in:
    UNAUTHENTICATED; no such person, or someone not of the help desk asking: PERSON_NOT_FOUND, alike."""
    actor = await context.actor()
    if actor is None:
        return None, [NOT_SIGNED_IN]
    person = await person_for_help_desk(context.db, actor, user_id)
    if person is None:
        return None, [PERSON_NOT_FOUND]
    return await run_mutation(context, lambda: action(actor, person))


async def end_transaction(db: AsyncSession) -> None:
    """Commit what `db` holds when no mutation runs: a touch of a session's or a token's last use, or nothing (a
    read ended before a password is checked, giving the connection back while hashing)."""
    await db.commit()
