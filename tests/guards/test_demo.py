"""The demo world of `make run`: built through the use cases, with pending work in every kind of queue."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.demo import DEMO_PASSWORD, DEMO_PEOPLE, demo_loaded, load_demo
from iacs.domain.accounts.models import User
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
            ("REGISTER_ORGANIZATION", "APPROVED"): 3,
            ("REGISTER_ORGANIZATION", "PENDING"): 1,
            ("REGISTER_INDIVIDUAL_PRACTITIONER", "APPROVED"): 1,
            ("BACKUP_SECURITY_OFFICIAL", "APPROVED"): 1,
            ("CREATE_USER_GROUP", "APPROVED"): 1,
            ("CREATE_USER_GROUP", "PENDING"): 1,
            ("JOIN_USER_GROUP", "APPROVED"): 1,
            ("JOIN_USER_GROUP", "PENDING"): 1,
            ("APPLICATION_ACCESS", "APPROVED"): 1,
            ("CREATE_SURROGATE_USER_GROUP", "APPROVED"): 2,
            ("CREATE_SURROGATE_USER_GROUP", "PENDING"): 2,
            ("JOIN_SURROGATE_COMPANY", "PENDING"): 1,
        }
    )


async def test_every_demo_queue_has_work(session_factory: async_sessionmaker[AsyncSession], people: object) -> None:
    import httpx

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
        "user": [],
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
        ("Hillcrest Home Health (demo)", "PENDING"),
        ("Lakeside General Hospital (demo)", "APPROVED"),
        ("Riverside Physician Group (demo)", "APPROVED"),
    ]
    roles = (await gql(await signed_in("uga"), MY_ROLES))["data"]["viewer"]["roles"]
    assert sorted((r["role"], r["userGroup"]["name"], (r["application"] or {}).get("code", "")) for r in roles) == [
        ("USER_GROUP_ADMINISTRATOR", "Patient Accounts", ""),
        ("USER_GROUP_ADMINISTRATOR", "Patient Accounts", "PQRI"),
    ]
