"""docs/reliability.md, "Reliability and data integrity": the bars that are not fault or load bars, named after them.

Like tests/concurrency/test_exactly_once.py (whose database, app and world helpers are reused), these tests
commit: they run in a database of their own, through an app with a real connection pool, with many HTTP calls
in flight at once. The fault and load bars (database or app crash, hang, pool exhaustion, steady load) are in
tests/faults/; "Bad input" is tests/fuzz/. The figures are written to test-results/quality/integrity.json and
printed once at the end of the module.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError, PendingRollbackError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette

from iacs.app import create_app
from iacs.auth import passwords
from iacs.config import Settings
from iacs.db.engine import POOL_TIMEOUT_SECONDS, make_engine
from iacs.domain.accounts import service as account_service
from iacs.domain.audit.models import AuditEvent
from iacs.domain.clock import FrozenClock
from iacs.domain.enums import RequestKind, RequestStatus, Role, RoleStatus, UserGroupKind
from iacs.domain.groups.models import UserGroup
from iacs.domain.notifications import service as mail_service  # where a use case's mail is queued (mail_to)
from iacs.domain.notifications.models import OutboxMail
from iacs.domain.requests import actors  # where a use case writes its audit events (UseCase.record)
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import ApproverRelation
from iacs.domain.roles.models import RoleAssignment
from iacs.graphql import context as context_module
from iacs.graphql import unavailable
from iacs.graphql.ids import to_global_id
from iacs.graphql.unavailable import CLOSE_SECONDS, RETRY_AFTER_SECONDS, is_database_unavailable, is_unstorable_text
from tests.api.people import PASSWORD, People, Person
from tests.concurrency.test_exactly_once import (
    POOL_OVERFLOW,
    POOL_SIZE,
    Race,
    World,
    race,  # noqa: F401 - the module's own database and app (a fixture)
    racers,  # noqa: F401 - people signed in with a password (a fixture)
)
from tests.concurrency.test_exactly_once import (
    test_concurrent_identical_submissions_create_one_request as concurrent_identical_submissions,
)
from tests.conftest import START
from tests.security.test_quality_security import QuickPeople, print_to_terminal

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results" / "quality" / "integrity.json"
MEASURED: dict[str, Any] = {}

REQUESTS = 50
APPROVERS = 10
TRIALS = 100
TRIALS_AT_ONCE = 2

APPROVE = """
mutation($id: ID!) { approveRequest(input: {requestId: $id}) {
  request { id status decidedBy { id } } errors { code message field } } }"""
DENY = """
mutation($id: ID!) { denyRequest(input: {requestId: $id, reason: "No"}) { request { id status } errors { code } } }"""
REVOKE = """
mutation($id: ID!) { revokeRole(input: {roleAssignmentId: $id, reason: "Left the team"}) {
  roleAssignment { id status } errors { code message field } } }"""
CANCEL = "mutation($id: ID!) { cancelRequest(input: {requestId: $id}) { request { status } errors { code } } }"
JOIN_GROUP = """
mutation($group: ID!) { requestUserGroupMembership(input: {userGroupId: $group}) {
  request { id status } errors { code message field } } }"""


@pytest.fixture(scope="module", autouse=True)
def _report_measurements(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not MEASURED:
        return
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(MEASURED, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print_to_terminal(
        request.config,
        [
            f"quality/integrity {name}: {json.dumps(figures, sort_keys=True)}"
            for name, figures in sorted(MEASURED.items())
        ],
    )


@pytest.fixture
async def quick(race: Race) -> AsyncIterator[QuickPeople]:  # noqa: F811 - the imported fixture
    made = QuickPeople(race.app, race.factory)
    yield made
    await made.close()


async def _post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> httpx.Response:
    return await client.post("/graphql", json={"query": query, "variables": variables})


async def _scalar(
    factory: async_sessionmaker[AsyncSession], statement: Any, params: dict[str, Any] | None = None
) -> Any:
    async with factory() as db:
        return await db.scalar(statement, params or {})


async def grant(
    world: World, person: uuid.UUID, role: Role, org: uuid.UUID, group: uuid.UUID | None = None
) -> uuid.UUID:
    """An approved request and the role it granted (R25: no role without its request); the role's id."""
    kind, relation = {
        Role.SECURITY_OFFICIAL: (RequestKind.REGISTER_ORGANIZATION, ApproverRelation.HELP_DESK),
        Role.BACKUP_SECURITY_OFFICIAL: (
            RequestKind.BACKUP_SECURITY_OFFICIAL,
            ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL,
        ),
        Role.USER_GROUP_ADMINISTRATOR: (RequestKind.ADMINISTER_USER_GROUP, ApproverRelation.ORGANIZATION_OFFICIALS),
    }[role]
    async with world.factory() as db:
        granted = world._request(person, kind, relation, org=org, group=group)
        db.add(granted)
        await db.flush()
        assignment = RoleAssignment(
            user_id=person,
            role=role,
            organization_id=org,
            user_group_id=group,
            request_id=granted.id,
            granted_at=START,
        )
        db.add(assignment)
        await db.commit()
        return assignment.id


