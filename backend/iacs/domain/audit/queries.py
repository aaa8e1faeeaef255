"""R31: people see the audit events of their scope (help desk: all; SO/BSO: their organizations; all: own)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.audit.models import AuditEvent
from iacs.domain.requests.routing import ApproverRelation, Authority


@dataclass(frozen=True)
class AuditPage:
    rows: Sequence[AuditEvent]
    has_next: bool
    total: int


def audit_scope(authority: Authority) -> ColumnElement[bool]:
    if authority.is_help_desk:
        return AuditEvent.id.is_not(None)
    clauses: list[ColumnElement[bool]] = [
        AuditEvent.subject_user_id == authority.user_id,
        AuditEvent.actor_id == authority.user_id,
    ]
    officials = authority.scoped.get(ApproverRelation.ORGANIZATION_OFFICIALS)
    if officials:
        clauses.append(AuditEvent.organization_id.in_(sorted(officials)))
    return or_(*clauses)


async def audit_events(
    db: AsyncSession,
    authority: Authority,
    *,
    first: int,
    before_id: int | None,
    actions: Sequence[str] | None = None,
    organization_id: uuid.UUID | None = None,
) -> AuditPage:
    """Newest first, keyset on the id; filters narrow the viewer's scope, never widen it."""
    scope = audit_scope(authority)
    if actions:
        scope = and_(scope, AuditEvent.action.in_(list(actions)))
    if organization_id is not None:
        scope = and_(scope, AuditEvent.organization_id == organization_id)
    query = select(AuditEvent).where(scope)
    if before_id is not None:
        query = query.where(AuditEvent.id < before_id)
    rows = (await db.scalars(query.order_by(AuditEvent.id.desc()).limit(first + 1))).all()
    total = await db.scalar(select(func.count()).select_from(AuditEvent).where(scope))
    return AuditPage(rows=rows[:first], has_next=len(rows) > first, total=int(total or 0))
