"""Password policy (R4, after NIST SP 800-63B) and argon2id hashing with bounded concurrency."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 256
MAX_CONCURRENT_HASHES = 4  # docs/reliability.md: at most 4 hashes at once, so sign-in storms cannot starve reads

_hasher = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4 (above OWASP's 19 MiB / t=2)
_semaphore: asyncio.Semaphore | None = None
_RUNS = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm")


def _hash_slots() -> asyncio.Semaphore:
    global _semaphore  # noqa: PLW0603 - one semaphore per process, created inside the running loop
    if _semaphore is None:
        _semaphore = asyncio.Semaphore(MAX_CONCURRENT_HASHES)
    return _semaphore


@functools.cache
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common-passwords.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _is_run(value: str) -> bool:
    """One repeated character, or a slice of a digit, alphabet or keyboard run (forwards or back)."""
    if len(set(value)) == 1:
        return True
    for run in _RUNS:
        doubled = run * 3
        if value in doubled or value in doubled[::-1]:
            return True
    return False


def password_problem(password: str, *, email: str, name: str) -> str | None:
    """Why a password is refused, or None when it is acceptable (R4)."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    lowered = password.lower()
    if lowered in _common_passwords() or _is_run(lowered):
        return "This password is too common; choose a less predictable one."
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 3 and local_part in lowered:
        return "The password must not contain your e-mail address."
    for part in name.lower().split():
        if len(part) >= 3 and part in lowered:
            return "The password must not contain your name."
    return None


def _utf8(password: str) -> bytes:
    # argon2-cffi encodes str as strict UTF-8, which fails on a lone surrogate (JSON can carry one); the same
    # bytes as strict UTF-8 for every other string, so stored hashes stay valid.
    return password.encode("utf-8", "surrogatepass")


async def hash_password(password: str) -> str:
    """Hold no database connection while calling this: it waits for one of 4 slots, then hashes for ~0.3 s."""
    async with _hash_slots():
        return await asyncio.to_thread(_hasher.hash, _utf8(password))


async def verify_password(password_hash: str, password: str) -> bool:
    """Hold no database connection while calling this (see `hash_password`)."""
    async with _hash_slots():
        return await asyncio.to_thread(_verify, password_hash, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, _utf8(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("an unguessable placeholder for timing")


async def verify_against_dummy(password: str) -> None:
    """Spend the same time as a real check, so unknown accounts answer like wrong passwords (R4)."""
    await verify_password(_dummy_hash(), password)


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
