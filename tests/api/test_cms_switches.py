"""CMS's switches at run time (R42, making R11 and R23 concrete), through HTTP on real PostgreSQL.

The help desk opens and closes provider types (a reason is required to close) and publishes, opens and closes
applications; every change is audited; a request for something closed is refused with the stored reason; a
request already pending when its provider type or application closes stays decidable. Every refusal asserts the
exact error and that no row changed (the switches' own tables included).
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.audit.models import AuditEvent
from iacs.graphql.ids import to_global_id
from tests.api.operations import (
    APPROVE,
    ERRORS,
    REGISTER_ORGANIZATION,
    REQUEST_APPLICATION,
    REQUEST_PRACTITIONER,
    approved_group,
    approved_organization,
    organization_input,
    practitioner_input,
)
from tests.api.people import People, Person
from tests.graphql_client import gql

Factory = async_sessionmaker[AsyncSession]

SETTINGS = "{ providerTypeSettings { providerType open reason } }"
SET_PROVIDER_TYPE = f"""
mutation($input: ProviderTypeOpenInput!) {{ setProviderTypeOpen(input: $input) {{
  setting {{ providerType open reason }} {ERRORS} }} }}"""
APPLICATION_FIELDS = "id code name description open closedReason"
APPLICATIONS = f"{{ applications {{ {APPLICATION_FIELDS} }} }}"
PUBLISH = f"""
mutation($input: PublishApplicationInput!) {{ publishApplication(input: $input) {{
  application {{ {APPLICATION_FIELDS} }} {ERRORS} }} }}"""
SET_APPLICATION = f"""
mutation($input: ApplicationOpenInput!) {{ setApplicationOpen(input: $input) {{
  application {{ {APPLICATION_FIELDS} }} {ERRORS} }} }}"""

DMEPOS_REASON = (
    "Registration of DMEPOS suppliers is closed by CMS for now. Contact the help desk (CMS External User "
    "Services) to be told when it opens."
)
PROVIDER_TYPES = [
    "HOSPITAL",
    "PHYSICIAN_GROUP",
    "HOME_HEALTH_AGENCY",
    "SKILLED_NURSING_FACILITY",
    "HOSPICE",
    "CLINICAL_LABORATORY",
    "AMBULANCE_SUPPLIER",
    "FQHC",
    "RURAL_HEALTH_CLINIC",
    "DMEPOS_SUPPLIER",
    "OTHER_PROVIDER",
    "FISCAL_INTERMEDIARY",
    "CARRIER",
    "MAC",
]
HOSPITALS_CLOSED = "Hospital registration is paused while CMS moves to the new enrollment system."
TABLES = (
    "provider_type_settings",
    "applications",
    "access_requests",
    "role_assignments",
    "user_groups",
    "organizations",
    "audit_events",
    "mail_outbox",
)
SNAPSHOT = text(
    " UNION ALL ".join(
        f"SELECT '{table}', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} AS t"  # noqa: S608 - constant table names
        for table in TABLES
    )
)


async def snapshot(factory: Factory) -> dict[str, tuple[int, str]]:
    async with factory() as db:
        rows = (await db.execute(SNAPSHOT)).all()
    return {table: (count, digest) for table, count, digest in rows}


async def refused(person: Person, factory: Factory, operation: str, variables: dict[str, Any]) -> dict[str, Any]:
    """Send a mutation that must be refused; assert that no row of any table changed; return its payload."""
    before = await snapshot(factory)
    data = await person.data(operation, variables)
    assert await snapshot(factory) == before
    (payload,) = data.values()
    assert isinstance(payload, dict)
    return payload


def error(code: str, message: str, *field: str) -> dict[str, Any]:
    return {"code": code, "message": message, "field": list(field) if field else None}


async def settings_of(person: Person) -> dict[str, dict[str, Any]]:
    rows = (await person.data(SETTINGS))["providerTypeSettings"]
    return {row["providerType"]: row for row in rows}


async def audit(factory: Factory, *actions: str) -> list[tuple[str, Any, dict[str, Any]]]:
    async with factory() as db:
        rows = (
            await db.execute(
                select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.details)
                .where(AuditEvent.action.in_(actions))
                .order_by(AuditEvent.id)
            )
        ).all()
    return [(action, actor, details) for action, actor, details in rows]


async def set_provider_type(person: Person, provider_type: str, *, open: bool, reason: str | None) -> dict[str, Any]:
    variables = {"input": {"providerType": provider_type, "open": open, "reason": reason}}
    payload: dict[str, Any] = (await person.data(SET_PROVIDER_TYPE, variables))["setProviderTypeOpen"]
    return payload


async def publish(person: Person, name: str, *, open: bool = True, description: str | None = None) -> dict[str, Any]:
    variables = {"input": {"name": name, "description": description, "open": open}}
    payload: dict[str, Any] = (await person.data(PUBLISH, variables))["publishApplication"]
    return payload


async def set_application(person: Person, app_id: str, *, open: bool, reason: str | None) -> dict[str, Any]:
    variables = {"input": {"applicationId": app_id, "open": open, "reason": reason}}
    payload: dict[str, Any] = (await person.data(SET_APPLICATION, variables))["setApplicationOpen"]
    return payload


# --- provider types (R11, R42) --------------------------------------------------------------------------------


async def test_r42_every_provider_type_is_listed_and_dmepos_is_closed_at_launch_as_data(
    client: httpx.AsyncClient,
) -> None:
    body = await gql(client, SETTINGS)  # no session needed: what is open for registration is public

    assert body == {
        "data": {
            "providerTypeSettings": [
                {
                    "providerType": t,
                    "open": t != "DMEPOS_SUPPLIER",
                    "reason": DMEPOS_REASON if t == "DMEPOS_SUPPLIER" else None,
                }
                for t in PROVIDER_TYPES
            ]
        }
    }


async def test_r42_the_help_desk_closes_a_provider_type_registrations_get_the_reason_and_pending_ones_stay_decidable(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    early = await people.make("Erin Early")
    late = await people.make("Larry Late")
    pending = (await early.data(REGISTER_ORGANIZATION, organization_input(1, "Early Hospital")))[
        "requestOrganizationRegistration"
    ]
    assert pending["errors"] == []

    closed = await set_provider_type(help_desk, "HOSPITAL", open=False, reason=f"  {HOSPITALS_CLOSED} ")

    assert closed == {"setting": {"providerType": "HOSPITAL", "open": False, "reason": HOSPITALS_CLOSED}, "errors": []}
    assert (await settings_of(late))["HOSPITAL"] == closed["setting"]
    assert await audit(session_factory, "PROVIDER_TYPE_CLOSED") == [
        (
            "PROVIDER_TYPE_CLOSED",
            help_desk.pk,
            {"provider_type": "HOSPITAL", "was_open": True, "reason": HOSPITALS_CLOSED},
        )
    ]
    # R11: a registration of the closed type is refused with the stored reason, naming the field
    payload = await refused(late, session_factory, REGISTER_ORGANIZATION, organization_input(2, "Late Hospital"))
    assert payload == {"request": None, "errors": [error("REGISTRATION_CLOSED", HOSPITALS_CLOSED, "providerType")]}
    # another type stays open
    other = await late.data(REGISTER_ORGANIZATION, organization_input(3, "Late Hospice", providerType="HOSPICE"))
    assert other["requestOrganizationRegistration"]["errors"] == []
    # R42: the registration pending before the close is still decided
    decided = (await help_desk.data(APPROVE, {"id": pending["request"]["id"]}))["approveRequest"]
    assert decided["errors"] == []
    assert decided["request"]["status"] == "APPROVED"

    # opened again: the reason is gone and registrations go through
    opened = await set_provider_type(help_desk, "HOSPITAL", open=True, reason=None)
    assert opened == {"setting": {"providerType": "HOSPITAL", "open": True, "reason": None}, "errors": []}
    again = await late.data(REGISTER_ORGANIZATION, organization_input(2, "Late Hospital"))
    assert again["requestOrganizationRegistration"]["errors"] == []
    assert [a for a, _, _ in await audit(session_factory, "PROVIDER_TYPE_CLOSED", "PROVIDER_TYPE_OPENED")] == [
        "PROVIDER_TYPE_CLOSED",
        "PROVIDER_TYPE_OPENED",
    ]


async def test_r42_opening_dmepos_lets_suppliers_register(people: People, session_factory: Factory) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    supplier = await people.make("Wendy Wheels")
    dmepos = organization_input(4, "Wheelchairs Inc", providerType="DMEPOS_SUPPLIER")
    before = await refused(supplier, session_factory, REGISTER_ORGANIZATION, dmepos)
    assert before["errors"] == [error("REGISTRATION_CLOSED", DMEPOS_REASON, "providerType")]

    opened = await set_provider_type(help_desk, "DMEPOS_SUPPLIER", open=True, reason="CMS opened DMEPOS today.")

    assert opened == {"setting": {"providerType": "DMEPOS_SUPPLIER", "open": True, "reason": None}, "errors": []}
    registered = (await supplier.data(REGISTER_ORGANIZATION, dmepos))["requestOrganizationRegistration"]
    assert registered["errors"] == []
    assert registered["request"]["status"] == "PENDING"
    assert await audit(session_factory, "PROVIDER_TYPE_OPENED") == [
        (
            "PROVIDER_TYPE_OPENED",
            help_desk.pk,
            {"provider_type": "DMEPOS_SUPPLIER", "was_open": False, "reason": "CMS opened DMEPOS today."},
        )
    ]


async def test_r42_a_closed_provider_type_refuses_individual_practitioners_too(
    people: People, session_factory: Factory
) -> None:
    # R22, R42: a practitioner's practice is an organization of one of the "other provider" type, behind its switch
    help_desk = await people.make("Helen Desk", help_desk=True)
    doris = await people.make("Doris Doctor")
    reason = "Individual practitioners register through the new enrollment system until June."
    closed = await set_provider_type(help_desk, "OTHER_PROVIDER", open=False, reason=reason)
    assert closed["errors"] == []

    payload = await refused(doris, session_factory, REQUEST_PRACTITIONER, practitioner_input(9))

    assert payload == {"request": None, "errors": [error("REGISTRATION_CLOSED", reason)]}
    # another type closed does not matter; opened again, the practitioner registers
    assert (await set_provider_type(help_desk, "HOSPITAL", open=False, reason=HOSPITALS_CLOSED))["errors"] == []
    assert (await set_provider_type(help_desk, "OTHER_PROVIDER", open=True, reason=None))["errors"] == []
    asked = (await doris.data(REQUEST_PRACTITIONER, practitioner_input(9)))["requestIndividualPractitioner"]
    assert asked["errors"] == []
    assert (asked["request"]["kind"], asked["request"]["status"]) == ("REGISTER_INDIVIDUAL_PRACTITIONER", "PENDING")


async def test_r42_closing_a_provider_type_needs_a_reason_people_can_read(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    cases: list[tuple[str | None, dict[str, Any]]] = [
        (None, error("INVALID_INPUT", "Reason is required.", "reason")),
        ("   ", error("INVALID_INPUT", "Reason is required.", "reason")),
        ("x" * 501, error("INVALID_INPUT", "Reason must be at most 500 characters.", "reason")),
        ("Closed\u0000now", error("INVALID_INPUT", "Reason contains characters that are not allowed.", "reason")),
    ]
    for reason, expected in cases:
        variables = {"input": {"providerType": "HOSPICE", "open": False, "reason": reason}}
        payload = await refused(help_desk, session_factory, SET_PROVIDER_TYPE, variables)
        assert payload == {"setting": None, "errors": [expected]}, reason
    assert (await settings_of(help_desk))["HOSPICE"] == {"providerType": "HOSPICE", "open": True, "reason": None}


async def test_r42_only_the_help_desk_turns_provider_types(
    people: People, session_factory: Factory, client: httpx.AsyncClient
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    stranger = await people.make("Sam Stranger")
    await approved_organization(so, help_desk, 5, "Provider XYZ")
    for person in (so, stranger):
        for variables in (
            {"input": {"providerType": "HOSPITAL", "open": False, "reason": "Because I say so."}},
            {"input": {"providerType": "DMEPOS_SUPPLIER", "open": True}},
        ):
            payload = await refused(person, session_factory, SET_PROVIDER_TYPE, variables)
            assert payload == {
                "setting": None,
                "errors": [error("FORBIDDEN", "Only the CMS help desk can open and close provider types.")],
            }
    before = await snapshot(session_factory)
    body = await gql(client, SET_PROVIDER_TYPE, {"input": {"providerType": "DMEPOS_SUPPLIER", "open": True}})
    assert body["data"]["setProviderTypeOpen"]["errors"][0]["code"] == "UNAUTHENTICATED"
    assert await snapshot(session_factory) == before


# --- applications (R23, R42) ------------------------------------------------------------------------------------


async def test_r42_the_help_desk_publishes_an_application_that_groups_can_ask_for(
    people: People, session_factory: Factory, client: httpx.AsyncClient
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    xyz = await approved_organization(so, help_desk, 6, "Provider XYZ")
    group = await approved_group(ugo, so, xyz, "Claims Team")

    published = await publish(help_desk, "  Part B feedback reports ", description="Quarterly reports.")

    app = published["application"]
    assert published["errors"] == []
    assert {k: v for k, v in app.items() if k != "id"} == {
        "code": "PART-B-FEEDBACK-REPORTS",
        "name": "Part B feedback reports",
        "description": "Quarterly reports.",
        "open": True,
        "closedReason": None,
    }
    assert (await gql(client, APPLICATIONS))["data"]["applications"] == [app]  # public, for requesters too
    assert await audit(session_factory, "APPLICATION_PUBLISHED") == [
        (
            "APPLICATION_PUBLISHED",
            help_desk.pk,
            {"application": "Part B feedback reports", "code": "PART-B-FEEDBACK-REPORTS", "open": True},
        )
    ]
    asked = (await ugo.data(REQUEST_APPLICATION, {"app": app["id"], "group": group}))["requestApplicationAccess"]
    assert asked["errors"] == []
    assert asked["request"]["status"] == "PENDING"

    # a second one of the same name (in any case) is refused; one published closed is closed with a reason
    payload = await refused(
        help_desk, session_factory, PUBLISH, {"input": {"name": "PART B FEEDBACK REPORTS", "open": True}}
    )
    assert payload == {
        "application": None,
        "errors": [error("INVALID_INPUT", "An application with this name is already published.", "name")],
    }
    closed = await publish(help_desk, "Part B feedback reports (2027)", open=False)
    assert closed["application"]["code"] == "PART-B-FEEDBACK-REPORTS-2027"
    assert (closed["application"]["open"], closed["application"]["closedReason"]) == (
        False,
        "CMS has not opened it to requests.",
    )


async def test_r42_publishing_checks_each_field(people: People, session_factory: Factory) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    cases: list[tuple[dict[str, Any], list[dict[str, Any]]]] = [
        ({"name": "  ", "open": True}, [error("INVALID_INPUT", "Name is required.", "name")]),
        (
            {"name": "n" * 201, "description": "d" * 1001, "open": True},
            [
                error("INVALID_INPUT", "Name must be at most 200 characters.", "name"),
                error("INVALID_INPUT", "Description must be at most 1000 characters.", "description"),
            ],
        ),
        (
            {"name": "Bad\u0007name", "open": False},
            [error("INVALID_INPUT", "Name contains characters that are not allowed.", "name")],
        ),
    ]
    for given, expected in cases:
        payload = await refused(help_desk, session_factory, PUBLISH, {"input": given})
        assert payload == {"application": None, "errors": expected}, given


async def test_r42_a_closed_application_refuses_new_requests_with_the_reason_and_pending_ones_stay_decidable(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    ugo = await people.make("Ugo Admin")
    uma = await people.make("Uma Admin")
    xyz = await approved_organization(so, help_desk, 7, "Provider XYZ")
    claims = await approved_group(ugo, so, xyz, "Claims Team")
    billing = await approved_group(uma, so, xyz, "Billing Team")
    app = (await publish(help_desk, "HETS UI eligibility"))["application"]
    pending = (await ugo.data(REQUEST_APPLICATION, {"app": app["id"], "group": claims}))["requestApplicationAccess"]
    assert pending["errors"] == []
    reason = "HETS is moving to a new platform until March."

    closed = await set_application(help_desk, app["id"], open=False, reason=reason)

    assert closed == {"application": {**app, "open": False, "closedReason": reason}, "errors": []}
    payload = await refused(uma, session_factory, REQUEST_APPLICATION, {"app": app["id"], "group": billing})
    assert payload == {
        "request": None,
        "errors": [
            error("APPLICATION_CLOSED", f"HETS UI eligibility is closed to new requests. {reason}", "applicationId")
        ],
    }
    decided = (await so.data(APPROVE, {"id": pending["request"]["id"]}))["approveRequest"]
    assert decided["errors"] == []
    assert decided["request"]["status"] == "APPROVED"

    reopened = await set_application(help_desk, app["id"], open=True, reason=None)
    assert reopened == {"application": {**app, "open": True, "closedReason": None}, "errors": []}
    asked = (await uma.data(REQUEST_APPLICATION, {"app": app["id"], "group": billing}))["requestApplicationAccess"]
    assert asked["errors"] == []
    assert await audit(session_factory, "APPLICATION_CLOSED", "APPLICATION_OPENED") == [
        (
            "APPLICATION_CLOSED",
            help_desk.pk,
            {"application": "HETS UI eligibility", "code": "HETS-UI-ELIGIBILITY", "was_open": True, "reason": reason},
        ),
        (
            "APPLICATION_OPENED",
            help_desk.pk,
            {"application": "HETS UI eligibility", "code": "HETS-UI-ELIGIBILITY", "was_open": False, "reason": None},
        ),
    ]


async def test_r42_closing_an_application_needs_a_reason_and_the_help_desk(
    people: People, session_factory: Factory
) -> None:
    help_desk = await people.make("Helen Desk", help_desk=True)
    so = await people.make("Sally Official")
    await approved_organization(so, help_desk, 8, "Provider XYZ")
    app = (await publish(help_desk, "PS&R"))["application"]

    payload = await refused(
        help_desk, session_factory, SET_APPLICATION, {"input": {"applicationId": app["id"], "open": False}}
    )
    assert payload == {"application": None, "errors": [error("INVALID_INPUT", "Reason is required.", "reason")]}
    unknown = to_global_id("Application", uuid.uuid4())
    payload = await refused(
        help_desk, session_factory, SET_APPLICATION, {"input": {"applicationId": unknown, "open": False, "reason": "x"}}
    )
    assert payload == {
        "application": None,
        "errors": [error("NOT_FOUND", "No application with this id.", "applicationId")],
    }
    for variables in (
        {"input": {"applicationId": app["id"], "open": False, "reason": "Closing it myself."}},
        {"input": {"name": "My own application", "open": True}},
    ):
        operation = SET_APPLICATION if "applicationId" in variables["input"] else PUBLISH
        payload = await refused(so, session_factory, operation, variables)
        assert payload["application"] is None
        assert [e["code"] for e in payload["errors"]] == ["FORBIDDEN"]
    assert [a["open"] for a in (await so.data(APPLICATIONS))["applications"]] == [True]
