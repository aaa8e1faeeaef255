"""R38 delegation, through HTTP on PostgreSQL: an official or a UGA names a delegate for a date range; the delegate
sees and decides that queue "for" them; queue, canDecide and approvers agree; the delegation ends by the clock,
when cancelled, and counts for nothing while either account is disabled (R36). Refusals change nothing."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import select, text

from iacs.db.rows import RequestColumns
from iacs.domain.clock import FrozenClock
from iacs.domain.enums import Role
from iacs.domain.notifications.models import OutboxMail
from iacs.domain.requests.routing import ApproverRelation, Authority, DelegatedRole, HeldRole, queue_clause
from tests.api.operations import (
    APPROVE,
    ERRORS,
    QUEUE,
    REQUEST_BSO,
    REQUEST_MEMBERSHIP,
    approved_group,
    approved_organization,
)
from tests.api.people import People, Person
from tests.api.test_rules import Factory, approved, error, role_id, submitted
from tests.api.test_rules import refused as refused_elsewhere
from tests.conftest import START

CREATE = f"""mutation($input: CreateDelegationInput!) {{ createDelegation(input: $input) {{
  delegation {{ id startsAt endsAt endedAt active delegator {{ name }} delegate {{ name }} role {{ id role }} }}
  {ERRORS} }} }}"""
END = f"""mutation($id: ID!) {{ endDelegation(input: {{id: $id}}) {{
  delegation {{ id endedAt active }} {ERRORS} }} }}"""
MINE = "{ viewer { delegations { id active delegator { name } delegate { name } role { role } } } }"
PERSON_DELEGATIONS = """query($id: ID!) { node(id: $id) { ... on User { delegations { id delegate { name } } } } }"""
DECIDED = """query($id: ID!) { node(id: $id) { ... on AccessRequest { status decidedBy { name } onBehalfOf { name }
  canDecide approvers { name } } } }"""
EVERY_REQUEST_STATE = """query($id: ID!) { node(id: $id) { ... on AccessRequest { id canDecide approvers { id } } } }"""
AUDIT = """query($actions: [String!]) { auditEvents(first: 20, actions: $actions) {
  edges { node { action actor { name } details } } } }"""
DISABLE = f"""mutation($id: ID!) {{ disableAccount(input: {{userId: $id, reason: "On leave"}}) {{
  user {{ id }} {ERRORS} }} }}"""
ENABLE = f"mutation($id: ID!) {{ enableAccount(input: {{userId: $id}}) {{ user {{ id }} {ERRORS} }} }}"


async def delegation_rows(factory: Factory) -> list[Any]:
    async with factory() as db:
        return list((await db.execute(text("SELECT * FROM delegations ORDER BY id"))).all())


async def refused(person: Person, factory: Factory, operation: str, variables: dict[str, Any]) -> dict[str, Any]:
    """A refusal changes nothing: no request, role, audit event or mail (`refused_elsewhere`), no delegation."""
    before = await delegation_rows(factory)
    payload = await refused_elsewhere(person, factory, operation, variables)
    assert await delegation_rows(factory) == before
    return payload


def gid(type_name: str, pk: Any) -> str:
    from iacs.graphql.ids import to_global_id

    return to_global_id(type_name, pk)


def iso(moment: datetime) -> str:
    return moment.isoformat()


async def queue(person: Person) -> list[str]:
    data = await person.data(QUEUE, {"first": 100})
    return [edge["node"]["id"] for edge in data["approvalQueue"]["edges"]]


async def world(people: People) -> dict[str, Any]:
    """Sally is the SO of Clinic; Uma a UGA of its group Billing; Dana and Evan end users of Billing; Olga an end
    user of another organization; Eve has asked to be a BSO of Clinic (the SO decides: R9)."""
    desk = await people.make("Hal Desk", help_desk=True)
    sally = await people.make("Sally Official")
    uma = await people.make("Uma Admin")
    dana = await people.make("Dana Delegate")
    evan = await people.make("Evan User")
    eve = await people.make("Eve Asker")
    oscar = await people.make("Oscar Other")
    olga = await people.make("Olga Outsider")
    clinic = await approved_organization(sally, desk, 381, "Clinic")
    billing = await approved_group(uma, sally, clinic, "Billing")
    for member in (dana, evan):
        asked = await submitted(member, REQUEST_MEMBERSHIP, {"group": billing})
        await approved(uma, asked["id"])
    other = await approved_organization(oscar, desk, 382, "Other Clinic")
    other_group = await approved_group(olga, oscar, other, "Other Billing")
    assert other_group
    bso = await submitted(eve, REQUEST_BSO, {"org": clinic})
    return {
        "desk": desk,
        "sally": sally,
        "uma": uma,
        "dana": dana,
        "evan": evan,
        "eve": eve,
        "olga": olga,
        "clinic": clinic,
        "billing": billing,
        "bso": bso["id"],
    }


def delegation_input(role: str, delegate: Person, start: datetime, end: datetime) -> dict[str, Any]:
    return {
        "input": {
            "roleAssignmentId": role,
            "delegateId": gid("User", delegate.pk),
            "startsAt": iso(start),
            "endsAt": iso(end),
        }
    }


async def test_r38_a_delegate_sees_and_decides_the_so_queue_for_the_so(
    people: People, session_factory: Factory, clock: FrozenClock
) -> None:
    w = await world(people)
    sally, dana, eve = w["sally"], w["dana"], w["eve"]
    so_role = await role_id(sally, "SECURITY_OFFICIAL")
    assert await queue(dana) == []

    # when: Sally names Dana for 30 days from now
    start = clock.now()
    payload = (await sally.data(CREATE, delegation_input(so_role, dana, start, start + timedelta(days=30))))[
        "createDelegation"
    ]

    # then
    assert payload["errors"] == []
    delegation = payload["delegation"]
    assert (delegation["delegator"], delegation["delegate"], delegation["role"]) == (
        {"name": "Sally Official"},
        {"name": "Dana Delegate"},
        {"id": so_role, "role": "SECURITY_OFFICIAL"},
    )
    assert (delegation["active"], delegation["endedAt"]) == (True, None)
    assert datetime.fromisoformat(delegation["endsAt"]) == start + timedelta(days=30)
    # the delegate sees it too, and its role
    assert (await dana.data(MINE))["viewer"]["delegations"] == [
        {
            "id": delegation["id"],
            "active": True,
            "delegator": {"name": "Sally Official"},
            "delegate": {"name": "Dana Delegate"},
            "role": {"role": "SECURITY_OFFICIAL"},
        }
    ]
    # queue, canDecide and approvers agree (R24 through the routing)
    assert await queue(dana) == [w["bso"]]
    state = (await dana.data(DECIDED, {"id": w["bso"]}))["node"]
    assert state["canDecide"] is True
    assert sorted(a["name"] for a in state["approvers"]) == ["Dana Delegate", "Sally Official"]

    # when: Dana approves Eve's request
    decided = await approved(dana, w["bso"])

    # then: decided by Dana for Sally, in the request, in the requester's view and in the audit log
    assert decided["decidedBy"] == {"name": "Dana Delegate"}
    seen_by_eve = (await eve.data(DECIDED, {"id": w["bso"]}))["node"]
    assert (seen_by_eve["status"], seen_by_eve["decidedBy"], seen_by_eve["onBehalfOf"]) == (
        "APPROVED",
        {"name": "Dana Delegate"},
        {"name": "Sally Official"},
    )
    events = (await sally.data(AUDIT, {"actions": ["REQUEST_APPROVED"]}))["auditEvents"]["edges"]
    assert events[0]["node"]["actor"] == {"name": "Dana Delegate"}
    assert events[0]["node"]["details"]["onBehalfOf"] == "Sally Official"
    assert events[0]["node"]["details"]["onBehalfOfId"] == str(sally.pk)
    # the help desk sees Sally's delegations; nobody else does
    assert (await w["desk"].data(PERSON_DELEGATIONS, {"id": gid("User", sally.pk)}))["node"]["delegations"] == [
        {"id": delegation["id"], "delegate": {"name": "Dana Delegate"}}
    ]
    assert (await w["uma"].data(PERSON_DELEGATIONS, {"id": gid("User", sally.pk)}))["node"] in (
        None,
        {"delegations": []},
    )


async def delegation_mails(factory: Factory) -> list[tuple[str, str, str]]:
    async with factory() as db:
        rows = await db.execute(
            select(OutboxMail.to_address, OutboxMail.subject, OutboxMail.body)
            .where(OutboxMail.template == "delegation_created")
            .order_by(OutboxMail.subject)
        )
        return [(to, subject, body) for to, subject, body in rows.all()]


async def test_r38_the_delegate_is_told_by_mail_who_delegated_which_role_where_and_when(
    people: People, session_factory: Factory, clock: FrozenClock
) -> None:
    w = await world(people)
    sally, uma, dana = w["sally"], w["uma"], w["dana"]
    assert clock.now() == START  # the dates below are read from it
    so_role = await role_id(sally, "SECURITY_OFFICIAL")
    uga_role = await role_id(uma, "USER_GROUP_ADMINISTRATOR")
    assert await delegation_mails(session_factory) == []

    # when: Sally names Dana for her SO role from tomorrow, Uma names her for the group at once
    start = START + timedelta(days=1)
    made = await sally.data(CREATE, delegation_input(so_role, dana, start, start + timedelta(days=14, hours=8)))
    assert made["createDelegation"]["errors"] == []
    made = await uma.data(CREATE, delegation_input(uga_role, dana, START, START + timedelta(days=3)))
    assert made["createDelegation"]["errors"] == []

    # then: one mail each, to Dana, in words: who, which role of which organization (or group), from when to when
    def body(delegator: str, role: str, where: str, starts: str, ends: str) -> str:
        return (
            "Hello Dana Delegate,\n\n"
            f"{delegator} named you to decide, in their place, the requests that come to them as {role} of {where}, "
            f"from {starts} to {ends}.\n"
            "During that time those requests appear in your IACS approval queue, and your decisions are shown as "
            f"made for {delegator}.\n\n"
            f"If you did not expect this, contact {delegator} or the help desk.\n"
        )

    assert await delegation_mails(session_factory) == [
        (
            dana.email,
            "IACS: Sally Official asked you to decide requests in their place",
            body(
                "Sally Official",
                "Security Official",
                "Clinic",
                "November 3, 2026 at 09:00 UTC",
                "November 17, 2026 at 17:00 UTC",
            ),
        ),
        (
            dana.email,
            "IACS: Uma Admin asked you to decide requests in their place",
            body(
                "Uma Admin",
                "User Group Administrator",
                "the user group Billing of Clinic",
                "November 2, 2026 at 09:00 UTC",
                "November 5, 2026 at 09:00 UTC",
            ),
        ),
    ]


async def test_r38_queue_can_decide_and_approvers_agree_for_a_delegate_and_exclude_their_own_request(
    people: People, clock: FrozenClock
) -> None:
    w = await world(people)
    sally, dana, evan = w["sally"], w["dana"], w["evan"]
    # Dana and Evan ask to be BSOs too: Dana's own request is never hers to decide (R15)
    dana_asks = (await submitted(dana, REQUEST_BSO, {"org": w["clinic"]}))["id"]
    evan_asks = (await submitted(evan, REQUEST_BSO, {"org": w["clinic"]}))["id"]
    so_role = await role_id(sally, "SECURITY_OFFICIAL")
    start = clock.now()
    assert (await sally.data(CREATE, delegation_input(so_role, dana, start, start + timedelta(days=7))))[
        "createDelegation"
    ]["errors"] == []

    in_queue = set(await queue(dana))
    for request in (w["bso"], dana_asks, evan_asks):
        node = (await dana.data(EVERY_REQUEST_STATE, {"id": request}))["node"]
        approver_ids = {a["id"] for a in node["approvers"]}
        named = gid("User", dana.pk) in approver_ids
        assert node["canDecide"] == (request in in_queue) == named, request
    assert in_queue == {w["bso"], evan_asks}
    payload = (await dana.data(APPROVE, {"id": dana_asks}))["approveRequest"]
    assert payload["errors"] == [error("SELF_DECISION_FORBIDDEN", "Nobody decides their own request.", "requestId")]


async def test_r38_the_delegation_ends_by_the_clock_and_when_cancelled(
    people: People, session_factory: Factory, clock: FrozenClock
) -> None:
    w = await world(people)
    sally, dana = w["sally"], w["dana"]
    so_role = await role_id(sally, "SECURITY_OFFICIAL")
    start = clock.now() + timedelta(days=1)
    made = (await sally.data(CREATE, delegation_input(so_role, dana, start, start + timedelta(days=2))))[
        "createDelegation"
    ]["delegation"]
    assert made["active"] is False
    assert await queue(dana) == []  # not started yet

    clock.advance(timedelta(days=1, minutes=1))
    await people.sign_in(sally, dana)
    assert await queue(dana) == [w["bso"]]

    clock.advance(timedelta(days=2))  # past its end
    await people.sign_in(sally, dana, w["uma"])
    assert await queue(dana) == []
    assert (await dana.data(MINE))["viewer"]["delegations"][0]["active"] is False

    # a second one, cancelled by Sally: only she may end it
    start = clock.now()
    second = (await sally.data(CREATE, delegation_input(so_role, dana, start, start + timedelta(days=5))))[
        "createDelegation"
    ]["delegation"]
    assert await queue(dana) == [w["bso"]]
    payload = await refused(dana, session_factory, END, {"id": second["id"]})
    assert payload == {
        "delegation": None,
        "errors": [error("FORBIDDEN", "Only the person who named the delegate can end it.", "id")],
    }
    payload = await refused(w["uma"], session_factory, END, {"id": second["id"]})
    assert payload["errors"] == [error("NOT_FOUND", "No delegation with this id.", "id")]
    ended = (await sally.data(END, {"id": second["id"]}))["endDelegation"]
    assert ended["errors"] == []
    assert (ended["delegation"]["active"], ended["delegation"]["endedAt"] is not None) == (False, True)
    assert await queue(dana) == []
    payload = (await dana.data(APPROVE, {"id": w["bso"]}))["approveRequest"]
    assert payload["errors"][0]["code"] == "NOT_FOUND"  # no longer hers to see
    again = await refused(sally, session_factory, END, {"id": second["id"]})
    assert again["errors"] == [error("DELEGATION_NOT_ALLOWED", "This delegation has already ended.", "id")]


async def test_r36_r38_a_disabled_delegator_or_delegate_gives_no_power(people: People, clock: FrozenClock) -> None:
    w = await world(people)
    sally, dana, desk = w["sally"], w["dana"], w["desk"]
    so_role = await role_id(sally, "SECURITY_OFFICIAL")
    start = clock.now()
    await sally.data(CREATE, delegation_input(so_role, dana, start, start + timedelta(days=10)))
    assert await queue(dana) == [w["bso"]]

    assert (await desk.data(DISABLE, {"id": gid("User", sally.pk)}))["disableAccount"]["errors"] == []
    assert await queue(dana) == []
    assert (await w["eve"].data(DECIDED, {"id": w["bso"]}))["node"]["approvers"] == []
    assert (await desk.data(ENABLE, {"id": gid("User", sally.pk)}))["enableAccount"]["errors"] == []
    assert await queue(dana) == [w["bso"]]

    # a disabled delegate is named by no approvers list
    assert (await desk.data(DISABLE, {"id": gid("User", dana.pk)}))["disableAccount"]["errors"] == []
    names = [a["name"] for a in (await w["eve"].data(DECIDED, {"id": w["bso"]}))["node"]["approvers"]]
    assert names == ["Sally Official"]


async def test_r38_refusals_name_the_field_and_change_nothing(
    people: People, session_factory: Factory, clock: FrozenClock
) -> None:
    w = await world(people)
    sally, uma, dana, olga = w["sally"], w["uma"], w["dana"], w["olga"]
    so_role = await role_id(sally, "SECURITY_OFFICIAL")
    uma_role = await role_id(uma, "USER_GROUP_ADMINISTRATOR")
    now = clock.now()
    week = now + timedelta(days=7)

    cases: list[tuple[Person, dict[str, Any], dict[str, Any]]] = [
        (
            sally,
            delegation_input(so_role, olga, now, week),
            error(
                "DELEGATION_NOT_ALLOWED",
                "Olga Outsider holds no role in Clinic: a delegate must be someone who could hold your role there.",
                "delegateId",
            ),
        ),
        (
            sally,
            delegation_input(so_role, uma, now, week),
            error(
                "DELEGATION_NOT_ALLOWED",
                "Uma Admin is user group administrator in this organization and so cannot act as security "
                "official there (two people are needed).",
                "delegateId",
            ),
        ),
        (
            sally,
            delegation_input(so_role, sally, now, week),
            error("DELEGATION_NOT_ALLOWED", "Name someone else: you already decide your own queue.", "delegateId"),
        ),
        (
            sally,
            delegation_input(so_role, dana, now, now + timedelta(days=91)),
            error("DELEGATION_NOT_ALLOWED", "A delegation lasts at most 90 days: choose an earlier end.", "endsAt"),
        ),
        (
            sally,
            delegation_input(so_role, dana, week, now),
            error("INVALID_INPUT", "The end must come after the start.", "endsAt"),
        ),
        (
            sally,
            delegation_input(so_role, dana, now - timedelta(days=2), week),
            error("INVALID_INPUT", "The start cannot be in the past.", "startsAt"),
        ),
        (  # someone else's role: never delegated by anyone but its holder (no chains either)
            dana,
            delegation_input(so_role, w["evan"], now, week),
            error("NOT_FOUND", "You hold no role with this id.", "roleAssignmentId"),
        ),
        (  # an end user's role has no queue
            dana,
            delegation_input(await role_id(dana, "END_USER"), w["evan"], now, week),
            error(
                "DELEGATION_NOT_ALLOWED",
                "Only a Security Official, a Backup Security Official or a User Group Administrator names a delegate.",
                "roleAssignmentId",
            ),
        ),
        (
            sally,
            delegation_input(so_role, dana, now, week)
            | {
                "input": delegation_input(so_role, dana, now, week)["input"] | {"delegateId": gid("User", uuid.uuid4())}
            },
            error("NOT_FOUND", "No person with this id.", "delegateId"),
        ),
    ]
    for person, variables, expected in cases:
        payload = await refused(person, session_factory, CREATE, variables)
        assert payload == {"delegation": None, "errors": [expected]}, variables

    # a UGA's delegate is a member of the group: Dana may, Olga may not
    made = (await uma.data(CREATE, delegation_input(uma_role, dana, now, week)))["createDelegation"]
    assert made["errors"] == []
    duplicate = await refused(uma, session_factory, CREATE, delegation_input(uma_role, dana, now, week))
    assert duplicate["errors"] == [
        error(
            "DELEGATION_NOT_ALLOWED", "Dana Delegate is already your delegate for this role at that time.", "delegateId"
        )
    ]


def test_r38_routing_never_lets_a_delegate_decide_for_the_delegator_on_the_delegators_own_request() -> None:
    """The Python rule and the SQL parameters of the same authority (the SQL itself runs in the HTTP tests)."""
    org, sally, dana, evan = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    so = HeldRole(Role.SECURITY_OFFICIAL, org, None, None)
    authority = Authority(user_id=dana).with_delegated([DelegatedRole(sally, so)])

    class Request:
        approver_relation = ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL.value
        escalated_relations: list[str] = []
        organization_id = org
        user_group_id = None
        company_id = None

        def __init__(self, requester: uuid.UUID) -> None:
            self.requester_id = requester

    def request(requester: uuid.UUID) -> RequestColumns:
        return cast("RequestColumns", Request(requester))  # a stand-in with the columns the routing reads

    assert authority.can_decide(request(evan)) is True
    assert authority.acting_for(request(evan)) == sally
    assert authority.can_decide(request(sally)) is False  # R15 for the person acted for
    assert authority.can_decide(request(dana)) is False  # R15
    parameters = authority.queue_parameters()
    assert parameters["queue_delegated_organization_security_official"] == [org]
    assert parameters["queue_delegator_organization_security_official"] == [f"{org}:{sally}"]
    assert parameters["queue_organization_security_official"] == []
    queue_clause(parameters)  # builds
    # a delegation of the help desk or of an end user's role gives nothing
    nothing = Authority(user_id=dana).with_delegated([DelegatedRole(sally, HeldRole(Role.END_USER, org, None, None))])
    assert nothing.delegated == {}
    assert START.tzinfo is not None


CANDIDATES = """query($id: ID!) { node(id: $id) { ... on RoleAssignment { delegateCandidates { name } } } }"""


async def test_r38_delegate_candidates_are_who_could_hold_the_role_for_its_holder_only(people: People) -> None:
    w = await world(people)
    so_role = await role_id(w["sally"], "SECURITY_OFFICIAL")
    uga_role = await role_id(w["uma"], "USER_GROUP_ADMINISTRATOR")

    def names(data: dict[str, Any]) -> list[str]:
        return [p["name"] for p in data["node"]["delegateCandidates"]]

    # the clinic's people, but not Uma (R14: a UGA there cannot stand in for its SO) nor Eve (no role yet)
    assert names(await w["sally"].data(CANDIDATES, {"id": so_role})) == ["Dana Delegate", "Evan User"]
    # the group's people for its UGA
    assert names(await w["uma"].data(CANDIDATES, {"id": uga_role})) == ["Dana Delegate", "Evan User"]
    # nobody but the holder sees them
    assert names(await w["desk"].data(CANDIDATES, {"id": so_role})) == []
    # an end user's role has none
    dana_role = await role_id(w["dana"], "END_USER")
    assert names(await w["dana"].data(CANDIDATES, {"id": dana_role})) == []