async def groups(world: World, org: uuid.UUID, count: int) -> list[uuid.UUID]:
    async with world.factory() as db:
        made = [
            UserGroup(organization_id=org, kind=UserGroupKind.PROVIDER, name=f"Team {n} {world.tag}")
            for n in range(count)
        ]
        db.add_all(made)
        await db.commit()
        return [g.id for g in made]


# --- Exactly one decision --------------------------------------------------------------------------------------


async def test_bar_exactly_one_decision_50_requests_x_10_racing_approvers(race: Race, quick: QuickPeople) -> None:  # noqa: F811
    # given: 50 pending requests to join one group, and 10 UGAs of that group, each with their own session
    world = World(race.factory)
    org, group = await world.organization_with_group(seed=61_001)
    approvers = [await quick.make(f"Racer {i}") for i in range(APPROVERS)]
    await world.administrators(approvers, org, group)
    requesters = await world.requesters(REQUESTS)
    request_ids = await world.pending_memberships(requesters, org, group)

    # when: every approver approves every request, 500 calls, the 10 approvers of a request in flight together
    # (at most one call per pooled connection: more would only queue for a connection; pool exhaustion is a
    # fault bar of its own)
    slots = asyncio.Semaphore(POOL_SIZE + POOL_OVERFLOW)

    async def approve(approver: Person, request_id: uuid.UUID) -> tuple[Person, uuid.UUID, httpx.Response]:
        async with slots:
            response = await _post(approver.client, APPROVE, {"id": to_global_id("AccessRequest", request_id)})
        return approver, request_id, response

    started = time.perf_counter()
    results = await asyncio.gather(*(approve(a, r) for r in request_ids for a in approvers))
    elapsed = time.perf_counter() - started

    # then: 0 answers 5xx; 50 decisions and 450 ALREADY_DECIDED, one winner per request
    statuses = Counter(response.status_code for _, _, response in results)
    outcomes: Counter[str] = Counter()
    winners: dict[uuid.UUID, list[uuid.UUID]] = {r: [] for r in request_ids}
    for approver, request_id, response in results:
        body = response.json()
        assert "errors" not in body, body
        codes = [e["code"] for e in body["data"]["approveRequest"]["errors"]]
        outcomes[",".join(codes) or "APPROVED"] += 1
        if not codes:
            winners[request_id].append(approver.pk)
    five_xx = sum(n for status, n in statuses.items() if status >= 500)
    MEASURED["exactly_one_decision"] = {
        "calls": len(results),
        "decisions": outcomes["APPROVED"],
        "already_decided": outcomes["ALREADY_DECIDED"],
        "http_5xx": five_xx,
        "seconds": round(elapsed, 2),
    }
    assert five_xx == 0
    assert statuses == {200: REQUESTS * APPROVERS}
    assert outcomes == {"APPROVED": REQUESTS, "ALREADY_DECIDED": REQUESTS * (APPROVERS - 1)}
    assert all(len(w) == 1 for w in winners.values())

    # then: the database holds 50 decisions, 50 grants and 50 decision audit events (one of each per request)
    async with race.factory() as db:
        decided = (await db.scalars(select(AccessRequest).where(AccessRequest.id.in_(request_ids)))).all()
        assert Counter(r.status for r in decided) == {RequestStatus.APPROVED: REQUESTS}
        assert {r.id: r.decided_by_id for r in decided} == {r: w[0] for r, w in winners.items()}
        grants = (await db.scalars(select(RoleAssignment).where(RoleAssignment.request_id.in_(request_ids)))).all()
        assert len(grants) == REQUESTS
        assert {g.user_id for g in grants} == set(requesters)
        events = dict(
            (
                await db.execute(
                    select(AuditEvent.action, func.count())
                    .where(AuditEvent.request_id.in_(request_ids))
                    .group_by(AuditEvent.action)
                )
            ).all()
        )
        assert events == {"REQUEST_APPROVED": REQUESTS, "ROLE_GRANTED": REQUESTS}
    MEASURED["exactly_one_decision"].update(
        {"grants": len(grants), "decision_audit_events": events["REQUEST_APPROVED"]}
    )


# --- Duplicate requests -------------------------------------------------------------------------------------------


