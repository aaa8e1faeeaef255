"""Demo data for `make run`: one person per role, every one marked as demo (is_demo, "(demo)" names).

Loaded once per database; the sign-ins are printed at every start. Refused in production.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.auth import passwords, tokens
from iacs.domain.accounts.models import User
from iacs.domain.applications.models import Application
from iacs.domain.audit.service import AuditAction, record
from iacs.domain.enums import (
    Community,
    OrganizationKind,
    OrganizationStatus,
    ProviderType,
    RequestKind,
    RequestStatus,
    Role,
    UserGroupKind,
)
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.identifiers import npi_check_digit
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import KIND_RELATIONS
from iacs.domain.requests.tracking import new_tracking_number
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany

DEMO_PASSWORD = "iacs-demo-only-2026"  # noqa: S105 - printed on purpose; demo data is refused in production
DEMO_DOMAIN = "demo.iacs.test"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    role: str


DEMO_PEOPLE = [
    DemoPerson(f"helpdesk@{DEMO_DOMAIN}", "Hanna Helpdesk (demo)", "Help desk"),
    DemoPerson(f"so@{DEMO_DOMAIN}", "Sam Official (demo)", "Security Official, Lakeside General Hospital"),
    DemoPerson(f"bso@{DEMO_DOMAIN}", "Bea Backup (demo)", "Backup Security Official, Lakeside General Hospital"),
    DemoPerson(f"uga@{DEMO_DOMAIN}", "Uma Admin (demo)", "User Group Administrator, Patient Accounts"),
    DemoPerson(f"user@{DEMO_DOMAIN}", "Eli Enduser (demo)", "End user, Patient Accounts"),
    DemoPerson(f"billing@{DEMO_DOMAIN}", "Bill Surrogate (demo)", "UGA of Acme Billing, surrogate for Lakeside"),
    DemoPerson(f"doctor@{DEMO_DOMAIN}", "Dr. Ida Practitioner (demo)", "Individual practitioner"),
]


def _npi(seed: int) -> str:
    first_nine = f"1{seed:08d}"
    return first_nine + npi_check_digit(first_nine)


async def demo_loaded(db: AsyncSession) -> bool:
    return await db.scalar(select(User.id).where(User.is_demo.is_(True)).limit(1)) is not None


async def load_demo(db: AsyncSession, now: datetime) -> None:
    """Create the demo world inside the caller's transaction."""
    password_hash = await passwords.hash_password(DEMO_PASSWORD)
    people: dict[str, User] = {}
    for person in DEMO_PEOPLE:
        user = User(
            user_id=tokens.new_user_id(),
            email=person.email,
            name=person.name,
            community=Community.PROVIDER_SUPPLIER,
            password_hash=password_hash,
            terms_accepted_at=now,
            email_verified_at=now,
            is_demo=True,
        )
        db.add(user)
        people[person.email.split("@")[0]] = user
    await db.flush()
    help_desk = people["helpdesk"]
    db.add(RoleAssignment(user_id=help_desk.id, role=Role.HELP_DESK, granted_at=now))

    for code, name, is_open in (
        ("PQRI", "PQRI feedback reports", True),
        ("PSR", "Provider Statistical and Reimbursement (PS&R)", True),
        ("HETS", "HETS UI eligibility", False),
    ):
        db.add(Application(code=code, name=name, open=is_open))

    hospital = _organization("Lakeside General Hospital (demo)", ProviderType.HOSPITAL, npi=_npi(1), tin="990000001")
    practice = Organization(
        legal_business_name="Ida Practitioner MD (demo)",
        kind=OrganizationKind.INDIVIDUAL_PRACTITIONER,
        provider_type=ProviderType.PHYSICIAN_GROUP,
        community=Community.PROVIDER_SUPPLIER,
        npi=_npi(2),
        address_line1="12 Elm Street",
        city="Springfield",
        state="IL",
        zip="62701",
        status=OrganizationStatus.APPROVED,
        decided_at=now,
        is_demo=True,
    )
    company = SurrogateCompany(name="Acme Billing (demo)", tin="990000009", is_demo=True)
    db.add_all([hospital, practice, company])
    await db.flush()

    day = timedelta(days=1)
    at = now - 10 * day
    await _grant(
        db,
        people["so"],
        Role.SECURITY_OFFICIAL,
        RequestKind.REGISTER_ORGANIZATION,
        help_desk,
        at,
        organization_id=hospital.id,
    )
    await _grant(
        db,
        people["doctor"],
        Role.INDIVIDUAL_PRACTITIONER,
        RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER,
        help_desk,
        at,
        organization_id=practice.id,
    )
    await _grant(
        db,
        people["bso"],
        Role.BACKUP_SECURITY_OFFICIAL,
        RequestKind.BACKUP_SECURITY_OFFICIAL,
        people["so"],
        at + day,
        organization_id=hospital.id,
    )
    accounts = UserGroup(
        organization_id=hospital.id,
        kind=UserGroupKind.PROVIDER,
        name="Patient Accounts",
        description="Claims and eligibility staff (demo)",
    )
    billing_group = UserGroup(
        organization_id=hospital.id,
        kind=UserGroupKind.SURROGATE,
        company_id=company.id,
        name="Acme Billing for Lakeside",
    )
    db.add_all([accounts, billing_group])
    await db.flush()
    await _grant(
        db,
        people["uga"],
        Role.USER_GROUP_ADMINISTRATOR,
        RequestKind.CREATE_USER_GROUP,
        people["so"],
        at + 2 * day,
        organization_id=hospital.id,
        user_group_id=accounts.id,
        proposed_name=accounts.name,
    )
    await _grant(
        db,
        people["user"],
        Role.END_USER,
        RequestKind.JOIN_USER_GROUP,
        people["uga"],
        at + 3 * day,
        organization_id=hospital.id,
        user_group_id=accounts.id,
    )
    await _grant(
        db,
        people["billing"],
        Role.USER_GROUP_ADMINISTRATOR,
        RequestKind.CREATE_SURROGATE_USER_GROUP,
        people["so"],
        at + 4 * day,
        organization_id=hospital.id,
        user_group_id=billing_group.id,
        company_id=company.id,
    )


