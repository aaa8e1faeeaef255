"""Requests: submit (R6-R23, R28), decide exactly once (R15, R24-R26), cancel (R27), revoke (R29).

Every use case runs inside the caller's transaction, flushes, and raises DomainError for anything the
person can fix; the GraphQL layer commits or rolls back. No check-then-act: the pending-request and
role uniqueness rules are also database indexes, and a decision is a conditional UPDATE.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.applications.models import Application
from iacs.domain.applications.switches import application_closed_message, registration_closed_reason
from iacs.domain.audit.service import AuditAction, record
from iacs.domain.enums import (
    COMMUNITY_NAMES,
    AccountStatus,
    Community,
    ErrorCode,
    OrganizationKind,
    OrganizationStatus,
    ProviderType,
    RequestKind,
    RequestStatus,
    Role,
    RoleStatus,
    UserGroupKind,
)
from iacs.domain.errors import DomainError, ErrorCollector, FieldError
from iacs.domain.groups.models import UserGroup
from iacs.domain.notifications import templates
from iacs.domain.notifications.service import enqueue
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.actors import (
    Actor,
    UseCase,
    _require_verified,
    _visible_request,
    active_roles,
    load_actor,
    may_view_request,
    may_view_role,
    visible_role,
)
from iacs.domain.requests.approvers import approvers_by_request, approvers_by_role, approvers_of, company_administrators
from iacs.domain.requests.checks import (
    OFFICIALS,
    R14_TRIGGER,
    _group,
    _not_found,
    _organization,
    _role_conflict,
    _usable_organization,
    _words,
    lock_person_in_organization,
    r14_conflict,
)
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.revocation import _end_role, revoke_role
from iacs.domain.requests.routing import (
    ORDINARY,
    ApproverRelation,
    Situation,
    route,
)
from iacs.domain.requests.terms import decided_end
from iacs.domain.requests.tracking import new_tracking_number
from iacs.domain.requests.validation import (
    Address,
    check_community,
    clean_address,
    clean_npi,
    clean_ptan,
    clean_tin,
    organization_kind,
)
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany
from iacs.domain.validation import clean_text

MAX_ORGANIZATIONS_PER_SUBMISSION = 100
MAX_BULK_DECISIONS = 100
QUEUE_CHANNEL = "iacs_queue"
CERTIFICATION_PERIOD = timedelta(days=365)  # R30


COMPANY_TIN_INDEX = "uq_surrogate_companies_tin"  # R35
PRACTITIONER_INDEX = "uq_role_assignments_active_practitioner"  # R22


# --- submitting ------------------------------------------------------------------------------------------


async def _submit(
    uc: UseCase,
    kind: RequestKind,
    situation: Situation = ORDINARY,
    *,
    organization_id: uuid.UUID | None = None,
    user_group_id: uuid.UUID | None = None,
    company_id: uuid.UUID | None = None,
    application_id: uuid.UUID | None = None,
    proposed_name: str | None = None,
    details: dict[str, Any] | None = None,
    error_field: tuple[str, ...] | None = None,
) -> AccessRequest:
    """Create one pending request, its audit event and the mail to its approvers (R24, R28, R31, R32).

    R24: who decides it is the routing table's answer for its kind in its situation (routing.py: `route`)."""
    relation = route(kind, situation)
    duplicate = FieldError(
        ErrorCode.DUPLICATE_REQUEST,
        "You already have a pending request for this; wait for its decision or cancel it.",
        error_field,
    )
    request = AccessRequest(
        tracking_number=await new_tracking_number(uc.db, uc.now),
        kind=kind,
        status=RequestStatus.PENDING,
        requester_id=uc.actor.id,
        organization_id=organization_id,
        user_group_id=user_group_id,
        company_id=company_id,
        application_id=application_id,
        approver_relation=relation.value,
        proposed_name=proposed_name,
        details=details or {},
        created_at=uc.now,
        expires_at=uc.now + uc.request_ttl,
        justification=uc.terms.justification,  # R40
        requested_ends_at=uc.terms.ends_at,
    )
    uc.db.add(request)
    try:
        async with uc.db.begin_nested():
            await uc.db.flush()
    except IntegrityError as exc:
        if "uq_access_requests_pending_scope" in str(exc.orig):
            raise DomainError(duplicate) from exc
        raise
    await record(
        uc.db,
        at=uc.now,
        action=AuditAction.REQUEST_SUBMITTED,
        actor_id=uc.actor.id,
        subject_user_id=uc.actor.id,
        organization_id=organization_id,
        request_id=request.id,
        ip_address=uc.actor.ip_address,
        details={"kind": kind.value, "trackingNumber": request.tracking_number},
    )
    await notify_queue(uc.db, request.id)
    for approver in await approvers_of(uc.db, [request]):
        await enqueue(
            uc.db,
            at=uc.now,
            to=approver.email,
            mail=templates.request_submitted(approver.name, uc.actor.user.name, kind.value, request.tracking_number),
        )
    return request


