"""Webhook endpoints, their outbox of deliveries and the log of every attempt (R44)."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ARRAY, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, uuid_pk


class WebhookEvent(enum.StrEnum):
    REQUEST_SUBMITTED = "REQUEST_SUBMITTED"
    REQUEST_DECIDED = "REQUEST_DECIDED"
    REQUEST_EXPIRED = "REQUEST_EXPIRED"
    REQUEST_ESCALATED = "REQUEST_ESCALATED"
    ROLE_GRANTED = "ROLE_GRANTED"
    ROLE_ENDED = "ROLE_ENDED"
    ROLE_SUSPENDED = "ROLE_SUSPENDED"
    ROLE_RESTORED = "ROLE_RESTORED"

    @property
    def wire_name(self) -> str:
        """The `type` of a delivery's body: `request.submitted`, `role.granted`, ..."""
        subject, _, verb = self.value.lower().partition("_")
        return f"{subject}.{verb}"


_EVENT_NAMES = ", ".join(f"'{e.value}'" for e in WebhookEvent)


class Webhook(Base):
    """An endpoint the help desk registered; deleting one keeps it (inactive) for its delivery log."""

    __tablename__ = "webhooks"
    __table_args__ = (
        CheckConstraint(
            f"cardinality(events) > 0 AND events <@ ARRAY[{_EVENT_NAMES}]::varchar(32)[]", name="known_events"
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    url: Mapped[str] = mapped_column(String(2000))
    # The signing key (base64), needed in clear to sign; shown once as whsec_<key> (docs/api.md, Webhooks).
    secret: Mapped[str] = mapped_column(String(100))
    events: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    created_at: Mapped[datetime]
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    deleted_at: Mapped[datetime | None]


class WebhookDelivery(Base):
    """One event for one endpoint: the outbox row, written in the transaction of the change (R44)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "webhook_id"),
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("delivered_at IS NULL AND given_up_at IS NULL"),
        ),
        Index("ix_webhook_deliveries_webhook_id", "webhook_id", "created_at"),
        CheckConstraint(f"event_type IN ({_EVENT_NAMES})", name="known_event_type"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    # The id the receiver de-duplicates by: the `webhook-id` header and the body's `id`, the same on every attempt.
    event_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    webhook_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    event_type: Mapped[str] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text)  # the exact bytes sent (and signed) on every attempt
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    delivered_at: Mapped[datetime | None]
    given_up_at: Mapped[datetime | None]
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))


class WebhookAttempt(Base):
    """One try of a delivery: what the receiver answered, or why it did not."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_delivery_id", "delivery_id", "attempted_at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    delivery_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhook_deliveries.id", ondelete="CASCADE"))
    attempted_at: Mapped[datetime]
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(500))
    duration_ms: Mapped[int] = mapped_column(Integer)
