"""R36 and R37 through HTTP on PostgreSQL: a disabled account holds no power anywhere, and the flags say who is
left to approve for an organization.

- R36: while the help desk keeps an account disabled, its roles count for nothing: it is no approver of any
  request (`approvers`, the queue, `canDecide`), no official (`securityOfficial`, `backupSecurityOfficials`,
  the flags), no group administrator, no certifier and no one left to act (`departureImpact`); enabling the
  account restores all of it, nothing having been deleted. The queue's SQL, `canDecide` and `approvers` are
  checked to agree for a disabled approver (all three from routing.py).
- R37: orphaned = no Security Official who counts (in a practice, no practitioner); at risk = an SO and no
  Backup; only approved organizations are either; the help desk sees both flags in its console.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from iacs.domain.accounts.models import User
from iacs.domain.enums import RequestStatus
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import HeldRole, may_certify, may_revoke
from iacs.domain.requests.service import approvers_by_request, approvers_by_role, load_actor
from iacs.domain.roles.models import RoleAssignment
from iacs.graphql.ids import to_global_id
from tests.api.operations import (
    APPROVE,
    ERRORS,
    QUEUE,
    REQUEST_BSO,
    REQUEST_GROUP,
    REQUEST_MEMBERSHIP,
    REQUEST_SUCCESSION,
    REVOKE,
    approved_group,
    approved_organization,
    approved_practitioner,
    register_organization,
)
from tests.api.people import People, Person
from tests.api.test_rules import (
    NOT_APPROVED,
    Factory,
    approved,
    error,
    queue_ids,
    refused,
    request_node,
    role_id,
    submitted,
)
from tests.security.world import uuid_of

DISABLE = f"""mutation($id: ID!) {{ disableAccount(input: {{userId: $id, reason: "On long-term leave"}}) {{
  user {{ id active }} {ERRORS} }} }}"""
ENABLE = f"mutation($id: ID!) {{ enableAccount(input: {{userId: $id}}) {{ user {{ id active }} {ERRORS} }} }}"
FLAGS = """query($id: ID!) { node(id: $id) { ... on Organization { status atRisk orphaned
  securityOfficial { name } backupSecurityOfficials { name } officials { role user { name active } }
  userGroups { name orphaned administrators { name } } } } }"""
PERSON = """query($id: ID!) { node(id: $id) { ... on User { name active decisionRights { relation }
  departureImpact { organizationsWithoutSecurityOfficial { legalBusinessName }
    organizationsWithoutAnyOfficial { legalBusinessName } requestsWithoutApprover { kind } } } } }"""
LOOKUP = """query($q: String!) { helpDeskLookup(query: $q) {
  organizations { legalBusinessName status atRisk orphaned } } }"""


async def flags(person: Person, org_id: str) -> dict[str, Any]:
    node: dict[str, Any] = (await person.data(FLAGS, {"id": org_id}))["node"]
    return node


async def disable(help_desk: Person, person: Person) -> None:
    payload = (await help_desk.data(DISABLE, {"id": to_global_id("User", person.pk)}))["disableAccount"]
    assert payload == {"user": {"id": to_global_id("User", person.pk), "active": False}, "errors": []}


async def enable(help_desk: Person, person: Person) -> None:
    payload = (await help_desk.data(ENABLE, {"id": to_global_id("User", person.pk)}))["enableAccount"]
    assert payload == {"user": {"id": to_global_id("User", person.pk), "active": True}, "errors": []}


# --- R36 ---------------------------------------------------------------------------------------------------


async def test_r36_a_disabled_official_decides_nothing_counts_for_nothing_and_enabling_restores_it(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    ugo = await people.make("Ugo Admin")
    nell = await people.make("Nell Newcomer")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    asked = await submitted(ugo, REQUEST_GROUP, {"org": xyz, "name": "Claims Team"})
    assert asked["approvers"] == [{"name": "Bob Backup"}, {"name": "Sally Official"}]

    await disable(help_desk, so)

    # not an approver: the request lists Bob alone, and Bob's queue still has it
    assert (await request_node(ugo, asked["id"]))["approvers"] == [{"name": "Bob Backup"}]
    assert [(e["node"]["id"], e["node"]["canDecide"]) for e in (await bob.data(QUEUE))["approvalQueue"]["edges"]] == [
        (asked["id"], True)
    ]
    # not an official: the organization has no Security Official who counts, so it is orphaned (R37); her role
    # is still there for those who may end it, marked as a disabled account's
    assert await flags(help_desk, xyz) == {
        "status": "APPROVED",
        "atRisk": False,
        "orphaned": True,
        "securityOfficial": None,
        "backupSecurityOfficials": [{"name": "Bob Backup"}],
        "officials": [
            {"role": "SECURITY_OFFICIAL", "user": {"name": "Sally Official", "active": False}},
            {"role": "BACKUP_SECURITY_OFFICIAL", "user": {"name": "Bob Backup", "active": True}},
        ],
        "userGroups": [],
    }
    # what she may decide and what Bob's leaving would break, as the help desk sees it: she counts for nothing
    sally = (await help_desk.data(PERSON, {"id": to_global_id("User", so.pk)}))["node"]
    assert (sally["active"], sally["decisionRights"]) == (False, [])
    assert (await help_desk.data(PERSON, {"id": to_global_id("User", bob.pk)}))["node"]["departureImpact"] == {
        "organizationsWithoutSecurityOfficial": [{"legalBusinessName": "Provider XYZ"}],
        "organizationsWithoutAnyOfficial": [{"legalBusinessName": "Provider XYZ"}],
        "requestsWithoutApprover": [{"kind": "CREATE_USER_GROUP"}],
    }
    # an organization without a Security Official who counts takes no new requests (R7, R19), as before R36
    payload = await refused(nell, session_factory, REQUEST_BSO, {"org": xyz})
    assert payload["errors"] == [
        error("ORGANIZATION_NOT_APPROVED", NOT_APPROVED.format("Provider XYZ"), "organizationId")
    ]

    # enabling restores everything; nothing was deleted
    await enable(help_desk, so)
    await people.sign_in(so)

    assert (await request_node(ugo, asked["id"]))["approvers"] == [{"name": "Bob Backup"}, {"name": "Sally Official"}]
    assert [(e["node"]["id"], e["node"]["canDecide"]) for e in (await so.data(QUEUE))["approvalQueue"]["edges"]] == [
        (asked["id"], True)
    ]
    restored = await flags(help_desk, xyz)
    assert (restored["atRisk"], restored["orphaned"], restored["securityOfficial"]) == (
        False,
        False,
        {"name": "Sally Official"},
    )
    assert [
        r["relation"]
        for r in (await help_desk.data(PERSON, {"id": to_global_id("User", so.pk)}))["node"]["decisionRights"]
    ] == ["ORGANIZATION_OFFICIALS", "ORGANIZATION_SECURITY_OFFICIAL"]
    assert (await approved(so, asked["id"]))["status"] == "APPROVED"


async def test_r36_the_queue_can_decide_and_approvers_agree_for_a_disabled_approver(
    people: People, session_factory: Factory
) -> None:
    """The three readings of routing.py for one person and one request, disabled and then enabled again."""
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    ugo = await people.make("Ugo Admin")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    asked = await submitted(ugo, REQUEST_GROUP, {"org": xyz, "name": "Claims Team"})
    bob_backup = await role_id(bob, "BACKUP_SECURITY_OFFICIAL")

    async def readings() -> tuple[list[Any], bool, list[str], list[str], bool, bool]:
        async with session_factory() as db:
            sally = await db.get(User, so.pk)
            request = await db.get(AccessRequest, uuid_of(asked["id"]))
            backup = await db.get(RoleAssignment, uuid_of(bob_backup))
            assert sally is not None
            assert request is not None
            assert backup is not None
            await db.refresh(sally)
            actor = await load_actor(db, sally)
            queue = (
                await db.scalars(
                    select(AccessRequest.id).where(
                        AccessRequest.status == RequestStatus.PENDING, actor.authority.queue_filter()
                    )
                )
            ).all()
            approvers = (await approvers_by_request(db, [request]))[request.id]
            certifiers = (await approvers_by_role(db, [backup]))[backup.id]
            held = HeldRole.of(backup)
            return (
                list(queue),
                actor.authority.can_decide(request),
                [u.name for u in approvers],
                [u.name for u in certifiers],
                may_certify(actor.authority, held),
                may_revoke(actor.authority, held),
            )

    request_pk = uuid_of(asked["id"])
    assert await readings() == ([request_pk], True, ["Bob Backup", "Sally Official"], ["Sally Official"], True, True)

    await disable(help_desk, so)
    assert await readings() == ([], False, ["Bob Backup"], [], False, False)

    await enable(help_desk, so)
    assert await readings() == ([request_pk], True, ["Bob Backup", "Sally Official"], ["Sally Official"], True, True)


async def test_r36_a_disabled_group_administrator_leaves_the_group_orphaned_until_enabled(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    emma = await people.make("Emma User")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")
    asked = await submitted(emma, REQUEST_MEMBERSHIP, {"group": group})
    assert asked["approvers"] == [{"name": "Ugo Admin"}]

    await disable(help_desk, ugo)

    assert (await request_node(emma, asked["id"]))["approvers"] == []
    assert (await flags(so, xyz))["userGroups"] == [{"name": "Claims Team", "orphaned": True, "administrators": []}]

    await enable(help_desk, ugo)
    await people.sign_in(ugo)

    assert (await request_node(emma, asked["id"]))["approvers"] == [{"name": "Ugo Admin"}]
    assert (await flags(so, xyz))["userGroups"] == [
        {"name": "Claims Team", "orphaned": False, "administrators": [{"name": "Ugo Admin"}]}
    ]
    assert queue_ids(await ugo.data(QUEUE)) == [asked["id"]]


async def test_r36_a_disabled_account_cannot_act_on_what_it_was_shown_before(
    people: People, session_factory: Factory
) -> None:
    """Signed out by the disabling, the person's old client gets nothing decided or ended."""
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    asked = await submitted(bob, REQUEST_BSO, {"org": xyz})
    await disable(help_desk, so)

    payload = await refused(so, session_factory, APPROVE, {"id": asked["id"]})

    assert payload["errors"] == [error("UNAUTHENTICATED", "Sign in first.")]
    assert (await request_node(bob, asked["id"]))["status"] == "PENDING"