def _situation(org: Organization, *, requester_administers_group: bool = False) -> Situation:
    """What routing needs to know of a request about `org` (routing.py: `Situation`)."""
    return Situation(
        practice=org.kind == OrganizationKind.INDIVIDUAL_PRACTITIONER,
        requester_administers_group=requester_administers_group,
    )


async def request_organization_registration(
    uc: UseCase,
    *,
    legal_business_name: str,
    tin: str,
    npi: str,
    ptan: str | None,
    provider_type: ProviderType,
    community: Community,
    address: Address,
) -> AccessRequest:
    """R6, R7, R11: the first person of an organization registers it and asks to be its SO."""
    _require_verified(uc.actor)
    errors = ErrorCollector()
    name = clean_text(errors, legal_business_name, "legalBusinessName", label="Legal business name", max_length=200)
    tin = clean_tin(errors, tin, "tin")
    npi = clean_npi(errors, npi, "npi")
    ptan = clean_ptan(errors, ptan, "ptan")
    cleaned = clean_address(errors, address, "address")
    check_community(errors, provider_type, community, "community")
    if not errors.has("community") and community != uc.actor.user.community:
        errors.add(
            ErrorCode.COMMUNITY_MISMATCH,
            f"Your account is in the {COMMUNITY_NAMES[uc.actor.user.community]} "
            "community; you can register organizations of that community only.",
            "community",
        )
    closed = await registration_closed_reason(uc.db, provider_type)  # R11, R42: the help desk's switch
    if closed is not None:
        errors.add(ErrorCode.REGISTRATION_CLOSED, closed, "providerType")
    errors.raise_if_any()

    existing = await uc.db.scalar(
        select(Organization).where(Organization.tin == tin, Organization.npi == npi).with_for_update()
    )
    if existing is not None and existing.status != OrganizationStatus.DENIED:
        raise DomainError.single(
            ErrorCode.ORGANIZATION_EXISTS,
            "An organization with this TIN and NPI is already registered; ask its Security Official for access.",
            ("npi",),
        )
    org = existing or Organization(tin=tin, npi=npi)
    org.legal_business_name = name
    org.kind = organization_kind(provider_type)
    org.provider_type = provider_type
    org.community = community
    org.ptan = ptan
    org.address_line1, org.address_line2 = cleaned.line1, cleaned.line2
    org.city, org.state, org.zip = cleaned.city, cleaned.state, cleaned.zip
    org.status = OrganizationStatus.PENDING
    org.decided_at = None
    if existing is None:
        uc.db.add(org)
    try:
        async with uc.db.begin_nested():
            await uc.db.flush()
    except IntegrityError as exc:  # a concurrent registration of the same (TIN, NPI) won
        raise DomainError.single(
            ErrorCode.ORGANIZATION_EXISTS, "An organization with this TIN and NPI is already registered.", ("npi",)
        ) from exc
    return await _submit(
        uc,
        RequestKind.REGISTER_ORGANIZATION,
        _situation(org),
        organization_id=org.id,
        details={"legalBusinessName": name},
    )


