"""R27 and R30 with a controlled clock (no sleeping): expiry, reminders, certification, suspension."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from iacs.domain.audit.models import AuditEvent
from iacs.domain.clock import FrozenClock
from iacs.domain.lifecycle.runner import run_once
from iacs.domain.lifecycle.service import JOBS_LOCK_KEY, run_due_jobs
from iacs.domain.notifications.models import OutboxMail
from tests.api.operations import REQUEST_BSO, approved_organization
from tests.api.people import People

REQUEST = "query($id: ID!) { node(id: $id) { ... on AccessRequest { status decidedAt } } }"
MY_ROLE = """{ viewer { roles { id role status certifyBy } } }"""
ROLE = """query($id: ID!) { node(id: $id) { ... on RoleAssignment { status certifyBy suspendedAt certifiedAt } } }"""
CERTIFY_QUEUE = "{ certificationQueue(first: 100) { totalCount edges { node { id role status user { name } } } } }"
CERTIFY = """mutation($ids: [ID!]!) { certifyRoles(input: {roleAssignmentIds: $ids}) {
  roleAssignments { id status } errors { code field } } }"""


async def _mail(factory: async_sessionmaker[AsyncSession], template: str) -> list[str]:
    async with factory() as db:
        rows = await db.scalars(
            select(OutboxMail.to_address).where(OutboxMail.template == template).order_by(OutboxMail.to_address)
        )
        return list(rows.all())


async def _audit(factory: async_sessionmaker[AsyncSession], action: str) -> int:
    async with factory() as db:
        return int(
            await db.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)) or 0
        )


async def _bso_request(people: People) -> tuple[Any, Any, Any, str]:
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    asker = await people.make("Bo Backup")
    org = await approved_organization(so, desk, 61, "Clockwork Clinic")
    request = (await asker.data(REQUEST_BSO, {"org": org}))["requestBackupSecurityOfficial"]["request"]
    return desk, so, asker, request["id"]


async def test_r27_pending_requests_expire_after_30_days(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, so, asker, request_id = await _bso_request(people)
    clock.advance(timedelta(days=30) - timedelta(seconds=1))
    assert (await run_once(session_factory, clock)).expired == 0
    await people.sign_in(asker)
    assert (await asker.data(REQUEST, {"id": request_id}))["node"]["status"] == "PENDING"

    clock.advance(timedelta(seconds=1))
    report = await run_once(session_factory, clock)
    assert report.expired == 1
    await people.sign_in(asker, so)
    assert (await asker.data(REQUEST, {"id": request_id}))["node"]["status"] == "EXPIRED"
    assert await _mail(session_factory, "request_expired") == [asker.email]
    assert await _audit(session_factory, "REQUEST_EXPIRED") == 1
    assert (await so.data("{ approvalQueue { totalCount } }"))["approvalQueue"]["totalCount"] == 0
    # running again changes nothing
    assert (await run_once(session_factory, clock)).expired == 0


async def test_r27_approvers_are_reminded_once_after_7_days(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, so, _, _ = await _bso_request(people)
    clock.advance(timedelta(days=7) - timedelta(minutes=1))
    assert (await run_once(session_factory, clock)).reminded == 0
    clock.advance(timedelta(minutes=1))
    assert (await run_once(session_factory, clock)).reminded == 1
    assert await _mail(session_factory, "request_reminder") == [so.email]
    clock.advance(timedelta(days=1))
    assert (await run_once(session_factory, clock)).reminded == 0


async def test_r30_certification_reminders_suspension_and_restoration(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    desk, so, _, _ = await _bso_request(people)
    role = (await so.data(MY_ROLE))["viewer"]["roles"][0]
    assert role["role"] == "SECURITY_OFFICIAL"

    # 30 days before the due date: the help desk (who approves SOs) is reminded; at 7 days again
    clock.advance(timedelta(days=365 - 31))
    assert (await run_once(session_factory, clock)).certification_reminders == 0
    await people.sign_in(desk)
    assert (await desk.data(CERTIFY_QUEUE))["certificationQueue"]["totalCount"] == 0
    clock.advance(timedelta(days=1, seconds=1))
    assert (await run_once(session_factory, clock)).certification_reminders == 1
    await people.sign_in(desk)
    assert (await desk.data(CERTIFY_QUEUE))["certificationQueue"]["edges"][0]["node"]["id"] == role["id"]
    clock.advance(timedelta(days=22))
    assert (await run_once(session_factory, clock)).certification_reminders == 0
    clock.advance(timedelta(days=1))
    assert (await run_once(session_factory, clock)).certification_reminders == 1
    assert await _mail(session_factory, "certification_due") == [desk.email, desk.email]

    # not certified by the due date: suspended, not deleted; the SO's authority is gone
    clock.advance(timedelta(days=7))
    assert (await run_once(session_factory, clock)).suspended == 1
    await people.sign_in(desk, so)
    assert (await desk.data(ROLE, {"id": role["id"]}))["node"]["status"] == "SUSPENDED"
    assert (await so.data(MY_ROLE))["viewer"]["roles"] == []
    assert (await so.data("{ approvalQueue { totalCount } }"))["approvalQueue"]["totalCount"] == 0
    assert await _mail(session_factory, "role_suspended") == [so.email]

    # the holder cannot certify their own role; the help desk restores it by certifying
    own = (await so.data(CERTIFY, {"ids": [role["id"]]}))["certifyRoles"]
    assert own == {
        "roleAssignments": [],
        "errors": [{"code": "SELF_DECISION_FORBIDDEN", "field": ["roleAssignmentIds", "0"]}],
    }
    restored = (await desk.data(CERTIFY, {"ids": [role["id"]]}))["certifyRoles"]
    assert restored == {"roleAssignments": [{"id": role["id"], "status": "ACTIVE"}], "errors": []}
    after = (await desk.data(ROLE, {"id": role["id"]}))["node"]
    assert after["suspendedAt"] is None
    assert after["certifiedAt"] is not None
    assert [(r["role"], r["status"]) for r in (await so.data(MY_ROLE))["viewer"]["roles"]] == [
        ("SECURITY_OFFICIAL", "ACTIVE")
    ]
    assert await _audit(session_factory, "ROLE_CERTIFIED") == 1


async def test_exactly_one_job_runner_at_a_time(engine: AsyncEngine, clock: FrozenClock) -> None:
    """Two processes' runners: the advisory lock lets one work and the other skip."""
    async with engine.connect() as first, engine.connect() as second:
        one = AsyncSession(bind=first)
        two = AsyncSession(bind=second)
        try:
            ran_first = await run_due_jobs(one, clock.now())
            ran_second = await run_due_jobs(two, clock.now())
            assert (ran_first.ran, ran_second.ran) == (True, False)
            await one.rollback()
            assert (await run_due_jobs(two, clock.now())).ran is True
            # the job's lock only: pg_locks is the whole server's, where other transactions hold other advisory locks
            # (R14's, one per person and organization, in the test databases of other sessions)
            held = await second.scalar(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND classid = 0 "
                    "AND objid = :key AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"key": JOBS_LOCK_KEY},
            )
            assert held == 1
        finally:
            await one.close()
            await two.close()
