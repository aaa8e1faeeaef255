"""R14 under real concurrency (issue 12, finding 3): nobody ends up SO or BSO and also UGA in one organization.

A person asks to be a BSO of an organization and to create a user group there (UGA); the SO approves the one
while a BSO approves the other, at the same instant. Before the fix both succeeded: each decision checked the
person's roles without seeing the other's uncommitted grant. Likewise a BSO approval racing the certification
(restoration, R30) of the person's suspended UGA role. Each race is run 50 times, the two calls of a trial in
flight together, several trials at a time, through the app on a real pool with real commits (the connections
act as the non-owner role iacs_app, as in production). The figures go to test-results/quality/r14_race.json.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from iacs.domain.enums import (
    Community,
    OrganizationKind,
    OrganizationStatus,
    ProviderType,
    RequestKind,
    RequestStatus,
    Role,
    RoleStatus,
    UserGroupKind,
)
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.routing import ApproverRelation
from iacs.domain.roles.models import RoleAssignment
from iacs.graphql.ids import to_global_id
from tests.api.people import Person, tin, valid_npi
from tests.concurrency.test_exactly_once import (
    Race,
    World,
    race,  # noqa: F401 - the module's own database and app (a fixture)
)
from tests.conftest import START
from tests.security.test_quality_security import QuickPeople, print_to_terminal

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results" / "quality" / "r14_race.json"
MEASURED: dict[str, Any] = {}

TRIALS = 50
TRIALS_AT_ONCE = 5

APPROVE = """
mutation($id: ID!) { approveRequest(input: {requestId: $id}) { request { id status } errors { code message } } }"""
CERTIFY = """
mutation($id: ID!) { certifyRoles(input: {roleAssignmentIds: [$id]}) {
  roleAssignments { id status } errors { code message } } }"""

# Every person who holds an active SO or BSO role and an active UGA role (of a group, not an application's
# access) in the same organization: R14 says there is none.
CONFLICTS = text(
    """
    SELECT count(DISTINCT (official.user_id, official.organization_id))
    FROM role_assignments official
    JOIN role_assignments administrator
      ON administrator.user_id = official.user_id AND administrator.organization_id = official.organization_id
    WHERE official.status = 'ACTIVE' AND official.role IN ('SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL')
      AND administrator.status = 'ACTIVE' AND administrator.role = 'USER_GROUP_ADMINISTRATOR'
      AND administrator.application_id IS NULL
    """
)


@pytest.fixture(scope="module", autouse=True)
def _report_measurements(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not MEASURED:
        return
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(MEASURED, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print_to_terminal(
        request.config,
        [f"R14 race {name}: {json.dumps(figures, sort_keys=True)}" for name, figures in MEASURED.items()],
    )


@pytest.fixture
async def quick(race: Race) -> AsyncIterator[QuickPeople]:  # noqa: F811 - the imported fixture
    made = QuickPeople(race.app, race.factory)
    yield made
    await made.close()


@dataclass
class Officials:
    org: uuid.UUID
    group: uuid.UUID
    so: Person
    bso: Person


async def _officials(world: World, quick: QuickPeople, seed: int) -> Officials:
    """An approved organization with a group, its SO and a BSO (each granted through an approved request)."""
    so = await quick.make(f"Race SO {seed}")
    bso = await quick.make(f"Race BSO {seed}")
    async with world.factory() as db:
        org = Organization(
            legal_business_name=f"R14 Hospital {world.tag}",
            kind=OrganizationKind.PROVIDER,
            provider_type=ProviderType.HOSPITAL,
            community=Community.PROVIDER_SUPPLIER,
            npi=valid_npi(seed),
            tin=tin(seed),
            address_line1="1 Main Street",
            city="Springfield",
            state="IL",
            zip="62701",
            status=OrganizationStatus.APPROVED,
            decided_at=START,
        )
        db.add(org)
        await db.flush()
        group = UserGroup(organization_id=org.id, kind=UserGroupKind.PROVIDER, name="Billing office")
        db.add(group)
        await db.flush()
        for person, role, kind, relation in (
            (so, Role.SECURITY_OFFICIAL, RequestKind.REGISTER_ORGANIZATION, ApproverRelation.HELP_DESK),
            (
                bso,
                Role.BACKUP_SECURITY_OFFICIAL,
                RequestKind.BACKUP_SECURITY_OFFICIAL,
                ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL,
            ),
        ):
            granted = world._request(person.pk, kind, relation, org=org.id)
            db.add(granted)
            await db.flush()
            db.add(
                RoleAssignment(
                    user_id=person.pk, role=role, organization_id=org.id, request_id=granted.id, granted_at=START
                )
            )
        await db.commit()
        return Officials(org=org.id, group=group.id, so=so, bso=bso)


async def _pending(
    world: World, person: uuid.UUID, kind: RequestKind, relation: ApproverRelation, org: uuid.UUID, name: str | None
) -> uuid.UUID:
    async with world.factory() as db:
        request = world._request(person, kind, relation, org=org, status=RequestStatus.PENDING)
        request.proposed_name = name
        db.add(request)
        await db.commit()
        return request.id


async def _suspended_administration(world: World, person: uuid.UUID, org: uuid.UUID, group: uuid.UUID) -> uuid.UUID:
    """`person`'s UGA role of `group`, suspended (R30: not certified in time)."""
    async with world.factory() as db:
        granted = world._request(
            person, RequestKind.ADMINISTER_USER_GROUP, ApproverRelation.ORGANIZATION_OFFICIALS, org=org, group=group
        )
        db.add(granted)
        await db.flush()
        role = RoleAssignment(
            user_id=person,
            role=Role.USER_GROUP_ADMINISTRATOR,
            organization_id=org,
            user_group_id=group,
            request_id=granted.id,
            granted_at=START - timedelta(days=400),
            certify_by=START - timedelta(days=35),
            status=RoleStatus.SUSPENDED,
            suspended_at=START - timedelta(days=35),
        )
        db.add(role)
        await db.commit()
        return role.id