async def request_individual_practitioner(uc: UseCase, *, npi: str, address: Address) -> AccessRequest:
    """R22: a professional registers personally; the practice is an organization of one."""
    _require_verified(uc.actor)
    if any(r.role == Role.INDIVIDUAL_PRACTITIONER for r in uc.actor.roles):
        raise DomainError.single(
            ErrorCode.ALREADY_HOLDS_ROLE,
            "You are already registered as an individual practitioner.",  # R22: a single role
        )
    errors = ErrorCollector()
    npi = clean_npi(errors, npi, "npi")
    cleaned = clean_address(errors, address, "address")
    if uc.actor.user.community != Community.PROVIDER_SUPPLIER:
        errors.add(
            ErrorCode.COMMUNITY_MISMATCH,
            f"Individual practitioners are in the {COMMUNITY_NAMES[Community.PROVIDER_SUPPLIER]} community.",
        )
    closed = await registration_closed_reason(uc.db, ProviderType.OTHER_PROVIDER)  # R22, R42: a practice's type
    if closed is not None:  # share-locked like an organization's registration: closing waits, or we are refused
        errors.add(ErrorCode.REGISTRATION_CLOSED, closed)
    errors.raise_if_any()
    existing = await uc.db.scalar(
        select(Organization)
        .where(Organization.npi == npi, Organization.kind == OrganizationKind.INDIVIDUAL_PRACTITIONER)
        .with_for_update()
    )
    if existing is not None and existing.status != OrganizationStatus.DENIED:
        raise DomainError.single(
            ErrorCode.ORGANIZATION_EXISTS, "A practitioner with this NPI is already registered.", ("npi",)
        )
    org = existing or Organization(npi=npi, kind=OrganizationKind.INDIVIDUAL_PRACTITIONER)
    org.legal_business_name = uc.actor.user.name
    org.provider_type = ProviderType.OTHER_PROVIDER
    org.community = Community.PROVIDER_SUPPLIER
    org.address_line1, org.address_line2 = cleaned.line1, cleaned.line2
    org.city, org.state, org.zip = cleaned.city, cleaned.state, cleaned.zip
    org.status = OrganizationStatus.PENDING
    org.decided_at = None
    if existing is None:
        uc.db.add(org)
    try:
        async with uc.db.begin_nested():
            await uc.db.flush()
    except IntegrityError as exc:
        raise DomainError.single(
            ErrorCode.ORGANIZATION_EXISTS, "A practitioner with this NPI is already registered.", ("npi",)
        ) from exc
    return await _submit(uc, RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER, _situation(org), organization_id=org.id)


async def request_backup_security_official(uc: UseCase, organization_id: uuid.UUID | None) -> AccessRequest:
    """R9: anyone of the community may ask to be a BSO of an approved organization; the SO approves."""
    _require_verified(uc.actor)
    org = await _usable_organization(uc.db, uc.actor, organization_id, "organizationId")
    if org.kind == OrganizationKind.INDIVIDUAL_PRACTITIONER:
        raise DomainError.single(
            ErrorCode.INVALID_INPUT,
            "An individual practitioner's practice has no Backup Security Officials.",  # R22
            ("organizationId",),
        )
    if uc.actor.holds(Role.SECURITY_OFFICIAL, organization_id=org.id) or uc.actor.holds(
        Role.BACKUP_SECURITY_OFFICIAL, organization_id=org.id
    ):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, "You are already an official of this organization.")
    conflict = _role_conflict(uc.actor, org.id, Role.BACKUP_SECURITY_OFFICIAL)
    if conflict is not None:
        raise DomainError(conflict)
    return await _submit(
        uc,
        RequestKind.BACKUP_SECURITY_OFFICIAL,
        _situation(org),
        organization_id=org.id,
    )


async def request_security_official_succession(uc: UseCase, organization_id: uuid.UUID | None) -> AccessRequest:
    """R10: a BSO asks to become the SO; the help desk approves. The SO may already have left: that is
    precisely when succession is needed, so only the organization's approval is required here."""
    _require_verified(uc.actor)
    org = await _organization(uc.db, organization_id, "organizationId")
    if not uc.actor.holds(Role.BACKUP_SECURITY_OFFICIAL, organization_id=org.id):
        raise DomainError.single(
            ErrorCode.FORBIDDEN,
            "Only a Backup Security Official of the organization can ask to succeed its Security Official.",
            ("organizationId",),
        )
    return await _submit(uc, RequestKind.SUCCEED_SECURITY_OFFICIAL, _situation(org), organization_id=org.id)


