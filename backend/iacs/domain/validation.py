"""Input checks shared by every area; each adds coded errors to an ErrorCollector."""

from __future__ import annotations

import re
import unicodedata

from iacs.domain.enums import ErrorCode
from iacs.domain.errors import ErrorCollector

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$")
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{7,32}$")


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in value)


def clean_text(
    errors: ErrorCollector, value: str, *field: str, label: str, max_length: int, required: bool = True
) -> str:
    """Trimmed text without control characters, within length; errors name the field."""
    cleaned = value.strip()
    if has_control_characters(cleaned):
        errors.add(ErrorCode.INVALID_INPUT, f"{label} contains characters that are not allowed.", *field)
    elif required and not cleaned:
        errors.add(ErrorCode.INVALID_INPUT, f"{label} is required.", *field)
    elif len(cleaned) > max_length:
        errors.add(ErrorCode.INVALID_INPUT, f"{label} must be at most {max_length} characters.", *field)
    return cleaned


def clean_email(errors: ErrorCollector, value: str, *field: str) -> str:
    cleaned = value.strip()
    if len(cleaned) > 254 or not EMAIL_RE.match(cleaned) or has_control_characters(cleaned):
        errors.add(ErrorCode.INVALID_INPUT, "Enter a valid e-mail address, like name@example.org.", *field)
        return cleaned
    local, domain = cleaned.split("@", 1)
    return f"{local}@{domain.lower()}"


def clean_phone(errors: ErrorCollector, value: str | None, *field: str) -> str | None:
    if value is None or not value.strip():
        return None
    cleaned = value.strip()
    if not PHONE_RE.match(cleaned) or sum(ch.isdigit() for ch in cleaned) < 7:
        errors.add(ErrorCode.INVALID_INPUT, "Enter a phone number of 7 to 32 digits, spaces or +()-.", *field)
    return cleaned
