"""R44: signed webhooks, through HTTP, to a real receiver on 127.0.0.1; time moves by a FrozenClock only.

Deliveries are sent by `deliver_due` (what the server's background sender runs), never by a request.
"""

from __future__ import annotations

import base64
import json
import socket
import time
import uuid
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.clock import FrozenClock
from iacs.domain.lifecycle.runner import run_once
from iacs.domain.webhooks import delivery
from iacs.domain.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery
from iacs.domain.webhooks.service import global_id
from iacs.graphql.ids import to_global_id
from tests.api.operations import APPROVE, DENY, REQUEST_BSO, REVOKE, approve, approved_organization
from tests.api.people import People, Person
from tests.receiver import Receiver, receiving, verify

CREATE = """mutation($input: CreateWebhookInput!) { createWebhook(input: $input) {
  webhook { id url events active organization { legalBusinessName } } secret errors { code field } } }"""
DELETE = "mutation($id: ID!) { deleteWebhook(input: {id: $id}) { webhook { id active } errors { code field } } }"
REDELIVER = """mutation($id: ID!) { redeliverWebhookDelivery(input: {id: $id}) {
  delivery { id status eventId attemptCount } errors { code field } } }"""
WEBHOOKS = """{ webhooks { id url active events deliveries(first: 100) { totalCount edges { node {
  id eventId event status attemptCount lastStatusCode lastError deliveredAt
  attempts { statusCode error } } } } } }"""
CERTIFY = """mutation($ids: [ID!]!) { certifyRoles(input: {roleAssignmentIds: $ids}) {
  roleAssignments { id status } errors { code field } } }"""
MY_ROLES = "{ viewer { roles { id role status } } }"
ALL_EVENTS = [
    "REQUEST_SUBMITTED",
    "REQUEST_DECIDED",
    "REQUEST_EXPIRED",
    "REQUEST_ESCALATED",
    "ROLE_GRANTED",
    "ROLE_ENDED",
    "ROLE_SUSPENDED",
    "ROLE_RESTORED",
]


async def create_webhook(desk: Person, url: str, events: list[str] | None = None, org: str | None = None) -> Any:
    payload = (await desk.data(CREATE, {"input": {"url": url, "events": events or ALL_EVENTS, "organizationId": org}}))[
        "createWebhook"
    ]
    assert payload["errors"] == [], payload
    return payload


async def deliver(factory: async_sessionmaker[AsyncSession], clock: FrozenClock, seconds: float = 5.0) -> int:
    return await delivery.deliver_due(factory, clock, allow_local=True, seconds=seconds)


