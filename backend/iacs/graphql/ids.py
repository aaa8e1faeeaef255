"""Opaque global ids: base64url of "<TypeName>:<uuid>" (Relay Node convention)."""

from __future__ import annotations

import base64
import binascii
import enum
import uuid

_URL_SAFE = bytes.maketrans(b"+/", b"-_")


def to_global_id(type_name: str, value: uuid.UUID) -> str:
    # base64.urlsafe_b64encode without its two Python calls: every id of every row of an answer comes here
    raw = f"{type_name}:{value}".encode()
    return binascii.b2a_base64(raw, newline=False).translate(_URL_SAFE).rstrip(b"=").decode()


def from_global_id(global_id: str, expected_type: str | None = None) -> tuple[str, uuid.UUID] | None:
    """The (type, uuid) of a global id, or None for anything malformed or of another type."""
    if not global_id or len(global_id) > 100:
        return None
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, raw_id = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        parsed = uuid.UUID(raw_id)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if expected_type is not None and type_name != expected_type:
        return None
    return type_name, parsed


def uuid_of(global_id: str | None, type_name: str) -> uuid.UUID | None:
    """The uuid inside a global id of the expected type; None (answered as NOT_FOUND) otherwise."""
    if global_id is None:
        return None
    decoded = from_global_id(global_id, type_name)
    return decoded[1] if decoded is not None else None


class NoSuch(enum.Enum):
    """A list's filter by an id that is malformed or of another type: it names nothing, so the list is empty."""

    OBJECT = "no such object"


def filter_id(global_id: str | None, type_name: str) -> uuid.UUID | NoSuch | None:
    """A list's filter by one object (like `organizationId`): None when omitted, else its uuid, or NoSuch.OBJECT
    for an id of nothing (the list then answers empty, running no SQL)."""
    if global_id is None:
        return None
    decoded = from_global_id(global_id, type_name)
    return decoded[1] if decoded is not None else NoSuch.OBJECT