async def test_bar_duplicate_requests_20_identical_submissions_create_1(race: Race, racers: People) -> None:  # noqa: F811
    # The bar's test is tests/concurrency/test_exactly_once.py (20 concurrent identical submissions: 1 created,
    # 19 DUPLICATE_REQUEST, 0 5xx, one row, one audit event, one mail); run here under the bar's name.
    await concurrent_identical_submissions(race, racers)


# --- Revoke vs approve race ---------------------------------------------------------------------------------------


@dataclass
class Trial:
    request: uuid.UUID
    role: uuid.UUID
    approve_first: bool
    approved: httpx.Response | None = None
    revoked: httpx.Response | None = None


async def test_bar_revoke_vs_approve_race_100_trials(race: Race, quick: QuickPeople) -> None:  # noqa: F811
    # given: an organization with its SO, 100 groups, an approver who is UGA of all 100, and in each group a
    # pending request to join it that only that UGA may decide
    world = World(race.factory)
    org, _ = await world.organization_with_group(seed=62_001)
    official = await quick.make("Race Official")
    await grant(world, official.pk, Role.BACKUP_SECURITY_OFFICIAL, org)  # SO and BSO both revoke UGA roles
    approver = await quick.make("Race Approver")
    team = await groups(world, org, TRIALS)
    roles = [await grant(world, approver.pk, Role.USER_GROUP_ADMINISTRATOR, org, g) for g in team]
    requesters = await world.requesters(TRIALS, "joiner")
    requests = [(await world.pending_memberships([u], org, g))[0] for u, g in zip(requesters, team, strict=True)]
    rng = random.Random(2026)
    trials = [
        Trial(request=r, role=role, approve_first=n % 2 == 0)
        for n, (r, role) in enumerate(zip(requests, roles, strict=True))
    ]

    # when: in each trial the approver approves while the official revokes the approver's role for that group,
    # both in flight together (one of them delayed by a few ms, alternately); 2 trials at a time
    async def run(trial: Trial) -> None:
        delay = rng.uniform(0, 0.015)

        async def approve() -> None:
            if not trial.approve_first:
                await asyncio.sleep(0.01 + 4 * delay)  # the revocation has the longer way to its lock
            trial.approved = await _post(approver.client, APPROVE, {"id": to_global_id("AccessRequest", trial.request)})

        async def revoke() -> None:
            if trial.approve_first:
                await asyncio.sleep(delay)
            trial.revoked = await _post(official.client, REVOKE, {"id": to_global_id("RoleAssignment", trial.role)})

        await asyncio.gather(approve(), revoke())

    started = time.perf_counter()
    for wave in range(0, TRIALS, TRIALS_AT_ONCE):
        await asyncio.gather(*(run(t) for t in trials[wave : wave + TRIALS_AT_ONCE]))
    elapsed = time.perf_counter() - started

    # then: every revocation succeeded; every approval either won before the revocation or was refused
    outcomes: Counter[str] = Counter()
    async with race.factory() as db:
        for trial in trials:
            assert trial.approved is not None
            assert trial.revoked is not None
            assert (trial.approved.status_code, trial.revoked.status_code) == (200, 200)
            revoked = trial.revoked.json()["data"]["revokeRole"]
            assert revoked == {
                "roleAssignment": {"id": to_global_id("RoleAssignment", trial.role), "status": "REVOKED"},
                "errors": [],
            }
            approval = trial.approved.json()["data"]["approveRequest"]
            request = await db.get(AccessRequest, trial.request)
            assert request is not None
            await db.refresh(request)
            revoked_event = await db.scalar(
                select(AuditEvent.id).where(
                    AuditEvent.role_assignment_id == trial.role, AuditEvent.action == "ROLE_REVOKED"
                )
            )
            approved_event = await db.scalar(
                select(AuditEvent.id).where(
                    AuditEvent.request_id == trial.request, AuditEvent.action == "REQUEST_APPROVED"
                )
            )
            if approval["errors"] == []:
                # the decision took the approver's role FOR SHARE and committed first: the revocation waited for
                # it, so its audit event (written after taking the row FOR UPDATE) comes later
                assert request.status == RequestStatus.APPROVED
                assert request.decided_by_id == approver.pk
                assert approved_event is not None
                assert revoked_event is not None
                assert approved_event < revoked_event, "a decision recorded after the revocation"
                outcomes["approved before the revocation"] += 1
            else:
                assert approval["errors"] == [
                    {"code": "NOT_FOUND", "message": "No request with this id.", "field": ["requestId"]}
                ]
                assert request.status == RequestStatus.PENDING
                assert approved_event is None
                outcomes["refused after the revocation"] += 1
        late = await db.scalar(
            text(
                """
                SELECT count(*) FROM access_requests r
                JOIN audit_events d ON d.request_id = r.id AND d.action = 'REQUEST_APPROVED'
                JOIN role_assignments a ON a.user_id = r.decided_by_id AND a.user_group_id = r.user_group_id
                  AND a.role = 'USER_GROUP_ADMINISTRATOR'
                JOIN audit_events e ON e.role_assignment_id = a.id AND e.action = 'ROLE_REVOKED'
                WHERE r.id = ANY(:ids) AND d.id > e.id
                """
            ),
            {"ids": requests},
        )
    MEASURED["revoke_vs_approve"] = {
        "trials": TRIALS,
        **dict(outcomes),
        "decisions_after_the_revocation": late,
        "seconds": round(elapsed, 2),
    }
    assert late == 0
    assert sum(outcomes.values()) == TRIALS
    # the race was real: both orders happened
    assert outcomes["approved before the revocation"] > 0
    assert outcomes["refused after the revocation"] > 0