async def request_user_group(
    uc: UseCase, organization_id: uuid.UUID | None, name: str, description: str | None
) -> AccessRequest:
    """R12 (a): create a provider user group and administer it; the SO or a BSO approves."""
    _require_verified(uc.actor)
    errors = ErrorCollector()
    name = clean_text(errors, name, "name", label="Group name", max_length=120)
    if description is not None:
        description = (
            clean_text(errors, description, "description", label="Description", max_length=1000, required=False) or None
        )
    errors.raise_if_any()
    org = await _usable_organization(uc.db, uc.actor, organization_id, "organizationId")
    if org.kind == OrganizationKind.INDIVIDUAL_PRACTITIONER:
        raise DomainError.single(
            ErrorCode.INVALID_INPUT,
            "An individual practitioner's practice has no user groups.",  # R22
            ("organizationId",),
        )
    conflict = _role_conflict(uc.actor, org.id, Role.USER_GROUP_ADMINISTRATOR)
    if conflict is not None:
        raise DomainError(conflict)
    taken = await uc.db.scalar(
        select(UserGroup.id).where(UserGroup.organization_id == org.id, func.lower(UserGroup.name) == name.lower())
    )
    if taken is not None:
        raise DomainError.single(
            ErrorCode.INVALID_INPUT,
            "This organization already has a group of that name; ask to administer it instead.",
            ("name",),
        )
    return await _submit(
        uc,
        RequestKind.CREATE_USER_GROUP,
        _situation(org),
        organization_id=org.id,
        proposed_name=name,
        details={"description": description},
    )


async def request_user_group_administration(uc: UseCase, user_group_id: uuid.UUID | None) -> AccessRequest:
    """R12 (b): administer an existing provider user group; the SO or a BSO approves."""
    _require_verified(uc.actor)
    group = await _group(uc.db, user_group_id, "userGroupId")
    if group.kind != UserGroupKind.PROVIDER:
        raise DomainError.single(
            ErrorCode.INVALID_INPUT,
            "A surrogate group is administered by its company; ask to join the company instead.",
            ("userGroupId",),
        )
    org = await _usable_organization(uc.db, uc.actor, group.organization_id, "userGroupId")
    if uc.actor.holds(Role.USER_GROUP_ADMINISTRATOR, user_group_id=group.id, application_id=None):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, "You already administer this group.")
    conflict = _role_conflict(uc.actor, org.id, Role.USER_GROUP_ADMINISTRATOR)
    if conflict is not None:
        raise DomainError(conflict)
    return await _submit(
        uc,
        RequestKind.ADMINISTER_USER_GROUP,
        _situation(org),
        organization_id=org.id,
        user_group_id=group.id,
    )


async def request_user_group_membership(uc: UseCase, user_group_id: uuid.UUID | None) -> AccessRequest:
    """R13: join a user group as an end user; a UGA of the group approves."""
    _require_verified(uc.actor)
    group = await _group(uc.db, user_group_id, "userGroupId")
    org = await _usable_organization(uc.db, uc.actor, group.organization_id, "userGroupId")
    if uc.actor.holds(Role.END_USER, user_group_id=group.id, application_id=None) or uc.actor.holds(
        Role.USER_GROUP_ADMINISTRATOR, user_group_id=group.id, application_id=None
    ):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, "You are already in this group.")
    return await _submit(
        uc,
        RequestKind.JOIN_USER_GROUP,
        _situation(org),
        organization_id=org.id,
        user_group_id=group.id,
    )


async def request_surrogate_company_membership(uc: UseCase, company_id: uuid.UUID | None) -> AccessRequest:
    """R17: staff join a surrogate company; an existing company UGA approves."""
    _require_verified(uc.actor)
    company = await uc.db.get(SurrogateCompany, company_id) if company_id is not None else None
    if company is None:
        raise DomainError(_not_found("company", "companyId"))
    if uc.actor.holds(Role.END_USER, company_id=company.id, user_group_id=None) or uc.actor.holds(
        Role.USER_GROUP_ADMINISTRATOR, company_id=company.id, user_group_id=None
    ):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, "You already belong to this company.")
    return await _submit(uc, RequestKind.JOIN_SURROGATE_COMPANY, company_id=company.id)


