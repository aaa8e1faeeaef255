"""Reading webhooks and their delivery log (R44): the help desk's page."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from iacs.domain.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery

MAX_ATTEMPTS_SHOWN = 50


async def all_webhooks(db: AsyncSession) -> Sequence[Webhook]:
    """Active endpoints first, then deleted ones; newest first within each."""
    return (
        await db.scalars(select(Webhook).order_by(Webhook.active.desc(), Webhook.created_at.desc(), Webhook.id))
    ).all()


@dataclass(frozen=True)
class DeliveryPage:
    rows: Sequence[WebhookDelivery]
    has_next: bool
    total: int


async def deliveries(
    db: AsyncSession, webhook_id: uuid.UUID, *, first: int, after: tuple[datetime, uuid.UUID] | None
) -> DeliveryPage:
    """An endpoint's deliveries, newest first (keyset on created_at, id)."""
    query = select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)
    if after is not None:
        query = query.where(func.row(WebhookDelivery.created_at, WebhookDelivery.id) < func.row(after[0], after[1]))
    rows = (
        await db.scalars(query.order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()).limit(first + 1))
    ).all()
    total = await db.scalar(
        select(func.count()).select_from(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)
    )
    return DeliveryPage(rows=rows[:first], has_next=len(rows) > first, total=int(total or 0))


async def attempts_of(db: AsyncSession, delivery_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[WebhookAttempt]]:
    """The newest attempts of each delivery (at most MAX_ATTEMPTS_SHOWN each), newest first."""
    if not delivery_ids:
        return {}
    ranked = (
        select(
            WebhookAttempt,
            func.row_number()
            .over(
                partition_by=WebhookAttempt.delivery_id,
                order_by=(WebhookAttempt.attempted_at.desc(), WebhookAttempt.id.desc()),
            )
            .label("n"),
        )
        .where(WebhookAttempt.delivery_id.in_(sorted(set(delivery_ids))))
        .subquery()
    )
    attempt = aliased(WebhookAttempt, ranked)
    rows = (
        await db.scalars(
            select(attempt)
            .where(ranked.c.n <= MAX_ATTEMPTS_SHOWN)
            .order_by(attempt.attempted_at.desc(), attempt.id.desc())
        )
    ).all()
    found: dict[uuid.UUID, list[WebhookAttempt]] = {i: [] for i in delivery_ids}
    for row in rows:
        found[row.delivery_id].append(row)
    return found


async def webhook_by_id(db: AsyncSession, webhook_id: uuid.UUID) -> Webhook | None:
    """The endpoint with this id, active or deleted (R44: the help desk's to see)."""
    return await db.get(Webhook, webhook_id)


async def delivery_by_id(db: AsyncSession, delivery_id: uuid.UUID) -> WebhookDelivery | None:
    """The delivery with this id, in any state (R44: the help desk's to see)."""
    return await db.get(WebhookDelivery, delivery_id)


async def delivery_to_send_again(db: AsyncSession, delivery_id: uuid.UUID) -> tuple[WebhookDelivery, Webhook] | None:
    """The delivery with this id and its endpoint, the delivery locked (FOR UPDATE) until the transaction ends, so
    that the sender does not claim it while it is sent again (R44); None when there is none."""
    delivery = await db.get(WebhookDelivery, delivery_id, with_for_update=True)
    if delivery is None:
        return None
    webhook = await db.get(Webhook, delivery.webhook_id)
    return (delivery, webhook) if webhook is not None else None
