"""Demo data for `make run`: a small realistic world, built through the real use cases.

Every demo person, organization and company is marked (`is_demo`, "(demo)" in names). The world is made
by submitting and deciding requests exactly as people would, so it obeys every rule and leaves a true audit
trail. It shows every feature to a newcomer: pending work in every kind of queue, roles due for their annual
certification (Lakeside's story began almost a year ago), a Medicare contractor's organization with its own
officials, group, end user and a newcomer waiting (its own community), a billing company serving an individual
practitioner, and a locked account for the help desk to unlock (locked anew at every start, by five wrong
passwords, as the sign-in rule does). Loaded once per database; refused in production.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.auth import passwords, tokens
from iacs.domain.accounts import service as accounts
from iacs.domain.accounts.models import SignInThrottle, User
from iacs.domain.applications.models import Application
from iacs.domain.enums import Community, ProviderType, Role
from iacs.domain.lifecycle.service import certify
from iacs.domain.notifications.models import OutboxMail
from iacs.domain.organizations.identifiers import npi_check_digit
from iacs.domain.organizations.models import Organization
from iacs.domain.requests import service
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.validation import Address
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany

DEMO_PASSWORD = "iacs-demo-only-2026"  # noqa: S105 - printed on purpose; demo data is refused in production
DEMO_DOMAIN = "demo.iacs.test"
LAKESIDE_STARTED = timedelta(days=345)  # its roles come due for certification within 30 days (R30)


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    role: str
    community: Community = Community.PROVIDER_SUPPLIER

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


DEMO_PEOPLE = [
    DemoPerson("helpdesk", "Hanna Helpdesk (demo)", "Help desk: registrations, look-ups, unlocking accounts"),
    DemoPerson("so", "Sam Official (demo)", "Security Official, Lakeside General Hospital"),
    DemoPerson("bso", "Bea Backup (demo)", "Backup Security Official, Lakeside General Hospital"),
    DemoPerson("uga", "Uma Admin (demo)", "User Group Administrator, Patient Accounts (Lakeside): 2 roles to certify"),
    DemoPerson("user", "Eli Enduser (demo)", "End user, Patient Accounts (Lakeside)"),
    DemoPerson("rita", "Rita Riverside (demo)", "Security Official, Riverside Physician Group"),
    DemoPerson("hugo", "Hugo Hillcrest (demo)", "Security Official, Hillcrest Home Health"),
    DemoPerson(
        "billing",
        "Bill Surrogate (demo)",
        "Sole administrator of Acme Billing: serves Lakeside, Riverside and Dr. Ida; Hillcrest pending",
    ),
    DemoPerson("doctor", "Dr. Ida Practitioner (demo)", "Individual practitioner, served by Acme Billing"),
    DemoPerson(
        "claims",
        "Cora Claims (demo)",
        "Founder of Prompt Claims: administers it once Dr. Ida approves its first request",
    ),
    DemoPerson(
        "carla",
        "Carla Contractor (demo)",
        "Security Official, Heartland Medicare Services (a Medicare contractor)",
        Community.FI_CARRIER_MAC,
    ),
    DemoPerson(
        "kurt",
        "Kurt Keeper (demo)",
        "Backup Security Official, Heartland Medicare Services",
        Community.FI_CARRIER_MAC,
    ),
    DemoPerson(
        "gwen",
        "Gwen Reviewer (demo)",
        "User Group Administrator, Medical Review (Heartland): Otto waits to join",
        Community.FI_CARRIER_MAC,
    ),
    DemoPerson("nora", "Nora Nurse (demo)", "End user, Medical Review (Heartland)", Community.FI_CARRIER_MAC),
    DemoPerson("otto", "Otto Onboard (demo)", "Waiting to join Medical Review (Heartland)", Community.FI_CARRIER_MAC),
    DemoPerson("mona", "Mona Maple (demo)", "Registering Maple Hospice (waiting for the help desk)"),
    DemoPerson("newhire", "Nico Newhire (demo)", "Waiting to join Patient Accounts and Acme Billing"),
    DemoPerson("lou", "Lou Locked (demo)", "End user, Patient Accounts (Lakeside)"),
]
LOCKED_KEY = "lou"  # R4: locked at every start; the help desk unlocks


def _npi(seed: int) -> str:
    first_nine = f"1{seed:08d}"
    return first_nine + npi_check_digit(first_nine)


def _address(line1: str, city: str, zip_code: str) -> Address:
    return Address(line1=line1, line2=None, city=city, state="IL", zip=zip_code)


async def demo_loaded(db: AsyncSession) -> bool:
    return await db.scalar(select(User.id).where(User.is_demo.is_(True)).limit(1)) is not None


class _Script:
    """Acts as each demo person in turn, through the use cases, on a clock that moves day by day."""

    def __init__(self, db: AsyncSession, start: datetime) -> None:
        self.db = db
        self.now = start
        self.people: dict[str, User] = {}

    def tick(self, hours: float = 5) -> None:
        self.now += timedelta(hours=hours)

    async def as_(self, key: str) -> service.UseCase:
        actor = await service.load_actor(self.db, self.people[key])
        return service.UseCase(db=self.db, now=self.now, actor=actor)

    async def approve(self, key: str, request: AccessRequest, reason: str | None = None) -> AccessRequest:
        self.tick()
        return await service.decide(await self.as_(key), request.id, approve=True, reason=reason)


async def load_demo(db: AsyncSession, now: datetime) -> None:  # noqa: PLR0915 - one story, told in order
    """Create the demo world inside the caller's transaction."""
    script = _Script(db, now - LAKESIDE_STARTED)
    password_hash = await passwords.hash_password(DEMO_PASSWORD)
    for person in DEMO_PEOPLE:
        user = User(
            user_id=tokens.new_user_id(),
            email=person.email,
            name=person.name,
            community=person.community,
            password_hash=password_hash,
            terms_accepted_at=script.now,
            email_verified_at=script.now,
            is_demo=True,
        )
        db.add(user)
        script.people[person.key] = user
    await db.flush()
    db.add(RoleAssignment(user_id=script.people["helpdesk"].id, role=Role.HELP_DESK, granted_at=script.now))
    pqri = Application(code="PQRI", name="PQRI feedback reports", open=True)
    db.add_all(
        [
            pqri,
            Application(code="PSR", name="Provider Statistical and Reimbursement (PS&R)", open=True),
            Application(  # R42: closed by the help desk, with the reason people see
                code="HETS",
                name="HETS UI eligibility",
                open=False,
                closed_reason="HETS UI is moving to a new platform; CMS will open requests again when it is ready.",
            ),
        ]
    )
    await db.flush()

    async def register(
        key: str, name: str, provider_type: ProviderType, seed: int, street: tuple[str, str, str]
    ) -> AccessRequest:
        """An organization registered by its SO and approved by the help desk (R6, R7)."""
        script.tick()
        request = await service.request_organization_registration(
            await script.as_(key),
            legal_business_name=name,
            tin=f"99000000{seed}",
            npi=_npi(seed),
            ptan=None,
            provider_type=provider_type,
            community=script.people[key].community,
            address=_address(*street),
        )
        return await script.approve("helpdesk", request)

    # Almost a year ago: Lakeside, its BSO (R9), a user group with its UGA (R12), end users (R13) and the
    # group's PQRI access (R23). These roles come due for their annual certification now (R30).
    lakeside_request = await register(
        "so",
        "Lakeside General Hospital (demo)",
        ProviderType.HOSPITAL,
        1,
        ("100 Lakeside Drive", "Springfield", "62704-1234"),
    )
    lakeside = lakeside_request.organization_id
    script.tick()
    bso = await script.approve("so", await service.request_backup_security_official(await script.as_("bso"), lakeside))
    script.tick()
    group_request = await service.request_user_group(
        await script.as_("uga"), lakeside, "Patient Accounts", "Claims and eligibility staff (demo)"
    )
    group_request = await script.approve("so", group_request)
    group_id = group_request.user_group_id
    for key in ("user", "lou"):
        script.tick()
        await script.approve("uga", await service.request_user_group_membership(await script.as_(key), group_id))
    script.tick()
    pqri_request = await service.request_application_access(await script.as_("uga"), pqri.id, group_id)
    pqri_request = await script.approve("bso", pqri_request)

    # Twenty days ago: two more providers, a practitioner (R22) and a Medicare contractor with its people (R2).
    script.now = now - timedelta(days=20)
    riverside = await register(
        "rita", "Riverside Physician Group (demo)", ProviderType.PHYSICIAN_GROUP, 2, ("8 River Road", "Peoria", "61602")
    )
    hillcrest = await register(
        "hugo",
        "Hillcrest Home Health (demo)",
        ProviderType.HOME_HEALTH_AGENCY,
        3,
        ("31 Hill Street", "Decatur", "62521"),
    )
    script.tick()
    practice = await service.request_individual_practitioner(
        await script.as_("doctor"), npi=_npi(4), address=_address("12 Elm Street", "Springfield", "62701")
    )
    await script.approve("helpdesk", practice)
    heartland = await register(
        "carla",
        "Heartland Medicare Services (demo)",
        ProviderType.MAC,
        6,
        ("600 Contractor Way", "Bloomington", "61701"),
    )
    # The contractor community has its officials, a group and an end user like any provider (R2, R9, R12, R13).
    script.tick()
    await script.approve(
        "carla", await service.request_backup_security_official(await script.as_("kurt"), heartland.organization_id)
    )
    script.tick()
    medical_review = await script.approve(
        "kurt",
        await service.request_user_group(
            await script.as_("gwen"), heartland.organization_id, "Medical Review", "Claims review nurses (demo)"
        ),
    )
    script.tick()
    await script.approve(
        "gwen", await service.request_user_group_membership(await script.as_("nora"), medical_review.user_group_id)
    )

    # Acme Billing serves four: Lakeside, Riverside and Dr. Ida's practice (she decides personally, R21) have
    # approved, Hillcrest is still pending (R16-R21).
    script.tick()
    acme = await service.request_surrogate_user_groups(
        await script.as_("billing"),
        company_id=None,
        new_company_name="Acme Billing (demo)",
        new_company_tin="990000009",
        organization_ids=[
            lakeside,
            riverside.organization_id,
            hillcrest.organization_id,
            practice.organization_id,
        ],
    )
    await script.approve("so", acme.requests[0])  # R35: Bill administers Acme from this approval on
    await script.approve("rita", acme.requests[1])
    await script.approve("doctor", acme.requests[3])

    # Five days ago: this year's certifications, each by whoever may approve the role (R30). Eli's and Lou's
    # roles are left for Uma: due within 30 days.
    script.now = now - timedelta(days=5)
    certified = [
        ("helpdesk", lakeside_request),
        ("so", bso),
        ("so", group_request),
        ("bso", pqri_request),
    ]
    for key, request in certified:
        script.tick(1)
        role_id = await db.scalar(select(RoleAssignment.id).where(RoleAssignment.request_id == request.id))
        await certify(await script.as_(key), role_id, ("roleAssignmentId",))

    # Pending work in every kind of queue.
    script.now = now - timedelta(days=2)
    await service.request_surrogate_user_groups(  # R21: Dr. Ida decides personally
        await script.as_("claims"),
        company_id=None,
        new_company_name="Prompt Claims LLC (demo)",
        new_company_tin="990000019",
        organization_ids=[practice.organization_id],
    )
    script.tick()
    await service.request_organization_registration(  # the help desk's queue
        await script.as_("mona"),
        legal_business_name="Maple Hospice (demo)",
        tin="990000004",
        npi=_npi(5),
        ptan=None,
        provider_type=ProviderType.HOSPICE,
        community=Community.PROVIDER_SUPPLIER,
        address=_address("5 Maple Avenue", "Champaign", "61820"),
    )
    script.tick()
    await service.request_user_group_membership(await script.as_("newhire"), group_id)  # Uma's queue
    script.tick()
    await service.request_user_group_membership(  # Gwen's queue, in the contractor community
        await script.as_("otto"), medical_review.user_group_id
    )
    acme_company = await db.scalar(select(SurrogateCompany).where(SurrogateCompany.name == "Acme Billing (demo)"))
    assert acme_company is not None
    script.tick()
    await service.request_surrogate_company_membership(await script.as_("newhire"), acme_company.id)  # Bill's
    script.tick()
    await service.request_user_group(  # Sam's and Bea's queue
        await script.as_("newhire"), lakeside, "Front Desk", "Registration and scheduling (demo)"
    )

    await db.execute(update(Organization).values(is_demo=True).where(Organization.legal_business_name.like("%(demo)")))
    await db.execute(update(SurrogateCompany).values(is_demo=True).where(SurrogateCompany.name.like("%(demo)")))
    # The demo's notifications are history, not news: mark them delivered so nobody is mailed at start.
    await db.execute(
        update(OutboxMail)
        .where(OutboxMail.sent_at.is_(None), OutboxMail.to_address.like(f"%@{DEMO_DOMAIN}"))
        .values(sent_at=now)
    )
    await db.flush()