async def request_company_administration(uc: UseCase, company_id: uuid.UUID | None) -> AccessRequest:
    """R35: a person asks to administer a surrogate company; one of its administrators decides, or the help desk
    when it has none left (routing.py: `route`)."""
    _require_verified(uc.actor)
    company = await uc.db.get(SurrogateCompany, company_id) if company_id is not None else None
    if company is None:
        raise DomainError(_not_found("company", "companyId"))
    if uc.actor.holds_company_administration(company.id):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, "You already administer this company.", ("companyId",))
    administrators = (await company_administrators(uc.db, [company.id]))[company.id]
    return await _submit(
        uc,
        RequestKind.ADMINISTER_SURROGATE_COMPANY,
        Situation(company_has_administrator=bool(administrators)),
        company_id=company.id,
        details={"companyName": company.name},
        error_field=("companyId",),
    )


@dataclass
class SurrogateOutcome:
    requests: list[AccessRequest]
    errors: list[FieldError]


async def request_surrogate_user_groups(  # noqa: PLR0915 - one check per rule, in order
    uc: UseCase,
    *,
    company_id: uuid.UUID | None,
    new_company_name: str | None,
    new_company_tin: str | None,
    organization_ids: Sequence[uuid.UUID | None],
) -> SurrogateOutcome:
    """R16-R21: one request per organization; errors per organization do not block the valid ones (R20).

    `organization_ids` holds None for an id that could not be read; it is reported as NOT_FOUND.
    """
    _require_verified(uc.actor)
    errors = ErrorCollector()
    if (company_id is None) == (new_company_name is None):
        errors.add(ErrorCode.INVALID_INPUT, "Give either companyId or company, not both.", "companyId")
    if not organization_ids:
        errors.add(ErrorCode.INVALID_INPUT, "Name at least one organization.", "organizationIds")
    elif len(organization_ids) > MAX_ORGANIZATIONS_PER_SUBMISSION:
        errors.add(
            ErrorCode.INVALID_INPUT,
            f"Name at most {MAX_ORGANIZATIONS_PER_SUBMISSION} organizations.",
            "organizationIds",
        )
    name = tin = None
    if new_company_name is not None:
        name = clean_text(errors, new_company_name, "company", "name", label="Company name", max_length=200)
        tin = clean_tin(errors, new_company_tin or "", "company", "tin")
    errors.raise_if_any()
    if tin is not None and await uc.db.scalar(select(SurrogateCompany.id).where(SurrogateCompany.tin == tin)):
        raise DomainError(_company_exists())  # R35: one company per TIN

    company: SurrogateCompany | None = None
    if company_id is not None:
        company = await uc.db.get(SurrogateCompany, company_id)
        # R17: only the company's UGAs act for it; anyone else is told it does not exist (no probing).
        if company is None:
            raise DomainError(_not_found("company", "companyId"))
        if not uc.actor.holds(Role.USER_GROUP_ADMINISTRATOR, company_id=company.id, user_group_id=None):
            raise DomainError.single(  # companies are findable by name; acting for one needs its UGA role
                ErrorCode.FORBIDDEN, f"Only User Group Administrators of {company.name} act for it.", ("companyId",)
            )

    outcome = SurrogateOutcome(requests=[], errors=[])
    valid: list[tuple[int, Organization]] = []
    seen: set[uuid.UUID] = set()
    for index, org_id in enumerate(organization_ids):
        path = ("organizationIds", str(index))
        if org_id in seen:
            outcome.errors.append(FieldError(ErrorCode.INVALID_INPUT, "This organization is named twice.", path))
            continue
        if org_id is not None:
            seen.add(org_id)
        try:
            org = await _usable_organization(uc.db, uc.actor, org_id, *path)
        except DomainError as exc:
            outcome.errors.extend(exc.errors)
            continue
        if company is not None:
            exists = await uc.db.scalar(
                select(UserGroup.id).where(
                    UserGroup.company_id == company.id,
                    UserGroup.organization_id == org.id,
                    UserGroup.kind == UserGroupKind.SURROGATE,
                )
            ) or await uc.db.scalar(
                select(AccessRequest.id).where(
                    AccessRequest.kind == RequestKind.CREATE_SURROGATE_USER_GROUP,
                    AccessRequest.company_id == company.id,
                    AccessRequest.organization_id == org.id,
                    AccessRequest.status == RequestStatus.PENDING,
                )
            )
            if exists is not None:
                outcome.errors.append(
                    FieldError(
                        ErrorCode.SURROGATE_GROUP_EXISTS,
                        f"{company.name} already serves, or has asked to serve, {org.legal_business_name}.",  # R18
                        path,
                    )
                )
                continue
        conflict = _role_conflict(uc.actor, org.id, Role.USER_GROUP_ADMINISTRATOR)
        if conflict is not None:
            outcome.errors.append(FieldError(conflict.code, conflict.message, path))
            continue
        valid.append((index, org))

    if not valid:
        return outcome
    founding = company is None  # R35: the founder's role takes effect with the first approved group
    if company is None:
        assert name is not None
        assert tin is not None
        company = SurrogateCompany(name=name, tin=tin)
        uc.db.add(company)
        try:
            async with uc.db.begin_nested():
                await uc.db.flush()
        except IntegrityError as exc:  # R35: a concurrent founder of the same TIN won
            if COMPANY_TIN_INDEX in str(exc.orig):
                raise DomainError(_company_exists()) from exc
            raise
    for index, org in valid:
        try:
            request = await _submit(
                uc,
                RequestKind.CREATE_SURROGATE_USER_GROUP,
                _situation(org),  # R21: in a practice the practitioner decides personally
                organization_id=org.id,
                company_id=company.id,
                error_field=("organizationIds", str(index)),
                details={"companyName": company.name, **({"founding": True} if founding else {})},
            )
        except DomainError as exc:
            outcome.errors.extend(exc.errors)
            continue
        outcome.requests.append(request)
    # R35: the founder holds no power yet: their administrator role is granted with the first of these requests
    # that is approved (`_founder_takes_office`); if every one is denied, cancelled or expires, they never hold it.
    return outcome


