"""The job runner at a size where looking at everything every minute no longer fits (R39), and one job's failure
kept from undoing the others' work (R30, R40).

At 300,000 pending requests, escalation's search for requests nobody can decide ran past the statement timeout
every minute, and since every job ran in one transaction, no request expired and no role ended at its end date any
more. Now each job has a savepoint of its own, the search is one anti join per relation, and above
`LOOKED_AT_PER_RUN` pending requests each run looks at one range of ids, a different one each minute.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Select, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.audit.models import AuditEvent
from iacs.domain.audit.service import AuditAction
from iacs.domain.clock import FrozenClock
from iacs.domain.enums import RequestStatus
from iacs.domain.lifecycle import escalation, service
from iacs.domain.lifecycle.escalation import candidates_statement, slice_of, stalled_statement
from iacs.domain.lifecycle.runner import run_once
from iacs.domain.requests.models import AccessRequest
from iacs.graphql.ids import from_global_id
from tests.api.operations import ERRORS, REQUEST_BSO, REQUEST_MEMBERSHIP, approved_group, approved_organization
from tests.api.people import People

MY_ROLES = "{ viewer { roles { id role } } }"
GIVE_UP = f"""mutation($id: ID!) {{ revokeRole(input: {{roleAssignmentId: $id, reason: "Moving on"}}) {{
  roleAssignment {{ status }} {ERRORS} }} }}"""


def _pk(global_id: str) -> uuid.UUID:
    decoded = from_global_id(global_id, "AccessRequest")
    assert decoded is not None
    return decoded[1]


def _in_slice(request_id: uuid.UUID, index: int, count: int) -> bool:
    low, high = slice_of(index, count)
    return low <= request_id and (high is None or request_id < high)


async def _escalations(factory: async_sessionmaker[AsyncSession]) -> list[uuid.UUID]:
    async with factory() as db:
        rows = await db.scalars(
            select(AuditEvent.request_id).where(AuditEvent.action == AuditAction.REQUEST_ESCALATED.value)
        )
        return sorted(i for i in rows.all() if i is not None)


async def test_r39_above_a_runs_share_each_pending_request_is_looked_at_within_as_many_minutes_as_shares(
    people: People,
    clock: FrozenClock,
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: three membership requests of a group whose only administrator gives up the role: nobody can decide them
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    uga = await people.make("Uma Admin")
    members = [await people.make(name) for name in ("Max Member", "Mia Member", "Mo Member")]
    org = await approved_organization(so, desk, 81, "Share Clinic")
    group = await approved_group(uga, so, org, "Front Desk")
    asked = [(await m.data(REQUEST_MEMBERSHIP, {"group": group}))["requestUserGroupMembership"] for m in members]
    ids = sorted(_pk(a["request"]["id"]) for a in asked)
    role = next(
        r["id"] for r in (await uga.data(MY_ROLES))["viewer"]["roles"] if r["role"] == "USER_GROUP_ADMINISTRATOR"
    )
    assert (await uga.data(GIVE_UP, {"id": role}))["revokeRole"]["errors"] == []
    # and a run looks at one pending request at most: three shares of the ids, one a minute
    monkeypatch.setattr(escalation, "LOOKED_AT_PER_RUN", 1)

    # when: the runner runs three minutes in a row
    seen: list[list[uuid.UUID]] = []
    for _ in range(3):
        clock.advance(timedelta(minutes=1))
        share = int(clock.now().timestamp() // 60) % 3
        report = await run_once(session_factory, clock)
        # then: each run escalated exactly the requests of its minute's share
        assert sorted(report.escalated_ids) == [i for i in ids if _in_slice(i, share, 3)]
        assert report.failed == []
        seen.append(sorted(report.escalated_ids))

    # and after three minutes every request went up, once
    assert sorted(i for run in seen for i in run) == ids
    assert await _escalations(session_factory) == ids


async def test_one_failing_job_is_undone_alone_and_the_others_work_is_committed(
    people: People,
    clock: FrozenClock,
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given: a pending request whose time ran out
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    asker = await people.make("Bo Backup")
    org = await approved_organization(so, desk, 82, "Failing Clinic")
    request = _pk((await asker.data(REQUEST_BSO, {"org": org}))["requestBackupSecurityOfficial"]["request"]["id"])
    async with session_factory() as db:
        await db.execute(
            update(AccessRequest)
            .where(AccessRequest.id == request)
            .values(expires_at=clock.now() - timedelta(minutes=1))
        )
        await db.commit()

    # and an escalation that writes, then fails in the database
    async def failing(db: AsyncSession, now: datetime) -> list[uuid.UUID]:
        await db.execute(update(AccessRequest).values(justification="written by the job that failed"))
        await db.execute(text("SELECT 1 / 0"))
        return []

    monkeypatch.setattr(service, "escalate_due", failing)

    # when: the runner runs
    with caplog.at_level(logging.ERROR, logger="iacs.domain.lifecycle.service"):
        report = await run_once(session_factory, clock)

    # then: the expiry is committed, the failed job's write is not, and the failure is reported and logged
    assert (report.expired_ids, report.escalated_ids, report.failed) == ([request], [], ["escalation"])
    async with session_factory() as db:
        row = (
            await db.execute(
                select(AccessRequest.status, AccessRequest.justification).where(AccessRequest.id == request)
            )
        ).one()
        assert tuple(row) == (RequestStatus.EXPIRED, None)
        assert await db.scalar(select(func.count()).where(AccessRequest.justification.is_not(None))) == 0
    assert [r.getMessage() for r in caplog.records] == [
        "jobs: escalation failed; the other jobs' work stands, this one runs again next time"
    ]


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