async def count(factory: async_sessionmaker[AsyncSession], model: Any) -> int:
    async with factory() as db:
        return int(await db.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def receiver() -> Any:
    with receiving() as made:
        yield made


def test_global_ids_in_bodies_are_the_apis() -> None:
    pk = uuid.uuid4()
    assert global_id("AccessRequest", pk) == to_global_id("AccessRequest", pk)


async def test_r44_every_event_type_is_delivered_signed_with_its_id(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession], receiver: Receiver
) -> None:
    # given an endpoint for every event
    desk = await people.make("Hal Desk", help_desk=True)
    created = await create_webhook(desk, receiver.url)
    secret = created["secret"]
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert created["webhook"] == {
        "id": created["webhook"]["id"],
        "url": receiver.url,
        "events": ALL_EVENTS,
        "active": True,
        "organization": None,
    }

    # when: a registration approved (submitted, decided, granted) ...
    so = await people.make("Sue Official")
    org = await approved_organization(so, desk, 71, "Hookline Clinic")
    # ... a request denied, one approved and its role revoked (ended) ...
    denied, granted, waiting = [await people.make(n) for n in ("Dee Nied", "Bea Backup", "Wes Waiting")]
    asked = (await denied.data(REQUEST_BSO, {"org": org}))["requestBackupSecurityOfficial"]["request"]
    assert (await so.data(DENY, {"id": asked["id"], "reason": "Not staff"}))["denyRequest"]["errors"] == []
    asked = (await granted.data(REQUEST_BSO, {"org": org}))["requestBackupSecurityOfficial"]["request"]
    assert (await approve(so, asked["id"]))["errors"] == []
    bso_role = (await granted.data(MY_ROLES))["viewer"]["roles"][0]
    revoked = (await so.data(REVOKE, {"id": bso_role["id"], "reason": "Left"}))["revokeRole"]
    assert revoked["errors"] == []
    # ... a request that waits 14 days (escalated) and 30 days (expired) ...
    asked = (await waiting.data(REQUEST_BSO, {"org": org}))["requestBackupSecurityOfficial"]["request"]
    clock.advance(timedelta(days=14))
    await run_once(session_factory, clock)
    clock.advance(timedelta(days=16))
    assert (await run_once(session_factory, clock)).expired == 1
    # ... and the SO's role suspended for want of certification, then restored by the help desk
    clock.advance(timedelta(days=336))
    assert (await run_once(session_factory, clock)).suspended == 1
    await people.sign_in(desk, so)
    roles = await _role_ids(session_factory, so.pk)
    restored = (await desk.data(CERTIFY, {"ids": roles}))["certifyRoles"]
    assert restored["errors"] == []

    # then every event is delivered once, signed, with the id in the header and the body
    delivered = await deliver(session_factory, clock)
    bodies = receiver.bodies()
    assert delivered == 14
    assert Counter(b["type"] for b in bodies) == {
        "request.submitted": 4,
        "request.decided": 3,
        "role.granted": 2,
        "role.ended": 1,
        "request.escalated": 1,
        "request.expired": 1,
        "role.suspended": 1,
        "role.restored": 1,
    }
    for got in receiver.received:
        assert verify(secret, got)
        assert got.headers["webhook-id"] == got.json["id"]
        assert got.headers["webhook-timestamp"] == str(int(clock.now().timestamp()))
        assert got.headers["content-type"] == "application/json"
        assert got.path == "/hooks/iacs?source=test"
        assert set(got.json) == {"id", "type", "occurredAt", "data"}
    assert len({b["id"] for b in bodies}) == 14
    decisions = [b["data"]["decision"] for b in bodies if b["type"] == "request.decided"]
    assert sorted(decisions) == ["APPROVED", "APPROVED", "DENIED"]
    ended = next(b for b in bodies if b["type"] == "role.ended")
    assert ended["data"] == {
        "roleAssignmentId": bso_role["id"],
        "organizationId": org,
        "userId": to_global_id("User", granted.pk),
        "actorId": to_global_id("User", so.pk),
        "role": "BACKUP_SECURITY_OFFICIAL",
    }
    # a signature made with another key does not verify
    assert not verify("whsec_" + base64.b64encode(b"x" * 32).decode(), receiver.received[0])
    # and nothing is sent twice
    assert await deliver(session_factory, clock) == 0
    assert len(receiver.received) == 14


async def _role_ids(factory: async_sessionmaker[AsyncSession], user_pk: Any) -> list[str]:
    from iacs.domain.roles.models import RoleAssignment

    async with factory() as db:
        ids = (await db.scalars(select(RoleAssignment.id).where(RoleAssignment.user_id == user_pk))).all()
    return [to_global_id("RoleAssignment", i) for i in ids]


async def test_r44_retries_with_back_off_and_logs_every_attempt(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession], receiver: Receiver
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    secret = (await create_webhook(desk, receiver.url, ["REQUEST_SUBMITTED"]))["secret"]
    so = await people.make("Sue Official")
    from tests.api.operations import register_organization

    await register_organization(so, 72, "Retry Clinic")
    receiver.statuses = [500, 503]

    # attempt 1 fails; nothing is due again before 5 s
    assert await deliver(session_factory, clock) == 0
    assert await deliver(session_factory, clock) == 0
    assert len(receiver.received) == 1
    clock.advance(timedelta(seconds=4))
    assert await deliver(session_factory, clock) == 0
    assert len(receiver.received) == 1
    # attempt 2 after 5 s fails; the next waits 20 s
    clock.advance(timedelta(seconds=1))
    assert await deliver(session_factory, clock) == 0
    clock.advance(timedelta(seconds=19))
    assert await deliver(session_factory, clock) == 0
    assert len(receiver.received) == 2
    clock.advance(timedelta(seconds=1))
    assert await deliver(session_factory, clock) == 1
    assert len(receiver.received) == 3
    # the same event each time: same id, same body; each signature verifies
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    assert len({r.body for r in receiver.received}) == 1
    assert all(verify(secret, r) for r in receiver.received)
    # the help desk sees the attempts, newest first
    hook = (await desk.data(WEBHOOKS))["webhooks"][0]
    node = hook["deliveries"]["edges"][0]["node"]
    assert node["status"] == "DELIVERED"
    assert node["attemptCount"] == 3
    assert node["eventId"] == receiver.received[0].headers["webhook-id"]
    assert node["lastStatusCode"] == 200
    assert node["lastError"] is None
    assert node["attempts"] == [
        {"statusCode": 200, "error": None},
        {"statusCode": 503, "error": "The receiver answered HTTP 503."},
        {"statusCode": 500, "error": "The receiver answered HTTP 500."},
    ]