def _company_exists() -> FieldError:
    return FieldError(
        ErrorCode.COMPANY_EXISTS,
        "A company with this TIN is already registered. Ask to join that company instead (find it by its name); "
        "one of its administrators decides.",
        ("company", "tin"),
    )


async def request_application_access(
    uc: UseCase, application_id: uuid.UUID | None, user_group_id: uuid.UUID | None
) -> AccessRequest:
    """R23: a UGA asks for the group (SO/BSO approve); an end user asks for themselves (a UGA approves)."""
    _require_verified(uc.actor)
    application = (  # R42: share-locked, so that a racing close either waits for this request or refuses it
        await uc.db.scalar(select(Application).where(Application.id == application_id).with_for_update(read=True))
        if application_id is not None
        else None
    )
    if application is None:
        raise DomainError(_not_found("application", "applicationId"))
    if not application.open:
        message = application_closed_message(application)  # R42: with the reason the help desk gave
        raise DomainError.single(ErrorCode.APPLICATION_CLOSED, message, ("applicationId",))
    group = await _group(uc.db, user_group_id, "userGroupId")
    org = await _usable_organization(uc.db, uc.actor, group.organization_id, "userGroupId")
    if uc.actor.holds(Role.USER_GROUP_ADMINISTRATOR, user_group_id=group.id, application_id=None):
        # the organization's officials decide; in a practice, the practitioner (R21, R22, R34)
        role = Role.USER_GROUP_ADMINISTRATOR
    elif uc.actor.holds(Role.END_USER, user_group_id=group.id, application_id=None):
        role = Role.END_USER  # a UGA of the group decides
        group_has_it = await uc.db.scalar(
            select(RoleAssignment.id)
            .where(
                RoleAssignment.user_group_id == group.id,
                RoleAssignment.application_id == application.id,
                RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
                RoleAssignment.status == RoleStatus.ACTIVE,
            )
            .limit(1)
        )
        if group_has_it is None:
            raise DomainError.single(
                ErrorCode.FORBIDDEN,
                f"Your group has no access to {application.name} yet; ask your User Group Administrator to request it.",
                ("applicationId",),
            )
    else:
        raise DomainError.single(  # the group is visible to everyone signed in; only its members may ask
            ErrorCode.FORBIDDEN, "Only members of the group can ask for its applications.", ("userGroupId",)
        )
    if uc.actor.holds(role, user_group_id=group.id, application_id=application.id):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, f"You already have access to {application.name}.")
    return await _submit(
        uc,
        RequestKind.APPLICATION_ACCESS,
        _situation(org, requester_administers_group=role == Role.USER_GROUP_ADMINISTRATOR),
        organization_id=org.id,
        user_group_id=group.id,
        application_id=application.id,
        details={"forGroup": role == Role.USER_GROUP_ADMINISTRATOR},
    )


