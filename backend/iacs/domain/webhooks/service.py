"""Webhooks (R44): the help desk's endpoints, events written to the outbox with the change, redelivery by hand.

Events come from the audit log's writer (audit/service.py `record`): every change the log records as a
submission, a decision, an expiry, an escalation, a grant, an end, a suspension or a restoration is also an
event, written by the same statement sequence in the same transaction. A rolled-back change leaves neither.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict, Unpack

from sqlalchemy import any_, insert, literal, or_, select, update
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import DateTime, String, Text

from iacs.domain.enums import ErrorCode
from iacs.domain.errors import DomainError, ErrorCollector
from iacs.domain.webhooks import addresses, signing
from iacs.domain.webhooks.models import Webhook, WebhookDelivery, WebhookEvent

MAX_WEBHOOKS = 50  # endpoints in force at once; each event costs one delivery per endpoint

# The audit action that is each event (an action another change adds later joins by its name).
EVENT_OF_ACTION: dict[str, WebhookEvent] = {
    "REQUEST_SUBMITTED": WebhookEvent.REQUEST_SUBMITTED,
    "REQUEST_APPROVED": WebhookEvent.REQUEST_DECIDED,
    "REQUEST_DENIED": WebhookEvent.REQUEST_DECIDED,
    "REQUEST_EXPIRED": WebhookEvent.REQUEST_EXPIRED,
    "REQUEST_ESCALATED": WebhookEvent.REQUEST_ESCALATED,
    "ROLE_GRANTED": WebhookEvent.ROLE_GRANTED,
    "ROLE_REVOKED": WebhookEvent.ROLE_ENDED,
    "ROLE_ENDED": WebhookEvent.ROLE_ENDED,
    "ROLE_SUSPENDED": WebhookEvent.ROLE_SUSPENDED,
}
DECISION_OF_ACTION = {"REQUEST_APPROVED": "APPROVED", "REQUEST_DENIED": "DENIED"}


class About(TypedDict, total=False):
    """What an audited change is about (R31): the ids of the audit event, which its webhook event names (R44)."""

    subject_user_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    request_id: uuid.UUID | None
    role_assignment_id: uuid.UUID | None


class Involved(About, total=False):
    """Who made the change, and what it is about."""

    actor_id: uuid.UUID | None


def global_id(type_name: str, value: uuid.UUID) -> str:
    """The object's id as the API gives it (graphql/ids.py; a unit test keeps the two equal)."""
    return base64.urlsafe_b64encode(f"{type_name}:{value}".encode()).decode().rstrip("=")


def event_of(action: str, details: dict[str, Any] | None) -> WebhookEvent | None:
    if action == "ROLE_CERTIFIED":  # R30: certifying a suspended role restores it
        return WebhookEvent.ROLE_RESTORED if (details or {}).get("restored") is True else None
    return EVENT_OF_ACTION.get(action)


def event_body(
    event_id: uuid.UUID,
    event: WebhookEvent,
    at: datetime,
    *,
    action: str,
    involved: Involved,
    details: dict[str, Any] | None,
) -> str:
    """`{id, type, occurredAt, data}` (docs/api.md, Webhooks); the ids in `data` are the API's global ids."""
    data: dict[str, Any] = {}
    for key, type_name, value in (
        ("requestId", "AccessRequest", involved.get("request_id")),
        ("roleAssignmentId", "RoleAssignment", involved.get("role_assignment_id")),
        ("organizationId", "Organization", involved.get("organization_id")),
        ("userId", "User", involved.get("subject_user_id")),
        ("actorId", "User", involved.get("actor_id")),
    ):
        if value is not None:
            data[key] = global_id(type_name, value)
    if action in DECISION_OF_ACTION:
        data["decision"] = DECISION_OF_ACTION[action]
    role = (details or {}).get("role")
    if isinstance(role, str):
        data["role"] = role
    body = {"id": str(event_id), "type": event.wire_name, "occurredAt": at.isoformat(), "data": data}
    return json.dumps(body, separators=(",", ":"), sort_keys=False)


