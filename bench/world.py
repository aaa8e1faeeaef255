"""The synthetic world: a database of its own, migrated with our Alembic migrations, filled with COPY.

Everything is derived from integers with fixed formulas (no randomness), so that two builds at one scale
are the same world and every cross-reference (who administers which group, who decides what) can be
computed without reading the database back. Ids are scrambled UUIDv4s, so indexes see the same random
key order as rows written by the application.

Scale 1 (the default): 20,000 organizations (5 user groups each), 200,000 people, about 1,000,000 role
assignments (each with the approved request that granted it), 300,000 pending requests and about 50,000
other decided ones. Smaller and larger scales are proportional, with floors so that the special people
below exist at every scale.

At every scale, the billing world (issue 16) comes on top: "Northwind Billing Partners" serving 2,000
organizations of its own (one surrogate group each; 200 more organizations whose latest request to it is
pending, denied, cancelled or expired), its administrator holding 2,001 roles (the company's and one per
surrogate group), 50 staff, two of them members of each surrogate group. It is written by the same COPY as the rest.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from bench.progress import Progress

GENERATOR_VERSION = "6"  # 6: escalated pending requests; migration 0014 (the GIN index, job_positions)
PASSWORD = "bench-Passw0rd-for-everyone"  # every person's password (sign-in operation)
META_SCHEMA = "iacs_bench"
MAX_AGE = timedelta(days=7)  # a reused world's pending requests are at most 13 days old (see PENDING_DAYS)
# Pending requests were submitted in the PENDING_DAYS before the build: R39 passes a request up after 14 days
# unanswered (the server's job, with mails), which must not happen while the bench measures.
PENDING_DAYS = 6

# --- special people (indexes into the people table) ------------------------------------------------------
HEAVY = 0  # SO in 45 organizations, BSO in 45 more
LIGHT = 1  # SO of one organization (70+ pending requests routed to its officials)
TYPICAL = 2  # about 20 roles
BILLING = 3  # founder (company UGA) of a billing company with 220 surrogate associations
HELP_DESK = 4
SUBMITTER = 5  # submits requestUserGroupMembership during the bench
DECIDER = 6  # UGA of many groups full of pending JOIN_USER_GROUP requests
SIGN_IN = 7  # signs in during the bench
BIG_BILLING = 8  # administrator of the billing world's company: 2,001 roles
SPECIALS = 16  # people 0..15 are reserved

SPECIAL_NAMES = {
    HEAVY: "heavy",
    LIGHT: "light",
    TYPICAL: "typical",
    BILLING: "billing",
    HELP_DESK: "helpdesk",
    SUBMITTER: "submitter",
    DECIDER: "decider",
    SIGN_IN: "signin",
    BIG_BILLING: "northwind",
}
SPECIAL_FULL_NAMES = {
    HEAVY: "Harriet Heavy",
    LIGHT: "Lionel Light",
    TYPICAL: "Tess Typical",
    BILLING: "Bill Billing",
    HELP_DESK: "Helen Helpdesk",
    SUBMITTER: "Sam Submitter",
    DECIDER: "Dora Decider",
    SIGN_IN: "Simon Signin",
    BIG_BILLING: "Nora Northwind",
}

HEAVY_SO_ORGS = range(1, 46)
HEAVY_BSO_ORGS = range(46, 91)
LIGHT_ORG = 0
LIGHT_EXTRA_PENDING = 70
DECIDER_FIRST_ORG = 100
DECIDER_PENDING_PER_GROUP = 10
BILLING_ASSOCIATIONS = 220
BILLING_STAFF = 20
GROUP_NAMES = ("Billing office", "Clinical staff", "Front desk", "Finance", "IT support")
# The billing world: the same at every scale (bench-quick measures the same 2,000 organizations as bench).
BIG_COMPANY_NAME = "Northwind Billing Partners"
BIG_COMPANY_N = 1_000_000_000  # its id is make_uuid(K_COMPANY, BIG_COMPANY_N) at every scale
BIG_SERVED = 2_000  # organizations served: an approved request, a surrogate group, a UGA role of the administrator
# Organizations whose latest request to the company is not approved (in this order after the served ones).
BIG_OTHER = (("PENDING", 100), ("DENIED", 40), ("CANCELLED", 30), ("EXPIRED", 30))
BIG_ORGANIZATIONS = BIG_SERVED + sum(n for _, n in BIG_OTHER)  # 2,200 associations in the company's list
BIG_STAFF = 50  # END_USER of the company (approved joins)
BIG_STAFF_PENDING = 10  # and 10 pending, 5 denied joins
BIG_STAFF_DENIED = 5
BIG_GROUP_MEMBERS = 2  # staff in each surrogate group (END_USER, approved joins)
BIG_SEARCH = "Lakeview"  # a word in about 1 in 20 organization names (search by organization name)
MEMBER_SLOTS = 12  # END_USER roles of a person use group slots 0..11, pending joins 12..15, old ones 16..19
PENDING_SLOTS = 4

# UUID "kinds" (salts): ids of different tables never share a formula.
K_USER, K_ORG, K_GROUP, K_SGROUP, K_COMPANY, K_APP, K_REQUEST, K_ROLE, K_SESSION, K_BIG_GROUP = range(1, 11)

M64 = (1 << 64) - 1
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
FIRST = (
    "Ada Alan Alice Amir Ana Ben Bianca Carl Chen Chloe Dana David Elena Emeka Eva Farah Felix Grace Hana Hugo "
    "Ines Ivan Jade Jamal Jonas Kai Kara Leo Lina Malik Maria Mei Nadia Noah Omar Paula Priya Quinn Rafael Rosa "
    "Sara Tariq Uma Victor Wen Xavier Yara Zoe"
).split()
LAST = (
    "Abbott Alvarez Baker Bennett Brooks Campbell Chang Diaz Edwards Evans Fischer Flores Garcia Gupta Hansen "
    "Hughes Ito Jackson Johnson Kim Kowalski Lee Lopez Martin Meyer Morales Nguyen Novak Okafor Olsen Patel Perez "
    "Quinn Reed Rivera Rossi Sanchez Schmidt Silva Singh Smith Tanaka Thomas Turner Walker Wang Weber Wilson "
    "Wright Young Zhang"
).split()
ORG_WORDS = (
    "Riverside Lakeview Summit Cedar Harbor Maple Granite Pioneer Valley Northgate Sunrise Willow Bayview Oakridge "
    "Meadow Prairie Coastal Highland Union Liberty"
).split()
ORG_KINDS = (
    "Hospital",
    "Medical Group",
    "Home Health",
    "Nursing Center",
    "Hospice",
    "Laboratory",
    "Ambulance",
    "Health Center",
    "Rural Clinic",
    "Medical Supply",
)
PROVIDER_TYPES = (
    "HOSPITAL",
    "PHYSICIAN_GROUP",
    "HOME_HEALTH_AGENCY",
    "SKILLED_NURSING_FACILITY",
    "HOSPICE",
    "CLINICAL_LABORATORY",
    "AMBULANCE_SUPPLIER",
    "FQHC",
    "RURAL_HEALTH_CLINIC",
    "DMEPOS_SUPPLIER",
)
STATES = ("IL", "CA", "TX", "NY", "FL", "PA", "OH", "GA", "NC", "MI", "WA", "AZ", "MA", "TN", "IN", "MO")
CITIES = (
    "Springfield",
    "Franklin",
    "Greenville",
    "Bristol",
    "Clinton",
    "Fairview",
    "Salem",
    "Madison",
    "Georgetown",
    "Arlington",
    "Ashland",
    "Dover",
)
APPLICATIONS = (
    ("PECOS", "Provider Enrollment, Chain and Ownership System", True),
    ("NPPES", "National Plan and Provider Enumeration System", True),
    ("EHR", "Promoting Interoperability Programs", True),
    ("QPP", "Quality Payment Program", True),
    ("HITECH", "HITECH Registration", True),
    ("PQRS", "Physician Quality Reporting (retired)", False),
    ("MCR", "Medicare Cost Reports", True),
    ("DMEPOS", "DMEPOS Competitive Bidding", True),
)


def mix(x: int) -> int:
    """splitmix64's finalizer: a bijection on 64-bit integers that scatters neighbours."""
    x = (x + 0x9E3779B97F4A7C15) & M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def make_uuid(kind: int, n: int) -> uuid.UUID:
    """A version-4-looking UUID, unique per (kind, n)."""
    hi = mix((kind << 48) ^ n)
    lo = mix(hi ^ 0x5DEECE66D)
    value = (hi << 64) | lo
    value = (value & ~(0xF000 << 64)) | (0x4000 << 64)
    value = (value & ~(0xC000 << 48)) | (0x8000 << 48)
    return uuid.UUID(int=value)


