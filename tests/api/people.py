"""People for API tests: verified accounts, each with their own signed-in HTTP client."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any

import httpx
from argon2 import PasswordHasher
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette

from iacs.auth.tokens import new_user_id
from iacs.domain.accounts.models import User
from iacs.domain.enums import Community, Role
from iacs.domain.organizations.identifiers import npi_check_digit
from iacs.domain.roles.models import RoleAssignment
from tests.conftest import START
from tests.graphql_client import gql

PASSWORD = "amber-falcon-river-77"
_counter = itertools.count(1)


@functools.cache
def _password_hash() -> str:
    return PasswordHasher().hash(PASSWORD)


def valid_npi(seed: int) -> str:
    first_nine = f"1{seed:08d}"
    return first_nine + npi_check_digit(first_nine)


def tin(seed: int) -> str:
    return f"{seed:09d}"


@dataclass
class Person:
    name: str
    email: str
    pk: Any
    client: httpx.AsyncClient

    async def gql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await gql(self.client, query, variables)

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = await self.gql(query, variables)
        assert "errors" not in body, body
        result: dict[str, Any] = body["data"]
        return result


class People:
    """Makes verified people and signs them in, each in their own client (own cookie jar)."""

    def __init__(self, app: Starlette, factory: async_sessionmaker[AsyncSession]) -> None:
        self.app = app
        self.factory = factory
        self.clients: list[httpx.AsyncClient] = []

    async def make(
        self,
        name: str,
        *,
        community: Community = Community.PROVIDER_SUPPLIER,
        help_desk: bool = False,
        verified: bool = True,
    ) -> Person:
        n = next(_counter)
        email = f"{name.lower().replace(' ', '.')}.{n}@example.org"
        async with self.factory() as db:
            user = User(
                user_id=new_user_id(),
                email=email,
                name=name,
                community=community,
                password_hash=_password_hash(),
                terms_accepted_at=START,
                email_verified_at=START if verified else None,
            )
            db.add(user)
            await db.flush()
            if help_desk:
                db.add(RoleAssignment(user_id=user.id, role=Role.HELP_DESK, granted_at=START))
            await db.commit()
            pk = user.id
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app, client=("127.0.0.1", 40000 + n)), base_url="http://127.0.0.1"
        )
        self.clients.append(client)
        person = Person(name=name, email=email, pk=pk, client=client)
        await self.sign_in(person)
        return person

    async def sign_in(self, *persons: Person) -> None:
        """Sign in (again: sessions end after 30 idle minutes, so tests that move the clock far do this)."""
        for person in persons:
            signed = await gql(
                person.client,
                "mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) { errors { code } } }",
                {"l": person.email, "p": PASSWORD},
            )
            assert signed["data"]["signIn"]["errors"] == [], signed

    async def close(self) -> None:
        for client in self.clients:
            await client.aclose()
