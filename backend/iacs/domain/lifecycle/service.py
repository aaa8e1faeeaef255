"""Keeping access healthy over time: expiry and reminders (R27), certification and suspension (R30).

`run_due_jobs` does everything that is due at `now`, in one transaction (each job in a savepoint of its own, so
that one failing job does not undo the others), and is safe to run from several processes at once: a
transaction-level advisory lock lets one runner work and the others skip.
"""

from __future__ import annotations

import copy
import logging
import uuid
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import and_, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.errors import session_lost
from iacs.domain.accounts.models import User
from iacs.domain.audit.service import AuditAction, about_request, record, record_role_event
from iacs.domain.enums import ErrorCode, RequestStatus, RoleStatus
from iacs.domain.errors import DomainError, FieldError, flush_refusing
from iacs.domain.lifecycle.claims import active_users, claim
from iacs.domain.lifecycle.end_dates import end_roles_at_end_date, remind_ending_roles
from iacs.domain.lifecycle.escalation import escalate_due, next_share
from iacs.domain.notifications import templates
from iacs.domain.notifications.service import mail_to
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import Authority, HeldRole, may_certify, role_approval_filter
from iacs.domain.requests.service import (
    CERTIFICATION_PERIOD,
    R14_TRIGGER,
    UseCase,
    approvers_by_request,
    approvers_by_role,
    close_registration,
    lock_person_in_organization,
    notify_queue,
    r14_conflict,
    visible_role,
)
from iacs.domain.roles.models import RoleAssignment

logger = logging.getLogger(__name__)
T = TypeVar("T")

JOBS_LOCK_KEY = 727_001  # pg advisory lock: one job runner at a time across processes
REMIND_AFTER = timedelta(days=7)  # R27
CERTIFICATION_REMINDERS = (timedelta(days=30), timedelta(days=7))  # R30
MAX_BULK_CERTIFICATIONS = 100


@dataclass
class JobReport:
    ran: bool = True
    expired: int = 0
    reminded: int = 0
    certification_reminders: int = 0
    suspended: int = 0
    expired_ids: list[uuid.UUID] = field(default_factory=list)
    escalated_ids: list[uuid.UUID] = field(default_factory=list)  # R39
    end_reminders: int = 0  # R40
    ended_ids: list[uuid.UUID] = field(default_factory=list)  # R40
    failed: list[str] = field(default_factory=list)  # the jobs that failed this run (their work undone, logged)


async def run_due_jobs(db: AsyncSession, now: datetime) -> JobReport:
    """Everything due at `now`; the caller commits. Returns ran=False when another runner holds the lock."""
    if not await db.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": JOBS_LOCK_KEY}):
        return JobReport(ran=False)
    report = JobReport()
    await _apart(db, report, "expiry", _expire_requests(db, now, report))
    await _apart(db, report, "approver reminders", _remind_approvers(db, now, report))
    await _apart(db, report, "certification reminders", _remind_certifiers(db, now, report))
    await _apart(db, report, "suspension", _suspend_uncertified(db, now, report))
    # R40, before escalation: an ended role decides nothing
    report.ended_ids = await _apart(db, report, "end dates", end_roles_at_end_date(db, now)) or []
    report.end_reminders = await _apart(db, report, "end reminders", remind_ending_roles(db, now)) or 0
    # R39: the share moves on first, in a step of its own, so a share that fails does not hold up the others
    share = await _apart(db, report, "escalation (its next share)", next_share(db))
    if share is not None:
        report.escalated_ids = await _apart(db, report, "escalation", escalate_due(db, now, share)) or []
    return report


async def _apart(db: AsyncSession, report: JobReport, name: str, job: Coroutine[Any, Any, T]) -> T | None:
    """One job in a savepoint of its own: when it fails (a statement timeout, a bad row), its work is undone and
    logged, and the other jobs' work is still committed: one failing job must not stop roles from ending at their
    end date (R40) or uncertified roles from being suspended (R30). It is tried again at the next run."""
    before = copy.deepcopy(report)
    try:
        async with db.begin_nested():
            return await job
    except Exception as error:  # any failure of one job; the runner goes on with the others
        if session_lost(error):  # no other job could run either: the whole run fails, and is tried again
            raise
        logger.exception("jobs: %s failed; the other jobs' work stands, this one runs again next time", name)
        vars(report).update(vars(before))  # what it counted was undone with its work
        report.failed.append(name)
        return None


