"""Delegation (R38): an SO, a BSO or a UGA lets a colleague decide their queue for a while ("out of office").

What the delegate may then decide is computed in `requests/routing.py` (`Authority.with_delegated`) from the
running delegations (`delegations/queries.py`), so the queue, `canDecide` and `approvers` agree. Here: naming a
delegate, ending a delegation early, and listing them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.audit.service import AuditAction
from iacs.domain.delegations.models import MAX_DELEGATION_DAYS, Delegation
from iacs.domain.enums import AccountStatus, ErrorCode, Role, RoleStatus
from iacs.domain.errors import DomainError, ErrorCollector
from iacs.domain.groups.models import UserGroup
from iacs.domain.notifications import templates
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.checks import held_in_conflict, holds_active_role
from iacs.domain.requests.routing import DELEGABLE_ROLES
from iacs.domain.requests.service import OFFICIALS, UseCase
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany

# How far ahead a delegation may start: an absence planned within the year.
MAX_START_AHEAD = timedelta(days=365)
# A start a little in the past (a form filled in slowly) is taken as "now".
START_GRACE = timedelta(hours=1)


def _not_allowed(message: str, *field: str) -> DomainError:
    return DomainError.single(ErrorCode.DELEGATION_NOT_ALLOWED, message, field)


def _check_dates(now: datetime, starts_at: datetime, ends_at: datetime) -> datetime:
    """The start to store (a start just past is now); every date error names its field."""
    errors = ErrorCollector()
    for value, name, label in ((starts_at, "startsAt", "The start"), (ends_at, "endsAt", "The end")):
        if value.tzinfo is None or value.utcoffset() is None:
            errors.add(ErrorCode.INVALID_INPUT, f"{label} needs a time zone (for example 2026-12-24T00:00:00Z).", name)
    errors.raise_if_any()
    if starts_at < now - START_GRACE:
        errors.add(ErrorCode.INVALID_INPUT, "The start cannot be in the past.", "startsAt")
    elif starts_at > now + MAX_START_AHEAD:
        errors.add(ErrorCode.INVALID_INPUT, "The start must be within a year from today.", "startsAt")
    if ends_at <= starts_at:
        errors.add(ErrorCode.INVALID_INPUT, "The end must come after the start.", "endsAt")
    errors.raise_if_any()
    start = max(starts_at, now)
    if ends_at <= start:
        raise DomainError.single(ErrorCode.INVALID_INPUT, "The end must be in the future.", ("endsAt",))
    if ends_at - start > timedelta(days=MAX_DELEGATION_DAYS):  # R38
        raise _not_allowed(f"A delegation lasts at most {MAX_DELEGATION_DAYS} days: choose an earlier end.", "endsAt")
    return start


async def _scope_name(uc: UseCase, role: RoleAssignment) -> str:
    if role.user_group_id is not None:
        group = await uc.db.get(UserGroup, role.user_group_id)
        return group.name if group is not None else "the group"
    if role.company_id is not None:
        company = await uc.db.get(SurrogateCompany, role.company_id)
        return company.name if company is not None else "the company"
    org = await uc.db.get(Organization, role.organization_id) if role.organization_id is not None else None
    return org.legal_business_name if org is not None else "the organization"


async def _scope_phrase(uc: UseCase, role: RoleAssignment) -> str:
    """R38: where the role is held, for the delegate's mail: "Clinic", or "the user group Billing of Clinic"."""
    name = await _scope_name(uc, role)
    if role.user_group_id is None:
        return name
    org = await uc.db.get(Organization, role.organization_id) if role.organization_id is not None else None
    return f"the user group {name}" + (f" of {org.legal_business_name}" if org is not None else "")


def _when(moment: datetime) -> str:
    """A moment in a mail, in words: "November 2, 2026 at 09:00 UTC"."""
    return f"{moment.astimezone(UTC):%B %-d, %Y at %H:%M} UTC"


def _in_scope_of(role: RoleAssignment) -> ColumnElement[bool]:
    """R38: a role assignment held in the same scope as `role`: its group for a UGA of a group, its company for a
    company's UGA, else its organization."""
    held = RoleAssignment.__table__.c
    if role.user_group_id is not None:
        return held.user_group_id == role.user_group_id
    if role.company_id is not None:
        return held.company_id == role.company_id
    return held.organization_id == role.organization_id


