"""Reading CMS's switches (R11, R23, R42): whether a provider type or an application takes new requests.

Used by the request use cases at submission. The row read is share-locked, so that a submission racing the help
desk's closing either commits first (and stays pending, decidable: R42) or waits and is refused with the reason.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.applications.models import Application, ProviderTypeSetting
from iacs.domain.enums import ProviderType

# Shown for an application closed without a stored reason (closed before reasons were kept, or published closed).
APPLICATION_NOT_OPEN = "CMS has not opened it to requests."


async def registration_closed_reason(db: AsyncSession, provider_type: ProviderType) -> str | None:
    """R11: why registration of this provider type is closed, or None while it is open (share-locked)."""
    setting = await db.scalar(
        select(ProviderTypeSetting).where(ProviderTypeSetting.provider_type == provider_type).with_for_update(read=True)
    )
    if setting is None or setting.open:  # a provider type without a row is open (every one has a row: 0007)
        return None
    return setting.reason


def application_closed_message(application: Application) -> str:
    """R23, R42: what a person asking for a closed application is told: its name and the stored reason."""
    return f"{application.name} is closed to new requests." + (
        f" {application.closed_reason}" if application.closed_reason else ""
    )
