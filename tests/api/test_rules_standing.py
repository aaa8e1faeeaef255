"""What an outside probe found (issue 12, findings 3-6), one test per hole, through HTTP on PostgreSQL.

- R14 holds at certification too: restoring a suspended UGA role of someone who has become an official there
  is refused (the race of two approvals is tests/concurrency/test_r14_race.py, the database rule
  tests/db/test_rules_in_the_database.py);
- R36, R17, R22, R23: every approval re-checks the requester's standing and the roles the request was built on;
- R35: a company's TIN is unique (COMPANY_EXISTS);
- R34, R21, R22: in an individual practitioner's practice the practitioner decides, revokes and certifies what
  its surrogate group holds; the help desk may end any role.

Every refusal asserts the exact error and that no row changed (`refused`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from iacs.graphql.ids import to_global_id
from tests.api.operations import (
    APPROVE,
    ERRORS,
    QUEUE,
    REQUEST_APPLICATION,
    REQUEST_BSO,
    REQUEST_COMPANY_MEMBERSHIP,
    REQUEST_GROUP_ADMINISTRATION,
    REQUEST_MEMBERSHIP,
    REQUEST_PRACTITIONER,
    REQUEST_SURROGATE_GROUPS,
    REVOKE,
    approved_group,
    approved_organization,
    approved_practitioner,
    practitioner_input,
    request_surrogate_groups,
)
from tests.api.people import People, Person
from tests.api.test_rules import (
    Factory,
    add_application,
    application_id,
    approved,
    error,
    queue_ids,
    refused,
    request_node,
    role_id,
    roles_of,
    submitted,
)

CERTIFY = f"""mutation($ids: [ID!]!) {{ certifyRoles(input: {{roleAssignmentIds: $ids}}) {{
  roleAssignments {{ id role status }} {ERRORS} }} }}"""
DISABLE = f"""mutation($id: ID!) {{ disableAccount(input: {{userId: $id, reason: "Left the company"}}) {{
  user {{ id }} {ERRORS} }} }}"""
ENABLE = f"mutation($id: ID!) {{ enableAccount(input: {{userId: $id}}) {{ user {{ id }} {ERRORS} }} }}"
ROLES_WITH_SCOPES = """
{ viewer { roles { id role status organization { id } userGroup { id name } company { name }
  application { code } } } }"""


async def suspend(factory: Factory, role_assignment_id: str) -> None:
    """What the yearly job does to a role nobody certified in time (R30), without moving the clock a year."""
    from tests.security.world import uuid_of

    async with factory() as db:
        await db.execute(
            text("UPDATE role_assignments SET status = 'SUSPENDED', suspended_at = now() WHERE id = :id"),
            {"id": uuid_of(role_assignment_id)},
        )
        await db.commit()


async def ok(person: Person, operation: str, variables: dict[str, Any]) -> dict[str, Any]:
    (payload,) = (await person.data(operation, variables)).values()
    assert payload["errors"] == [], payload
    result: dict[str, Any] = payload
    return result


# --- R14 at certification (finding 3) -------------------------------------------------------------------


async def test_r14_certifying_a_suspended_uga_role_of_someone_who_became_an_official_is_refused(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    pete = await people.make("Pete Both")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    group = await approved_group(pete, so, xyz, "Claims Team")
    administration = await role_id(pete, "USER_GROUP_ADMINISTRATOR")
    # the UGA role lapses (R30); with no active UGA role left, Pete may ask to be a BSO, and the SO approves
    await suspend(session_factory, administration)
    await approved(so, (await submitted(pete, REQUEST_BSO, {"org": xyz}))["id"])

    # when: an official certifies (restores) the suspended UGA role
    for official in (so, bob):
        payload = await refused(official, session_factory, CERTIFY, {"ids": [administration]})

        # then: R14 - refused, and Pete stays BSO only
        assert payload == {
            "roleAssignments": [],
            "errors": [
                error(
                    "ROLE_CONFLICT",
                    "Pete Both is now backup security official in this organization; the same person cannot also "
                    "be user group administrator there, so this role cannot be restored. End it instead.",
                    "roleAssignmentIds",
                    "0",
                )
            ],
        }
    assert [(r["role"], r["status"]) for r in await roles_of(pete)] == [("BACKUP_SECURITY_OFFICIAL", "ACTIVE")]
    # the group is still there to be given another administrator
    assert group


# --- R36 and the roles a request was built on (finding 4) ---------------------------------------------


async def test_r36_a_pending_request_of_a_disabled_account_stays_pending_and_cannot_be_approved(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    dan = await people.make("Dan Departed")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    asked = await submitted(dan, REQUEST_BSO, {"org": xyz})
    await ok(help_desk, DISABLE, {"id": to_global_id("User", dan.pk)})

    payload = await refused(so, session_factory, APPROVE, {"id": asked["id"]})

    assert payload == {
        "request": None,
        "errors": [
            error(
                "FORBIDDEN",
                "Dan Departed's account is disabled: the request cannot be approved while it is. Deny it with a "
                "reason, or wait until the help desk enables the account again.",
                "requestId",
            )
        ],
    }
    assert (await request_node(so, asked["id"]))["status"] == "PENDING"
    # once the help desk enables the account again, the same request is approved as usual
    await ok(help_desk, ENABLE, {"id": to_global_id("User", dan.pk)})
    assert (await approved(so, asked["id"]))["status"] == "APPROVED"


async def test_r17_a_founder_who_gave_up_the_company_gets_no_surrogate_group_from_an_old_request(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    otto = await people.make("Otto Official")
    abe = await people.make("Abe Billing")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    lakeview = await approved_organization(otto, help_desk, 2, "Lakeview Clinic")
    asked, served = (await request_surrogate_groups(abe, [xyz, lakeview], new_company="ABC Billing"))["requests"]
    await approved(otto, served["id"])  # R35: the founder's company role takes effect with the first approval
    (founder_role,) = [r["id"] for r in await roles_of(abe) if r["userGroup"] is None]
    await ok(abe, REVOKE, {"id": founder_role, "reason": "Leaving ABC Billing"})  # R29: gives the company up

    payload = await refused(so, session_factory, APPROVE, {"id": asked["id"]})

    assert payload["errors"] == [
        error(
            "FORBIDDEN",
            "Abe Billing is no longer an administrator of ABC Billing; deny this request with a reason.",
            "requestId",
        )
    ]
    # the company role stays ended (an old founding request does not bring it back); the Lakeview group's stays
    assert [(r["role"], r["userGroup"]["name"]) for r in await roles_of(abe)] == [
        ("USER_GROUP_ADMINISTRATOR", "ABC Billing for Lakeview Clinic")
    ]


async def test_r23_an_end_users_application_request_is_refused_once_the_group_lost_the_application(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    emma = await people.make("Emma User")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")
    await approved(ugo, (await submitted(emma, REQUEST_MEMBERSHIP, {"group": group}))["id"])
    await add_application(session_factory, "PQRI", "PQRI feedback reports", is_open=True)
    variables = {"app": await application_id(emma, "PQRI"), "group": group}
    await approved(so, (await submitted(ugo, REQUEST_APPLICATION, variables))["id"])
    for_self = await submitted(emma, REQUEST_APPLICATION, variables)
    # the SO ends the group's access to the application (the UGA's role for it)
    group_access = [r["id"] for r in await roles_of(ugo) if r["application"] == {"code": "PQRI"}]
    await ok(so, REVOKE, {"id": group_access[0], "reason": "No longer needed"})

    payload = await refused(ugo, session_factory, APPROVE, {"id": for_self["id"]})

    assert payload["errors"] == [
        error(
            "FORBIDDEN",
            "The group no longer has access to PQRI feedback reports; deny this request with a reason.",
            "requestId",
        )
    ]


async def test_r22_a_second_practice_is_refused_at_approval(people: People, session_factory: Factory) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    doris = await people.make("Doris Doctor")
    first = await submitted(doris, REQUEST_PRACTITIONER, practitioner_input(7))
    second = await submitted(doris, REQUEST_PRACTITIONER, practitioner_input(8))
    await approved(help_desk, first["id"])

    payload = await refused(help_desk, session_factory, APPROVE, {"id": second["id"]})

    assert payload["errors"] == [
        error(
            "ALREADY_HOLDS_ROLE",
            "Doris Doctor is already registered as an individual practitioner (one practice per person); deny "
            "this request with a reason.",
            "requestId",
        )
    ]


# --- R35: one company per TIN (finding 5) ---------------------------------------------------------------


async def test_r35_a_second_company_with_a_known_tin_gets_company_exists(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    otto = await people.make("Otto Official")
    abe = await people.make("Abe Billing")
    sam = await people.make("Sam Stranger")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    lakeview = await approved_organization(otto, help_desk, 2, "Lakeview Clinic")
    (founded,) = (await request_surrogate_groups(abe, [xyz], new_company="ABC Billing", tin="98-7654321"))["requests"]

    # the same TIN, written with or without its dash, under a look-alike name
    for written in ("98-7654321", "987654321"):
        payload = await refused(
            sam,
            session_factory,
            REQUEST_SURROGATE_GROUPS,
            {"input": {"company": {"name": "ABC Billing (new)", "tin": written}, "organizationIds": [lakeview]}},
        )
        assert payload == {
            "requests": [],
            "errors": [
                error(
                    "COMPANY_EXISTS",
                    "A company with this TIN is already registered. Ask to join that company instead (find it by "
                    "its name); one of its administrators decides.",
                    "company",
                    "tin",
                )
            ],
        }

    # what the message says works: Sam asks to join ABC Billing, and its founder decides (in office since
    # Provider XYZ approved the company's first surrogate group, R35)
    await approved(so, founded["id"])
    joining = await submitted(sam, REQUEST_COMPANY_MEMBERSHIP, {"company": founded["company"]["id"]})
    assert joining["approvers"] == [{"name": "Abe Billing"}]


# --- R34, R21, R22: the practitioner is the practice's official (finding 6) -------------------------------


async def test_r34_the_practitioner_decides_revokes_and_certifies_in_the_practice_and_the_help_desk_revokes(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    doris = await people.make("Doris Doctor")
    abe = await people.make("Abe Billing")
    cleo = await people.make("Cleo Clerk")
    so = await people.make("Sally Official")
    await approved_organization(so, help_desk, 1, "Provider XYZ")
    practice = await approved_practitioner(doris, help_desk, 7)
    (asked,) = (await request_surrogate_groups(abe, [practice], new_company="ABC Billing"))["requests"]
    group = (await approved(doris, asked["id"]))["userGroup"]["id"]
    await approved(abe, (await submitted(cleo, REQUEST_MEMBERSHIP, {"group": group}))["id"])
    await add_application(session_factory, "PQRI", "PQRI feedback reports", is_open=True)
    pqri = await application_id(abe, "PQRI")

    # the surrogate group's administrator asks for an application for the group: the practitioner decides
    for_group = await submitted(abe, REQUEST_APPLICATION, {"app": pqri, "group": group})
    assert for_group["approvers"] == [{"name": "Doris Doctor"}]
    assert queue_ids(await doris.data(QUEUE)) == [for_group["id"]]
    assert (await request_node(doris, for_group["id"]))["canDecide"] is True
    # not an SO of another organization, not the help desk (R21: the practitioner personally)
    assert (await refused(so, session_factory, APPROVE, {"id": for_group["id"]}))["errors"][0]["code"] == "NOT_FOUND"
    assert (await refused(help_desk, session_factory, APPROVE, {"id": for_group["id"]}))["errors"] == [
        error("FORBIDDEN", "You may see this request but not decide it.", "requestId")
    ]
    await approved(doris, for_group["id"])
    # then an end user of the group asks for it for herself: the group's administrator decides
    for_self = await submitted(cleo, REQUEST_APPLICATION, {"app": pqri, "group": group})
    assert for_self["approvers"] == [{"name": "Abe Billing"}]

    # the practitioner certifies the administrator's role (R30) ...
    administration = [
        r["id"]
        for r in (await abe.data(ROLES_WITH_SCOPES))["viewer"]["roles"]
        if r["role"] == "USER_GROUP_ADMINISTRATOR" and r["userGroup"] and r["application"] is None
    ]
    certified = (await doris.data(CERTIFY, {"ids": administration}))["certifyRoles"]
    assert certified == {
        "roleAssignments": [{"id": administration[0], "role": "USER_GROUP_ADMINISTRATOR", "status": "ACTIVE"}],
        "errors": [],
    }
    # ... an SO elsewhere may not (nor see it)
    payload = await refused(so, session_factory, CERTIFY, {"ids": administration})
    assert payload["errors"] == [error("NOT_FOUND", "No role assignment with this id.", "roleAssignmentIds", "0")]

    # the help desk may end any role (R34): here the group's access to the application
    access = [r["id"] for r in (await abe.data(ROLES_WITH_SCOPES))["viewer"]["roles"] if r["application"]]
    assert (await ok(help_desk, REVOKE, {"id": access[0], "reason": "Contract ended"}))["roleAssignment"][
        "status"
    ] == "REVOKED"
    # and the practitioner ends the administrator's role
    ended = await ok(doris, REVOKE, {"id": administration[0], "reason": "We changed billing companies"})
    assert ended["roleAssignment"] == {"id": administration[0], "role": "USER_GROUP_ADMINISTRATOR", "status": "REVOKED"}
    assert [(r["role"], r["company"]) for r in await roles_of(abe)] == [
        ("USER_GROUP_ADMINISTRATOR", {"name": "ABC Billing"})
    ]


async def test_r34_the_help_desk_may_end_any_role_but_another_help_desk_persons(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    other_desk = await people.make("Hank Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    ugo = await people.make("Ugo Admin")
    emma = await people.make("Emma User")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    group = await approved_group(ugo, so, xyz, "Claims Team")
    await approved(ugo, (await submitted(emma, REQUEST_MEMBERSHIP, {"group": group}))["id"])

    for holder, role in ((bob, "BACKUP_SECURITY_OFFICIAL"), (ugo, "USER_GROUP_ADMINISTRATOR"), (emma, "END_USER")):
        ended = await ok(help_desk, REVOKE, {"id": await role_id(holder, role), "reason": "Account review"})
        assert ended["roleAssignment"]["status"] == "REVOKED"
    payload = await refused(
        help_desk, session_factory, REVOKE, {"id": await role_id(other_desk, "HELP_DESK"), "reason": "No"}
    )
    assert payload["errors"] == [
        error("FORBIDDEN", "Only someone who may approve this role, or its holder, may end it.", "roleAssignmentId")
    ]
    # ending a role is not certifying it: the help desk certifies only what it approves (SOs, practitioners)
    asked = await submitted(ugo, REQUEST_GROUP_ADMINISTRATION, {"group": group})
    await approved(so, asked["id"])
    payload = await refused(
        help_desk, session_factory, CERTIFY, {"ids": [await role_id(ugo, "USER_GROUP_ADMINISTRATOR")]}
    )
    assert payload["errors"] == [
        error("FORBIDDEN", "Only someone who may approve this role may certify it.", "roleAssignmentIds", "0")
    ]