async def _is_member(uc: UseCase, person: uuid.UUID, role: RoleAssignment) -> bool:
    """R38: who could hold the role: for an SO or BSO a person with a role in the organization, for a UGA of a
    group a person with a role in the group, for a company's UGA a person with a role in the company."""
    return await holds_active_role(uc.db, RoleAssignment.user_id == person, _in_scope_of(role))


async def _r14_conflict(uc: UseCase, person: uuid.UUID, role: RoleAssignment) -> Role | None:
    """R14: a role the delegate holds that may not go with the delegated one in the same organization."""
    if role.organization_id is None:
        return None
    conflicting = [Role.USER_GROUP_ADMINISTRATOR] if role.role in OFFICIALS else sorted(OFFICIALS)
    return await held_in_conflict(uc.db, person, role.organization_id, conflicting)


async def create_delegation(
    uc: UseCase,
    *,
    role_assignment_id: uuid.UUID | None,
    delegate_id: uuid.UUID | None,
    starts_at: datetime,
    ends_at: datetime,
) -> Delegation:
    """R38: the actor lets `delegate_id` decide the queue of one of their own roles from `starts_at` to `ends_at`."""
    # the role: one's own, active (FOR SHARE: a racing revocation waits); the delegate: someone known. Both
    # missing ids are reported at once, before the dates.
    role = (
        await uc.db.execute(
            select(RoleAssignment).where(RoleAssignment.id == role_assignment_id).with_for_update(read=True)
        )
    ).scalar_one_or_none()
    delegate = await uc.db.get(User, delegate_id) if delegate_id is not None else None
    missing = ErrorCollector()
    if role is None or role.user_id != uc.actor.id:
        missing.add(ErrorCode.NOT_FOUND, "You hold no role with this id.", "roleAssignmentId")
    if delegate is None:
        missing.add(ErrorCode.NOT_FOUND, "No person with this id.", "delegateId")
    missing.raise_if_any()
    assert role is not None
    assert delegate is not None
    start = _check_dates(uc.now, starts_at, ends_at)
    if role.status != RoleStatus.ACTIVE:
        raise _not_allowed("This role is not active: only a role in force can be delegated.", "roleAssignmentId")
    if role.role not in DELEGABLE_ROLES or role.application_id is not None:
        raise _not_allowed(
            "Only a Security Official, a Backup Security Official or a User Group Administrator names a delegate.",
            "roleAssignmentId",
        )
    # the delegate: someone else, enabled, who could hold the role, and whom R14 does not keep from it
    if delegate.id == uc.actor.id:
        raise _not_allowed("Name someone else: you already decide your own queue.", "delegateId")
    if delegate.status != AccountStatus.ACTIVE:  # R36
        raise _not_allowed(f"{delegate.name}'s account is disabled: name someone else.", "delegateId")
    scope = await _scope_name(uc, role)
    if not await _is_member(uc, delegate.id, role):
        raise _not_allowed(
            f"{delegate.name} holds no role in {scope}: a delegate must be someone who could hold your role there.",
            "delegateId",
        )
    conflict = await _r14_conflict(uc, delegate.id, role)
    if conflict is not None:  # R14
        raise _not_allowed(
            f"{delegate.name} is {conflict.value.replace('_', ' ').lower()} in this organization and so cannot act "
            f"as {role.role.value.replace('_', ' ').lower()} there (two people are needed).",
            "delegateId",
        )
    overlapping = await uc.db.scalar(
        select(Delegation.id)
        .where(
            Delegation.role_assignment_id == role.id,
            Delegation.delegate_id == delegate.id,
            Delegation.ended_at.is_(None),
            Delegation.starts_at < ends_at,
            Delegation.ends_at > start,
        )
        .limit(1)
    )
    if overlapping is not None:
        raise _not_allowed(f"{delegate.name} is already your delegate for this role at that time.", "delegateId")
    delegation = Delegation(
        delegator_id=uc.actor.id,
        delegate_id=delegate.id,
        role_assignment_id=role.id,
        starts_at=start,
        ends_at=ends_at,
        created_at=uc.now,
    )
    uc.db.add(delegation)
    await uc.db.flush()
    await uc.record(
        AuditAction.DELEGATION_CREATED,
        subject_user_id=delegate.id,
        organization_id=role.organization_id,
        role_assignment_id=role.id,
        ip_address=uc.actor.ip_address,
        details={
            "delegate": delegate.name,
            "role": role.role.value,
            "startsAt": start.isoformat(),
            "endsAt": ends_at.isoformat(),
        },
    )
    # R38, R32: the delegate is told, in the same transaction (a refused or rolled-back delegation mails nobody)
    await uc.mail(
        delegate,
        templates.delegation_created,
        uc.actor.user.name,
        role.role.value,
        await _scope_phrase(uc, role),
        _when(start),
        _when(ends_at),
    )
    return delegation


