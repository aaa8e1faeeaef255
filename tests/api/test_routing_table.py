"""R24: the routing table (routing.py, KIND_RELATIONS) is the single source of who decides a kind of request.

A row of the table is changed in a copy, for this test only: a request to join a user group goes to the
organization's officials instead of the group's administrators. Submission, `canDecide`, the approval queue,
`approvers` and the explanations (the rights a role gives, the grant chain) must all follow; a consumer that
restated the old route would fail here. A request submitted before the change keeps its route (the relation is
fixed at submission).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.demo import DEMO_PASSWORD, load_demo
from iacs.domain.accounts.models import User
from iacs.domain.enums import RequestKind, RequestStatus, Role, RoleStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.requests import routing
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import ApproverRelation
from iacs.domain.roles.models import RoleAssignment
from iacs.graphql.ids import from_global_id, to_global_id
from tests.api.operations import APPROVE, QUEUE, REQUEST_MEMBERSHIP, REQUEST_NODE
from tests.api.people import People
from tests.conftest import START
from tests.graphql_client import gql

RIGHTS = "{ viewer { decisionRights { relation kinds } } }"
CHAIN = """query($id: ID!) { node(id: $id) { ... on RoleAssignment { grantChain { reason
  roleAssignment { role user { name } } approverRole { role user { name } } } } } }"""


async def _client(people: People, key: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=people.app), base_url="http://127.0.0.1")
    people.clients.append(client)
    body = await gql(
        client,
        "mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) { errors { code } } }",
        {"l": f"{key}@demo.iacs.test", "p": DEMO_PASSWORD},
    )
    assert body["data"]["signIn"]["errors"] == []
    return client


async def _queue(client: httpx.AsyncClient) -> list[str]:
    body = await gql(client, QUEUE, {"first": 100})
    assert "errors" not in body, body
    return [edge["node"]["id"] for edge in body["data"]["approvalQueue"]["edges"]]


async def _decision(client: httpx.AsyncClient, request_id: str) -> tuple[bool, list[str]] | None:
    """canDecide and the approvers' names of a request, or None when the viewer may not see it."""
    body = await gql(client, REQUEST_NODE, {"id": request_id})
    assert "errors" not in body, body
    node = body["data"]["node"]
    return None if node is None else (node["canDecide"], [a["name"] for a in node["approvers"]])


async def _rights(client: httpx.AsyncClient) -> list[tuple[str, list[str]]]:
    body = await gql(client, RIGHTS)
    assert "errors" not in body, body
    return [(r["relation"], r["kinds"]) for r in body["data"]["viewer"]["decisionRights"]]


async def test_a_changed_row_of_the_routing_table_is_followed_everywhere(
    session_factory: async_sessionmaker[AsyncSession], people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with session_factory() as db:
        await load_demo(db, START)
        await db.commit()
        group = await db.scalar(select(UserGroup).where(UserGroup.name == "Patient Accounts"))
        assert group is not None
        # the demo's newcomer asked to join Patient Accounts before the change: its UGA decides (R13)
        waiting = await db.scalar(
            select(AccessRequest).where(
                AccessRequest.kind == RequestKind.JOIN_USER_GROUP,
                AccessRequest.user_group_id == group.id,
                AccessRequest.status == RequestStatus.PENDING,
            )
        )
        assert waiting is not None
        assert waiting.approver_relation == ApproverRelation.GROUP_ADMINISTRATORS
    waiting_id = to_global_id("AccessRequest", waiting.id)
    sam, bea, uma, desk = [await _client(people, key) for key in ("so", "bso", "uga", "helpdesk")]
    queues_before = {name: await _queue(client) for name, client in (("sam", sam), ("bea", bea), ("uma", uma))}
    assert waiting_id in queues_before["uma"]
    assert waiting_id not in queues_before["sam"]
    assert waiting_id not in queues_before["bea"]

    # The change, in a copy of the table: joining a group is decided by the organization's officials.
    table = dict(routing.KIND_RELATIONS)
    table[RequestKind.JOIN_USER_GROUP] = frozenset({ApproverRelation.ORGANIZATION_OFFICIALS})
    monkeypatch.setattr(routing, "KIND_RELATIONS", table)

    # Explanations: the rights a role gives follow the table before any request is made.
    assert await _rights(uma) == [("GROUP_ADMINISTRATORS", ["APPLICATION_ACCESS"])]
    assert await _rights(sam) == [
        ("ORGANIZATION_OFFICIALS", ["ADMINISTER_USER_GROUP", "APPLICATION_ACCESS", "CREATE_SURROGATE_USER_GROUP",
                                    "CREATE_USER_GROUP", "JOIN_USER_GROUP"]),
        ("ORGANIZATION_SECURITY_OFFICIAL", ["BACKUP_SECURITY_OFFICIAL"]),
    ]  # fmt: skip

    # Submission takes its route from the table.
    pat = await people.make("Pat Newcomer")
    asked = await pat.data(REQUEST_MEMBERSHIP, {"group": to_global_id("UserGroup", group.id)})
    payload = asked["requestUserGroupMembership"]
    assert payload["errors"] == []
    request_id = payload["request"]["id"]
    assert payload["request"]["approvers"] == [{"name": "Bea Backup (demo)"}, {"name": "Sam Official (demo)"}]
    async with session_factory() as db:
        parsed = from_global_id(request_id, "AccessRequest")
        assert parsed is not None
        stored = await db.get(AccessRequest, parsed[1])
        assert stored is not None
        assert stored.approver_relation == ApproverRelation.ORGANIZATION_OFFICIALS

    # canDecide and approvers, for each of the three, for the new request and the one made before the change.
    officials = ["Bea Backup (demo)", "Sam Official (demo)"]
    assert await _decision(sam, request_id) == (True, officials)
    assert await _decision(bea, request_id) == (True, officials)
    assert await _decision(uma, request_id) is None  # not routed to her: she does not even see it
    assert await _decision(uma, waiting_id) == (True, ["Uma Admin (demo)"])
    assert await _decision(sam, waiting_id) == (False, ["Uma Admin (demo)"])  # he sees his organization's requests

    # The approval queue: the new request is the officials' to decide, not the group administrator's.
    assert await _queue(sam) == [*queues_before["sam"], request_id]
    assert await _queue(bea) == [*queues_before["bea"], request_id]
    assert await _queue(uma) == queues_before["uma"]

    # Sam approves; the grant chain explains the new role by the route the table gave.
    approved = (await gql(sam, APPROVE, {"id": request_id, "reason": None}))["data"]["approveRequest"]
    assert approved["errors"] == []
    assert approved["request"]["status"] == "APPROVED"
    async with session_factory() as db:
        user = await db.scalar(select(User).where(User.email == pat.email))
        assert user is not None
        role = await db.scalar(
            select(RoleAssignment).where(RoleAssignment.user_id == user.id, RoleAssignment.status == RoleStatus.ACTIVE)
        )
        assert role is not None
        assert (role.role, role.user_group_id) == (Role.END_USER, group.id)
    body = await gql(desk, CHAIN, {"id": to_global_id("RoleAssignment", role.id)})
    chain: list[dict[str, Any]] = body["data"]["node"]["grantChain"]
    assert [(s["roleAssignment"]["role"], (s["approverRole"] or {}).get("role"), s["reason"]) for s in chain[:2]] == [
        ("END_USER", "SECURITY_OFFICIAL", "Approved by the organization's Security Official or a Backup."),
        ("SECURITY_OFFICIAL", "HELP_DESK", "Approved by the help desk."),
    ]
