"""Personal API tokens (R43): a script acts as the person who made the token, with exactly their roles.

A token is a random secret shown once; only its SHA-256 is stored, so a request's token is found by an indexed
equality on the digest (no comparison of secrets, nothing to time) and a copy of the database holds no usable
token. A token works until it is revoked, until it expires (an expiry is required, at most a year ahead) or
while its account is disabled; a person holds at most 10 in force. Tokens never manage tokens, the profile or
the password and never open a browser session: the GraphQL layer refuses those operations to a token
(`graphql/tokens.py`). Services flush; the caller commits.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.auth import tokens
from iacs.domain.accounts.models import ApiToken, User
from iacs.domain.accounts.service import RequestOrigin, record_own
from iacs.domain.audit.service import AuditAction
from iacs.domain.enums import AccountStatus, ErrorCode
from iacs.domain.errors import DomainError, ErrorCollector
from iacs.domain.validation import clean_text

MAX_TOKENS = 10  # R43: in force (neither revoked nor expired) per person
MAX_NAME_LENGTH = 100
MAX_LIFETIME = timedelta(days=366)
MIN_LIFETIME = timedelta(minutes=5)
SECRET_PREFIX = "iacs_"  # noqa: S105 - not a secret: recognisable in a leaked file or a secret scanner
MAX_SECRET_LENGTH = 128  # anything longer is not ours: refused before hashing
TOUCH_EVERY = timedelta(seconds=60)  # lastUsedAt is written at most once a minute per token


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)  # 256 bits


def secret_digest(secret: str) -> bytes:
    return tokens.digest(secret)


async def create_api_token(
    db: AsyncSession, user: User, *, now: datetime, name: str, expires_at: datetime, origin: RequestOrigin
) -> NewToken:
    """R43: a named token with a required expiry; TOKEN_LIMIT when 10 are in force."""
    errors = ErrorCollector()
    cleaned = clean_text(errors, name, "name", label="Name", max_length=MAX_NAME_LENGTH)
    if expires_at.tzinfo is None:
        errors.add(
            ErrorCode.INVALID_INPUT, "Give the expiry with a time zone (like 2027-01-31T00:00:00Z).", "expiresAt"
        )
    elif expires_at < now + MIN_LIFETIME:
        errors.add(ErrorCode.INVALID_INPUT, "The expiry must be in the future (at least 5 minutes ahead).", "expiresAt")
    elif expires_at > now + MAX_LIFETIME:
        errors.add(ErrorCode.INVALID_INPUT, "The expiry must be within a year from today.", "expiresAt")
    errors.raise_if_any()
    # Two creations at once must not both pass the count: the person's row is the lock.
    await db.execute(select(User.id).where(User.id == user.id).with_for_update())
    in_force = await db.scalar(
        select(func.count())
        .select_from(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None), ApiToken.expires_at > now)
    )
    if int(in_force or 0) >= MAX_TOKENS:
        raise DomainError.single(
            ErrorCode.TOKEN_LIMIT,
            f"You already have {MAX_TOKENS} tokens in use. Revoke one you no longer need first.",
        )
    secret = _new_secret()
    token = ApiToken(
        user_id=user.id,
        name=cleaned,
        secret_hash=secret_digest(secret),
        created_at=now,
        expires_at=expires_at,
    )
    db.add(token)
    await db.flush()
    await record_own(
        db,
        user,
        AuditAction.API_TOKEN_CREATED,
        now=now,
        origin=origin,
        details={"token": str(token.id), "name": cleaned, "expiresAt": expires_at.isoformat()},
    )
    return NewToken(token=token, secret=secret)


async def revoke_api_token(
    db: AsyncSession, user: User, token_id: uuid.UUID | None, *, now: datetime, origin: RequestOrigin
) -> ApiToken:
    """R43: the owner revokes one of their tokens at once; anyone else's is NOT_FOUND. Revoking twice is a no-op."""
    token = (
        await db.scalar(select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id).with_for_update())
        if token_id is not None
        else None
    )
    if token is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "There is no such token.", ("id",))
    if token.revoked_at is None:
        token.revoked_at = now
        await db.flush()
        await record_own(
            db,
            user,
            AuditAction.API_TOKEN_REVOKED,
            now=now,
            origin=origin,
            details={"token": str(token.id), "name": token.name},
        )
    return token


async def api_tokens_of(db: AsyncSession, user_id: uuid.UUID) -> Sequence[ApiToken]:
    """The person's tokens that were not revoked (expired ones too, to be told apart by `expires_at`), newest first."""
    query = (
        select(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return (await db.scalars(query)).all()


# Every request with a token runs it: built once, so its compiled form is cached (as the session's, service.py).
_TOKEN_USER = (
    select(User, ApiToken.id, ApiToken.last_used_at)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(
        ApiToken.secret_hash == bindparam("secret_hash"),
        ApiToken.revoked_at.is_(None),
        ApiToken.expires_at > bindparam("now"),
        User.status == AccountStatus.ACTIVE,
    )
)


def well_formed_secret(secret: str) -> bool:
    return secret.startswith(SECRET_PREFIX) and len(secret) <= MAX_SECRET_LENGTH and secret.isascii()


async def user_for_api_token(db: AsyncSession, secret: str, *, now: datetime, touch: bool = False) -> User | None:
    """R43: the token's owner while the token is in force and the account active; None otherwise.

    `touch`: note the use (at most once a minute); the caller commits it (graphql/bearer.py, in a session of its own).
    """
    if not well_formed_secret(secret):
        return None
    row = (await db.execute(_TOKEN_USER, {"secret_hash": secret_digest(secret), "now": now})).one_or_none()
    if row is None:
        return None
    user, token_id, last_used_at = row
    if touch and (last_used_at is None or now - last_used_at >= TOUCH_EVERY):
        await db.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
    return user
