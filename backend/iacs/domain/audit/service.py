"""Writing audit events (R31): always inside the transaction of the change they record."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, Unpack

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.audit.models import AuditEvent
from iacs.domain.webhooks import service as webhooks
from iacs.domain.webhooks.service import About, Involved

if TYPE_CHECKING:
    from iacs.domain.requests.models import AccessRequest
    from iacs.domain.roles.models import RoleAssignment


class AuditAction(enum.StrEnum):
    ACCOUNT_REGISTERED = "ACCOUNT_REGISTERED"
    EMAIL_CODE_SENT = "EMAIL_CODE_SENT"
    EMAIL_VERIFIED = "EMAIL_VERIFIED"
    EMAIL_CODE_REJECTED = "EMAIL_CODE_REJECTED"
    SIGN_IN = "SIGN_IN"
    SIGN_IN_FAILED = "SIGN_IN_FAILED"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    SIGN_OUT = "SIGN_OUT"
    ACCOUNT_UNLOCKED = "ACCOUNT_UNLOCKED"
    ACCOUNT_DISABLED = "ACCOUNT_DISABLED"
    ACCOUNT_ENABLED = "ACCOUNT_ENABLED"
    HELP_DESK_CREATED = "HELP_DESK_CREATED"
    REQUEST_SUBMITTED = "REQUEST_SUBMITTED"
    REQUEST_APPROVED = "REQUEST_APPROVED"
    REQUEST_DENIED = "REQUEST_DENIED"
    REQUEST_CANCELLED = "REQUEST_CANCELLED"
    ROLE_GRANTED = "ROLE_GRANTED"
    ROLE_REVOKED = "ROLE_REVOKED"
    REQUEST_EXPIRED = "REQUEST_EXPIRED"
    ROLE_SUSPENDED = "ROLE_SUSPENDED"
    ROLE_CERTIFIED = "ROLE_CERTIFIED"
    PROFILE_UPDATED = "PROFILE_UPDATED"
    PASSWORD_CHANGED = "PASSWORD_CHANGED"  # noqa: S105 - an audit action's name, not a password
    EMAIL_CHANGE_REQUESTED = "EMAIL_CHANGE_REQUESTED"
    EMAIL_CHANGED = "EMAIL_CHANGED"
    REQUEST_ESCALATED = "REQUEST_ESCALATED"  # R39
    ROLE_ENDED = "ROLE_ENDED"  # R40: reached its end date
    # R42: CMS's switches, turned by the help desk
    PROVIDER_TYPE_OPENED = "PROVIDER_TYPE_OPENED"
    PROVIDER_TYPE_CLOSED = "PROVIDER_TYPE_CLOSED"
    APPLICATION_PUBLISHED = "APPLICATION_PUBLISHED"
    APPLICATION_OPENED = "APPLICATION_OPENED"
    APPLICATION_CLOSED = "APPLICATION_CLOSED"
    API_TOKEN_CREATED = "API_TOKEN_CREATED"  # noqa: S105 - R43: an audit action, not a secret
    API_TOKEN_REVOKED = "API_TOKEN_REVOKED"  # noqa: S105 - R43: an audit action, not a secret
    DELEGATION_CREATED = "DELEGATION_CREATED"  # R38
    DELEGATION_ENDED = "DELEGATION_ENDED"  # R38: cancelled before its end date


async def record(
    db: AsyncSession,
    *,
    at: datetime,
    action: AuditAction,
    ip_address: str | None = None,
    details: dict[str, Any] | None = None,
    **involved: Unpack[Involved],
) -> None:
    await db.execute(
        insert(AuditEvent).values(
            occurred_at=at,
            action=action.value,
            actor_id=involved.get("actor_id"),
            subject_user_id=involved.get("subject_user_id"),
            organization_id=involved.get("organization_id"),
            request_id=involved.get("request_id"),
            role_assignment_id=involved.get("role_assignment_id"),
            ip_address=ip_address,
            details=details or {},
        )
    )
    # R44: the changes that are webhook events leave them in the outbox of this same transaction
    await webhooks.emit(db, at=at, action=action.value, details=details, **involved)


def about_request(request: AccessRequest, role_assignment_id: uuid.UUID | None = None) -> About:
    """An event about a request (R31): its requester is the subject, its organization the organization (and the
    role it granted, if it did)."""
    return {
        "subject_user_id": request.requester_id,
        "organization_id": request.organization_id,
        "request_id": request.id,
        "role_assignment_id": role_assignment_id,
    }


async def record_role_event(
    db: AsyncSession,
    *,
    at: datetime,
    action: AuditAction,
    assignment: RoleAssignment,
    actor_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """An event about one role assignment (R31): its holder is the subject, its organization the organization, and
    the details name the role before anything else they say."""
    await record(
        db,
        at=at,
        action=action,
        actor_id=actor_id,
        subject_user_id=assignment.user_id,
        organization_id=assignment.organization_id,
        role_assignment_id=assignment.id,
        details={"role": assignment.role.value, **(details or {})},
    )