async def lock_demo_person(db: AsyncSession, now: datetime) -> datetime | None:
    """R4, exactly as the sign-in rule does it: five wrong passwords in a row lock Lou for 15 minutes.

    Called at every start of `iacs run` (after `load_demo`), so that the help desk always finds someone to
    unlock; a lock still running is kept as it is. Commits (a sign-in commits between its two steps).
    Returns when the lock ends; None when there is no demo data.
    """
    user = await db.scalar(select(User).where(User.email == _person(LOCKED_KEY).email, User.is_demo.is_(True)))
    if user is None:
        return None
    key = f"user:{user.id}"
    locked_until = await db.scalar(select(SignInThrottle.locked_until).where(SignInThrottle.key == key))
    if locked_until is None or locked_until <= now:
        origin = accounts.RequestOrigin()
        for failure in range(accounts.LOCK_FAILURES):  # the three steps of a sign-in (graphql/accounts/mutations.py)
            attempt = await accounts.begin_sign_in(db, now=now, login=user.email, origin=origin)
            await db.commit()
            if attempt.refused is not None:
                break
            verdict = await accounts.check_sign_in_password(attempt, f"not the demo password {failure}")
            await accounts.finish_sign_in(db, attempt, verdict, now=now, origin=origin, policy=accounts.SessionPolicy())
            await db.commit()
        locked_until = await db.scalar(select(SignInThrottle.locked_until).where(SignInThrottle.key == key))
    await db.commit()
    return locked_until


def _person(key: str) -> DemoPerson:
    return next(p for p in DEMO_PEOPLE if p.key == key)


def sign_in_banner(base_url: str, locked_until: datetime | None = None) -> str:
    """What `iacs run` prints: where the app is, and the demo people to sign in as.

    Every line but the locked person's is a working sign-in with the printed password; the locked person's
    line says LOCKED and until when (local time), as the sign-in page would answer them.
    """
    width = max(len(p.email) for p in DEMO_PEOPLE)
    lines = [
        "",
        f"  IACS is running at {base_url}  (GraphiQL: {base_url}/graphql)",
        f"  Demo people (DEMO DATA ONLY), all with the password {DEMO_PASSWORD!r}:",
    ]
    for person in DEMO_PEOPLE:
        role = person.role
        if person.key == LOCKED_KEY and locked_until is not None:
            until = locked_until.astimezone().strftime("%H:%M")
            role = f"LOCKED until {until} (5 wrong passwords at start); sign in as the help desk to unlock. {role}"
        lines.append(f"    {person.email.ljust(width)}  {role}")
    lines.append("")
    return "\n".join(lines)
