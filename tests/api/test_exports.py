"""Exports through HTTP (issue 15): each file holds exactly what its screen shows the same person, a stranger's
holds nothing, cookies and API tokens (R43) both work, and cells cannot run as spreadsheet formulas.

The world: Acme Clinic (approved; Sam its SO), its group "Billing Desk" (Uma its UGA); "=Eve Formula" asks to
join the group (pending with Uma); Bea founds "Zoë Billing Co" asking to serve Acme (pending with Sam).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.audit.service import AuditAction, record
from iacs.graphql.ids import from_global_id
from tests.api.operations import (
    APPROVE,
    QUEUE,
    REQUEST_MEMBERSHIP,
    approved_group,
    approved_organization,
    request_surrogate_groups,
)
from tests.api.people import People, Person
from tests.api.test_api_tokens import make_token, script
from tests.conftest import START

QUEUE_HEADER = [
    "trackingNumber",
    "kind",
    "status",
    "requester",
    "requesterEmail",
    "organization",
    "userGroup",
    "company",
    "application",
    "justification",
    "requestedEndsAt",
    "createdAt",
    "expiresAt",
]
AUDIT_HEADER = ["id", "occurredAt", "action", "actor", "subject", "organization", "trackingNumber", "details"]
ROLES_HEADER = [
    "organization",
    "userGroup",
    "role",
    "status",
    "person",
    "email",
    "application",
    "grantedAt",
    "certifyBy",
    "endsAt",
]
ASSOCIATIONS_HEADER = [
    "company",
    "organization",
    "npi",
    "city",
    "state",
    "userGroup",
    "status",
    "trackingNumber",
    "requestedAt",
    "decidedAt",
]


@dataclass
class World:
    desk: Person
    sam: Person
    uma: Person
    eve: Person
    bea: Person
    stranger: Person
    org: str
    group: str
    company: str
    eve_request: dict[str, Any]
    bea_request: dict[str, Any]


@pytest.fixture
async def world(people: People) -> World:
    desk = await people.make("Hal Desk", help_desk=True)
    sam = await people.make("Sam Official")
    uma = await people.make("Uma Admin")
    eve = await people.make("=Eve Formula")
    bea = await people.make("Bea Billing")
    stranger = await people.make("Stan Stranger")
    org = await approved_organization(sam, desk, 7101, "Acme Clinic")
    group = await approved_group(uma, sam, org, "Billing Desk")
    joined = (await eve.data(REQUEST_MEMBERSHIP, {"group": group}))["requestUserGroupMembership"]
    assert joined["errors"] == []
    surrogate = await request_surrogate_groups(bea, [org], new_company="Zoë Billing Co", tin="55-1234567")
    assert surrogate["errors"] == [], surrogate
    return World(
        desk=desk,
        sam=sam,
        uma=uma,
        eve=eve,
        bea=bea,
        stranger=stranger,
        org=org,
        group=group,
        company=surrogate["requests"][0]["company"]["id"],
        eve_request=joined["request"],
        bea_request=surrogate["requests"][0],
    )


def read_csv(response: httpx.Response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="')
    assert response.headers["cache-control"] == "no-store"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))


def read_jsonl(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/x-ndjson; charset=utf-8"
    return [json.loads(line) for line in response.content.decode("utf-8").splitlines()]


async def test_approval_queue_export_holds_the_viewer_s_queue_and_neutralises_formulas(world: World) -> None:
    eve_email = world.eve.email
    rows = read_csv(await world.uma.client.get("/exports/approval-queue.csv"))
    assert rows == [
        QUEUE_HEADER,
        [
            world.eve_request["trackingNumber"],
            "JOIN_USER_GROUP",
            "PENDING",
            "'=Eve Formula",  # a spreadsheet shows it as text, never runs it
            "'" + eve_email,  # her address starts with = too
            "Acme Clinic",
            "Billing Desk",
            "",
            "",
            "",
            "",
            START.isoformat(),
            (START + timedelta(days=30)).isoformat(),
        ],
    ]
    # JSON lines: the same row, values as they are.
    lines = read_jsonl(await world.uma.client.get("/exports/approval-queue.csv?format=jsonl"))
    assert [(line["trackingNumber"], line["requester"], line["requesterEmail"]) for line in lines] == [
        (world.eve_request["trackingNumber"], "=Eve Formula", eve_email)
    ]
    assert list(lines[0]) == QUEUE_HEADER
    # Exactly the queue the API shows each person (Sam: Bea's request; the stranger: none).
    for person in (world.uma, world.sam, world.stranger, world.desk):
        shown = (await person.data(QUEUE, {"first": 100}))["approvalQueue"]["edges"]
        exported = read_csv(await person.client.get("/exports/approval-queue.csv"))
        assert [r[0] for r in exported[1:]] == [e["node"]["trackingNumber"] for e in shown], person.name
    assert read_csv(await world.stranger.client.get("/exports/approval-queue.csv")) == [QUEUE_HEADER]
    # The screen's filters: by kind and by organization.
    sam_rows = read_csv(await world.sam.client.get("/exports/approval-queue.csv?kinds=CREATE_SURROGATE_USER_GROUP"))
    assert [r[0] for r in sam_rows[1:]] == [world.bea_request["trackingNumber"]]
    none = read_csv(await world.sam.client.get("/exports/approval-queue.csv?kinds=JOIN_USER_GROUP"))
    assert none == [QUEUE_HEADER]


async def test_organization_roles_export_is_what_the_organization_page_shows(world: World, people: People) -> None:
    rows = read_csv(await world.sam.client.get(f"/exports/organization-roles.csv?organizationId={world.org}"))
    assert [r[:6] for r in rows] == [
        ROLES_HEADER[:6],
        ["Acme Clinic", "", "SECURITY_OFFICIAL", "ACTIVE", "Sam Official", world.sam.email],
        ["Acme Clinic", "Billing Desk", "USER_GROUP_ADMINISTRATOR", "ACTIVE", "Uma Admin", world.uma.email],
    ]
    assert all(r[7] == START.isoformat() for r in rows[1:])  # grantedAt, ISO 8601
    # An approved organization is public, its roles are not: the stranger's file has the header only.
    assert read_csv(await world.stranger.client.get(f"/exports/organization-roles.csv?organizationId={world.org}")) == [
        ROLES_HEADER
    ]
    # No such organization (or an id of another type): 404, nothing else.
    for wrong in (world.group, "bm90LWFuLWlk"):
        response = await world.sam.client.get(f"/exports/organization-roles.csv?organizationId={wrong}")
        assert response.status_code == 404
        assert response.json()["errors"][0]["extensions"] == {"code": "NOT_FOUND", "field": "organizationId"}
    missing = await world.sam.client.get("/exports/organization-roles.csv")
    assert missing.status_code == 400
    assert missing.json() == {
        "errors": [
            {
                "message": "Give `organizationId`: the id of what to export.",
                "extensions": {"code": "INVALID_INPUT", "field": "organizationId"},
            }
        ]
    }


ASSOCIATIONS_QUERY = """query($id: ID!) { node(id: $id) { ... on SurrogateCompany {
  associations(first: 100) { edges { node { status userGroup { name } request { trackingNumber decidedAt } } } }
} } }"""


async def test_associations_export_is_the_company_s_administrators_and_the_help_desk_s(world: World) -> None:
    # Pending, the company has no administrator yet: only the help desk sees the association.
    pending = [
        "Zoë Billing Co",
        "Acme Clinic",
        read_npi(world),
        "Springfield",
        "IL",
        "",
        "PENDING",
        world.bea_request["trackingNumber"],
        START.isoformat(),
        "",
    ]
    url = f"/exports/associations.csv?companyId={world.company}"
    assert read_csv(await world.desk.client.get(url)) == [ASSOCIATIONS_HEADER, pending]
    assert (await world.sam.data(APPROVE, {"id": world.bea_request["id"]}))["approveRequest"]["errors"] == []
    shown = (await world.bea.data(ASSOCIATIONS_QUERY, {"id": world.company}))["node"]["associations"]["edges"]
    assert len(shown) == 1
    group = shown[0]["node"]["userGroup"]["name"]
    approved = [
        *pending[:5],
        group,
        "APPROVED",
        pending[7],
        START.isoformat(),
        shown[0]["node"]["request"]["decidedAt"],
    ]
    response = await world.bea.client.get(url)
    assert read_csv(response) == [ASSOCIATIONS_HEADER, approved]
    assert "Zoë".encode() in response.content  # UTF-8
    assert read_csv(await world.desk.client.get(url)) == [ASSOCIATIONS_HEADER, approved]
    for person in (world.stranger, world.sam, world.uma):
        assert read_csv(await person.client.get(url)) == [ASSOCIATIONS_HEADER]


def read_npi(world: World) -> str:
    from tests.api.operations import organization_input

    npi: str = organization_input(7101, "Acme Clinic")["input"]["npi"]
    return npi


AUDIT_QUERY = """query($after: String, $org: ID, $actions: [String!]) {
  auditEvents(first: 100, after: $after, organizationId: $org, actions: $actions) {
    pageInfo { hasNextPage endCursor } edges { node { id action } } } }"""


async def audit_shown(person: Person, **filters: Any) -> list[list[str]]:
    shown: list[list[str]] = []
    after = None
    while True:
        page = (await person.data(AUDIT_QUERY, {"after": after, **filters}))["auditEvents"]
        shown += [[e["node"]["id"], e["node"]["action"]] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return shown
        after = page["pageInfo"]["endCursor"]


async def test_audit_export_pages_through_the_whole_log_of_the_viewer_s_scope_with_the_screen_s_filters(
    world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    decoded = from_global_id(world.org, "Organization")
    assert decoded is not None
    async with session_factory() as db:  # more than two pages of the organization's events
        for n in range(230):
            await record(
                db,
                at=START,
                action=AuditAction.PROFILE_UPDATED,
                organization_id=decoded[1],
                details={"note": f"-{n}", "formula": "=SUM(A1)"},
            )
        await db.commit()
    for person in (world.sam, world.stranger, world.desk):
        rows = read_csv(await person.client.get("/exports/audit.csv"))
        assert rows[0] == AUDIT_HEADER
        assert [[r[0], r[2]] for r in rows[1:]] == await audit_shown(person), person.name
    sam = read_csv(await world.sam.client.get("/exports/audit.csv"))
    assert len(sam) > 231
    stranger = read_csv(await world.stranger.client.get("/exports/audit.csv"))
    assert {r[2] for r in stranger[1:]} == {"SIGN_IN"}  # their own sign-in only
    # The screen's filters: one organization, some actions.
    filtered = read_csv(
        await world.sam.client.get(f"/exports/audit.csv?organizationId={world.org}&actions=PROFILE_UPDATED")
    )
    shown = await audit_shown(world.sam, org=world.org, actions=["PROFILE_UPDATED"])
    assert len(shown) == 230
    assert [[r[0], r[2]] for r in filtered[1:]] == shown
    first = filtered[1]
    assert first[1] == START.isoformat()
    assert first[5] == "Acme Clinic"
    assert json.loads(first[7]) == {"note": "-229", "formula": "=SUM(A1)"}  # a JSON cell starts with {: safe
    # JSON lines: the same events, details as an object.
    lines = read_jsonl(await world.sam.client.get(f"/exports/audit.csv?format=jsonl&organizationId={world.org}"))
    assert [line["id"] for line in lines] == [i for i, _ in await audit_shown(world.sam, org=world.org)]
    assert lines[0]["details"] == {"note": "-229", "formula": "=SUM(A1)"}


async def test_exports_work_with_an_api_token_and_refuse_the_anonymous_a_dead_token_and_a_cross_site_link(
    world: World, people: People
) -> None:
    _, secret = await make_token(world.uma)
    by_token = script(people, secret)
    by_cookie = read_csv(await world.uma.client.get("/exports/approval-queue.csv"))
    assert read_csv(await by_token.get("/exports/approval-queue.csv")) == by_cookie
    anonymous = httpx.AsyncClient(transport=httpx.ASGITransport(app=people.app), base_url="http://127.0.0.1")
    people.clients.append(anonymous)
    for name in ("approval-queue.csv", "audit.csv", f"associations.csv?companyId={world.company}"):
        response = await anonymous.get(f"/exports/{name}")
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    dead = await script(people, "iacs_no-such-token").get("/exports/audit.csv")
    assert dead.status_code == 401
    assert dead.headers["www-authenticate"] == 'Bearer realm="iacs", error="invalid_token"'
    # A link on another site carries the cookie (SameSite=Lax) but is refused; the same from our pages is not.
    cross = await world.uma.client.get("/exports/audit.csv", headers={"sec-fetch-site": "cross-site"})
    assert cross.status_code == 403
    same = await world.uma.client.get("/exports/audit.csv", headers={"sec-fetch-site": "same-origin"})
    assert same.status_code == 200
    # Unknown export, unknown format.
    assert (await world.uma.client.get("/exports/passwords.csv")).status_code == 404
    bad = await world.uma.client.get("/exports/audit.csv?format=xlsx")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["extensions"] == {"code": "INVALID_INPUT", "field": "format"}


BAD_PARAMETERS = [
    ("associations.csv?companyId=", 400),
    ("associations.csv?companyId=" + "x" * 101, 400),
    ("associations.csv?companyId=ab%00cd", 404),
    ("associations.csv?companyId=%E2%80%AEevil", 404),
    ("organization-roles.csv?organizationId=" + "A" * 100, 404),
    ("audit.csv?organizationId=" + "x" * 101, 400),
    ("audit.csv?organizationId=not-an-id", 200),  # as auditEvents: an unknown organization has no events
    ("audit.csv?" + "&".join(f"actions=A{n}" for n in range(101)), 400),
    ("audit.csv?actions=" + "x" * 101, 400),
    ("approval-queue.csv?kinds=NOT_A_KIND", 400),
    ("approval-queue.csv?kinds=JOIN_USER_GROUP&format=JSONL", 400),
    ("approval-queue.csv?organizationId=%00", 200),
    ("approval-queue", 404),
    ("audit.json", 404),
]


@pytest.mark.parametrize(("path", "status"), BAD_PARAMETERS)
async def test_exports_bad_parameters_get_a_coded_answer_never_a_server_error(
    people: People, path: str, status: int
) -> None:
    person = await people.make("Fay Fuzz")
    response = await person.client.get(f"/exports/{path}")
    assert response.status_code == status, response.text
    if status != 200:
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] in {"INVALID_INPUT", "NOT_FOUND"}
        assert error["message"]
