"""Signatures in the Standard Webhooks layout (R44, docs/api.md "Webhooks")."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix of every shown secret, not a secret
KEY_BYTES = 32


def new_key() -> str:
    """A random signing key, base64; shown to the help desk once as whsec_<key>."""
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def shown_secret(key: str) -> str:
    return f"{SECRET_PREFIX}{key}"


def signature(key: str, event_id: str, timestamp: int, body: bytes) -> str:
    """`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, the value of the webhook-signature header."""
    signed = f"{event_id}.{timestamp}.".encode() + body
    digest = hmac.new(base64.b64decode(key), signed, hashlib.sha256).digest()
    return f"v1,{base64.b64encode(digest).decode()}"


def headers(key: str, event_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(key, event_id, timestamp, body),
    }
