"""Requests: submitting (R6-R23, R28, R40): each use case checks what the request asks for, then `_submit` writes
one pending request routed by the routing table (R24), its audit event and the mail to its approvers.

Every use case runs inside the caller's transaction, flushes, and raises DomainError for anything the person can
fix; the pending-request uniqueness rule is also a database index.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from iacs.domain.applications.models import Application
from iacs.domain.applications.switches import application_closed_message, registration_closed_reason
from iacs.domain.audit.service import AuditAction
from iacs.domain.enums import (
    COMMUNITY_NAMES,
    Community,
    ErrorCode,
    OrganizationKind,
    OrganizationStatus,
    ProviderType,
    RequestKind,
    RequestStatus,
    Role,
    UserGroupKind,
)
from iacs.domain.errors import DomainError, ErrorCollector, FieldError, flush_refusing
from iacs.domain.groups.models import UserGroup
from iacs.domain.notifications import templates
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.actors import UseCase, _require_verified
from iacs.domain.requests.approvers import approvers_of, company_administrators
from iacs.domain.requests.checks import (
    _company,
    _group,
    _not_found,
    _organization,
    _role_conflict,
    _usable_organization,
    group_has_application,
)
from iacs.domain.requests.decisions import notify_queue
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import ORDINARY, Situation, route
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
from iacs.domain.surrogates.models import SurrogateCompany
from iacs.domain.validation import clean_text

MAX_ORGANIZATIONS_PER_SUBMISSION = 100


COMPANY_TIN_INDEX = "uq_surrogate_companies_tin"  # R35


async def _submit(
    uc: UseCase,
    kind: RequestKind,
    org: Organization | None = None,
    situation: Situation | None = None,
    *,
    user_group_id: uuid.UUID | None = None,
    company_id: uuid.UUID | None = None,
    application_id: uuid.UUID | None = None,
    proposed_name: str | None = None,
    details: dict[str, Any] | None = None,
    error_field: tuple[str, ...] | None = None,
) -> AccessRequest:
    """Create one pending request, its audit event and the mail to its approvers (R24, R28, R31, R32).

    R24: who decides it is the routing table's answer for its kind in its situation (routing.py: `route`); a request
    about an organization (`org`) is in that organization's situation unless another is given."""
    organization_id = org.id if org is not None else None
    if situation is None:
        situation = _situation(org) if org is not None else ORDINARY
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
    await flush_refusing(uc.db, {"uq_access_requests_pending_scope": duplicate})
    await uc.record(
        AuditAction.REQUEST_SUBMITTED,
        subject_user_id=uc.actor.id,
        organization_id=organization_id,
        request_id=request.id,
        ip_address=uc.actor.ip_address,
        details={"kind": kind.value, "trackingNumber": request.tracking_number},
    )
    await notify_queue(uc.db, request.id)
    for approver in await approvers_of(uc.db, [request]):
        await uc.mail(approver, templates.request_submitted, uc.actor.user.name, kind.value, request.tracking_number)
    return request


def _situation(org: Organization, *, requester_administers_group: bool = False) -> Situation:
    """What routing needs to know of a request about `org` (routing.py: `Situation`)."""
    return Situation(
        practice=org.kind == OrganizationKind.INDIVIDUAL_PRACTITIONER,
        requester_administers_group=requester_administers_group,
    )


async def _save_registration(uc: UseCase, org: Organization, address: Address, *, new: bool, taken: str) -> None:
    """R7, R22: the organization (or practice) with this address waits for a decision; a denied one registered
    again keeps its row. `taken`: what the person is told when a concurrent registration of the same one won."""
    org.address_line1, org.address_line2 = address.line1, address.line2
    org.city, org.state, org.zip = address.city, address.state, address.zip
    org.status = OrganizationStatus.PENDING
    org.decided_at = None
    if new:
        uc.db.add(org)
    await flush_refusing(uc.db, {}, FieldError(ErrorCode.ORGANIZATION_EXISTS, taken, ("npi",)))


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
    await _save_registration(
        uc,
        org,
        cleaned,
        new=existing is None,
        taken="An organization with this TIN and NPI is already registered.",
    )
    return await _submit(uc, RequestKind.REGISTER_ORGANIZATION, org, details={"legalBusinessName": name})


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
    await _save_registration(
        uc, org, cleaned, new=existing is None, taken="A practitioner with this NPI is already registered."
    )
    return await _submit(uc, RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER, org)