async def test_r44_gives_up_after_24_hours_and_the_help_desk_redelivers_by_hand(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession], receiver: Receiver
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    await create_webhook(desk, receiver.url, ["REQUEST_SUBMITTED"])
    so = await people.make("Sue Official")
    from tests.api.operations import register_organization

    await register_organization(so, 73, "Gaveup Clinic")
    receiver.statuses = [500] * 100
    start = clock.now()
    while clock.now() < start + timedelta(hours=25):
        await deliver(session_factory, clock)
        clock.advance(timedelta(minutes=30))
    tries = len(receiver.received)
    # back-off: 5 s, 20 s, 80 s, 320 s, 1280 s, 5120 s, then every 4 hours, the last one at 24 h
    assert 10 <= tries <= 14
    async with session_factory() as db:
        row = (await db.scalars(select(WebhookDelivery))).one()
        assert row.given_up_at is not None
        assert row.given_up_at - start <= timedelta(hours=24, minutes=30)
        assert row.attempts == tries
    await people.sign_in(desk)
    node = (await desk.data(WEBHOOKS))["webhooks"][0]["deliveries"]["edges"][0]["node"]
    assert node["status"] == "FAILED"
    assert len(node["attempts"]) == tries

    # by hand: queued again at once, sent with the same id and body
    receiver.statuses = []
    again = (await desk.data(REDELIVER, {"id": node["id"]}))["redeliverWebhookDelivery"]
    assert again == {
        "delivery": {"id": node["id"], "status": "PENDING", "eventId": node["eventId"], "attemptCount": tries},
        "errors": [],
    }
    assert await deliver(session_factory, clock) == 1
    assert receiver.received[-1].headers["webhook-id"] == node["eventId"]
    assert receiver.received[-1].body == receiver.received[0].body
    node = (await desk.data(WEBHOOKS))["webhooks"][0]["deliveries"]["edges"][0]["node"]
    assert (node["status"], node["attemptCount"]) == ("DELIVERED", tries + 1)


async def test_r44_a_dead_or_slow_receiver_never_blocks_a_decision(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession], receiver: Receiver
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    with socket.socket() as probe:  # a port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    await create_webhook(desk, f"http://127.0.0.1:{dead_port}/x")
    await create_webhook(desk, receiver.url)
    receiver.hang_seconds = 3.0  # answers, but only after 3 s
    so = await people.make("Sue Official")
    from tests.api.operations import register_organization

    request = await register_organization(so, 74, "Slowpoke Clinic")
    # the decision answers at once: the events wait in the outbox
    started = time.monotonic()
    decided = (await desk.data(APPROVE, {"id": request["id"], "reason": None}))["approveRequest"]
    assert time.monotonic() - started < 1.0
    assert decided["errors"] == []
    assert decided["request"]["status"] == "APPROVED"
    assert await count(session_factory, WebhookDelivery) == 6  # submitted, decided, granted, to both endpoints

    # the sender gives each attempt a short time: the dead one is refused, the slow one times out
    started = time.monotonic()
    assert await deliver(session_factory, clock, seconds=0.5) == 0
    assert time.monotonic() - started < 3.0  # in parallel, not one after another
    async with session_factory() as db:
        errors = Counter((await db.scalars(select(WebhookAttempt.error))).all())
    assert errors["No answer within 0.5 s."] == 3
    assert sum(n for e, n in errors.items() if e is not None and e.startswith("Could not deliver")) == 3


