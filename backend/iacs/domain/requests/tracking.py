"""Tracking numbers people can read out on the phone: date and 6 unambiguous characters."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.auth.tokens import USER_ID_ALPHABET
from iacs.domain.requests.models import AccessRequest


async def new_tracking_number(db: AsyncSession, now: datetime) -> str:
    for _ in range(10):
        suffix = "".join(secrets.choice(USER_ID_ALPHABET) for _ in range(6))
        candidate = f"R{now:%y%m%d}-{suffix}"
        if await db.scalar(select(AccessRequest.id).where(AccessRequest.tracking_number == candidate)) is None:
            return candidate
    raise RuntimeError("could not find an unused tracking number")  # 32^6 a day: practically unreachable
