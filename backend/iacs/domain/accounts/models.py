"""People, their sessions, e-mail codes and sign-in throttling (R1-R5)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, created_at_column, pg_enum, uuid_pk
from iacs.domain.enums import AccountStatus, Community


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        # R1: one account per e-mail, compared without case.
        Index("uq_users_email_lower", func.lower(text("email")), unique=True),
        CheckConstraint("char_length(name) BETWEEN 1 AND 200", name="name_length"),
        CheckConstraint("char_length(email) BETWEEN 3 AND 254", name="email_length"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    # R1: generated, unique, never reused (never deleted either: accounts are disabled, not removed).
    user_id: Mapped[str] = mapped_column(String(16), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    community: Mapped[Community] = mapped_column(pg_enum(Community, "community"))
    password_hash: Mapped[str] = mapped_column(String(255))
    status: Mapped[AccountStatus] = mapped_column(
        pg_enum(AccountStatus, "account_status"), server_default=AccountStatus.ACTIVE.value
    )
    email_verified_at: Mapped[datetime | None]
    terms_accepted_at: Mapped[datetime]
    is_demo: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    created_at: Mapped[datetime] = created_at_column()


class UserSession(Base):
    """A server-side session; only the SHA-256 of the cookie token is stored."""

    __tablename__ = "sessions"

    id: Mapped[uuid.UUID] = uuid_pk()
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column()
    last_seen_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column()  # absolute limit (12 h)
    ip_address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(512))


class EmailVerificationCode(Base):
    """R3: a 6-digit code, stored hashed, valid 30 minutes, a few attempts."""

    __tablename__ = "email_verification_codes"

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))  # the address the code was sent to
    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    used_at: Mapped[datetime | None]
    superseded: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))


class SignInThrottle(Base):
    """R4: failed sign-ins per login key.

    The key is ``user:<uuid>`` for an existing account and ``login:<sha256>`` for an unknown login, so an
    unknown login is throttled and locked exactly like a real one and the answers cannot tell them apart.
    """

    __tablename__ = "sign_in_throttle"
    __table_args__ = (CheckConstraint("failures >= 0", name="failures_not_negative"),)

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    window_started_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]


class ApiToken(Base):
    """R43: a personal API token; only the SHA-256 of its secret is stored (the secret is shown once)."""

    __tablename__ = "api_tokens"
    __table_args__ = (
        CheckConstraint("char_length(name) BETWEEN 1 AND 100", name="name_length"),
        CheckConstraint("expires_at > created_at", name="expires_after_creation"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    created_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column()
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
