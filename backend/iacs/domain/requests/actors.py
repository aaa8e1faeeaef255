"""Requests: who acts (the signed-in person with what they may decide now, R24, R36, R38) and what they may see
of a request or a role (the whole policy is domain/visibility.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any, Concatenate, ParamSpec, Unpack

from sqlalchemy import DateTime, and_, any_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.constants import constants_written
from iacs.db.rows import RoleColumns
from iacs.domain.accounts.models import User
from iacs.domain.audit.service import AuditAction, record, record_role_event
from iacs.domain.delegations.queries import delegated_role_ids
from iacs.domain.enums import ErrorCode, Role, RoleStatus
from iacs.domain.errors import DomainError
from iacs.domain.notifications.service import Recipient, mail_to
from iacs.domain.notifications.templates import Mail
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import (
    ApproverRelation,
    Authority,
    DelegatedRole,
    HeldRole,
    RequestLike,
    holds_power,
    may_revoke,
    power_clause,
    request_relations,
)
from iacs.domain.requests.terms import NO_TERMS, Terms
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.webhooks.service import About


@dataclass(frozen=True)
class Actor:
    """The signed-in person doing something, with what they may decide right now."""

    user: User
    authority: Authority
    roles: tuple[HeldRole, ...]
    ip_address: str | None = None

    @property
    def id(self) -> uuid.UUID:
        return self.user.id

    # Indexes over `roles`, each built on first use and kept for the request: a billing company's administrator
    # holds thousands of roles, and a page of 50 rows asks about each row (a scan per row was 50 x 2,001 steps).

    @cached_property
    def organization_ids(self) -> frozenset[uuid.UUID]:
        """The organizations the person holds any active role in (a group's or an application's too)."""
        return frozenset(r.organization_id for r in self.roles if r.organization_id is not None)

    @cached_property
    def user_group_ids(self) -> frozenset[uuid.UUID]:
        """The groups the person holds any active role in."""
        return frozenset(r.user_group_id for r in self.roles if r.user_group_id is not None)

    @cached_property
    def _administered_companies(self) -> frozenset[uuid.UUID]:
        return frozenset(
            r.company_id
            for r in self.roles
            if r.role == Role.USER_GROUP_ADMINISTRATOR and r.company_id is not None and r.user_group_id is None
        )

    def holds_company_administration(self, company_id: uuid.UUID) -> bool:
        """R17: a UGA of the company itself (not of one of its surrogate groups)."""
        return company_id in self._administered_companies

    def holds(self, role: Role, **scope: uuid.UUID | None) -> bool:
        return any(r.role == role and all(getattr(r, k) == v for k, v in scope.items()) for r in self.roles)


_Values = ParamSpec("_Values")


@dataclass
class UseCase:
    """What every request use case needs: the session, the time, the person, the settings."""

    db: AsyncSession
    now: datetime
    actor: Actor
    request_ttl: timedelta = timedelta(days=30)
    # R40: the justification and end date a submission carries (checked by `terms.clean_terms`)
    terms: Terms = NO_TERMS

    async def record(
        self,
        action: AuditAction,
        *,
        ip_address: str | None = None,
        details: dict[str, Any] | None = None,
        **about: Unpack[About],
    ) -> None:
        """The audit event (R31) of what this use case did: now, by its actor."""
        await record(
            self.db, at=self.now, action=action, actor_id=self.actor.id, ip_address=ip_address, details=details, **about
        )

    async def mail(
        self,
        person: Recipient,
        template: Callable[Concatenate[str, _Values], Mail],
        *args: _Values.args,
        **kwargs: _Values.kwargs,
    ) -> None:
        """Queue a mail to a person (R32) in this use case's transaction: a refused or rolled-back one mails nobody."""
        await mail_to(self.db, self.now, person, template, *args, **kwargs)

    async def record_role_event(
        self, action: AuditAction, assignment: RoleAssignment, details: dict[str, Any] | None = None
    ) -> None:
        """The audit event (R31) of what this use case did to one role assignment: now, by its actor."""
        await record_role_event(
            self.db, at=self.now, action=action, assignment=assignment, actor_id=self.actor.id, details=details
        )


_HELD = RoleAssignment.__table__.c  # Core columns: no ORM loading machinery for these rows


_ACTIVE_ROLES = select(
    _HELD.role, _HELD.organization_id, _HELD.user_group_id, _HELD.company_id, _HELD.application_id
).where(_HELD.user_id == bindparam("user_id"), _HELD.status == RoleStatus.ACTIVE)


_ACTIVE_ROLES_LOCKED = _ACTIVE_ROLES.with_for_update(read=True)