async def test_bar_revoke_vs_approve_race_a_decision_waits_for_an_uncommitted_revocation(
    race: Race,  # noqa: F811
    quick: QuickPeople,
) -> None:
    # Deterministic: a revocation holds the approver's role row (uncommitted); the approval started meanwhile
    # waits for it, and once it commits the approval is refused. This is the FOR SHARE lock of decide().
    world = World(race.factory)
    org, group = await world.organization_with_group(seed=63_001)
    approver = await quick.make("Waiting Approver")
    role = await grant(world, approver.pk, Role.USER_GROUP_ADMINISTRATOR, org, group)
    (request,) = await world.pending_memberships(await world.requesters(1, "waiter"), org, group)
    engine = make_engine(str(race.engine.url.render_as_string(hide_password=False)), app_role=True)
    try:
        async with engine.connect() as revocation:
            await revocation.execute(text("SELECT id FROM role_assignments WHERE id = :id FOR UPDATE"), {"id": role})
            approval = asyncio.ensure_future(
                _post(approver.client, APPROVE, {"id": to_global_id("AccessRequest", request)})
            )
            await asyncio.sleep(0.8)
            waited = not approval.done()
            await revocation.execute(
                text("UPDATE role_assignments SET status = 'REVOKED', ended_at = now() WHERE id = :id"), {"id": role}
            )
            await revocation.commit()
            answer = (await approval).json()
    finally:
        await engine.dispose()
    assert waited, "the approval did not wait for the uncommitted revocation"
    assert answer["data"]["approveRequest"]["errors"][0]["code"] == "NOT_FOUND"
    status = await _scalar(race.factory, select(AccessRequest.status).where(AccessRequest.id == request))
    assert status == RequestStatus.PENDING


# --- Atomic side effects -------------------------------------------------------------------------------------------


class InjectedFailure(RuntimeError):
    pass


FAILURE_POINTS = {
    # the decision's audit event (right after the conditional UPDATE of the request)
    "audit insert of the decision": (actors, "record", "REQUEST_APPROVED"),
    # the grant's audit event (right after the role and the new group were inserted)
    "audit insert of the grant": (actors, "record", "ROLE_GRANTED"),
    # the decision mail to the requester (the last write of the decision, after everything else)
    "mail insert": (mail_service, "enqueue", "request_decided"),
}
TABLES = ("access_requests", "role_assignments", "user_groups", "audit_events", "mail_outbox")
STATE = text(
    " UNION ALL ".join(
        f"SELECT '{t}', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} AS x"  # noqa: S608 - constant names
        for t in TABLES
    )
)


async def _state(factory: async_sessionmaker[AsyncSession]) -> dict[str, tuple[int, str]]:
    async with factory() as db:
        return {t: (n, digest) for t, n, digest in (await db.execute(STATE)).all()}


