"""Requests: who decides (R24) and who certifies (R30), as people; a company's administrators who count (R35).

Reads only: the people are never stored, they are found from the roles active at the moment of asking
(routing.py gives the rule; these functions run it over the rows that can matter, one statement each).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.delegations.queries import delegates_of_role
from iacs.domain.enums import Role, RoleStatus
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import (
    RELATIONS,
    Authority,
    DelegatedRole,
    HeldRole,
    RequestLike,
    holds_power,
    may_certify,
    power_clause,
    request_relations,
)
from iacs.domain.roles.models import RoleAssignment


async def company_administrators(db: AsyncSession, company_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[User]]:
    """R35: each company's administrators who count now - an active UGA role of the company itself (in no group),
    held by an account that is not disabled (R36) - in the order they took office (then by name). One statement."""
    if not company_ids:
        return {}
    rows = (
        await db.execute(
            select(RoleAssignment.company_id, User)
            .join(User, User.id == RoleAssignment.user_id)
            .where(
                RoleAssignment.company_id.in_(sorted(set(company_ids))),
                RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
                RoleAssignment.user_group_id.is_(None),
                RoleAssignment.status == RoleStatus.ACTIVE,
                power_clause(),
            )
            .order_by(RoleAssignment.granted_at, User.name, RoleAssignment.id)
        )
    ).all()
    found: dict[uuid.UUID, list[User]] = {company_id: [] for company_id in company_ids}
    for company_id, user in rows:
        if company_id is not None:
            found[company_id].append(user)
    return found


async def approvers_of(db: AsyncSession, requests: Sequence[AccessRequest]) -> list[User]:
    """Everyone who may decide any of `requests` now (deduplicated); one statement."""
    by_request = await approvers_by_request(db, requests)
    seen: dict[uuid.UUID, User] = {}
    for users in by_request.values():
        for user in users:
            seen.setdefault(user.id, user)
    return list(seen.values())


async def approvers_by_request(
    db: AsyncSession, requests: Sequence[RequestLike], *, now: datetime | None = None
) -> dict[uuid.UUID, list[User]]:
    """For each request, the people whose active roles let them decide it (R15: never the requester), and at
    `now` those who decide it for someone else (R38: the delegates of those roles; without `now`, none)."""
    if not requests:
        return {}
    roles: set[Role] = set()
    for request in requests:
        for relation in request_relations(request):  # R39: with the relations it was escalated to
            roles |= RELATIONS[relation].roles
    statement = (
        select(RoleAssignment, User)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.status == RoleStatus.ACTIVE,
            RoleAssignment.role.in_(sorted(roles)),
            power_clause(),  # R36: the same accounts `Authority.of_account` gives authority
        )
        .where(_scope_filter(requests))
        .order_by(User.name, User.id)
    )
    if now is not None:  # R38: each role's running delegations' delegates, in the same statement
        statement = statement.add_columns(delegates_of_role(now))
    rows = (await db.execute(statement)).all()
    authorities: dict[uuid.UUID, tuple[User, list[HeldRole]]] = {}
    grants: dict[uuid.UUID, list[DelegatedRole]] = {}
    for row in rows:
        assignment, user = row[0], row[1]
        authorities.setdefault(user.id, (user, []))[1].append(HeldRole.of(assignment))
        delegate_ids: list[uuid.UUID] = (row._mapping["delegates"] or []) if now is not None else []
        for delegate_id in delegate_ids:
            grants.setdefault(delegate_id, []).append(DelegatedRole(user.id, HeldRole.of(assignment)))
    people = {uid: Authority.of_account(uid, user.status, held) for uid, (user, held) in authorities.items()}
    users = {user_id: user for user_id, (user, _) in authorities.items()}
    missing = sorted(set(grants) - set(users))
    if missing:  # delegates who decide nothing here themselves: only when a delegation runs (R38)
        for user in (await db.scalars(select(User).where(User.id.in_(missing)))).all():
            users[user.id] = user
            people[user.id] = Authority.of_account(user.id, user.status, ())
    for delegate_id, delegated in grants.items():
        if delegate_id in people and holds_power(users[delegate_id].status):
            people[delegate_id] = people[delegate_id].with_delegated(delegated)
    ordered = sorted(users.values(), key=lambda u: (u.name, u.id))
    result: dict[uuid.UUID, list[User]] = {}
    for request in requests:
        result[request.id] = [user for user in ordered if people[user.id].can_decide(request)]
    return result


async def approvers_by_role(db: AsyncSession, assignments: Sequence[RoleAssignment]) -> dict[uuid.UUID, list[User]]:
    """R30: for each role assignment, the people who may certify it now (never its holder; the help desk's
    right to end any role, R34, makes it no certifier)."""
    if not assignments:
        return {}
    rows = (
        await db.execute(
            select(RoleAssignment, User)
            .join(User, User.id == RoleAssignment.user_id)
            .where(RoleAssignment.status == RoleStatus.ACTIVE, power_clause())  # R36
            .where(_scope_filter(assignments))
            .order_by(User.name, User.id)
        )
    ).all()
    authorities: dict[uuid.UUID, tuple[User, list[HeldRole]]] = {}
    for held, user in rows:
        authorities.setdefault(user.id, (user, []))[1].append(HeldRole.of(held))
    return {
        assignment.id: [
            user
            for user, held in authorities.values()
            if user.id != assignment.user_id
            and may_certify(Authority.of_account(user.id, user.status, held), HeldRole.of(assignment))
        ]
        for assignment in assignments
    }


def _scope_filter(requests: Sequence[RequestLike] | Sequence[RoleAssignment]) -> Any:
    """Only the role rows that can matter: global ones, and those of the requests' scopes."""
    orgs = {r.organization_id for r in requests if r.organization_id is not None}
    groups = {r.user_group_id for r in requests if r.user_group_id is not None}
    companies = {r.company_id for r in requests if r.company_id is not None}
    clauses = [RoleAssignment.role == Role.HELP_DESK]
    if orgs:
        clauses.append(RoleAssignment.organization_id.in_(sorted(orgs)))
    if groups:
        clauses.append(RoleAssignment.user_group_id.in_(sorted(groups)))
    if companies:
        clauses.append(RoleAssignment.company_id.in_(sorted(companies)))
    return or_(*clauses)
