"""R35: company administrators without a single point of failure, through HTTP on real PostgreSQL.

- the founder's role takes effect only with the company's first approved surrogate group (no power before; none
  at all if every founding request is denied);
- a person asks to administer the company (`requestCompanyAdministration`): an administrator decides, or the
  help desk when none is left; routing, queue, `canDecide` and `approvers` agree;
- company administrator roles are certified like any other (R30), and suspended when nobody does;
- one administrator: `atRisk`; none: `orphaned`; the help desk lists such companies.

Every refusal asserts that no row changed (`refused`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from iacs.domain.clock import FrozenClock
from iacs.domain.lifecycle.runner import run_once
from tests.api.operations import (
    APPROVE,
    COMPANIES,
    DENY,
    QUEUE,
    REQUEST_COMPANY_ADMINISTRATION,
    REQUEST_COMPANY_MEMBERSHIP,
    REQUEST_SURROGATE_GROUPS,
    REVOKE,
    approved_organization,
    request_surrogate_groups,
)
from tests.api.people import People, Person
from tests.api.test_rules import (
    Factory,
    approved,
    error,
    queue_ids,
    refused,
    roles_of,
    submitted,
)

REQUEST_ADMINISTRATION = REQUEST_COMPANY_ADMINISTRATION
COMPANY = """query($id: ID!) { node(id: $id) { ... on SurrogateCompany { name atRisk orphaned
  administrators { name } } } }"""
AT_RISK = "{ surrogateCompaniesAtRisk { name atRisk orphaned administrators { name } } }"
MY_ROLES = "{ viewer { roles { id role status certifyBy company { name } userGroup { name } grantedBy { name } } } }"
CERTIFY = """mutation($ids: [ID!]!) { certifyRoles(input: {roleAssignmentIds: $ids}) {
  roleAssignments { id status } errors { code message field } } }"""
ROLE = "query($id: ID!) { node(id: $id) { ... on RoleAssignment { status } } }"


async def company_of(person: Person, company_id: str) -> dict[str, Any]:
    node: dict[str, Any] = (await person.data(COMPANY, {"id": company_id}))["node"]
    return node


async def company_role(person: Person) -> dict[str, Any]:
    """The person's administrator role of a company (a UGA role in no group)."""
    (found,) = [r for r in (await person.data(MY_ROLES))["viewer"]["roles"] if r["userGroup"] is None]
    assert found["role"] == "USER_GROUP_ADMINISTRATOR"
    return dict(found)


async def founded(people: People) -> dict[str, Any]:
    """Abe founds ABC Billing asking to serve Provider XYZ (Sally decides) and Lakeview Clinic (Otto decides)."""
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    otto = await people.make("Otto Official")
    abe = await people.make("Abe Billing")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    lakeview = await approved_organization(otto, help_desk, 2, "Lakeview Clinic")
    payload = await request_surrogate_groups(abe, [xyz, lakeview], new_company="ABC Billing")
    assert payload["errors"] == []
    for_xyz, for_lakeview = payload["requests"]
    return {
        "help_desk": help_desk,
        "so": so,
        "otto": otto,
        "abe": abe,
        "xyz": xyz,
        "lakeview": lakeview,
        "for_xyz": for_xyz,
        "for_lakeview": for_lakeview,
        "company": for_xyz["company"]["id"],
    }


# --- the founder ------------------------------------------------------------------------------------------


async def test_r35_the_founders_role_takes_effect_with_the_first_approved_surrogate_group(
    people: People, session_factory: Factory
) -> None:
    w = await founded(people)
    abe, so, otto, company = w["abe"], w["so"], w["otto"], w["company"]

    # pending: no role, no company to act for, nobody to decide a colleague's request to join
    assert await roles_of(abe) == []
    assert (await abe.data(COMPANIES))["surrogateCompanies"] == []
    assert await company_of(abe, company) == {
        "name": "ABC Billing",
        "atRisk": False,
        "orphaned": True,
        "administrators": [],
    }
    payload = await refused(
        abe,
        session_factory,
        REQUEST_SURROGATE_GROUPS,
        {"input": {"companyId": company, "organizationIds": [w["xyz"]]}},
    )
    assert payload == {
        "requests": [],
        "errors": [error("FORBIDDEN", "Only User Group Administrators of ABC Billing act for it.", "companyId")],
    }

    # a denied founding request gives nothing
    denied = (await otto.data(DENY, {"id": w["for_lakeview"]["id"], "reason": "No contract with ABC"}))["denyRequest"]
    assert denied["errors"] == []
    assert await roles_of(abe) == []

    # the first approved one makes the founder the company's administrator, certified like any role (R30)
    decided = await approved(so, w["for_xyz"]["id"])
    role = await company_role(abe)
    assert (role["status"], role["company"], role["grantedBy"]) == (
        "ACTIVE",
        {"name": "ABC Billing"},
        {"name": "Sally Official"},
    )
    assert role["certifyBy"] is not None
    assert sorted((r["role"], r["userGroup"]["name"] if r["userGroup"] else "") for r in await roles_of(abe)) == [
        ("USER_GROUP_ADMINISTRATOR", ""),
        ("USER_GROUP_ADMINISTRATOR", decided["userGroup"]["name"]),
    ]
    assert await company_of(so, company) == {
        "name": "ABC Billing",
        "atRisk": True,
        "orphaned": False,
        "administrators": [{"name": "Abe Billing"}],
    }