def _organization(name: str, provider_type: ProviderType, *, npi: str, tin: str) -> Organization:
    return Organization(
        legal_business_name=name,
        kind=OrganizationKind.PROVIDER,
        provider_type=provider_type,
        community=Community.PROVIDER_SUPPLIER,
        npi=npi,
        tin=tin,
        address_line1="100 Lakeside Drive",
        city="Springfield",
        state="IL",
        zip="62704-1234",
        status=OrganizationStatus.APPROVED,
        is_demo=True,
    )


async def _grant(
    db: AsyncSession,
    user: User,
    role: Role,
    kind: RequestKind,
    approver: User,
    at: datetime,
    *,
    organization_id: uuid.UUID | None = None,
    user_group_id: uuid.UUID | None = None,
    company_id: uuid.UUID | None = None,
    proposed_name: str | None = None,
) -> None:
    """An approved request and the role it granted, with their audit events (R25, R31)."""
    request = AccessRequest(
        tracking_number=await new_tracking_number(db, at),
        kind=kind,
        status=RequestStatus.APPROVED,
        requester_id=user.id,
        organization_id=organization_id,
        user_group_id=user_group_id,
        company_id=company_id,
        proposed_name=proposed_name,
        approver_relation=next(iter(sorted(KIND_RELATIONS[kind]))).value,
        created_at=at,
        expires_at=at + timedelta(days=30),
        decided_at=at + timedelta(hours=2),
        decided_by_id=approver.id,
        details={"demo": True},
    )
    db.add(request)
    await db.flush()
    assignment = RoleAssignment(
        user_id=user.id,
        role=role,
        organization_id=organization_id,
        user_group_id=user_group_id,
        company_id=company_id,
        request_id=request.id,
        granted_at=at + timedelta(hours=2),
        granted_by_id=approver.id,
        certify_by=at + timedelta(days=365),
    )
    db.add(assignment)
    await db.flush()
    await record(
        db,
        at=at,
        action=AuditAction.REQUEST_SUBMITTED,
        actor_id=user.id,
        subject_user_id=user.id,
        organization_id=organization_id,
        request_id=request.id,
        details={"demo": True},
    )
    await record(
        db,
        at=at + timedelta(hours=2),
        action=AuditAction.REQUEST_APPROVED,
        actor_id=approver.id,
        subject_user_id=user.id,
        organization_id=organization_id,
        request_id=request.id,
    )
    await record(
        db,
        at=at + timedelta(hours=2),
        action=AuditAction.ROLE_GRANTED,
        actor_id=approver.id,
        subject_user_id=user.id,
        organization_id=organization_id,
        role_assignment_id=assignment.id,
        details={"role": role.value},
    )


def sign_in_banner(base_url: str) -> str:
    width = max(len(p.email) for p in DEMO_PEOPLE)
    lines = [
        "",
        f"  IACS is running at {base_url}  (GraphiQL: {base_url}/graphql)",
        f"  Demo people (DEMO DATA ONLY), all with the password {DEMO_PASSWORD!r}:",
    ]
    lines += [f"    {p.email.ljust(width)}  {p.role}" for p in DEMO_PEOPLE]
    lines.append("")
    return "\n".join(lines)
