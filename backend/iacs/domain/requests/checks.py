"""Requests: what a request is about (an organization, a group), checked for submission and decision alike
(R2, R7, R19), and R14 (nobody holds SO or BSO and also UGA in one organization), checked under a lock."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.enums import COMMUNITY_NAMES, ErrorCode, OrganizationKind, OrganizationStatus, Role, RoleStatus
from iacs.domain.errors import DomainError, FieldError
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.actors import Actor
from iacs.domain.requests.routing import power_clause
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany


async def holds_active_role(db: AsyncSession, *conditions: ColumnElement[bool], lock: bool = False) -> bool:
    """Whether an active role assignment meets `conditions`; `lock` share-locks the one found until the transaction
    ends, so that it cannot end while the caller's change depends on it."""
    statement = select(RoleAssignment.id).where(*conditions, RoleAssignment.status == RoleStatus.ACTIVE).limit(1)
    return await db.scalar(statement.with_for_update(read=True) if lock else statement) is not None


async def group_has_application(
    db: AsyncSession, user_group_id: uuid.UUID | None, application_id: uuid.UUID | None, *, lock: bool = False
) -> bool:
    """R23: a group has an application while a User Group Administrator of the group holds it for the group."""
    return await holds_active_role(
        db,
        RoleAssignment.user_group_id == user_group_id,
        RoleAssignment.application_id == application_id,
        RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
        lock=lock,
    )


def _not_found(what: str, *field_path: str) -> FieldError:
    return FieldError(ErrorCode.NOT_FOUND, f"No {what} with this id.", tuple(field_path) or None)


async def _organization(db: AsyncSession, org_id: uuid.UUID | None, *field_path: str) -> Organization:
    org = await db.get(Organization, org_id) if org_id is not None else None
    if org is None:
        raise DomainError(_not_found("organization", *field_path))
    return org


async def _has_active_official(db: AsyncSession, org: Organization) -> bool:
    role = (
        Role.INDIVIDUAL_PRACTITIONER
        if org.kind == OrganizationKind.INDIVIDUAL_PRACTITIONER
        else (Role.SECURITY_OFFICIAL)
    )
    found = await db.scalar(
        select(RoleAssignment.id)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.organization_id == org.id,
            RoleAssignment.role == role,
            RoleAssignment.status == RoleStatus.ACTIVE,
            power_clause(),  # R36: a disabled SO is no official (the organization is orphaned, R37)
        )
        .limit(1)
    )
    return found is not None


async def _usable_organization(
    db: AsyncSession, actor: Actor, org_id: uuid.UUID | None, *field_path: str
) -> Organization:
    """R7, R19: approved, with an active Security Official; R2: of the actor's community."""
    org = await _organization(db, org_id, *field_path)
    if org.status != OrganizationStatus.APPROVED or not await _has_active_official(db, org):
        # A pending or denied organization's name is not public (only approved ones are listed): a stranger
        # holding its id learns nothing from this answer (issue 12, finding 10).
        name = org.legal_business_name if org.status == OrganizationStatus.APPROVED else "This organization"
        raise DomainError.single(
            ErrorCode.ORGANIZATION_NOT_APPROVED,
            f"{name} is not approved in IACS yet (or has no Security Official). "
            "Contact the organization and ask its Security Official to complete the registration.",
            tuple(field_path) or None,
        )
    if org.community != actor.user.community:
        raise DomainError.single(
            ErrorCode.COMMUNITY_MISMATCH,
            f"{org.legal_business_name} belongs to the {COMMUNITY_NAMES[org.community]} community, and you to "
            f"the {COMMUNITY_NAMES[actor.user.community]} community: people act only in their own community.",
            tuple(field_path) or None,
        )
    return org


async def _group(db: AsyncSession, group_id: uuid.UUID | None, *field_path: str) -> UserGroup:
    group = await db.get(UserGroup, group_id) if group_id is not None else None
    if group is None:
        raise DomainError(_not_found("user group", *field_path))
    return group


async def _company(db: AsyncSession, company_id: uuid.UUID | None, *field_path: str) -> SurrogateCompany:
    company = await db.get(SurrogateCompany, company_id) if company_id is not None else None
    if company is None:
        raise DomainError(_not_found("company", *field_path))
    return company


def _role_conflict(actor: Actor, org_id: uuid.UUID, asking: Role) -> FieldError | None:
    """R14: nobody holds SO or BSO and also UGA in the same organization."""
    officials = {Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL}
    conflicting = {Role.USER_GROUP_ADMINISTRATOR} if asking in officials else officials
    for held in actor.roles:
        if held.organization_id == org_id and held.role in conflicting and held.application_id is None:
            return FieldError(
                ErrorCode.ROLE_CONFLICT,
                f"You are {held.role.value.replace('_', ' ').lower()} in this organization; the same person "
                f"cannot also be {asking.value.replace('_', ' ').lower()} there (two people are needed).",
            )
    return None


OFFICIALS = frozenset({Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL})


R14_TRIGGER = "role_assignments_r14"  # the database's own R14 rule (migration 0005), named in its error


def _r14_conflicting(role: Role) -> frozenset[Role]:
    """R14: the roles nobody may hold in the same organization together with `role`."""
    if role in OFFICIALS:
        return frozenset({Role.USER_GROUP_ADMINISTRATOR})
    if role == Role.USER_GROUP_ADMINISTRATOR:
        return OFFICIALS
    return frozenset()


def _words(role: Role) -> str:
    return role.value.replace("_", " ").lower()


async def lock_person_in_organization(db: AsyncSession, user_id: uuid.UUID, organization_id: uuid.UUID) -> None:
    """R14: serialize every grant and restoration of one person's roles in one organization until commit.

    A transaction-level advisory lock on the pair (the same one the database's R14 trigger takes), so that of
    two approvals or restorations racing for the same person and organization the second waits for the first
    to commit and then sees its role. Take it before writing any role row of the transaction."""
    await db.execute(select(func.lock_person_in_organization(user_id, organization_id)))


async def r14_conflict(
    db: AsyncSession, user_id: uuid.UUID, organization_id: uuid.UUID, roles: Iterable[Role]
) -> Role | None:
    """R14, under the pair's lock: a role the person holds in the organization that may not go with `roles`."""
    conflicting: set[Role] = set()
    for role in roles:
        conflicting |= _r14_conflicting(role)
    if not conflicting:
        return None
    await lock_person_in_organization(db, user_id, organization_id)
    return await held_in_conflict(db, user_id, organization_id, conflicting)


async def held_in_conflict(
    db: AsyncSession, user_id: uuid.UUID, organization_id: uuid.UUID, conflicting: Iterable[Role]
) -> Role | None:
    """R14: a role among `conflicting` that the person holds in the organization now (not an application's), the
    first in the enum's order (PostgreSQL sorts an enum type's values in the order they were declared)."""
    return await db.scalar(
        select(RoleAssignment.role)
        .where(
            RoleAssignment.user_id == user_id,
            RoleAssignment.organization_id == organization_id,
            RoleAssignment.role.in_(sorted(conflicting)),
            RoleAssignment.status == RoleStatus.ACTIVE,
            RoleAssignment.application_id.is_(None),
        )
        .order_by(RoleAssignment.role)
        .limit(1)
    )
