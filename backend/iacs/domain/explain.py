"""Explain why: the chain of authority behind a role, what a person may decide and why, and what their
leaving would break. Everything is read from the graph and its history (requests, decisions, roles).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from iacs.db.rows import RoleColumns
from iacs.domain.accounts.models import User
from iacs.domain.enums import AccountStatus, RequestKind, RequestStatus, Role, RoleStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import (
    RELATIONS,
    ApproverRelation,
    Authority,
    HeldRole,
    kinds_decided_by,
    power_clause,
    request_relations,
)
from iacs.domain.requests.service import approvers_by_request
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany

MAX_CHAIN = 12


@dataclass(frozen=True)
class GrantStep:
    """One link: `assignment` was granted by approving `request`, on the authority of `approver_assignment`."""

    assignment: RoleAssignment
    request: AccessRequest | None
    approver_assignment: RoleAssignment | None
    reason: str  # how this link holds, in words


def _held_at(assignment: RoleAssignment, moment: datetime) -> bool:
    if assignment.granted_at > moment:
        return False
    return assignment.ended_at is None or assignment.ended_at > moment


async def grant_chain(db: AsyncSession, assignment: RoleAssignment) -> list[GrantStep]:
    """From a role back to the help desk: who approved it, in which request, on what authority (R24, R31)."""
    steps: list[GrantStep] = []
    current: RoleAssignment | None = assignment
    seen: set[uuid.UUID] = set()
    while current is not None and current.id not in seen and len(steps) < MAX_CHAIN:
        seen.add(current.id)
        if current.role == Role.HELP_DESK:
            # R33: created with the command line, never by a request
            steps.append(GrantStep(current, None, None, "Help-desk accounts are created by CMS operators."))
            break
        request = await db.get(AccessRequest, current.request_id) if current.request_id else None
        if request is None:
            # data from before R25 (every role records the request that granted it)
            steps.append(GrantStep(current, None, None, "Granted before requests were recorded."))
            break
        if current.granted_by_id is None:
            # R17: a founder's role granted before R35 (when it took effect at once, with nobody approving it).
            steps.append(GrantStep(current, request, None, "Founded the surrogate company with this request."))
            break
        decided_at = request.decided_at or current.granted_at
        relations = request_relations(request)  # R39: with the levels it was escalated to
        relation = relations[0]
        candidates = (
            await db.scalars(
                select(RoleAssignment)
                .where(
                    RoleAssignment.user_id == current.granted_by_id,
                    RoleAssignment.role.in_(sorted({role for r in relations for role in RELATIONS[r].roles})),
                )
                .order_by(RoleAssignment.granted_at, RoleAssignment.id)
            )
        ).all()
        authority_role = next(
            (
                c
                for c in candidates
                if _held_at(c, decided_at) and Authority.from_roles(c.user_id, [HeldRole.of(c)]).can_decide(request)
            ),
            None,
        )
        if authority_role is not None:  # R39: the level whose role decided it
            relation = next((r for r in relations if authority_role.role in RELATIONS[r].roles), relation)
        reason = _relation_words(relation)
        if request.kind == RequestKind.CREATE_SURROGATE_USER_GROUP and current.user_group_id is None:
            # R35: a founder's administrator role takes effect with the company's first approved surrogate group
            reason = "Founded the company; this took effect when its first surrogate group was approved. " + reason
        steps.append(GrantStep(current, request, authority_role, reason))
        current = authority_role
    return steps


async def grant_chain_of_role(db: AsyncSession, role: RoleAssignment | RoleColumns) -> list[GrantStep]:
    """The grant chain of a role given as a model or as a row of a list (the chain walks models)."""
    assignment = role if isinstance(role, RoleAssignment) else await db.get(RoleAssignment, role.id)
    if assignment is None:
        return []
    return await grant_chain(db, assignment)


def _relation_words(relation: ApproverRelation) -> str:
    """The reason people read (no rule codes); the rules are cited beside each."""
    return {
        ApproverRelation.HELP_DESK: "Approved by the help desk.",  # R7, R10, R22
        ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL: "Approved by the organization's Security Official.",  # R9
        # R12, R16, R23
        ApproverRelation.ORGANIZATION_OFFICIALS: "Approved by the organization's Security Official or a Backup.",
        ApproverRelation.GROUP_ADMINISTRATORS: "Approved by a User Group Administrator of the group.",  # R13, R23
        ApproverRelation.COMPANY_ADMINISTRATORS: "Approved by an administrator of the company.",  # R17, R35
        ApproverRelation.PRACTITIONER: "Approved by the individual practitioner personally.",  # R21
    }[relation]


@dataclass(frozen=True)
class DecisionRight:
    relation: ApproverRelation
    because_of: RoleAssignment
    kinds: tuple[RequestKind, ...]


def decision_rights(roles: Sequence[RoleAssignment], account_status: AccountStatus) -> list[DecisionRight]:
    """R24: every (relation, scope) a person's active roles give, with the role that gives it; none while the
    account is disabled (R36)."""
    rights: list[DecisionRight] = []
    for assignment in roles:
        if assignment.status != RoleStatus.ACTIVE:
            continue
        authority = Authority.of_account(assignment.user_id, account_status, [HeldRole.of(assignment)])
        relations = set(authority.global_relations) | {r for r, ids in authority.scoped.items() if ids}
        for relation in sorted(relations):
            rights.append(DecisionRight(relation=relation, because_of=assignment, kinds=kinds_decided_by(relation)))
    return rights


@dataclass(frozen=True)
class DepartureImpact:
    roles: Sequence[RoleAssignment]
    groups_without_administrator: Sequence[UserGroup]
    organizations_without_security_official: Sequence[Organization]
    organizations_without_any_official: Sequence[Organization]
    requests_without_approver: Sequence[AccessRequest]
    companies_without_administrator: Sequence[SurrogateCompany] = ()  # R35


_Row = TypeVar("_Row", UserGroup, Organization, SurrogateCompany)


async def _left_out(
    db: AsyncSession,
    entity: type[_Row],
    ids: set[uuid.UUID],
    still_covered: Select[Any],
    order_by: InstrumentedAttribute[str],
) -> Sequence[_Row]:
    """The groups, organizations or companies among `ids` that `still_covered` does not list (someone else still
    acts for those), in `order_by` order: what the departure would leave with nobody."""
    return (
        await db.scalars(
            select(entity).where(entity.id.in_(sorted(ids)), entity.id.not_in(still_covered)).order_by(order_by)
        )
    ).all()


async def departure_impact(db: AsyncSession, user_id: uuid.UUID) -> DepartureImpact:
    """If this person left now: their roles end; what would be left with nobody to act (R10, R29). Only the roles
    of accounts that are not disabled count as someone left to act (R36)."""
    status = await db.scalar(select(User.status).where(User.id == user_id))
    roles = (
        await db.scalars(
            select(RoleAssignment)
            .where(RoleAssignment.user_id == user_id, RoleAssignment.status == RoleStatus.ACTIVE)
            .order_by(RoleAssignment.role, RoleAssignment.granted_at)
        )
    ).all()
    group_ids = {
        r.user_group_id
        for r in roles
        if r.role == Role.USER_GROUP_ADMINISTRATOR and r.user_group_id is not None and r.application_id is None
    }
    org_ids = {
        r.organization_id
        for r in roles
        if r.role in {Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL} and r.organization_id is not None
    }
    other = and_(
        RoleAssignment.user_id != user_id,
        RoleAssignment.status == RoleStatus.ACTIVE,
        RoleAssignment.user_id.in_(select(User.id).where(power_clause())),  # R36
    )

    def administered(
        scope: InstrumentedAttribute[uuid.UUID | None], ids: set[uuid.UUID], unset: InstrumentedAttribute[Any]
    ) -> Select[uuid.UUID | None]:
        """The groups or companies among `ids` that someone else still administers (`unset`: not for an
        application, not for one of the company's groups)."""
        return select(scope).where(
            other, RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR, unset.is_(None), scope.in_(sorted(ids))
        )

    groups: Sequence[UserGroup] = []
    if group_ids:
        still_administered = administered(RoleAssignment.user_group_id, group_ids, RoleAssignment.application_id)
        groups = await _left_out(db, UserGroup, group_ids, still_administered, UserGroup.name)
    without_so: Sequence[Organization] = []
    without_any: Sequence[Organization] = []
    if org_ids:

        def officials(*holding: Role) -> Select[uuid.UUID | None]:
            return select(RoleAssignment.organization_id).where(
                other, RoleAssignment.role.in_(holding), RoleAssignment.organization_id.in_(sorted(org_ids))
            )

        by_name = Organization.legal_business_name
        without_so = await _left_out(db, Organization, org_ids, officials(Role.SECURITY_OFFICIAL), by_name)
        without_any = await _left_out(
            db,
            Organization,
            org_ids,
            officials(Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL),
            by_name,
        )
    company_ids = {
        r.company_id
        for r in roles
        if r.role == Role.USER_GROUP_ADMINISTRATOR and r.company_id is not None and r.user_group_id is None
    }
    companies: Sequence[SurrogateCompany] = []
    if company_ids:  # R35: companies whose only administrator who counts is this person
        still_administered = administered(RoleAssignment.company_id, company_ids, RoleAssignment.user_group_id)
        companies = await _left_out(db, SurrogateCompany, company_ids, still_administered, SurrogateCompany.name)
    authority = Authority.of_account(user_id, status or AccountStatus.DISABLED, [HeldRole.of(r) for r in roles])
    pending = (
        await db.scalars(
            select(AccessRequest)
            .where(AccessRequest.status == RequestStatus.PENDING, authority.queue_filter())
            .order_by(AccessRequest.created_at)
            .limit(500)
        )
    ).all()
    approvers = await approvers_by_request(db, pending)
    orphaned = [r for r in pending if all(u.id == user_id for u in approvers.get(r.id, []))]
    return DepartureImpact(
        roles=roles,
        groups_without_administrator=groups,
        organizations_without_security_official=without_so,
        organizations_without_any_official=without_any,
        requests_without_approver=orphaned,
        companies_without_administrator=companies,
    )