async def test_r44_a_refused_change_leaves_no_event_and_scope_filters_by_organization(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession], receiver: Receiver
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    so = await people.make("Sue Official")
    other = await people.make("Oz Other")
    org = await approved_organization(so, desk, 75, "Scoped Clinic")
    await approved_organization(other, desk, 76, "Unscoped Clinic")
    scoped = await create_webhook(desk, receiver.url, ["REQUEST_SUBMITTED", "REQUEST_DECIDED"], org)
    assert scoped["webhook"]["organization"] == {"legalBusinessName": "Scoped Clinic"}
    asker = await people.make("Al Asker")
    asked = (await asker.data(REQUEST_BSO, {"org": org}))["requestBackupSecurityOfficial"]["request"]
    elsewhere = await people.make("El Sewhere")
    other_org = await desk.data("{ organizations(first: 100) { edges { node { id legalBusinessName } } } }")
    unscoped_id = next(
        e["node"]["id"]
        for e in other_org["organizations"]["edges"]
        if e["node"]["legalBusinessName"] == "Unscoped Clinic"
    )
    await elsewhere.data(REQUEST_BSO, {"org": unscoped_id})
    # a refused decision (the requester decides their own request) changes nothing and sends nothing
    own = (await asker.data(APPROVE, {"id": asked["id"], "reason": None}))["approveRequest"]
    assert own["errors"] != []
    assert await deliver(session_factory, clock) == 1
    assert [(b["type"], b["data"]["organizationId"]) for b in receiver.bodies()] == [("request.submitted", org)]


async def test_r44_deleting_an_endpoint_stops_its_deliveries(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession], receiver: Receiver
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    hook = (await create_webhook(desk, receiver.url))["webhook"]
    so = await people.make("Sue Official")
    from tests.api.operations import register_organization

    await register_organization(so, 77, "Deleted Clinic")
    deleted = (await desk.data(DELETE, {"id": hook["id"]}))["deleteWebhook"]
    assert deleted == {"webhook": {"id": hook["id"], "active": False}, "errors": []}
    await register_organization(so, 78, "Later Clinic")
    assert await deliver(session_factory, clock) == 0
    assert receiver.received == []
    listed = (await desk.data(WEBHOOKS))["webhooks"]
    assert [(h["id"], h["active"], h["deliveries"]["totalCount"]) for h in listed] == [(hook["id"], False, 1)]
    status = listed[0]["deliveries"]["edges"][0]["node"]["status"]
    assert status == "FAILED"
    # a deleted endpoint's delivery cannot be sent by hand
    node_id = listed[0]["deliveries"]["edges"][0]["node"]["id"]
    refused = (await desk.data(REDELIVER, {"id": node_id}))["redeliverWebhookDelivery"]
    assert refused == {"delivery": None, "errors": [{"code": "INVALID_INPUT", "field": ["id"]}]}


