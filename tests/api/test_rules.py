"""Business rules R6-R29 and R2 (rules.md), one or more tests each, named after the rule, through HTTP.

Every refusal is checked twice: the exact error (code, message, field path) and that nothing changed
(`refused` compares the rows of every table a request can touch before and after).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.applications.models import Application
from iacs.domain.enums import Community
from tests.api.operations import (
    APPLICATIONS,
    APPROVE,
    APPROVE_SHOWING_GRANT,
    CANCEL,
    COMPANIES,
    DENY,
    MY_ROLES,
    MY_ROLES_WITH_REQUESTS,
    ORGANIZATION_NODE,
    ORGANIZATIONS,
    QUEUE,
    REGISTER_ORGANIZATION,
    REQUEST_APPLICATION,
    REQUEST_BSO,
    REQUEST_COMPANY_MEMBERSHIP,
    REQUEST_GROUP,
    REQUEST_GROUP_ADMINISTRATION,
    REQUEST_MEMBERSHIP,
    REQUEST_NODE,
    REQUEST_PRACTITIONER,
    REQUEST_SUCCESSION,
    REQUEST_SURROGATE_GROUPS,
    REVOKE,
    ROLE_NODE,
    approve,
    approved_group,
    approved_organization,
    approved_practitioner,
    organization_input,
    practitioner_input,
    register_organization,
    request_surrogate_groups,
)
from tests.api.people import People, Person, valid_npi

Factory = async_sessionmaker[AsyncSession]
Snapshot = dict[str, tuple[int, str]]

# Every table a request, decision or revocation writes to.
TABLES = (
    "access_requests",
    "role_assignments",
    "user_groups",
    "organizations",
    "surrogate_companies",
    "audit_events",
    "mail_outbox",
)
NOT_APPROVED = (
    "{} is not approved in IACS yet (or has no Security Official). "
    "Contact the organization and ask its Security Official to complete the registration."
)


# One statement: for each table, its row count and a digest of its rows (so that a changed status counts too).
SNAPSHOT = text(
    " UNION ALL ".join(
        f"SELECT '{table}', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} AS t"  # noqa: S608 - constant table names
        for table in TABLES
    )
)


async def snapshot(factory: Factory) -> Snapshot:
    async with factory() as db:
        rows = (await db.execute(SNAPSHOT)).all()
    return {table: (count, digest) for table, count, digest in rows}


def counts(state: Snapshot) -> dict[str, int]:
    return {table: count for table, (count, _) in state.items()}


async def refused(person: Person, factory: Factory, operation: str, variables: dict[str, Any]) -> dict[str, Any]:
    """Send a mutation that must be refused, assert that no row changed, and return its payload."""
    before = await snapshot(factory)
    data = await person.data(operation, variables)
    assert await snapshot(factory) == before
    (payload,) = data.values()
    assert isinstance(payload, dict)
    return payload


def error(code: str, message: str, *field: str) -> dict[str, Any]:
    return {"code": code, "message": message, "field": list(field) if field else None}


def queue_ids(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in data["approvalQueue"]["edges"]]


async def request_node(person: Person, request_id: str) -> dict[str, Any]:
    node: dict[str, Any] = (await person.data(REQUEST_NODE, {"id": request_id}))["node"]
    return node


async def organization_node(person: Person, org_id: str) -> dict[str, Any]:
    node: dict[str, Any] = (await person.data(ORGANIZATION_NODE, {"id": org_id}))["node"]
    return node


async def roles_of(person: Person) -> list[dict[str, Any]]:
    roles: list[dict[str, Any]] = (await person.data(MY_ROLES))["viewer"]["roles"]
    return roles


async def role_id(person: Person, role: str) -> str:
    (found,) = [r["id"] for r in await roles_of(person) if r["role"] == role]
    assert isinstance(found, str)
    return found


async def submitted(person: Person, operation: str, variables: dict[str, Any]) -> dict[str, Any]:
    """Send a request mutation that must succeed; return the request."""
    (payload,) = (await person.data(operation, variables)).values()
    assert payload["errors"] == [], payload
    request: dict[str, Any] = payload["request"]
    return request


async def approved(approver: Person, request_id: str, reason: str | None = None) -> dict[str, Any]:
    payload = await approve(approver, request_id, reason)
    assert payload["errors"] == [], payload
    request: dict[str, Any] = payload["request"]
    return request


async def add_application(factory: Factory, code: str, name: str, *, is_open: bool) -> None:
    """A CMS application: CMS publishes them, there is no mutation for it."""
    async with factory() as db:
        db.add(Application(code=code, name=name, open=is_open))
        await db.commit()


async def application_id(person: Person, code: str) -> str:
    (found,) = [a["id"] for a in (await person.data(APPLICATIONS))["applications"] if a["code"] == code]
    assert isinstance(found, str)
    return found


# --- R2 (asked for with the organization rules) ----------------------------------------------------------


async def test_r2_a_person_acts_only_in_organizations_of_their_community(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    carrier = await people.make("Fred Carrier", community=Community.FI_CARRIER_MAC)
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")

    # a FI_CARRIER_MAC person asking in a provider organization
    payload = await refused(carrier, session_factory, REQUEST_BSO, {"org": xyz})
    assert payload == {
        "request": None,
        "errors": [
            error(
                "COMMUNITY_MISMATCH",
                "Provider XYZ belongs to the provider / supplier community, and you to the "
                "fiscal intermediary / carrier / MAC community: people act only in their own community.",
                "organizationId",
            )
        ],
    }
    # ... or registering one
    payload = await refused(carrier, session_factory, REGISTER_ORGANIZATION, organization_input(2, "Carrier Hospital"))
    assert payload["errors"] == [
        error(
            "COMMUNITY_MISMATCH",
            "Your account is in the fiscal intermediary / carrier / MAC community; "
            "you can register organizations of that community only.",
            "community",
        )
    ]
    # a Medicare contractor is of the FI_CARRIER_MAC community, whatever the form says
    payload = await refused(
        carrier, session_factory, REGISTER_ORGANIZATION, organization_input(3, "Great Lakes MAC", providerType="MAC")
    )
    assert payload["errors"] == [
        error(
            "COMMUNITY_MISMATCH",
            "This type of organization belongs to the fiscal intermediary / carrier / MAC community.",
            "community",
        )
    ]


# --- R6 ------------------------------------------------------------------------------------------------------


async def test_r6_invalid_npi_tin_and_zip_are_all_reported_at_once(people: People, session_factory: Factory) -> None:
    so = await people.make("Sally Official")
    variables = organization_input(
        1,
        "Bad Data Hospital",
        tin="12345678",
        npi="1234567890",  # CMS's example 123456789 has check digit 3
        address={"line1": "1 Main Street", "city": "Springfield", "state": "IL", "zip": "6270"},
    )

    payload = await refused(so, session_factory, REGISTER_ORGANIZATION, variables)

    assert payload == {
        "request": None,
        "errors": [
            error("INVALID_TIN", "A TIN has 9 digits (dashes allowed).", "tin"),
            error("INVALID_NPI", "An NPI has 10 digits and a valid check digit.", "npi"),
            error("INVALID_ZIP", "A ZIP code is 5 digits, or ZIP+4 like 62704-1234.", "address", "zip"),
        ],
    }


async def test_r6_a_tin_may_have_several_facilities_but_a_tin_and_npi_pair_only_one_organization(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    other_so = await people.make("Otto Official")
    exists = {
        "request": None,
        "errors": [
            error(
                "ORGANIZATION_EXISTS",
                "An organization with this TIN and NPI is already registered; ask its Security Official for access.",
                "npi",
            )
        ],
    }

    # the first person registers the organization and asks to be its SO
    first = await register_organization(so, 1, "Springfield General Hospital")
    assert (first["kind"], first["status"], first["requester"], first["organization"]["status"]) == (
        "REGISTER_ORGANIZATION",
        "PENDING",
        {"name": "Sally Official"},
        "PENDING",
    )
    assert first["approvers"] == [{"name": "Helen Desk"}]
    # the same (TIN, NPI) pair again, while the first is pending
    assert await refused(other_so, session_factory, REGISTER_ORGANIZATION, organization_input(1, "XYZ Again")) == exists
    # the same TIN (here written with a dash) with another NPI is another facility
    second = await submitted(
        other_so,
        REGISTER_ORGANIZATION,
        organization_input(
            2,
            "Springfield General Rehab",
            tin="00-0000001",
            npi="1234567893",  # CMS's example of a valid NPI
            address={"line1": "2 Main Street", "city": "Springfield", "state": "IL", "zip": "62701-1234"},
        ),
    )
    assert second["organization"]["legalBusinessName"] == "Springfield General Rehab"
    assert second["organization"]["id"] != first["organization"]["id"]

    await approved(help_desk, first["id"])
    await approved(help_desk, second["id"])
    listed = (await so.data(ORGANIZATIONS, {"search": "Springfield General"}))["organizations"]["edges"]
    assert [(n["node"]["legalBusinessName"], n["node"]["tinLast4"], n["node"]["npi"]) for n in listed] == [
        ("Springfield General Hospital", "0001", valid_npi(1)),
        ("Springfield General Rehab", "0001", "1234567893"),
    ]
    # ... and once approved
    assert await refused(other_so, session_factory, REGISTER_ORGANIZATION, organization_input(1, "XYZ Again")) == exists


# --- R7 ------------------------------------------------------------------------------------------------------


async def test_r7_the_help_desk_approves_or_denies_and_until_then_nobody_can_ask_anything_in_it(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    other = await people.make("Otto Official")
    eager = await people.make("Eager Ellen")
    await approved_organization(other, help_desk, 2, "Lakeview Clinic")
    registration = await register_organization(so, 1, "Pending Hospital")
    org_id = registration["organization"]["id"]

    # only the help desk decides it: another organization's SO does not even see it
    assert queue_ids(await help_desk.data(QUEUE)) == [registration["id"]]
    assert queue_ids(await other.data(QUEUE)) == []
    payload = await refused(other, session_factory, APPROVE, {"id": registration["id"]})
    assert payload == {"request": None, "errors": [error("NOT_FOUND", "No request with this id.", "requestId")]}

    # nobody else can ask anything in a pending organization
    # A pending organization is not named to a stranger holding its id (issue 12, finding 10).
    not_approved = error("ORGANIZATION_NOT_APPROVED", NOT_APPROVED.format("This organization"), "organizationId")
    assert (await refused(eager, session_factory, REQUEST_BSO, {"org": org_id}))["errors"] == [not_approved]
    assert (await refused(eager, session_factory, REQUEST_GROUP, {"org": org_id, "name": "Claims"}))["errors"] == [
        not_approved
    ]
    assert (await so.data(ORGANIZATIONS, {"search": "Pending"}))["organizations"]["totalCount"] == 0

    decided = await approved(help_desk, registration["id"])
    assert (decided["status"], decided["organization"]["status"], decided["decidedBy"]) == (
        "APPROVED",
        "APPROVED",
        {"name": "Helen Desk"},
    )
    listed = (await eager.data(ORGANIZATIONS, {"search": "Pending"}))["organizations"]["edges"]
    assert [(e["node"]["legalBusinessName"], e["node"]["status"], e["node"]["securityOfficial"]) for e in listed] == [
        ("Pending Hospital", "APPROVED", {"name": "Sally Official"})
    ]

    # a denied registration leaves the organization DENIED, with no SO; it may be registered again
    doubtful = await register_organization(eager, 3, "Doubtful Hospital")
    denied = (await help_desk.data(DENY, {"id": doubtful["id"], "reason": "The NPI is not this hospital's."}))[
        "denyRequest"
    ]
    assert denied["errors"] == []
    assert (denied["request"]["status"], denied["request"]["organization"]["status"]) == ("DENIED", "DENIED")
    assert await roles_of(eager) == []
    assert (await eager.data(ORGANIZATIONS, {"search": "Doubtful"}))["organizations"]["totalCount"] == 0
    again = await register_organization(other, 3, "Doubtful Hospital Inc")
    assert (again["status"], again["organization"]["status"]) == ("PENDING", "PENDING")


# --- R8 ------------------------------------------------------------------------------------------------------


async def active_security_officials(factory: Factory) -> int:
    async with factory() as db:
        found: int = (
            await db.execute(
                text("SELECT count(*) FROM role_assignments WHERE role = 'SECURITY_OFFICIAL' AND status = 'ACTIVE'")
            )
        ).scalar_one()
    return found


async def test_r8_exactly_one_active_security_official_per_organization(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    betty = await people.make("Betty Backup")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    for backup in (bob, betty):
        await approved(so, (await submitted(backup, REQUEST_BSO, {"org": xyz}))["id"])
    assert await active_security_officials(session_factory) == 1

    # both backups ask to succeed; each approval leaves exactly one SO
    bob_asks = await submitted(bob, REQUEST_SUCCESSION, {"org": xyz})
    betty_asks = await submitted(betty, REQUEST_SUCCESSION, {"org": xyz})
    await approved(help_desk, bob_asks["id"])
    assert await active_security_officials(session_factory) == 1
    assert (await organization_node(so, xyz))["securityOfficial"] == {"name": "Bob Backup"}
    await approved(help_desk, betty_asks["id"])
    assert await active_security_officials(session_factory) == 1
    org = await organization_node(so, xyz)
    assert (org["securityOfficial"], org["backupSecurityOfficials"]) == ({"name": "Betty Backup"}, [])
    assert await roles_of(bob) == []


# --- R9 ------------------------------------------------------------------------------------------------------


async def test_r9_anyone_of_the_community_may_ask_to_be_a_backup_and_only_the_so_approves(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    betty = await people.make("Betty Backup")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")

    bob_asks = await submitted(bob, REQUEST_BSO, {"org": xyz})
    betty_asks = await submitted(betty, REQUEST_BSO, {"org": xyz})
    assert (bob_asks["kind"], bob_asks["approvers"]) == ("BACKUP_SECURITY_OFFICIAL", [{"name": "Sally Official"}])
    decided = await approved(so, bob_asks["id"])
    assert (decided["status"], decided["decidedBy"]) == ("APPROVED", {"name": "Sally Official"})

    # a BSO does not approve another BSO: only the SO does
    assert (await request_node(betty, betty_asks["id"]))["approvers"] == [{"name": "Sally Official"}]
    payload = await refused(bob, session_factory, APPROVE, {"id": betty_asks["id"]})
    assert payload == {
        "request": None,
        "errors": [error("FORBIDDEN", "You may see this request but not decide it.", "requestId")],
    }

    await approved(so, betty_asks["id"])
    org = await organization_node(so, xyz)
    assert sorted(u["name"] for u in org["backupSecurityOfficials"]) == ["Betty Backup", "Bob Backup"]
    assert [(r["role"], r["organization"]["legalBusinessName"]) for r in await roles_of(betty)] == [
        ("BACKUP_SECURITY_OFFICIAL", "Provider XYZ")
    ]


# --- R10 -----------------------------------------------------------------------------------------------------


async def test_r10_a_backup_succeeds_the_so_and_the_old_so_role_ends_in_the_same_decision(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    ugo = await people.make("Ugo Admin")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    old_so_role = await role_id(so, "SECURITY_OFFICIAL")
    assert (await organization_node(so, xyz))["atRisk"] is True  # an SO and no backup
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    assert (await organization_node(so, xyz))["atRisk"] is False

    # only a BSO may ask
    payload = await refused(ugo, session_factory, REQUEST_SUCCESSION, {"org": xyz})
    assert payload["errors"] == [
        error(
            "FORBIDDEN",
            "Only a Backup Security Official of the organization can ask to succeed its Security Official.",
            "organizationId",
        )
    ]
    succession = await submitted(bob, REQUEST_SUCCESSION, {"org": xyz})
    assert (succession["kind"], succession["approvers"]) == ("SUCCEED_SECURITY_OFFICIAL", [{"name": "Helen Desk"}])
    payload = await refused(so, session_factory, APPROVE, {"id": succession["id"]})
    assert payload["errors"] == [error("FORBIDDEN", "You may see this request but not decide it.", "requestId")]

    await approved(help_desk, succession["id"])

    org = await organization_node(so, xyz)
    assert (org["securityOfficial"], org["backupSecurityOfficials"], org["atRisk"]) == (
        {"name": "Bob Backup"},
        [],
        True,  # no backup any more
    )
    assert await roles_of(so) == []
    assert [r["role"] for r in await roles_of(bob)] == ["SECURITY_OFFICIAL"]
    ended = (await help_desk.data(ROLE_NODE, {"id": old_so_role}))["node"]
    assert ended == {"id": old_so_role, "role": "SECURITY_OFFICIAL", "status": "REVOKED"}


async def test_r10_a_backup_may_ask_to_succeed_once_the_so_has_left(people: People) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    left = (await so.data(REVOKE, {"id": await role_id(so, "SECURITY_OFFICIAL"), "reason": "Retiring"}))["revokeRole"]
    assert left["errors"] == []

    payload = (await bob.data(REQUEST_SUCCESSION, {"org": xyz}))["requestSecurityOfficialSuccession"]

    assert payload["errors"] == []
    assert (payload["request"]["kind"], payload["request"]["approvers"]) == (
        "SUCCEED_SECURITY_OFFICIAL",
        [{"name": "Helen Desk"}],
    )
    await approved(help_desk, payload["request"]["id"])
    assert (await organization_node(so, xyz))["securityOfficial"] == {"name": "Bob Backup"}


# --- R11 -----------------------------------------------------------------------------------------------------


async def test_r11_dmepos_suppliers_get_registration_closed(people: People, session_factory: Factory) -> None:
    so = await people.make("Sally Official")

    payload = await refused(
        so,
        session_factory,
        REGISTER_ORGANIZATION,
        organization_input(1, "Wheelchairs Inc", providerType="DMEPOS_SUPPLIER"),
    )

    assert payload == {
        "request": None,
        "errors": [
            error(
                "REGISTRATION_CLOSED",
                "Registration of DMEPOS suppliers is closed by CMS for now. Contact the help desk (CMS External "
                "User Services) to be told when it opens.",
                "providerType",
            )
        ],
    }


async def test_r11_a_closed_application_gets_application_closed(people: People, session_factory: Factory) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")
    await add_application(session_factory, "HETS", "HETS UI eligibility", is_open=False)
    hets = await application_id(ugo, "HETS")

    payload = await refused(ugo, session_factory, REQUEST_APPLICATION, {"app": hets, "group": group})

    assert payload == {
        "request": None,
        "errors": [error("APPLICATION_CLOSED", "HETS UI eligibility is closed to new requests.", "applicationId")],
    }


# --- R12 -----------------------------------------------------------------------------------------------------


async def test_r12_a_uga_creates_a_group_or_administers_one_once_an_official_approves(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    ugo = await people.make("Ugo Admin")
    uma = await people.make("Uma Admin")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])

    # (a) create a new group
    asked = (await ugo.data(REQUEST_GROUP, {"org": xyz, "name": "Claims Team"}))["requestUserGroup"]["request"]
    assert (asked["kind"], asked["proposedName"], asked["userGroup"]) == ("CREATE_USER_GROUP", "Claims Team", None)
    assert asked["approvers"] == [{"name": "Bob Backup"}, {"name": "Sally Official"}]
    assert (await organization_node(so, xyz))["userGroups"] == []  # not usable before its approval

    decided = await approved(bob, asked["id"])

    assert (decided["userGroup"]["name"], decided["userGroup"]["kind"]) == ("Claims Team", "PROVIDER")
    groups = (await organization_node(so, xyz))["userGroups"]
    assert [(g["name"], g["kind"], g["orphaned"], g["administrators"]) for g in groups] == [
        ("Claims Team", "PROVIDER", False, [{"name": "Ugo Admin"}])
    ]
    assert [(r["role"], r["userGroup"]["name"], r["grantedBy"]["name"]) for r in await roles_of(ugo)] == [
        ("USER_GROUP_ADMINISTRATOR", "Claims Team", "Bob Backup")
    ]
    # a group name is unique in its organization, whatever the case
    payload = await refused(uma, session_factory, REQUEST_GROUP, {"org": xyz, "name": "claims team"})
    assert payload["errors"] == [
        error(
            "INVALID_INPUT",
            "This organization already has a group of that name; ask to administer it instead.",
            "name",
        )
    ]

    # (b) administer the existing group: the SO or a BSO decides, not the group's UGA
    asked = await submitted(uma, REQUEST_GROUP_ADMINISTRATION, {"group": decided["userGroup"]["id"]})
    assert (asked["kind"], asked["userGroup"]["name"], asked["approvers"]) == (
        "ADMINISTER_USER_GROUP",
        "Claims Team",
        [{"name": "Bob Backup"}, {"name": "Sally Official"}],
    )
    await approved(so, asked["id"])
    (listed,) = (await organization_node(so, xyz))["userGroups"]
    assert sorted(u["name"] for u in listed["administrators"]) == ["Ugo Admin", "Uma Admin"]


# --- R13 -----------------------------------------------------------------------------------------------------


async def test_r13_an_end_user_joins_and_a_uga_of_the_group_decides(people: People, session_factory: Factory) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    emma = await people.make("Emma User")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")

    asked = await submitted(emma, REQUEST_MEMBERSHIP, {"group": group})
    assert (asked["kind"], asked["approvers"]) == ("JOIN_USER_GROUP", [{"name": "Ugo Admin"}])
    assert queue_ids(await so.data(QUEUE)) == []
    payload = await refused(so, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("FORBIDDEN", "You may see this request but not decide it.", "requestId")]

    await approved(ugo, asked["id"])

    assert [(r["role"], r["userGroup"]["name"], r["grantedBy"]["name"]) for r in await roles_of(emma)] == [
        ("END_USER", "Claims Team", "Ugo Admin")
    ]


# --- R14 -----------------------------------------------------------------------------------------------------


async def test_r14_an_official_may_not_also_be_a_uga_of_the_same_organization(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    bob = await people.make("Bob Backup")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])

    # the SO asking to create a group in their organization
    payload = await refused(so, session_factory, REQUEST_GROUP, {"org": xyz, "name": "Billing Team"})
    assert payload == {
        "request": None,
        "errors": [
            error(
                "ROLE_CONFLICT",
                "You are security official in this organization; the same person cannot also be user group "
                "administrator there (two people are needed).",
            )
        ],
    }
    # a UGA asking to be a BSO
    payload = await refused(ugo, session_factory, REQUEST_BSO, {"org": xyz})
    assert payload["errors"] == [
        error(
            "ROLE_CONFLICT",
            "You are user group administrator in this organization; the same person cannot also be backup "
            "security official there (two people are needed).",
        )
    ]
    # a BSO asking to administer a group
    payload = await refused(bob, session_factory, REQUEST_GROUP_ADMINISTRATION, {"group": group})
    assert payload["errors"] == [
        error(
            "ROLE_CONFLICT",
            "You are backup security official in this organization; the same person cannot also be user group "
            "administrator there (two people are needed).",
        )
    ]
    # the SO asking to serve their own organization as a surrogate company's UGA
    payload = await refused(
        so,
        session_factory,
        REQUEST_SURROGATE_GROUPS,
        {"input": {"company": {"name": "Sally's Billing", "tin": "98-7654321"}, "organizationIds": [xyz]}},
    )
    assert payload == {
        "requests": [],
        "errors": [
            error(
                "ROLE_CONFLICT",
                "You are security official in this organization; the same person cannot also be user group "
                "administrator there (two people are needed).",
                "organizationIds",
                "0",
            )
        ],
    }


async def test_r14_approving_the_second_of_two_conflicting_pending_requests_gets_role_conflict(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    pete = await people.make("Pete Both")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    # neither request conflicts with a role held at submission
    group_request = await submitted(pete, REQUEST_GROUP, {"org": xyz, "name": "Claims Team"})
    bso_request = await submitted(pete, REQUEST_BSO, {"org": xyz})
    await approved(so, bso_request["id"])

    payload = await refused(so, session_factory, APPROVE, {"id": group_request["id"]})

    assert [e["code"] for e in payload["errors"]] == ["ROLE_CONFLICT"]
    assert [r["role"] for r in await roles_of(pete)] == ["BACKUP_SECURITY_OFFICIAL"]


# --- R15 -----------------------------------------------------------------------------------------------------


async def test_r15_nobody_decides_their_own_request_not_even_the_help_desk(
    people: People, session_factory: Factory
) -> None:
    helen = await people.make("Helen Desk", help_desk=True)
    hank = await people.make("Hank Desk", help_desk=True)
    own = await register_organization(helen, 1, "Helen's Clinic")
    assert (own["approvers"], own["canDecide"]) == ([{"name": "Hank Desk"}], False)
    assert queue_ids(await helen.data(QUEUE)) == []
    assert queue_ids(await hank.data(QUEUE)) == [own["id"]]
    self_decision = error("SELF_DECISION_FORBIDDEN", "Nobody decides their own request.", "requestId")

    assert await refused(helen, session_factory, APPROVE, {"id": own["id"]}) == {
        "request": None,
        "errors": [self_decision],
    }
    assert (await refused(helen, session_factory, DENY, {"id": own["id"], "reason": "Changed my mind"}))["errors"] == [
        self_decision
    ]

    assert (await approved(hank, own["id"]))["decidedBy"] == {"name": "Hank Desk"}


# --- R16 -----------------------------------------------------------------------------------------------------


async def test_r16_a_company_uga_asks_for_a_surrogate_group_and_the_organization_officials_approve(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    ugo = await people.make("Ugo Admin")
    abe = await people.make("Abe Billing")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    await approved_group(ugo, so, xyz, "Claims Team")

    payload = await request_surrogate_groups(abe, [xyz], new_company="ABC Billing")
    assert payload["errors"] == []
    (asked,) = payload["requests"]
    assert (asked["kind"], asked["status"], asked["company"]["name"], asked["organization"]["id"]) == (
        "CREATE_SURROGATE_USER_GROUP",
        "PENDING",
        "ABC Billing",
        xyz,
    )
    assert asked["approvers"] == [{"name": "Bob Backup"}, {"name": "Sally Official"}]
    # a UGA of one of the organization's groups is no official of it
    payload = await refused(ugo, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("NOT_FOUND", "No request with this id.", "requestId")]

    decided = await approved(so, asked["id"])

    assert (decided["userGroup"]["name"], decided["userGroup"]["kind"]) == ("ABC Billing for Provider XYZ", "SURROGATE")
    groups = (await organization_node(so, xyz))["userGroups"]
    assert [(g["name"], g["kind"], g["company"], g["administrators"]) for g in groups] == [
        ("ABC Billing for Provider XYZ", "SURROGATE", {"name": "ABC Billing"}, [{"name": "Abe Billing"}]),
        ("Claims Team", "PROVIDER", None, [{"name": "Ugo Admin"}]),
    ]


# --- R17 -----------------------------------------------------------------------------------------------------


async def test_r17_r35_the_founder_is_the_first_company_uga_once_approved_approves_staff_and_serves_more(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    otto = await people.make("Otto Official")
    abe = await people.make("Abe Billing")
    stan = await people.make("Stan Staff")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    lakeview = await approved_organization(otto, help_desk, 2, "Lakeview Clinic")

    (first,) = (await request_surrogate_groups(abe, [xyz], new_company="ABC Billing"))["requests"]
    company = first["company"]["id"]
    # R35: the founder holds nothing until an organization approves the company's first surrogate group ...
    assert await roles_of(abe) == []
    assert (await abe.data(COMPANIES))["surrogateCompanies"] == []
    await approved(so, first["id"])
    # ... and then is the company's first UGA, beside the surrogate group's UGA
    assert sorted(
        (r["role"], r["company"]["name"], r["userGroup"]["name"] if r["userGroup"] else "", r["grantedBy"]["name"])
        for r in await roles_of(abe)
    ) == [
        ("USER_GROUP_ADMINISTRATOR", "ABC Billing", "", "Sally Official"),
        ("USER_GROUP_ADMINISTRATOR", "ABC Billing", "ABC Billing for Provider XYZ", "Sally Official"),
    ]
    assert [(c["name"], c["tinLast4"]) for c in (await abe.data(COMPANIES))["surrogateCompanies"]] == [
        ("ABC Billing", "4321")
    ]

    # staff join through a company UGA
    joining = await submitted(stan, REQUEST_COMPANY_MEMBERSHIP, {"company": company})
    assert (joining["kind"], joining["approvers"]) == ("JOIN_SURROGATE_COMPANY", [{"name": "Abe Billing"}])
    await approved(abe, joining["id"])
    assert [(r["role"], r["company"]["name"], r["grantedBy"]["name"]) for r in await roles_of(stan)] == [
        ("END_USER", "ABC Billing", "Abe Billing")
    ]

    # a company UGA serves another organization without registering the company again
    more = await request_surrogate_groups(abe, [lakeview], company_id=company)
    assert more["errors"] == []
    assert [(r["company"]["id"], r["organization"]["id"], r["approvers"]) for r in more["requests"]] == [
        (company, lakeview, [{"name": "Otto Official"}])
    ]
    assert (await abe.data(COMPANIES))["surrogateCompanies"][0]["associations"]["totalCount"] == 2

    # staff are not the company's UGAs: they cannot act for it
    payload = await refused(
        stan,
        session_factory,
        REQUEST_SURROGATE_GROUPS,
        {"input": {"companyId": company, "organizationIds": [xyz]}},
    )
    assert payload == {
        "requests": [],
        "errors": [error("FORBIDDEN", "Only User Group Administrators of ABC Billing act for it.", "companyId")],
    }


# --- R18 -----------------------------------------------------------------------------------------------------


async def test_r18_one_surrogate_group_per_company_and_organization(people: People, session_factory: Factory) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    abe = await people.make("Abe Billing")
    dora = await people.make("Dora Billing")
    otto = await people.make("Otto Official")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    lakeview = await approved_organization(otto, help_desk, 2, "Lakeview Clinic")
    asked, served = (await request_surrogate_groups(abe, [xyz, lakeview], new_company="ABC Billing"))["requests"]
    await approved(otto, served["id"])  # R35: the founder acts for the company from its first approved group on
    again = {"input": {"companyId": asked["company"]["id"], "organizationIds": [xyz]}}
    exists = {
        "requests": [],
        "errors": [
            error(
                "SURROGATE_GROUP_EXISTS",
                "ABC Billing already serves, or has asked to serve, Provider XYZ.",
                "organizationIds",
                "0",
            )
        ],
    }

    # while the first request is pending ...
    assert await refused(abe, session_factory, REQUEST_SURROGATE_GROUPS, again) == exists
    # ... and once the group exists
    await approved(so, asked["id"])
    assert await refused(abe, session_factory, REQUEST_SURROGATE_GROUPS, again) == exists

    # another company may serve the same organization
    other = await request_surrogate_groups(dora, [xyz], new_company="DEF Billing", tin="12-3456789")
    assert (other["errors"], [r["company"]["name"] for r in other["requests"]]) == ([], ["DEF Billing"])


# --- R19 -----------------------------------------------------------------------------------------------------


async def test_r19_a_surrogate_may_serve_only_an_approved_organization_with_an_active_so(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    pat = await people.make("Pat Pending")
    abe = await people.make("Abe Billing")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    pending = (await register_organization(pat, 2, "Not Yet Hospital"))["organization"]["id"]

    payload = await refused(
        abe,
        session_factory,
        REQUEST_SURROGATE_GROUPS,
        {"input": {"company": {"name": "ABC Billing", "tin": "98-7654321"}, "organizationIds": [pending]}},
    )
    assert payload == {
        "requests": [],
        "errors": [
            error("ORGANIZATION_NOT_APPROVED", NOT_APPROVED.format("This organization"), "organizationIds", "0")
        ],
    }

    # approved, but its SO gave the role up: no one to approve, so no request
    given_up = (await so.data(REVOKE, {"id": await role_id(so, "SECURITY_OFFICIAL"), "reason": "Retiring"}))[
        "revokeRole"
    ]
    assert given_up["errors"] == []
    payload = await refused(
        abe,
        session_factory,
        REQUEST_SURROGATE_GROUPS,
        {"input": {"company": {"name": "ABC Billing", "tin": "98-7654321"}, "organizationIds": [xyz]}},
    )
    assert payload["errors"] == [
        error("ORGANIZATION_NOT_APPROVED", NOT_APPROVED.format("Provider XYZ"), "organizationIds", "0")
    ]


# --- R20 -----------------------------------------------------------------------------------------------------


async def test_r20_one_submission_names_many_organizations_and_errors_do_not_block_the_valid_ones(
    people: People,
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    otto = await people.make("Otto Official")
    pat = await people.make("Pat Pending")
    abe = await people.make("Abe Billing")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    lakeview = await approved_organization(otto, help_desk, 2, "Lakeview Clinic")
    pending = (await register_organization(pat, 3, "Not Yet Hospital"))["organization"]["id"]

    payload = await request_surrogate_groups(abe, [xyz, pending, "not-an-id", lakeview, xyz], new_company="ABC Billing")

    assert payload["errors"] == [
        error("ORGANIZATION_NOT_APPROVED", NOT_APPROVED.format("This organization"), "organizationIds", "1"),
        error("NOT_FOUND", "No organization with this id.", "organizationIds", "2"),
        error("INVALID_INPUT", "This organization is named twice.", "organizationIds", "4"),
    ]
    assert [(r["organization"]["id"], r["status"], r["approvers"]) for r in payload["requests"]] == [
        (xyz, "PENDING", [{"name": "Sally Official"}]),
        (lakeview, "PENDING", [{"name": "Otto Official"}]),
    ]
    xyz_request, lakeview_request = payload["requests"]
    assert len({xyz_request["trackingNumber"], lakeview_request["trackingNumber"]}) == 2

    # each is decided by its own organization, each has its own status, tracked together
    assert queue_ids(await so.data(QUEUE)) == [xyz_request["id"]]
    assert queue_ids(await otto.data(QUEUE)) == [lakeview_request["id"]]
    await approved(so, xyz_request["id"])
    denied = (await otto.data(DENY, {"id": lakeview_request["id"], "reason": "No contract with ABC"}))["denyRequest"]
    assert denied["errors"] == []
    associations = (await abe.data(COMPANIES))["surrogateCompanies"][0]["associations"]["edges"]
    assert [(a["node"]["organization"]["legalBusinessName"], a["node"]["status"]) for a in associations] == [
        ("Lakeview Clinic", "DENIED"),
        ("Provider XYZ", "APPROVED"),
    ]


# --- R21 -----------------------------------------------------------------------------------------------------


async def test_r21_an_individual_practitioner_decides_a_surrogate_request_personally(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    doris = await people.make("Doris Doctor")
    abe = await people.make("Abe Billing")
    practice = await approved_practitioner(doris, help_desk, 7)

    payload = await request_surrogate_groups(abe, [practice], new_company="ABC Billing")
    assert payload["errors"] == []
    (asked,) = payload["requests"]
    assert asked["approvers"] == [{"name": "Doris Doctor"}]
    assert queue_ids(await doris.data(QUEUE)) == [asked["id"]]
    # not the help desk: the practitioner personally
    payload = await refused(help_desk, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("FORBIDDEN", "You may see this request but not decide it.", "requestId")]

    decided = await approved(doris, asked["id"])

    assert (decided["decidedBy"], decided["userGroup"]["name"], decided["userGroup"]["kind"]) == (
        {"name": "Doris Doctor"},
        "ABC Billing for Doris Doctor",
        "SURROGATE",
    )


# --- R22 -----------------------------------------------------------------------------------------------------


async def test_r22_a_practitioner_registers_personally_and_the_practice_has_no_backup_and_no_groups(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    doris = await people.make("Doris Doctor")
    bob = await people.make("Bob Backup")
    copycat = await people.make("Carl Copy")

    asked = await submitted(doris, REQUEST_PRACTITIONER, practitioner_input(7))
    assert (asked["kind"], asked["organization"]["legalBusinessName"], asked["approvers"]) == (
        "REGISTER_INDIVIDUAL_PRACTITIONER",
        "Doris Doctor",
        [{"name": "Helen Desk"}],
    )
    await approved(help_desk, asked["id"])
    practice = asked["organization"]["id"]

    assert [(r["role"], r["organization"]["legalBusinessName"]) for r in await roles_of(doris)] == [
        ("INDIVIDUAL_PRACTITIONER", "Doris Doctor")
    ]
    org = await organization_node(doris, practice)
    assert (org["kind"], org["status"], org["securityOfficial"], org["backupSecurityOfficials"]) == (
        "INDIVIDUAL_PRACTITIONER",
        "APPROVED",
        None,
        [],
    )
    assert (org["userGroups"], org["atRisk"]) == ([], False)

    payload = await refused(bob, session_factory, REQUEST_BSO, {"org": practice})
    assert payload["errors"] == [
        error(
            "INVALID_INPUT",
            "An individual practitioner's practice has no Backup Security Officials.",
            "organizationId",
        )
    ]
    payload = await refused(bob, session_factory, REQUEST_GROUP, {"org": practice, "name": "Front Desk"})
    assert payload["errors"] == [
        error("INVALID_INPUT", "An individual practitioner's practice has no user groups.", "organizationId")
    ]
    payload = await refused(copycat, session_factory, REQUEST_PRACTITIONER, practitioner_input(7))
    assert payload["errors"] == [
        error("ORGANIZATION_EXISTS", "A practitioner with this NPI is already registered.", "npi")
    ]


# --- R23 -----------------------------------------------------------------------------------------------------


async def test_r23_a_uga_asks_for_the_group_then_an_end_user_for_themselves(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    emma = await people.make("Emma User")
    eve = await people.make("Eve Outsider")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")
    await approved(ugo, (await submitted(emma, REQUEST_MEMBERSHIP, {"group": group}))["id"])
    await add_application(session_factory, "PQRI", "PQRI feedback reports", is_open=True)
    variables = {"app": await application_id(emma, "PQRI"), "group": group}

    # an end user cannot ask before the group has the application
    payload = await refused(emma, session_factory, REQUEST_APPLICATION, variables)
    assert payload == {
        "request": None,
        "errors": [
            error(
                "FORBIDDEN",
                "Your group has no access to PQRI feedback reports yet; ask your User Group Administrator to "
                "request it.",
                "applicationId",
            )
        ],
    }
    # only the group's people ask through it (the group itself is visible to everyone signed in)
    payload = await refused(eve, session_factory, REQUEST_APPLICATION, variables)
    assert payload["errors"] == [
        error("FORBIDDEN", "Only members of the group can ask for its applications.", "userGroupId")
    ]

    # the UGA asks for the group; the SO/BSO decide
    for_group = await submitted(ugo, REQUEST_APPLICATION, variables)
    assert (for_group["kind"], for_group["userGroup"]["name"], for_group["approvers"]) == (
        "APPLICATION_ACCESS",
        "Claims Team",
        [{"name": "Sally Official"}],
    )
    assert (await request_node(ugo, for_group["id"]))["application"] == {"code": "PQRI"}
    await approved(so, for_group["id"])
    roles = (await ugo.data(MY_ROLES_WITH_REQUESTS))["viewer"]["roles"]
    assert sorted((r["role"], r["application"]["code"] if r["application"] else "") for r in roles) == [
        ("USER_GROUP_ADMINISTRATOR", ""),
        ("USER_GROUP_ADMINISTRATOR", "PQRI"),
    ]

    # now the end user asks for themselves; a UGA of the group decides, not the SO
    for_self = await submitted(emma, REQUEST_APPLICATION, variables)
    assert (for_self["kind"], for_self["approvers"]) == ("APPLICATION_ACCESS", [{"name": "Ugo Admin"}])
    payload = await refused(so, session_factory, APPROVE, {"id": for_self["id"]})
    assert payload["errors"] == [error("FORBIDDEN", "You may see this request but not decide it.", "requestId")]
    await approved(ugo, for_self["id"])
    roles = (await emma.data(MY_ROLES_WITH_REQUESTS))["viewer"]["roles"]
    assert sorted(
        (r["role"], r["application"]["code"] if r["application"] else "", r["grantedBy"]["name"]) for r in roles
    ) == [("END_USER", "", "Ugo Admin"), ("END_USER", "PQRI", "Ugo Admin")]


# --- R24 -----------------------------------------------------------------------------------------------------


async def test_r24_approvers_and_queues_follow_the_roles_active_at_the_moment(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    betty = await people.make("Betty Backup")
    ugo = await people.make("Ugo Admin")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    sally_so = await role_id(so, "SECURITY_OFFICIAL")
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    asked = await submitted(ugo, REQUEST_GROUP, {"org": xyz, "name": "Claims Team"})
    assert asked["approvers"] == [{"name": "Bob Backup"}, {"name": "Sally Official"}]

    # a backup approved after the submission may decide it too: nothing was stored at submission
    await approved(so, (await submitted(betty, REQUEST_BSO, {"org": xyz}))["id"])
    assert (await request_node(ugo, asked["id"]))["approvers"] == [
        {"name": "Betty Backup"},
        {"name": "Bob Backup"},
        {"name": "Sally Official"},
    ]
    assert queue_ids(await betty.data(QUEUE)) == [asked["id"]]
    assert queue_ids(await so.data(QUEUE)) == [asked["id"]]

    # the SO's role is revoked: at once she is no approver and her queue is empty
    revoked = (await help_desk.data(REVOKE, {"id": sally_so, "reason": "Left the organization"}))["revokeRole"]
    assert revoked == {
        "roleAssignment": {"id": sally_so, "role": "SECURITY_OFFICIAL", "status": "REVOKED"},
        "errors": [],
    }
    assert (await request_node(ugo, asked["id"]))["approvers"] == [{"name": "Betty Backup"}, {"name": "Bob Backup"}]
    assert (await so.data(QUEUE))["approvalQueue"]["totalCount"] == 0
    payload = await refused(so, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("NOT_FOUND", "No request with this id.", "requestId")]
    assert [(e["node"]["id"], e["node"]["canDecide"]) for e in (await bob.data(QUEUE))["approvalQueue"]["edges"]] == [
        (asked["id"], True)
    ]


# --- R25 -----------------------------------------------------------------------------------------------------


async def test_r25_approval_grants_the_role_in_the_same_call_and_a_second_decision_gets_already_decided(
    people: People, session_factory: Factory
) -> None:
    helen = await people.make("Helen Desk", help_desk=True)
    hank = await people.make("Hank Desk", help_desk=True)
    so = await people.make("Sally Official")
    registration = await register_organization(so, 1, "Provider XYZ")
    before = counts(await snapshot(session_factory))

    payload = (await helen.data(APPROVE_SHOWING_GRANT, {"id": registration["id"]}))["approveRequest"]

    assert payload["errors"] == []
    assert payload["request"]["status"] == "APPROVED"
    # the answer to the approval already shows the role, granted on the strength of this request
    assert payload["request"]["requester"]["roles"] == [
        {
            "role": "SECURITY_OFFICIAL",
            "status": "ACTIVE",
            "organization": {"id": registration["organization"]["id"]},
            "request": {"trackingNumber": registration["trackingNumber"]},
        }
    ]
    after = counts(await snapshot(session_factory))
    # one role, two audit events (decision, grant), one mail to the requester; no new request
    assert {table: after[table] - before[table] for table in after} == {
        "access_requests": 0,
        "role_assignments": 1,
        "user_groups": 0,
        "organizations": 0,
        "surrogate_companies": 0,
        "audit_events": 2,
        "mail_outbox": 1,
    }

    # the request is decided once: any further decision, by anyone, is refused
    already = {
        "request": None,
        "errors": [error("ALREADY_DECIDED", "This request is already approved.", "requestId")],
    }
    assert await refused(hank, session_factory, APPROVE, {"id": registration["id"]}) == already
    assert await refused(hank, session_factory, DENY, {"id": registration["id"], "reason": "Too late"}) == already
    assert await refused(helen, session_factory, APPROVE, {"id": registration["id"]}) == already
    assert [r["role"] for r in await roles_of(so)] == ["SECURITY_OFFICIAL"]


# --- R26 -----------------------------------------------------------------------------------------------------


async def test_r26_a_denial_needs_a_reason_and_the_requester_sees_it_and_who_decided(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    otto = await people.make("Otto Official")
    registration = await register_organization(so, 1, "Provider XYZ")
    other = await register_organization(otto, 2, "Lakeview Clinic")
    reason_required = {
        "request": None,
        "errors": [error("REASON_REQUIRED", "Say why the request is denied; the requester will see it.", "reason")],
    }

    assert await refused(help_desk, session_factory, DENY, {"id": registration["id"]}) == reason_required
    assert await refused(help_desk, session_factory, DENY, {"id": registration["id"], "reason": "  "}) == (
        reason_required
    )
    assert (await request_node(so, registration["id"]))["status"] == "PENDING"

    denied = await help_desk.data(DENY, {"id": registration["id"], "reason": "The NPI belongs to another practice."})
    assert denied["denyRequest"]["errors"] == []
    await approved(help_desk, other["id"], "Verified by phone.")  # an approval may carry a reason

    seen = await request_node(so, registration["id"])
    assert (seen["status"], seen["reason"], seen["decidedBy"]) == (
        "DENIED",
        "The NPI belongs to another practice.",
        {"name": "Helen Desk"},
    )
    seen = await request_node(otto, other["id"])
    assert (seen["status"], seen["reason"], seen["decidedBy"]) == (
        "APPROVED",
        "Verified by phone.",
        {"name": "Helen Desk"},
    )


# --- R27 (cancel only; expiry and reminders come with a later issue) -----------------------------------------


async def test_r27_the_requester_cancels_a_pending_request_but_not_a_decided_one(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    eve = await people.make("Eve Outsider")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    asked = await submitted(bob, REQUEST_BSO, {"org": xyz})

    # only the requester cancels
    payload = await refused(so, session_factory, CANCEL, {"id": asked["id"]})
    assert payload == {
        "request": None,
        "errors": [error("FORBIDDEN", "Only the requester can cancel a request.", "requestId")],
    }
    payload = await refused(eve, session_factory, CANCEL, {"id": asked["id"]})
    assert payload["errors"] == [error("NOT_FOUND", "No request with this id.", "requestId")]

    cancelled = (await bob.data(CANCEL, {"id": asked["id"]}))["cancelRequest"]

    assert cancelled["errors"] == []
    assert (cancelled["request"]["status"], cancelled["request"]["approvers"]) == ("CANCELLED", [])
    assert queue_ids(await so.data(QUEUE)) == []
    payload = await refused(bob, session_factory, CANCEL, {"id": asked["id"]})
    assert payload["errors"] == [error("ALREADY_DECIDED", "This request is already cancelled.", "requestId")]
    payload = await refused(so, session_factory, APPROVE, {"id": asked["id"]})
    assert payload["errors"] == [error("ALREADY_DECIDED", "This request is already cancelled.", "requestId")]

    # asked again and approved: too late to cancel
    again = await submitted(bob, REQUEST_BSO, {"org": xyz})
    await approved(so, again["id"])
    payload = await refused(bob, session_factory, CANCEL, {"id": again["id"]})
    assert payload == {
        "request": None,
        "errors": [error("ALREADY_DECIDED", "This request is already approved.", "requestId")],
    }
    assert [r["role"] for r in await roles_of(bob)] == ["BACKUP_SECURITY_OFFICIAL"]


# --- R28 -----------------------------------------------------------------------------------------------------


async def test_r28_a_duplicate_pending_request_and_a_role_already_held_are_refused(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    bob = await people.make("Bob Backup")
    emma = await people.make("Emma User")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")
    duplicate = {
        "request": None,
        "errors": [
            error(
                "DUPLICATE_REQUEST", "You already have a pending request for this; wait for its decision or cancel it."
            )
        ],
    }

    # a second pending request for the same role in the same scope
    bso_request = await submitted(bob, REQUEST_BSO, {"org": xyz})
    assert await refused(bob, session_factory, REQUEST_BSO, {"org": xyz}) == duplicate
    join_request = await submitted(emma, REQUEST_MEMBERSHIP, {"group": group})
    assert await refused(emma, session_factory, REQUEST_MEMBERSHIP, {"group": group}) == duplicate

    # a role already held
    await approved(so, bso_request["id"])
    await approved(ugo, join_request["id"])

    def holds(message: str) -> dict[str, Any]:
        return {"request": None, "errors": [error("ALREADY_HOLDS_ROLE", message)]}

    official = holds("You are already an official of this organization.")
    assert await refused(bob, session_factory, REQUEST_BSO, {"org": xyz}) == official
    assert await refused(so, session_factory, REQUEST_BSO, {"org": xyz}) == official
    assert await refused(ugo, session_factory, REQUEST_GROUP_ADMINISTRATION, {"group": group}) == holds(
        "You already administer this group."
    )
    in_group = holds("You are already in this group.")
    assert await refused(emma, session_factory, REQUEST_MEMBERSHIP, {"group": group}) == in_group
    assert await refused(ugo, session_factory, REQUEST_MEMBERSHIP, {"group": group}) == in_group


# --- R29 -----------------------------------------------------------------------------------------------------


async def test_r29_an_approver_revokes_with_a_reason_or_the_holder_gives_the_role_up(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    ugo = await people.make("Ugo Admin")
    uma = await people.make("Uma Admin")
    emma = await people.make("Emma User")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")
    await approved(so, (await submitted(uma, REQUEST_GROUP_ADMINISTRATION, {"group": group}))["id"])
    await approved(so, (await submitted(bob, REQUEST_BSO, {"org": xyz}))["id"])
    await approved(ugo, (await submitted(emma, REQUEST_MEMBERSHIP, {"group": group}))["id"])
    membership = await role_id(emma, "END_USER")

    # a reason is required
    payload = await refused(ugo, session_factory, REVOKE, {"id": membership, "reason": " "})
    assert payload == {"roleAssignment": None, "errors": [error("INVALID_INPUT", "Reason is required.", "reason")]}

    # the UGA, who approves end users, revokes one; the holder is told by mail
    before = counts(await snapshot(session_factory))
    revoked = (await ugo.data(REVOKE, {"id": membership, "reason": "Left the practice"}))["revokeRole"]
    assert revoked == {"roleAssignment": {"id": membership, "role": "END_USER", "status": "REVOKED"}, "errors": []}
    after = counts(await snapshot(session_factory))
    assert (after["audit_events"] - before["audit_events"], after["mail_outbox"] - before["mail_outbox"]) == (1, 1)
    assert await roles_of(emma) == []
    payload = await refused(ugo, session_factory, REVOKE, {"id": membership, "reason": "Twice"})
    assert payload["errors"] == [error("ALREADY_DECIDED", "This role has already ended.", "roleAssignmentId")]

    # the SO or a BSO, who approve UGAs, revoke them; once the last is gone the group is orphaned
    revoked = (await bob.data(REVOKE, {"id": await role_id(uma, "USER_GROUP_ADMINISTRATOR"), "reason": "Left"}))[
        "revokeRole"
    ]
    assert revoked["errors"] == []
    (listed,) = (await organization_node(so, xyz))["userGroups"]
    assert (listed["administrators"], listed["orphaned"]) == ([{"name": "Ugo Admin"}], False)
    revoked = (await so.data(REVOKE, {"id": await role_id(ugo, "USER_GROUP_ADMINISTRATOR"), "reason": "Left"}))[
        "revokeRole"
    ]
    assert revoked["errors"] == []
    (listed,) = (await organization_node(so, xyz))["userGroups"]
    assert (listed["name"], listed["administrators"], listed["orphaned"]) == ("Claims Team", [], True)

    # the only BSO gives the role up (no mail to oneself): the organization is at risk
    assert (await organization_node(so, xyz))["atRisk"] is False
    backup = await role_id(bob, "BACKUP_SECURITY_OFFICIAL")
    before = counts(await snapshot(session_factory))
    given_up = (await bob.data(REVOKE, {"id": backup, "reason": "Changing jobs"}))["revokeRole"]
    assert given_up == {
        "roleAssignment": {"id": backup, "role": "BACKUP_SECURITY_OFFICIAL", "status": "REVOKED"},
        "errors": [],
    }
    after = counts(await snapshot(session_factory))
    assert (after["audit_events"] - before["audit_events"], after["mail_outbox"] - before["mail_outbox"]) == (1, 0)
    assert await roles_of(bob) == []
    org = await organization_node(so, xyz)
    assert (org["backupSecurityOfficials"], org["atRisk"]) == ([], True)


async def test_r29_a_uga_holding_the_groups_application_access_is_one_administrator_and_can_still_orphan_it(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")
    await add_application(session_factory, "PQRI", "PQRI feedback reports", is_open=True)
    pqri = await application_id(ugo, "PQRI")
    await approved(so, (await submitted(ugo, REQUEST_APPLICATION, {"app": pqri, "group": group}))["id"])
    (listed,) = (await organization_node(so, xyz))["userGroups"]
    assert (listed["administrators"], listed["orphaned"]) == ([{"name": "Ugo Admin"}], False)

    roles = (await ugo.data(MY_ROLES_WITH_REQUESTS))["viewer"]["roles"]
    (administration,) = [r["id"] for r in roles if r["application"] is None]
    revoked = (await so.data(REVOKE, {"id": administration, "reason": "Left"}))["revokeRole"]
    assert revoked["errors"] == []

    # the group has no UGA left (the application access gives no authority over it): orphaned
    (listed,) = (await organization_node(so, xyz))["userGroups"]
    assert (listed["administrators"], listed["orphaned"]) == ([], True)


async def test_r29_anyone_else_is_refused(people: People, session_factory: Factory) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    bob = await people.make("Bob Backup")
    betty = await people.make("Betty Backup")
    ugo = await people.make("Ugo Admin")
    emma = await people.make("Emma User")
    ethan = await people.make("Ethan User")
    xyz = await approved_organization(so, help_desk, 1, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")
    for backup in (bob, betty):
        await approved(so, (await submitted(backup, REQUEST_BSO, {"org": xyz}))["id"])
    for member in (emma, ethan):
        await approved(ugo, (await submitted(member, REQUEST_MEMBERSHIP, {"group": group}))["id"])
    not_found = {
        "roleAssignment": None,
        "errors": [error("NOT_FOUND", "No role assignment with this id.", "roleAssignmentId")],
    }
    cases = [
        (ethan, await role_id(emma, "END_USER")),  # a fellow end user
        (emma, await role_id(ugo, "USER_GROUP_ADMINISTRATOR")),  # an end user and their UGA
        (ugo, await role_id(bob, "BACKUP_SECURITY_OFFICIAL")),  # a UGA and a backup
        (so, await role_id(help_desk, "HELP_DESK")),
    ]
    for actor, target in cases:
        assert await refused(actor, session_factory, REVOKE, {"id": target, "reason": "Because"}) == not_found

    # officials see their organization's roles, so they are told plainly that they may not end these
    forbidden = {
        "roleAssignment": None,
        "errors": [
            error("FORBIDDEN", "Only someone who may approve this role, or its holder, may end it.", "roleAssignmentId")
        ],
    }
    for actor, target in [
        (betty, await role_id(bob, "BACKUP_SECURITY_OFFICIAL")),  # a backup does not approve backups
        (bob, await role_id(so, "SECURITY_OFFICIAL")),  # only the help desk approves the SO
    ]:
        assert await refused(actor, session_factory, REVOKE, {"id": target, "reason": "Because"}) == forbidden
