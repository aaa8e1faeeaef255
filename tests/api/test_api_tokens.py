"""Personal API tokens through HTTP (R43): made, named, listed and revoked by their owner; a request with
`Authorization: Bearer` acts as the owner with exactly their roles; never manages tokens, the profile or the
password; refused after revocation, after expiry and while the account is disabled.

Every refusal asserts that nothing changed.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.accounts.models import ApiToken, User, UserSession
from iacs.domain.audit.models import AuditEvent
from iacs.domain.clock import FrozenClock
from iacs.graphql.ids import to_global_id
from tests.api.people import PASSWORD, People, Person
from tests.conftest import START

CREATE = """mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token { id name createdAt expiresAt lastUsedAt } secret errors { code message field }
  }
}"""
REVOKE = """mutation($id: ID!) {
  revokeApiToken(input: {id: $id}) { token { id name } errors { code message field } }
}"""
TOKENS = "{ viewer { name apiTokens { id name createdAt expiresAt lastUsedAt } } }"
VIEWER = "{ viewer { name roles { role } } }"
IN_A_MONTH = (START + timedelta(days=30)).isoformat()
INVALID_TOKEN_MESSAGE = (
    "This API token does not work: it is unknown, revoked or expired, or its account is disabled. "
    "Make a new one on your profile page."
)
REFUSED = {
    "code": "FORBIDDEN",
    "message": "An API token cannot do this. Sign in to the web app to manage your tokens, profile, password or "
    "e-mail address.",
    "field": None,
}


def script(people: People, secret: str | None, *, header: str | None = None) -> httpx.AsyncClient:
    """An HTTP client with no cookie jar in use: what a script is."""
    headers = {"authorization": header if header is not None else f"Bearer {secret}"}
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=people.app, client=("127.0.0.1", 45000)),
        base_url="http://127.0.0.1",
        headers=headers,
    )
    people.clients.append(client)
    return client


async def post(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
    return await client.post("/graphql", json={"query": query, "variables": variables or {}})


async def make_token(person: Person, name: str = "nightly report", expires_at: str = IN_A_MONTH) -> tuple[str, str]:
    made = (await person.data(CREATE, {"input": {"name": name, "expiresAt": expires_at}}))["createApiToken"]
    assert made["errors"] == [], made
    return made["token"]["id"], made["secret"]


async def token_rows(factory: async_sessionmaker[AsyncSession], person: Person) -> list[tuple[Any, ...]]:
    async with factory() as db:
        rows = await db.execute(
            select(ApiToken.name, ApiToken.expires_at, ApiToken.revoked_at, ApiToken.last_used_at)
            .where(ApiToken.user_id == person.pk)
            .order_by(ApiToken.created_at, ApiToken.name)
        )
        return [tuple(r) for r in rows]


async def test_r43_a_token_is_made_shown_once_stored_hashed_and_listed_to_its_owner_only(
    people: People, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    ada = await people.make("Ada Owner")
    other = await people.make("Otto Other")
    made = (await ada.data(CREATE, {"input": {"name": "  nightly report ", "expiresAt": IN_A_MONTH}}))["createApiToken"]
    token_id, secret = made["token"]["id"], made["secret"]
    assert made["errors"] == []
    assert made["token"] == {
        "id": token_id,
        "name": "nightly report",
        "createdAt": START.isoformat(),
        "expiresAt": IN_A_MONTH,
        "lastUsedAt": None,
    }
    assert secret.startswith("iacs_")
    assert len(secret) == 48
    # Stored hashed: no column holds the secret.
    async with session_factory() as db:
        row = (await db.execute(select(ApiToken).where(ApiToken.user_id == ada.pk))).scalar_one()
        assert secret.encode() not in row.secret_hash
        assert len(row.secret_hash) == 32
        details = (await db.scalars(select(AuditEvent.details).where(AuditEvent.action == "API_TOKEN_CREATED"))).one()
        assert secret not in str(details)
    # Listed to the owner, without the secret; nobody else sees it, not by the list, not by node(id).
    listed = (await ada.data(TOKENS))["viewer"]["apiTokens"]
    assert listed == [made["token"]]
    node = "query($id: ID!) { node(id: $id) { __typename ... on ApiToken { name } } }"
    assert (await ada.data(node, {"id": token_id}))["node"] == {"__typename": "ApiToken", "name": "nightly report"}
    assert (await other.data(node, {"id": token_id}))["node"] is None
    assert (await other.data(TOKENS))["viewer"]["apiTokens"] == []


async def test_r43_a_bearer_request_acts_as_the_owner_with_exactly_their_roles_and_notes_its_use(
    people: People, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    plain = await people.make("Pia Plain")
    _, desk_secret = await make_token(desk)
    _, plain_secret = await make_token(plain)
    lookup = '{ helpDeskLookup(query: "Pia") { people { name } } }'

    as_desk = script(people, desk_secret)
    clock.advance(timedelta(minutes=3))
    response = await post(as_desk, VIEWER)
    assert response.status_code == 200
    assert response.json() == {"data": {"viewer": {"name": "Hal Desk", "roles": [{"role": "HELP_DESK"}]}}}
    assert (await post(as_desk, lookup)).json()["data"]["helpDeskLookup"] == {"people": [{"name": "Pia Plain"}]}

    as_plain = script(people, plain_secret)
    assert (await post(as_plain, VIEWER)).json() == {"data": {"viewer": {"name": "Pia Plain", "roles": []}}}
    assert (await post(as_plain, lookup)).json()["data"]["helpDeskLookup"] is None  # the owner's roles, no more

    # The use is noted (to the minute), visible to the owner.
    listed = (await desk.data(TOKENS))["viewer"]["apiTokens"]
    assert [t["lastUsedAt"] for t in listed] == [(START + timedelta(minutes=3)).isoformat()]


async def test_r43_a_token_request_ignores_a_session_cookie_sent_with_it(people: People) -> None:
    ada = await people.make("Ada Owner")
    bob = await people.make("Bob Cookie")
    _, secret = await make_token(ada)
    # Bob's signed-in client (his cookie) with Ada's token: the token decides, the cookie is ignored.
    response = await bob.client.post("/graphql", json={"query": VIEWER}, headers={"authorization": f"Bearer {secret}"})
    assert response.json()["data"]["viewer"]["name"] == "Ada Owner"


async def test_r43_unknown_malformed_revoked_and_expired_tokens_get_401_and_read_nothing(
    people: People, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    ada = await people.make("Ada Owner")
    token_id, secret = await make_token(ada, "short", (START + timedelta(hours=1)).isoformat())
    _, kept_secret = await make_token(ada, "kept")

    for header in ("Bearer iacs_not-a-real-token", "Bearer " + secret[:-1] + "x", "Bearer " + "x" * 5000):
        response = await post(script(people, None, header=header), VIEWER)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == 'Bearer realm="iacs", error="invalid_token"'
        assert response.json() == {
            "data": None,
            "errors": [{"message": INVALID_TOKEN_MESSAGE, "extensions": {"code": "UNAUTHENTICATED"}}],
        }
    for header in ("Basic YWRhOnB3", "Bearer", "Bearer   "):
        response = await post(script(people, None, header=header), VIEWER)
        assert response.status_code == 401
        assert response.json()["errors"][0]["message"] == (
            "Send the API token as the header `Authorization: Bearer <token>`."
        )
        assert response.headers["www-authenticate"] == 'Bearer realm="iacs"'

    # Revoked: at once.
    revoked = (await ada.data(REVOKE, {"id": token_id}))["revokeApiToken"]
    assert revoked == {"token": {"id": token_id, "name": "short"}, "errors": []}
    assert (await post(script(people, secret), VIEWER)).status_code == 401
    assert [t["name"] for t in (await ada.data(TOKENS))["viewer"]["apiTokens"]] == ["kept"]
    # Revoking again changes nothing.
    again = (await ada.data(REVOKE, {"id": token_id}))["revokeApiToken"]
    assert again == {"token": {"id": token_id, "name": "short"}, "errors": []}

    # Expired: the kept one works until its expiry, not after.
    kept = script(people, kept_secret)
    clock.advance(timedelta(days=30) - timedelta(seconds=1))
    assert (await post(kept, VIEWER)).status_code == 200
    clock.advance(timedelta(seconds=1))
    assert (await post(kept, VIEWER)).status_code == 401


async def test_r43_a_disabled_account_s_tokens_stop_and_work_again_when_it_is_enabled(
    people: People, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    desk = await people.make("Hal Desk", help_desk=True)
    leaver = await people.make("Lee Leaver")
    _, secret = await make_token(leaver)
    client = script(people, secret)
    assert (await post(client, VIEWER)).status_code == 200
    disable = """mutation($id: ID!) { disableAccount(input: {userId: $id, reason: "Left"}) { errors { code } } }"""
    enable = """mutation($id: ID!) { enableAccount(input: {userId: $id}) { errors { code } } }"""
    assert (await desk.data(disable, {"id": to_global_id("User", leaver.pk)}))["disableAccount"]["errors"] == []
    response = await post(client, VIEWER)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await desk.data(enable, {"id": to_global_id("User", leaver.pk)}))["enableAccount"]["errors"] == []
    assert (await post(client, VIEWER)).json()["data"]["viewer"]["name"] == "Lee Leaver"


async def test_r43_a_token_cannot_make_or_revoke_tokens_nor_change_the_profile_password_or_email_nor_sign_in(
    people: People, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    ada = await people.make("Ada Owner")
    token_id, secret = await make_token(ada)
    client = script(people, secret)
    before_tokens = await token_rows(session_factory, ada)
    async with session_factory() as db:
        user = await db.get(User, ada.pk)
        assert user is not None
        before_user = (user.name, user.phone, user.email, user.password_hash)
        before_sessions = len((await db.scalars(select(UserSession.id).where(UserSession.user_id == ada.pk))).all())

    attempts: list[tuple[str, str, dict[str, Any]]] = [
        ("createApiToken", CREATE, {"input": {"name": "more", "expiresAt": IN_A_MONTH}}),
        ("revokeApiToken", REVOKE, {"id": token_id}),
        (
            "updateProfile",
            'mutation { updateProfile(input: {name: "Evil"}) { viewer { name } errors { code message field } } }',
            {},
        ),
        (
            "changePassword",
            "mutation($p: String!) { changePassword(input: {currentPassword: $p,"
            ' newPassword: "copper-meadow-lantern-93"})'
            " { viewer { name } errors { code message field } } }",
            {"p": PASSWORD},
        ),
        (
            "requestEmailChange",
            'mutation($p: String!) { requestEmailChange(input: {newEmail: "evil@example.org", password: $p})'
            " { viewer { name } errors { code message field } } }",
            {"p": PASSWORD},
        ),
        (
            "confirmEmailChange",
            'mutation { confirmEmailChange(input: {code: "123456"})'
            " { viewer { name } errors { code message field } } }",
            {},
        ),
        (
            "signIn",
            "mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p})"
            " { viewer { name } errors { code message field } } }",
            {"l": ada.email, "p": PASSWORD},
        ),
    ]
    for name, document, variables in attempts:
        response = await post(client, document, variables)
        assert response.status_code == 200, name
        payload = response.json()["data"][name]
        assert payload["errors"] == [REFUSED], name
        assert "set-cookie" not in response.headers, name
        if "secret" in payload:
            assert (payload["secret"], payload["token"]) == (None, None)

    # Only the token's last use moved (to this minute): its name, expiry and revocation are as they were.
    assert [r[:3] for r in await token_rows(session_factory, ada)] == [r[:3] for r in before_tokens]
    async with session_factory() as db:
        user = await db.get(User, ada.pk)
        assert user is not None
        await db.refresh(user)
        assert (user.name, user.phone, user.email, user.password_hash) == before_user
        sessions = (await db.scalars(select(UserSession.id).where(UserSession.user_id == ada.pk))).all()
        assert len(sessions) == before_sessions


async def test_r43_at_most_ten_tokens_in_force_and_a_revoked_or_expired_one_frees_a_place(
    people: People, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    ada = await people.make("Ada Owner")
    ids = [(await make_token(ada, f"t{i}", (START + timedelta(days=1 + i)).isoformat()))[0] for i in range(10)]
    before = await token_rows(session_factory, ada)
    refused = (await ada.data(CREATE, {"input": {"name": "eleventh", "expiresAt": IN_A_MONTH}}))["createApiToken"]
    assert refused == {
        "token": None,
        "secret": None,
        "errors": [
            {
                "code": "TOKEN_LIMIT",
                "message": "You already have 10 tokens in use. Revoke one you no longer need first.",
                "field": None,
            }
        ],
    }
    assert await token_rows(session_factory, ada) == before
    assert (await ada.data(REVOKE, {"id": ids[5]}))["revokeApiToken"]["errors"] == []
    await make_token(ada, "eleventh")
    assert (await ada.data(CREATE, {"input": {"name": "twelfth", "expiresAt": IN_A_MONTH}}))["createApiToken"][
        "errors"
    ][0]["code"] == "TOKEN_LIMIT"
    clock.advance(timedelta(days=1, seconds=1))  # t0 expires
    await people.sign_in(ada)  # the session ended meanwhile (30 idle minutes)
    people_again = await ada.data(CREATE, {"input": {"name": "twelfth", "expiresAt": IN_A_MONTH}})
    assert people_again["createApiToken"]["errors"] == []


async def test_r43_bad_input_is_refused_naming_the_field_and_makes_nothing(
    people: People, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    ada = await people.make("Ada Owner")
    cases = [
        ({"name": "", "expiresAt": IN_A_MONTH}, [("INVALID_INPUT", "Name is required.", ["name"])]),
        (
            {"name": "x" * 101, "expiresAt": IN_A_MONTH},
            [("INVALID_INPUT", "Name must be at most 100 characters.", ["name"])],
        ),
        (
            {"name": "bell\u0007", "expiresAt": (START - timedelta(days=1)).isoformat()},
            [
                ("INVALID_INPUT", "Name contains characters that are not allowed.", ["name"]),
                ("INVALID_INPUT", "The expiry must be in the future (at least 5 minutes ahead).", ["expiresAt"]),
            ],
        ),
        (
            {"name": "far", "expiresAt": (START + timedelta(days=367)).isoformat()},
            [("INVALID_INPUT", "The expiry must be within a year from today.", ["expiresAt"])],
        ),
    ]
    for given, expected in cases:
        payload = (await ada.data(CREATE, {"input": given}))["createApiToken"]
        assert (payload["token"], payload["secret"]) == (None, None)
        assert [(e["code"], e["message"], e["field"]) for e in payload["errors"]] == expected
    # An expiry that is not a date at all is refused by the schema, before anything runs.
    body = await ada.gql(CREATE, {"input": {"name": "x", "expiresAt": "tomorrow"}})
    assert body["data"] is None
    assert "expiresAt" in body["errors"][0]["message"]
    # Someone else's token, or no token at all: NOT_FOUND, nothing revoked.
    bob = await people.make("Bob Other")
    bob_token, _ = await make_token(bob)
    for token_id in (bob_token, "not-an-id", to_global_id("User", ada.pk)):
        payload = (await ada.data(REVOKE, {"id": token_id}))["revokeApiToken"]
        assert payload == {
            "token": None,
            "errors": [{"code": "NOT_FOUND", "message": "There is no such token.", "field": ["id"]}],
        }
    assert await token_rows(session_factory, ada) == []
    assert [r[2] for r in await token_rows(session_factory, bob)] == [None]
    # Nobody signed in: UNAUTHENTICATED.
    anonymous = httpx.AsyncClient(transport=httpx.ASGITransport(app=people.app), base_url="http://127.0.0.1")
    people.clients.append(anonymous)
    answer = (await post(anonymous, CREATE, {"input": {"name": "x", "expiresAt": IN_A_MONTH}})).json()
    assert answer["data"]["createApiToken"]["errors"] == [
        {"code": "UNAUTHENTICATED", "message": "Sign in first.", "field": None}
    ]


async def test_r43_a_cross_site_write_with_a_cookie_is_still_refused_and_a_script_with_a_token_is_not(
    people: People,
) -> None:
    ada = await people.make("Ada Owner")
    _, secret = await make_token(ada)
    forged = await ada.client.post(
        "/graphql",
        json={"query": CREATE, "variables": {"input": {"name": "x", "expiresAt": IN_A_MONTH}}},
        headers={"origin": "https://evil.example"},
    )
    assert forged.status_code == 403
    from_script = await post(script(people, secret), VIEWER)
    assert from_script.status_code == 200
    assert from_script.json()["data"]["viewer"]["name"] == "Ada Owner"