# --- R37 ---------------------------------------------------------------------------------------------------


async def test_r37_orphaned_is_nobody_left_to_approve_and_at_risk_is_one_departure_from_it(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    other = await people.make("Olga Other")

    def pair(node: dict[str, Any]) -> tuple[bool, bool]:
        return node["atRisk"], node["orphaned"]

    # waiting for registration: nobody has left it, it is neither
    pending = await register_organization(other, 2, "Provider Pending")
    assert pair(await flags(other, pending["organization"]["id"])) == (False, False)

    # an SO alone (the two-person organization): at risk, not orphaned
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    assert pair(await flags(so, xyz)) == (True, False)
    # with a Backup: neither
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    assert pair(await flags(so, xyz)) == (False, False)
    # the SO leaves: orphaned (a Backup still decides most requests, but nobody approves a new Backup)
    revoked = await so.data(REVOKE, {"id": await role_id(so, "SECURITY_OFFICIAL"), "reason": "Retiring"})
    assert revoked["revokeRole"]["errors"] == []
    assert pair(await flags(bob, xyz)) == (False, True)
    # the help desk console says the same
    assert (await help_desk.data(LOOKUP, {"q": "Provider XYZ"}))["helpDeskLookup"]["organizations"] == [
        {"legalBusinessName": "Provider XYZ", "status": "APPROVED", "atRisk": False, "orphaned": True}
    ]
    # the Backup succeeds: an SO and no Backup again, at risk
    await approved(help_desk, (await submitted(bob, REQUEST_SUCCESSION, {"org": xyz}))["id"])
    assert pair(await flags(bob, xyz)) == (True, False)
    assert (await help_desk.data(LOOKUP, {"q": "Provider XYZ"}))["helpDeskLookup"]["organizations"] == [
        {"legalBusinessName": "Provider XYZ", "status": "APPROVED", "atRisk": True, "orphaned": False}
    ]


async def test_r37_a_practice_is_never_at_risk_and_orphaned_only_while_its_practitioner_does_not_count(
    people: People,
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    pat = await people.make("Pat Practitioner")
    practice = await approved_practitioner(pat, help_desk, 7)
    assert (await flags(help_desk, practice))["atRisk"] is False
    assert (await flags(help_desk, practice))["orphaned"] is False

    await disable(help_desk, pat)
    node = await flags(help_desk, practice)
    assert (node["atRisk"], node["orphaned"]) == (False, True)

    await enable(help_desk, pat)
    node = await flags(help_desk, practice)
    assert (node["atRisk"], node["orphaned"]) == (False, False)
