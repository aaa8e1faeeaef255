"""R39: a request nobody can decide, or that waited too long, goes one level up.

The levels are routing.py's (`escalation_of`): a group's UGAs -> the organization's officials (in a practice,
the practitioner) -> the help desk. An escalation adds the level above to the relations that decide the
request (`AccessRequest.escalated_relations`); those below keep the right. Each level is added once. Whether
anyone can decide is asked of `approvers_by_request`, the very derivation the `approvers` field shows, so
disabled accounts (R36) and anything else that derivation knows count the same here.

`escalate_request` is the one place an escalation happens: the audit event it records (REQUEST_ESCALATED) is
also what other parts (webhooks) listen to.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.audit.service import AuditAction, about_request, record
from iacs.domain.enums import OrganizationKind, OrganizationStatus, RequestStatus, RoleStatus
from iacs.domain.notifications import templates
from iacs.domain.notifications.service import mail_to
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import (
    RELATIONS,
    ApproverRelation,
    escalation_of,
    power_clause,
    request_relations,
)
from iacs.domain.requests.service import approvers_by_request, notify_queue
from iacs.domain.roles.models import RoleAssignment

ESCALATE_AFTER = timedelta(days=14)  # R39: waiting this long at one level sends a request one level up
BATCH = 500  # requests looked at per statement


class EscalationCause(enum.StrEnum):
    NO_APPROVER = "NO_APPROVER"  # nobody at any level so far may decide it now
    WAITED = "WAITED"  # it waited ESCALATE_AFTER since it was submitted or last escalated


async def _practice(db: AsyncSession, request: AccessRequest) -> bool:
    if request.organization_id is None:
        return False
    kind = await db.scalar(select(Organization.kind).where(Organization.id == request.organization_id))
    return kind == OrganizationKind.INDIVIDUAL_PRACTITIONER


async def escalate_request(
    db: AsyncSession, now: datetime, request: AccessRequest, cause: EscalationCause
) -> ApproverRelation | None:
    """R39: add the level above the request's top level to those who decide it, record it, tell the people who
    may now decide it and were not able to before, and update live queues. None when there is no level above
    (the help desk) or it was added already. The caller holds the request's row lock and commits."""
    relations = request_relations(request)
    above = escalation_of(relations[-1], practice=await _practice(db, request))
    if above is None or above in relations:
        return None
    before = {user.id for user in (await approvers_by_request(db, [request])).get(request.id, [])}
    request.escalated_relations = [*request.escalated_relations, above.value]
    request.escalated_at = now
    await db.flush()
    await record(
        db,
        at=now,
        action=AuditAction.REQUEST_ESCALATED,
        **about_request(request),
        details={
            "kind": request.kind.value,
            "trackingNumber": request.tracking_number,
            "to": above.value,
            "cause": cause.value,
        },
    )
    await notify_queue(db, request.id)
    requester = await db.get(User, request.requester_id)
    waited = (now - request.created_at).days
    for approver in (await approvers_by_request(db, [request])).get(request.id, []):
        if approver.id in before:
            continue
        await mail_to(
            db,
            now,
            approver,
            templates.request_escalated,
            requester.name if requester is not None else "Someone",
            request.kind.value,
            request.tracking_number,
            waited,
            cause == EscalationCause.NO_APPROVER,
        )
    return above


def _top_relation() -> ColumnElement[str]:
    """The request's top level in SQL: the last relation it was escalated to, or the one it was routed to."""
    requests = AccessRequest.__table__.c
    return func.coalesce(
        requests.escalated_relations[func.cardinality(requests.escalated_relations)], requests.approver_relation
    )


def _may_lack_approver(level: ColumnElement[str] | None = None) -> ColumnElement[bool]:
    """A cheap necessary condition for "nobody may decide it": nobody but the requester holds an active role of
    `level`'s relation (by default the top level's) in the request's scope. Everything it lets through is then asked of
    `approvers_by_request` (the real derivation); what it keeps out certainly has an approver."""
    requests = AccessRequest.__table__.c
    held = RoleAssignment.__table__.c
    users = User.__table__.c
    top = _top_relation() if level is None else level
    branches: list[ColumnElement[bool]] = []
    for relation, rule in RELATIONS.items():
        shape = [held.role.in_(sorted(rule.roles)), top == relation.value]
        if rule.scope is not None:
            shape.append(held[rule.scope] == requests[rule.scope])
        if rule.company_level or rule.scope == "organization_id":
            shape.append(held.user_group_id.is_(None))
        branches.append(and_(*shape))
    holder = exists().where(
        held.user_id == users.id,
        held.status == RoleStatus.ACTIVE,
        held.application_id.is_(None),
        held.user_id != requests.requester_id,
        power_clause(),
        or_(*branches) if branches else false(),
    )
    return ~holder


