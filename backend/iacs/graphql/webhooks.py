"""Webhooks in GraphQL (R44): the help desk's endpoints, their deliveries and attempts, and redelivery by hand.

Everything here is the help desk's alone (docs/visibility.md): `webhooks` is empty, `node(id)` null and every
mutation NOT_FOUND for anyone else, as for a thing that does not exist.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, TypeAlias

import strawberry

from iacs.domain.enums import ErrorCode
from iacs.domain.errors import FieldError
from iacs.domain.organizations.queries import organization_exists
from iacs.domain.visibility import may_view_webhooks
from iacs.domain.webhooks import models, queries, service
from iacs.graphql.access import context_of
from iacs.graphql.context import Context
from iacs.graphql.enums import describe_values
from iacs.graphql.errors import Unauthenticated, UserError, user_errors
from iacs.graphql.ids import from_global_id
from iacs.graphql.info import Info
from iacs.graphql.node import Node, NodeRefInput, node_of
from iacs.graphql.pagination import After, Connection, First, Paging
from iacs.graphql.transactions import NOT_SIGNED_IN, run_mutation
from iacs.graphql.visible import organization_or_none

if TYPE_CHECKING:
    from iacs.graphql.organizations.types import Organization

MAX_EVENTS = 100  # input lists (docs/api.md, Limits)

WebhookEvent: TypeAlias = models.WebhookEvent
strawberry.enum(WebhookEvent, name="WebhookEvent", description="What a webhook endpoint can be told about (R44).")
describe_values(
    WebhookEvent,
    {
        models.WebhookEvent.REQUEST_SUBMITTED: "A request was submitted (`request.submitted`).",
        models.WebhookEvent.REQUEST_DECIDED: "A request was approved or denied (`request.decided`; `data.decision`).",
        models.WebhookEvent.REQUEST_EXPIRED: "A request waited too long and expired (`request.expired`).",
        models.WebhookEvent.REQUEST_ESCALATED: "A request that waited too long moved up a level (`request.escalated`).",
        models.WebhookEvent.ROLE_GRANTED: "Someone was given a role (`role.granted`).",
        models.WebhookEvent.ROLE_ENDED: "A role ended: revoked, or its end date came (`role.ended`).",
        models.WebhookEvent.ROLE_SUSPENDED: "A role was suspended for want of certification (`role.suspended`).",
        models.WebhookEvent.ROLE_RESTORED: "A suspended role was certified and is in force again (`role.restored`).",
    },
)


class DeliveryStatus(enum.Enum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


WebhookDeliveryStatus: TypeAlias = DeliveryStatus
strawberry.enum(WebhookDeliveryStatus, name="WebhookDeliveryStatus", description="Where a delivery stands.")
describe_values(
    WebhookDeliveryStatus,
    {
        DeliveryStatus.PENDING: "Not delivered yet: waiting for its next attempt.",
        DeliveryStatus.DELIVERED: "The receiver answered 2xx.",
        DeliveryStatus.FAILED: "Given up: no 2xx within 24 hours, or the endpoint was deleted. Redeliver by hand.",
    },
)


def _status(delivery: models.WebhookDelivery) -> DeliveryStatus:
    if delivery.delivered_at is not None:
        return DeliveryStatus.DELIVERED
    if delivery.given_up_at is not None:
        return DeliveryStatus.FAILED
    return DeliveryStatus.PENDING


@strawberry.type(description="One try of a delivery: what the receiver answered, or why there was no answer.")
class WebhookAttempt:
    attempted_at: datetime = strawberry.field(description="When it was tried.")
    status_code: int | None = strawberry.field(description="The receiver's HTTP status; null when it did not answer.")
    error: str | None = strawberry.field(description="Why it failed; null when the receiver answered 2xx.")
    duration_ms: int = strawberry.field(description="How long the attempt took, in milliseconds.")

    @classmethod
    def from_model(cls, attempt: models.WebhookAttempt) -> WebhookAttempt:
        return cls(
            attempted_at=attempt.attempted_at,
            status_code=attempt.status_code,
            error=attempt.error,
            duration_ms=attempt.duration_ms,
        )


@strawberry.type(
    description="One event for one endpoint (R44), with every attempt to send it. Help desk only; retried with "
    "back-off for 24 hours, then FAILED until redelivered by hand."
)
class WebhookDelivery(Node):
    event_id: str = strawberry.field(
        description="The event's id: the `webhook-id` header and the body's `id`, the same on every attempt, by "
        "which the receiver drops a duplicate."
    )
    event: WebhookEvent = strawberry.field(description="What happened.")
    body: str = strawberry.field(description="The JSON body sent (and signed) on every attempt.")
    created_at: datetime = strawberry.field(description="When the event happened and the delivery was queued.")
    status: WebhookDeliveryStatus = strawberry.field(description="Pending, delivered or given up.")
    attempt_count: int = strawberry.field(description="How many attempts were made.")
    next_attempt_at: datetime | None = strawberry.field(
        description="When the next attempt is due; null unless PENDING."
    )
    delivered_at: datetime | None = strawberry.field(description="When the receiver answered 2xx; null before.")
    last_status_code: int | None = strawberry.field(description="The last attempt's HTTP status, if it got one.")
    last_error: str | None = strawberry.field(description="Why the last attempt failed; null after a success.")
    attempts: list[WebhookAttempt] = strawberry.field(
        description=f"The attempts, newest first (at most the newest {queries.MAX_ATTEMPTS_SHOWN})."
    )

    @classmethod
    def from_model(cls, delivery: models.WebhookDelivery, attempts: list[models.WebhookAttempt]) -> WebhookDelivery:
        status = _status(delivery)
        return node_of(
            cls,
            delivery,
            event_id=str(delivery.event_id),
            event=models.WebhookEvent(delivery.event_type),
            status=status,
            attempt_count=delivery.attempts,
            next_attempt_at=delivery.next_attempt_at if status is DeliveryStatus.PENDING else None,
            last_status_code=delivery.last_status,
            attempts=[WebhookAttempt.from_model(a) for a in attempts],
        )


@strawberry.type(
    description="An endpoint the help desk registered to receive signed events (R44). Help desk only; its secret "
    "is shown once, by createWebhook."
)
class Webhook(Node):
    url: str = strawberry.field(description="Where events are POSTed.")
    events: list[WebhookEvent] = strawberry.field(description="The events it receives.")
    active: bool = strawberry.field(description="False once deleted: nothing more is sent; its log stays.")
    created_at: datetime = strawberry.field(description="When it was registered.")
    _model: strawberry.Private[models.Webhook]

    @classmethod
    def from_model(cls, webhook: models.Webhook) -> Webhook:
        return node_of(cls, webhook, events=[models.WebhookEvent(e) for e in webhook.events], _model=webhook)

    @strawberry.field(description="Only this organization's events; null: events of every organization.")
    async def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("iacs.graphql.organizations.types")] | None:
        return await organization_or_none(context_of(info), self._model.organization_id)

    @strawberry.field(description="Its deliveries, newest first. `first` at most 100.")
    async def deliveries(self, info: Info, first: First = None, after: After = None) -> Connection[WebhookDelivery]:
        context = context_of(info)
        paging = Paging.of(first, after, datetime, uuid.UUID)
        key = paging.key
        page = await queries.deliveries(
            context.db, self._model.id, first=paging.limit, after=(key[0], key[1]) if key is not None else None
        )
        attempts = await queries.attempts_of(context.db, [d.id for d in page.rows])
        return paging.connection(
            page.rows,
            key=lambda d: (d.created_at.isoformat(), str(d.id)),
            node=lambda d: WebhookDelivery.from_model(d, attempts[d.id]),
            has_next=page.has_next,
            total=page.total,
        )


@strawberry.input(description="R44: a new webhook endpoint.")
class CreateWebhookInput:
    url: str = strawberry.field(
        description="Where to POST: https, no user name or password, a public address (development also allows "
        "http and loopback); at most 2,000 characters."
    )
    events: list[WebhookEvent] = strawberry.field(description="The events to send (at least one).")
    organization_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this organization's events (Organization.id); omit for every organization."
    )


@strawberry.type(description="The new endpoint and its signing secret, or why it was refused.")
class CreateWebhookPayload:
    webhook: Webhook | None = strawberry.field(description="The new endpoint; null when refused.")
    secret: str | None = strawberry.field(
        description="The signing secret, `whsec_<base64>` (the key is the base64-decoded part): shown this once, "
        "never again. Null when refused."
    )
    errors: list[UserError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="An endpoint after a change, or why the change was refused.")
class WebhookPayload:
    webhook: Webhook | None = strawberry.field(description="The endpoint after the change; null when refused.")
    errors: list[UserError] = strawberry.field(description="Why the change was refused; empty on success.")


@strawberry.type(description="A delivery after it was queued again, or why not.")
class WebhookDeliveryPayload:
    delivery: WebhookDelivery | None = strawberry.field(description="The delivery, PENDING again; null when refused.")
    errors: list[UserError] = strawberry.field(description="Why it was refused; empty on success.")


async def _help_desk(context: Context) -> tuple[uuid.UUID | None, FieldError | None]:
    actor = await context.actor()
    if actor is None:
        return None, NOT_SIGNED_IN
    return (actor.id, None) if may_view_webhooks(actor) else (None, None)


@strawberry.type
class WebhookQueries:
    @strawberry.field(
        description="R44: every webhook endpoint, active ones first. Help desk only: empty for anyone else. Needs "
        "a session."
    )
    async def webhooks(self, info: Info) -> list[Webhook]:
        context = context_of(info)
        actor_id, refused = await _help_desk(context)
        if refused is not None:
            raise Unauthenticated
        if actor_id is None:
            return []
        rows = await queries.all_webhooks(context.db)
        return [Webhook.from_model(w) for w in rows]


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description="R44: the help desk registers an endpoint for signed events; the secret is in the answer, "
        "once. FORBIDDEN for anyone else; INVALID_INPUT naming `url` or `events` for a bad value."
    )
    async def create_webhook(
        self,
        info: Info,
        input: Annotated[CreateWebhookInput, strawberry.argument(description="The URL, events and scope.")],
    ) -> CreateWebhookPayload:
        context = context_of(info)
        if len(input.events) > MAX_EVENTS:  # an input list's bound, checked before any statement runs
            error = FieldError(ErrorCode.INVALID_INPUT, f"At most {MAX_EVENTS} events.", ("events",))
            return CreateWebhookPayload(webhook=None, secret=None, errors=user_errors([error]))
        actor_id, refused = await _help_desk(context)
        if actor_id is None:
            error = refused or FieldError(ErrorCode.FORBIDDEN, "Only the help desk manages webhooks.")
            return CreateWebhookPayload(webhook=None, secret=None, errors=user_errors([error]))
        org_pk: uuid.UUID | None = None
        org_exists = True
        if input.organization_id is not None:
            decoded = from_global_id(input.organization_id, "Organization")
            org_pk = decoded[1] if decoded is not None else uuid.UUID(int=0)
            org_exists = await organization_exists(context.db, org_pk)

        async def action() -> service.Created:
            return await service.create_webhook(
                context.db,
                now=context.clock.now(),
                actor_id=actor_id,
                url=input.url,
                events=[models.WebhookEvent(e) for e in input.events],
                organization_id=org_pk,
                organization_exists=org_exists,
                allow_local=context.settings.webhook_allow_local,
            )

        created, errors = await run_mutation(context, action)
        if created is None:
            return CreateWebhookPayload(webhook=None, secret=None, errors=user_errors(errors))
        return CreateWebhookPayload(webhook=Webhook.from_model(created.webhook), secret=created.secret, errors=[])

    @strawberry.mutation(
        description="R44: the help desk deletes an endpoint: nothing more is sent to it (what waited is given up); "
        "it stays in the list, inactive, with its log. NOT_FOUND for anyone else."
    )
    async def delete_webhook(
        self,
        info: Info,
        input: Annotated[NodeRefInput, strawberry.argument(description="The endpoint (Webhook.id).")],
    ) -> WebhookPayload:
        context = context_of(info)
        actor_id, refused = await _help_desk(context)
        webhook = await _webhook(context, input.id) if actor_id is not None else None
        if webhook is None:
            return WebhookPayload(webhook=None, errors=user_errors([refused or _not_found("endpoint")]))

        async def action() -> models.Webhook:
            return await service.delete_webhook(context.db, now=context.clock.now(), webhook=webhook)

        done, errors = await run_mutation(context, action)
        return WebhookPayload(
            webhook=Webhook.from_model(done) if done is not None else None, errors=user_errors(errors)
        )

    @strawberry.mutation(
        description="R44: the help desk sends a delivery again, at once, with the same id and body (after a "
        "FAILED one, or to replay one). NOT_FOUND for anyone else."
    )
    async def redeliver_webhook_delivery(
        self,
        info: Info,
        input: Annotated[NodeRefInput, strawberry.argument(description="The delivery (WebhookDelivery.id).")],
    ) -> WebhookDeliveryPayload:
        context = context_of(info)
        actor_id, refused = await _help_desk(context)
        decoded = from_global_id(input.id, "WebhookDelivery") if actor_id is not None else None
        found: tuple[models.WebhookDelivery, models.Webhook] | None = None
        if decoded is not None:
            found = await queries.delivery_to_send_again(context.db, decoded[1])
        if found is None:
            return WebhookDeliveryPayload(delivery=None, errors=user_errors([refused or _not_found("delivery")]))
        found_delivery, found_webhook = found

        async def action() -> models.WebhookDelivery:
            await service.redeliver(context.db, now=context.clock.now(), delivery=found_delivery, webhook=found_webhook)
            return found_delivery

        done, errors = await run_mutation(context, action)
        if done is None:
            return WebhookDeliveryPayload(delivery=None, errors=user_errors(errors))
        attempts = await queries.attempts_of(context.db, [done.id])
        return WebhookDeliveryPayload(delivery=WebhookDelivery.from_model(done, attempts[done.id]), errors=[])


def _not_found(what: str) -> FieldError:
    return FieldError(ErrorCode.NOT_FOUND, f"No {what} with this id.", ("id",))


async def _webhook(context: Context, global_id: str) -> models.Webhook | None:
    decoded = from_global_id(global_id, "Webhook")
    if decoded is None:
        return None
    return await queries.webhook_by_id(context.db, decoded[1])


async def webhook_node(context: Context, type_name: str, pk: uuid.UUID) -> Node | None:
    """node(id) for the two webhook types: the help desk's only (domain/visibility.py)."""
    actor = await context.actor()
    if actor is None or not may_view_webhooks(actor):
        return None
    if type_name == "Webhook":
        webhook = await queries.webhook_by_id(context.db, pk)
        return Webhook.from_model(webhook) if webhook is not None else None
    delivery = await queries.delivery_by_id(context.db, pk)
    if delivery is None:
        return None
    attempts = await queries.attempts_of(context.db, [delivery.id])
    return WebhookDelivery.from_model(delivery, attempts[delivery.id])
