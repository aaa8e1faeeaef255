"""A generated world for the fault and load suites, committed through the ORM in one go.

Organizations (approved, each with its Security Official), provider user groups with two User Group
Administrators per organization, many requesters, thousands of pending requests to join groups, and many
more approved organizations to search. Every person gets a session row whose cookie token is kept here,
so that clients need no argon2 sign-in (the load test also signs in some people through the API).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.auth import tokens
from iacs.auth.tokens import new_session_token
from iacs.db.engine import make_engine, make_session_factory
from iacs.domain.accounts.models import User, UserSession
from iacs.domain.enums import (
    Community,
    OrganizationKind,
    OrganizationStatus,
    ProviderType,
    RequestKind,
    RequestStatus,
    Role,
    RoleStatus,
    UserGroupKind,
)
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment
from tests.api.people import PASSWORD, _password_hash, tin, valid_npi

CITIES = ["Springfield", "Riverside", "Lakeside", "Fairview", "Georgetown", "Madison", "Franklin", "Clinton"]
WORDS = ["General", "Community", "Memorial", "Regional", "Valley", "Saint Mary", "County", "University"]
KINDS = ["Hospital", "Clinic", "Health", "Medical Center", "Care"]
SEARCHES = ["General", "Clinic", "spring", "lake", "Memorial", "Valley", "1", "Care", "Madison", "Regional"]


@dataclass(frozen=True)
class Size:
    organizations: int = 25  # each with its SO, `groups` groups and 2 UGAs
    groups: int = 4
    requesters: int = 200
    pending_per_organization: int = 120
    searchable: int = 1000  # more approved organizations, for organization search


@dataclass
class Identity:
    pk: str
    email: str
    token: str
    organization: int = -1  # approvers: the index of their organization


@dataclass
class World:
    requesters: list[Identity] = field(default_factory=list)
    approvers: list[Identity] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # user group ids (UUID strings)
    group_organization: list[int] = field(default_factory=list)
    # pending requests to decide: (request id, index of the approver it is assigned to)
    pending: list[tuple[str, int]] = field(default_factory=list)
    # (requester index, group index) pairs that already have a pending request: never submitted again
    taken: list[tuple[int, int]] = field(default_factory=list)
    password: str = PASSWORD

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)))

    @classmethod
    def load(cls, path: Path) -> World:
        raw: dict[str, Any] = json.loads(path.read_text())
        return cls(
            requesters=[Identity(**i) for i in raw["requesters"]],
            approvers=[Identity(**i) for i in raw["approvers"]],
            groups=list(raw["groups"]),
            group_organization=list(raw["group_organization"]),
            pending=[(str(r), int(a)) for r, a in raw["pending"]],
            taken=[(int(r), int(g)) for r, g in raw["taken"]],
            password=str(raw["password"]),
        )

    def free_pairs(self) -> list[tuple[int, int]]:
        """Every (requester, group) pair without a request yet: each is submitted at most once by the load."""
        taken = set(self.taken)
        return [(r, g) for r in range(len(self.requesters)) for g in range(len(self.groups)) if (r, g) not in taken]


def _user(now: datetime, email: str, name: str, password_hash: str) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "user_id": uuid.uuid4().hex[:12].upper(),
        "email": email,
        "name": name,
        "community": Community.PROVIDER_SUPPLIER,
        "password_hash": password_hash,
        "terms_accepted_at": now,
        "email_verified_at": now,
    }


def _organization(now: datetime, seed: int, name: str, city: str) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "legal_business_name": name,
        "kind": OrganizationKind.PROVIDER,
        "provider_type": ProviderType.HOSPITAL,
        "community": Community.PROVIDER_SUPPLIER,
        "npi": valid_npi(seed),
        "tin": tin(seed),
        "address_line1": f"{seed % 900 + 1} Main Street",
        "city": city,
        "state": "IL",
        "zip": f"{60000 + seed % 9999:05d}",
        "status": OrganizationStatus.APPROVED,
        "decided_at": now,
    }


class _Requests:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.rows: list[dict[str, Any]] = []
        self.numbers = iter(range(1, 10_000_000))

    def add(
        self,
        requester: uuid.UUID,
        kind: RequestKind,
        relation: str,
        org: uuid.UUID,
        group: uuid.UUID | None = None,
        *,
        pending: bool = False,
    ) -> uuid.UUID:
        created = self.now - timedelta(days=1, seconds=len(self.rows))
        request_id = uuid.uuid4()
        row: dict[str, Any] = {
            "id": request_id,
            "tracking_number": f"F{next(self.numbers):09d}",
            "kind": kind,
            "status": RequestStatus.PENDING if pending else RequestStatus.APPROVED,
            "requester_id": requester,
            "organization_id": org,
            "user_group_id": group,
            "approver_relation": relation,
            "created_at": created,
            "expires_at": created + timedelta(days=30),
            "decided_at": None if pending else created,
        }
        self.rows.append(row)
        return request_id


async def _insert(db: AsyncSession, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), 2000):
        await db.execute(insert(model), rows[start : start + 2000])


async def seed_world(url: str, size: Size | None = None) -> World:
    """Build the world in the (migrated, empty) database at `url`; committed."""
    size = size or Size()
    now = datetime.now(UTC)
    password_hash = _password_hash()
    world = World()
    users: list[dict[str, Any]] = []
    orgs: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    requests = _Requests(now)

    def role(user: uuid.UUID, kind: Role, org: uuid.UUID, group: uuid.UUID | None, request: uuid.UUID) -> None:
        roles.append(
            {
                "id": uuid.uuid4(),
                "user_id": user,
                "role": kind,
                "status": RoleStatus.ACTIVE,
                "organization_id": org,
                "user_group_id": group,
                "request_id": request,
                "granted_at": now,
            }
        )

    requester_rows = [
        _user(now, f"requester{i}@load.example.org", f"Requester {i:03d}", password_hash)
        for i in range(size.requesters)
    ]
    users += requester_rows
    approver_rows: list[dict[str, Any]] = []
    taken: set[tuple[int, int]] = set()
    for o in range(size.organizations):
        org = _organization(now, 700_000 + o, f"{WORDS[o % len(WORDS)]} Hospital {o:03d}", CITIES[o % len(CITIES)])
        orgs.append(org)
        official = _user(now, f"official{o}@load.example.org", f"Official {o:03d}", password_hash)
        users.append(official)
        registered = requests.add(official["id"], RequestKind.REGISTER_ORGANIZATION, "HELP_DESK", org["id"])
        role(official["id"], Role.SECURITY_OFFICIAL, org["id"], None, registered)
        org_groups = []
        for g in range(size.groups):
            group = {
                "id": uuid.uuid4(),
                "organization_id": org["id"],
                "kind": UserGroupKind.PROVIDER,
                "name": f"Group {g} of {o:03d}",
            }
            groups.append(group)
            org_groups.append(group)
            world.groups.append(str(group["id"]))
            world.group_organization.append(o)
        for a in range(2):
            approver = _user(now, f"uga{o}.{a}@load.example.org", f"Administrator {o:03d}-{a}", password_hash)
            users.append(approver)
            approver_rows.append(approver)
            for group in org_groups:
                granted = requests.add(
                    approver["id"], RequestKind.ADMINISTER_USER_GROUP, "ORGANIZATION_OFFICIALS", org["id"], group["id"]
                )
                role(approver["id"], Role.USER_GROUP_ADMINISTRATOR, org["id"], group["id"], granted)
        # pending requests to join this organization's groups, from distinct (requester, group) pairs
        for n in range(size.pending_per_organization):
            g_local = n % size.groups
            g = o * size.groups + g_local
            r = (o * 37 + n // size.groups * 7 + g_local) % size.requesters
            if (r, g) in taken:
                continue
            taken.add((r, g))
            pending = requests.add(
                requester_rows[r]["id"],
                RequestKind.JOIN_USER_GROUP,
                "GROUP_ADMINISTRATORS",
                org["id"],
                org_groups[g_local]["id"],
                pending=True,
            )
            world.taken.append((r, g))
            world.pending.append((str(pending), o * 2 + n % 2))
    for s in range(size.searchable):
        name = f"{WORDS[s % len(WORDS)]} {KINDS[s % len(KINDS)]} {s:04d}"
        orgs.append(_organization(now, 800_000 + s, name, CITIES[(s * 3) % len(CITIES)]))

    sessions: list[dict[str, Any]] = []

    def identity(row: dict[str, Any], organization: int = -1) -> Identity:
        token = new_session_token()
        sessions.append(
            {
                "id": uuid.uuid4(),
                "token_hash": tokens.digest(token),
                "user_id": row["id"],
                "created_at": now,
                "last_seen_at": now,
                "expires_at": now + timedelta(hours=11),
                "user_agent": "iacs-faults",
            }
        )
        return Identity(pk=str(row["id"]), email=row["email"], token=token, organization=organization)

    world.requesters = [identity(row) for row in requester_rows]
    world.approvers = [identity(row, organization=i // 2) for i, row in enumerate(approver_rows)]

    engine = make_engine(url)
    try:
        async with make_session_factory(engine)() as db:
            await _insert(db, User, users)
            await _insert(db, Organization, orgs)
            await _insert(db, UserGroup, groups)
            await _insert(db, AccessRequest, requests.rows)
            await _insert(db, RoleAssignment, roles)
            await _insert(db, UserSession, sessions)
            await db.commit()
    finally:
        await engine.dispose()
    return world


async def refresh_sessions(url: str) -> None:
    """A copy of the seeded database may be older than the idle limit: mark every session as just used."""
    now = datetime.now(UTC)
    engine = make_engine(url)
    try:
        async with make_session_factory(engine)() as db:
            await db.execute(update(UserSession).values(last_seen_at=now, expires_at=now + timedelta(hours=11)))
            await db.commit()
    finally:
        await engine.dispose()
