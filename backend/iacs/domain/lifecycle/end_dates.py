"""R40: roles with an end date: their holder is told 7 days before, and the job runner ends them at the date."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.audit.service import AuditAction, record_role_event
from iacs.domain.enums import RoleStatus
from iacs.domain.lifecycle.claims import active_users, claim
from iacs.domain.notifications import templates
from iacs.domain.notifications.service import mail_to
from iacs.domain.roles.models import RoleAssignment

END_NOTICE = timedelta(days=7)  # R40: the holder hears of the end a week ahead
_IN_FORCE = (RoleStatus.ACTIVE, RoleStatus.SUSPENDED)


async def remind_ending_roles(db: AsyncSession, now: datetime) -> int:
    """Tell each holder, once, that a role ends within 7 days. Returns the number of mails."""
    due = await claim(
        db,
        RoleAssignment,
        RoleAssignment.status.in_(_IN_FORCE),
        RoleAssignment.ends_at.is_not(None),
        RoleAssignment.ends_at <= now + END_NOTICE,
        RoleAssignment.ends_at > now,
        RoleAssignment.end_reminded_at.is_(None),
        end_reminded_at=now,
    )
    holders = await active_users(db, {a.user_id for a in due})
    sent = 0
    for assignment in due:
        holder = holders.get(assignment.user_id)
        if holder is None or assignment.ends_at is None:
            continue
        await mail_to(
            db, now, holder, templates.role_ending_soon, assignment.role.value, f"{assignment.ends_at:%B %-d, %Y}"
        )
        sent += 1
    return sent


async def end_roles_at_end_date(db: AsyncSession, now: datetime) -> list[uuid.UUID]:
    """End every role (active or suspended) whose end date has come: ended like a revocation, by nobody, with
    the audit event ROLE_ENDED and a mail to its holder. Returns the ids ended."""
    ended = await claim(
        db,
        RoleAssignment,
        RoleAssignment.status.in_(_IN_FORCE),
        RoleAssignment.ends_at.is_not(None),
        RoleAssignment.ends_at <= now,
        status=RoleStatus.REVOKED,
        ended_at=now,
        suspended_at=None,
        end_reason="Reached its end date.",
    )
    holders = await active_users(db, {a.user_id for a in ended})
    for assignment in ended:
        await record_role_event(
            db,
            at=now,
            action=AuditAction.ROLE_ENDED,
            assignment=assignment,
            details={"endsAt": assignment.ends_at.isoformat() if assignment.ends_at else None},
        )
        holder = holders.get(assignment.user_id)
        if holder is not None:
            await mail_to(db, now, holder, templates.role_ended, assignment.role.value)
    return [a.id for a in ended]