async def test_r35_a_founder_whose_every_founding_request_is_denied_holds_no_power(
    people: People, session_factory: Factory
) -> None:
    w = await founded(people)
    abe, company = w["abe"], w["company"]
    stan = await people.make("Stan Staff")
    for official, request in ((w["so"], w["for_xyz"]), (w["otto"], w["for_lakeview"])):
        denied = (await official.data(DENY, {"id": request["id"], "reason": "Unknown company"}))["denyRequest"]
        assert denied["errors"] == []

    assert await roles_of(abe) == []
    assert (await company_of(abe, company))["orphaned"] is True
    # a colleague's request to join has nobody to decide it, and the founder cannot decide it
    joining = await submitted(stan, REQUEST_COMPANY_MEMBERSHIP, {"company": company})
    assert joining["approvers"] == []
    assert queue_ids(await abe.data(QUEUE)) == []
    payload = await refused(abe, session_factory, APPROVE, {"id": joining["id"]})
    assert payload["errors"] == [error("NOT_FOUND", "No request with this id.", "requestId")]
    # the founder asks to administer the company like anyone else: the help desk decides (nobody is left)
    asked = await submitted(abe, REQUEST_ADMINISTRATION, {"company": company})
    assert (asked["kind"], asked["approvers"]) == ("ADMINISTER_SURROGATE_COMPANY", [{"name": "Helen Desk"}])


# --- asking to administer the company ---------------------------------------------------------------------


async def test_r35_a_colleague_asks_to_administer_the_company_and_an_administrator_decides(
    people: People, session_factory: Factory
) -> None:
    w = await founded(people)
    abe, so, help_desk, company = w["abe"], w["so"], w["help_desk"], w["company"]
    cleo = await people.make("Cleo Colleague")
    sam = await people.make("Sam Stranger")
    await approved(so, w["for_xyz"]["id"])

    asked = await submitted(cleo, REQUEST_ADMINISTRATION, {"company": company})
    assert (asked["kind"], asked["status"], asked["company"], asked["approvers"], asked["canDecide"]) == (
        "ADMINISTER_SURROGATE_COMPANY",
        "PENDING",
        {"id": company, "name": "ABC Billing"},
        [{"name": "Abe Billing"}],
        False,
    )
    # the same rule in the queue and in canDecide; the help desk sees it but does not decide while Abe is there
    assert queue_ids(await abe.data(QUEUE)) == [asked["id"]]
    assert queue_ids(await help_desk.data(QUEUE)) == []
    payload = await refused(help_desk, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("FORBIDDEN", "You may see this request but not decide it.", "requestId")]
    payload = await refused(sam, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("NOT_FOUND", "No request with this id.", "requestId")]
    payload = await refused(cleo, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("SELF_DECISION_FORBIDDEN", "Nobody decides their own request.", "requestId")]
    # asking twice, asking for what one holds, asking for no company
    payload = await refused(cleo, session_factory, REQUEST_ADMINISTRATION, {"company": company})
    assert payload["errors"] == [
        error(
            "DUPLICATE_REQUEST",
            "You already have a pending request for this; wait for its decision or cancel it.",
            "companyId",
        )
    ]
    payload = await refused(abe, session_factory, REQUEST_ADMINISTRATION, {"company": company})
    assert payload["errors"] == [error("ALREADY_HOLDS_ROLE", "You already administer this company.", "companyId")]
    payload = await refused(cleo, session_factory, REQUEST_ADMINISTRATION, {"company": "U3Vycm9nYXRlQ29tcGFueTox"})
    assert payload["errors"] == [error("NOT_FOUND", "No company with this id.", "companyId")]

    decided = await approved(abe, asked["id"])

    assert (decided["status"], decided["decidedBy"]) == ("APPROVED", {"name": "Abe Billing"})
    role = await company_role(cleo)
    assert (role["company"], role["grantedBy"], role["certifyBy"] is not None) == (
        {"name": "ABC Billing"},
        {"name": "Abe Billing"},
        True,
    )
    assert await company_of(sam, company) == {
        "name": "ABC Billing",
        "atRisk": False,
        "orphaned": False,
        "administrators": [{"name": "Abe Billing"}, {"name": "Cleo Colleague"}],
    }
    # she acts for the company: she decides a colleague's request to join
    stan = await people.make("Stan Staff")
    joining = await submitted(stan, REQUEST_COMPANY_MEMBERSHIP, {"company": company})
    assert joining["approvers"] == [{"name": "Abe Billing"}, {"name": "Cleo Colleague"}]
    await approved(cleo, joining["id"])