# --- deciding --------------------------------------------------------------------------------------------


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
    await record(
        uc.db,
        at=uc.now,
        action=AuditAction.REQUEST_APPROVED if approve else AuditAction.REQUEST_DENIED,
        actor_id=uc.actor.id,
        subject_user_id=request.requester_id,
        organization_id=request.organization_id,
        request_id=request.id,
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
    await enqueue(
        uc.db,
        at=uc.now,
        to=requester.email,
        mail=templates.request_decided(
            requester.name,
            request.kind.value,
            request.tracking_number,
            status.value,
            uc.actor.user.name if on_behalf_of is None else f"{uc.actor.user.name} for {on_behalf_of.name}",  # R38
            cleaned_reason,
        ),
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
    """What an approval gives (R7, R9-R13, R16-R23), written in the decision's transaction."""
    await _require_standing(uc, request)
    kind = request.kind
    grants: list[tuple[Role, dict[str, uuid.UUID | None]]] = []
    org_scope = {"organization_id": request.organization_id}
    if kind in {RequestKind.REGISTER_ORGANIZATION, RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER}:
        await uc.db.execute(
            update(Organization)
            .where(Organization.id == request.organization_id)
            .values(status=OrganizationStatus.APPROVED, decided_at=uc.now)
            .execution_options(synchronize_session=False)
        )
        role = Role.SECURITY_OFFICIAL if kind == RequestKind.REGISTER_ORGANIZATION else Role.INDIVIDUAL_PRACTITIONER
        grants.append((role, org_scope))
    elif kind == RequestKind.BACKUP_SECURITY_OFFICIAL:
        grants.append((Role.BACKUP_SECURITY_OFFICIAL, org_scope))
    elif kind == RequestKind.SUCCEED_SECURITY_OFFICIAL:
        # R10: the old SO role and the successor's BSO role end in the same transaction as the new SO role.
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
        grants.append((Role.SECURITY_OFFICIAL, org_scope))
    elif kind == RequestKind.CREATE_USER_GROUP:
        group = UserGroup(
            organization_id=request.organization_id,
            kind=UserGroupKind.PROVIDER,
            name=request.proposed_name or "",
            description=(request.details or {}).get("description"),
        )
        await _add_group(uc, group)
        request.user_group_id = group.id
        grants.append((Role.USER_GROUP_ADMINISTRATOR, {**org_scope, "user_group_id": group.id}))
    elif kind == RequestKind.ADMINISTER_USER_GROUP:
        grants.append((Role.USER_GROUP_ADMINISTRATOR, {**org_scope, "user_group_id": request.user_group_id}))
    elif kind == RequestKind.JOIN_USER_GROUP:
        grants.append((Role.END_USER, {**org_scope, "user_group_id": request.user_group_id}))
    elif kind == RequestKind.JOIN_SURROGATE_COMPANY:
        grants.append((Role.END_USER, {"company_id": request.company_id}))
    elif kind == RequestKind.ADMINISTER_SURROGATE_COMPANY:  # R35: an administrator of the company, in no group
        grants.append((Role.USER_GROUP_ADMINISTRATOR, {"company_id": request.company_id}))
    elif kind == RequestKind.CREATE_SURROGATE_USER_GROUP:
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
        grants.append(
            (Role.USER_GROUP_ADMINISTRATOR, {**org_scope, "user_group_id": group.id, "company_id": company.id})
        )
        if await _founder_takes_office(uc, request):  # R35: the company's first approved group
            grants.append((Role.USER_GROUP_ADMINISTRATOR, {"company_id": company.id}))
    elif kind == RequestKind.APPLICATION_ACCESS:
        # asked by a UGA for the group (decided by the officials or the practitioner), or by an end user
        role = Role.USER_GROUP_ADMINISTRATOR if _for_group(request) else Role.END_USER
        grants.append(
            (role, {**org_scope, "user_group_id": request.user_group_id, "application_id": request.application_id})
        )
    await _check_conflicts_at_approval(uc, request, [role for role, _ in grants])
    for role, scope in grants:
        await _add_role(uc, request, role, scope, ends_at=ends_at)
    await uc.db.flush()


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
    held = await uc.db.scalar(
        select(RoleAssignment.id)
        .where(
            RoleAssignment.user_id == request.requester_id,
            RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
            RoleAssignment.company_id == company.id,
            RoleAssignment.user_group_id.is_(None),
            RoleAssignment.status == RoleStatus.ACTIVE,
        )
        .limit(1)
        .with_for_update(read=True)
    )
    if held is None:
        requester = await uc.db.get(User, request.requester_id)
        assert requester is not None
        raise _deny_instead(f"{requester.name} is no longer an administrator of {company.name}")


async def _require_group_application(uc: UseCase, request: AccessRequest) -> None:
    """R23: an end user gets an application only through a group that still has it (a UGA holds it for the group)."""
    held = await uc.db.scalar(
        select(RoleAssignment.id)
        .where(
            RoleAssignment.user_group_id == request.user_group_id,
            RoleAssignment.application_id == request.application_id,
            RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
            RoleAssignment.status == RoleStatus.ACTIVE,
        )
        .limit(1)
        .with_for_update(read=True)
    )
    if held is None:
        application = await uc.db.get(Application, request.application_id)
        assert application is not None
        raise _deny_instead(f"The group no longer has access to {application.name}")


async def _require_no_practice(uc: UseCase, request: AccessRequest) -> None:
    """R22: one practice per person (two registrations may wait side by side; the second is refused)."""
    held = await uc.db.scalar(
        select(RoleAssignment.id)
        .where(
            RoleAssignment.user_id == request.requester_id,
            RoleAssignment.role == Role.INDIVIDUAL_PRACTITIONER,
            RoleAssignment.status == RoleStatus.ACTIVE,
        )
        .limit(1)
    )
    if held is not None:
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
    try:
        async with uc.db.begin_nested():
            await uc.db.flush()
    except IntegrityError as exc:
        if "uq_user_groups_surrogate_company_organization" in str(exc.orig):
            # R18
            raise DomainError.single(
                ErrorCode.SURROGATE_GROUP_EXISTS, "This company already serves this organization."
            ) from exc
        raise DomainError.single(
            ErrorCode.INVALID_INPUT,
            "The organization has a group of this name by now; deny this request and ask for another name.",
        ) from exc


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
    try:
        async with uc.db.begin_nested():
            await uc.db.flush()
    except IntegrityError as exc:
        if R14_TRIGGER in str(exc.orig):  # the database's R14 rule (the lock makes this unreachable in practice)
            raise DomainError.single(
                ErrorCode.ROLE_CONFLICT,
                "The requester holds a role in this organization that cannot go with this one (two people are "
                "needed). Deny this request with a reason.",
            ) from exc
        raise DomainError.single(
            ErrorCode.ALREADY_HOLDS_ROLE, "The requester already holds this role; cancel or deny the request."
        ) from exc
    await record(
        uc.db,
        at=uc.now,
        action=AuditAction.ROLE_GRANTED,
        actor_id=uc.actor.id,
        subject_user_id=request.requester_id,
        organization_id=request.organization_id,
        request_id=request.id,
        role_assignment_id=assignment.id,
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
    await record(
        uc.db,
        at=uc.now,
        action=AuditAction.REQUEST_CANCELLED,
        actor_id=uc.actor.id,
        subject_user_id=uc.actor.id,
        organization_id=request.organization_id,
        request_id=request.id,
    )
    return request


# The names other modules import from here, where they now live in modules by what they do (re-exported).
__all__ = [
    "OFFICIALS",
    "R14_TRIGGER",
    "Actor",
    "UseCase",
    "active_roles",
    "approvers_by_request",
    "approvers_by_role",
    "approvers_of",
    "company_administrators",
    "load_actor",
    "lock_person_in_organization",
    "may_view_request",
    "may_view_role",
    "r14_conflict",
    "revoke_role",
    "visible_role",
]