async def _expire_requests(db: AsyncSession, now: datetime, report: JobReport) -> None:
    expired = await claim(
        db,
        AccessRequest,
        AccessRequest.status == RequestStatus.PENDING,
        AccessRequest.expires_at <= now,
        status=RequestStatus.EXPIRED,
        decided_at=now,
    )
    requesters = await active_users(db, {r.requester_id for r in expired})
    for request in expired:
        await close_registration(db, now, request)
        await record(db, at=now, action=AuditAction.REQUEST_EXPIRED, **about_request(request))
        requester = requesters.get(request.requester_id)
        if requester is not None:
            await mail_to(db, now, requester, templates.request_expired, request.kind.value, request.tracking_number)
        await notify_queue(db, request.id)
        report.expired += 1
        report.expired_ids.append(request.id)


async def _remind_approvers(db: AsyncSession, now: datetime, report: JobReport) -> None:
    waiting = await claim(
        db,
        AccessRequest,
        AccessRequest.status == RequestStatus.PENDING,
        AccessRequest.reminded_at.is_(None),
        AccessRequest.created_at <= now - REMIND_AFTER,
        reminded_at=now,
    )
    if not waiting:
        return
    approvers = await approvers_by_request(db, waiting)
    requesters = await active_users(db, {r.requester_id for r in waiting})
    for request in waiting:
        requester = requesters.get(request.requester_id)
        days_left = max(0, (request.expires_at - now).days)
        for approver in approvers.get(request.id, []):
            await mail_to(
                db,
                now,
                approver,
                templates.request_reminder,
                requester.name if requester else "Someone",
                request.kind.value,
                request.tracking_number,
                days_left,
            )
            report.reminded += 1


async def _remind_certifiers(db: AsyncSession, now: datetime, report: JobReport) -> None:
    for index, before in enumerate(CERTIFICATION_REMINDERS, start=1):
        due = await claim(
            db,
            RoleAssignment,
            RoleAssignment.status == RoleStatus.ACTIVE,
            RoleAssignment.certify_by.is_not(None),
            RoleAssignment.certify_by <= now + before,
            RoleAssignment.certify_by > now,
            RoleAssignment.certification_reminders < index,
            certification_reminders=index,
        )
        if not due:
            continue
        certifiers = await approvers_by_role(db, due)
        holders = await active_users(db, {a.user_id for a in due})
        for assignment in due:
            holder = holders.get(assignment.user_id)
            assert assignment.certify_by is not None
            days_left = max(1, (assignment.certify_by - now).days)
            for certifier in certifiers.get(assignment.id, []):
                await mail_to(
                    db,
                    now,
                    certifier,
                    templates.certification_due,
                    holder.name if holder else "Someone",
                    assignment.role.value,
                    days_left,
                )
                report.certification_reminders += 1


async def _suspend_uncertified(db: AsyncSession, now: datetime, report: JobReport) -> None:
    """R30: not certified by the due date: suspended, not deleted; certifying restores it."""
    suspended = await claim(
        db,
        RoleAssignment,
        RoleAssignment.status == RoleStatus.ACTIVE,
        RoleAssignment.certify_by.is_not(None),
        RoleAssignment.certify_by <= now,
        status=RoleStatus.SUSPENDED,
        suspended_at=now,
    )
    holders = await active_users(db, {a.user_id for a in suspended})
    for assignment in suspended:
        await record_role_event(db, at=now, action=AuditAction.ROLE_SUSPENDED, assignment=assignment)
        holder = holders.get(assignment.user_id)
        if holder is not None:
            await mail_to(db, now, holder, templates.role_suspended, assignment.role.value)
        report.suspended += 1


# --- certifying (R30) -----------------------------------------------------------------------------------