@pytest.mark.parametrize("point", sorted(FAILURE_POINTS))
async def test_bar_atomic_side_effects_a_failure_inside_a_decision_leaves_nothing(
    race: Race,  # noqa: F811
    quick: QuickPeople,
    monkeypatch: pytest.MonkeyPatch,
    point: str,
) -> None:
    # given: a pending request to create a user group (its approval writes a group, a role, 2 audit events and a
    # mail), and its organization's Security Official
    world = World(race.factory)
    org, _ = await world.organization_with_group(seed=64_001 + sorted(FAILURE_POINTS).index(point))
    official = await quick.make("Atomic Official")
    await grant(world, official.pk, Role.BACKUP_SECURITY_OFFICIAL, org)
    (asker,) = await world.requesters(1, f"asker{uuid.uuid4().hex[:4]}")
    name = f"Atomic Group {uuid.uuid4().hex[:6]}"
    async with race.factory() as db:
        pending = world._request(
            asker,
            RequestKind.CREATE_USER_GROUP,
            ApproverRelation.ORGANIZATION_OFFICIALS,
            org=org,
            status=RequestStatus.PENDING,
        )
        pending.proposed_name = name
        db.add(pending)
        await db.commit()
        request_id = pending.id

    # when: the decision fails at one write, after the writes before it were sent to the database
    module, function, marker = FAILURE_POINTS[point]
    real = getattr(module, function)
    reached: list[str] = []

    async def failing(db: AsyncSession, **kwargs: Any) -> None:
        await real(db, **kwargs)
        tag = kwargs["action"].value if function == "record" else kwargs["mail"].template
        if tag == marker:
            await db.flush()
            reached.append(tag)
            raise InjectedFailure("injected failure: SELECT secret FROM somewhere")

    monkeypatch.setattr(module, function, failing)
    before = await _state(race.factory)
    response = await _post(official.client, APPROVE, {"id": to_global_id("AccessRequest", request_id)})

    # then: the answer is the masked internal error, not a partial success, and nothing at all was written
    assert reached == [marker], "the failure point was not reached"
    assert response.status_code == 200
    assert response.json() == {
        "data": None,
        "errors": [
            {"message": "Internal error.", "locations": [{"line": 2, "column": 22}], "path": ["approveRequest"]}
        ],
    }
    for leak in ("injected", "SELECT", "Traceback", "InjectedFailure"):
        assert leak not in response.text
    assert await _state(race.factory) == before
    async with race.factory() as db:
        request = await db.get(AccessRequest, request_id)
        assert request is not None
        assert (request.status, request.decided_by_id, request.decided_at) == (RequestStatus.PENDING, None, None)
        assert await db.scalar(select(func.count()).select_from(UserGroup).where(UserGroup.name == name)) == 0
        assert (
            await db.scalar(select(func.count()).select_from(RoleAssignment).where(RoleAssignment.user_id == asker))
            == 0
        )
        assert (
            await db.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.request_id == request_id))
            == 0
        )  # (the submission was inserted directly, without an event)
        asker_email = await db.scalar(text("SELECT email FROM users WHERE id = :id"), {"id": asker})
        assert (
            await db.scalar(select(func.count()).select_from(OutboxMail).where(OutboxMail.to_address == asker_email))
            == 0
        )

    # and once the fault is gone the same decision goes through whole: nothing was left locked or half-done
    monkeypatch.setattr(module, function, real)
    retried = (await _post(official.client, APPROVE, {"id": to_global_id("AccessRequest", request_id)})).json()
    assert retried["data"]["approveRequest"]["errors"] == []
    async with race.factory() as db:
        assert await db.scalar(select(func.count()).select_from(UserGroup).where(UserGroup.name == name)) == 1
        assert (
            await db.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.request_id == request_id))
            == 2
        )  # REQUEST_APPROVED, ROLE_GRANTED
    MEASURED.setdefault("atomic_side_effects", {})[point] = "nothing written; masked internal error; retry whole"


# --- Audit ----------------------------------------------------------------------------------------------------------


async def test_bar_audit_one_event_per_state_change_and_the_app_role_cannot_rewrite_it(
    race: Race,  # noqa: F811
    quick: QuickPeople,
) -> None:
    world = World(race.factory)
    org, group = await world.organization_with_group(seed=65_001)
    uga = await quick.make("Audit Admin")
    await world.administrators([uga], org, group)
    asker = await quick.make("Audit Asker")
    group_id = to_global_id("UserGroup", group)

    async def events() -> Counter[str]:
        async with race.factory() as db:
            rows = (
                await db.execute(
                    select(AuditEvent.action).where(
                        (AuditEvent.actor_id.in_([uga.pk, asker.pk])) | (AuditEvent.subject_user_id == asker.pk)
                    )
                )
            ).scalars()
            return Counter(rows)

    async def step(person: Person, query: str, variables: dict[str, Any]) -> tuple[dict[str, Any], Counter[str]]:
        before = await events()
        body = (await _post(person.client, query, variables)).json()
        assert "errors" not in body, body
        (payload,) = body["data"].values()
        return payload, await events() - before

    # each state change: exactly one event of its kind (a grant is a change of its own: one more)
    asked, change = await step(asker, JOIN_GROUP, {"group": group_id})
    assert change == {"REQUEST_SUBMITTED": 1}
    first = asked["request"]["id"]
    _, change = await step(uga, DENY, {"id": first})
    assert change == {"REQUEST_DENIED": 1}
    asked, change = await step(asker, JOIN_GROUP, {"group": group_id})
    assert change == {"REQUEST_SUBMITTED": 1}
    _, change = await step(asker, CANCEL, {"id": asked["request"]["id"]})
    assert change == {"REQUEST_CANCELLED": 1}
    asked, _ = await step(asker, JOIN_GROUP, {"group": group_id})
    _, change = await step(uga, APPROVE, {"id": asked["request"]["id"]})
    assert change == {"REQUEST_APPROVED": 1, "ROLE_GRANTED": 1}
    role = await _scalar(
        race.factory,
        select(RoleAssignment.id).where(RoleAssignment.user_id == asker.pk, RoleAssignment.status == RoleStatus.ACTIVE),
    )
    _, change = await step(uga, REVOKE, {"id": to_global_id("RoleAssignment", role)})
    assert change == {"ROLE_REVOKED": 1}
    # a refused attempt changes nothing and records nothing
    refused, change = await step(uga, APPROVE, {"id": first})
    assert [e["code"] for e in refused["errors"]] == ["ALREADY_DECIDED"]
    assert change == Counter()

    # the app's database role may append, and nothing else: 4 of 4 refused, the log unchanged (each statement on
    # a fresh connection of an engine made as the app makes it, so that it runs as the app's role; see below)
    url = race.engine.url.render_as_string(hide_password=False)
    refusals: list[str] = []
    count_before = await _scalar(race.factory, select(func.count()).select_from(AuditEvent))
    for statement in (
        "UPDATE audit_events SET action = 'TAMPERED'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
        "ALTER TABLE audit_events DISABLE TRIGGER ALL",
    ):
        engine = make_engine(url)
        try:
            async with engine.connect() as conn:
                assert await conn.scalar(text("SELECT current_user")) == "iacs_app"
                try:
                    await conn.execute(text(statement))
                except DBAPIError as refused_error:
                    refusals.append(str(getattr(refused_error.orig, "sqlstate", "")) or "refused")
                await conn.rollback()
        finally:
            await engine.dispose()
    assert await _scalar(race.factory, select(func.count()).select_from(AuditEvent)) == count_before
    MEASURED["audit"] = {"refused_of_4": len(refusals), "sqlstates": refusals}
    assert len(refusals) == 4


