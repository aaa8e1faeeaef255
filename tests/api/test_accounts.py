"""Accounts through HTTP (R1-R5): register, confirm by mailed code, sign out, sign in, lockout."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.accounts.models import EmailVerificationCode, User, UserSession
from iacs.domain.audit.models import AuditEvent
from iacs.domain.clock import FrozenClock
from tests.conftest import Mailbox
from tests.graphql_client import gql

REGISTER = """
mutation Register($input: RegisterAccountInput!) {
  registerAccount(input: $input) {
    viewer { userId name email community emailVerified roles { id } }
    errors { code message field }
  }
}"""
VERIFY = """
mutation Verify($code: String!) {
  verifyEmail(input: {code: $code}) { viewer { emailVerified } errors { code field } }
}"""
RESEND = "mutation { resendVerificationCode { viewer { emailVerified } errors { code } } }"
SIGN_IN = """
mutation SignIn($login: String!, $password: String!) {
  signIn(input: {login: $login, password: $password}) { viewer { email userId } errors { code message field } }
}"""
SIGN_OUT = "mutation { signOut }"
VIEWER = "{ viewer { email emailVerified roles { id } requests { totalCount } } }"

PASSWORD = "violet-harbor-lantern-42"
DeliverMail = Callable[[], Awaitable[int]]


def registration(email: str = "pat.jones@clinic.example.org", **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "email": email,
        "name": "Pat Jones",
        "password": PASSWORD,
        "community": "PROVIDER_SUPPLIER",
        "acceptTerms": True,
    }
    data.update(overrides)
    return {"input": data}


def code_from(mailbox: Mailbox, address: str) -> str:
    messages = mailbox.to(address)
    assert len(messages) >= 1
    body = messages[-1].get_payload(decode=True)
    assert isinstance(body, bytes)
    match = re.search(r"\b(\d{6})\b", body.decode())
    assert match is not None
    return match.group(1)


async def count(factory: async_sessionmaker[AsyncSession], stmt: Any) -> int:
    async with factory() as db:
        return int(await db.scalar(stmt) or 0)


async def test_register_verify_sign_out_and_sign_in_by_email_and_user_id(
    client: httpx.AsyncClient, mailbox: Mailbox, deliver_mail: DeliverMail
) -> None:
    # given a new person registers (R1-R3): the account exists and is signed in, not yet verified
    body = await gql(client, REGISTER, registration())
    payload = body["data"]["registerAccount"]
    assert payload["errors"] == []
    viewer = payload["viewer"]
    assert viewer["email"] == "pat.jones@clinic.example.org"
    assert viewer["name"] == "Pat Jones"
    assert viewer["community"] == "PROVIDER_SUPPLIER"
    assert viewer["emailVerified"] is False
    assert viewer["roles"] == []
    assert re.fullmatch(r"[A-Z2-9]{8}", viewer["userId"])
    user_id = viewer["userId"]

    # when the outbox is delivered over SMTP, the code arrives and confirms the address
    assert await deliver_mail() == 1
    code = code_from(mailbox, "pat.jones@clinic.example.org")
    verified = await gql(client, VERIFY, {"code": code})
    assert verified["data"]["verifyEmail"] == {"viewer": {"emailVerified": True}, "errors": []}

    # then sign-out ends the session
    assert (await gql(client, SIGN_OUT))["data"] == {"signOut": True}
    assert (await gql(client, VIEWER))["data"] == {"viewer": None}

    # and the person signs in with the e-mail (any case) and with the user ID
    by_email = await gql(client, SIGN_IN, {"login": "Pat.Jones@Clinic.Example.org", "password": PASSWORD})
    assert by_email["data"]["signIn"] == {
        "viewer": {"email": "pat.jones@clinic.example.org", "userId": user_id},
        "errors": [],
    }
    assert (await gql(client, VIEWER))["data"]["viewer"] == {
        "email": "pat.jones@clinic.example.org",
        "emailVerified": True,
        "roles": [],
        "requests": {"totalCount": 0},
    }
    await gql(client, SIGN_OUT)
    by_user_id = await gql(client, SIGN_IN, {"login": user_id.lower(), "password": PASSWORD})
    assert by_user_id["data"]["signIn"]["errors"] == []
    assert by_user_id["data"]["signIn"]["viewer"]["userId"] == user_id


async def test_session_cookie_is_http_only_and_lax(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": REGISTER, "variables": registration()})
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("iacs_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/" in cookie


async def test_email_taken_case_insensitive_and_nothing_written(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await gql(client, REGISTER, registration())
    await gql(client, SIGN_OUT)
    users_before = await count(session_factory, select(func.count()).select_from(User))

    body = await gql(client, REGISTER, registration(email="PAT.JONES@clinic.example.org", name="Someone Else"))

    assert body["data"]["registerAccount"] == {
        "viewer": None,
        "errors": [
            {
                "code": "EMAIL_TAKEN",
                "message": "An account with this e-mail address already exists.",
                "field": ["email"],
            }
        ],
    }
    assert await count(session_factory, select(func.count()).select_from(User)) == users_before
    assert (await gql(client, VIEWER))["data"] == {"viewer": None}


async def test_look_alike_addresses_are_refused_and_full_width_ones_folded(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    """Issue 12, finding 10 (R1): a Cyrillic "o" makes an address that looks like a colleague's in a queue."""
    await gql(client, REGISTER, registration())
    await gql(client, SIGN_OUT)
    users_before = await count(session_factory, select(func.count()).select_from(User))

    cyrillic = await gql(client, REGISTER, registration(email="pat.j\u043enes@clinic.example.org", name="Mallory"))
    accented = await gql(client, REGISTER, registration(email="pat.jon\u00e9s@clinic.example.org", name="Mallory"))
    # Full-width letters are the same address once folded (NFKC): taken.
    full_width = await gql(client, REGISTER, registration(email="\uff50\uff41\uff54.jones@clinic.example.org"))

    plain_latin = {
        "code": "INVALID_INPUT",
        "message": (
            "Enter the e-mail address in plain Latin letters, digits and punctuation (no accented or other letters)."
        ),
        "field": ["email"],
    }
    assert cyrillic["data"]["registerAccount"] == {"viewer": None, "errors": [plain_latin]}
    assert accented["data"]["registerAccount"] == {"viewer": None, "errors": [plain_latin]}
    assert full_width["data"]["registerAccount"]["errors"] == [
        {"code": "EMAIL_TAKEN", "message": "An account with this e-mail address already exists.", "field": ["email"]}
    ]
    assert await count(session_factory, select(func.count()).select_from(User)) == users_before
    # ... and a full-width login signs in to the ASCII account.
    signed_in = await gql(
        client, SIGN_IN, {"login": "\uff50\uff41\uff54.jones@clinic.example.org", "password": PASSWORD}
    )
    assert signed_in["data"]["signIn"]["viewer"]["email"] == "pat.jones@clinic.example.org"


