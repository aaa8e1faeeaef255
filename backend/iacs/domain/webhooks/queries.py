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