def session_token(name: str) -> str:
    """The cookie value of a special person's session (only its SHA-256 is stored)."""
    return f"iacs-bench-session-{name}-0123456789abcdef"


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def email_of(p: int) -> str:
    if p in SPECIAL_NAMES:
        return f"{SPECIAL_NAMES[p]}@bench.example.org"
    return f"person{p}@bench.example.org"


def _code(n: int, width: int) -> str:
    chars = []
    for _ in range(width):
        n, digit = divmod(n, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


_PAIRS = [a + b for a in ALPHABET for b in ALPHABET]  # 1,024 two-character codes


def _code6(n: int) -> str:
    return _PAIRS[(n >> 20) & 1023] + _PAIRS[(n >> 10) & 1023] + _PAIRS[n & 1023]


HOURS_20 = timedelta(hours=20)
DAYS_7 = timedelta(days=7)
DAYS_30 = timedelta(days=30)
DAYS_90 = timedelta(days=90)


def user_code(p: int) -> str:
    """The 8-character user ID: a bijection of p on 40 bits (32^8 = 2^40)."""
    return _code((p * 0x9E3779B97 + 0x1234567) & ((1 << 40) - 1), 8)


# --- the plan: how many of everything, and who holds what ------------------------------------------------


@dataclass(frozen=True)
class Plan:
    scale: float
    organizations: int
    pending_organizations: int
    people: int
    approvers: int
    companies: int
    role_target: int
    pending_target: int
    decider_groups: int

    @classmethod
    def at(cls, scale: float) -> Plan:
        if scale <= 0:
            raise ValueError("the scale must be positive")
        organizations = max(400, round(20_000 * scale))
        return cls(
            scale=scale,
            organizations=organizations,
            pending_organizations=max(5, round(organizations * 0.02)),
            people=max(4_000, round(200_000 * scale)),
            approvers=max(40, round(2_000 * scale)),
            companies=max(10, round(1_000 * scale)),
            role_target=max(10_000, round(1_000_000 * scale)),
            pending_target=max(3_000, round(300_000 * scale)),
            decider_groups=max(20, round(1_000 * scale)),
        )

    @property
    def approved(self) -> int:
        return self.organizations - self.pending_organizations

    @property
    def groups(self) -> int:
        return self.approved * 5

    @property
    def regular(self) -> int:
        return self.people - SPECIALS - self.approvers

    @property
    def typical_first_org(self) -> int:
        return min(300, self.approved - 20)

    def database_name(self) -> str:
        text = f"{self.scale:g}".replace(".", "_").replace("-", "_").replace("+", "")
        return f"iacs_bench_{text}"


class World:
    """The formulas of one plan, with the id lists they use cached."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.user_ids = [make_uuid(K_USER, p) for p in range(plan.people)]
        self.org_ids = [make_uuid(K_ORG, o) for o in range(plan.organizations)]
        self.group_ids = [make_uuid(K_GROUP, g) for g in range(plan.groups)]
        self.company_ids = [make_uuid(K_COMPANY, c) for c in range(plan.companies)]
        self.app_ids = [make_uuid(K_APP, a) for a in range(len(APPLICATIONS))]
        # The billing world: its organizations and company after the others (indexes into the same lists).
        self.big_orgs = range(plan.organizations, plan.organizations + BIG_ORGANIZATIONS)
        self.org_ids += [make_uuid(K_ORG, o) for o in self.big_orgs]
        self.big_company = plan.companies
        self.company_ids.append(big_company_id())
        self.stride = max(1, plan.groups // 32)
        approved, regular = plan.approved, plan.regular
        if approved < DECIDER_FIRST_ORG + plan.decider_groups or approved < BILLING_ASSOCIATIONS + 10:
            raise ValueError("too few organizations for the special people")
        # Security Officials and Backups: the heavy and light approvers, then the approver pool.
        pool = plan.approvers
        self.so_of = [SPECIALS + (o * 7919) % pool for o in range(approved)]
        self.bso_of = [
            SPECIALS + (o * 7919 + 1 + o % (pool - 1)) % pool if o % 10 != 7 else -1 for o in range(approved)
        ]
        self.so_of[LIGHT_ORG] = LIGHT
        for o in HEAVY_SO_ORGS:
            self.so_of[o] = HEAVY
        for o in HEAVY_BSO_ORGS:
            self.bso_of[o] = HEAVY
        # One User Group Administrator per group: a regular person, the decider or the typical person.
        self.uga_of = [self.regular_person((g * 40503 + 11) % regular) for g in range(plan.groups)]
        self.decider_groups = [o * 5 for o in range(DECIDER_FIRST_ORG, DECIDER_FIRST_ORG + plan.decider_groups)]
        for g in self.decider_groups:
            self.uga_of[g] = DECIDER
        t0 = plan.typical_first_org
        self.typical_member_groups = [o * 5 + 2 for o in range(t0, t0 + 16)]
        self.typical_admin_groups = [t0 * 5 + 3, (t0 + 1) * 5 + 3]
        for g in self.typical_admin_groups:
            self.uga_of[g] = TYPICAL
        self.typical_app_groups = set(self.typical_member_groups[:2])
        # Member counts of regular people, scaled so that all roles add up to about role_target.
        fixed = approved * 2 + plan.groups * 1.1 + plan.companies * 3 + BILLING_ASSOCIATIONS + 100
        average = max(1.0, (plan.role_target - fixed) / regular)
        self.member_scale = average / 4.5
        self.pending_join_average = max(
            0.0, (plan.pending_target * 0.76 - plan.decider_groups * DECIDER_PENDING_PER_GROUP) / regular
        )

    # people
    def regular_person(self, r: int) -> int:
        return SPECIALS + self.plan.approvers + r

    def members_of_person(self, r: int) -> int:
        weight = 1 + mix(r * 3 + 1) % 8
        exact = weight * self.member_scale
        n = int(exact + (mix(r * 3 + 2) % 1000) / 1000)
        return max(1, min(MEMBER_SLOTS, n))

    def pending_joins_of_person(self, r: int) -> int:
        exact = self.pending_join_average
        return min(PENDING_SLOTS, int(exact + (mix(r * 3 + 3) % 1000) / 1000))

    def slot_group(self, r: int, j: int) -> int:
        return (7 * r + 3 + j * self.stride) % self.plan.groups

    def slot_of(self, r: int, g: int) -> int | None:
        """Which slot of person r (regular index) group g is, if any."""
        d = (g - 7 * r - 3) % self.plan.groups
        if d % self.stride:
            return None
        j = d // self.stride
        return j if j < 32 else None

    def has_app(self, g: int) -> bool:
        return g % 20 == 0 or g in self.typical_app_groups

    def app_of_group(self, g: int) -> int:
        return (g // 20) % (len(APPLICATIONS) - 3)  # only open applications

    # times
    def past(self, n: int, days: int, salt: int = 0) -> datetime:
        return self.now - timedelta(microseconds=mix(n * 7 + salt) % (days * 86_400_000_000))

    # names
    def person_name(self, p: int) -> str:
        if p in SPECIAL_FULL_NAMES:
            return SPECIAL_FULL_NAMES[p]
        h = mix(p * 11 + 5)
        return f"{FIRST[h % len(FIRST)]} {chr(65 + (h >> 20) % 26)}. {LAST[(h >> 8) % len(LAST)]}"

    def org_name(self, o: int) -> str:
        h = mix(o * 13 + 7)
        return f"{ORG_WORDS[h % len(ORG_WORDS)]} {ORG_KINDS[o % len(ORG_KINDS)]} {o}"

    def company_name(self, c: int) -> str:
        if c == 0:
            return "Acme Billing Services"
        h = mix(c * 17 + 3)
        return f"{LAST[h % len(LAST)]} {('Billing', 'Claims', 'Revenue Cycle', 'Medical Billing')[c % 4]} {c}"

    def associations(self) -> Iterator[tuple[int, int, str, int | None]]:
        """(company, organization, status, surrogate group index or None) for every surrogate association."""
        approved = self.plan.approved
        sg = 0
        for c in range(self.plan.companies):
            if c == 0:
                orgs = [(i * approved) // BILLING_ASSOCIATIONS for i in range(BILLING_ASSOCIATIONS)]
            else:
                orgs = [(c * 37) % approved, (c * 37 + 11) % approved]
            for i, o in enumerate(orgs):
                status = "APPROVED"
                if c == 0 and i % 20 in (1, 2):
                    status = "PENDING"
                elif c == 0 and i % 20 == 3:
                    status = "DENIED"
                if status == "APPROVED":
                    yield c, o, status, sg
                    sg += 1
                else:
                    yield c, o, status, None

    def big_status(self, i: int) -> str:
        """The status of the latest request of the billing world's i-th organization."""
        if i < BIG_SERVED:
            return "APPROVED"
        i -= BIG_SERVED
        for status, n in BIG_OTHER:
            if i < n:
                return status
            i -= n
        raise IndexError(i)

    def big_so(self, i: int) -> int:
        """The Security Official of the billing world's i-th organization (the approver pool)."""
        return SPECIALS + (i * 7919 + 3) % self.plan.approvers

    def big_staff(self, s: int) -> int:
        """Staff s of the billing world's company: 50 members, then 10 pending and 5 denied (regular people)."""
        return self.regular_person(
            self.plan.regular - BILLING_STAFF - BIG_STAFF - BIG_STAFF_PENDING - BIG_STAFF_DENIED + s
        )

    def company_founder(self, c: int) -> int:
        return BILLING if c == 0 else self.regular_person((c * 104729 + 5) % (self.plan.regular - BILLING_STAFF))


# --- rows ---------------------------------------------------------------------------------------------------

RELATION_OF = {
    "REGISTER_ORGANIZATION": "HELP_DESK",
    "REGISTER_INDIVIDUAL_PRACTITIONER": "HELP_DESK",
    "SUCCEED_SECURITY_OFFICIAL": "HELP_DESK",
    "BACKUP_SECURITY_OFFICIAL": "ORGANIZATION_SECURITY_OFFICIAL",
    "CREATE_USER_GROUP": "ORGANIZATION_OFFICIALS",
    "ADMINISTER_USER_GROUP": "ORGANIZATION_OFFICIALS",
    "JOIN_USER_GROUP": "GROUP_ADMINISTRATORS",
    "JOIN_SURROGATE_COMPANY": "COMPANY_ADMINISTRATORS",
    "CREATE_SURROGATE_USER_GROUP": "ORGANIZATION_OFFICIALS",
}

USER_COLUMNS = (
    "id user_id email name phone community password_hash status email_verified_at terms_accepted_at is_demo created_at"
).split()
ORG_COLUMNS = (
    "id legal_business_name kind provider_type community npi tin ptan address_line1 address_line2 city state zip "
    "status is_demo created_at decided_at"
).split()
GROUP_COLUMNS = "id organization_id kind company_id name description created_at".split()
COMPANY_COLUMNS = "id name tin is_demo created_at".split()
APP_COLUMNS = "id code name description open created_at".split()
REQUEST_COLUMNS = (
    "id tracking_number kind status requester_id organization_id user_group_id company_id application_id "
    "approver_relation proposed_name created_at expires_at decided_at decided_by_id reason reminded_at "
    "escalated_relations escalated_at"
).split()
# R39: one pending request in ESCALATED_EVERY went up to the help desk when it was submitted (nobody could decide
# it then), as happens in a real system; the queue reads them through its escalated branch. The help desk is the
# top, so the server's job leaves them where they are, and the approvers below keep them in their queues.
ESCALATED_EVERY = 10
ROLE_COLUMNS = (
    "id user_id role status organization_id user_group_id company_id application_id request_id granted_at "
    "granted_by_id certify_by ended_at ended_by_id end_reason suspended_at"
).split()
SESSION_COLUMNS = "id token_hash user_id created_at last_seen_at expires_at ip_address user_agent".split()

Row = tuple[Any, ...]


def user_rows(world: World, password_hash: str) -> Iterator[Row]:
    community = "PROVIDER_SUPPLIER"
    for p in range(world.plan.people):
        created = world.past(p, 1500, 1) - timedelta(days=30)
        yield (
            world.user_ids[p],
            user_code(p),
            email_of(p),
            world.person_name(p),
            None,
            community,
            password_hash,
            "ACTIVE",
            created + timedelta(minutes=5),
            created,
            False,
            created,
        )


def organization_rows(world: World) -> Iterator[Row]:
    plan = world.plan
    for o in [*range(plan.organizations), *world.big_orgs]:
        pending = plan.approved <= o < plan.organizations
        created = world.past(o, 1400, 2) - timedelta(days=40)
        yield (
            world.org_ids[o],
            world.org_name(o),
            "PROVIDER",
            PROVIDER_TYPES[o % len(PROVIDER_TYPES)],
            "PROVIDER_SUPPLIER",
            f"{1_000_000_000 + o:010d}",
            f"{100_000_000 + o:09d}",
            None,
            f"{1 + o % 999} {ORG_WORDS[o % len(ORG_WORDS)]} Avenue",
            None,
            CITIES[o % len(CITIES)],
            STATES[o % len(STATES)],
            f"{10_000 + (o * 37) % 89_999:05d}",
            "PENDING" if pending else "APPROVED",
            False,
            created,
            None if pending else created + timedelta(days=1),
        )


def group_rows(world: World) -> Iterator[Row]:
    for g in range(world.plan.groups):
        o = g // 5
        yield (
            world.group_ids[g],
            world.org_ids[o],
            "PROVIDER",
            None,
            GROUP_NAMES[g % 5],
            None,
            world.past(g, 1300, 3),
        )
    for c, o, _status, sg in world.associations():
        if sg is not None:
            yield (
                make_uuid(K_SGROUP, sg),
                world.org_ids[o],
                "SURROGATE",
                world.company_ids[c],
                f"{world.company_name(c)} for {world.org_name(o)}"[:120],
                None,
                world.past(sg, 900, 4),
            )
    big, company = world.big_company, BIG_COMPANY_NAME
    for i, o in enumerate(world.big_orgs[:BIG_SERVED]):
        yield (
            make_uuid(K_BIG_GROUP, i),
            world.org_ids[o],
            "SURROGATE",
            world.company_ids[big],
            f"{company} for {world.org_name(o)}"[:120],
            None,
            world.past(i, 600, 23),
        )


def company_rows(world: World) -> Iterator[Row]:
    for c in range(world.plan.companies):
        yield (world.company_ids[c], world.company_name(c), f"{200_000_000 + c:09d}", False, world.past(c, 1000, 5))
    yield (big_company_id(), BIG_COMPANY_NAME, "300000000", False, world.now - timedelta(days=1000))


def application_rows(world: World) -> Iterator[Row]:
    for a, (code, name, is_open) in enumerate(APPLICATIONS):
        yield (world.app_ids[a], code, name, None, is_open, world.now - timedelta(days=2000))


def session_rows(world: World) -> Iterator[Row]:
    for p, name in SPECIAL_NAMES.items():
        yield (
            make_uuid(K_SESSION, p),
            token_hash(session_token(name)),
            world.user_ids[p],
            world.now,
            world.now,
            world.now + timedelta(days=3650),
            "127.0.0.1",
            "iacs-bench",
        )


class Emitter:
    """Builds request rows ("requests" pass) or role rows ("roles" pass) from the same calls."""

    def __init__(self, world: World, mode: str) -> None:
        self.world = world
        self.mode = mode
        self.rows: list[Row] = []
        self.requests = 0
        self.roles = 0
        self.pending = 0
        self.ids = world.user_ids
        self.prefixes: dict[int, str] = {}

    def request(
        self,
        kind: str,
        status: str,
        requester: int,
        *,
        org: int | None = None,
        group: uuid.UUID | None = None,
        company: int | None = None,
        app: int | None = None,
        relation: str | None = None,
        proposed: str | None = None,
        created: datetime,
        decided_by: int | None = None,
        reason: str | None = None,
    ) -> uuid.UUID:
        n = self.requests
        self.requests += 1
        request_id = make_uuid(K_REQUEST, n)
        if status == "PENDING":
            self.pending += 1
        if self.mode == "requests":
            w = self.world
            decided_at = None if status == "PENDING" else created + HOURS_20
            if status == "EXPIRED":
                decided_at = created + DAYS_30
            day = created.toordinal()
            prefix = self.prefixes.get(day)
            if prefix is None:
                prefix = self.prefixes[day] = f"R{created:%y%m%d}-"
            self.rows.append(
                (
                    request_id,
                    prefix + _code6(n),
                    kind,
                    status,
                    self.ids[requester],
                    None if org is None else w.org_ids[org],
                    group,
                    None if company is None else w.company_ids[company],
                    None if app is None else w.app_ids[app],
                    relation or RELATION_OF[kind],
                    proposed,
                    created,
                    created + DAYS_30,
                    decided_at,
                    None if decided_by is None else self.ids[decided_by],
                    reason,
                    # R27: approvers of pending requests count as reminded already, so the server's job
                    # does not mail about hundreds of thousands of requests during the bench.
                    min(created + DAYS_7, w.now) if status == "PENDING" else None,
                    *(self._escalated(n, status, relation or RELATION_OF[kind], created)),
                )
            )
        return request_id

    @staticmethod
    def _escalated(n: int, status: str, relation: str, created: datetime) -> tuple[list[str], datetime | None]:
        if status == "PENDING" and relation != "HELP_DESK" and n % ESCALATED_EVERY == 0:
            return ["HELP_DESK"], created
        return [], None

    def role(
        self,
        user: int,
        role: str,
        *,
        status: str = "ACTIVE",
        org: int | None = None,
        group: uuid.UUID | None = None,
        company: int | None = None,
        app: int | None = None,
        request_id: uuid.UUID | None,
        granted: datetime,
        granted_by: int | None,
    ) -> None:
        m = self.roles
        self.roles += 1
        if self.mode == "roles":
            w = self.world
            revoked = status == "REVOKED"
            self.rows.append(
                (
                    make_uuid(K_ROLE, m),
                    self.ids[user],
                    role,
                    status,
                    None if org is None else w.org_ids[org],
                    group,
                    None if company is None else w.company_ids[company],
                    None if app is None else w.app_ids[app],
                    request_id,
                    granted,
                    None if granted_by is None else self.ids[granted_by],
                    # R30: due 60 to 425 days from the build, so no certification job is due for weeks.
                    w.now + timedelta(days=60 + mix(m) % 365),
                    granted + DAYS_90 if revoked else None,
                    self.ids[granted_by] if revoked and granted_by is not None else None,
                    "No longer works with this group" if revoked else None,
                    granted + timedelta(days=30) if status == "SUSPENDED" else None,
                )
            )

    def grant(
        self,
        kind: str,
        requester: int,
        decided_by: int,
        role: str,
        *,
        org: int | None = None,
        group: uuid.UUID | None = None,
        company: int | None = None,
        app: int | None = None,
        relation: str | None = None,
        proposed: str | None = None,
        created: datetime,
        role_status: str = "ACTIVE",
    ) -> uuid.UUID:
        """An approved request and the role it granted."""
        request_id = self.request(
            kind,
            "APPROVED",
            requester,
            org=org,
            group=group,
            company=company,
            app=app,
            relation=relation,
            proposed=proposed,
            created=created,
            decided_by=decided_by,
        )
        self.role(
            requester,
            role,
            status=role_status,
            org=org,
            group=group,
            company=company,
            app=app,
            request_id=request_id,
            granted=created + HOURS_20,
            granted_by=decided_by,
        )
        return request_id

    def take(self) -> list[Row]:
        rows, self.rows = self.rows, []
        return rows


def request_and_role_batches(world: World, mode: str, batch: int = 5000) -> Iterator[list[Row]]:  # noqa: PLR0915
    """Every access request (mode "requests") or role assignment (mode "roles"), in batches."""
    plan, e = world.plan, Emitter(world, mode)
    gid = world.group_ids
    regular = plan.regular

    # The help desk's role needs no request (R33).
    e.role(HELP_DESK, "HELP_DESK", request_id=None, granted=world.now - timedelta(days=900), granted_by=None)

    # Organizations: registration (SO), backup, one UGA per group, group access to an application.
    for o in range(plan.approved):
        so, bso = world.so_of[o], world.bso_of[o]
        created = world.past(o, 1400, 6) - timedelta(days=60)
        e.grant("REGISTER_ORGANIZATION", so, HELP_DESK, "SECURITY_OFFICIAL", org=o, created=created)
        if bso >= 0:
            e.grant(
                "BACKUP_SECURITY_OFFICIAL", bso, so, "BACKUP_SECURITY_OFFICIAL", org=o, created=created + timedelta(3)
            )
        for k in range(5):
            g = o * 5 + k
            uga = world.uga_of[g]
            e.grant(
                "CREATE_USER_GROUP" if k == 0 else "ADMINISTER_USER_GROUP",
                uga,
                so,
                "USER_GROUP_ADMINISTRATOR",
                org=o,
                group=gid[g],
                proposed=GROUP_NAMES[k] if k == 0 else None,
                created=created + timedelta(days=5 + k),
            )
            if world.has_app(g):
                e.grant(
                    "APPLICATION_ACCESS",
                    uga,
                    so,
                    "USER_GROUP_ADMINISTRATOR",
                    org=o,
                    group=gid[g],
                    app=world.app_of_group(g),
                    relation="ORGANIZATION_OFFICIALS",
                    created=created + timedelta(days=12),
                )
        if len(e.rows) >= batch:
            yield e.take()

    # Regular people: memberships (some suspended or revoked), pending joins, old decided joins.
    for r in range(regular):
        person = world.regular_person(r)
        for j in range(world.members_of_person(r)):
            g = world.slot_group(r, j)
            uga = world.uga_of[g]
            if uga == person:
                continue
            o = g // 5
            h = mix(r * 40 + j) % 100
            status = "REVOKED" if h < 3 else "SUSPENDED" if h < 5 else "ACTIVE"
            created = world.past(r * 40 + j, 700, 7) - timedelta(days=3)
            e.grant(
                "JOIN_USER_GROUP", person, uga, "END_USER", org=o, group=gid[g], created=created, role_status=status
            )
            if status == "ACTIVE" and world.has_app(g) and r % 3 == 0:
                e.grant(
                    "APPLICATION_ACCESS",
                    person,
                    uga,
                    "END_USER",
                    org=o,
                    group=gid[g],
                    app=world.app_of_group(g),
                    relation="GROUP_ADMINISTRATORS",
                    created=created + timedelta(days=2),
                )
        for j in range(MEMBER_SLOTS, MEMBER_SLOTS + world.pending_joins_of_person(r)):
            g = world.slot_group(r, j)
            if world.uga_of[g] == person:
                continue
            e.request(
                "JOIN_USER_GROUP",
                "PENDING",
                person,
                org=g // 5,
                group=gid[g],
                created=world.past(r * 40 + j, PENDING_DAYS),
            )
        if r % 4 == 0:
            j = MEMBER_SLOTS + PENDING_SLOTS + (r // 4) % 4
            g = world.slot_group(r, j)
            if world.uga_of[g] != person:
                status = ("DENIED", "CANCELLED", "EXPIRED")[(r // 4) % 3]
                e.request(
                    "JOIN_USER_GROUP",
                    status,
                    person,
                    org=g // 5,
                    group=gid[g],
                    created=world.past(r * 40 + j, 500, 8) - timedelta(days=31),
                    decided_by=world.uga_of[g] if status == "DENIED" else None,
                    reason="Not a member of this office" if status == "DENIED" else None,
                )
        if len(e.rows) >= batch:
            yield e.take()

    # Special people's own roles.
    t_created = world.now - timedelta(days=400)
    for i, g in enumerate(world.typical_member_groups):
        e.grant("JOIN_USER_GROUP", TYPICAL, world.uga_of[g], "END_USER", org=g // 5, group=gid[g], created=t_created)
        if g in world.typical_app_groups:
            e.grant(
                "APPLICATION_ACCESS",
                TYPICAL,
                world.uga_of[g],
                "END_USER",
                org=g // 5,
                group=gid[g],
                app=world.app_of_group(g),
                relation="GROUP_ADMINISTRATORS",
                created=t_created + timedelta(days=1 + i),
            )
    for person, g in ((SUBMITTER, 4), (SIGN_IN, 9), (SIGN_IN, 14)):
        e.grant("JOIN_USER_GROUP", person, world.uga_of[g], "END_USER", org=g // 5, group=gid[g], created=t_created)

    # Surrogate companies: founders, associations (surrogate groups and their UGA), billing staff.
    founder_request: dict[int, uuid.UUID] = {}
    for c, o, status, sg in world.associations():
        founder = world.company_founder(c)
        created = world.past(c * 300 + o, 600, 9) - timedelta(days=30)
        so = world.so_of[o]
        if status == "APPROVED":
            assert sg is not None
            request_id = e.grant(
                "CREATE_SURROGATE_USER_GROUP",
                founder,
                so,
                "USER_GROUP_ADMINISTRATOR",
                org=o,
                group=make_uuid(K_SGROUP, sg),
                company=c,
                created=created,
            )
        else:
            request_id = e.request(
                "CREATE_SURROGATE_USER_GROUP",
                status,
                founder,
                org=o,
                company=c,
                created=world.past(c * 300 + o, PENDING_DAYS, 10) if status == "PENDING" else created,
                decided_by=so if status == "DENIED" else None,
                reason="We do not use a billing company" if status == "DENIED" else None,
            )
        if c not in founder_request:
            founder_request[c] = request_id
            e.role(
                founder,
                "USER_GROUP_ADMINISTRATOR",
                company=c,
                request_id=request_id,
                granted=created,
                granted_by=None,
            )
    for s in range(BILLING_STAFF):
        staff = world.regular_person(regular - BILLING_STAFF + s)
        e.grant(
            "JOIN_SURROGATE_COMPANY",
            staff,
            BILLING,
            "END_USER",
            company=0,
            created=world.now - timedelta(days=200 - s),
        )
    yield e.take()

    # Pending work for officials, the help desk and company administrators.
    q = plan.pending_target
    prime = 1_000_003
    for o in range(plan.approved, plan.organizations):
        requester = world.regular_person((o * 15485863) % regular)
        e.request("REGISTER_ORGANIZATION", "PENDING", requester, org=o, created=world.past(o, PENDING_DAYS, 11))
    for o in range(5, plan.approved, 97):
        if world.bso_of[o] >= 0:
            e.request(
                "SUCCEED_SECURITY_OFFICIAL", "PENDING", world.bso_of[o], org=o, created=world.past(o, PENDING_DAYS, 12)
            )
    for i in range(LIGHT_EXTRA_PENDING):
        requester = world.regular_person((i * 7919 + 3) % regular)
        e.request(
            "CREATE_USER_GROUP",
            "PENDING",
            requester,
            org=LIGHT_ORG,
            proposed=f"Light team {i}",
            created=world.past(i, PENDING_DAYS, 13),
        )
    for i in range(round(q * 0.03)):
        o = (i * 7 + 1) % plan.approved
        r = (i * prime + 1) % regular
        person = world.regular_person(r)
        if any(world.uga_of[o * 5 + k] == person for k in range(5)):
            continue  # R14: a UGA of the organization cannot become its BSO
        e.request("BACKUP_SECURITY_OFFICIAL", "PENDING", person, org=o, created=world.past(i, PENDING_DAYS, 14))
    for i in range(round(q * 0.08)):
        o = (i * 11 + 3) % plan.approved
        person = world.regular_person((i * prime + 2) % regular)
        e.request(
            "CREATE_USER_GROUP",
            "PENDING",
            person,
            org=o,
            proposed=f"Proposed team {i}",
            created=world.past(i, PENDING_DAYS, 15),
        )
    for i in range(round(q * 0.07)):
        g = (i * 13 + 5) % plan.groups
        person = world.regular_person((i * prime + 3) % regular)
        if world.uga_of[g] == person:
            continue
        e.request(
            "ADMINISTER_USER_GROUP",
            "PENDING",
            person,
            org=g // 5,
            group=gid[g],
            created=world.past(i, PENDING_DAYS, 16),
        )
    count = min(round(q * 0.05), plan.groups)
    for i in range(count):
        g = (i * plan.groups) // count
        if world.has_app(g):
            continue
        e.request(
            "APPLICATION_ACCESS",
            "PENDING",
            world.uga_of[g],
            org=g // 5,
            group=gid[g],
            app=(g // 7) % (len(APPLICATIONS) - 3),
            relation="ORGANIZATION_OFFICIALS",
            created=world.past(i, PENDING_DAYS, 17),
        )
    for i in range(round(q * 0.01)):
        person = world.regular_person((i * prime + 4) % (regular - BILLING_STAFF))
        c = i % plan.companies
        if person == world.company_founder(c):
            continue
        e.request("JOIN_SURROGATE_COMPANY", "PENDING", person, company=c, created=world.past(i, PENDING_DAYS, 18))
    # The decider's groups: pending joins from people who are not in the group and have not asked yet.
    for n, g in enumerate(world.decider_groups):
        added, t = 0, 0
        while added < DECIDER_PENDING_PER_GROUP:
            r = (g * 131 + t * 7919) % regular
            t += 1
            slot = world.slot_of(r, g)
            if slot is not None and slot < MEMBER_SLOTS + PENDING_SLOTS + 4:
                continue
            e.request(
                "JOIN_USER_GROUP",
                "PENDING",
                world.regular_person(r),
                org=g // 5,
                group=gid[g],
                created=world.past(n * 100 + added, PENDING_DAYS, 19),
            )
            added += 1
        if len(e.rows) >= batch:
            yield e.take()
    yield e.take()
    billing_world(world, e)
    yield e.take()


def billing_world(world: World, e: Emitter) -> None:
    """Issue 16: the company of BIG_BILLING serving 2,000 organizations (each registered, with its SO), 200 more
    asked; some served ones were refused, withdrawn or left to expire before (requests in every state)."""
    big, founder = world.big_company, BIG_BILLING
    earlier = ("DENIED", "CANCELLED", "EXPIRED")
    for i, o in enumerate(world.big_orgs):
        so = world.big_so(i)
        created = world.past(i, 600, 20) - timedelta(days=60)
        e.grant("REGISTER_ORGANIZATION", so, HELP_DESK, "SECURITY_OFFICIAL", org=o, created=created - DAYS_90)
        status = world.big_status(i)
        if status == "APPROVED" and i % 10 in (5, 6, 7):
            before = earlier[i % 10 - 5]
            e.request(
                "CREATE_SURROGATE_USER_GROUP",
                before,
                founder,
                org=o,
                company=big,
                created=created - timedelta(days=40),
                decided_by=so if before == "DENIED" else None,
                reason="Not before our contract is signed" if before == "DENIED" else None,
            )
        if status == "APPROVED":
            request_id = e.grant(
                "CREATE_SURROGATE_USER_GROUP",
                founder,
                so,
                "USER_GROUP_ADMINISTRATOR",
                org=o,
                group=make_uuid(K_BIG_GROUP, i),
                company=big,
                created=created,
            )
        else:
            request_id = e.request(
                "CREATE_SURROGATE_USER_GROUP",
                status,
                founder,
                org=o,
                company=big,
                created=world.past(i, PENDING_DAYS, 21) if status == "PENDING" else created,
                decided_by=so if status == "DENIED" else None,
                reason="We do not use a billing company" if status == "DENIED" else None,
            )
        if i == 0:  # the company's own UGA role, from its first request (as the founders above)
            e.role(founder, "USER_GROUP_ADMINISTRATOR", company=big, request_id=request_id, granted=created,
                   granted_by=None)  # fmt: skip
    # Staff work in the surrogate groups: two members each (the dashboard shows a group's first members).
    for i, o in enumerate(world.big_orgs[:BIG_SERVED]):
        for k in range(BIG_GROUP_MEMBERS):
            e.grant(
                "JOIN_USER_GROUP",
                world.big_staff((i + k) % BIG_STAFF),
                founder,
                "END_USER",
                org=o,
                group=make_uuid(K_BIG_GROUP, i),
                created=world.now - timedelta(days=200 - (i % 100)),
            )
    for s in range(BIG_STAFF + BIG_STAFF_PENDING + BIG_STAFF_DENIED):
        person = world.big_staff(s)
        if s < BIG_STAFF:
            e.grant("JOIN_SURROGATE_COMPANY", person, founder, "END_USER", company=big,
                    created=world.now - timedelta(days=300 - s))  # fmt: skip
        elif s < BIG_STAFF + BIG_STAFF_PENDING:
            e.request("JOIN_SURROGATE_COMPANY", "PENDING", person, company=big, created=world.past(s, PENDING_DAYS, 22))
        else:
            e.request("JOIN_SURROGATE_COMPANY", "DENIED", person, company=big,
                      created=world.now - timedelta(days=100 + s), decided_by=founder,
                      reason="Not one of our staff")  # fmt: skip


# --- building -----------------------------------------------------------------------------------------------

LOADED_TABLES = (
    "applications",
    "organizations",
    "users",
    "surrogate_companies",
    "user_groups",
    "access_requests",
    "role_assignments",
    "sessions",
)


@dataclass
class BuildInfo:
    database: str
    scale: float
    revision: str
    generator: str
    built_at: str
    seconds: float
    counts: dict[str, int]


def server_url(database_url: str, database: str | None = None) -> str:
    """A plain postgresql:// URL (asyncpg's spelling), optionally for another database on the same server."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url.replace("postgresql+asyncpg://", "postgresql://", 1))
    url = url.set(drivername="postgresql")
    if database is not None:
        url = url.set(database=database)
    return url.render_as_string(hide_password=False)


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    from iacs.db.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config("postgresql://unused")).get_current_head()
    return str(head)


async def read_build_info(database_url: str, database: str) -> BuildInfo | None:
    """The marker a complete build leaves, or None when the database is absent or unfinished."""
    admin = await asyncpg.connect(server_url(database_url))
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
    finally:
        await admin.close()
    if not exists:
        return None
    conn = await asyncpg.connect(server_url(database_url, database))
    try:
        if not await conn.fetchval("SELECT to_regclass($1) IS NOT NULL", f"{META_SCHEMA}.build"):
            return None
        raw = await conn.fetchval(f"SELECT info FROM {META_SCHEMA}.build")
        revision = await conn.fetchval("SELECT version_num FROM alembic_version")
    finally:
        await conn.close()
    if raw is None:
        return None
    info = BuildInfo(**json.loads(raw))
    return info if info.revision == revision else None


async def ensure_world(database_url: str, scale: float, *, rebuild: bool = False, quiet: bool = False) -> BuildInfo:
    """The world at `scale`: reused when already built at this scale, schema revision and generator."""
    plan = Plan.at(scale)
    name = plan.database_name()
    head = alembic_head()
    if not rebuild:
        info = await read_build_info(database_url, name)
        age = datetime.now(UTC) - datetime.fromisoformat(info.built_at) if info is not None else None
        if info is not None and age is not None and age > MAX_AGE:
            print(f"world: {name} was built {age.days} days ago; building it again (pending requests would "
                  "be passed up (R39) during the bench)", flush=True)  # fmt: skip
        elif info is not None and info.revision == head and info.generator == GENERATOR_VERSION:
            if not quiet:
                print(f"world: reusing {name} (scale {scale:g}, revision {head}, built {info.built_at})", flush=True)
            return info
    return await build_world(database_url, plan, head)


async def build_world(database_url: str, plan: Plan, head: str) -> BuildInfo:  # noqa: PLR0915
    from iacs.auth import passwords
    from iacs.config import normalize_database_url
    from iacs.db import migrate

    name = plan.database_name()
    started = time.monotonic()
    print(f"world: building {name} at scale {plan.scale:g} ({plan.organizations:,} organizations, "
          f"{plan.people:,} people, ~{plan.role_target:,} roles, ~{plan.pending_target:,} pending requests)",
          flush=True)  # fmt: skip
    admin = await asyncpg.connect(server_url(database_url))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = server_url(database_url, name)
    await asyncio.to_thread(migrate.upgrade, normalize_database_url(url))
    print(f"world: migrated to {head} ({time.monotonic() - started:.1f} s)", flush=True)

    world = World(plan)
    password_hash = await passwords.hash_password(PASSWORD)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("SET maintenance_work_mem = '512MB'")
        await conn.execute("SET synchronous_commit = off")
        saved = await _drop_keys_and_indexes(conn)
        # The R14 trigger (migration 0005) looks each role row up among the others: without the indexes dropped
        # above that is quadratic. Off while loading; the rows are checked at once afterwards instead.
        r14_trigger = await conn.fetchval(
            "SELECT count(*) FROM pg_trigger WHERE tgname = 'role_assignments_r14' AND NOT tgisinternal"
        )
        if r14_trigger:
            await conn.execute("ALTER TABLE role_assignments DISABLE TRIGGER role_assignments_r14")
        # The kept associations (migration 0012) are recomputed once after loading, not a trigger call per row.
        kept_associations = await conn.fetchval(
            "SELECT count(*) FROM pg_trigger WHERE tgname = 'surrogate_associations_request_made' AND NOT tgisinternal"
        )
        if kept_associations:
            await conn.execute("ALTER TABLE access_requests DISABLE TRIGGER surrogate_associations_request_made")
        counts: dict[str, int] = {}

        async def copy(table: str, columns: list[str], batches: Iterable[list[Row]], expected: int) -> None:
            """COPY batches into `table`; columns a later migration removed are left out, new ones defaulted."""
            existing = {
                r["column_name"]
                for r in await conn.fetch(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    "AND table_name = $1",
                    table,
                )
            }
            keep = [i for i, c in enumerate(columns) if c in existing]
            kept = [columns[i] for i in keep]
            progress = Progress(table, expected)
            total = 0

            def records() -> Iterator[Row]:
                nonlocal total
                for batch in batches:
                    if len(keep) == len(columns):
                        yield from batch
                    else:
                        for row in batch:
                            yield tuple(row[i] for i in keep)
                    total += len(batch)
                    progress.update(total)

            # One streaming COPY per table: PostgreSQL stores rows while Python builds the next ones.
            await conn.copy_records_to_table(table, records=records(), columns=kept)
            progress.done(total)
            counts[table] = total

        async def load(table: str, columns: list[str], rows: Iterable[Row], expected: int) -> None:
            await copy(table, columns, _batches(rows, 5000), expected)

        async def load_batches(table: str, columns: list[str], batches: Iterable[list[Row]], expected: int) -> None:
            await copy(table, columns, batches, expected)

        await load("applications", APP_COLUMNS, application_rows(world), len(APPLICATIONS))
        await load("organizations", ORG_COLUMNS, organization_rows(world), plan.organizations + BIG_ORGANIZATIONS)
        await load("users", USER_COLUMNS, user_rows(world, password_hash), plan.people)
        await load("surrogate_companies", COMPANY_COLUMNS, company_rows(world), plan.companies + 1)
        await load("user_groups", GROUP_COLUMNS, group_rows(world), plan.groups + plan.companies * 2 + 200 + BIG_SERVED)
        expected_requests = plan.role_target + plan.pending_target + plan.regular // 4
        await load_batches(
            "access_requests", REQUEST_COLUMNS, request_and_role_batches(world, "requests"), expected_requests
        )
        await load_batches("role_assignments", ROLE_COLUMNS, request_and_role_batches(world, "roles"), plan.role_target)
        await load("sessions", SESSION_COLUMNS, session_rows(world), len(SPECIAL_NAMES))

        await _restore_keys_and_indexes(conn, saved)
        if r14_trigger:
            await conn.execute("ALTER TABLE role_assignments ENABLE TRIGGER role_assignments_r14")
            broken = await conn.fetchval(R14_BROKEN)
            assert broken == 0, f"world: {broken} people hold SO or BSO and UGA in one organization (R14)"
        if kept_associations:
            await conn.execute("ALTER TABLE access_requests ENABLE TRIGGER surrogate_associations_request_made")
            await conn.execute("SELECT surrogate_associations_rebuild()")
            await conn.execute("VACUUM (ANALYZE) surrogate_associations")
        step = time.monotonic()
        for table in LOADED_TABLES:
            await conn.execute(f"VACUUM (ANALYZE) {table}")
        print(f"world: VACUUM ANALYZE ({time.monotonic() - step:.1f} s)", flush=True)
        counts["pending_requests"] = await conn.fetchval(
            "SELECT count(*) FROM access_requests WHERE status = 'PENDING'"
        )
        counts["pending_escalated_to_the_help_desk"] = await conn.fetchval(
            "SELECT count(*) FROM access_requests WHERE status = 'PENDING' AND escalated_relations <> '{}'"
        )
        counts["active_roles"] = await conn.fetchval("SELECT count(*) FROM role_assignments WHERE status = 'ACTIVE'")
        counts["billing_world_associations"] = await conn.fetchval(
            "SELECT count(DISTINCT organization_id) FROM access_requests WHERE company_id = $1 "
            "AND kind = 'CREATE_SURROGATE_USER_GROUP'",
            big_company_id(),
        )
        counts["billing_world_administrator_roles"] = await conn.fetchval(
            "SELECT count(*) FROM role_assignments WHERE user_id = $1 AND status = 'ACTIVE'",
            world.user_ids[BIG_BILLING],
        )
        info = BuildInfo(
            database=name,
            scale=plan.scale,
            revision=head,
            generator=GENERATOR_VERSION,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            seconds=round(time.monotonic() - started, 1),
            counts=counts,
        )
        await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {META_SCHEMA}")
        await conn.execute(f"CREATE TABLE {META_SCHEMA}.build (info text NOT NULL)")
        await conn.execute(f"INSERT INTO {META_SCHEMA}.build VALUES ($1)", json.dumps(asdict(info)))
    finally:
        await conn.close()
    print(f"world: {name} built in {info.seconds:.0f} s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    return info


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class SavedSchema:
    constraints: list[tuple[str, str, str, str]]  # table, name, definition, type
    indexes: list[tuple[str, str]]  # name, definition


R14_BROKEN = """
    SELECT count(*) FROM role_assignments o JOIN role_assignments u
      ON u.user_id = o.user_id AND u.organization_id = o.organization_id
    WHERE o.status = 'ACTIVE' AND o.role IN ('SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL')
      AND u.status = 'ACTIVE' AND u.role = 'USER_GROUP_ADMINISTRATOR' AND u.application_id IS NULL
"""


async def _drop_keys_and_indexes(conn: asyncpg.Connection) -> SavedSchema:
    """Drop keys, foreign keys and indexes of the loaded tables (restored, identical, after COPY)."""
    tables = list(LOADED_TABLES)
    constraints = [
        (r["tbl"], r["conname"], r["def"], r["contype"])
        for r in await conn.fetch(
            """
            SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def, c.contype::text
            FROM pg_constraint c
            WHERE c.contype IN ('p', 'u', 'f')
              AND (c.conrelid::regclass::text = ANY($1::text[])
                   OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY($1::text[])))
            ORDER BY c.contype, c.conname
            """,
            tables,
        )
    ]
    indexes = [
        (r["indexname"], r["indexdef"])
        for r in await conn.fetch(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY i.indexname
            """,
            tables,
        )
    ]
    # Foreign keys first (they depend on the keys), then plain indexes, then keys.
    for table, name, _definition, kind in sorted(constraints, key=lambda c: c[3] != "f"):
        if kind == "f":
            await conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        await conn.execute(f'DROP INDEX "{name}"')
    for table, name, _definition, kind in constraints:
        if kind != "f":
            await conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return SavedSchema(constraints=constraints, indexes=indexes)


async def _restore_keys_and_indexes(conn: asyncpg.Connection, saved: SavedSchema) -> None:
    steps: list[tuple[str, str]] = []
    for table, name, definition, kind in saved.constraints:
        if kind != "f":
            steps.append((name, f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))
    steps += [(name, definition) for name, definition in saved.indexes]
    for table, name, definition, kind in saved.constraints:
        if kind == "f":
            steps.append((name, f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))
    progress = Progress("keys, indexes, foreign keys", len(steps))
    for i, (_name, statement) in enumerate(steps, 1):
        await conn.execute(statement)
        progress.update(i)
    progress.done(len(steps))


async def refresh_sessions(conn: asyncpg.Connection) -> None:
    """Keep the special people's sessions fresh (the idle timeout is 30 minutes)."""
    await conn.execute(
        "UPDATE sessions SET last_seen_at = now(), expires_at = now() + interval '3650 days' "
        "WHERE token_hash = ANY($1::bytea[])",
        [token_hash(session_token(name)) for name in SPECIAL_NAMES.values()],
    )


def person_id(world_scale: float, p: int) -> uuid.UUID:
    """The id of person p in the world of any scale (ids do not depend on the scale)."""
    del world_scale
    return make_uuid(K_USER, p)


def company_id(c: int) -> uuid.UUID:
    return make_uuid(K_COMPANY, c)


def big_company_id() -> uuid.UUID:
    """The billing world's company (the same id at every scale)."""
    return make_uuid(K_COMPANY, BIG_COMPANY_N)


Callback = Callable[[], None]
