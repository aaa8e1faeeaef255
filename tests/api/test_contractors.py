"""The contractor community (R2) on its successful path, through HTTP: a Medicare contractor (a MAC) and its
people go through the same rules as a provider (R6-R13), each step decided by whom the routing names, and a
person of the provider community stays out of it.

`test_rules.py` has R2's refusals for a contractor's person in a provider organization; this is the other
half: the contractor community works end to end.
"""

from __future__ import annotations

from typing import Any

from iacs.domain.enums import Community
from tests.api.operations import (
    APPROVE,
    MY_ROLES,
    ORGANIZATION_NODE,
    QUEUE,
    REGISTER_ORGANIZATION,
    REQUEST_BSO,
    REQUEST_GROUP,
    REQUEST_MEMBERSHIP,
    organization_input,
)
from tests.api.people import People, Person
from tests.api.test_rules import Factory, error, refused

CONTRACTOR_COMMUNITY = Community.FI_CARRIER_MAC


async def asked(person: Person, operation: str, variables: dict[str, Any]) -> dict[str, Any]:
    """A request that must be accepted; its payload's request."""
    (payload,) = (await person.data(operation, variables)).values()
    assert payload["errors"] == [], payload
    request: dict[str, Any] = payload["request"]
    return request


async def decided(approver: Person, request_id: str) -> dict[str, Any]:
    payload = (await approver.data(APPROVE, {"id": request_id, "reason": None}))["approveRequest"]
    assert payload["errors"] == [], payload
    request: dict[str, Any] = payload["request"]
    return request


async def queue_of(person: Person) -> list[tuple[str, str]]:
    edges = (await person.data(QUEUE, {"first": 50}))["approvalQueue"]["edges"]
    return [(e["node"]["kind"], e["node"]["requester"]["name"]) for e in edges]


async def roles_of(person: Person) -> list[tuple[str, str, str | None]]:
    roles = (await person.data(MY_ROLES))["viewer"]["roles"]
    return sorted(
        (r["role"], r["organization"]["legalBusinessName"], (r["userGroup"] or {}).get("name")) for r in roles
    )


async def test_r2_a_medicare_contractor_registers_and_its_people_get_their_roles(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    carla = await people.make("Carla Contractor", community=CONTRACTOR_COMMUNITY)
    ben = await people.make("Ben Backup", community=CONTRACTOR_COMMUNITY)
    gwen = await people.make("Gwen Reviewer", community=CONTRACTOR_COMMUNITY)
    ned = await people.make("Ned Nurse", community=CONTRACTOR_COMMUNITY)
    pat = await people.make("Pat Provider")  # of the provider / supplier community

    # R6, R7: the contractor's first person registers it and asks to be its SO; the help desk approves.
    registration = await asked(
        carla,
        REGISTER_ORGANIZATION,
        organization_input(7, "Great Lakes MAC", providerType="MAC", community="FI_CARRIER_MAC"),
    )
    assert (registration["kind"], registration["status"], registration["approvers"]) == (
        "REGISTER_ORGANIZATION",
        "PENDING",
        [{"name": "Helen Desk"}],
    )
    assert registration["organization"]["status"] == "PENDING"
    mac = registration["organization"]["id"]
    assert await queue_of(help_desk) == [("REGISTER_ORGANIZATION", "Carla Contractor")]
    approved = await decided(help_desk, registration["id"])
    assert (approved["status"], approved["decidedBy"], approved["organization"]["status"]) == (
        "APPROVED",
        {"name": "Helen Desk"},
        "APPROVED",
    )

    # R9: a colleague of the contractor community asks to be its backup; its SO approves.
    backup = await asked(ben, REQUEST_BSO, {"org": mac})
    assert (backup["kind"], backup["approvers"]) == ("BACKUP_SECURITY_OFFICIAL", [{"name": "Carla Contractor"}])
    assert await queue_of(carla) == [("BACKUP_SECURITY_OFFICIAL", "Ben Backup")]
    assert (await decided(carla, backup["id"]))["decidedBy"] == {"name": "Carla Contractor"}

    # R12: a user group for the contractor's review nurses; either official may approve, here the backup.
    group = await asked(gwen, REQUEST_GROUP, {"org": mac, "name": "Medical Review"})
    assert (group["kind"], group["proposedName"], sorted(a["name"] for a in group["approvers"])) == (
        "CREATE_USER_GROUP",
        "Medical Review",
        ["Ben Backup", "Carla Contractor"],
    )
    assert await queue_of(ben) == [("CREATE_USER_GROUP", "Gwen Reviewer")]
    group_approved = await decided(ben, group["id"])
    assert (group_approved["decidedBy"], group_approved["userGroup"]["name"], group_approved["userGroup"]["kind"]) == (
        {"name": "Ben Backup"},
        "Medical Review",
        "PROVIDER",
    )
    medical_review = group_approved["userGroup"]["id"]

    # R2: a person of the provider community cannot join it; nothing changes.
    payload = await refused(pat, session_factory, REQUEST_MEMBERSHIP, {"group": medical_review})
    assert payload == {
        "request": None,
        "errors": [
            error(
                "COMMUNITY_MISMATCH",
                "Great Lakes MAC belongs to the fiscal intermediary / carrier / MAC community, and you to the "
                "provider / supplier community: people act only in their own community.",
                "userGroupId",
            )
        ],
    }

    # R13: a nurse of the contractor joins the group; its administrator decides.
    membership = await asked(ned, REQUEST_MEMBERSHIP, {"group": medical_review})
    assert (membership["kind"], membership["approvers"]) == ("JOIN_USER_GROUP", [{"name": "Gwen Reviewer"}])
    assert await queue_of(gwen) == [("JOIN_USER_GROUP", "Ned Nurse")]
    assert (await decided(gwen, membership["id"]))["status"] == "APPROVED"

    # Every queue is empty again, and each person holds exactly the role asked for, in the contractor.
    for person in (help_desk, carla, ben, gwen):
        assert await queue_of(person) == [], person.name
    assert await roles_of(carla) == [("SECURITY_OFFICIAL", "Great Lakes MAC", None)]
    assert await roles_of(ben) == [("BACKUP_SECURITY_OFFICIAL", "Great Lakes MAC", None)]
    assert await roles_of(gwen) == [("USER_GROUP_ADMINISTRATOR", "Great Lakes MAC", "Medical Review")]
    assert await roles_of(ned) == [("END_USER", "Great Lakes MAC", "Medical Review")]
    assert await roles_of(pat) == []
    organization = (await carla.data(ORGANIZATION_NODE, {"id": mac}))["node"]
    assert {key: organization[key] for key in ("legalBusinessName", "kind", "status")} == {
        "legalBusinessName": "Great Lakes MAC",
        "kind": "CONTRACTOR",
        "status": "APPROVED",
    }
    assert (organization["securityOfficial"], organization["backupSecurityOfficials"]) == (
        {"name": "Carla Contractor"},
        [{"name": "Ben Backup"}],
    )
    assert [(g["name"], g["kind"], g["administrators"]) for g in organization["userGroups"]] == [
        ("Medical Review", "PROVIDER", [{"name": "Gwen Reviewer"}])
    ]
