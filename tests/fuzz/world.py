"""The fuzzers' world: a committed database with a person who holds many roles, and objects of every kind.

Built through the API of an in-process app (people get a session row directly, as in
tests/security/test_quality_security.py). The fuzzing person ("Fay Fuzzer") is at once: help desk, Security
Official of A, Backup Security Official of B, User Group Administrator of a group of C, end user of a group of
B, and the UGA of a surrogate company that serves C; many pending requests are theirs to decide, and some of
their own are pending. Every object id of the world goes into the pool the fuzzers draw ids from, except the
fuzzing person's own user and role ids (revoking or disabling those would end the run early).
"""

from __future__ import annotations

import itertools
import json
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette

from iacs.app import create_app
from iacs.config import Settings
from iacs.db import migrate
from iacs.db.engine import make_engine, make_session_factory
from iacs.domain.applications.models import Application
from iacs.domain.clock import FrozenClock
from iacs.graphql.ids import to_global_id
from tests.api.operations import (
    REQUEST_APPLICATION,
    REQUEST_BSO,
    REQUEST_COMPANY_ADMINISTRATION,
    REQUEST_COMPANY_MEMBERSHIP,
    REQUEST_GROUP,
    REQUEST_MEMBERSHIP,
    REQUEST_PRACTITIONER,
    REQUEST_SURROGATE_GROUPS,
    approve,
    approved_group,
    approved_organization,
    practitioner_input,
    register_organization,
)
from tests.api.people import Person
from tests.conftest import START, create_database, drop_database
from tests.security.test_quality_security import QuickPeople, data

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results" / "quality" / "fuzz.json"

# Budgets: small in `make test`, large in `make test-fuzz` (which sets these variables).
EXAMPLES_PER_INPUT_TYPE = int(os.environ.get("IACS_FUZZ_EXAMPLES", "10"))
SCHEMATHESIS_OPERATIONS = int(os.environ.get("IACS_SCHEMATHESIS_OPERATIONS", "100"))


