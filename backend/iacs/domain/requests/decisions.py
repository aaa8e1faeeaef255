"""Requests: deciding exactly once (R15, R24-R26), with what an approval grants (R7, R9-R13, R16-R23, R35, R40)
checked again and written in the decision's transaction, and cancelling (R27).

No check-then-act: a decision is a conditional UPDATE, and the role uniqueness rules are database indexes.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TypeAlias

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.applications.models import Application
from iacs.domain.audit.service import AuditAction, about_request
from iacs.domain.enums import (
    AccountStatus,
    ErrorCode,
    OrganizationStatus,
    RequestKind,
    RequestStatus,
    Role,
    RoleStatus,
    UserGroupKind,
)
from iacs.domain.errors import DomainError, ErrorCollector, FieldError, flush_refusing
from iacs.domain.groups.models import UserGroup
from iacs.domain.notifications import templates
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.actors import UseCase, _visible_request
from iacs.domain.requests.checks import (
    R14_TRIGGER,
    _not_found,
    _words,
    group_has_application,
    holds_active_role,
    lock_person_in_organization,
    r14_conflict,
)
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.revocation import _end_role
from iacs.domain.requests.routing import ApproverRelation
from iacs.domain.requests.terms import decided_end
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany
from iacs.domain.validation import clean_text

MAX_BULK_DECISIONS = 100


QUEUE_CHANNEL = "iacs_queue"


CERTIFICATION_PERIOD = timedelta(days=365)  # R30


async def _request_for_decision(
    uc: UseCase, request_id: uuid.UUID | None, field_path: tuple[str, ...]
) -> AccessRequest:
    request = await uc.db.get(AccessRequest, request_id) if request_id is not None else None
    if request is None or not await _visible_request(uc, request):
        raise DomainError(FieldError(ErrorCode.NOT_FOUND, "No request with this id.", field_path))
    return request


async def decide(
    uc: UseCase,
    request_id: uuid.UUID | None,
    *,
    approve: bool,
    reason: str | None,
    field_path: tuple[str, ...] = ("requestId",),
    ends_at: datetime | None = None,
) -> AccessRequest:
    """R15, R24-R26: one decision, in one transaction with the grant, the audit event and the mail.

    The caller must have loaded the actor with `lock=True` in this transaction, so that a revocation of
    the approver's role that races this decision waits for it (or wins before it).
    """
    errors = ErrorCollector()
    cleaned_reason = None
    if reason is not None and reason.strip():
        cleaned_reason = clean_text(errors, reason, "reason", label="Reason", max_length=2000)
    if not approve and cleaned_reason is None and not errors.errors:
        errors.add(ErrorCode.REASON_REQUIRED, "Say why the request is denied; the requester will see it.", "reason")
    errors.raise_if_any()

    request = await _request_for_decision(uc, request_id, field_path)
    if request.requester_id == uc.actor.id:
        # R15
        raise DomainError.single(ErrorCode.SELF_DECISION_FORBIDDEN, "Nobody decides their own request.", field_path)
    if request.status != RequestStatus.PENDING:
        raise DomainError.single(
            ErrorCode.ALREADY_DECIDED, f"This request is already {request.status.value.lower()}.", field_path
        )
    if not uc.actor.authority.can_decide(request):
        raise DomainError.single(ErrorCode.FORBIDDEN, "You may see this request but not decide it.", field_path)
    granted_end: datetime | None = None
    if approve:
        await _require_active_requester(uc, request, field_path)
        granted_end = decided_end(uc.now, request.requested_ends_at, ends_at)  # R40: shortened, never lengthened

    status = RequestStatus.APPROVED if approve else RequestStatus.DENIED
    # R38: decided for the delegator whose queue it came from, when only a delegation lets the actor decide it
    on_behalf_of_id = uc.actor.authority.acting_for(request)
    on_behalf_of = await uc.db.get(User, on_behalf_of_id) if on_behalf_of_id is not None else None
    # R25: the one decision. A racing approver blocks on the row, then finds it no longer PENDING.
    decided = (
        await uc.db.execute(
            update(AccessRequest)
            .where(AccessRequest.id == request.id, AccessRequest.status == RequestStatus.PENDING)
            .values(
                status=status,
                decided_at=uc.now,
                decided_by_id=uc.actor.id,
                on_behalf_of_id=on_behalf_of_id,
                reason=cleaned_reason,
            )
            .returning(AccessRequest.id)
            .execution_options(synchronize_session=False)
        )
    ).scalar_one_or_none()
    if decided is None:
        raise DomainError.single(
            ErrorCode.ALREADY_DECIDED, "Someone else decided this request a moment ago.", field_path
        )
    await uc.db.refresh(request)
    await uc.record(
        AuditAction.REQUEST_APPROVED if approve else AuditAction.REQUEST_DENIED,
        **about_request(request),
        ip_address=uc.actor.ip_address,
        details={"kind": request.kind.value, "reason": cleaned_reason}
        | ({"onBehalfOf": on_behalf_of.name, "onBehalfOfId": str(on_behalf_of.id)} if on_behalf_of else {}),
    )
    await notify_queue(uc.db, request.id)
    if approve:
        try:
            await _grant(uc, request, ends_at=granted_end)
        except DomainError as exc:  # errors of the grant name the decided item too (bulk decisions)
            raise DomainError(*(FieldError(e.code, e.message, e.field or field_path) for e in exc.errors)) from exc
    else:
        await close_registration(uc.db, uc.now, request)
    requester = await uc.db.get(User, request.requester_id)
    assert requester is not None
    await uc.mail(
        requester,
        templates.request_decided,
        request.kind.value,
        request.tracking_number,
        status.value,
        uc.actor.user.name if on_behalf_of is None else f"{uc.actor.user.name} for {on_behalf_of.name}",  # R38
        cleaned_reason,
    )
    return request


async def _require_active_requester(uc: UseCase, request: AccessRequest, field_path: tuple[str, ...]) -> None:
    """R36: a disabled account's pending requests stay pending and cannot be approved (denying them is fine).

    FOR SHARE on the requester's row: a concurrent disableAccount (an UPDATE of it) waits for this decision,
    or this decision, waiting for it, reads the disabled status."""
    requester = (
        await uc.db.execute(
            select(User.name, User.status).where(User.id == request.requester_id).with_for_update(read=True)
        )
    ).one()
    if requester.status != AccountStatus.ACTIVE:
        raise DomainError.single(
            ErrorCode.FORBIDDEN,
            f"{requester.name}'s account is disabled: the request cannot be approved while it is. Deny it with a "
            "reason, or wait until the help desk enables the account again.",
            field_path,
        )


async def close_registration(db: AsyncSession, now: datetime, request: AccessRequest) -> None:
    """A denied, cancelled or expired registration leaves the organization DENIED (it may register again)."""
    if request.kind in {RequestKind.REGISTER_ORGANIZATION, RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER}:
        await db.execute(
            update(Organization)
            .where(Organization.id == request.organization_id)
            .values(status=OrganizationStatus.DENIED, decided_at=now)
            .execution_options(synchronize_session=False)
        )


async def notify_queue(db: AsyncSession, request_id: uuid.UUID) -> None:
    """Tell every server process (LISTEN iacs_queue) that this request's place in queues changed.

    NOTIFY inside the transaction is delivered at commit, and not at all on rollback.
    """
    await db.execute(select(func.pg_notify(QUEUE_CHANNEL, str(request_id))))


async def _require_standing(uc: UseCase, request: AccessRequest) -> None:
    """At approval, what the request was built on, checked again in the decision's transaction and under locks
    (roles change while a request waits; R36, an active account, is checked by `decide`):
    - REGISTER_ORGANIZATION, JOIN_USER_GROUP, JOIN_SURROGATE_COMPANY: nothing more;
    - REGISTER_INDIVIDUAL_PRACTITIONER: no practice already (R22, the single role; also a unique index);
    - SUCCEED_SECURITY_OFFICIAL: still a BSO of the organization (R10);
    - BACKUP_SECURITY_OFFICIAL, CREATE_USER_GROUP, ADMINISTER_USER_GROUP: R14 (`_check_conflicts_at_approval`);
    - CREATE_SURROGATE_USER_GROUP: still an administrator of the company (R17), or its founder not yet in
      office (R35), and R14;
    - ADMINISTER_SURROGATE_COMPANY: nothing more (holding the role already is the unique index's answer);
    - APPLICATION_ACCESS: for the group, still its UGA; for oneself, still its end user, and the group still
      has the application (R23).
    """
    if request.organization_id is not None:  # R14: the pair's lock before any role row of this transaction
        await lock_person_in_organization(uc.db, request.requester_id, request.organization_id)
    kind = request.kind
    if kind == RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER:
        await _require_no_practice(uc, request)
    elif kind == RequestKind.SUCCEED_SECURITY_OFFICIAL:
        await _require_still(uc, request, Role.BACKUP_SECURITY_OFFICIAL, organization_id=request.organization_id)
    elif kind == RequestKind.CREATE_SURROGATE_USER_GROUP:
        await _require_company_administrator(uc, request)
    elif kind == RequestKind.APPLICATION_ACCESS:
        for_group = _for_group(request)
        await _require_still(
            uc,
            request,
            Role.USER_GROUP_ADMINISTRATOR if for_group else Role.END_USER,
            user_group_id=request.user_group_id,
        )
        if not for_group:
            await _require_group_application(uc, request)


async def _grant(uc: UseCase, request: AccessRequest, *, ends_at: datetime | None = None) -> None:
    """What an approval gives (R7, R9-R13, R16-R23), written in the decision's transaction (GRANTS: by kind)."""
    await _require_standing(uc, request)
    grants = await GRANTS[request.kind](uc, request)
    await _check_conflicts_at_approval(uc, request, [role for role, _ in grants])
    for role, scope in grants:
        await _add_role(uc, request, role, scope, ends_at=ends_at)
    await uc.db.flush()


# The roles an approval grants, each with its scope (the columns of its role assignment).
Granted: TypeAlias = list[tuple[Role, dict[str, uuid.UUID | None]]]


def _in_organization(request: AccessRequest, **scope: uuid.UUID | None) -> dict[str, uuid.UUID | None]:
    return {"organization_id": request.organization_id, **scope}


async def _grant_registration(uc: UseCase, request: AccessRequest) -> Granted:
    """R7, R22: the organization (or practice) is approved; its registrant is its SO (or its practitioner)."""
    await uc.db.execute(
        update(Organization)
        .where(Organization.id == request.organization_id)
        .values(status=OrganizationStatus.APPROVED, decided_at=uc.now)
        .execution_options(synchronize_session=False)
    )
    practice = request.kind == RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER
    return [(Role.INDIVIDUAL_PRACTITIONER if practice else Role.SECURITY_OFFICIAL, _in_organization(request))]


async def _grant_backup_security_official(uc: UseCase, request: AccessRequest) -> Granted:
    """R9."""
    return [(Role.BACKUP_SECURITY_OFFICIAL, _in_organization(request))]


async def _grant_succession(uc: UseCase, request: AccessRequest) -> Granted:
    """R10: the old SO role and the successor's BSO role end in the same transaction as the new SO role."""
    for role in (Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL):
        ending = select(RoleAssignment).where(
            RoleAssignment.organization_id == request.organization_id,
            RoleAssignment.role == role,
            RoleAssignment.status == RoleStatus.ACTIVE,
        )
        if role == Role.BACKUP_SECURITY_OFFICIAL:
            ending = ending.where(RoleAssignment.user_id == request.requester_id)
        for old in (await uc.db.scalars(ending.with_for_update())).all():
            await _end_role(uc, old, f"Succeeded by request {request.tracking_number}")
    return [(Role.SECURITY_OFFICIAL, _in_organization(request))]


async def _grant_new_group(uc: UseCase, request: AccessRequest) -> Granted:
    """R12 (a): the provider group is created, and its requester administers it."""
    group = UserGroup(
        organization_id=request.organization_id,
        kind=UserGroupKind.PROVIDER,
        name=request.proposed_name or "",
        description=(request.details or {}).get("description"),
    )
    await _add_group(uc, group)
    request.user_group_id = group.id
    return [(Role.USER_GROUP_ADMINISTRATOR, _in_organization(request, user_group_id=group.id))]


async def _grant_group_administration(uc: UseCase, request: AccessRequest) -> Granted:
    """R12 (b)."""
    return [(Role.USER_GROUP_ADMINISTRATOR, _in_organization(request, user_group_id=request.user_group_id))]


async def _grant_membership(uc: UseCase, request: AccessRequest) -> Granted:
    """R13."""
    return [(Role.END_USER, _in_organization(request, user_group_id=request.user_group_id))]


async def _grant_company_membership(uc: UseCase, request: AccessRequest) -> Granted:
    """R17: staff of the company."""
    return [(Role.END_USER, {"company_id": request.company_id})]


async def _grant_company_administration(uc: UseCase, request: AccessRequest) -> Granted:
    """R35: an administrator of the company, in no group."""
    return [(Role.USER_GROUP_ADMINISTRATOR, {"company_id": request.company_id})]


async def _grant_surrogate_group(uc: UseCase, request: AccessRequest) -> Granted:
    """R16-R18: the company's group for the organization, administered by its requester; R35: the founder takes
    office with the company's first approved group."""
    company = await uc.db.get(SurrogateCompany, request.company_id)
    org = await uc.db.get(Organization, request.organization_id)
    assert company is not None
    assert org is not None
    group = UserGroup(
        organization_id=org.id,
        kind=UserGroupKind.SURROGATE,
        company_id=company.id,
        name=f"{company.name} for {org.legal_business_name}"[:120],
    )
    await _add_group(uc, group)
    request.user_group_id = group.id
    grants: Granted = [
        (Role.USER_GROUP_ADMINISTRATOR, _in_organization(request, user_group_id=group.id, company_id=company.id))
    ]
    if await _founder_takes_office(uc, request):  # R35: the company's first approved group
        grants.append((Role.USER_GROUP_ADMINISTRATOR, {"company_id": company.id}))
    return grants


async def _grant_application(uc: UseCase, request: AccessRequest) -> Granted:
    """R23: asked by a UGA for the group (decided by the officials or the practitioner), or by an end user."""
    role = Role.USER_GROUP_ADMINISTRATOR if _for_group(request) else Role.END_USER
    scope = _in_organization(request, user_group_id=request.user_group_id, application_id=request.application_id)
    return [(role, scope)]


# What approving each kind of request gives; each rule may write what the roles rest on first (an approved
# organization, a new group) and end the roles they replace (R10).
GRANTS: dict[RequestKind, Callable[[UseCase, AccessRequest], Awaitable[Granted]]] = {
    RequestKind.REGISTER_ORGANIZATION: _grant_registration,
    RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER: _grant_registration,
    RequestKind.BACKUP_SECURITY_OFFICIAL: _grant_backup_security_official,
    RequestKind.SUCCEED_SECURITY_OFFICIAL: _grant_succession,
    RequestKind.CREATE_USER_GROUP: _grant_new_group,
    RequestKind.ADMINISTER_USER_GROUP: _grant_group_administration,
    RequestKind.JOIN_USER_GROUP: _grant_membership,
    RequestKind.JOIN_SURROGATE_COMPANY: _grant_company_membership,
    RequestKind.ADMINISTER_SURROGATE_COMPANY: _grant_company_administration,
    RequestKind.CREATE_SURROGATE_USER_GROUP: _grant_surrogate_group,
    RequestKind.APPLICATION_ACCESS: _grant_application,
}


def _for_group(request: AccessRequest) -> bool:
    """R23: whether an application request was asked by a UGA for the group (else by an end user for themselves),
    as its submission recorded it; a request that did not record it tells by its route (a group's UGAs decide
    what an end user asks)."""
    recorded = (request.details or {}).get("forGroup")
    if isinstance(recorded, bool):
        return recorded
    return request.approver_relation != ApproverRelation.GROUP_ADMINISTRATORS


def _deny_instead(message: str) -> DomainError:
    return DomainError.single(ErrorCode.FORBIDDEN, f"{message}; deny this request with a reason.")


async def _require_still(uc: UseCase, request: AccessRequest, role: Role, **scope: uuid.UUID | None) -> None:
    """At approval, the requester must still hold the role the request was built on (R10, R23).

    FOR SHARE: a revocation of that role racing this decision waits for it, or wins before it and is seen."""
    query = select(RoleAssignment.id).where(
        RoleAssignment.user_id == request.requester_id,
        RoleAssignment.role == role,
        RoleAssignment.status == RoleStatus.ACTIVE,
        RoleAssignment.application_id.is_(None),
    )
    for column, value in scope.items():
        query = query.where(getattr(RoleAssignment, column) == value)
    if await uc.db.scalar(query.limit(1).with_for_update(read=True)) is None:
        raise _deny_instead(f"The requester is no longer {_words(role)} there")


async def _founder_takes_office(uc: UseCase, request: AccessRequest) -> bool:
    """R35: whether approving this request makes its requester the company's administrator: it is one of the
    requests that founded the company, and the founder has never held the role (so this is the first of them to
    be approved; a founder whose role ended since gets nothing back this way).

    Under a lock on the company's row, so that of two founding requests approved at once the second sees the
    role the first granted."""
    if not (request.details or {}).get("founding"):
        return False
    await uc.db.execute(select(SurrogateCompany.id).where(SurrogateCompany.id == request.company_id).with_for_update())
    held = await uc.db.scalar(
        select(RoleAssignment.id)
        .where(
            RoleAssignment.user_id == request.requester_id,
            RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
            RoleAssignment.company_id == request.company_id,
            RoleAssignment.user_group_id.is_(None),
        )
        .limit(1)
    )
    return held is None


async def _require_company_administrator(uc: UseCase, request: AccessRequest) -> None:
    """R17: a surrogate group is asked for by an administrator of the company, and given only to one; R35: or
    by its founder, whose role takes effect with the first of their founding requests that is approved."""
    company = await uc.db.get(SurrogateCompany, request.company_id)
    assert company is not None
    if await _founder_takes_office(uc, request):
        return
    if not await holds_active_role(
        uc.db,
        RoleAssignment.user_id == request.requester_id,
        RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
        RoleAssignment.company_id == company.id,
        RoleAssignment.user_group_id.is_(None),
        lock=True,
    ):
        requester = await uc.db.get(User, request.requester_id)
        assert requester is not None
        raise _deny_instead(f"{requester.name} is no longer an administrator of {company.name}")


async def _require_group_application(uc: UseCase, request: AccessRequest) -> None:
    """R23: an end user gets an application only through a group that still has it (a UGA holds it for the group)."""
    if not await group_has_application(uc.db, request.user_group_id, request.application_id, lock=True):
        application = await uc.db.get(Application, request.application_id)
        assert application is not None
        raise _deny_instead(f"The group no longer has access to {application.name}")


async def _require_no_practice(uc: UseCase, request: AccessRequest) -> None:
    """R22: one practice per person (two registrations may wait side by side; the second is refused)."""
    if await holds_active_role(
        uc.db, RoleAssignment.user_id == request.requester_id, RoleAssignment.role == Role.INDIVIDUAL_PRACTITIONER
    ):
        requester = await uc.db.get(User, request.requester_id)
        assert requester is not None
        raise _already_practitioner(requester.name)


def _already_practitioner(name: str) -> DomainError:
    return DomainError.single(
        ErrorCode.ALREADY_HOLDS_ROLE,
        f"{name} is already registered as an individual practitioner (one practice per person); deny this request "
        "with a reason.",
    )


async def _check_conflicts_at_approval(uc: UseCase, request: AccessRequest, roles: list[Role]) -> None:
    """R14 again at approval, under the pair's lock: two requests that were each fine alone (or one and the
    restoration of a suspended role) must not together break it, however close together they are decided."""
    if request.organization_id is None:
        return
    held = await r14_conflict(uc.db, request.requester_id, request.organization_id, roles)
    if held is not None:
        raise DomainError.single(
            ErrorCode.ROLE_CONFLICT,
            f"The requester has meanwhile become {_words(held)} in this organization; the same person cannot hold "
            "both. Deny this request with a reason.",
        )


async def _add_group(uc: UseCase, group: UserGroup) -> None:
    uc.db.add(group)
    await flush_refusing(
        uc.db,
        {  # R18
            "uq_user_groups_surrogate_company_organization": FieldError(
                ErrorCode.SURROGATE_GROUP_EXISTS, "This company already serves this organization."
            )
        },
        FieldError(
            ErrorCode.INVALID_INPUT,
            "The organization has a group of this name by now; deny this request and ask for another name.",
        ),
    )


async def _add_role(
    uc: UseCase,
    request: AccessRequest,
    role: Role,
    scope: dict[str, uuid.UUID | None],
    *,
    ends_at: datetime | None = None,
) -> None:
    assignment = RoleAssignment(
        ends_at=ends_at,  # R40
        user_id=request.requester_id,
        role=role,
        request_id=request.id,
        granted_at=uc.now,
        granted_by_id=uc.actor.id,
        certify_by=uc.now + CERTIFICATION_PERIOD,
        **scope,
    )
    uc.db.add(assignment)
    await flush_refusing(
        uc.db,
        {  # the database's R14 rule (the lock makes this unreachable)
            R14_TRIGGER: FieldError(
                ErrorCode.ROLE_CONFLICT,
                "The requester holds a role in this organization that cannot go with this one (two people are "
                "needed). Deny this request with a reason.",
            )
        },
        FieldError(ErrorCode.ALREADY_HOLDS_ROLE, "The requester already holds this role; cancel or deny the request."),
    )
    await uc.record(
        AuditAction.ROLE_GRANTED,
        **about_request(request, assignment.id),
        details={"role": role.value, **({"endsAt": ends_at.isoformat()} if ends_at is not None else {})},
    )


async def cancel(uc: UseCase, request_id: uuid.UUID | None) -> AccessRequest:
    """R27: the requester withdraws a pending request."""
    request = await uc.db.get(AccessRequest, request_id) if request_id is not None else None
    if request is None or not await _visible_request(uc, request):
        raise DomainError(_not_found("request", "requestId"))
    if request.requester_id != uc.actor.id:
        raise DomainError.single(ErrorCode.FORBIDDEN, "Only the requester can cancel a request.", ("requestId",))
    cancelled = (
        await uc.db.execute(
            update(AccessRequest)
            .where(AccessRequest.id == request.id, AccessRequest.status == RequestStatus.PENDING)
            .values(status=RequestStatus.CANCELLED, decided_at=uc.now)
            .returning(AccessRequest.id)
            .execution_options(synchronize_session=False)
        )
    ).scalar_one_or_none()
    if cancelled is None:
        raise DomainError.single(
            ErrorCode.ALREADY_DECIDED, f"This request is already {request.status.value.lower()}.", ("requestId",)
        )
    await uc.db.refresh(request)
    await close_registration(uc.db, uc.now, request)
    await notify_queue(uc.db, request.id)
    await uc.record(
        AuditAction.REQUEST_CANCELLED,
        subject_user_id=uc.actor.id,
        organization_id=request.organization_id,
        request_id=request.id,
    )
    return request
