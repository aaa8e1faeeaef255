"""Issue 13's scenario through HTTP on PostgreSQL, with the clock moved by the test: people go on leave and leave,
and nothing is left without someone who can act on it (R34).

The Security Official goes on leave with a delegate (R38); the Backup leaves (the organization is then at risk,
R37) and the delegate approves a new Backup for her; a request waits 14 days and moves up to the help desk (R39),
which decides it; the founder of a billing company names a second administrator and leaves (R35), and the second
administrator approves a new member. At the end every request is decided, and every role in force has someone
other than its holder who may end it: for each, who may certify it and that the help desk may revoke it (R29,
R30, R34), all exact.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from iacs.domain.clock import FrozenClock
from iacs.domain.enums import RequestStatus, RoleStatus
from iacs.domain.lifecycle.runner import run_once
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.service import approvers_by_role
from iacs.domain.roles.models import RoleAssignment
from iacs.graphql.ids import to_global_id
from tests.api.operations import (
    ERRORS,
    REQUEST_BSO,
    REQUEST_COMPANY_ADMINISTRATION,
    REQUEST_COMPANY_MEMBERSHIP,
    REQUEST_GROUP,
    REQUEST_MEMBERSHIP,
    REVOKE,
    approved_group,
    approved_organization,
    request_surrogate_groups,
)
from tests.api.people import People, Person
from tests.api.test_rules import Factory, approved, queue_ids, roles_of, submitted

CREATE_DELEGATION = f"""mutation($input: CreateDelegationInput!) {{ createDelegation(input: $input) {{
  delegation {{ active delegator {{ name }} delegate {{ name }} role {{ role }} }} {ERRORS} }} }}"""
REQUEST = """query($id: ID!) { node(id: $id) { ... on AccessRequest { status escalatedAt decidedBy { name }
  onBehalfOf { name } approvers { name } } } }"""
FLAGS = """query($id: ID!) { node(id: $id) { ... on Organization { atRisk orphaned securityOfficial { name }
  backupSecurityOfficials { name } } } }"""
COMPANY = (
    """query($id: ID!) { node(id: $id) { ... on SurrogateCompany { atRisk orphaned administrators { name } } } }"""
)
CAN_REVOKE = "query($id: ID!) { node(id: $id) { ... on RoleAssignment { canRevoke } } }"


async def leave(person: Person) -> None:
    """The person gives up every role they hold (R29: a holder may end their own role)."""
    for role in await roles_of(person):
        ended = (await person.data(REVOKE, {"id": role["id"], "reason": "Leaving"}))["revokeRole"]
        assert ended["errors"] == [], ended


async def request_state(person: Person, request_id: str) -> dict[str, Any]:
    node: dict[str, Any] = (await person.data(REQUEST, {"id": request_id}))["node"]
    return node


async def test_scenario_leave_departures_escalation_and_a_founder_leaving_leave_nothing_without_someone_to_act(
    people: People, session_factory: Factory, clock: FrozenClock
) -> None:
    desk = await people.make("Helen Desk", help_desk=True)
    sally = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    uma = await people.make("Uma Admin")
    dana = await people.make("Dana Delegate")
    eve = await people.make("Eve Newbackup")
    frank = await people.make("Frank Asker")
    abe = await people.make("Abe Founder")
    carl = await people.make("Carl Second")
    gil = await people.make("Gil Staff")
    everyone = (desk, sally, bob, uma, dana, eve, frank, abe, carl, gil)

    xyz = await approved_organization(sally, desk, 13, "Provider XYZ")
    await approved(sally, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    claims = await approved_group(uma, sally, xyz, "Claims Team")
    await approved(uma, (await submitted(dana, REQUEST_MEMBERSHIP, {"group": claims}))["id"])
    assert (await sally.data(FLAGS, {"id": xyz}))["node"] == {
        "atRisk": False,
        "orphaned": False,
        "securityOfficial": {"name": "Sally Official"},
        "backupSecurityOfficials": [{"name": "Bob Backup"}],
    }

    # 1. The SO goes on leave for 30 days and names Dana, of her organization, to decide her queue (R38).
    (so_role,) = [r["id"] for r in await roles_of(sally) if r["role"] == "SECURITY_OFFICIAL"]
    start = clock.now()
    delegation = (
        await sally.data(
            CREATE_DELEGATION,
            {
                "input": {
                    "roleAssignmentId": so_role,
                    "delegateId": to_global_id("User", dana.pk),
                    "startsAt": start.isoformat(),
                    "endsAt": (start + timedelta(days=30)).isoformat(),
                }
            },
        )
    )["createDelegation"]
    assert delegation == {
        "delegation": {
            "active": True,
            "delegator": {"name": "Sally Official"},
            "delegate": {"name": "Dana Delegate"},
            "role": {"role": "SECURITY_OFFICIAL"},
        },
        "errors": [],
    }

    # 2. The Backup leaves: one departure from nobody (R37), then the delegate approves a new Backup for Sally.
    await leave(bob)
    assert (await sally.data(FLAGS, {"id": xyz}))["node"] == {
        "atRisk": True,
        "orphaned": False,
        "securityOfficial": {"name": "Sally Official"},
        "backupSecurityOfficials": [],
    }
    asked_bso = await submitted(eve, REQUEST_BSO, {"org": xyz})
    assert asked_bso["approvers"] == [{"name": "Dana Delegate"}, {"name": "Sally Official"}]
    assert queue_ids(await dana.data("{ approvalQueue(first: 20) { edges { node { id } } } }")) == [asked_bso["id"]]
    await approved(dana, asked_bso["id"])
    assert await request_state(eve, asked_bso["id"]) == {
        "status": "APPROVED",
        "escalatedAt": None,
        "decidedBy": {"name": "Dana Delegate"},
        "onBehalfOf": {"name": "Sally Official"},
        "approvers": [],
    }
    assert (await sally.data(FLAGS, {"id": xyz}))["node"]["atRisk"] is False

    # 3. The founder of a billing company names a second administrator, then leaves (R35).
    founding = await request_surrogate_groups(abe, [xyz], new_company="ABC Billing")
    assert founding["errors"] == []
    (for_xyz,) = founding["requests"]
    company = for_xyz["company"]["id"]
    await approved(dana, for_xyz["id"])  # an organization-officials request: the delegate decides it for Sally
    asked_admin = await submitted(carl, REQUEST_COMPANY_ADMINISTRATION, {"company": company})
    assert asked_admin["approvers"] == [{"name": "Abe Founder"}]
    await approved(abe, asked_admin["id"])
    await leave(abe)
    assert (await carl.data(COMPANY, {"id": company}))["node"] == {
        "atRisk": True,
        "orphaned": False,
        "administrators": [{"name": "Carl Second"}],
    }
    asked_staff = await submitted(gil, REQUEST_COMPANY_MEMBERSHIP, {"company": company})
    assert asked_staff["approvers"] == [{"name": "Carl Second"}]
    await approved(carl, asked_staff["id"])

    # 4. A request nobody decides for 14 days moves up to the help desk (R39), which decides it.
    asked_group = await submitted(frank, REQUEST_GROUP, {"org": xyz, "name": "Front Desk"})
    assert asked_group["approvers"] == [
        {"name": "Dana Delegate"},
        {"name": "Eve Newbackup"},
        {"name": "Sally Official"},
    ]
    clock.advance(timedelta(days=14))
    report = await run_once(session_factory, clock)
    assert len(report.escalated_ids) == 1
    await people.sign_in(*everyone)  # sessions end after 30 idle minutes
    waiting = await request_state(frank, asked_group["id"])
    assert (waiting["status"], waiting["escalatedAt"] is not None, waiting["approvers"]) == (
        "PENDING",
        True,
        [{"name": "Dana Delegate"}, {"name": "Eve Newbackup"}, {"name": "Helen Desk"}, {"name": "Sally Official"}],
    )
    assert asked_group["id"] in queue_ids(await desk.data("{ approvalQueue(first: 20) { edges { node { id } } } }"))
    await approved(desk, asked_group["id"])

    # Every request is decided.
    async with session_factory() as db:
        pending = await db.scalar(
            select(func.count()).select_from(AccessRequest).where(AccessRequest.status == RequestStatus.PENDING)
        )
        assert pending == 0
        roles = (
            await db.scalars(
                select(RoleAssignment)
                .where(RoleAssignment.status == RoleStatus.ACTIVE)
                .order_by(RoleAssignment.granted_at, RoleAssignment.id)
            )
        ).all()
        certifiers = await approvers_by_role(db, roles)
    names = {p.pk: p.name for p in everyone}

    # Every role in force can still be ended by someone other than its holder: who certifies it (and so may end
    # it, R29, R30), and the help desk, who may end any role but a help-desk person's (R34).
    table = [
        (
            r.role.value,
            names[r.user_id],
            "group" if r.user_group_id else "company" if r.company_id else "organization" if r.organization_id else "-",
            [u.name for u in certifiers[r.id]],
        )
        for r in roles
    ]
    assert sorted(table) == [
        ("BACKUP_SECURITY_OFFICIAL", "Eve Newbackup", "organization", ["Sally Official"]),
        ("END_USER", "Dana Delegate", "group", ["Uma Admin"]),
        ("END_USER", "Gil Staff", "company", ["Carl Second"]),
        ("HELP_DESK", "Helen Desk", "-", []),  # created from the command line; a colleague may disable it (R33)
        ("SECURITY_OFFICIAL", "Sally Official", "organization", ["Helen Desk"]),
        ("USER_GROUP_ADMINISTRATOR", "Carl Second", "company", ["Helen Desk"]),  # the last administrator (R35)
        ("USER_GROUP_ADMINISTRATOR", "Frank Asker", "group", ["Eve Newbackup", "Sally Official"]),
        ("USER_GROUP_ADMINISTRATOR", "Uma Admin", "group", ["Eve Newbackup", "Sally Official"]),
    ]
    for r in roles:
        if r.role.value == "HELP_DESK":
            continue
        assert (await desk.data(CAN_REVOKE, {"id": to_global_id("RoleAssignment", r.id)}))["node"] == {
            "canRevoke": True
        }
