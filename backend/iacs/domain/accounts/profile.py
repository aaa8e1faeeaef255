"""The profile (R5, R41): name and phone at once; the password with the current one; the e-mail by a code.

Services flush; the caller commits. Checking a password costs an argon2 verification (~0.3 s): the caller does
it before the transaction (`check_password`), so no connection is held meanwhile, and hands the outcome in.
A wrong current password counts like a failed sign-in (R4), so a stolen session cannot be used to guess the
password; those outcomes are returned, not raised, because the count must be committed with the refusal.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.auth import passwords, tokens
from iacs.domain.accounts.models import EmailVerificationCode, SignInThrottle, User, UserSession
from iacs.domain.accounts.service import (
    CODE_MAX_ATTEMPTS,
    CODE_MINUTES,
    EMAIL_INDEX,
    INVALID_CODE,
    LOCKED,
    RequestOrigin,
    code_matches,
    code_spent,
    count_failure,
    email_taken,
    is_locked,
    latest_code,
    new_code,
    record_own,
)
from iacs.domain.audit.service import AuditAction, record
from iacs.domain.enums import ErrorCode
from iacs.domain.errors import ErrorCollector, FieldError, flush_refusing
from iacs.domain.notifications import templates
from iacs.domain.notifications.service import enqueue, mail_to
from iacs.domain.validation import clean_email, clean_phone, clean_text

EMAIL_TAKEN = FieldError(ErrorCode.EMAIL_TAKEN, "An account with this e-mail address already exists.", ("newEmail",))


@dataclass(frozen=True)
class PasswordCheck:
    """The current password, checked before the transaction."""

    ok: bool


async def check_password(user: User, password: str) -> PasswordCheck:
    bounded = password[: passwords.MAX_LENGTH + 1]  # never hash unbounded input; still a mismatch
    return PasswordCheck(await passwords.verify_password(user.password_hash, bounded))


async def _refuse_unless_password(
    db: AsyncSession, user: User, check: PasswordCheck, *, now: datetime, origin: RequestOrigin, field: str
) -> FieldError | None:
    """R4 for a signed-in person: a locked account or a wrong password refuses; a wrong one is counted."""
    key = f"user:{user.id}"
    if await is_locked(db, key, now):
        return LOCKED
    if check.ok:
        return None
    failures, locked = await count_failure(db, key, now)
    await record_own(
        db,
        user,
        AuditAction.SIGN_IN_FAILED,
        now=now,
        origin=origin,
        details={"why": "current password", "failures": failures},
    )
    if locked is not None:
        await record(
            db,
            at=now,
            action=AuditAction.ACCOUNT_LOCKED,
            subject_user_id=user.id,
            details={"until": locked.isoformat()},
        )
    return FieldError(ErrorCode.WRONG_PASSWORD, "This is not your current password.", (field,))


# --- name and phone ------------------------------------------------------------------------------------------


async def update_profile(
    db: AsyncSession, user: User, *, now: datetime, name: str | None, phone: str | None, origin: RequestOrigin
) -> User:
    """R5, R41: a field left out stays as it is; an empty phone removes it. The audit names the fields only."""
    errors = ErrorCollector()
    changed: dict[str, str | None] = {}
    if name is not None:
        changed["name"] = clean_text(errors, name, "name", label="Name", max_length=200)
    if phone is not None:
        changed["phone"] = clean_phone(errors, phone, "phone")  # "" -> None: no phone
    if not changed and not errors.has("name") and not errors.has("phone"):
        errors.add(ErrorCode.INVALID_INPUT, "Give a new name or phone number.", "name")
    errors.raise_if_any()
    fields = sorted(key for key, value in changed.items() if getattr(user, key) != value)
    for key in fields:
        setattr(user, key, changed[key])
    if fields:
        await db.flush()
        await record_own(db, user, AuditAction.PROFILE_UPDATED, now=now, origin=origin, details={"fields": fields})
    return user


# --- password ------------------------------------------------------------------------------------------------


async def new_password_hash(user: User, new_password: str) -> str | None:
    """The new password's hash when the policy accepts it (R4), None otherwise; before the transaction."""
    if passwords.password_problem(new_password, email=user.email, name=user.name) is not None:
        return None
    return await passwords.hash_password(new_password)