async def emit(
    db: AsyncSession, *, at: datetime, action: str, details: dict[str, Any] | None = None, **involved: Unpack[Involved]
) -> None:
    """R44: one delivery per active endpoint that wants the event, in the caller's transaction (one statement)."""
    event = event_of(action, details)
    if event is None:
        return
    event_id = uuid.uuid4()
    body = event_body(event_id, event, at, action=action, involved=involved, details=details)
    organization_id = involved.get("organization_id")
    scope = (
        Webhook.organization_id.is_(None)
        if organization_id is None
        else or_(Webhook.organization_id.is_(None), Webhook.organization_id == organization_id)
    )
    when = literal(at, DateTime(timezone=True))
    endpoints = select(
        literal(event_id, UUID(as_uuid=True)),
        Webhook.id,
        literal(event.value, String(32)),
        literal(body, Text),
        when,
        when,
    ).where(Webhook.active, literal(event.value, String(32)) == any_(Webhook.events), scope)
    await db.execute(
        insert(WebhookDelivery).from_select(
            ["event_id", "webhook_id", "event_type", "body", "created_at", "next_attempt_at"], endpoints
        )
    )


# --- the help desk's endpoints ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Created:
    webhook: Webhook
    secret: str  # whsec_<key>, shown once


async def create_webhook(
    db: AsyncSession,
    *,
    now: datetime,
    actor_id: uuid.UUID,
    url: str,
    events: Sequence[WebhookEvent],
    organization_id: uuid.UUID | None,
    organization_exists: bool,
    allow_local: bool,
) -> Created:
    """R44: register an endpoint; every problem of the input comes back at once, naming its field."""
    errors = ErrorCollector()
    url = url.strip()
    try:
        addresses.parse(url, allow_local=allow_local)
    except addresses.AddressRefused as exc:
        errors.add(ErrorCode.INVALID_INPUT, str(exc), "url")
    if not events:
        errors.add(ErrorCode.INVALID_INPUT, "Choose at least one event.", "events")
    if organization_id is not None and not organization_exists:
        errors.add(ErrorCode.NOT_FOUND, "No organization with this id.", "organizationId")
    errors.raise_if_any()
    in_force = await db.scalar(select(Webhook.id).where(Webhook.active).offset(MAX_WEBHOOKS - 1).limit(1))
    if in_force is not None:
        raise DomainError.single(
            ErrorCode.INVALID_INPUT, f"At most {MAX_WEBHOOKS} endpoints at once; delete one first.", ("url",)
        )
    key = signing.new_key()
    webhook = Webhook(
        url=url,
        secret=key,
        events=sorted({e.value for e in events}, key=[e.value for e in WebhookEvent].index),
        organization_id=organization_id,
        active=True,
        created_at=now,
        created_by_id=actor_id,
    )
    db.add(webhook)
    await db.flush()
    return Created(webhook, signing.shown_secret(key))


async def delete_webhook(db: AsyncSession, *, now: datetime, webhook: Webhook) -> Webhook:
    """Stop sending: the endpoint stays, inactive, with its log; what was still waiting is given up."""
    if webhook.active:
        webhook.active = False
        webhook.deleted_at = now
        await db.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.webhook_id == webhook.id,
                WebhookDelivery.delivered_at.is_(None),
                WebhookDelivery.given_up_at.is_(None),
            )
            .values(given_up_at=now)
        )
        await db.flush()
    return webhook


async def redeliver(db: AsyncSession, *, now: datetime, delivery: WebhookDelivery, webhook: Webhook) -> None:
    """By hand: send the same event (same id, same body) again at once, whatever happened to it before."""
    if not webhook.active:
        raise DomainError.single(ErrorCode.INVALID_INPUT, "This endpoint was deleted; nothing is sent to it.", ("id",))
    delivery.next_attempt_at = now
    delivery.given_up_at = None
    delivery.delivered_at = None
    await db.flush()
