"""Accounts and sign-in (R1-R5, R31, R33). Services flush; the caller commits (graphql/transactions.py)."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, case, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.auth import passwords, tokens
from iacs.domain.accounts.models import EmailVerificationCode, SignInThrottle, User, UserSession
from iacs.domain.audit.service import AuditAction, record
from iacs.domain.enums import AccountStatus, Community, ErrorCode, Role
from iacs.domain.errors import DomainError, ErrorCollector, FieldError, flush_refusing
from iacs.domain.notifications import templates
from iacs.domain.notifications.service import mail_to
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.validation import ascii_digits, clean_email, clean_phone, clean_text, has_control_characters
from iacs.domain.webhooks.service import Involved

CODE_MINUTES = 30  # R3
CODE_MAX_ATTEMPTS = 5
CODE_RESEND_SECONDS = 60
LOCK_FAILURES = 5  # R4: 5 failures in 15 minutes lock for 15 minutes
LOCK_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)
SESSION_TOUCH_EVERY = timedelta(seconds=60)
EMAIL_INDEX = "uq_users_email_lower"  # R1: one account per address, in any letter case
INVALID_CODE = FieldError(ErrorCode.INVALID_CODE, "This code is wrong or has expired. Ask for a new one.", ("code",))


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class RequestOrigin:
    ip_address: str | None = None
    user_agent: str | None = None


async def record_own(
    db: AsyncSession,
    user: User,
    action: AuditAction,
    *,
    now: datetime,
    origin: RequestOrigin,
    details: dict[str, Any] | None = None,
) -> None:
    """The audit event (R31) of something a person did to their own account, with the address it came from."""
    await record(
        db,
        at=now,
        action=action,
        actor_id=user.id,
        subject_user_id=user.id,
        ip_address=origin.ip_address,
        details=details,
    )


@dataclass(frozen=True)
class SignedIn:
    user: User
    token: str
    expires_at: datetime


# --- registration and e-mail confirmation -----------------------------------------------------------


async def register_account(
    db: AsyncSession,
    *,
    now: datetime,
    email: str,
    name: str,
    password: str,
    community: Community,
    accept_terms: bool,
    phone: str | None,
    origin: RequestOrigin,
    policy: SessionPolicy,
    password_hash: str | None = None,
) -> SignedIn:
    """R1-R3. `password_hash`: from `hash_new_password`, computed before the transaction began (else here)."""
    errors = ErrorCollector()
    email = clean_email(errors, email, "email")
    name = clean_text(errors, name, "name", label="Name", max_length=200)
    phone = clean_phone(errors, phone, "phone")
    if not accept_terms:
        errors.add(ErrorCode.INVALID_INPUT, "Accept the rules of behavior to create an account.", "acceptTerms")
    await _refuse_new_account(db, errors, email=email, name=name, password=password)

    if password_hash is None:
        password_hash = await passwords.hash_password(password)
    user = await _new_user(db, now, email, name, password_hash, community=community, phone=phone)
    db.add(user)
    # R1: a concurrent registration with the same e-mail won the race
    await flush_refusing(
        db,
        {
            EMAIL_INDEX: FieldError(
                ErrorCode.EMAIL_TAKEN, "An account with this e-mail address already exists.", ("email",)
            )
        },
    )
    await record_own(
        db, user, AuditAction.ACCOUNT_REGISTERED, now=now, origin=origin, details={"community": community.value}
    )
    await _send_code(db, user, now=now, origin=origin)
    return await _start_session(db, user, now=now, origin=origin, policy=policy)


async def _refuse_new_account(
    db: AsyncSession, errors: ErrorCollector, *, email: str, name: str, password: str
) -> None:
    """R1, R3: what every new account is refused for (after the caller's own fields): a password the policy refuses,
    an address someone has; all at once."""
    problem = passwords.password_problem(password, email=email, name=name)
    if problem is not None:
        errors.add(ErrorCode.WEAK_PASSWORD, problem, "password")
    if not errors.has("email") and await email_taken(db, email):
        errors.add(ErrorCode.EMAIL_TAKEN, "An account with this e-mail address already exists.", "email")
    errors.raise_if_any()


async def _new_user(db: AsyncSession, now: datetime, email: str, name: str, password_hash: str, **more: Any) -> User:
    """A new account, with an unused user ID, having accepted the rules of behavior now."""
    return User(
        user_id=await _unused_user_id(db),
        email=email,
        name=name,
        password_hash=password_hash,
        terms_accepted_at=now,
        **more,
    )


async def hash_new_password(password: str, *, email: str, name: str) -> str | None:
    """The hash of a new password the policy accepts, None otherwise (`register_account` then says why).

    Called before the registration's transaction: no connection is held while waiting for a hashing slot and
    hashing, so a burst of registrations cannot take the pool from other requests.
    """
    if passwords.password_problem(password, email=email.strip(), name=name.strip()) is not None:
        return None
    return await passwords.hash_password(password)


async def email_taken(db: AsyncSession, email: str) -> bool:
    found = await db.scalar(select(User.id).where(func.lower(User.email) == email.lower()))
    return found is not None


async def _unused_user_id(db: AsyncSession) -> str:
    for _ in range(10):
        candidate = tokens.new_user_id()
        if await db.scalar(select(User.id).where(User.user_id == candidate)) is None:
            return candidate
    raise RuntimeError("could not find an unused user ID")  # 32^8 ids: practically unreachable


async def new_code(db: AsyncSession, user: User, address: str, *, now: datetime) -> str:
    """A new e-mail code for `address` (the account's own, R3, or a new one, R41), superseding the ones before."""
    await db.execute(
        update(EmailVerificationCode)
        .where(EmailVerificationCode.user_id == user.id, EmailVerificationCode.used_at.is_(None))
        .values(superseded=True)
    )
    code = tokens.new_email_code()
    db.add(
        EmailVerificationCode(
            user_id=user.id,
            email=address,
            code_hash=code_digest(user.id, code),
            created_at=now,
            expires_at=now + timedelta(minutes=CODE_MINUTES),
        )
    )
    return code


async def latest_code(db: AsyncSession, user: User, *, new_address: bool) -> EmailVerificationCode | None:
    """The latest code neither used nor superseded, locked: one for the account's own address confirms it (R3), one
    for a new address confirms that change (R41, profile.py)."""
    address = EmailVerificationCode.email != user.email if new_address else EmailVerificationCode.email == user.email
    return await db.scalar(
        select(EmailVerificationCode)
        .where(
            EmailVerificationCode.user_id == user.id,
            address,
            EmailVerificationCode.used_at.is_(None),
            EmailVerificationCode.superseded.is_(False),
        )
        .order_by(EmailVerificationCode.created_at.desc())
        .limit(1)
        .with_for_update()
    )


def code_spent(current: EmailVerificationCode, now: datetime) -> bool:
    """Expired or tried too often: any code entered is refused without counting (R3)."""
    return current.expires_at <= now or current.attempts >= CODE_MAX_ATTEMPTS


def code_matches(current: EmailVerificationCode, user: User, code: str) -> bool:
    cleaned = code.strip()
    return (
        len(cleaned) == 6
        and ascii_digits(cleaned)
        and tokens.same_digest(current.code_hash, code_digest(user.id, cleaned))
    )


async def _send_code(db: AsyncSession, user: User, *, now: datetime, origin: RequestOrigin) -> None:
    code = await new_code(db, user, user.email, now=now)
    await mail_to(db, now, user, templates.verification_code, code, CODE_MINUTES)
    await record_own(db, user, AuditAction.EMAIL_CODE_SENT, now=now, origin=origin)
    await db.flush()


def code_digest(user_id: uuid.UUID, code: str) -> bytes:
    return tokens.digest(f"{user_id}:{code}")


async def resend_verification_code(db: AsyncSession, user: User, *, now: datetime, origin: RequestOrigin) -> User:
    if user.email_verified_at is not None:
        return user
    last = await db.scalar(
        select(func.max(EmailVerificationCode.created_at)).where(EmailVerificationCode.user_id == user.id)
    )
    if last is not None and now - last < timedelta(seconds=CODE_RESEND_SECONDS):
        raise DomainError.single(
            ErrorCode.RATE_LIMITED,
            f"A code was sent less than {CODE_RESEND_SECONDS} seconds ago; check your mail.",
        )
    await _send_code(db, user, now=now, origin=origin)
    return user


@dataclass(frozen=True)
class CodeCheck:
    user: User
    error: FieldError | None


async def verify_email(db: AsyncSession, user: User, code: str, *, now: datetime, origin: RequestOrigin) -> CodeCheck:
    """R3. A wrong code counts an attempt, which must be kept: the caller commits even on error."""
    if user.email_verified_at is not None:
        return CodeCheck(user, None)
    current = await latest_code(db, user, new_address=False)
    if current is None or code_spent(current, now):
        await record_own(db, user, AuditAction.EMAIL_CODE_REJECTED, now=now, origin=origin, details={"why": "expired"})
        return CodeCheck(user, INVALID_CODE)
    if not code_matches(current, user, code):
        current.attempts += 1
        await record_own(db, user, AuditAction.EMAIL_CODE_REJECTED, now=now, origin=origin, details={"why": "mismatch"})
        await db.flush()
        return CodeCheck(user, INVALID_CODE)
    current.used_at = now
    user.email_verified_at = now
    await record_own(db, user, AuditAction.EMAIL_VERIFIED, now=now, origin=origin)
    await db.flush()
    return CodeCheck(user, None)


# --- sign-in, sessions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInOutcome:
    signed_in: SignedIn | None
    error: FieldError | None


INVALID_CREDENTIALS = FieldError(
    ErrorCode.INVALID_CREDENTIALS, "The e-mail or user ID and password do not match an account."
)
LOCKED = FieldError(
    ErrorCode.ACCOUNT_LOCKED,
    "Too many failed sign-ins. Try again in 15 minutes, or ask the help desk to unlock the account.",
)


def _normalize_login(login: str) -> str:
    value = unicodedata.normalize("NFKC", login).strip()  # as registration folds the address (clean_email)
    return value.lower() if "@" in value else value.upper()


@dataclass(frozen=True)
class SignInAttempt:
    """What the first step of a sign-in found (R4): the account the login names, if any and active, and the key its
    failures are counted under. `refused` (ACCOUNT_LOCKED) when that key is locked: the attempt ends there."""

    user: User | None
    key: str
    refused: FieldError | None = None


@dataclass(frozen=True)
class PasswordVerdict:
    ok: bool
    new_hash: str | None = None  # the password hashed again with today's parameters, when its hash is older


async def is_locked(db: AsyncSession, key: str, now: datetime, *, for_update: bool = False) -> bool:
    """R4: whether sign-ins by this throttle key (`user:<id>`, or a digest of an unknown login) are locked now."""
    statement = select(SignInThrottle.locked_until).where(SignInThrottle.key == key)
    locked_until = await db.scalar(statement.with_for_update() if for_update else statement)
    return locked_until is not None and locked_until > now


async def _sign_in_failed(
    db: AsyncSession, user: User | None, details: dict[str, Any], *, now: datetime, origin: RequestOrigin
) -> None:
    """R4, R31: a refused sign-in, about the account its login names if any (nobody is signed in: no actor)."""
    await record(
        db,
        at=now,
        action=AuditAction.SIGN_IN_FAILED,
        subject_user_id=user.id if user else None,
        ip_address=origin.ip_address,
        details=details,
    )


async def begin_sign_in(db: AsyncSession, *, now: datetime, login: str, origin: RequestOrigin) -> SignInAttempt:
    """R4, the first of three steps: find the account and whether its key is locked (a refusal is audited).

    Unknown logins are throttled and answered exactly like known ones. The caller ends this transaction before the
    password is checked (`check_sign_in_password`), so that no connection is held while waiting for one of the
    hashing slots and hashing (~0.3 s each): a burst of sign-ins cannot take the pool from other requests. The
    outcome is written by `finish_sign_in`, in a second transaction.
    """
    normalized = _normalize_login(login)[:320]
    if has_control_characters(normalized):
        normalized = ""  # no account has such a login (a NUL or a lone surrogate cannot even be looked up)
    user: User | None = None
    if normalized:
        column = func.lower(User.email) if "@" in normalized else User.user_id
        user = await db.scalar(select(User).where(column == normalized, User.status == AccountStatus.ACTIVE))
    key = f"user:{user.id}" if user is not None else f"login:{tokens.digest(normalized).hex()}"

    if await is_locked(db, key, now):
        await _sign_in_failed(db, user, {"why": "locked"}, now=now, origin=origin)
        return SignInAttempt(user, key, LOCKED)
    return SignInAttempt(user, key)


async def check_sign_in_password(attempt: SignInAttempt, password: str) -> PasswordVerdict:
    """R4, the second step, without the database: the password against the account's hash (against a dummy one for
    an unknown login, taking as long)."""
    if len(password) > passwords.MAX_LENGTH:
        password = password[: passwords.MAX_LENGTH + 1]  # never hash unbounded input; still a mismatch
    user = attempt.user
    if user is None:
        await passwords.verify_against_dummy(password)
        return PasswordVerdict(ok=False)
    if not await passwords.verify_password(user.password_hash, password):
        return PasswordVerdict(ok=False)
    new_hash = await passwords.hash_password(password) if passwords.needs_rehash(user.password_hash) else None
    return PasswordVerdict(ok=True, new_hash=new_hash)


async def finish_sign_in(
    db: AsyncSession,
    attempt: SignInAttempt,
    verdict: PasswordVerdict,
    *,
    now: datetime,
    origin: RequestOrigin,
    policy: SessionPolicy,
    previous_token: str | None = None,
) -> SignInOutcome:
    """R4, the third step: the outcome's writes. A failure is counted (and locks on the fifth) and audited, and is
    returned rather than raised: the caller commits it with the answer that refuses."""
    user, key = attempt.user, attempt.key
    if not verdict.ok:
        failures, locked_until = await count_failure(db, key, now)
        await _sign_in_failed(db, user, {"why": "credentials", "failures": failures}, now=now, origin=origin)
        if locked_until is not None and user is not None:
            await record(
                db,
                at=now,
                action=AuditAction.ACCOUNT_LOCKED,
                subject_user_id=user.id,
                ip_address=origin.ip_address,
                details={"until": locked_until.isoformat()},
            )
        return SignInOutcome(None, INVALID_CREDENTIALS)

    assert user is not None
    # R4: the lock is read again, under the throttle row's lock. Sign-ins that passed the first step together are
    # counted as they finish: once the others' failures have locked the account, a right password is refused too
    # (and does not lift the lock), so parallel guesses get no more tries than sequential ones.
    if await is_locked(db, key, now, for_update=True):
        await _sign_in_failed(db, user, {"why": "locked"}, now=now, origin=origin)
        return SignInOutcome(None, LOCKED)
    await db.execute(delete(SignInThrottle).where(SignInThrottle.key == key))
    if verdict.new_hash is not None:
        user.password_hash = verdict.new_hash
    if previous_token is not None:  # a new token at every sign-in (session fixation)
        await db.execute(delete(UserSession).where(UserSession.token_hash == tokens.digest(previous_token)))
    await record_own(db, user, AuditAction.SIGN_IN, now=now, origin=origin)
    signed_in = await _start_session(db, user, now=now, origin=origin, policy=policy)
    return SignInOutcome(signed_in, None)


async def count_failure(db: AsyncSession, key: str, now: datetime) -> tuple[int, datetime | None]:
    """Atomically count one failure in the sliding window and lock on the fifth (no check-then-act)."""
    table = SignInThrottle.__table__
    in_window = table.c.window_started_at > now - LOCK_WINDOW
    insert_row = pg_insert(SignInThrottle).values(key=key, failures=1, window_started_at=now, locked_until=None)
    new_failures = case((in_window, table.c.failures + 1), else_=1)
    stmt = insert_row.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "failures": new_failures,
            "window_started_at": case((in_window, table.c.window_started_at), else_=now),
            "locked_until": case((new_failures >= LOCK_FAILURES, now + LOCK_DURATION), else_=None),
        },
    ).returning(table.c.failures, table.c.locked_until)
    row = (await db.execute(stmt)).one()
    return int(row.failures), row.locked_until


