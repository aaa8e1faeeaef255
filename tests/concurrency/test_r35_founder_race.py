"""R35 under real concurrency: a founder's two founding requests approved at the same instant by two organizations'
Security Officials make the founder the company's administrator exactly once, and both approvals succeed.

Without the lock on the company's row each approval would find no administrator role yet and grant one; the second
would then break the one-active-role-per-scope index and fail. Each trial's two approvals are in flight together,
several trials at a time, through the app on a real pool with real commits (tests/concurrency/test_r14_race.py).
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import text

from iacs.graphql.ids import from_global_id, to_global_id
from tests.concurrency.test_exactly_once import (
    Race,
    World,
    race,  # noqa: F401 - the module's own database and app (a fixture)
)
from tests.concurrency.test_r14_race import (
    APPROVE,
    _officials,
    _post,
    _race,
    quick,  # noqa: F401 - signed-in people of the race's app (a fixture)
)
from tests.security.test_quality_security import QuickPeople

TRIALS = 20
FOUND = """
mutation($input: SurrogateUserGroupsInput!) { requestSurrogateUserGroups(input: $input) {
  requests { id } errors { code message } } }"""
# Per company, its administrators' active roles (UGA of the company itself, in no group).
ADMINISTRATOR_ROLES = text(
    """
    SELECT count(*) FROM role_assignments
    WHERE company_id = :company AND role = 'USER_GROUP_ADMINISTRATOR' AND user_group_id IS NULL
      AND status = 'ACTIVE'
    """
)
COMPANY_OF = text("SELECT company_id FROM access_requests WHERE id = :id")


async def test_r35_two_founding_requests_approved_at_once_make_the_founder_administrator_once(
    race: Race,  # noqa: F811
    quick: QuickPeople,  # noqa: F811
) -> None:
    # given: two approved organizations, each with its SO; per trial a founder asking to serve both
    world = World(race.factory)
    first = await _officials(world, quick, seed=72_001)
    second = await _officials(world, quick, seed=72_002)
    pairs: list[tuple[str, str]] = []
    for n in range(TRIALS):
        founder = await quick.make(f"Founder {world.tag} {n}")
        body: dict[str, Any] = await _post(
            founder.client,
            FOUND,
            {
                "input": {
                    "company": {"name": f"Race Billing {world.tag} {n}", "tin": f"{73_000_000 + n:09d}"},
                    "organizationIds": [
                        to_global_id("Organization", first.org),
                        to_global_id("Organization", second.org),
                    ],
                }
            },
        )
        payload = body["data"]["requestSurrogateUserGroups"]
        assert payload["errors"] == [], payload
        one, other = (r["id"] for r in payload["requests"])
        pairs.append((one, other))

    # when: in each trial both SOs approve at the same instant
    trials = [
        (_post(first.so.client, APPROVE, {"id": one}), _post(second.so.client, APPROVE, {"id": other}))
        for one, other in pairs
    ]
    outcomes, _ = await _race(trials)

    # then: both approvals succeed, and each founder holds the company's administrator role exactly once
    assert Counter(outcomes) == Counter({("DONE", "DONE"): TRIALS})
    async with race.factory() as db:
        for one, _ in pairs:
            company = await db.scalar(COMPANY_OF, {"id": _uuid_of(one)})
            assert await db.scalar(ADMINISTRATOR_ROLES, {"company": company}) == 1


def _uuid_of(global_id: str) -> uuid.UUID:
    decoded = from_global_id(global_id, "AccessRequest")
    assert decoded is not None
    return decoded[1]
