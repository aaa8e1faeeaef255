"""Requests: ending a role (R29): whoever may approve a role may revoke it, with a reason; the holder may give it
up; the officials are told when a group is left with no administrator."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from iacs.domain.accounts.models import User
from iacs.domain.audit.service import AuditAction
from iacs.domain.enums import AccountStatus, ErrorCode, Role, RoleStatus
from iacs.domain.errors import DomainError, ErrorCollector
from iacs.domain.groups.models import UserGroup
from iacs.domain.notifications import templates
from iacs.domain.requests.actors import UseCase, visible_role
from iacs.domain.requests.checks import _not_found
from iacs.domain.requests.routing import HeldRole, may_revoke, power_clause
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.validation import clean_text


async def _end_role(uc: UseCase, assignment: RoleAssignment, reason: str) -> None:
    assignment.status = RoleStatus.REVOKED
    assignment.ended_at = uc.now
    assignment.ended_by_id = uc.actor.id
    assignment.end_reason = reason
    await uc.db.flush()
    await uc.record_role_event(AuditAction.ROLE_REVOKED, assignment, {"reason": reason})


async def revoke_role(uc: UseCase, role_assignment_id: uuid.UUID | None, reason: str) -> RoleAssignment:
    """R29: whoever may approve a role may revoke it, with a reason; the holder may give it up."""
    errors = ErrorCollector()
    cleaned = clean_text(errors, reason, "reason", label="Reason", max_length=2000)
    errors.raise_if_any()
    assignment = (
        (
            await uc.db.scalars(select(RoleAssignment).where(RoleAssignment.id == role_assignment_id).with_for_update())
        ).one_or_none()
        if role_assignment_id is not None
        else None
    )
    if assignment is None or not await visible_role(uc, assignment):
        raise DomainError(_not_found("role assignment", "roleAssignmentId"))
    own = assignment.user_id == uc.actor.id
    if not (own or may_revoke(uc.actor.authority, HeldRole.of(assignment))):
        raise DomainError.single(
            ErrorCode.FORBIDDEN,
            "Only someone who may approve this role, or its holder, may end it.",  # R29
            ("roleAssignmentId",),
        )
    if assignment.status != RoleStatus.ACTIVE:
        raise DomainError.single(ErrorCode.ALREADY_DECIDED, "This role has already ended.", ("roleAssignmentId",))
    await _end_role(uc, assignment, cleaned)
    holder = await uc.db.get(User, assignment.user_id)
    if holder is not None and holder.status == AccountStatus.ACTIVE and not own:
        await uc.mail(holder, templates.role_revoked, assignment.role.value, uc.actor.user.name, cleaned)
    await _warn_if_orphaned(uc, assignment)
    return assignment


async def _warn_if_orphaned(uc: UseCase, ended: RoleAssignment) -> None:
    """R29: the last UGA of a group left: the organization's officials are told to name another."""
    if ended.role != Role.USER_GROUP_ADMINISTRATOR or ended.user_group_id is None or ended.application_id is not None:
        return
    remaining = await uc.db.scalar(
        select(RoleAssignment.id)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.user_group_id == ended.user_group_id,
            RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
            RoleAssignment.application_id.is_(None),
            RoleAssignment.status == RoleStatus.ACTIVE,
            power_clause(),  # R36
        )
        .limit(1)
    )
    group = await uc.db.get(UserGroup, ended.user_group_id)
    if remaining is not None or group is None:
        return
    officials = (
        await uc.db.scalars(
            select(User)
            .join(RoleAssignment, RoleAssignment.user_id == User.id)
            .where(
                RoleAssignment.organization_id == group.organization_id,
                RoleAssignment.role.in_([Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL]),
                RoleAssignment.status == RoleStatus.ACTIVE,
                power_clause(),  # R36
            )
        )
    ).all()
    for official in officials:
        await uc.mail(official, templates.group_orphaned, group.name)
