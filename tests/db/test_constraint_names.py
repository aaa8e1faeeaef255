"""A refused write is told apart by the constraint PostgreSQL names (iacs/db/errors.py), never by its message text.

The services' races (R1: an address registered or confirmed in the same instant by someone else) are reached by
letting the service's own check miss the winner, as a concurrent transaction's uncommitted row would.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from iacs.db.errors import violated_constraint
from iacs.domain.accounts import profile
from iacs.domain.accounts import service as accounts
from iacs.domain.accounts.models import EmailVerificationCode, User
from iacs.domain.enums import Community, ErrorCode
from iacs.domain.errors import DomainError, FieldError
from tests.db.test_constraints import NOW, _insert, _user

PASSWORD = "a long and unusual passphrase 7"
USER = {"name": "Ann", "community": Community.PROVIDER_SUPPLIER, "password_hash": "x", "terms_accepted_at": NOW}


async def _nobody_has_it(db: AsyncSession, email: str) -> bool:
    return False


async def _register(db: AsyncSession, email: str) -> accounts.SignedIn:
    return await accounts.register_account(
        db,
        now=NOW,
        email=email,
        name="Ann Example",
        password=PASSWORD,
        community=Community.PROVIDER_SUPPLIER,
        accept_terms=True,
        phone=None,
        origin=accounts.RequestOrigin(),
        policy=accounts.SessionPolicy(),
        password_hash="not-checked-here",
    )


async def _accounts_with(db: AsyncSession, email: str) -> int:
    return int(await db.scalar(select(func.count()).select_from(User).where(func.lower(User.email) == email)) or 0)


async def test_violated_constraint_is_the_name_postgresql_gives_and_none_without_one(
    connection: AsyncConnection,
) -> None:
    await _user(connection, "ann")
    savepoint = await connection.begin_nested()
    with pytest.raises(IntegrityError) as caught:  # the same address in other letters (R1)
        await _insert(connection, User, **{**USER, "user_id": "TANN2", "email": "ANN@example.org"})
    await savepoint.rollback()

    assert violated_constraint(caught.value) == accounts.EMAIL_INDEX == "uq_users_email_lower"
    assert violated_constraint(IntegrityError("INSERT", {}, ValueError("not from the driver"))) is None


async def test_r1_a_registration_that_loses_the_race_for_its_address_is_email_taken_and_writes_nothing(
    session_factory: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with session_factory() as db:
        await _register(db, "ann@example.org")
        await db.commit()
    monkeypatch.setattr(accounts, "email_taken", _nobody_has_it)  # the winner not seen yet by the check

    async with session_factory() as db:
        with pytest.raises(DomainError) as caught:
            await _register(db, "Ann@Example.org")
        await db.rollback()  # as run_use_case does on a DomainError

    assert caught.value.errors == (
        FieldError(ErrorCode.EMAIL_TAKEN, "An account with this e-mail address already exists.", ("email",)),
    )
    async with session_factory() as db:
        assert await _accounts_with(db, "ann@example.org") == 1


async def test_a_registration_refused_by_another_constraint_is_not_reported_as_a_taken_address(
    session_factory: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with session_factory() as db:
        first = await _register(db, "ann@example.org")
        await db.commit()

    async def same_user_id(db: AsyncSession) -> str:
        return first.user.user_id

    monkeypatch.setattr(accounts, "_unused_user_id", same_user_id)
    async with session_factory() as db:
        with pytest.raises(IntegrityError) as caught:  # a 500 for the bug it would be, never "e-mail taken"
            await _register(db, "bob@example.org")
        await db.rollback()

    assert violated_constraint(caught.value) == "uq_users_user_id"
    async with session_factory() as db:
        assert await _accounts_with(db, "ann@example.org") == 1
        assert await _accounts_with(db, "bob@example.org") == 0


async def test_r41_a_confirmed_address_change_that_loses_the_race_is_email_taken_and_changes_nothing(
    connection: AsyncConnection, session_factory: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    await _user(connection, "winner")  # winner@example.org
    ann = await _user(connection, "ann")
    code = await _insert(
        connection,
        EmailVerificationCode,
        user_id=ann,
        email="Winner@example.org",
        code_hash=accounts.code_digest(ann, "123456"),
        created_at=NOW,
        expires_at=NOW + timedelta(minutes=30),
    )
    monkeypatch.setattr(profile, "email_taken", _nobody_has_it)

    async with session_factory() as db:
        user = await db.get(User, ann)
        assert user is not None
        with pytest.raises(DomainError) as caught:
            await profile.confirm_email_change(db, user, "123456", now=NOW, origin=accounts.RequestOrigin())
        await db.rollback()

        assert caught.value.errors == (
            FieldError(ErrorCode.EMAIL_TAKEN, "An account with this e-mail address already exists.", ("code",)),
        )
        refreshed = await db.get(User, ann, populate_existing=True)
        assert refreshed is not None
        assert refreshed.email == "ann@example.org"
        unused = await db.get(EmailVerificationCode, code, populate_existing=True)
        assert unused is not None
        assert unused.used_at is None