async def certify(uc: UseCase, role_assignment_id: uuid.UUID | None, field_path: tuple[str, ...]) -> RoleAssignment:
    """Certify a role for another year; a suspended one is restored. Whoever may approve it may certify it."""
    not_found = FieldError(ErrorCode.NOT_FOUND, "No role assignment with this id.", field_path)
    if role_assignment_id is None:
        raise DomainError(not_found)
    # R14: the holder's lock in the organization first (as an approval takes it before any role row), then the row
    scope = (
        await uc.db.execute(
            select(RoleAssignment.user_id, RoleAssignment.organization_id).where(
                RoleAssignment.id == role_assignment_id
            )
        )
    ).one_or_none()
    if scope is not None and scope.organization_id is not None:
        await lock_person_in_organization(uc.db, scope.user_id, scope.organization_id)
    assignment = (
        await uc.db.scalars(select(RoleAssignment).where(RoleAssignment.id == role_assignment_id).with_for_update())
    ).one_or_none()
    if assignment is None or not await visible_role(uc, assignment):
        raise DomainError(not_found)
    if assignment.user_id == uc.actor.id:
        # as R15
        raise DomainError.single(ErrorCode.SELF_DECISION_FORBIDDEN, "Nobody certifies their own role.", field_path)
    if not may_certify(uc.actor.authority, HeldRole.of(assignment)):
        # R30
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "Only someone who may approve this role may certify it.", field_path
        )
    if assignment.status == RoleStatus.REVOKED:
        raise DomainError.single(ErrorCode.ALREADY_DECIDED, "This role has ended; it cannot be certified.", field_path)
    await _refuse_r14_conflict(uc, assignment, field_path)
    restoring = assignment.status == RoleStatus.SUSPENDED
    assignment.status = RoleStatus.ACTIVE
    assignment.suspended_at = None
    assignment.certify_by = uc.now + CERTIFICATION_PERIOD
    assignment.certification_reminders = 0
    assignment.certified_at = uc.now
    assignment.certified_by_id = uc.actor.id
    await flush_refusing(  # restoring would give a second active SO, or a role held again meanwhile
        uc.db,
        {  # the database's R14 rule (the lock makes this unreachable)
            R14_TRIGGER: FieldError(
                ErrorCode.ROLE_CONFLICT,
                "The person holds a role in this organization that cannot go with this one; it cannot be restored.",
                field_path,
            )
        },
        FieldError(
            ErrorCode.ALREADY_HOLDS_ROLE,
            "The person holds this role again already, or the "
            "organization has a new Security Official; it cannot be restored.",
            field_path,
        ),
    )
    await uc.record_role_event(
        AuditAction.ROLE_CERTIFIED, assignment, {"restored": restoring, "certifyBy": assignment.certify_by.isoformat()}
    )
    return assignment


async def _refuse_r14_conflict(uc: UseCase, assignment: RoleAssignment, field_path: tuple[str, ...]) -> None:
    """R14 at certification: restoring a suspended role must not give someone SO or BSO and UGA in one
    organization (they may have become the other while this one was suspended). Under the pair's lock."""
    if assignment.organization_id is None or assignment.application_id is not None:
        return
    held = await r14_conflict(uc.db, assignment.user_id, assignment.organization_id, [assignment.role])
    if held is None:
        return
    holder = await uc.db.get(User, assignment.user_id)
    assert holder is not None
    raise DomainError.single(
        ErrorCode.ROLE_CONFLICT,
        f"{holder.name} is now {held.value.replace('_', ' ').lower()} in this organization; the same person cannot "
        f"also be {assignment.role.value.replace('_', ' ').lower()} there, so this role cannot be restored. End "
        "it instead.",
        field_path,
    )


@dataclass(frozen=True)
class CertificationPage:
    rows: Sequence[RoleAssignment]
    has_next: bool
    total: int


CERTIFY_WINDOW = CERTIFICATION_REMINDERS[0]


async def certification_queue(
    db: AsyncSession, authority: Authority, now: datetime, *, first: int, after: tuple[datetime, uuid.UUID] | None
) -> CertificationPage:
    """R30: roles the person may certify that are due within 30 days, or already suspended; soonest first."""
    conditions = [
        role_approval_filter(authority),
        RoleAssignment.certify_by.is_not(None),
        (RoleAssignment.status == RoleStatus.SUSPENDED)
        | and_(RoleAssignment.status == RoleStatus.ACTIVE, RoleAssignment.certify_by <= now + CERTIFY_WINDOW),
    ]
    query = select(RoleAssignment).where(*conditions)
    if after is not None:
        query = query.where(func.row(RoleAssignment.certify_by, RoleAssignment.id) > func.row(after[0], after[1]))
    rows = (await db.scalars(query.order_by(RoleAssignment.certify_by, RoleAssignment.id).limit(first + 1))).all()
    total = await db.scalar(select(func.count()).select_from(RoleAssignment).where(*conditions))
    return CertificationPage(rows=rows[:first], has_next=len(rows) > first, total=int(total or 0))