async def end_delegation(uc: UseCase, delegation_id: uuid.UUID | None) -> Delegation:
    """R38: the delegator (or the help desk) ends a delegation before its end date; from then on it counts no more."""
    delegation = (
        await uc.db.execute(select(Delegation).where(Delegation.id == delegation_id).with_for_update())
    ).scalar_one_or_none()
    if delegation is None or not may_view_delegation(uc.actor.id, uc.actor.authority.is_help_desk, delegation):
        raise DomainError.single(ErrorCode.NOT_FOUND, "No delegation with this id.", ("id",))
    if delegation.delegator_id != uc.actor.id and not uc.actor.authority.is_help_desk:
        raise DomainError.single(ErrorCode.FORBIDDEN, "Only the person who named the delegate can end it.", ("id",))
    if delegation.ended_at is not None or delegation.ends_at <= uc.now:
        raise _not_allowed("This delegation has already ended.", "id")
    await uc.db.execute(
        update(Delegation)
        .where(Delegation.id == delegation.id)
        .values(ended_at=uc.now, ended_by_id=uc.actor.id)
        .execution_options(synchronize_session=False)
    )
    await uc.db.refresh(delegation)
    role = await uc.db.get(RoleAssignment, delegation.role_assignment_id)
    await uc.record(
        AuditAction.DELEGATION_ENDED,
        subject_user_id=delegation.delegate_id,
        organization_id=role.organization_id if role is not None else None,
        role_assignment_id=delegation.role_assignment_id,
        ip_address=uc.actor.ip_address,
        details={"delegator": str(delegation.delegator_id)},
    )
    return delegation


def may_view_delegation(viewer_id: uuid.UUID, help_desk: bool, delegation: Delegation) -> bool:
    """Its delegator, its delegate and the help desk (docs/visibility.md)."""
    return help_desk or viewer_id in (delegation.delegator_id, delegation.delegate_id)


async def delegations_of(db: AsyncSession, user_id: uuid.UUID) -> list[Delegation]:
    """Every delegation the person named or received, the latest first (at most 200)."""
    rows = await db.scalars(
        select(Delegation)
        .where(or_(Delegation.delegator_id == user_id, Delegation.delegate_id == user_id))
        .order_by(Delegation.starts_at.desc(), Delegation.id)
        .limit(200)
    )
    return list(rows.all())


async def delegate_candidates(db: AsyncSession, role: RoleAssignment) -> list[User]:
    """R38: whom the role's holder may name: enabled people with an active role in its scope (the organization;
    for a UGA the group or the company), not the holder, and none R14 keeps from it; by name, at most 100."""
    if role.role not in DELEGABLE_ROLES or role.application_id is not None or role.status != RoleStatus.ACTIVE:
        return []
    held = RoleAssignment.__table__.c
    scope = _in_scope_of(role)
    conflicting = [Role.USER_GROUP_ADMINISTRATOR] if role.role in OFFICIALS else sorted(OFFICIALS)
    other = RoleAssignment.__table__.alias("conflicting")
    members = select(held.user_id).where(held.status == RoleStatus.ACTIVE, scope)
    rows = await db.scalars(
        select(User)
        .where(
            User.id.in_(members),
            User.id != role.user_id,
            User.status == AccountStatus.ACTIVE,
            ~select(other.c.id)
            .where(
                other.c.user_id == User.id,
                other.c.organization_id == role.organization_id,
                other.c.role.in_(conflicting),
                other.c.status == RoleStatus.ACTIVE,
                other.c.application_id.is_(None),
            )
            .exists(),
        )
        .order_by(User.name, User.id)
        .limit(100)
    )
    return list(rows.all())
