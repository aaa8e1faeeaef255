"""Input checks shared by every area; each adds coded errors to an ErrorCollector."""

from __future__ import annotations

import re
import unicodedata

from iacs.domain.enums import ErrorCode
from iacs.domain.errors import ErrorCollector

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$")
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{7,32}$")


def ascii_digits(value: str) -> bool:
    """Only 0-9: `str.isdigit` and `\\d` also take full-width and Arabic-Indic digits, which PostgreSQL's checks
    then refuse (issue 12, finding 9: "Internal error." or a misleading ORGANIZATION_EXISTS)."""
    return value.isascii() and value.isdigit()


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
    """A plain-ASCII address (R1, R3); the domain in lower case, the local part as typed.

    Look-alikes: full-width and other compatibility forms are folded to ASCII (NFKC), and any other non-ASCII
    letter is refused, so "so@lakeside.example" spelled with a Cyrillic "o" (U+043E) can never sit beside the
    real one in an approver's queue (UTS #39's confusables need no table when only one script is allowed).
    Sub-addresses ("ann+iacs@...") stay distinct addresses: whether "+" means anything is the mail provider's
    business, and every account still needs its own verified mailbox (docs/rules.md, R1).
    """
    cleaned = unicodedata.normalize("NFKC", value).strip() if not has_control_characters(value) else value
    if len(cleaned) > 254 or not EMAIL_RE.match(cleaned) or has_control_characters(cleaned):
        errors.add(ErrorCode.INVALID_INPUT, "Enter a valid e-mail address, like name@example.org.", *field)
        return cleaned
    if not cleaned.isascii():
        errors.add(
            ErrorCode.INVALID_INPUT,
            "Enter the e-mail address in plain Latin letters, digits and punctuation (no accented or other letters).",
            *field,
        )
        return cleaned
    local, domain = cleaned.split("@", 1)
    return f"{local}@{domain.lower()}"


def clean_phone(errors: ErrorCollector, value: str | None, *field: str) -> str | None:
    if value is None or not value.strip():
        return None
    cleaned = value.strip()
    if not PHONE_RE.match(cleaned) or sum(ch in "0123456789" for ch in cleaned) < 7:
        errors.add(ErrorCode.INVALID_INPUT, "Enter a phone number of 7 to 32 digits, spaces or +()-.", *field)
    return cleaned


def escape_like(text: str) -> str:
    """`text` as a literal inside a LIKE pattern with the escape character `\\`: `%` and `_` match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_containing(text: str) -> str:
    """A LIKE pattern (escape character `\\`) that matches any text containing `text`."""
    return f"%{escape_like(text)}%"