async def test_sub_addresses_are_distinct_addresses(client: httpx.AsyncClient) -> None:
    """Decided (docs/rules.md, R1): "+tag" is the mail provider's business; each account verifies its own mailbox."""
    await gql(client, REGISTER, registration())
    await gql(client, SIGN_OUT)
    body = await gql(client, REGISTER, registration(email="pat.jones+iacs@clinic.example.org", name="Pat Jones"))
    assert body["data"]["registerAccount"]["errors"] == []
    assert body["data"]["registerAccount"]["viewer"]["email"] == "pat.jones+iacs@clinic.example.org"


async def test_weak_passwords_are_refused(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    for password, message in [
        ("short-pass1", "Use at least 12 characters."),
        ("password1234", "This password is too common; choose a less predictable one."),
        ("aaaaaaaaaaaaaaa", "This password is too common; choose a less predictable one."),
        ("pat.jones-secret-99", "The password must not contain your e-mail address."),
        ("my-name-is-Jones-ok", "The password must not contain your name."),
        ("x" * 257, "Use at most 256 characters."),
    ]:
        body = await gql(client, REGISTER, registration(password=password))
        assert body["data"]["registerAccount"]["errors"] == [
            {"code": "WEAK_PASSWORD", "message": message, "field": ["password"]}
        ], password
    assert await count(session_factory, select(func.count()).select_from(User)) == 0


async def test_every_field_error_comes_back_at_once(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    body = await gql(
        client,
        REGISTER,
        registration(email="not-an-address", name="  ", password="short", acceptTerms=False, phone="call me"),
    )
    errors = body["data"]["registerAccount"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [
        ("INVALID_INPUT", ["email"]),
        ("INVALID_INPUT", ["name"]),
        ("INVALID_INPUT", ["phone"]),
        ("INVALID_INPUT", ["acceptTerms"]),
        ("WEAK_PASSWORD", ["password"]),
    ]
    assert await count(session_factory, select(func.count()).select_from(User)) == 0


async def test_control_characters_in_name_are_refused(client: httpx.AsyncClient) -> None:
    body = await gql(client, REGISTER, registration(name="Pat\u0000Jones"))
    assert body["data"]["registerAccount"]["errors"] == [
        {"code": "INVALID_INPUT", "message": "Name contains characters that are not allowed.", "field": ["name"]}
    ]


async def test_wrong_code_is_refused_and_counted(
    client: httpx.AsyncClient,
    mailbox: Mailbox,
    deliver_mail: DeliverMail,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await gql(client, REGISTER, registration())
    await deliver_mail()
    code = code_from(mailbox, "pat.jones@clinic.example.org")
    wrong = "000000" if code != "000000" else "111111"

    body = await gql(client, VERIFY, {"code": wrong})

    assert body["data"]["verifyEmail"] == {
        "viewer": {"emailVerified": False},
        "errors": [{"code": "INVALID_CODE", "field": ["code"]}],
    }
    assert await count(session_factory, select(EmailVerificationCode.attempts)) == 1
    assert (
        await count(session_factory, select(func.count()).select_from(User).where(User.email_verified_at.is_not(None)))
        == 0
    )


async def test_expired_code_is_refused_and_a_new_one_works(
    client: httpx.AsyncClient, mailbox: Mailbox, deliver_mail: DeliverMail, clock: FrozenClock
) -> None:
    await gql(client, REGISTER, registration())
    await deliver_mail()
    old_code = code_from(mailbox, "pat.jones@clinic.example.org")

    # R3: a code lives 30 minutes
    clock.advance(timedelta(minutes=30, seconds=1))
    await gql(client, SIGN_IN, {"login": "pat.jones@clinic.example.org", "password": PASSWORD})  # session idled out
    expired = await gql(client, VERIFY, {"code": old_code})
    assert expired["data"]["verifyEmail"]["errors"] == [{"code": "INVALID_CODE", "field": ["code"]}]

    assert (await gql(client, RESEND))["data"]["resendVerificationCode"] == {
        "viewer": {"emailVerified": False},
        "errors": [],
    }
    await deliver_mail()
    new_code = code_from(mailbox, "pat.jones@clinic.example.org")
    assert (await gql(client, VERIFY, {"code": new_code}))["data"]["verifyEmail"]["errors"] == []
    # the superseded code is not accepted any more, even had it not expired
    assert len(mailbox.to("pat.jones@clinic.example.org")) == 2


async def test_resend_is_limited_to_one_a_minute(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    await gql(client, REGISTER, registration())
    body = await gql(client, RESEND)
    assert body["data"]["resendVerificationCode"]["errors"] == [{"code": "RATE_LIMITED"}]
    clock.advance(timedelta(seconds=61))
    assert (await gql(client, RESEND))["data"]["resendVerificationCode"]["errors"] == []


async def _registered(client: httpx.AsyncClient) -> None:
    await gql(client, REGISTER, registration())
    await gql(client, SIGN_OUT)


async def test_unknown_account_and_wrong_password_get_the_same_answer(client: httpx.AsyncClient) -> None:
    await _registered(client)
    unknown = await gql(client, SIGN_IN, {"login": "nobody@clinic.example.org", "password": PASSWORD})
    wrong = await gql(client, SIGN_IN, {"login": "pat.jones@clinic.example.org", "password": "not-the-password-1"})
    expected = {
        "viewer": None,
        "errors": [
            {
                "code": "INVALID_CREDENTIALS",
                "message": "The e-mail or user ID and password do not match an account.",
                "field": None,
            }
        ],
    }
    assert unknown["data"]["signIn"] == expected
    assert wrong["data"]["signIn"] == expected


async def test_account_locked_after_five_failures_then_unlocked_after_fifteen_minutes(
    client: httpx.AsyncClient, clock: FrozenClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await _registered(client)
    login = {"login": "pat.jones@clinic.example.org", "password": "not-the-password-1"}
    codes = []
    for _ in range(5):
        codes.append((await gql(client, SIGN_IN, login))["data"]["signIn"]["errors"][0]["code"])
    assert codes == ["INVALID_CREDENTIALS"] * 5

    # R4: locked, even with the right password
    right = {"login": "pat.jones@clinic.example.org", "password": PASSWORD}
    locked = await gql(client, SIGN_IN, right)
    assert locked["data"]["signIn"]["viewer"] is None
    assert locked["data"]["signIn"]["errors"][0]["code"] == "ACCOUNT_LOCKED"
    assert (await gql(client, VIEWER))["data"] == {"viewer": None}
    assert (
        await count(
            session_factory, select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "ACCOUNT_LOCKED")
        )
        == 1
    )
    assert (
        await count(
            session_factory, select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "SIGN_IN_FAILED")
        )
        == 6
    )

    clock.advance(timedelta(minutes=14, seconds=59))
    assert (await gql(client, SIGN_IN, right))["data"]["signIn"]["errors"][0]["code"] == "ACCOUNT_LOCKED"
    clock.advance(timedelta(seconds=2))
    assert (await gql(client, SIGN_IN, right))["data"]["signIn"]["errors"] == []


async def test_unknown_login_locks_like_a_real_one(client: httpx.AsyncClient) -> None:
    # No answer may tell whether an account exists: unknown logins lock after 5 failures too.
    login = {"login": "ghost@clinic.example.org", "password": "not-the-password-1"}
    codes = [(await gql(client, SIGN_IN, login))["data"]["signIn"]["errors"][0]["code"] for _ in range(6)]
    assert codes == ["INVALID_CREDENTIALS"] * 5 + ["ACCOUNT_LOCKED"]


async def test_failures_outside_the_window_do_not_lock(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    await _registered(client)
    login = {"login": "pat.jones@clinic.example.org", "password": "not-the-password-1"}
    for _ in range(4):
        await gql(client, SIGN_IN, login)
    clock.advance(timedelta(minutes=16))
    for _ in range(4):
        await gql(client, SIGN_IN, login)
    right = {"login": "pat.jones@clinic.example.org", "password": PASSWORD}
    assert (await gql(client, SIGN_IN, right))["data"]["signIn"]["errors"] == []


async def test_sessions_end_after_30_idle_minutes_and_12_hours(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    await gql(client, REGISTER, registration())
    clock.advance(timedelta(minutes=29))
    assert (await gql(client, VIEWER))["data"]["viewer"] is not None  # touches the session
    clock.advance(timedelta(minutes=29))
    assert (await gql(client, VIEWER))["data"]["viewer"] is not None
    clock.advance(timedelta(minutes=31))
    assert (await gql(client, VIEWER))["data"] == {"viewer": None}

    await gql(client, SIGN_IN, {"login": "pat.jones@clinic.example.org", "password": PASSWORD})
    for _ in range(24):  # active every 29 minutes, for 11.6 hours
        clock.advance(timedelta(minutes=29))
        assert (await gql(client, VIEWER))["data"]["viewer"] is not None
    clock.advance(timedelta(minutes=25))  # 12 h 1 min after sign-in
    assert (await gql(client, VIEWER))["data"] == {"viewer": None}


async def test_sign_in_replaces_the_previous_session(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await gql(client, REGISTER, registration())
    assert await count(session_factory, select(func.count()).select_from(UserSession)) == 1
    await gql(client, SIGN_IN, {"login": "pat.jones@clinic.example.org", "password": PASSWORD})
    assert await count(session_factory, select(func.count()).select_from(UserSession)) == 1


async def test_verify_email_needs_a_session(client: httpx.AsyncClient) -> None:
    body = await gql(client, VERIFY, {"code": "123456"})
    assert body["data"]["verifyEmail"] == {"viewer": None, "errors": [{"code": "UNAUTHENTICATED", "field": None}]}


async def test_sign_in_and_failure_are_audited(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await _registered(client)
    await gql(client, SIGN_IN, {"login": "pat.jones@clinic.example.org", "password": "not-the-password-1"})
    await gql(client, SIGN_IN, {"login": "pat.jones@clinic.example.org", "password": PASSWORD})
    async with session_factory() as db:
        actions = (await db.scalars(select(AuditEvent.action).order_by(AuditEvent.id))).all()
    assert actions == [
        "ACCOUNT_REGISTERED",
        "EMAIL_CODE_SENT",
        "SIGN_OUT",
        "SIGN_IN_FAILED",
        "SIGN_IN",
    ]
