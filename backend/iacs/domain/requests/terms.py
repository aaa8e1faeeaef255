"""R40: what a requester may add to any request (a justification, an end date) and how an approver may shorten
the end date when approving. Pure checks: each error is coded and names its field; nothing is read or written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from iacs.domain.enums import ErrorCode
from iacs.domain.errors import ErrorCollector
from iacs.domain.validation import clean_text

MAX_JUSTIFICATION = 1000
# A role is certified every year (R30): an end date further away than that says nothing a certifier would not.
MAX_TERM = timedelta(days=365)
# A role that ends within the day it is asked for is no access at all: the end date is at least an hour away.
MIN_TERM = timedelta(hours=1)


@dataclass(frozen=True)
class Terms:
    """What the requester added to a request: why (shown to approvers) and until when (R40)."""

    justification: str | None = None
    ends_at: datetime | None = None


NO_TERMS = Terms()


def _aware(value: datetime) -> datetime:
    """A date given without a time zone is read as UTC (comparing it with the clock would fail otherwise)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _check_end(errors: ErrorCollector, now: datetime, ends_at: datetime, *field: str) -> datetime:
    ends_at = _aware(ends_at)
    if ends_at <= now:
        errors.add(ErrorCode.INVALID_INPUT, "The end date must be in the future.", *field)
    elif ends_at < now + MIN_TERM:
        errors.add(ErrorCode.INVALID_INPUT, "The end date must be at least an hour from now.", *field)
    elif ends_at > now + MAX_TERM:
        errors.add(
            ErrorCode.INVALID_INPUT,
            "The end date can be at most a year from now; roles are reviewed every year anyway.",
            *field,
        )
    return ends_at


def clean_terms(now: datetime, justification: str | None, ends_at: datetime | None) -> Terms:
    """The requester's justification (up to 1,000 characters; blank counts as none) and end date (in the
    future, within a year). Every error comes back at once."""
    errors = ErrorCollector()
    cleaned: str | None = None
    if justification is not None and justification.strip():
        cleaned = clean_text(
            errors, justification, "justification", label="Justification", max_length=MAX_JUSTIFICATION
        )
    checked = _check_end(errors, now, ends_at, "endsAt") if ends_at is not None else None
    errors.raise_if_any()
    return Terms(justification=cleaned, ends_at=checked)


def decided_end(now: datetime, requested: datetime | None, given: datetime | None) -> datetime | None:
    """The end date a role is granted with: the requester's, or an earlier one the approver gives (never a later
    one; without a requested end date any end date is earlier). A requested end date that passed while the
    request waited grants nothing: the request can only be denied (the requester may ask again)."""
    errors = ErrorCollector()
    if requested is not None and requested <= now:
        errors.add(
            ErrorCode.INVALID_INPUT,
            "The end date the requester asked for has passed; deny the request with a reason and let them ask again.",
            "endsAt",
        )
        errors.raise_if_any()
    if given is None:
        return requested
    checked = _check_end(errors, now, given, "endsAt")
    if not errors.errors and requested is not None and checked > requested:
        errors.add(
            ErrorCode.INVALID_INPUT,
            "An approver may bring the end date forward but not push it back past the date the requester asked for.",
            "endsAt",
        )
    errors.raise_if_any()
    return checked
