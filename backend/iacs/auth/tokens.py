"""Random secrets and their stored digests: session tokens, e-mail codes, user IDs."""

from __future__ import annotations

import hashlib
import hmac
import secrets

USER_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud to the help desk


def new_session_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8")).digest()


def same_digest(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


def new_email_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def new_user_id() -> str:
    return "".join(secrets.choice(USER_ID_ALPHABET) for _ in range(8))