def record_results(name: str, figures: dict[str, Any]) -> None:
    """Merge one suite's figures into test-results/quality/fuzz.json."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    existing: dict[str, Any] = {}
    if RESULTS.exists():
        try:
            existing = json.loads(RESULTS.read_text(encoding="utf-8"))
        except ValueError:
            existing = {}
    existing[name] = figures
    RESULTS.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@dataclass
class FuzzWorld:
    fuzzer: Person
    people: dict[str, Person]
    ids: dict[str, list[str]]  # type name -> global ids of that type (the fuzzer's own user and roles left out)
    own_roles: list[str]
    open_applications: list[str] = field(default_factory=list)
    seeds: Iterator[int] = field(default_factory=lambda: itertools.count(9_500))

    def all_ids(self) -> list[str]:
        return sorted({i for ids in self.ids.values() for i in ids})


async def build_fuzz_world(app: Starlette, factory: async_sessionmaker[AsyncSession]) -> tuple[FuzzWorld, QuickPeople]:
    people = QuickPeople(app, factory)
    cast: dict[str, Person] = {}
    for key in ("desk", "fay", "so_b", "so_c", "uga_b", "joiner", "asker", "staff", "founder", "doc", "stranger"):
        cast[key] = await people.make(key.title(), help_desk=key in {"desk", "fay"})
    desk, fay = cast["desk"], cast["fay"]
    org_a = await approved_organization(fay, desk, 9_401, "Fuzz Alpha Hospital")
    org_b = await approved_organization(cast["so_b"], desk, 9_402, "Fuzz Beta Clinic")
    org_c = await approved_organization(cast["so_c"], desk, 9_403, "Fuzz Gamma Center")
    asked = (await data(fay, REQUEST_BSO, {"org": org_b}))["requestBackupSecurityOfficial"]
    assert (await approve(cast["so_b"], asked["request"]["id"]))["errors"] == []
    group_c = await approved_group(fay, cast["so_c"], org_c, "Gamma Claims")
    group_b = await approved_group(cast["uga_b"], fay, org_b, "Beta Billing")  # fay decides as BSO of B
    joined = (await data(fay, REQUEST_MEMBERSHIP, {"group": group_b}))["requestUserGroupMembership"]
    assert (await approve(cast["uga_b"], joined["request"]["id"]))["errors"] == []
    founded = (
        await data(
            fay,
            REQUEST_SURROGATE_GROUPS,
            {"input": {"company": {"name": "Fuzz Billing Co", "tin": "918273645"}, "organizationIds": [org_c]}},
        )
    )["requestSurrogateUserGroups"]
    assert founded["errors"] == [], founded
    company = founded["requests"][0]["company"]["id"]
    assert (await approve(cast["so_c"], founded["requests"][0]["id"]))["errors"] == []
    async with factory() as db:
        applications = [Application(code=f"FZ{n}", name=f"Fuzz Application {n}", open=n != 2) for n in range(3)]
        db.add_all(applications)
        await db.commit()
        application_ids = [to_global_id("Application", a.id) for a in applications]
    # pending, for fay to decide: a membership of C's group, a BSO of A, a registration, staff of the company,
    # access to an application for B's group; and pending requests of fay's own
    await data(cast["joiner"], REQUEST_MEMBERSHIP, {"group": group_c})
    await data(cast["asker"], REQUEST_BSO, {"org": org_a})
    await register_organization(cast["founder"], 9_404, "Fuzz Delta Practice")
    await data(cast["staff"], REQUEST_COMPANY_MEMBERSHIP, {"company": company})
    await data(cast["joiner"], REQUEST_COMPANY_ADMINISTRATION, {"company": company})  # R35: fay decides
    await data(cast["uga_b"], REQUEST_APPLICATION, {"app": application_ids[0], "group": group_b})
    await data(cast["doc"], REQUEST_PRACTITIONER, practitioner_input(9_405))
    own = (await data(fay, REQUEST_GROUP, {"org": org_c, "name": "Fay's own group"}))["requestUserGroup"]
    assert own["errors"] == [], own

    own_roles = [r["id"] for r in (await data(fay, "{ viewer { roles { id } } }"))["viewer"]["roles"]]
    ids: dict[str, list[str]] = {}
    async with factory() as db:
        for type_name, table in (
            ("Organization", "organizations"),
            ("UserGroup", "user_groups"),
            ("SurrogateCompany", "surrogate_companies"),
            ("Application", "applications"),
            ("AccessRequest", "access_requests"),
            ("RoleAssignment", "role_assignments"),
            ("User", "users"),
        ):
            rows = (await db.scalars(text(f"SELECT id FROM {table} ORDER BY id"))).all()  # noqa: S608 - constant names
            ids[type_name] = [to_global_id(type_name, r) for r in rows]
    ids["RoleAssignment"] = [i for i in ids["RoleAssignment"] if i not in own_roles]
    ids["User"] = [i for i in ids["User"] if i != to_global_id("User", fay.pk)]
    world = FuzzWorld(fuzzer=fay, people=cast, ids=ids, own_roles=own_roles, open_applications=application_ids[:2])
    assert len(own_roles) >= 6, own_roles  # help desk, SO, BSO, UGA (group), UGA (company), end user, ...
    return world, people


# Wrong ids of every shape: another type's id, a nonexistent uuid, garbage, too long, not base64.
def wrong_ids() -> list[str]:
    return [
        to_global_id("AccessRequest", uuid.UUID(int=0)),
        to_global_id("Nope", uuid.uuid4()),
        to_global_id("User", uuid.uuid4()),
        "",
        "not-an-id",
        "QWNjZXNzUmVxdWVzdDo",  # "AccessRequest:" and nothing
        "A" * 101,
        "%%%===",
        "\x00",
        "1",
    ]


@dataclass
class FuzzDatabase:
    url: str
    app: Starlette
    factory: async_sessionmaker[AsyncSession]
    world: FuzzWorld


@pytest.fixture(scope="session")
async def fuzz_database(server_url: str) -> AsyncIterator[FuzzDatabase]:
    """A database of the fuzzers' own (they commit), its world, and an in-process app on a real pool; built once
    for both fuzzing modules (what one of them changes the other may meet: all the better)."""
    url = await create_database(server_url, "iacs_fuzz")
    try:
        await migrate.upgrade_async(url)
        settings = Settings(database_url=url, db_pool_size=5, db_max_overflow=5)
        engine = make_engine(url, settings)
        try:
            app = create_app(settings, database_url=url, engine=engine, clock=FrozenClock(START), deliver_mail=False)
            factory = make_session_factory(engine)
            world, people = await build_fuzz_world(app, factory)
            try:
                yield FuzzDatabase(url=url, app=app, factory=factory, world=world)
            finally:
                await people.close()
        finally:
            await engine.dispose()
    finally:
        await drop_database(server_url, url)