# R38: the person's own active roles and those whose queues they decide for others now, in one statement (the
# holder of a role not the person's own is its delegator; `own` says which is which without comparing ids in Python)
# (its constants written into the SQL, so that PostgreSQL keeps its plan instead of planning it on every request;
# db/constants.py)
_ACTING_ROLES = constants_written(
    select(
        _HELD.role,
        _HELD.organization_id,
        _HELD.user_group_id,
        _HELD.company_id,
        _HELD.application_id,
        _HELD.user_id,
        (_HELD.user_id == bindparam("user_id")).label("own"),
    ).where(
        _HELD.status == RoleStatus.ACTIVE,
        or_(
            _HELD.user_id == bindparam("user_id"),
            and_(
                _HELD.id
                == any_(delegated_role_ids(bindparam("user_id"), bindparam("now", type_=DateTime(timezone=True)))),
                # R36: a disabled delegator's role counts for nothing, for their delegate too (as in
                # `approvers_by_request`)
                _HELD.user_id.in_(select(User.__table__.c.id).where(power_clause())),
            ),
        ),
    )
)


_ACTING_ROLES_LOCKED = _ACTING_ROLES.with_for_update(read=True)


async def active_roles(db: AsyncSession, user_id: uuid.UUID, *, lock: bool = False) -> list[HeldRole]:
    """The person's active roles; `lock` takes FOR SHARE so a racing revocation waits (R25, R29).

    Plain rows, not ORM objects, from a statement built once: every request of a signed-in person loads
    them (a heavy approver holds ~100), and authority needs only these five columns."""
    statement = _ACTIVE_ROLES_LOCKED if lock else _ACTIVE_ROLES
    return [HeldRole(*row) for row in (await db.execute(statement, {"user_id": user_id})).all()]


async def load_actor(
    db: AsyncSession,
    user: User,
    *,
    lock: bool = False,
    ip_address: str | None = None,
    now: datetime | None = None,
) -> Actor:
    """The person with their active roles and what they may decide, also for others (R38: pass `now`, the
    clock's time; without it no delegation counts)."""
    delegated: list[DelegatedRole] = []
    if now is None:
        roles = tuple(await active_roles(db, user.id, lock=lock))
    else:
        statement = _ACTING_ROLES_LOCKED if lock else _ACTING_ROLES
        rows = (await db.execute(statement, {"user_id": user.id, "now": now})).all()
        roles = tuple(map(HeldRole._make, (row[:5] for row in rows if row.own)))
        if len(roles) < len(rows):
            delegated = [DelegatedRole(row.user_id, HeldRole._make(row[:5])) for row in rows if not row.own]
    # R36: a disabled account decides nothing (it has no session either; this holds for any other way in)
    authority = Authority.of_account(user.id, user.status, roles)
    if delegated and holds_power(user.status):
        authority = authority.with_delegated(delegated)
    return Actor(user=user, authority=authority, roles=roles, ip_address=ip_address)


def _require_verified(actor: Actor) -> None:
    """R3: a confirmed e-mail. (Help-desk staff may ask too: R15 keeps them from deciding their own.)"""
    if actor.user.email_verified_at is None:  # R3
        raise DomainError.single(ErrorCode.EMAIL_NOT_VERIFIED, "Confirm your e-mail address before asking for access.")


def may_view_role(actor: Actor, assignment: RoleAssignment | RoleColumns) -> bool:
    """The holder, the help desk, whoever may approve (revoke, certify) it, and its organization's officials."""
    if assignment.user_id == actor.id or actor.authority.is_help_desk:
        return True
    held = HeldRole.of(assignment)
    return may_revoke(actor.authority, held) or actor.authority.covers(ApproverRelation.ORGANIZATION_OFFICIALS, held)


def may_view_request(authority: Authority, request: RequestLike) -> bool:
    """Requester, the relation it is routed to (whatever its status), the help desk, officials of its org."""
    if request.requester_id == authority.user_id or authority.is_help_desk:
        return True
    # R39: the relations it was escalated to see it too
    if any(authority.covers(relation, request) for relation in request_relations(request)):
        return True
    if authority.decides_for_others(request):  # R38: a delegate sees the delegator's queue
        return True
    return authority.covers(ApproverRelation.ORGANIZATION_OFFICIALS, request)


async def _visible_request(uc: UseCase, request: AccessRequest) -> bool:
    """The whole request policy (domain/visibility.py: also the company's UGAs, and whoever may decide another
    pending request of the requester), so that NOT_FOUND is answered exactly where node(id) shows nothing."""
    from iacs.domain.visibility import request_visible_in  # visibility builds on this module

    return await request_visible_in(uc.db, uc.actor, request)


async def visible_role(uc: UseCase, assignment: RoleAssignment) -> bool:
    """The whole role policy (domain/visibility.py), as `_visible_request` for requests."""
    from iacs.domain.visibility import role_visible_in  # visibility builds on this module

    return await role_visible_in(uc.db, uc.actor, assignment)