async def test_bar_audit_the_app_keeps_its_database_role_after_a_rollback(race: Race, quick: QuickPeople) -> None:  # noqa: F811
    # given: the app has served a few requests (its pooled connections were returned, i.e. rolled back)
    person = await quick.make("Pool User")
    for _ in range(3):
        assert (await _post(person.client, "{ viewer { name } }", {})).status_code == 200
    # when / then: any connection of the app's own pool still acts as iacs_app
    async with race.engine.connect() as conn:
        in_pool = await conn.scalar(text("SELECT current_user"))
    engine = make_engine(race.engine.url.render_as_string(hide_password=False))
    try:
        async with engine.connect() as conn:
            first = await conn.scalar(text("SELECT current_user"))
            await conn.rollback()
            after_rollback = await conn.scalar(text("SELECT current_user"))
            try:
                await conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER ALL"))
                disabled = True
            except DBAPIError:
                disabled = False
            await conn.rollback()
    finally:
        await engine.dispose()
    assert (in_pool, first, after_rollback, disabled) == ("iacs_app", "iacs_app", "iacs_app", False)


# --- Database hang and pool exhaustion: the mechanisms, fast ---------------------------------------------------------
# The bars themselves are measured by `make test-faults` (a real server, a frozen or crashed PostgreSQL, 200 requests
# at once); these check, in seconds, the parts that make them hold: the request deadline, the quiet and bounded
# return of a session, the pool timeout, liveness without the database, and sign-ins that hold no connection while
# hashing. Each runs an app on a pool of 1 connection and no overflow, on this module's database.

VIEWER = "{ viewer { name } }"
SIGN_IN = """mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) {
  viewer { email } errors { code } } }"""
REGISTER = """mutation($input: RegisterAccountInput!) { registerAccount(input: $input) {
  viewer { email } errors { code field } } }"""


@dataclass
class SmallPool:
    app: Starlette
    engine: AsyncEngine
    people: QuickPeople


@pytest.fixture
async def small_pool(race: Race, request: pytest.FixtureRequest) -> AsyncIterator[SmallPool]:  # noqa: F811
    """An app on a pool of 1 connection, no overflow; its sessions of class `session_class` when parametrized."""
    url = race.engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, db_pool_size=1, db_max_overflow=0)
    engine = make_engine(url, settings)
    session_class = getattr(request, "param", AsyncSession)
    factory = async_sessionmaker(engine, class_=session_class, expire_on_commit=False, autoflush=False)
    app = create_app(
        settings, database_url=url, engine=engine, session_factory=factory, clock=FrozenClock(START), deliver_mail=False
    )
    people = QuickPeople(app, race.factory)
    try:
        yield SmallPool(app=app, engine=engine, people=people)
    finally:
        await people.close()
        await engine.dispose()


def _unavailable(response: httpx.Response) -> bool:
    body = response.json()
    return (
        response.status_code == 503
        and response.headers.get("retry-after") == str(RETRY_AFTER_SECONDS)
        and [e["extensions"] for e in body["errors"]]
        == [{"code": "SERVICE_UNAVAILABLE", "retryAfterSeconds": RETRY_AFTER_SECONDS}]
        and "Internal error" not in response.text
    )


