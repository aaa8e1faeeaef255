"""The article's own story, through the API, as the people in it would live it (R6-R20)."""

from __future__ import annotations

from typing import Any

from tests.api.operations import (
    COMPANIES,
    MY_ROLES,
    QUEUE,
    REQUEST_BSO,
    REQUEST_GROUP,
    REQUEST_MEMBERSHIP,
    REQUEST_SURROGATE_GROUPS,
    approve,
    register_organization,
)
from tests.api.people import People


def _queue_ids(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in data["approvalQueue"]["edges"]]


async def test_the_article_story(people: People) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    uga = await people.make("Ugo Admin")
    end_user = await people.make("Emma User")
    bso = await people.make("Bob Backup")
    abc = await people.make("Abe Billing")
    other_so = await people.make("Otto Official")
    pending_so = await people.make("Pat Pending")

    # SO registers Provider Organization XYZ; it waits for the help desk (R6, R7)
    registration = await register_organization(so, 1, "Provider Organization XYZ")
    assert registration["status"] == "PENDING"
    assert registration["organization"]["status"] == "PENDING"
    assert registration["approvers"] == [{"name": "Helen Desk"}]
    assert _queue_ids(await help_desk.data(QUEUE)) == [registration["id"]]
    assert _queue_ids(await so.data(QUEUE)) == []

    # help desk approves: the organization is approved and Sally is its SO
    approved = await approve(help_desk, registration["id"])
    assert approved["errors"] == []
    assert approved["request"]["status"] == "APPROVED"
    assert approved["request"]["organization"]["status"] == "APPROVED"
    assert approved["request"]["decidedBy"] == {"name": "Helen Desk"}
    xyz = registration["organization"]["id"]
    roles = (await so.data(MY_ROLES))["viewer"]["roles"]
    assert [(r["role"], r["organization"]["legalBusinessName"], r["grantedBy"]["name"]) for r in roles] == [
        ("SECURITY_OFFICIAL", "Provider Organization XYZ", "Helen Desk")
    ]

    # a UGA creates a group, the SO approves (R12)
    group_request = (await uga.data(REQUEST_GROUP, {"org": xyz, "name": "Claims Team"}))["requestUserGroup"]
    assert group_request["errors"] == []
    assert group_request["request"]["approvers"] == [{"name": "Sally Official"}]
    group_decision = await approve(so, group_request["request"]["id"])
    assert group_decision["errors"] == []
    group = group_decision["request"]["userGroup"]
    assert (group["name"], group["kind"]) == ("Claims Team", "PROVIDER")

    # an end user joins, the UGA approves (R13)
    join = (await end_user.data(REQUEST_MEMBERSHIP, {"group": group["id"]}))["requestUserGroupMembership"]
    assert join["request"]["approvers"] == [{"name": "Ugo Admin"}]
    assert (await approve(uga, join["request"]["id"]))["errors"] == []
    roles = (await end_user.data(MY_ROLES))["viewer"]["roles"]
    assert [(r["role"], r["userGroup"]["name"], r["grantedBy"]["name"]) for r in roles] == [
        ("END_USER", "Claims Team", "Ugo Admin")
    ]

    # a BSO joins, the SO approves (R9)
    bso_request = (await bso.data(REQUEST_BSO, {"org": xyz}))["requestBackupSecurityOfficial"]
    assert bso_request["request"]["approvers"] == [{"name": "Sally Official"}]
    assert (await approve(so, bso_request["request"]["id"]))["errors"] == []

    # two other organizations: one approved (its own SO), one still pending
    other = await register_organization(other_so, 2, "Lakeview Clinic")
    assert (await approve(help_desk, other["id"]))["errors"] == []
    pending = await register_organization(pending_so, 3, "Not Yet Approved Hospital")

    # Surrogate Billing Company ABC asks to serve all three (R16, R19, R20)
    ask = (
        await abc.data(
            REQUEST_SURROGATE_GROUPS,
            {
                "input": {
                    "company": {"name": "Surrogate Billing Company ABC", "tin": "11-1111111"},
                    "organizationIds": [xyz, other["organization"]["id"], pending["organization"]["id"]],
                }
            },
        )
    )["requestSurrogateUserGroups"]
    assert [e["code"] for e in ask["errors"]] == ["ORGANIZATION_NOT_APPROVED"]
    assert ask["errors"][0]["field"] == ["organizationIds", "2"]
    assert [(r["organization"]["legalBusinessName"], r["status"]) for r in ask["requests"]] == [
        ("Provider Organization XYZ", "PENDING"),
        ("Lakeview Clinic", "PENDING"),
    ]
    xyz_request, lakeview_request = ask["requests"]
    assert xyz_request["approvers"] == [{"name": "Bob Backup"}, {"name": "Sally Official"}]
    assert lakeview_request["approvers"] == [{"name": "Otto Official"}]

    # each is decided by its own organization's officials: the BSO approves XYZ, Lakeview's SO denies
    assert _queue_ids(await so.data(QUEUE)) == [xyz_request["id"]]
    assert _queue_ids(await other_so.data(QUEUE)) == [lakeview_request["id"]]
    assert (await approve(bso, xyz_request["id"]))["errors"] == []
    denied = (
        await other_so.data(
            """mutation($id: ID!) { denyRequest(input: {requestId: $id, reason: "No contract with ABC"}) {
        request { status reason decidedBy { name } } errors { code } } }""",
            {"id": lakeview_request["id"]},
        )
    )["denyRequest"]
    assert denied == {
        "request": {"status": "DENIED", "reason": "No contract with ABC", "decidedBy": {"name": "Otto Official"}},
        "errors": [],
    }

    # ABC's dashboard shows each association with its status (R17)
    companies = (await abc.data(COMPANIES))["surrogateCompanies"]
    assert [(c["name"], c["tinLast4"]) for c in companies] == [("Surrogate Billing Company ABC", "1111")]
    associations = companies[0]["associations"]
    assert associations["totalCount"] == 2
    assert [
        (
            a["node"]["organization"]["legalBusinessName"],
            a["node"]["status"],
            a["node"]["userGroup"]["kind"] if a["node"]["userGroup"] else None,
        )
        for a in associations["edges"]
    ] == [("Lakeview Clinic", "DENIED", None), ("Provider Organization XYZ", "APPROVED", "SURROGATE")]
