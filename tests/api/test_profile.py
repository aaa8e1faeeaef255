"""The profile through HTTP (R5, R41): name and phone, password with the current one, e-mail by a code.

Every refusal asserts that nothing changed: the account row, its sessions, and what was mailed.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.accounts.models import User, UserSession
from iacs.domain.audit.models import AuditEvent
from tests.api.people import PASSWORD, People, Person
from tests.conftest import Mailbox
from tests.graphql_client import gql

DeliverMail = Callable[[], Awaitable[int]]

VIEWER_FIELDS = "viewer { name email emailVerified } errors { code message field }"
UPDATE = f"mutation($input: UpdateProfileInput!) {{ updateProfile(input: $input) {{ {VIEWER_FIELDS} }} }}"
CHANGE_PASSWORD = f"mutation($input: ChangePasswordInput!) {{ changePassword(input: $input) {{ {VIEWER_FIELDS} }} }}"
REQUEST_EMAIL = (
    f"mutation($input: RequestEmailChangeInput!) {{ requestEmailChange(input: $input) {{ {VIEWER_FIELDS} }} }}"
)
CONFIRM_EMAIL = f"mutation($code: String!) {{ confirmEmailChange(input: {{code: $code}}) {{ {VIEWER_FIELDS} }} }}"
SIGN_IN = """
mutation($login: String!, $password: String!) {
  signIn(input: {login: $login, password: $password}) { viewer { email } errors { code } }
}"""
NEW_PASSWORD = "copper-meadow-lantern-93"


async def account(factory: async_sessionmaker[AsyncSession], person: Person) -> tuple[Any, ...]:
    async with factory() as db:
        user = await db.get(User, person.pk)
        assert user is not None
        sessions = await db.scalar(
            select(func.count()).select_from(UserSession).where(UserSession.user_id == person.pk)
        )
        return (user.name, user.phone, user.email, user.password_hash, user.email_verified_at, sessions)


async def actions(factory: async_sessionmaker[AsyncSession], person: Person) -> list[str]:
    async with factory() as db:
        rows = await db.scalars(
            select(AuditEvent.action).where(AuditEvent.subject_user_id == person.pk).order_by(AuditEvent.id)
        )
        return list(rows)


def error(code: str, message: str, *field: str) -> dict[str, Any]:
    return {"code": code, "message": message, "field": list(field) if field else None}


async def second_session(people: People, person: Person) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=people.app, client=("127.0.0.1", 40001))
    other = httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1")
    people.clients.append(other)
    body = await gql(other, SIGN_IN, {"login": person.email, "password": PASSWORD})
    assert body["data"]["signIn"]["errors"] == []
    return other


# --- name and phone ------------------------------------------------------------------------------------------


async def test_r41_name_and_phone_change_at_once_and_a_left_out_field_stays(
    people: People, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    pat = await people.make("Pat Profile")
    body = await pat.gql(UPDATE, {"input": {"name": "Patricia Profile", "phone": "+1 (410) 555-0100"}})
    assert body["data"]["updateProfile"] == {
        "viewer": {"name": "Patricia Profile", "email": pat.email, "emailVerified": True},
        "errors": [],
    }
    body = await pat.gql(UPDATE, {"input": {"name": "Pat Profile"}})  # phone left out: kept
    assert body["data"]["updateProfile"]["errors"] == []
    name, phone, *_ = await account(session_factory, pat)
    assert (name, phone) == ("Pat Profile", "+1 (410) 555-0100")
    assert (await pat.data("{ viewer { phone } }"))["viewer"] == {"phone": "+1 (410) 555-0100"}
    desk = await people.make("Dana Desk", help_desk=True)
    pat_id = (await pat.data("{ viewer { id } }"))["viewer"]["id"]
    seen = await desk.data(
        "query($id: ID!) { node(id: $id) { ... on User { name phone pendingEmail } } }", {"id": pat_id}
    )
    assert seen["node"] == {"name": "Pat Profile", "phone": None, "pendingEmail": None}  # the person's own only
    body = await pat.gql(UPDATE, {"input": {"phone": ""}})  # an empty phone removes it
    assert (await account(session_factory, pat))[1] is None
    assert (await actions(session_factory, pat))[-3:] == ["PROFILE_UPDATED"] * 3


async def test_r41_bad_profile_input_changes_nothing(
    people: People, client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    pat = await people.make("Pat Profile")
    before = await account(session_factory, pat)
    audit_before = await actions(session_factory, pat)
    bad = await pat.gql(UPDATE, {"input": {"name": "  ", "phone": "call me"}})
    assert bad["data"]["updateProfile"]["errors"] == [
        error("INVALID_INPUT", "Name is required.", "name"),
        error("INVALID_INPUT", "Enter a phone number of 7 to 32 digits, spaces or +()-.", "phone"),
    ]
    nothing = await pat.gql(UPDATE, {"input": {}})
    assert nothing["data"]["updateProfile"]["errors"] == [
        error("INVALID_INPUT", "Give a new name or phone number.", "name")
    ]
    anonymous = await gql(client, UPDATE, {"input": {"name": "X"}})
    assert anonymous["data"]["updateProfile"] == {
        "viewer": None,
        "errors": [error("UNAUTHENTICATED", "Sign in first.")],
    }
    assert await account(session_factory, pat) == before
    assert await actions(session_factory, pat) == audit_before


# --- password ------------------------------------------------------------------------------------------------


async def test_r41_password_change_ends_every_other_session_and_mails_the_person(
    people: People,
    session_factory: async_sessionmaker[AsyncSession],
    mailbox: Mailbox,
    deliver_mail: DeliverMail,
) -> None:
    pat = await people.make("Pat Profile")
    other = await second_session(people, pat)
    assert (await account(session_factory, pat))[5] == 2

    body = await pat.gql(CHANGE_PASSWORD, {"input": {"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD}})
    assert body["data"]["changePassword"]["errors"] == []

    assert (await account(session_factory, pat))[5] == 1  # this one stays
    assert (await pat.data("{ viewer { email } }"))["viewer"] == {"email": pat.email}
    assert (await gql(other, "{ viewer { email } }"))["data"] == {"viewer": None}  # the other one ended
    old = await gql(other, SIGN_IN, {"login": pat.email, "password": PASSWORD})
    assert old["data"]["signIn"]["errors"] == [{"code": "INVALID_CREDENTIALS"}]
    new = await gql(other, SIGN_IN, {"login": pat.email, "password": NEW_PASSWORD})
    assert new["data"]["signIn"]["errors"] == []
    await deliver_mail()
    [notice] = mailbox.to(pat.email)
    assert notice["Subject"] == "Your IACS password was changed"
    assert "PASSWORD_CHANGED" in await actions(session_factory, pat)


async def test_r41_wrong_current_password_or_weak_new_one_changes_nothing_and_five_wrong_ones_lock(
    people: People, session_factory: async_sessionmaker[AsyncSession], mailbox: Mailbox, deliver_mail: DeliverMail
) -> None:
    pat = await people.make("Pat Profile")
    before = await account(session_factory, pat)
    weak = await pat.gql(CHANGE_PASSWORD, {"input": {"currentPassword": PASSWORD, "newPassword": "short"}})
    assert weak["data"]["changePassword"]["errors"] == [
        error("WEAK_PASSWORD", "Use at least 12 characters.", "newPassword")
    ]
    for attempt in range(5):
        wrong = await pat.gql(
            CHANGE_PASSWORD, {"input": {"currentPassword": f"not-it-{attempt}-xxxxxx", "newPassword": NEW_PASSWORD}}
        )
        assert wrong["data"]["changePassword"]["errors"] == [
            error("WRONG_PASSWORD", "This is not your current password.", "currentPassword")
        ]
    locked = await pat.gql(CHANGE_PASSWORD, {"input": {"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD}})
    assert [e["code"] for e in locked["data"]["changePassword"]["errors"]] == ["ACCOUNT_LOCKED"]
    assert await account(session_factory, pat) == before
    await deliver_mail()
    assert mailbox.to(pat.email) == []
    assert (await actions(session_factory, pat)).count("SIGN_IN_FAILED") == 5


# --- e-mail --------------------------------------------------------------------------------------------------


def code_in(mailbox: Mailbox, address: str) -> str:
    [message] = mailbox.to(address)
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(r"\b(\d{6})\b", body.decode())
    assert found is not None
    return found.group(1)


async def test_r41_email_changes_only_with_the_code_sent_to_the_new_address_and_the_old_one_is_told(
    people: People,
    session_factory: async_sessionmaker[AsyncSession],
    mailbox: Mailbox,
    deliver_mail: DeliverMail,
) -> None:
    pat = await people.make("Pat Profile")
    old_address = pat.email
    body = await pat.gql(REQUEST_EMAIL, {"input": {"newEmail": "pat@new.example.org", "password": PASSWORD}})
    assert body["data"]["requestEmailChange"]["errors"] == []
    assert body["data"]["requestEmailChange"]["viewer"]["email"] == old_address  # nothing changed yet
    assert (await pat.data("{ viewer { email pendingEmail } }"))["viewer"] == {
        "email": old_address,
        "pendingEmail": "pat@new.example.org",
    }
    await deliver_mail()
    code = code_in(mailbox, "pat@new.example.org")
    assert mailbox.to(old_address) == []

    wrong = await pat.gql(CONFIRM_EMAIL, {"code": "000000" if code != "000000" else "111111"})
    assert wrong["data"]["confirmEmailChange"]["errors"] == [
        error("INVALID_CODE", "This code is wrong or has expired. Ask for a new one.", "code")
    ]
    assert (await account(session_factory, pat))[2] == old_address

    done = await pat.gql(CONFIRM_EMAIL, {"code": code})
    assert done["data"]["confirmEmailChange"] == {
        "viewer": {"name": "Pat Profile", "email": "pat@new.example.org", "emailVerified": True},
        "errors": [],
    }
    await deliver_mail()
    [told] = mailbox.to(old_address)
    assert told["Subject"] == "The e-mail address of your IACS account was changed"
    signed_in = await gql(pat.client, SIGN_IN, {"login": "pat@new.example.org", "password": PASSWORD})
    assert signed_in["data"]["signIn"]["errors"] == []
    assert (await actions(session_factory, pat))[-4:-1] == [
        "EMAIL_CHANGE_REQUESTED",
        "EMAIL_CODE_REJECTED",
        "EMAIL_CHANGED",
    ]


async def test_r1_r41_a_taken_address_or_a_wrong_password_sends_no_code(
    people: People,
    session_factory: async_sessionmaker[AsyncSession],
    mailbox: Mailbox,
    deliver_mail: DeliverMail,
) -> None:
    pat = await people.make("Pat Profile")
    kim = await people.make("Kim Taken")
    before = await account(session_factory, pat)
    taken = await pat.gql(REQUEST_EMAIL, {"input": {"newEmail": kim.email.upper(), "password": PASSWORD}})
    assert taken["data"]["requestEmailChange"]["errors"] == [
        error("EMAIL_TAKEN", "An account with this e-mail address already exists.", "newEmail")
    ]
    wrong = await pat.gql(
        REQUEST_EMAIL, {"input": {"newEmail": "pat@new.example.org", "password": "guess-guess-guess"}}
    )
    assert wrong["data"]["requestEmailChange"]["errors"] == [
        error("WRONG_PASSWORD", "This is not your current password.", "password")
    ]
    same = await pat.gql(REQUEST_EMAIL, {"input": {"newEmail": pat.email, "password": PASSWORD}})
    assert same["data"]["requestEmailChange"]["errors"] == [
        error("INVALID_INPUT", "This is already your e-mail address.", "newEmail")
    ]
    no_code = await pat.gql(CONFIRM_EMAIL, {"code": "123456"})
    assert no_code["data"]["confirmEmailChange"]["errors"] == [
        error("INVALID_CODE", "This code is wrong or has expired. Ask for a new one.", "code")
    ]
    await deliver_mail()
    assert mailbox.messages == []
    assert await account(session_factory, pat) == before


async def test_r1_the_new_address_taken_before_the_code_is_entered_changes_nothing(
    people: People,
    client: httpx.AsyncClient,
    session_factory: async_sessionmaker[AsyncSession],
    mailbox: Mailbox,
    deliver_mail: DeliverMail,
) -> None:
    pat = await people.make("Pat Profile")
    await pat.gql(REQUEST_EMAIL, {"input": {"newEmail": "contested@new.example.org", "password": PASSWORD}})
    await deliver_mail()
    code = code_in(mailbox, "contested@new.example.org")
    registered = await gql(
        client,
        "mutation($input: RegisterAccountInput!) { registerAccount(input: $input) { errors { code } } }",
        {
            "input": {
                "email": "contested@new.example.org",
                "name": "Someone Quicker",
                "password": "violet-quarry-beacon-58",
                "community": "PROVIDER_SUPPLIER",
                "acceptTerms": True,
            }
        },
    )
    assert registered["data"]["registerAccount"]["errors"] == []
    before = await account(session_factory, pat)
    late = await pat.gql(CONFIRM_EMAIL, {"code": code})
    assert late["data"]["confirmEmailChange"]["errors"] == [
        error("EMAIL_TAKEN", "An account with this e-mail address already exists.", "code")
    ]
    assert await account(session_factory, pat) == before