async def _checked_out_becomes(engine: AsyncEngine, expected: int, within: float) -> float:
    """Seconds until the pool has `expected` connections out (fails after `within`)."""
    started = time.perf_counter()
    while engine.pool.checkedout() != expected:  # type: ignore[attr-defined]
        assert time.perf_counter() - started < within, f"{engine.pool.checkedout()} connections out"  # type: ignore[attr-defined]
        await asyncio.sleep(0.02)
    return time.perf_counter() - started


async def test_bar_pool_exhaustion_a_request_waits_at_most_the_pool_timeout_for_a_connection(
    small_pool: SmallPool,
) -> None:
    person = await small_pool.people.make("Pool Waiter")
    # given: the pool's only connection is taken
    async with small_pool.engine.connect() as held:
        await held.execute(text("SELECT 1"))
        # when: a request needs one
        started = time.perf_counter()
        response = await _post(person.client, VIEWER, {})
        waited = time.perf_counter() - started
    # then: a clean, retryable 503 after the pool timeout (3 s), well within the bar's 6 s
    assert _unavailable(response), response.text
    assert POOL_TIMEOUT_SECONDS <= waited < POOL_TIMEOUT_SECONDS + 1.5, waited
    # and once the connection is back the next request is answered, and nothing leaked
    assert (await _post(person.client, VIEWER, {})).json() == {"data": {"viewer": {"name": "Pool Waiter"}}}
    await _checked_out_becomes(small_pool.engine, 0, within=1.0)
    MEASURED["pool_timeout"] = {"503_after_seconds": round(waited, 2), "bar_seconds": 6}


async def test_bar_database_hang_a_request_past_its_deadline_is_answered_503_and_gives_its_connection_back(
    race: Race,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: a deadline of 1 s (10 s in production), and a request whose statement never returns in time
    monkeypatch.setattr(unavailable, "REQUEST_DEADLINE_SECONDS", 1.0)
    url = race.engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, db_pool_size=1, db_max_overflow=0)
    engine = make_engine(url, settings)
    app = create_app(settings, database_url=url, engine=engine, clock=FrozenClock(START), deliver_mail=False)
    people = QuickPeople(app, race.factory)
    real = account_service.user_for_session

    async def stuck(db: AsyncSession, token: str, **kwargs: Any) -> Any:
        await db.execute(text("SELECT pg_sleep(30)"))
        return await real(db, token, **kwargs)

    try:
        person = await people.make("Hung Reader")
        monkeypatch.setattr(context_module, "user_for_session", stuck)
        # when
        started = time.perf_counter()
        response = await _post(person.client, VIEWER, {})
        answered = time.perf_counter() - started
        # then: 503 at the deadline, clean and retryable
        assert _unavailable(response), response.text
        assert 1.0 <= answered < 2.0, answered
        # and the cancelled request gave its connection back (dropped, not waited on), so the next one is served
        given_back = await _checked_out_becomes(engine, 0, within=3.0)
        monkeypatch.setattr(context_module, "user_for_session", real)
        assert (await _post(person.client, VIEWER, {})).json() == {"data": {"viewer": {"name": "Hung Reader"}}}
    finally:
        await people.close()
        await engine.dispose()
    MEASURED["request_deadline"] = {
        "deadline_seconds": 1.0,
        "answered_after_seconds": round(answered, 2),
        "connection_back_after_seconds": round(given_back, 2),
    }


class _SessionThatFailsToClose(AsyncSession):
    """Gives its connection back, then raises as a ROLLBACK on a connection that died meanwhile would."""

    async def close(self) -> None:
        await super().close()
        raise DBAPIError("ROLLBACK", {}, ConnectionError("connection was closed in the middle of operation"))


class _SessionThatHangsOnClose(AsyncSession):
    """Its ROLLBACK never comes back, as on a frozen server."""

    async def close(self) -> None:
        await asyncio.sleep(30)
        await super().close()


@pytest.mark.parametrize(
    "small_pool", [_SessionThatFailsToClose, _SessionThatHangsOnClose], indirect=True, ids=["fails", "hangs"]
)
async def test_bar_database_hang_giving_the_session_back_neither_fails_nor_holds_the_answer(
    small_pool: SmallPool,
) -> None:
    person = await small_pool.people.make("Careful Closer")
    started = time.perf_counter()
    response = await _post(person.client, VIEWER, {})
    elapsed = time.perf_counter() - started
    # the answer made before the session was given back stands, whole: no error text of the close, no 500
    assert response.status_code == 200
    assert response.json() == {"data": {"viewer": {"name": "Careful Closer"}}}
    assert elapsed < CLOSE_SECONDS + 1.0, elapsed
    # and the connection is back in the pool (dropped when the close hung)
    await _checked_out_becomes(small_pool.engine, 0, within=2.0)