async def _start_session(
    db: AsyncSession, user: User, *, now: datetime, origin: RequestOrigin, policy: SessionPolicy
) -> SignedIn:
    token = tokens.new_session_token()
    expires_at = now + policy.absolute
    db.add(
        UserSession(
            token_hash=tokens.digest(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
            ip_address=origin.ip_address,
            user_agent=(origin.user_agent or "")[:512] or None,
        )
    )
    await db.flush()
    return SignedIn(user=user, token=token, expires_at=expires_at)


# Every request of a signed-in person runs it: built once, so its compiled form is cached (docs/performance.md).
_SESSION_USER = (
    select(User, UserSession.id, UserSession.last_seen_at)
    .join(UserSession, UserSession.user_id == User.id)
    .where(
        UserSession.token_hash == bindparam("token_hash"),
        UserSession.expires_at > bindparam("now"),
        UserSession.last_seen_at > bindparam("idle_since"),
        User.status == AccountStatus.ACTIVE,
    )
)


@dataclass(frozen=True)
class SessionUser:
    user: User
    # The session's last use was noted now (at most once a minute, so that it does not go idle): the caller commits
    # at once, whatever else the request does (a query commits nothing), so that the person's other requests do
    # not wait on the session's row.
    touched: bool


async def user_for_session(db: AsyncSession, token: str, *, now: datetime, policy: SessionPolicy) -> SessionUser | None:
    """The signed-in person for a cookie token, or None when the session is unknown, idle or expired."""
    parameters = {"token_hash": tokens.digest(token), "now": now, "idle_since": now - policy.idle}
    row = (await db.execute(_SESSION_USER, parameters)).one_or_none()
    if row is None:
        return None
    user, session_id, last_seen_at = row
    touched = now - last_seen_at >= SESSION_TOUCH_EVERY
    if touched:
        await db.execute(update(UserSession).where(UserSession.id == session_id).values(last_seen_at=now))
    return SessionUser(user, touched)


async def sign_out(db: AsyncSession, token: str, *, user: User | None, now: datetime, origin: RequestOrigin) -> None:
    await db.execute(delete(UserSession).where(UserSession.token_hash == tokens.digest(token)))
    if user is not None:
        await record_own(db, user, AuditAction.SIGN_OUT, now=now, origin=origin)


# --- help desk (R33) ----------------------------------------------------------------------------------


async def create_help_desk_user(
    db: AsyncSession, *, now: datetime, email: str, name: str, password: str, is_demo: bool = False
) -> User:
    """R33: the only way to the HELP_DESK role; the e-mail counts as verified (created by an operator)."""
    errors = ErrorCollector()
    email = clean_email(errors, email, "email")
    name = clean_text(errors, name, "name", label="Name", max_length=200)
    await _refuse_new_account(db, errors, email=email, name=name, password=password)
    user = await _new_user(
        db,
        now,
        email,
        name,
        await passwords.hash_password(password),
        community=Community.PROVIDER_SUPPLIER,
        email_verified_at=now,
        is_demo=is_demo,
    )
    db.add(user)
    await db.flush()
    db.add(RoleAssignment(user_id=user.id, role=Role.HELP_DESK, granted_at=now))
    await db.flush()
    await record(
        db,
        at=now,
        action=AuditAction.HELP_DESK_CREATED,
        subject_user_id=user.id,
        details={"via": "command line"},
    )
    return user


def _by_help_desk(help_desk_user_id: uuid.UUID, user: User) -> Involved:
    """R33: the help desk's action on a person's account."""
    return {"actor_id": help_desk_user_id, "subject_user_id": user.id}


async def unlock_account(db: AsyncSession, *, now: datetime, help_desk_user_id: uuid.UUID, user: User) -> bool:
    """R4, R33: the help desk lifts a sign-in lock; True when there was one."""
    removed = await db.execute(
        delete(SignInThrottle).where(SignInThrottle.key == f"user:{user.id}").returning(SignInThrottle.locked_until)
    )
    locked_until = removed.scalar_one_or_none()
    was_locked = locked_until is not None and locked_until > now
    await record(
        db,
        at=now,
        action=AuditAction.ACCOUNT_UNLOCKED,
        **_by_help_desk(help_desk_user_id, user),
        details={"wasLocked": was_locked},
    )
    return was_locked


async def disable_account(
    db: AsyncSession, *, now: datetime, help_desk_user_id: uuid.UUID, user: User, reason: str
) -> None:
    """R33: the help desk disables an account: every session ends at once; roles stay for the record."""
    errors = ErrorCollector()
    cleaned = clean_text(errors, reason, "reason", label="Reason", max_length=2000)
    errors.raise_if_any()
    if user.id == help_desk_user_id:
        raise DomainError.single(ErrorCode.FORBIDDEN, "You cannot disable your own account.", ("userId",))
    user.status = AccountStatus.DISABLED
    await db.execute(delete(UserSession).where(UserSession.user_id == user.id))
    await db.flush()
    await record(
        db,
        at=now,
        action=AuditAction.ACCOUNT_DISABLED,
        **_by_help_desk(help_desk_user_id, user),
        details={"reason": cleaned},
    )


async def enable_account(db: AsyncSession, *, now: datetime, help_desk_user_id: uuid.UUID, user: User) -> None:
    user.status = AccountStatus.ACTIVE
    await db.flush()
    await record(db, at=now, action=AuditAction.ACCOUNT_ENABLED, **_by_help_desk(help_desk_user_id, user))