async def _candidates(db: AsyncSession, now: datetime, after: uuid.UUID | None) -> Sequence[AccessRequest]:
    requests = AccessRequest.__table__.c
    query = (
        select(AccessRequest)
        .where(
            AccessRequest.status == RequestStatus.PENDING,
            AccessRequest.expires_at > now,
            _top_relation() != ApproverRelation.HELP_DESK.value,
            or_(
                func.coalesce(requests.escalated_at, requests.created_at) <= now - ESCALATE_AFTER,
                _may_lack_approver(),
            ),
        )
        .order_by(AccessRequest.id)
        .limit(BATCH)
        .with_for_update(skip_locked=True)  # a decision under way goes first; the next run looks again
    )
    if after is not None:
        query = query.where(AccessRequest.id > after)
    return (await db.scalars(query)).all()


async def escalate_due(db: AsyncSession, now: datetime) -> list[uuid.UUID]:
    """R39 for the job runner: every pending request that nobody may decide goes up until someone may (or it
    reaches the help desk); one that waited 14 days at its level goes up one level. Returns the ids escalated."""
    escalated: list[uuid.UUID] = []
    after: uuid.UUID | None = None
    while True:
        batch = await _candidates(db, now, after)
        if not batch:
            return escalated
        after = batch[-1].id
        approvers = await approvers_by_request(db, batch)
        for request in batch:
            waited = (request.escalated_at or request.created_at) <= now - ESCALATE_AFTER
            if approvers.get(request.id):
                if waited and await escalate_request(db, now, request, EscalationCause.WAITED) is not None:
                    escalated.append(request.id)
                continue
            # nobody may decide it: up, level by level, until someone may
            while await escalate_request(db, now, request, EscalationCause.NO_APPROVER) is not None:
                if request.id not in escalated:
                    escalated.append(request.id)
                if (await approvers_by_request(db, [request])).get(request.id):
                    break
        if len(batch) < BATCH:
            return escalated


MAX_STALLED = 200


async def stalled_organizations(db: AsyncSession) -> list[Organization]:
    """For the help desk's console: approved organizations with a pending request that none of the people who
    would decide it there (the levels below the help desk) can decide now - their queue nobody can work; by name,
    at most 200. Asked of `approvers_by_request`, as escalation does (R39; disabled accounts count for nothing)."""
    requests = AccessRequest.__table__.c
    candidates = (
        await db.scalars(
            select(AccessRequest)
            .where(
                AccessRequest.status == RequestStatus.PENDING,
                AccessRequest.organization_id.is_not(None),
                AccessRequest.approver_relation != ApproverRelation.HELP_DESK.value,
                _may_lack_approver(requests.approver_relation),
            )
            .order_by(AccessRequest.id)
            .limit(BATCH * 4)
        )
    ).all()
    # the same requests as if never passed to the help desk: who of the organization's own levels can decide them
    own_levels = [
        SimpleNamespace(
            id=r.id,
            requester_id=r.requester_id,
            organization_id=r.organization_id,
            user_group_id=r.user_group_id,
            company_id=r.company_id,
            approver_relation=r.approver_relation,
            escalated_relations=[x for x in r.escalated_relations if x != ApproverRelation.HELP_DESK.value],
        )
        for r in candidates
    ]
    approvers = await approvers_by_request(db, own_levels)
    stalled = {r.organization_id for r in own_levels if not approvers.get(r.id)}
    if not stalled:
        return []
    rows = await db.scalars(
        select(Organization)
        .where(Organization.id.in_(sorted(stalled)), Organization.status == OrganizationStatus.APPROVED)
        .order_by(Organization.legal_business_name, Organization.id)
        .limit(MAX_STALLED)
    )
    return list(rows.all())
