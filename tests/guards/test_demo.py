"""The demo world of `make run`: built through the use cases, showing every feature to a newcomer: pending work in
every kind of queue, roles due for certification, a Medicare contractor, a practitioner served by a billing
company, and a locked account (locked by the sign-in rule itself, R4)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.demo import (
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    LOCKED_KEY,
    demo_loaded,
    load_demo,
    lock_demo_person,
    sign_in_banner,
)
from iacs.domain.accounts.models import User
from iacs.domain.audit.models import AuditEvent
from iacs.domain.notifications.models import OutboxMail
from iacs.domain.requests.models import AccessRequest
from tests.api.operations import COMPANIES, MY_ROLES, QUEUE
from tests.conftest import START
from tests.graphql_client import gql


async def test_demo_world(session_factory: async_sessionmaker[AsyncSession], client: object) -> None:
    async with session_factory() as db:
        assert not await demo_loaded(db)
        await load_demo(db, START)
        await db.commit()
        assert await demo_loaded(db)
        kinds = Counter(
            (kind.value, status.value)
            for kind, status in (await db.execute(select(AccessRequest.kind, AccessRequest.status))).all()
        )
        unsent = await db.scalar(select(func.count()).select_from(OutboxMail).where(OutboxMail.sent_at.is_(None)))
        demo_users = await db.scalar(select(func.count()).select_from(User).where(User.is_demo.is_(True)))
    assert demo_users == len(DEMO_PEOPLE)
    assert unsent == 0
    assert kinds == Counter(
        {
            ("REGISTER_ORGANIZATION", "APPROVED"): 4,
            ("REGISTER_ORGANIZATION", "PENDING"): 1,
            ("REGISTER_INDIVIDUAL_PRACTITIONER", "APPROVED"): 1,
            ("BACKUP_SECURITY_OFFICIAL", "APPROVED"): 2,  # Lakeside's and Heartland's (R2)
            ("CREATE_USER_GROUP", "APPROVED"): 2,
            ("CREATE_USER_GROUP", "PENDING"): 1,
            ("JOIN_USER_GROUP", "APPROVED"): 3,
            ("JOIN_USER_GROUP", "PENDING"): 2,
            ("APPLICATION_ACCESS", "APPROVED"): 1,
            ("CREATE_SURROGATE_USER_GROUP", "APPROVED"): 3,
            ("CREATE_SURROGATE_USER_GROUP", "PENDING"): 2,
            ("JOIN_SURROGATE_COMPANY", "PENDING"): 1,
        }
    )


async def test_every_demo_queue_has_work(session_factory: async_sessionmaker[AsyncSession], people: object) -> None:
    from tests.api.people import People

    assert isinstance(people, People)
    async with session_factory() as db:
        await load_demo(db, START)
        await db.commit()

    async def signed_in(key: str) -> httpx.AsyncClient:
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=people.app), base_url="http://127.0.0.1")
        people.clients.append(client)
        body = await gql(
            client,
            "mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) { errors { code } } }",
            {"l": f"{key}@demo.iacs.test", "p": DEMO_PASSWORD},
        )
        assert body["data"]["signIn"]["errors"] == []
        return client

    expected = {
        "helpdesk": ["REGISTER_ORGANIZATION"],
        "so": ["CREATE_USER_GROUP"],
        "bso": ["CREATE_USER_GROUP"],
        "uga": ["JOIN_USER_GROUP"],
        "billing": ["JOIN_SURROGATE_COMPANY"],
        "hugo": ["CREATE_SURROGATE_USER_GROUP"],
        "doctor": ["CREATE_SURROGATE_USER_GROUP"],
        "carla": [],
        "kurt": [],
        "gwen": ["JOIN_USER_GROUP"],  # the contractor community has its own work (R2)
        "user": [],
        "nora": [],
    }
    for key, kinds in expected.items():
        queue = (await gql(await signed_in(key), QUEUE))["data"]["approvalQueue"]
        assert [e["node"]["kind"] for e in queue["edges"]] == kinds, key

    billing = await signed_in("billing")
    companies = (await gql(billing, COMPANIES))["data"]["surrogateCompanies"]
    assert [
        (a["node"]["organization"]["legalBusinessName"], a["node"]["status"])
        for a in companies[0]["associations"]["edges"]
    ] == [
        ("Dr. Ida Practitioner (demo)", "APPROVED"),  # a practitioner served by a billing company (R21)
        ("Hillcrest Home Health (demo)", "PENDING"),
        ("Lakeside General Hospital (demo)", "APPROVED"),
        ("Riverside Physician Group (demo)", "APPROVED"),
    ]
    roles = (await gql(await signed_in("uga"), MY_ROLES))["data"]["viewer"]["roles"]
    assert sorted((r["role"], r["userGroup"]["name"], (r["application"] or {}).get("code", "")) for r in roles) == [
        ("USER_GROUP_ADMINISTRATOR", "Patient Accounts", ""),
        ("USER_GROUP_ADMINISTRATOR", "Patient Accounts", "PQRI"),
    ]


CERTIFICATION = """{ certificationQueue(first: 100) { totalCount edges { node {
  role certifyBy user { name } userGroup { name } } } } }"""
CONTRACTOR = """query($search: String) { organizations(search: $search, first: 10) { edges { node {
  legalBusinessName kind community securityOfficial { name } backupSecurityOfficials { name }
  userGroups { name administrators { name } } } } } }"""
SIGN_IN = "mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) { errors { code } } }"


async def test_the_demo_shows_certification_a_contractor_and_a_lock(
    session_factory: async_sessionmaker[AsyncSession], people: object, client: httpx.AsyncClient
) -> None:
    from tests.api.people import People

    assert isinstance(people, People)
    async with session_factory() as db:
        await load_demo(db, START)
        await db.commit()

    async def signed_in(key: str) -> httpx.AsyncClient:
        other = httpx.AsyncClient(transport=httpx.ASGITransport(app=people.app), base_url="http://127.0.0.1")
        people.clients.append(other)
        body = await gql(other, SIGN_IN, {"l": f"{key}@demo.iacs.test", "p": DEMO_PASSWORD})
        assert body["data"]["signIn"]["errors"] == [], key
        return other

    # R30: Lakeside began almost a year ago; its officials certified this year's roles five days ago, and Uma
    # has her two end users' roles to certify, due within 30 days.
    due = (await gql(await signed_in("uga"), CERTIFICATION))["data"]["certificationQueue"]
    assert [(e["node"]["role"], e["node"]["user"]["name"], e["node"]["userGroup"]["name"]) for e in due["edges"]] == [
        ("END_USER", "Eli Enduser (demo)", "Patient Accounts"),
        ("END_USER", "Lou Locked (demo)", "Patient Accounts"),
    ]
    for edge in due["edges"]:
        days_left = datetime.fromisoformat(edge["node"]["certifyBy"]) - START
        assert timedelta(days=14) < days_left < timedelta(days=30), days_left
    for key in ("so", "bso", "carla"):
        assert (await gql(await signed_in(key), CERTIFICATION))["data"]["certificationQueue"]["totalCount"] == 0, key

    # R2: a Medicare contractor (FI/Carrier/MAC community) with its officials, a user group and an end user.
    found = (await gql(await signed_in("carla"), CONTRACTOR, {"search": "Heartland"}))["data"]["organizations"]
    assert [e["node"] for e in found["edges"]] == [
        {
            "legalBusinessName": "Heartland Medicare Services (demo)",
            "kind": "CONTRACTOR",
            "community": "FI_CARRIER_MAC",
            "securityOfficial": {"name": "Carla Contractor (demo)"},
            "backupSecurityOfficials": [{"name": "Kurt Keeper (demo)"}],
            "userGroups": [{"name": "Medical Review", "administrators": [{"name": "Gwen Reviewer (demo)"}]}],
        }
    ]
    roles = (await gql(await signed_in("nora"), MY_ROLES))["data"]["viewer"]["roles"]
    assert [
        (r["role"], r["status"], r["organization"]["legalBusinessName"], r["userGroup"]["name"]) for r in roles
    ] == [("END_USER", "ACTIVE", "Heartland Medicare Services (demo)", "Medical Review")]
    waiting = (await gql(await signed_in("gwen"), QUEUE))["data"]["approvalQueue"]["edges"]
    assert [(e["node"]["requester"]["name"], e["node"]["userGroup"]["name"]) for e in waiting] == [
        ("Otto Onboard (demo)", "Medical Review")
    ]

    # R4: the locked person is locked the way the sign-in rule locks: five wrong passwords, 15 minutes.
    lou = next(p for p in DEMO_PEOPLE if p.key == LOCKED_KEY)
    async with session_factory() as db:
        locked_until = await lock_demo_person(db, START)
    assert locked_until == START + timedelta(minutes=15)
    answer = await gql(client, SIGN_IN, {"l": lou.email, "p": DEMO_PASSWORD})
    assert answer["data"]["signIn"]["errors"] == [{"code": "ACCOUNT_LOCKED"}]

    async def lock_events() -> list[str]:
        async with session_factory() as db:
            user_id = await db.scalar(select(User.id).where(User.email == lou.email))
            actions = await db.scalars(
                select(AuditEvent.action)
                .where(
                    AuditEvent.subject_user_id == user_id, AuditEvent.action.in_(["SIGN_IN_FAILED", "ACCOUNT_LOCKED"])
                )
                .order_by(AuditEvent.id)
            )
            return [str(a) for a in actions]

    events = await lock_events()
    # five wrong passwords, the lock, and the right password refused while locked
    assert events == ["SIGN_IN_FAILED"] * 5 + ["ACCOUNT_LOCKED", "SIGN_IN_FAILED"]
    # a start while the lock runs keeps it as it is: no new failures
    async with session_factory() as db:
        assert await lock_demo_person(db, START + timedelta(minutes=5)) == locked_until
    assert await lock_events() == events
    # a start after it ended locks again
    later = START + timedelta(hours=3)
    async with session_factory() as db:
        assert await lock_demo_person(db, later) == later + timedelta(minutes=15)
    assert await lock_events() == [*events, *["SIGN_IN_FAILED"] * 5, "ACCOUNT_LOCKED"]


async def test_no_lock_without_demo_data(session_factory: async_sessionmaker[AsyncSession]) -> None:
    async with session_factory() as db:
        assert await lock_demo_person(db, START) is None


def test_the_banner_marks_exactly_the_locked_person() -> None:
    until = datetime(2026, 3, 4, 13, 7, tzinfo=UTC)
    banner = sign_in_banner("http://127.0.0.1:8000", until)
    lines = [line for line in banner.splitlines() if re.match(r"^ {4}\S+@", line)]
    assert len(lines) == len(DEMO_PEOPLE)
    locked = [line for line in lines if "LOCKED" in line]
    assert len(locked) == 1
    assert locked[0].split()[0] == f"{LOCKED_KEY}@demo.iacs.test"
    assert f"LOCKED until {until.astimezone():%H:%M}" in locked[0]
    # without a lock (no demo data), nobody is marked
    assert "LOCKED" not in sign_in_banner("http://127.0.0.1:8000")