async def _usable_provider(uc: UseCase, organization_id: uuid.UUID | None, refusal: str) -> Organization:
    """An organization the person may ask about, not a practice: `refusal` says what a practice has not (R22)."""
    org = await _usable_organization(uc.db, uc.actor, organization_id, "organizationId")
    if org.kind == OrganizationKind.INDIVIDUAL_PRACTITIONER:
        raise DomainError.single(ErrorCode.INVALID_INPUT, refusal, ("organizationId",))
    return org


async def request_backup_security_official(uc: UseCase, organization_id: uuid.UUID | None) -> AccessRequest:
    """R9: anyone of the community may ask to be a BSO of an approved organization; the SO approves."""
    _require_verified(uc.actor)
    org = await _usable_provider(
        uc, organization_id, "An individual practitioner's practice has no Backup Security Officials."
    )  # R22
    if uc.actor.holds(Role.SECURITY_OFFICIAL, organization_id=org.id) or uc.actor.holds(
        Role.BACKUP_SECURITY_OFFICIAL, organization_id=org.id
    ):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, "You are already an official of this organization.")
    conflict = _role_conflict(uc.actor, org.id, Role.BACKUP_SECURITY_OFFICIAL)
    if conflict is not None:
        raise DomainError(conflict)
    return await _submit(uc, RequestKind.BACKUP_SECURITY_OFFICIAL, org)


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
    return await _submit(uc, RequestKind.SUCCEED_SECURITY_OFFICIAL, org)


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
    org = await _usable_provider(
        uc, organization_id, "An individual practitioner's practice has no user groups."
    )  # R22
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
        uc, RequestKind.CREATE_USER_GROUP, org, proposed_name=name, details={"description": description}
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
    return await _submit(uc, RequestKind.ADMINISTER_USER_GROUP, org, user_group_id=group.id)


async def request_user_group_membership(uc: UseCase, user_group_id: uuid.UUID | None) -> AccessRequest:
    """R13: join a user group as an end user; a UGA of the group approves."""
    _require_verified(uc.actor)
    group = await _group(uc.db, user_group_id, "userGroupId")
    org = await _usable_organization(uc.db, uc.actor, group.organization_id, "userGroupId")
    if uc.actor.holds(Role.END_USER, user_group_id=group.id, application_id=None) or uc.actor.holds(
        Role.USER_GROUP_ADMINISTRATOR, user_group_id=group.id, application_id=None
    ):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, "You are already in this group.")
    return await _submit(uc, RequestKind.JOIN_USER_GROUP, org, user_group_id=group.id)


async def request_surrogate_company_membership(uc: UseCase, company_id: uuid.UUID | None) -> AccessRequest:
    """R17: staff join a surrogate company; an existing company UGA approves."""
    _require_verified(uc.actor)
    company = await _company(uc.db, company_id, "companyId")
    if uc.actor.holds(Role.END_USER, company_id=company.id, user_group_id=None) or uc.actor.holds(
        Role.USER_GROUP_ADMINISTRATOR, company_id=company.id, user_group_id=None
    ):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, "You already belong to this company.")
    return await _submit(uc, RequestKind.JOIN_SURROGATE_COMPANY, company_id=company.id)


async def request_company_administration(uc: UseCase, company_id: uuid.UUID | None) -> AccessRequest:
    """R35: a person asks to administer a surrogate company; one of its administrators decides, or the help desk
    when it has none left (routing.py: `route`)."""
    _require_verified(uc.actor)
    company = await _company(uc.db, company_id, "companyId")
    if uc.actor.holds_company_administration(company.id):
        raise DomainError.single(ErrorCode.ALREADY_HOLDS_ROLE, "You already administer this company.", ("companyId",))
    administrators = (await company_administrators(uc.db, [company.id]))[company.id]
    return await _submit(
        uc,
        RequestKind.ADMINISTER_SURROGATE_COMPANY,
        situation=Situation(company_has_administrator=bool(administrators)),
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
        # R17: only the company's UGAs act for it; anyone else is told it does not exist (no probing).
        company = await _company(uc.db, company_id, "companyId")
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
        # R35: a concurrent founder of the same TIN won
        await flush_refusing(uc.db, {COMPANY_TIN_INDEX: _company_exists()})
    for index, org in valid:
        try:
            request = await _submit(
                uc,
                RequestKind.CREATE_SURROGATE_USER_GROUP,
                org,  # R21: in a practice the practitioner decides personally
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
        if not await group_has_application(uc.db, group.id, application.id):
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
        org,
        _situation(org, requester_administers_group=role == Role.USER_GROUP_ADMINISTRATOR),
        user_group_id=group.id,
        application_id=application.id,
        details={"forGroup": role == Role.USER_GROUP_ADMINISTRATOR},
    )