async def test_r44_only_the_help_desk_sees_and_manages_webhooks(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession], receiver: Receiver
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    hook = (await create_webhook(desk, receiver.url))["webhook"]
    so = await people.make("Sue Official")
    from tests.api.operations import register_organization

    await register_organization(so, 79, "Private Clinic")
    delivery_id = (await desk.data(WEBHOOKS))["webhooks"][0]["deliveries"]["edges"][0]["node"]["id"]

    assert (await so.data("{ webhooks { id } }"))["webhooks"] == []
    made = (await so.data(CREATE, {"input": {"url": receiver.url, "events": ["ROLE_GRANTED"]}}))["createWebhook"]
    assert made == {"webhook": None, "secret": None, "errors": [{"code": "FORBIDDEN", "field": None}]}
    gone = (await so.data(DELETE, {"id": hook["id"]}))["deleteWebhook"]
    assert gone == {"webhook": None, "errors": [{"code": "NOT_FOUND", "field": ["id"]}]}
    again = (await so.data(REDELIVER, {"id": delivery_id}))["redeliverWebhookDelivery"]
    assert again == {"delivery": None, "errors": [{"code": "NOT_FOUND", "field": ["id"]}]}
    for gid in (hook["id"], delivery_id):
        assert (await so.data("query($id: ID!) { node(id: $id) { id } }", {"id": gid}))["node"] is None
        assert (await desk.data("query($id: ID!) { node(id: $id) { id } }", {"id": gid}))["node"] == {"id": gid}
    # nothing changed
    async with session_factory() as db:
        assert (await db.scalars(select(Webhook.active))).all() == [True]
        assert (await db.scalars(select(WebhookDelivery.attempts))).all() == [0]


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://example.org/hook", "http(s)"),
        ("https://user:pw@example.org/hook", "user name or password"),
        ("https://example.org/hook#part", "fragment"),
        ("https://10.1.2.3/hook", "private"),
        ("https://169.254.169.254/latest/meta-data", "private"),
        ("https://[fd00::1]/hook", "private"),
        ("https://0.0.0.0/hook", "private"),
        ("https:///hook", "no host"),
        ("https://exa mple.org/", "spaces"),
        ("https://example.org/" + "a" * 2000, "longer than 2000"),
    ],
)
async def test_r44_urls_that_could_reach_inside_are_refused(
    people: People, session_factory: async_sessionmaker[AsyncSession], url: str, fragment: str
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    payload = (await desk.gql(CREATE, {"input": {"url": url, "events": ["ROLE_GRANTED"]}}))["data"]["createWebhook"]
    assert payload["webhook"] is None
    assert payload["secret"] is None
    assert payload["errors"] == [{"code": "INVALID_INPUT", "field": ["url"]}]
    message = (
        await desk.gql(
            "mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { errors { message } } }",
            {"i": {"url": url, "events": ["ROLE_GRANTED"]}},
        )
    )["data"]["createWebhook"]["errors"][0]["message"]
    assert fragment in message
    assert await count(session_factory, Webhook) == 0


async def test_r44_no_events_and_unknown_organization_are_named(
    people: People, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    payload = (
        await desk.data(
            CREATE,
            {
                "input": {
                    "url": "https://example.org/hook",
                    "events": [],
                    "organizationId": to_global_id("Organization", uuid.uuid4()),
                }
            },
        )
    )["createWebhook"]
    assert payload["errors"] == [
        {"code": "INVALID_INPUT", "field": ["events"]},
        {"code": "NOT_FOUND", "field": ["organizationId"]},
    ]
    assert await count(session_factory, Webhook) == 0


async def test_r44_the_sender_checks_the_address_again_before_sending(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession], receiver: Receiver
) -> None:
    """Registered while loopback was allowed; a sender without the allowance refuses to send there."""
    desk = await people.make("Hal Desk", help_desk=True)
    await create_webhook(desk, receiver.url, ["REQUEST_SUBMITTED"])
    so = await people.make("Sue Official")
    from tests.api.operations import register_organization

    await register_organization(so, 80, "Guarded Clinic")
    assert await delivery.deliver_due(session_factory, clock, allow_local=False) == 0
    assert receiver.received == []
    async with session_factory() as db:
        assert (await db.scalars(select(WebhookAttempt.error))).all() == ["The URL must start with https://."]


async def test_r44_deliveries_page_by_cursor_and_refuse_a_foreign_one(
    people: People, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession], receiver: Receiver
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    await create_webhook(desk, receiver.url, ["REQUEST_SUBMITTED"])
    so = await people.make("Sue Official")
    from tests.api.operations import register_organization

    for seed in (91, 92, 93):
        await register_organization(so, seed, f"Paged Clinic {seed}")
        clock.advance(timedelta(seconds=1))
    page = """query($a: String) { webhooks { deliveries(first: 2, after: $a) { totalCount
      pageInfo { hasNextPage endCursor } edges { node { body } } } } }"""
    first = (await desk.data(page, {"a": None}))["webhooks"][0]["deliveries"]
    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await desk.data(page, {"a": first["pageInfo"]["endCursor"]}))["webhooks"][0]["deliveries"]
    assert rest["pageInfo"]["hasNextPage"] is False
    bodies = [json.loads(e["node"]["body"]) for e in [*first["edges"], *rest["edges"]]]
    assert len({b["data"]["requestId"] for b in bodies}) == 3
    times = [b["occurredAt"] for b in bodies]
    assert times == sorted(times, reverse=True)  # newest first
    refused = await desk.gql(page, {"a": "not-a-cursor"})
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert refused["errors"][0]["message"] == "The cursor `after` is not one this list gave out."
