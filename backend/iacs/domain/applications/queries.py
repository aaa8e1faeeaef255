"""Reads of the CMS applications (R23): the public list."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.applications.models import Application


async def applications_by_name(db: AsyncSession) -> Sequence[Application]:
    """Every application, open or closed, by name (R23: what anyone, signed in or not, may list)."""
    return (await db.scalars(select(Application).order_by(Application.name))).all()