def test_bar_database_hang_errors_of_a_broken_session_are_service_unavailable_and_bad_text_is_bad_input() -> None:
    pending = PendingRollbackError("This Session's transaction has been rolled back due to a previous exception")
    assert is_database_unavailable(pending)
    assert not is_unstorable_text(pending)
    closed = DBAPIError("SELECT 1", {}, ConnectionError("connection was closed"), connection_invalidated=True)
    assert is_database_unavailable(closed)
    try:
        "\ud800".encode()
    except UnicodeEncodeError as encoding:
        driver = asyncpg.exceptions.DataError("invalid input for query argument $1")
        driver.__cause__ = encoding
        wrapped = DBAPIError("SELECT $1", {}, driver)
    assert is_unstorable_text(wrapped)
    assert not is_database_unavailable(wrapped)  # asyncpg's DataError is an InterfaceError: not an outage


async def test_bar_database_hang_liveness_answers_without_the_database(small_pool: SmallPool) -> None:
    async with small_pool.engine.connect() as held:  # the pool is empty: anything that needed it would wait 3 s
        await held.execute(text("SELECT 1"))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=small_pool.app), base_url="http://x") as http:
            started = time.perf_counter()
            live = await http.get("/healthz")
            elapsed = time.perf_counter() - started
            ready = await http.get("/readyz")
    assert (live.status_code, live.json()) == (200, {"status": "ok"})
    assert elapsed < 0.5, elapsed
    assert (ready.status_code, ready.json()) == (503, {"status": "unavailable", "database": "unreachable"})


async def test_bar_pool_exhaustion_a_sign_in_storm_holds_no_connection_while_hashing(
    small_pool: SmallPool,
    race: Race,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: 20 people, and a hasher that takes 0.25 s per password and notes how many connections were out meanwhile
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    persons = [await small_pool.people.make(f"Stormer {i}") for i in range(20)]
    async with race.factory() as db:
        await db.execute(
            text("UPDATE users SET password_hash = :h WHERE id = ANY(:ids)"),
            {"h": cheap.hash(PASSWORD), "ids": [p.pk for p in persons]},
        )
        await db.commit()
    pool = small_pool.engine.pool
    out_while_hashing: list[int] = []

    class Slow:
        def verify(self, password_hash: str, password: str | bytes) -> bool:
            out_while_hashing.append(pool.checkedout())  # type: ignore[attr-defined]
            time.sleep(0.25)
            return cheap.verify(password_hash, password)

        def hash(self, password: str | bytes) -> str:
            out_while_hashing.append(pool.checkedout())  # type: ignore[attr-defined]
            time.sleep(0.25)
            return cheap.hash(password)

        def check_needs_rehash(self, password_hash: str) -> bool:
            return False

    monkeypatch.setattr(passwords, "_hasher", Slow())

    # when: one sign-in alone, then all 20 at once, on a pool of one connection (20 x 0.25 s of hashing would hold
    # it 5 s, more than the 3 s pool timeout, if the connection were kept while hashing)
    alone = (await _post(small_pool.people.client(), SIGN_IN, {"l": persons[0].email, "p": PASSWORD})).json()
    assert out_while_hashing == [0]
    started = time.perf_counter()
    answers = await asyncio.gather(
        *(_post(small_pool.people.client(), SIGN_IN, {"l": p.email, "p": PASSWORD}) for p in persons)
    )
    elapsed = time.perf_counter() - started
    # and a registration: its password is hashed before its transaction begins
    out_while_hashing.clear()
    registered = (
        await _post(
            small_pool.people.client(),
            REGISTER,
            {
                "input": {
                    "email": f"storm.{uuid.uuid4().hex[:6]}@example.org",
                    "name": "Pat Storm",
                    "password": "violet-harbor-lantern-42",
                    "community": "PROVIDER_SUPPLIER",
                    "acceptTerms": True,
                }
            },
        )
    ).json()

    # then: every sign-in worked, none waited for a connection held by a hash
    assert alone["data"]["signIn"] == {"viewer": {"email": persons[0].email}, "errors": []}
    assert [(a.status_code, a.json()["data"]["signIn"]["errors"]) for a in answers] == [(200, [])] * 20
    assert elapsed < POOL_TIMEOUT_SECONDS, elapsed
    assert registered["data"]["registerAccount"]["errors"] == []
    assert out_while_hashing == [0]
    MEASURED["sign_in_storm_pool_of_1"] = {"sign_ins": 20, "all_ok": True, "seconds": round(elapsed, 2)}
