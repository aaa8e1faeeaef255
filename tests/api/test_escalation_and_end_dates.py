"""R39 (escalation) and R40 (justification and end dates) through HTTP, with the clock moved by the test."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.accounts.models import User
from iacs.domain.audit.models import AuditEvent
from iacs.domain.clock import FrozenClock
from iacs.domain.lifecycle.runner import run_once
from iacs.domain.notifications.models import OutboxMail
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment
from iacs.graphql.ids import to_global_id
from tests.api.operations import ERRORS, REQUEST_BSO, REQUEST_MEMBERSHIP, approved_group, approved_organization
from tests.api.people import People, Person

SEEN = """query($id: ID!) { node(id: $id) { ... on AccessRequest { status canDecide escalatedAt justification
  requestedEndsAt approvers { name } } } }"""
QUEUE_IDS = (
    "{ approvalQueue(first: 100) { totalCount edges { node { id justification requestedEndsAt escalatedAt } } } }"
)
MEMBERSHIP_WITH_TERMS = f"""
mutation($group: ID!, $why: String, $until: DateTime) {{
  requestUserGroupMembership(input: {{userGroupId: $group, justification: $why, endsAt: $until}}) {{
    request {{ id status justification requestedEndsAt }} {ERRORS} }} }}"""
APPROVE_UNTIL = f"""
mutation($id: ID!, $until: DateTime) {{ approveRequest(input: {{requestId: $id, endsAt: $until}}) {{
  request {{ id status }} {ERRORS} }} }}"""
DENY_UNTIL = f"""
mutation($id: ID!, $until: DateTime) {{ denyRequest(input: {{requestId: $id, reason: "Not needed", endsAt: $until}}) {{
  request {{ id status }} {ERRORS} }} }}"""
MY_ROLES = "{ viewer { roles { id role status endsAt } } }"
ROLE = "query($id: ID!) { node(id: $id) { ... on RoleAssignment { status endsAt endedAt endReason } } }"
GIVE_UP = f"""mutation($id: ID!) {{ revokeRole(input: {{roleAssignmentId: $id, reason: "Moving on"}}) {{
  roleAssignment {{ status }} {ERRORS} }} }}"""
STALLED = "{ stalledOrganizations { legalBusinessName } }"
DISABLE = f"""mutation($id: ID!) {{ disableAccount(input: {{userId: $id, reason: "On long-term leave"}}) {{
  user {{ active }} {ERRORS} }} }}"""


def iso(value: datetime) -> str:
    return value.isoformat()


async def _mail(factory: async_sessionmaker[AsyncSession], template: str) -> list[str]:
    async with factory() as db:
        rows = await db.scalars(
            select(OutboxMail.to_address).where(OutboxMail.template == template).order_by(OutboxMail.to_address)
        )
        return list(rows.all())


async def _audit(factory: async_sessionmaker[AsyncSession], action: str) -> list[dict[str, Any]]:
    async with factory() as db:
        rows = await db.scalars(select(AuditEvent.details).where(AuditEvent.action == action))
        return [dict(d or {}) for d in rows.all()]


async def _count(factory: async_sessionmaker[AsyncSession], model: Any) -> int:
    async with factory() as db:
        return int(await db.scalar(select(func.count()).select_from(model)) or 0)


async def _group_world(people: People) -> tuple[Person, Person, Person, Person, str, str]:
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    uga = await people.make("Uma Admin")
    member = await people.make("Max Member")
    org = await approved_organization(so, desk, 71, "Escalation Clinic")
    group = await approved_group(uga, so, org, "Front Desk")
    return desk, so, uga, member, org, group


async def _role_id(person: Person, role: str) -> str:
    roles = (await person.data(MY_ROLES))["viewer"]["roles"]
    found: str = next(r["id"] for r in roles if r["role"] == role)
    return found


# --- R39: escalation ------------------------------------------------------------------------------------


async def test_r39_a_request_nobody_can_decide_goes_up_to_the_officials_who_can_then_decide_it(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    # given: a membership request whose group's only UGA gives up the role
    desk, so, uga, member, _, group = await _group_world(people)
    request = (await member.data(REQUEST_MEMBERSHIP, {"group": group}))["requestUserGroupMembership"]["request"]
    assert request["approvers"] == [{"name": "Uma Admin"}]
    assert (await desk.data(STALLED))["stalledOrganizations"] == []
    given_up = (await uga.data(GIVE_UP, {"id": await _role_id(uga, "USER_GROUP_ADMINISTRATOR")}))["revokeRole"]
    assert given_up == {"roleAssignment": {"status": "REVOKED"}, "errors": []}
    seen = (await so.data(SEEN, {"id": request["id"]}))["node"]
    assert seen == {
        "status": "PENDING",
        "canDecide": False,
        "escalatedAt": None,
        "justification": None,
        "requestedEndsAt": None,
        "approvers": [],
    }
    assert (await so.data(QUEUE_IDS))["approvalQueue"]["totalCount"] == 0
    # the help desk's console lists the organization whose queue nobody can work; nobody else sees the list
    assert (await desk.data(STALLED))["stalledOrganizations"] == [{"legalBusinessName": "Escalation Clinic"}]
    assert (await so.data(STALLED))["stalledOrganizations"] == []

    # when: the job runner runs
    clock.advance(timedelta(minutes=1))
    report = await run_once(session_factory, clock)

    # then: one level up (the officials), no further; the queue, canDecide and approvers agree
    assert [to_global_id("AccessRequest", i) for i in report.escalated_ids] == [request["id"]]
    await people.sign_in(so, member)
    seen = (await so.data(SEEN, {"id": request["id"]}))["node"]
    assert seen["canDecide"] is True
    assert seen["approvers"] == [{"name": "Sue Official"}]
    assert seen["escalatedAt"] == iso(clock.now())
    queue = (await so.data(QUEUE_IDS))["approvalQueue"]
    assert [e["node"]["id"] for e in queue["edges"]] == [request["id"]]
    assert (await member.data(SEEN, {"id": request["id"]}))["node"]["escalatedAt"] == iso(clock.now())
    assert await _mail(session_factory, "request_escalated") == [so.email]
    assert await _audit(session_factory, "REQUEST_ESCALATED") == [
        {
            "kind": "JOIN_USER_GROUP",
            "trackingNumber": (await _tracking(session_factory, request["id"])),
            "to": "ORGANIZATION_OFFICIALS",
            "cause": "NO_APPROVER",
        }
    ]
    await people.sign_in(desk)
    assert (await desk.data(STALLED))["stalledOrganizations"] == []  # the officials can work it now
    # running again changes nothing: someone can decide it, and it has not waited 14 days at this level
    assert (await run_once(session_factory, clock)).escalated_ids == []
    decided = (await so.data(APPROVE_UNTIL, {"id": request["id"], "until": None}))["approveRequest"]
    assert decided == {"request": {"id": request["id"], "status": "APPROVED"}, "errors": []}
    assert [r["role"] for r in (await member.data(MY_ROLES))["viewer"]["roles"]] == ["END_USER"]


async def _tracking(factory: async_sessionmaker[AsyncSession], global_id: str) -> str:
    async with factory() as db:
        requests = (await db.scalars(select(AccessRequest))).all()
        return next(r.tracking_number for r in requests if to_global_id("AccessRequest", r.id) == global_id)


async def test_r39_after_14_days_the_help_desk_decides_too_and_the_level_below_keeps_the_right(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    other_so = await people.make("Oz Elsewhere")
    asker = await people.make("Bo Backup")
    org = await approved_organization(so, desk, 72, "Slow Clinic")
    await approved_organization(other_so, desk, 73, "Other Clinic")
    request = (await asker.data(REQUEST_BSO, {"org": org}))["requestBackupSecurityOfficial"]["request"]
    assert request["approvers"] == [{"name": "Sue Official"}]

    clock.advance(timedelta(days=14) - timedelta(minutes=1))
    assert (await run_once(session_factory, clock)).escalated_ids == []
    await people.sign_in(desk)
    assert (await desk.data(SEEN, {"id": request["id"]}))["node"]["canDecide"] is False

    clock.advance(timedelta(minutes=1))
    assert len((await run_once(session_factory, clock)).escalated_ids) == 1
    await people.sign_in(desk, so, other_so, asker)
    seen = (await desk.data(SEEN, {"id": request["id"]}))["node"]
    assert seen["canDecide"] is True
    assert seen["approvers"] == [{"name": "Hal Desk"}, {"name": "Sue Official"}]
    assert (await so.data(SEEN, {"id": request["id"]}))["node"]["canDecide"] is True
    assert [e["node"]["id"] for e in (await desk.data(QUEUE_IDS))["approvalQueue"]["edges"]] == [request["id"]]
    assert await _mail(session_factory, "request_escalated") == [desk.email]  # the SO could already decide it
    assert [d["cause"] for d in await _audit(session_factory, "REQUEST_ESCALATED")] == ["WAITED"]

    # the help desk is the top: 14 more days change nothing
    clock.advance(timedelta(days=14))
    assert (await run_once(session_factory, clock)).escalated_ids == []

    # someone of another organization still may not decide it, nor see it; nothing changes
    await people.sign_in(desk, so, other_so, asker)
    refused = (await other_so.data(APPROVE_UNTIL, {"id": request["id"], "until": None}))["approveRequest"]
    assert refused["request"] is None
    assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"]
    assert (await asker.data(SEEN, {"id": request["id"]}))["node"]["status"] == "PENDING"

    # the SO (the level below) decides it
    decided = (await so.data(APPROVE_UNTIL, {"id": request["id"], "until": None}))["approveRequest"]
    assert decided == {"request": {"id": request["id"], "status": "APPROVED"}, "errors": []}


async def test_r39_a_disabled_approver_counts_for_nothing_so_the_request_goes_up(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    asker = await people.make("Bo Backup")
    org = await approved_organization(so, desk, 74, "Leave Clinic")
    request = (await asker.data(REQUEST_BSO, {"org": org}))["requestBackupSecurityOfficial"]["request"]
    assert (await desk.data(DISABLE, {"id": to_global_id("User", so.pk)}))["disableAccount"]["errors"] == []
    report = await run_once(session_factory, clock)
    assert [to_global_id("AccessRequest", i) for i in report.escalated_ids] == [request["id"]]
    seen = (await desk.data(SEEN, {"id": request["id"]}))["node"]
    assert (seen["canDecide"], seen["approvers"]) == (True, [{"name": "Hal Desk"}])
    assert await _mail(session_factory, "request_escalated") == [desk.email]
    # only the help desk can decide it: the organization's queue is one nobody of its own can work
    assert (await desk.data(STALLED))["stalledOrganizations"] == [{"legalBusinessName": "Leave Clinic"}]


# --- R40: justification and end dates -------------------------------------------------------------------


async def test_r40_justification_and_end_date_reach_the_approver_who_shortens_it_and_the_role_ends_then(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, _, uga, member, _, group = await _group_world(people)
    asked_until = clock.now() + timedelta(days=30)
    submitted = (
        await member.data(
            MEMBERSHIP_WITH_TERMS,
            {"group": group, "why": "  Covering the front desk in March  ", "until": iso(asked_until)},
        )
    )["requestUserGroupMembership"]
    assert submitted["errors"] == []
    request = submitted["request"]
    assert (request["justification"], request["requestedEndsAt"]) == (
        "Covering the front desk in March",
        iso(asked_until),
    )
    queue = (await uga.data(QUEUE_IDS))["approvalQueue"]["edges"]
    assert [e["node"] for e in queue] == [
        {
            "id": request["id"],
            "justification": "Covering the front desk in March",
            "requestedEndsAt": iso(asked_until),
            "escalatedAt": None,
        }
    ]

    # the approver may not push the end date back: refused, nothing changed
    later = await uga.data(APPROVE_UNTIL, {"id": request["id"], "until": iso(asked_until + timedelta(days=1))})
    assert later["approveRequest"]["request"] is None
    assert [(e["code"], e["field"]) for e in later["approveRequest"]["errors"]] == [("INVALID_INPUT", ["endsAt"])]
    assert (await member.data(SEEN, {"id": request["id"]}))["node"]["status"] == "PENDING"
    assert (await member.data(MY_ROLES))["viewer"]["roles"] == []

    # the approver brings it forward: the role carries the shorter end date
    until = clock.now() + timedelta(days=20)
    approved = (await uga.data(APPROVE_UNTIL, {"id": request["id"], "until": iso(until)}))["approveRequest"]
    assert approved == {"request": {"id": request["id"], "status": "APPROVED"}, "errors": []}
    roles = (await member.data(MY_ROLES))["viewer"]["roles"]
    assert [(r["role"], r["status"], r["endsAt"]) for r in roles] == [("END_USER", "ACTIVE", iso(until))]
    role_id = roles[0]["id"]

    # 7 days before: the holder is told, once
    clock.advance(timedelta(days=13) - timedelta(minutes=1))
    assert (await run_once(session_factory, clock)).end_reminders == 0
    clock.advance(timedelta(minutes=1))
    assert (await run_once(session_factory, clock)).end_reminders == 1
    clock.advance(timedelta(days=1))
    assert (await run_once(session_factory, clock)).end_reminders == 0
    assert await _mail(session_factory, "role_ending_soon") == [member.email]

    # at the end date the role ends by itself
    clock.advance(timedelta(days=6) - timedelta(minutes=1))
    assert (await run_once(session_factory, clock)).ended_ids == []
    clock.advance(timedelta(minutes=1))
    report = await run_once(session_factory, clock)
    assert [to_global_id("RoleAssignment", i) for i in report.ended_ids] == [role_id]
    await people.sign_in(member)
    assert (await member.data(MY_ROLES))["viewer"]["roles"] == []
    assert (await member.data(ROLE, {"id": role_id}))["node"] == {
        "status": "REVOKED",
        "endsAt": iso(until),
        "endedAt": iso(clock.now()),
        "endReason": "Reached its end date.",
    }
    assert await _mail(session_factory, "role_ended") == [member.email]
    assert await _audit(session_factory, "ROLE_ENDED") == [{"role": "END_USER", "endsAt": iso(until)}]


async def test_r40_bad_terms_are_refused_naming_the_field_and_nothing_is_written(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, _, _, member, _, group = await _group_world(people)
    requests_before = await _count(session_factory, AccessRequest)
    now = clock.now()
    cases: list[tuple[str | None, str | None, list[tuple[str, list[str]]]]] = [
        (None, iso(now - timedelta(days=1)), [("INVALID_INPUT", ["endsAt"])]),
        (None, iso(now), [("INVALID_INPUT", ["endsAt"])]),
        (None, iso(now + timedelta(minutes=5)), [("INVALID_INPUT", ["endsAt"])]),
        (None, iso(now + timedelta(days=366)), [("INVALID_INPUT", ["endsAt"])]),
        ("x" * 1001, None, [("INVALID_INPUT", ["justification"])]),
        (
            "bad\u0000text",
            iso(now - timedelta(days=1)),
            [("INVALID_INPUT", ["justification"]), ("INVALID_INPUT", ["endsAt"])],
        ),
    ]
    for why, until, expected in cases:
        payload = (await member.data(MEMBERSHIP_WITH_TERMS, {"group": group, "why": why, "until": until}))[
            "requestUserGroupMembership"
        ]
        assert payload["request"] is None, (why, until)
        assert [(e["code"], e["field"]) for e in payload["errors"]] == expected, (why, until)
    assert await _count(session_factory, AccessRequest) == requests_before
    # a date without a time zone is read as UTC; blank justification is none
    naive = (now + timedelta(days=2)).replace(tzinfo=None)
    payload = (await member.data(MEMBERSHIP_WITH_TERMS, {"group": group, "why": "   ", "until": naive.isoformat()}))[
        "requestUserGroupMembership"
    ]
    assert payload["errors"] == []
    assert (payload["request"]["justification"], payload["request"]["requestedEndsAt"]) == (
        None,
        iso(now + timedelta(days=2)),
    )


async def test_r40_a_request_whose_end_date_passed_cannot_be_approved_only_denied(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, _, uga, member, _, group = await _group_world(people)
    until = clock.now() + timedelta(days=2)
    request = (await member.data(MEMBERSHIP_WITH_TERMS, {"group": group, "why": None, "until": iso(until)}))[
        "requestUserGroupMembership"
    ]["request"]
    clock.advance(timedelta(days=3))
    await people.sign_in(uga, member)
    roles_before = await _count(session_factory, RoleAssignment)
    refused = (await uga.data(APPROVE_UNTIL, {"id": request["id"], "until": None}))["approveRequest"]
    assert refused["request"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_INPUT", ["endsAt"])]
    assert await _count(session_factory, RoleAssignment) == roles_before
    assert (await member.data(SEEN, {"id": request["id"]}))["node"]["status"] == "PENDING"
    # denying needs no end date (one given is ignored)
    denied = await uga.data(DENY_UNTIL, {"id": request["id"], "until": iso(clock.now() - timedelta(days=9))})
    assert denied["denyRequest"] == {"request": {"id": request["id"], "status": "DENIED"}, "errors": []}


async def test_r40_the_approver_may_set_an_end_date_where_none_was_asked(
    people: People, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    _, _, uga, member, _, group = await _group_world(people)
    request = (await member.data(REQUEST_MEMBERSHIP, {"group": group}))["requestUserGroupMembership"]["request"]
    until = clock.now() + timedelta(days=90)
    approved = (await uga.data(APPROVE_UNTIL, {"id": request["id"], "until": iso(until)}))["approveRequest"]
    assert approved["errors"] == []
    assert [r["endsAt"] for r in (await member.data(MY_ROLES))["viewer"]["roles"]] == [iso(until)]
    async with session_factory() as db:
        assert await db.scalar(select(func.count()).select_from(User)) == 4