async def test_r35_the_founder_leaves_after_naming_a_second_administrator_and_then_the_help_desk_steps_in(
    people: People, session_factory: Factory
) -> None:
    w = await founded(people)
    abe, so, help_desk, company = w["abe"], w["so"], w["help_desk"], w["company"]
    cleo = await people.make("Cleo Colleague")
    dina = await people.make("Dina Desk")
    await approved(so, w["for_xyz"]["id"])
    await approved(abe, (await submitted(cleo, REQUEST_ADMINISTRATION, {"company": company}))["id"])
    assert (await help_desk.data(AT_RISK))["surrogateCompaniesAtRisk"] == []

    # R29: an administrator may end another's role (whoever may approve it): Cleo ends Abe's when he leaves
    ended = (await cleo.data(REVOKE, {"id": (await company_role(abe))["id"], "reason": "Left the company"}))[
        "revokeRole"
    ]
    assert ended["errors"] == []
    assert (await company_of(cleo, company))["administrators"] == [{"name": "Cleo Colleague"}]
    at_risk = {"name": "ABC Billing", "atRisk": True, "orphaned": False, "administrators": [{"name": "Cleo Colleague"}]}
    assert (await help_desk.data(AT_RISK))["surrogateCompaniesAtRisk"] == [at_risk]
    # only the help desk gets the list
    assert (await cleo.data(AT_RISK))["surrogateCompaniesAtRisk"] == []

    # Cleo gives the role up too: orphaned; a request to administer it now goes to the help desk
    gave_up = (await cleo.data(REVOKE, {"id": (await company_role(cleo))["id"], "reason": "Leaving"}))["revokeRole"]
    assert gave_up["errors"] == []
    orphaned = {"name": "ABC Billing", "atRisk": False, "orphaned": True, "administrators": []}
    assert (await help_desk.data(AT_RISK))["surrogateCompaniesAtRisk"] == [orphaned]
    asked = await submitted(dina, REQUEST_ADMINISTRATION, {"company": company})
    assert asked["approvers"] == [{"name": "Helen Desk"}]
    assert queue_ids(await help_desk.data(QUEUE)) == [asked["id"]]
    # an official of an organization the company serves is no approver of it
    payload = await refused(so, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("NOT_FOUND", "No request with this id.", "requestId")]

    await approved(help_desk, asked["id"])

    assert (await company_role(dina))["grantedBy"] == {"name": "Helen Desk"}
    assert (await help_desk.data(AT_RISK))["surrogateCompaniesAtRisk"] == [
        {"name": "ABC Billing", "atRisk": True, "orphaned": False, "administrators": [{"name": "Dina Desk"}]}
    ]


# --- certification (R30) ----------------------------------------------------------------------------------


async def test_r35_company_administrator_roles_are_certified_and_suspended_like_any_role(
    people: People, clock: FrozenClock, session_factory: Factory
) -> None:
    w = await founded(people)
    abe, so, help_desk, company = w["abe"], w["so"], w["help_desk"], w["company"]
    cleo = await people.make("Cleo Colleague")
    await approved(so, w["for_xyz"]["id"])
    await approved(abe, (await submitted(cleo, REQUEST_ADMINISTRATION, {"company": company}))["id"])
    abe_role, cleo_role = (await company_role(abe))["id"], (await company_role(cleo))["id"]

    # 300 days on: nobody certifies their own; another administrator does; an organization's official may not
    clock.advance(timedelta(days=300))
    await people.sign_in(abe, so, cleo)
    own = (await abe.data(CERTIFY, {"ids": [abe_role]}))["certifyRoles"]
    assert own["errors"] == [
        error("SELF_DECISION_FORBIDDEN", "Nobody certifies their own role.", "roleAssignmentIds", "0")
    ]
    assert (await so.data(CERTIFY, {"ids": [abe_role]}))["certifyRoles"]["errors"] == [
        error("NOT_FOUND", "No role assignment with this id.", "roleAssignmentIds", "0")
    ]
    assert (await cleo.data(CERTIFY, {"ids": [abe_role]}))["certifyRoles"] == {
        "roleAssignments": [{"id": abe_role, "status": "ACTIVE"}],
        "errors": [],
    }

    # a year after it was granted, Cleo's role was certified by nobody: suspended, and the company is at risk
    clock.advance(timedelta(days=66))
    assert (await run_once(session_factory, clock)).suspended >= 1
    await people.sign_in(abe, help_desk)
    assert (await help_desk.data(ROLE, {"id": cleo_role}))["node"]["status"] == "SUSPENDED"
    assert (await company_of(help_desk, company))["administrators"] == [{"name": "Abe Billing"}]
    # the help desk may certify a company administrator too (it approves one when none is left): restored
    assert (await help_desk.data(CERTIFY, {"ids": [cleo_role]}))["certifyRoles"] == {
        "roleAssignments": [{"id": cleo_role, "status": "ACTIVE"}],
        "errors": [],
    }
    assert (await company_of(abe, company))["administrators"] == [
        {"name": "Abe Billing"},
        {"name": "Cleo Colleague"},
    ]


