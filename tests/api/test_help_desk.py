"""The help desk's tools (R4, R33), the requester's context for approvers, audit filters (R31)."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.audit.models import AuditEvent
from iacs.domain.clock import FrozenClock
from tests.api.operations import REQUEST_MEMBERSHIP, approved_group, approved_organization
from tests.api.people import PASSWORD, People
from tests.conftest import START
from tests.graphql_client import gql

LOOKUP = """query($q: String!) { helpDeskLookup(query: $q) {
  people { name email } organizations { legalBusinessName status } requests { trackingNumber kind } } }"""
UNLOCK = "mutation($id: ID!) { unlockAccount(input: {userId: $id}) { user { name } errors { code field } } }"
SIGN_IN = "mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) { errors { code } } }"
PERSON = "query($id: ID!) { node(id: $id) { ... on AccessRequest { requester { name roles { role } } } } }"


async def test_help_desk_lookup_finds_people_organizations_and_requests(people: People) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Quentin Quill")
    org = await approved_organization(so, desk, 41, "Quillfeather Clinic")
    found = (await desk.data(LOOKUP, {"q": "quill"}))["helpDeskLookup"]
    assert found["people"] == [{"name": "Quentin Quill", "email": so.email}]
    assert found["organizations"] == [{"legalBusinessName": "Quillfeather Clinic", "status": "APPROVED"}]
    assert [r["kind"] for r in found["requests"]] == ["REGISTER_ORGANIZATION"]
    tracking = found["requests"][0]["trackingNumber"]
    by_tracking = (await desk.data(LOOKUP, {"q": tracking.lower()}))["helpDeskLookup"]
    assert [r["trackingNumber"] for r in by_tracking["requests"]] == [tracking]
    assert org  # the organization id was returned
    # anyone else gets null, not the data
    assert (await so.data(LOOKUP, {"q": "quill"}))["helpDeskLookup"] is None


async def test_help_desk_unlocks_a_locked_account(
    people: People, client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    stranger = await people.make("Sid Stranger")
    locked = await people.make("Lou Locked")
    for _ in range(5):
        await gql(client, SIGN_IN, {"l": locked.email, "p": "wrong-password-123"})
    assert (await gql(client, SIGN_IN, {"l": locked.email, "p": PASSWORD}))["data"]["signIn"]["errors"] == [
        {"code": "ACCOUNT_LOCKED"}
    ]
    from iacs.graphql.ids import to_global_id

    user_id = to_global_id("User", locked.pk)
    async with session_factory() as db:
        events_before = await db.scalar(select(func.count()).select_from(AuditEvent))

    refused = (await stranger.data(UNLOCK, {"id": user_id}))["unlockAccount"]
    assert refused == {"user": None, "errors": [{"code": "NOT_FOUND", "field": ["userId"]}]}
    async with session_factory() as db:
        assert await db.scalar(select(func.count()).select_from(AuditEvent)) == events_before
    assert (await gql(client, SIGN_IN, {"l": locked.email, "p": PASSWORD}))["data"]["signIn"]["errors"] == [
        {"code": "ACCOUNT_LOCKED"}
    ]

    unlocked = (await desk.data(UNLOCK, {"id": user_id}))["unlockAccount"]
    assert unlocked == {"user": {"name": "Lou Locked"}, "errors": []}
    assert (await gql(client, SIGN_IN, {"l": locked.email, "p": PASSWORD}))["data"]["signIn"]["errors"] == []


LOCKS = "query($q: String!) { helpDeskLookup(query: $q) { people { name lockedUntil } } }"
REQUESTER_LOCK = "query($id: ID!) { node(id: $id) { ... on AccessRequest { requester { name lockedUntil } } } }"


async def test_the_help_desk_sees_who_is_locked_and_until_when(
    people: People, client: httpx.AsyncClient, clock: FrozenClock
) -> None:
    """R4, R33: User.lockedUntil: the end of a running lock, to the help desk only; null when not locked."""
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    uga = await people.make("Ulla Admin")
    locked = await people.make("Lark Locked")
    almost = await people.make("Lark Almost")  # four failures: not locked
    org = await approved_organization(so, desk, 45, "Larkspur Clinic")
    group = await approved_group(uga, so, org, "Front Office")
    request = (await locked.data(REQUEST_MEMBERSHIP, {"group": group}))["requestUserGroupMembership"]["request"]
    for person, failures in ((locked, 5), (almost, 4)):
        for _ in range(failures):
            await gql(client, SIGN_IN, {"l": person.email, "p": "wrong-password-123"})
    ends = (START + timedelta(minutes=15)).isoformat()

    found = (await desk.data(LOCKS, {"q": "lark"}))["helpDeskLookup"]["people"]
    assert sorted((p["name"], p["lockedUntil"]) for p in found) == [("Lark Almost", None), ("Lark Locked", ends)]
    # anyone else who meets the person sees no lock: the UGA deciding the person's request
    seen_by_uga = (await uga.data(REQUESTER_LOCK, {"id": request["id"]}))["node"]
    assert seen_by_uga == {"requester": {"name": "Lark Locked", "lockedUntil": None}}
    seen_by_desk = (await desk.data(REQUESTER_LOCK, {"id": request["id"]}))["node"]
    assert seen_by_desk == {"requester": {"name": "Lark Locked", "lockedUntil": ends}}

    # a lock that has run out is no lock
    clock.advance(timedelta(minutes=15))
    found = (await desk.data(LOCKS, {"q": "lark"}))["helpDeskLookup"]["people"]
    assert sorted((p["name"], p["lockedUntil"]) for p in found) == [("Lark Almost", None), ("Lark Locked", None)]


async def test_approver_sees_the_requesters_other_roles_and_a_stranger_does_not(people: People) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    uga = await people.make("Ulla Admin")
    joiner = await people.make("Jo Joiner")
    other_so = await people.make("Olaf Other")
    org = await approved_organization(so, desk, 42, "Context Hospital")
    group = await approved_group(uga, so, org, "Billing")
    other_org = await approved_organization(joiner, desk, 43, "Joiner's Own Practice")
    assert other_org
    request = (await joiner.data(REQUEST_MEMBERSHIP, {"group": group}))["requestUserGroupMembership"]["request"]

    seen_by_uga = (await uga.data(PERSON, {"id": request["id"]}))["node"]
    assert seen_by_uga == {"requester": {"name": "Jo Joiner", "roles": [{"role": "SECURITY_OFFICIAL"}]}}
    # the SO of the organization may see the request (R31 scope) but decides nothing here: no context
    seen_by_so = (await so.data(PERSON, {"id": request["id"]}))["node"]
    assert seen_by_so == {"requester": {"name": "Jo Joiner", "roles": []}}
    assert (await other_so.data(PERSON, {"id": request["id"]}))["node"] is None


async def test_audit_events_filters_narrow_the_scope(people: People) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    await approved_organization(so, desk, 44, "Audit Clinic")
    query = """query($actions: [String!]) { auditEvents(first: 100, actions: $actions) {
      totalCount edges { node { action actor { name } } } } }"""
    mine = (await so.data(query, {"actions": ["REQUEST_APPROVED", "ROLE_GRANTED"]}))["auditEvents"]
    assert [(e["node"]["action"], e["node"]["actor"]["name"]) for e in mine["edges"]] == [
        ("ROLE_GRANTED", "Hal Desk"),
        ("REQUEST_APPROVED", "Hal Desk"),
    ]
    assert mine["totalCount"] == 2


async def test_company_search_and_can_revoke(people: People) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    bso = await people.make("Ben Backup")
    billing = await people.make("Bill Biller")
    stranger = await people.make("Sid Stranger")
    org = await approved_organization(so, desk, 45, "Revocable Clinic")
    ask = await billing.data(
        """mutation($org: ID!) { requestSurrogateUserGroups(input: {company: {name: "Zenith Billing",
        tin: "123456780"}, organizationIds: [$org]}) { errors { code } } }""",
        {"org": org},
    )
    assert ask["requestSurrogateUserGroups"]["errors"] == []
    found = (await stranger.data('{ companySearch(search: "zenith") { name tinLast4 } }'))["companySearch"]
    assert found == [{"name": "Zenith Billing", "tinLast4": "6780"}]
    assert (await stranger.data('{ companySearch(search: "z") { name } }'))["companySearch"] == []

    bso_request = await bso.data(
        "mutation($org: ID!) { requestBackupSecurityOfficial(input: {organizationId: $org}) { request { id } } }",
        {"org": org},
    )
    await so.data(
        "mutation($id: ID!) { approveRequest(input: {requestId: $id}) { errors { code } } }",
        {"id": bso_request["requestBackupSecurityOfficial"]["request"]["id"]},
    )
    officials = """query($id: ID!) { node(id: $id) { ... on Organization { officials { role canRevoke
      user { name } } } } }"""
    as_so = (await so.data(officials, {"id": org}))["node"]["officials"]
    assert [(o["role"], o["user"]["name"], o["canRevoke"]) for o in as_so] == [
        ("SECURITY_OFFICIAL", "Sue Official", True),  # giving up one's own role
        ("BACKUP_SECURITY_OFFICIAL", "Ben Backup", True),  # R29: the SO approved it, so may revoke it
    ]
    as_bso = (await bso.data(officials, {"id": org}))["node"]["officials"]
    assert [o["canRevoke"] for o in as_bso] == [False, True]
    as_desk = (await desk.data(officials, {"id": org}))["node"]["officials"]
    assert [o["canRevoke"] for o in as_desk] == [True, True]  # R34: the help desk may end any role


async def test_disabling_an_account_ends_its_sessions_at_once(people: People) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    leaver = await people.make("Lee Leaver")
    from iacs.graphql.ids import to_global_id

    assert (await leaver.data("{ viewer { name active } }"))["viewer"] == {"name": "Lee Leaver", "active": True}
    disable = """mutation($id: ID!, $r: String!) { disableAccount(input: {userId: $id, reason: $r}) {
      user { name active } errors { code field } } }"""
    refused = (await leaver.data(disable, {"id": to_global_id("User", desk.pk), "r": "no"}))["disableAccount"]
    assert refused == {"user": None, "errors": [{"code": "NOT_FOUND", "field": ["userId"]}]}
    done = await desk.data(disable, {"id": to_global_id("User", leaver.pk), "r": "Left the company"})
    assert done["disableAccount"] == {"user": {"name": "Lee Leaver", "active": False}, "errors": []}
    # the very next request of the old session is anonymous, and signing in again fails like a wrong password
    assert (await leaver.data("{ viewer { name } }"))["viewer"] is None
    again = await leaver.gql(SIGN_IN, {"l": leaver.email, "p": PASSWORD})
    assert again["data"]["signIn"]["errors"] == [{"code": "INVALID_CREDENTIALS"}]
