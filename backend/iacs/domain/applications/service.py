"""CMS's switches at run time (R42, making R11 and R23 concrete): the help desk (R33) opens and closes provider
types and publishes, opens and closes applications. A reason is required to close and is what people asking
for the closed thing are told; every change is audited (R31); requests already pending stay decidable (nothing
here touches them: only submission looks at the switches, domain/applications/switches.py).
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.applications.models import Application, ProviderTypeSetting
from iacs.domain.applications.switches import APPLICATION_NOT_OPEN
from iacs.domain.audit.service import AuditAction
from iacs.domain.enums import ErrorCode, ProviderType
from iacs.domain.errors import DomainError, ErrorCollector, FieldError
from iacs.domain.requests.service import UseCase
from iacs.domain.validation import clean_text

MAX_REASON = 500
MAX_NAME = 200
MAX_DESCRIPTION = 1000
MAX_CODE = 32
_CODE_PART = re.compile(r"[A-Z0-9]+")


def _require_help_desk(uc: UseCase, what: str) -> None:
    if not uc.actor.authority.is_help_desk:
        raise DomainError.single(ErrorCode.FORBIDDEN, f"Only the CMS help desk can {what}.")


def _clean_reason(errors: ErrorCollector, reason: str | None, *, closing: bool) -> str | None:
    """The reason people will read: required to close (R42), at most 500 characters, no control characters."""
    cleaned = clean_text(errors, reason or "", "reason", label="Reason", max_length=MAX_REASON, required=closing)
    if closing and not errors.has("reason") and not cleaned:
        errors.add(ErrorCode.INVALID_INPUT, "Reason is required.", "reason")
    return cleaned or None


async def provider_type_settings(db: AsyncSession) -> list[ProviderTypeSetting]:
    """R11: every provider type, open or closed, in the order of the enum (a missing row reads as open)."""
    rows = {s.provider_type: s for s in (await db.scalars(select(ProviderTypeSetting))).all()}
    return [rows.get(t) or ProviderTypeSetting(provider_type=t, open=True, reason=None) for t in ProviderType]


async def set_provider_type_open(
    uc: UseCase, provider_type: ProviderType, *, open: bool, reason: str | None
) -> ProviderTypeSetting:
    """R11, R42: open or close registration of a provider type; closing needs the reason people will see."""
    _require_help_desk(uc, "open and close provider types")
    errors = ErrorCollector()
    cleaned = _clean_reason(errors, reason, closing=not open)
    errors.raise_if_any()
    setting = await uc.db.scalar(
        select(ProviderTypeSetting).where(ProviderTypeSetting.provider_type == provider_type).with_for_update()
    )
    if setting is None:  # every provider type has a row (migration 0007); a new one gets its row here
        setting = ProviderTypeSetting(provider_type=provider_type, open=True)
        uc.db.add(setting)
    new_reason = None if open else cleaned
    if setting.open == open and setting.reason == new_reason:
        return setting  # nothing changes, nothing to audit
    was_open = setting.open
    setting.open, setting.reason = open, new_reason
    setting.changed_at, setting.changed_by_id = uc.now, uc.actor.id
    await uc.db.flush()
    await uc.record(
        AuditAction.PROVIDER_TYPE_OPENED if open else AuditAction.PROVIDER_TYPE_CLOSED,
        ip_address=uc.actor.ip_address,
        details={"provider_type": provider_type.value, "was_open": was_open, "reason": cleaned},
    )
    return setting


def _code_for(name: str, taken: set[str]) -> str:
    """A short unique code from the name's ASCII letters and digits, like PART-B-REPORTS (R23)."""
    base = "-".join(_CODE_PART.findall(name.upper()))[: MAX_CODE - 4].strip("-") or "APP"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


async def publish_application(uc: UseCase, *, name: str, description: str | None, open: bool) -> Application:
    """R23, R42: CMS publishes an application, open or closed to requests; its name is unique."""
    _require_help_desk(uc, "publish applications")
    errors = ErrorCollector()
    cleaned_name = clean_text(errors, name, "name", label="Name", max_length=MAX_NAME)
    cleaned_description = clean_text(
        errors, description or "", "description", label="Description", max_length=MAX_DESCRIPTION, required=False
    )
    errors.raise_if_any()
    # one publication at a time: the name check below and the insert cannot interleave with another's
    await uc.db.execute(text("SELECT pg_advisory_xact_lock(42, 1)"))
    same_name = await uc.db.scalar(
        select(Application.id).where(func.lower(Application.name) == cleaned_name.lower()).limit(1)
    )
    if same_name is not None:
        raise DomainError(
            FieldError(ErrorCode.INVALID_INPUT, "An application with this name is already published.", ("name",))
        )
    taken = set((await uc.db.scalars(select(Application.code))).all())
    application = Application(
        code=_code_for(cleaned_name, taken),
        name=cleaned_name,
        description=cleaned_description or None,
        open=open,
        closed_reason=None if open else APPLICATION_NOT_OPEN,
    )
    uc.db.add(application)
    await uc.db.flush()
    await uc.record(
        AuditAction.APPLICATION_PUBLISHED,
        ip_address=uc.actor.ip_address,
        details={"application": application.name, "code": application.code, "open": open},
    )
    return application


async def set_application_open(
    uc: UseCase, application_id: uuid.UUID | None, *, open: bool, reason: str | None
) -> Application:
    """R23, R42: open or close an application to new requests; closing needs the reason people will see."""
    application = (
        await uc.db.scalar(select(Application).where(Application.id == application_id).with_for_update())
        if application_id is not None
        else None
    )
    if application is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No application with this id.", ("applicationId",))
    _require_help_desk(uc, "open and close applications")
    errors = ErrorCollector()
    cleaned = _clean_reason(errors, reason, closing=not open)
    errors.raise_if_any()
    new_reason = None if open else cleaned
    if application.open == open and application.closed_reason == new_reason:
        return application
    was_open = application.open
    application.open, application.closed_reason = open, new_reason
    await uc.db.flush()
    await uc.record(
        AuditAction.APPLICATION_OPENED if open else AuditAction.APPLICATION_CLOSED,
        ip_address=uc.actor.ip_address,
        details={"application": application.name, "code": application.code, "was_open": was_open, "reason": cleaned},
    )
    return application