# --- explanations -----------------------------------------------------------------------------------------

EXPLAIN = """{ viewer { roles { userGroup { name } grantChain { reason request { kind decidedBy { name } } } }
  decisionRights { relation kinds becauseOf { company { name } userGroup { name } } }
  departureImpact { companiesWithoutAdministrator { name } requestsWithoutApprover { kind } } } }"""


async def test_r35_explanations_name_the_founders_approval_the_right_to_decide_and_what_leaving_would_orphan(
    people: People,
) -> None:
    w = await founded(people)
    abe, so, company = w["abe"], w["so"], w["company"]
    cleo = await people.make("Cleo Colleague")
    await approved(so, w["for_xyz"]["id"])
    asked = await submitted(cleo, REQUEST_ADMINISTRATION, {"company": company})

    viewer = (await abe.data(EXPLAIN))["viewer"]

    # the founder's role rests on the approval of the company's first surrogate group
    (chain,) = [r["grantChain"] for r in viewer["roles"] if r["userGroup"] is None]
    assert chain[0] == {
        "reason": "Founded the company; this took effect when its first surrogate group was approved. Approved by "
        "the organization's Security Official or a Backup.",
        "request": {"kind": "CREATE_SURROGATE_USER_GROUP", "decidedBy": {"name": "Sally Official"}},
    }
    # the right to decide requests to administer (and join) the company comes from that role
    assert [(r["relation"], r["kinds"]) for r in viewer["decisionRights"] if r["becauseOf"]["userGroup"] is None] == [
        ("COMPANY_ADMINISTRATORS", ["ADMINISTER_SURROGATE_COMPANY", "JOIN_SURROGATE_COMPANY"])
    ]
    # if Abe left now, the company would have nobody, and Cleo's request nobody to decide it
    assert viewer["departureImpact"] == {
        "companiesWithoutAdministrator": [{"name": "ABC Billing"}],
        "requestsWithoutApprover": [{"kind": "ADMINISTER_SURROGATE_COMPANY"}],
    }

    # with Cleo an administrator too, leaving would orphan nothing
    await approved(abe, asked["id"])
    assert (await abe.data(EXPLAIN))["viewer"]["departureImpact"] == {
        "companiesWithoutAdministrator": [],
        "requestsWithoutApprover": [],
    }


async def test_r35_r39_a_request_to_administer_left_without_administrators_moves_up_to_the_help_desk(
    people: People, clock: FrozenClock, session_factory: Factory
) -> None:
    w = await founded(people)
    abe, so, help_desk, company = w["abe"], w["so"], w["help_desk"], w["company"]
    cleo = await people.make("Cleo Colleague")
    await approved(so, w["for_xyz"]["id"])
    asked = await submitted(cleo, REQUEST_ADMINISTRATION, {"company": company})
    assert asked["approvers"] == [{"name": "Abe Billing"}]

    # Abe gives the role up while Cleo's request waits: nobody may decide it now ...
    gave_up = (await abe.data(REVOKE, {"id": (await company_role(abe))["id"], "reason": "Leaving"}))["revokeRole"]
    assert gave_up["errors"] == []
    payload = await refused(help_desk, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("FORBIDDEN", "You may see this request but not decide it.", "requestId")]

    # ... so the job runner moves it up to the help desk (R39), who decides it
    clock.advance(timedelta(minutes=1))
    report = await run_once(session_factory, clock)
    assert len(report.escalated_ids) == 1
    await people.sign_in(help_desk, cleo)
    assert queue_ids(await help_desk.data(QUEUE)) == [asked["id"]]
    await approved(help_desk, asked["id"])
    assert (await company_role(cleo))["grantedBy"] == {"name": "Helen Desk"}
    assert (await company_of(cleo, company))["administrators"] == [{"name": "Cleo Colleague"}]
