"""Exactly one decision and no duplicate requests under real concurrency (docs/reliability.md; R25, R28).

These tests commit, so they run in a database of their own, through an app built on
a real connection pool, with many HTTP calls in flight at once over httpx's ASGI transport.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette

from iacs.app import create_app
from iacs.auth.tokens import new_user_id
from iacs.config import Settings
from iacs.db import migrate
from iacs.db.engine import make_engine, make_session_factory
from iacs.domain.accounts.models import User
from iacs.domain.audit.models import AuditEvent
from iacs.domain.clock import FrozenClock
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
from iacs.domain.notifications.models import OutboxMail
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import ApproverRelation
from iacs.domain.roles.models import RoleAssignment
from iacs.graphql.ids import from_global_id, to_global_id
from tests.api.people import People, Person, _password_hash, tin, valid_npi
from tests.conftest import START, create_database, drop_database

REQUESTS = 20
APPROVERS = 10
SUBMISSIONS = 20
POOL_SIZE = 20
POOL_OVERFLOW = 20

APPROVE = """
mutation($id: ID!) { approveRequest(input: {requestId: $id}) {
  request { id status decidedBy { id } } errors { code message field } } }"""
JOIN_GROUP = """
mutation($group: ID!) { requestUserGroupMembership(input: {userGroupId: $group}) {
  request { id status } errors { code message field } } }"""


@dataclass
class Race:
    app: Starlette
    engine: AsyncEngine
    factory: async_sessionmaker[AsyncSession]


@pytest.fixture(scope="module")
async def race(server_url: str) -> AsyncIterator[Race]:
    url = await create_database(server_url, "iacs_race")
    try:
        await migrate.upgrade_async(url)
        settings = Settings(database_url=url, db_pool_size=POOL_SIZE, db_max_overflow=POOL_OVERFLOW)
        engine = make_engine(url, settings)
        try:
            app = create_app(settings, database_url=url, engine=engine, clock=FrozenClock(START), deliver_mail=False)
            yield Race(app=app, engine=engine, factory=make_session_factory(engine))
        finally:
            await engine.dispose()
    finally:
        await drop_database(server_url, url)


@pytest.fixture
async def racers(race: Race) -> AsyncIterator[People]:
    made = People(race.app, race.factory)
    yield made
    await made.close()


class World:
    """Committed rows for a race: an approved organization with its SO, and one provider group."""

    def __init__(self, factory: async_sessionmaker[AsyncSession]) -> None:
        self.factory = factory
        self.numbers = iter(range(1, 10_000))
        self.tag = uuid.uuid4().hex[:6]

    def _request(
        self,
        requester: uuid.UUID,
        kind: RequestKind,
        relation: ApproverRelation,
        *,
        org: uuid.UUID,
        group: uuid.UUID | None = None,
        status: RequestStatus = RequestStatus.APPROVED,
    ) -> AccessRequest:
        created_at = START - timedelta(days=1)
        return AccessRequest(
            id=uuid.uuid4(),
            tracking_number=f"X{self.tag}-{next(self.numbers):05d}",
            kind=kind,
            status=status,
            requester_id=requester,
            organization_id=org,
            user_group_id=group,
            approver_relation=relation.value,
            created_at=created_at,
            expires_at=created_at + timedelta(days=30),
            decided_at=None if status == RequestStatus.PENDING else created_at,
        )

    async def organization_with_group(self, seed: int) -> tuple[uuid.UUID, uuid.UUID]:
        """An approved organization whose SO (not signed in) was granted through a request, and a group."""
        (security_official,) = await self.requesters(1, f"official{seed}")
        async with self.factory() as db:
            org = Organization(
                legal_business_name=f"Race Hospital {self.tag}",
                kind=OrganizationKind.PROVIDER,
                provider_type=ProviderType.HOSPITAL,
                community=Community.PROVIDER_SUPPLIER,
                npi=valid_npi(seed),
                tin=tin(seed),
                address_line1="1 Main Street",
                city="Springfield",
                state="IL",
                zip="62701",
                status=OrganizationStatus.APPROVED,
                decided_at=START,
            )
            db.add(org)
            await db.flush()
            group = UserGroup(organization_id=org.id, kind=UserGroupKind.PROVIDER, name="Billing office")
            db.add(group)
            registered = self._request(
                security_official, RequestKind.REGISTER_ORGANIZATION, ApproverRelation.HELP_DESK, org=org.id
            )
            db.add(registered)
            await db.flush()
            db.add(
                RoleAssignment(
                    user_id=security_official,
                    role=Role.SECURITY_OFFICIAL,
                    organization_id=org.id,
                    request_id=registered.id,
                    granted_at=START,
                )
            )
            await db.commit()
            return org.id, group.id

    async def administrators(self, people: list[Person], org: uuid.UUID, group: uuid.UUID) -> None:
        async with self.factory() as db:
            for person in people:
                granted = self._request(
                    person.pk,
                    RequestKind.ADMINISTER_USER_GROUP,
                    ApproverRelation.ORGANIZATION_OFFICIALS,
                    org=org,
                    group=group,
                )
                db.add(granted)
                await db.flush()
                db.add(
                    RoleAssignment(
                        user_id=person.pk,
                        role=Role.USER_GROUP_ADMINISTRATOR,
                        organization_id=org,
                        user_group_id=group,
                        request_id=granted.id,
                        granted_at=START,
                    )
                )
            await db.commit()

    async def pending_memberships(
        self, requesters: list[uuid.UUID], org: uuid.UUID, group: uuid.UUID
    ) -> list[uuid.UUID]:
        async with self.factory() as db:
            requests = [
                self._request(
                    requester,
                    RequestKind.JOIN_USER_GROUP,
                    ApproverRelation.GROUP_ADMINISTRATORS,
                    org=org,
                    group=group,
                    status=RequestStatus.PENDING,
                )
                for requester in requesters
            ]
            db.add_all(requests)
            await db.commit()
            return [r.id for r in requests]

    async def requesters(self, count: int, prefix: str = "requester") -> list[uuid.UUID]:
        async with self.factory() as db:
            users = [
                User(
                    id=uuid.uuid4(),
                    user_id=new_user_id(),
                    email=f"{prefix}.{self.tag}.{i}@example.org",
                    name=f"{prefix.capitalize()} {i}",
                    community=Community.PROVIDER_SUPPLIER,
                    password_hash=_password_hash(),
                    terms_accepted_at=START,
                    email_verified_at=START,
                )
                for i in range(count)
            ]
            db.add_all(users)
            await db.commit()
            return [u.id for u in users]


async def _post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> httpx.Response:
    return await client.post("/graphql", json={"query": query, "variables": variables})


async def _scalar(factory: async_sessionmaker[AsyncSession], statement: Any) -> int:
    async with factory() as db:
        return int(await db.scalar(statement) or 0)


async def test_racing_approvers_decide_each_request_exactly_once(race: Race, racers: People) -> None:
    # given: 20 pending requests to join one group, and 10 UGAs of that group, each with their own client
    world = World(race.factory)
    org, group = await world.organization_with_group(seed=41_001)
    approvers = [await racers.make(f"Race Approver {i}") for i in range(APPROVERS)]
    await world.administrators(approvers, org, group)
    requesters = await world.requesters(REQUESTS)
    request_ids = await world.pending_memberships(requesters, org, group)

    # when: every approver approves every request, 200 calls at once
    # At most one call per pooled connection is in flight: more would only wait for a connection, and on a
    # loaded machine the pool's 5 s wait (docs/reliability.md, "Pool exhaustion") would fail them; that is another test.
    # The calls are ordered request by request, so the 10 approvers of a request are always in flight together.
    slots = asyncio.Semaphore(POOL_SIZE + POOL_OVERFLOW)
    in_flight = Counter[str]()

    async def approve(approver: Person, request_id: uuid.UUID) -> tuple[Person, uuid.UUID, httpx.Response]:
        async with slots:
            in_flight["now"] += 1
            in_flight["most"] = max(in_flight["most"], in_flight["now"])
            try:
                response = await _post(approver.client, APPROVE, {"id": to_global_id("AccessRequest", request_id)})
            finally:
                in_flight["now"] -= 1
        return approver, request_id, response

    results = await asyncio.gather(*(approve(a, r) for r in request_ids for a in approvers))
    assert in_flight["most"] == POOL_SIZE + POOL_OVERFLOW  # the calls really overlapped

    # then: no server error, no top-level error, and each answer is a win or ALREADY_DECIDED
    assert Counter(response.status_code for _, _, response in results) == {200: REQUESTS * APPROVERS}
    winners: dict[uuid.UUID, list[uuid.UUID]] = {r: [] for r in request_ids}
    outcomes: Counter[str] = Counter()
    for approver, request_id, response in results:
        body = response.json()
        assert "errors" not in body, body
        payload = body["data"]["approveRequest"]
        codes = [e["code"] for e in payload["errors"]]
        if not codes:
            assert payload["request"]["status"] == "APPROVED"
            assert payload["request"]["decidedBy"]["id"] == to_global_id("User", approver.pk)
            winners[request_id].append(approver.pk)
            outcomes["APPROVED"] += 1
        elif codes == ["ALREADY_DECIDED"]:
            assert payload["request"] is None
            outcomes["ALREADY_DECIDED"] += 1
        else:
            outcomes["other: " + ",".join(codes)] += 1
    assert outcomes == {"APPROVED": REQUESTS, "ALREADY_DECIDED": REQUESTS * (APPROVERS - 1)}
    assert all(len(w) == 1 for w in winners.values()), winners

    # then: the database holds exactly one decision, one grant and one audit event of each kind per request
    async with race.factory() as db:
        rows = (await db.execute(select(AccessRequest).where(AccessRequest.id.in_(request_ids)))).scalars().all()
        assert Counter(r.status for r in rows) == {RequestStatus.APPROVED: REQUESTS}
        assert {r.id: r.decided_by_id for r in rows} == {r: w[0] for r, w in winners.items()}
        grants = (
            (await db.execute(select(RoleAssignment).where(RoleAssignment.request_id.in_(request_ids)))).scalars().all()
        )
        assert sorted((g.user_id, g.role, g.status, g.user_group_id) for g in grants) == sorted(
            (u, Role.END_USER, RoleStatus.ACTIVE, group) for u in requesters
        )
        assert {g.request_id: g.granted_by_id for g in grants} == {r: w[0] for r, w in winners.items()}
        events = (
            await db.execute(
                select(AuditEvent.action, func.count())
                .where(AuditEvent.request_id.in_(request_ids))
                .group_by(AuditEvent.action)
            )
        ).all()
        assert dict(events) == {"REQUEST_APPROVED": REQUESTS, "ROLE_GRANTED": REQUESTS}
        per_request = (
            await db.execute(
                select(AuditEvent.request_id, func.count())
                .where(AuditEvent.request_id.in_(request_ids), AuditEvent.action == "REQUEST_APPROVED")
                .group_by(AuditEvent.request_id)
            )
        ).all()
        assert sorted(n for _, n in per_request) == [1] * REQUESTS
        # R32: one decision mail per requester, none for the refused attempts
        mails = await db.scalar(
            select(func.count()).select_from(OutboxMail).where(OutboxMail.to_address.like(f"requester.{world.tag}.%"))
        )
        assert mails == REQUESTS


async def test_concurrent_identical_submissions_create_one_request(race: Race, racers: People) -> None:
    # given: an approved organization with a group and its UGA, and one person who will ask to join it
    world = World(race.factory)
    org, group = await world.organization_with_group(seed=51_001)
    administrator = await racers.make("Dup Administrator")
    await world.administrators([administrator], org, group)
    person = await racers.make("Dup Requester")
    group_id = to_global_id("UserGroup", group)

    # when: the same person submits the same request 20 times at once
    responses = await asyncio.gather(
        *(_post(person.client, JOIN_GROUP, {"group": group_id}) for _ in range(SUBMISSIONS))
    )

    # then: one created, 19 DUPLICATE_REQUEST, nothing else
    assert Counter(r.status_code for r in responses) == {200: SUBMISSIONS}
    outcomes: Counter[str] = Counter()
    created: list[uuid.UUID] = []
    for response in responses:
        body = response.json()
        assert "errors" not in body, body
        payload = body["data"]["requestUserGroupMembership"]
        codes = [e["code"] for e in payload["errors"]]
        if not codes:
            assert payload["request"]["status"] == "PENDING"
            decoded = from_global_id(payload["request"]["id"], "AccessRequest")
            assert decoded is not None
            created.append(decoded[1])
        outcomes[",".join(codes) or "CREATED"] += 1
    assert outcomes == {"CREATED": 1, "DUPLICATE_REQUEST": SUBMISSIONS - 1}

    # then: one row, one audit event, one mail to the approver; the refused attempts left nothing behind
    mine = select(func.count()).select_from(AccessRequest).where(AccessRequest.requester_id == person.pk)
    assert await _scalar(race.factory, mine) == 1
    assert await _scalar(race.factory, mine.where(AccessRequest.id == created[0])) == 1
    submitted = (
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.subject_user_id == person.pk, AuditEvent.action == "REQUEST_SUBMITTED")
    )
    assert await _scalar(race.factory, submitted) == 1
    to_approver = select(func.count()).select_from(OutboxMail).where(OutboxMail.to_address == administrator.email)
    assert await _scalar(race.factory, to_approver) == 1