async def _post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


def _outcome(body: dict[str, Any]) -> str:
    (payload,) = body["data"].values()
    codes = [e["code"] for e in payload["errors"]]
    return ",".join(codes) or "DONE"


async def _race(trials: list[tuple[Any, Any]]) -> tuple[list[tuple[str, str]], float]:
    """Each trial's two calls started together; TRIALS_AT_ONCE trials at a time. Their outcomes, the seconds."""
    outcomes: list[tuple[str, str]] = []
    started = time.perf_counter()
    for wave in range(0, len(trials), TRIALS_AT_ONCE):
        calls = [call for trial in trials[wave : wave + TRIALS_AT_ONCE] for call in trial]
        bodies = await asyncio.gather(*calls)
        outcomes += [(_outcome(a), _outcome(b)) for a, b in zip(bodies[::2], bodies[1::2], strict=True)]
    return outcomes, time.perf_counter() - started


async def _conflicts(race: Race, org: uuid.UUID) -> int:  # noqa: F811
    async with race.factory() as db:
        return int(await db.scalar(text(f"{CONFLICTS.text} AND official.organization_id = :org"), {"org": org}))


async def test_r14_two_officials_approving_bso_and_group_at_once_grant_one_50_trials(
    race: Race,  # noqa: F811
    quick: QuickPeople,
) -> None:
    # given: per trial a person with two pending requests in one organization: to be a BSO (the SO decides) and
    # to create a group (the SO or a BSO decides)
    world = World(race.factory)
    officials = await _officials(world, quick, seed=71_001)
    people = await world.requesters(TRIALS, f"both{uuid.uuid4().hex[:4]}")
    pairs = []
    for n, person in enumerate(people):
        bso_request = await _pending(
            world,
            person,
            RequestKind.BACKUP_SECURITY_OFFICIAL,
            ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL,
            officials.org,
            None,
        )
        group_request = await _pending(
            world,
            person,
            RequestKind.CREATE_USER_GROUP,
            ApproverRelation.ORGANIZATION_OFFICIALS,
            officials.org,
            f"G{n}",
        )
        pairs.append((bso_request, group_request))

    # when: in each trial the SO approves the BSO request while the BSO approves the group request
    trials = [
        (
            _post(officials.so.client, APPROVE, {"id": to_global_id("AccessRequest", bso_request)}),
            _post(officials.bso.client, APPROVE, {"id": to_global_id("AccessRequest", group_request)}),
        )
        for bso_request, group_request in pairs
    ]
    outcomes, seconds = await _race(trials)

    # then: one of the two wins, the other gets ROLE_CONFLICT; nobody holds both roles
    tally = Counter(f"BSO {a} / group {b}" for a, b in outcomes)
    conflicting = await _conflicts(race, officials.org)
    MEASURED["approve_vs_approve"] = {
        "trials": TRIALS,
        "outcomes": dict(tally),
        "conflicting_grants": conflicting,
        "seconds": round(seconds, 2),
    }
    assert conflicting == 0
    assert set(tally) <= {"BSO DONE / group ROLE_CONFLICT", "BSO ROLE_CONFLICT / group DONE"}, tally
    assert sum(tally.values()) == TRIALS


async def test_r14_a_bso_approval_racing_the_restoration_of_a_suspended_uga_role_grants_one_50_trials(
    race: Race,  # noqa: F811
    quick: QuickPeople,
) -> None:
    # given: per trial a person whose UGA role in the organization is suspended and who asks to be a BSO there
    world = World(race.factory)
    officials = await _officials(world, quick, seed=72_001)
    people = await world.requesters(TRIALS, f"back{uuid.uuid4().hex[:4]}")
    pairs = []
    for person in people:
        role = await _suspended_administration(world, person, officials.org, officials.group)
        request = await _pending(
            world,
            person,
            RequestKind.BACKUP_SECURITY_OFFICIAL,
            ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL,
            officials.org,
            None,
        )
        pairs.append((request, role))

    # when: the SO approves the BSO request while the BSO certifies (restores) the UGA role
    trials = [
        (
            _post(officials.so.client, APPROVE, {"id": to_global_id("AccessRequest", request)}),
            _post(officials.bso.client, CERTIFY, {"id": to_global_id("RoleAssignment", role)}),
        )
        for request, role in pairs
    ]
    outcomes, seconds = await _race(trials)

    # then: one wins, the other gets ROLE_CONFLICT; nobody holds both roles
    tally = Counter(f"BSO {a} / restore {b}" for a, b in outcomes)
    conflicting = await _conflicts(race, officials.org)
    MEASURED["approve_vs_certify"] = {
        "trials": TRIALS,
        "outcomes": dict(tally),
        "conflicting_grants": conflicting,
        "seconds": round(seconds, 2),
    }
    assert conflicting == 0
    assert set(tally) <= {"BSO DONE / restore ROLE_CONFLICT", "BSO ROLE_CONFLICT / restore DONE"}, tally
    assert sum(tally.values()) == TRIALS
