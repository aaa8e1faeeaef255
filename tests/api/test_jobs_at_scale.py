"""The job runner at a size where looking at everything every minute no longer fits (R39), and one job's failure
kept from undoing the others' work (R30, R40).

At 300,000 pending requests, escalation's search for requests nobody can decide ran past the statement timeout
every minute, and since every job ran in one transaction, no request expired and no role ended at its end date any
more. Now each job has a savepoint of its own, the search is one anti join per relation, and above
`LOOKED_AT_PER_RUN` pending requests each run looks at the next share of them, after where the last run stopped.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Select, func, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.audit.models import AuditEvent
from iacs.domain.audit.service import AuditAction
from iacs.domain.clock import FrozenClock
from iacs.domain.enums import RequestStatus
from iacs.domain.lifecycle import escalation, service
from iacs.domain.lifecycle.escalation import candidates_statement, stalled_statement
from iacs.domain.lifecycle.models import JobPosition
from iacs.domain.lifecycle.runner import run_once
from iacs.domain.requests.approvers import approvers_by_request
from iacs.domain.requests.models import AccessRequest
from iacs.graphql.ids import from_global_id
from tests.api.operations import ERRORS, REQUEST_MEMBERSHIP, approved_group, approved_organization
from tests.api.people import People

MY_ROLES = "{ viewer { roles { id role } } }"
GIVE_UP = f"""mutation($id: ID!) {{ revokeRole(input: {{roleAssignmentId: $id, reason: "Moving on"}}) {{
  roleAssignment {{ status }} {ERRORS} }} }}"""


def _pk(global_id: str) -> uuid.UUID:
    decoded = from_global_id(global_id, "AccessRequest")
    assert decoded is not None
    return decoded[1]


async def _escalations(factory: async_sessionmaker[AsyncSession]) -> list[uuid.UUID]:
    async with factory() as db:
        rows = await db.scalars(
            select(AuditEvent.request_id).where(AuditEvent.action == AuditAction.REQUEST_ESCALATED.value)
        )
        return sorted(i for i in rows.all() if i is not None)


async def _three_nobody_can_decide(people: People) -> list[uuid.UUID]:
    """Three membership requests of a group whose only administrator gave up the role: nobody can decide them.
    Their ids, in order (PostgreSQL orders uuids as Python does)."""
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    uga = await people.make("Uma Admin")
    members = [await people.make(name) for name in ("Max Member", "Mia Member", "Mo Member")]
    org = await approved_organization(so, desk, 81, "Share Clinic")
    group = await approved_group(uga, so, org, "Front Desk")
    asked = [(await m.data(REQUEST_MEMBERSHIP, {"group": group}))["requestUserGroupMembership"] for m in members]
    roles = (await uga.data(MY_ROLES))["viewer"]["roles"]
    role = next(r["id"] for r in roles if r["role"] == "USER_GROUP_ADMINISTRATOR")
    assert (await uga.data(GIVE_UP, {"id": role}))["revokeRole"]["errors"] == []
    return sorted(_pk(a["request"]["id"]) for a in asked)


async def test_r39_above_a_runs_share_each_run_goes_on_where_the_last_stopped_whenever_it_runs(
    people: People,
    clock: FrozenClock,
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: three requests nobody can decide, and a run that looks at one pending request at most
    ids = await _three_nobody_can_decide(people)
    monkeypatch.setattr(escalation, "LOOKED_AT_PER_RUN", 1)

    # when: the runner runs at irregular times (cron every hour, a restart, the loop): the share does not depend on
    # the clock, but on where the last run stopped
    runs = []
    for wait in (timedelta(minutes=2), timedelta(hours=1), timedelta(seconds=61), timedelta(minutes=5)):
        clock.advance(wait)
        report = await run_once(session_factory, clock)
        assert report.failed == []
        runs.append(report.escalated_ids)

    # then: one request a run, in order of id, then the position is past the last and goes back to the first
    assert runs == [[ids[0]], [ids[1]], [ids[2]], []]
    assert await _escalations(session_factory) == ids
    async with session_factory() as db:
        assert (await db.get_one(JobPosition, "escalation")).after_id == uuid.UUID(int=0)


async def test_r39_one_request_that_fails_to_go_up_does_not_hold_up_the_others(
    people: People,
    clock: FrozenClock,
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ids = await _three_nobody_can_decide(people)
    going_up = escalation.escalate_request

    async def fails_for_the_second(
        db: AsyncSession, now: datetime, request: AccessRequest, cause: escalation.EscalationCause
    ) -> object:
        if request.id == ids[1]:
            await db.execute(update(AccessRequest).values(justification="written before failing"))
            raise ValueError("a template that cannot be filled")
        return await going_up(db, now, request, cause)

    monkeypatch.setattr(escalation, "escalate_request", fails_for_the_second)
    with caplog.at_level(logging.ERROR, logger="iacs.domain.lifecycle.escalation"):
        report = await run_once(session_factory, clock)

    assert (report.escalated_ids, report.failed) == ([ids[0], ids[2]], [])
    assert await _escalations(session_factory) == [ids[0], ids[2]]
    async with session_factory() as db:  # what the failing one wrote is undone with it
        assert await db.scalar(select(func.count()).where(AccessRequest.justification.is_not(None))) == 0
    assert [r.getMessage() for r in caplog.records] == [
        f"jobs: escalating request {ids[1]} failed; it is looked at again at its next turn"
    ]


async def test_r39_a_share_whose_escalation_fails_does_not_hold_up_the_next_share(
    people: People,
    clock: FrozenClock,
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: a run looks at one pending request at most, and the escalation of the first share fails outside any
    # one request (its approvers cannot be worked out)
    ids = await _three_nobody_can_decide(people)
    monkeypatch.setattr(escalation, "LOOKED_AT_PER_RUN", 1)
    works_out = approvers_by_request

    async def fails_for_the_first(db: AsyncSession, requests: list[AccessRequest], **given: Any) -> object:
        if [request.id for request in requests] == [ids[0]]:
            raise ValueError("a statement timeout")
        return await works_out(db, requests, **given)

    monkeypatch.setattr(escalation, "approvers_by_request", fails_for_the_first)

    # when: the runner runs twice
    first = await run_once(session_factory, clock)
    clock.advance(timedelta(minutes=1))
    second = await run_once(session_factory, clock)

    # then: the first run's escalation failed, and the second run went on to the next share all the same
    assert (first.failed, first.escalated_ids) == (["escalation"], [])
    assert (second.failed, second.escalated_ids) == ([], [ids[1]])
    assert await _escalations(session_factory) == [ids[1]]
    async with session_factory() as db:
        assert (await db.get_one(JobPosition, "escalation")).after_id == ids[1]


async def test_r39_a_connection_lost_while_one_request_goes_up_ends_the_run(
    people: People,
    clock: FrozenClock,
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: the second request fails in its batch, and when tried alone, its connection is lost
    ids = await _three_nobody_can_decide(people)
    going_up = escalation.escalate_request
    tries: list[uuid.UUID] = []

    async def fails_then_loses_the_connection(
        db: AsyncSession, now: datetime, request: AccessRequest, cause: escalation.EscalationCause
    ) -> object:
        if request.id == ids[1]:
            tries.append(request.id)
            if len(tries) == 1:
                raise ValueError("a template that cannot be filled")
            raise DBAPIError("SELECT 1", {}, ConnectionResetError("gone"), connection_invalidated=True)
        return await going_up(db, now, request, cause)

    monkeypatch.setattr(escalation, "escalate_request", fails_then_loses_the_connection)

    # when, then: the run ends there (the third request is not tried) and nothing of it is committed
    with pytest.raises(DBAPIError):
        await run_once(session_factory, clock)
    assert tries == [ids[1], ids[1]]
    assert await _escalations(session_factory) == []


async def test_one_failing_job_is_undone_alone_and_the_others_work_is_committed(
    people: People,
    clock: FrozenClock,
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given: three requests nobody can decide, the first of which ran out of time
    ids = await _three_nobody_can_decide(people)
    async with session_factory() as db:
        await db.execute(
            update(AccessRequest)
            .where(AccessRequest.id == ids[0])
            .values(expires_at=clock.now() - timedelta(minutes=1))
        )
        await db.commit()

    # and the approver reminders, a job between expiry and escalation, count and write, then fail in the database
    async def failing(db: AsyncSession, now: datetime, report: service.JobReport) -> None:
        report.reminded += 5
        await db.execute(update(AccessRequest).values(justification="written by the job that failed"))
        await db.execute(text("SELECT 1 / 0"))

    monkeypatch.setattr(service, "_remind_approvers", failing)

    # when: the runner runs
    with caplog.at_level(logging.ERROR, logger="iacs.domain.lifecycle.service"):
        report = await run_once(session_factory, clock)

    # then: the expiry before it and the escalation after it are committed; its write and its count are not
    assert (report.expired_ids, report.reminded, report.escalated_ids) == ([ids[0]], 0, [ids[1], ids[2]])
    assert report.failed == ["approver reminders"]
    async with session_factory() as db:
        assert await db.scalar(select(AccessRequest.status).where(AccessRequest.id == ids[0])) == RequestStatus.EXPIRED
        assert await db.scalar(select(func.count()).where(AccessRequest.justification.is_not(None))) == 0
    assert await _escalations(session_factory) == [ids[1], ids[2]]
    assert [r.getMessage() for r in caplog.records] == [
        "jobs: approver reminders failed; the other jobs' work stands, this one runs again next time"
    ]


async def test_a_lost_connection_fails_the_whole_run_instead_of_every_job_in_turn(
    session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def connection_gone(db: AsyncSession, now: datetime, report: service.JobReport) -> None:
        raise DBAPIError("SELECT 1", {}, ConnectionResetError("gone"), connection_invalidated=True)

    ran_after: list[str] = []

    async def remind(db: AsyncSession, now: datetime, report: service.JobReport) -> None:
        ran_after.append("approver reminders")

    monkeypatch.setattr(service, "_expire_requests", connection_gone)
    monkeypatch.setattr(service, "_remind_approvers", remind)
    with pytest.raises(DBAPIError):
        await run_once(session_factory, clock)
    assert ran_after == []


Statement = Callable[[datetime], Select[Any]]


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param(lambda now: candidates_statement(now, AccessRequest.id.is_not(None)), id="escalation"),
        pytest.param(lambda now: stalled_statement(), id="stalled organizations"),
    ],
)
async def test_r39_who_may_lack_an_approver_is_one_anti_join_per_relation_never_a_test_request_by_request(
    session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock, statement: Statement
) -> None:
    # One NOT EXISTS over an OR of every relation is planned as a SubPlan run once per pending request: at
    # 300,000 of them it ran past the statement timeout. Each relation's own NOT EXISTS is an anti join.
    async with session_factory() as db:
        sql = str(statement(clock.now()).compile(bind=db.bind, compile_kwargs={"literal_binds": True}))
        plan = [line for (line,) in (await db.execute(text("EXPLAIN " + sql))).all()]
    assert [line for line in plan if "SubPlan" in line] == []
    assert sum("Anti Join" in line for line in plan) == 5  # every relation below the help desk