async def change_password(
    db: AsyncSession,
    user: User,
    *,
    now: datetime,
    current: PasswordCheck,
    new_password: str,
    new_hash: str | None,
    keep_session_token: str | None,
    origin: RequestOrigin,
) -> FieldError | None:
    """R41: with the current password; every other session ends; a mail tells the person. Returns the refusal."""
    refused = await _refuse_unless_password(db, user, current, now=now, origin=origin, field="currentPassword")
    if refused is not None:
        return refused
    problem = passwords.password_problem(new_password, email=user.email, name=user.name)
    if problem is not None or new_hash is None:
        return FieldError(ErrorCode.WEAK_PASSWORD, problem or "Choose another password.", ("newPassword",))
    user.password_hash = new_hash
    others = delete(UserSession).where(UserSession.user_id == user.id)
    if keep_session_token is not None:
        others = others.where(UserSession.token_hash != tokens.digest(keep_session_token))
    ended = (await db.execute(others.returning(UserSession.id))).scalars().all()
    await db.execute(delete(SignInThrottle).where(SignInThrottle.key == f"user:{user.id}"))
    await record_own(
        db, user, AuditAction.PASSWORD_CHANGED, now=now, origin=origin, details={"otherSessionsEnded": len(ended)}
    )
    await mail_to(db, now, user, templates.password_changed)
    await db.flush()
    return None


# --- e-mail --------------------------------------------------------------------------------------------------


async def request_email_change(
    db: AsyncSession,
    user: User,
    *,
    now: datetime,
    new_email: str,
    current: PasswordCheck,
    origin: RequestOrigin,
) -> FieldError | None:
    """R1, R41: a code goes to the new address; nothing changes until it is entered. Returns the refusal."""
    refused = await _refuse_unless_password(db, user, current, now=now, origin=origin, field="password")
    if refused is not None:
        return refused
    errors = ErrorCollector()
    address = clean_email(errors, new_email, "newEmail")
    if not errors.has("newEmail") and address.lower() == user.email.lower():
        errors.add(ErrorCode.INVALID_INPUT, "This is already your e-mail address.", "newEmail")
    if not errors.has("newEmail") and await email_taken(db, address):
        return EMAIL_TAKEN
    if errors.errors:
        return errors.errors[0]
    code = await new_code(db, user, address, now=now)
    await enqueue(db, at=now, to=address, mail=templates.email_change_code(user.name, code, CODE_MINUTES))
    await record_own(db, user, AuditAction.EMAIL_CHANGE_REQUESTED, now=now, origin=origin)
    await db.flush()
    return None


async def pending_email_change(db: AsyncSession, user_id: uuid.UUID, *, now: datetime) -> str | None:
    """The new address waiting for its code, if any (shown to the person themselves)."""
    found: str | None = await db.scalar(
        select(EmailVerificationCode.email)
        .join(User, User.id == EmailVerificationCode.user_id)
        .where(
            EmailVerificationCode.user_id == user_id,
            EmailVerificationCode.email != User.email,
            EmailVerificationCode.used_at.is_(None),
            EmailVerificationCode.superseded.is_(False),
            EmailVerificationCode.expires_at > now,
            EmailVerificationCode.attempts < CODE_MAX_ATTEMPTS,
        )
        .order_by(EmailVerificationCode.created_at.desc())
        .limit(1)
    )
    return found


async def confirm_email_change(
    db: AsyncSession, user: User, code: str, *, now: datetime, origin: RequestOrigin
) -> FieldError | None:
    """R41: the code from the new address changes it (and confirms it); the old address is told."""
    current = await latest_code(db, user, new_address=True)
    if current is None or code_spent(current, now):
        return INVALID_CODE
    if not code_matches(current, user, code):
        current.attempts += 1
        await record_own(
            db,
            user,
            AuditAction.EMAIL_CODE_REJECTED,
            now=now,
            origin=origin,
            details={"why": "mismatch", "for": "email change"},
        )
        await db.flush()
        return INVALID_CODE
    if await email_taken(db, current.email):  # taken by someone else meanwhile (R1)
        return FieldError(EMAIL_TAKEN.code, EMAIL_TAKEN.message, ("code",))
    old_address = user.email
    current.used_at = now
    user.email = current.email
    user.email_verified_at = now
    # R1: the same address registered in the same instant
    await flush_refusing(db, {EMAIL_INDEX: FieldError(EMAIL_TAKEN.code, EMAIL_TAKEN.message, ("code",))})
    await record_own(db, user, AuditAction.EMAIL_CHANGED, now=now, origin=origin)
    await enqueue(db, at=now, to=old_address, mail=templates.email_changed(user.name, user.email))
    await db.flush()
    return None
