"""graphql/transactions.py, the one way a mutation ends its transaction (issue 14, item 3).

`run_mutation` commits what its action did and returns the result; a DomainError rolls back the action's own work
(and only it: what the request did before is committed) and comes back as errors. A refusal that must be kept (a
counted wrong password) is returned by the domain, not raised, so it is committed with the answer that refuses it.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from iacs.config import Settings
from iacs.domain.accounts import service
from iacs.domain.accounts.models import SignInThrottle, User
from iacs.domain.clock import FrozenClock
from iacs.domain.enums import ErrorCode
from iacs.domain.errors import DomainError
from iacs.graphql.context import AppServices, Context
from iacs.graphql.transactions import run_mutation, run_use_case
from tests.api.people import PASSWORD, People
from tests.conftest import START


def _context(settings: Settings, session_factory: async_sessionmaker[AsyncSession]) -> Context:
    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": [], "query_string": b""}
    services = AppServices(settings=settings, session_factory=session_factory, clock=FrozenClock(START))
    return Context(request=Request(scope), response=Response(), services=services)


def _throttle(key: str) -> SignInThrottle:
    return SignInThrottle(key=key, failures=1, window_started_at=START)


async def _keys(session_factory: async_sessionmaker[AsyncSession]) -> list[str]:
    async with session_factory() as db:
        found = await db.scalars(select(SignInThrottle.key).where(SignInThrottle.key.like("tx:%")))
        return sorted(found)


async def test_run_mutation_commits_what_its_action_did(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    context = _context(settings, session_factory)

    async def action() -> str:
        context.db.add(_throttle("tx:kept"))
        await context.db.flush()
        return "done"

    try:
        assert await run_mutation(context, action) == ("done", [])
    finally:
        await context.close()  # a session given back uncommitted would lose the row
    assert await _keys(session_factory) == ["tx:kept"]


async def test_a_refusal_undoes_only_the_action_and_keeps_what_came_before(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    context = _context(settings, session_factory)
    refusal = DomainError.single(ErrorCode.INVALID_INPUT, "No.", ("field",))

    async def action() -> str:
        context.db.add(_throttle("tx:undone"))
        await context.db.flush()
        raise refusal

    try:
        context.db.add(_throttle("tx:before"))  # what the request wrote before the action (a session's touch)
        await context.db.flush()
        result, errors = await run_mutation(context, action)
    finally:
        await context.close()
    assert (result, errors) == (None, list(refusal.errors))
    assert await _keys(session_factory) == ["tx:before"]


async def test_a_returned_refusal_is_committed_with_the_answer(
    people: People, settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    # given: a person, and the three steps of a sign-in with a wrong password run as the signIn mutation runs them
    person = await people.make("Wren Wrong")
    context = _context(settings, session_factory)
    now = START + timedelta(minutes=1)
    try:
        attempt, errors = await run_mutation(
            context, lambda: service.begin_sign_in(context.db, now=now, login=person.email, origin=context.origin)
        )
        assert errors == []
        assert attempt is not None
        assert attempt.refused is None
        verdict = await service.check_sign_in_password(attempt, "not the password at all")
        outcome, errors = await run_mutation(
            context,
            lambda: service.finish_sign_in(
                context.db, attempt, verdict, now=now, origin=context.origin, policy=service.SessionPolicy()
            ),
        )
    finally:
        await context.close()
    # then: refused as data, and the failure counted all the same
    assert errors == []
    assert outcome is not None
    assert (outcome.signed_in, outcome.error) == (None, service.INVALID_CREDENTIALS)
    async with session_factory() as db:
        failures = await db.scalar(select(SignInThrottle.failures).where(SignInThrottle.key == f"user:{person.pk}"))
    assert failures == 1


async def test_sign_ins_that_pass_the_first_step_together_get_no_more_tries_than_the_lock_allows(
    people: People, settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    # R4: six sign-ins read the throttle before any of them writes; five are wrong, then the right password comes
    person = await people.make("Lola Lock")
    now = START + timedelta(minutes=1)
    contexts = [_context(settings, session_factory) for _ in range(6)]
    attempts = []
    for context in contexts:
        attempt, errors = await run_mutation(
            context,
            lambda c=context: service.begin_sign_in(c.db, now=now, login=person.email, origin=c.origin),  # type: ignore[misc]
        )
        assert errors == []
        assert attempt is not None
        assert attempt.refused is None
        attempts.append(attempt)
    outcomes = []
    for context, attempt, password in zip(contexts, attempts, ["wrong password 1"] * 5 + [PASSWORD], strict=True):
        verdict = await service.check_sign_in_password(attempt, password)
        outcome, _ = await run_mutation(
            context,
            lambda c=context, a=attempt, v=verdict: service.finish_sign_in(  # type: ignore[misc]
                c.db, a, v, now=now, origin=c.origin, policy=service.SessionPolicy()
            ),
        )
        outcomes.append(outcome)
    for context in contexts:
        await context.close()

    # then: the fifth failure locked the account; the right password that finished after it is refused, and the
    # lock stays (before: signed in, and the lock was deleted)
    assert [o.error.code if o is not None and o.error else None for o in outcomes] == [
        ErrorCode.INVALID_CREDENTIALS
    ] * 5 + [ErrorCode.ACCOUNT_LOCKED]
    assert outcomes[-1] is not None
    assert outcomes[-1].signed_in is None
    async with session_factory() as db:
        throttle = (await db.execute(select(SignInThrottle.failures, SignInThrottle.locked_until))).all()
    assert [(failures, locked) for failures, locked in throttle] == [(5, now + service.LOCK_DURATION)]


async def test_a_use_case_makes_the_request_ask_afresh_what_the_viewer_may_see(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], people: People
) -> None:
    """After a use case commits, the viewer's roles may have changed (a role revoked, a request approved): the
    actor and every answer of the request's loaders about who may see what are worked out again, so that a field
    of the payload, or a later mutation of the same document, does not answer with the rights of before."""
    person = await people.make("Afresh Person")
    context = _context(settings, session_factory)
    async with session_factory() as db:
        viewer = await db.get(User, person.pk)
    context.forget_viewer(viewer)  # signed in, as the session lookup would have found them
    company = uuid.uuid4()
    try:
        actor = await context.actor()
        assert actor is not None
        assert context.actor_at_hand() is actor
        context.loaders.company_read_in_full.prime(company, True)
        before = context.loaders

        async def action(use_case: Any) -> str:
            return "done"

        assert await run_use_case(context, action) == ("done", [])

        assert context.actor_at_hand() is None
        assert context.loaders is not before
        assert context.loaders.company_read_in_full.cache_map.get(company) is None
        assert await context.loaders.company_read_in_full.load(company) is False  # asked again: not theirs
    finally:
        await context.close()
