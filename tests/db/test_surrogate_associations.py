"""R17: the database keeps surrogate_associations (migration 0012) equal to its definition, whatever writes the
requests: per (company, organization), the latest surrogate-group request (by time, then id) with its status and
the organization's name. Random sequences of requests made out of time order, status changes and renames are
checked against the definition after every step; the rebuild function gives the same rows."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from iacs.domain.enums import RequestKind, RequestStatus
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.surrogates.models import SurrogateCompany
from tests.db.test_constraints import NOW, _insert, _organization, _request, _user

KEPT = text(
    "SELECT company_id, organization_id, request_id, requested_at, status, legal_business_name "
    "FROM surrogate_associations ORDER BY company_id, organization_id"
)
DEFINITION = text(
    """
    SELECT DISTINCT ON (r.company_id, r.organization_id)
           r.company_id, r.organization_id, r.id, r.created_at, r.status, o.legal_business_name
    FROM access_requests r JOIN organizations o ON o.id = r.organization_id
    WHERE r.kind = 'CREATE_SURROGATE_USER_GROUP' AND r.company_id IS NOT NULL
    ORDER BY r.company_id, r.organization_id, r.created_at DESC, r.id DESC
    """
)


async def _rows(conn: AsyncConnection, statement: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in await conn.execute(statement)]


async def _company(conn: AsyncConnection, n: int) -> uuid.UUID:
    return await _insert(conn, SurrogateCompany, name=f"Billing {n}", tin=f"{900000000 + n}")


async def test_kept_associations_follow_requests_statuses_and_names(connection: AsyncConnection) -> None:
    conn = connection
    person = await _user(conn, "billing")
    companies = [await _company(conn, n) for n in range(2)]
    organizations = [await _organization(conn, npi=f"10000000{n:02d}", tin=f"12345678{n}") for n in range(3)]
    rng = random.Random(17)
    requests: list[uuid.UUID] = []
    statuses = [s for s in RequestStatus if s != RequestStatus.PENDING]
    for step in range(120):
        action = rng.random()
        if action < 0.5 or not requests:
            # a request made at any time, also before the latest one (clocks and imports are not in order)
            requests.append(
                await _request(
                    conn,
                    person,
                    rng.choice(organizations),
                    RequestKind.CREATE_SURROGATE_USER_GROUP,
                    company_id=rng.choice(companies),
                    proposed_name=f"Surrogate {step}",
                    created_at=NOW + timedelta(minutes=rng.randrange(0, 40)),
                )
            )
        elif action < 0.8:
            status = rng.choice(statuses)
            await conn.execute(
                update(AccessRequest)
                .where(AccessRequest.id == rng.choice(requests), AccessRequest.status == RequestStatus.PENDING)
                .values(status=status, decided_at=NOW, reason="no" if status == RequestStatus.DENIED else None)
            )
        elif action < 0.84:  # a request moved in time or to the other company (by hand: no code does it)
            moved = rng.choice(requests)
            await conn.execute(
                update(AccessRequest)
                .where(AccessRequest.id == moved)
                .values(created_at=NOW + timedelta(minutes=rng.randrange(0, 40)))
                if rng.random() < 0.5
                else update(AccessRequest).where(AccessRequest.id == moved).values(company_id=rng.choice(companies))
            )
        elif action < 0.9:
            await conn.execute(
                update(Organization)
                .where(Organization.id == rng.choice(organizations))
                .values(legal_business_name=f"Renamed {step}")
            )
        else:  # a request of another kind in the same organization and company changes nothing
            await _request(
                conn,
                person,
                rng.choice(organizations),
                RequestKind.JOIN_SURROGATE_COMPANY,
                company_id=rng.choice(companies),
                created_at=NOW + timedelta(hours=1),
                status=RequestStatus.CANCELLED,
                decided_at=NOW,
            )
        assert await _rows(conn, KEPT) == await _rows(conn, DEFINITION), f"after step {step}"

    kept = await _rows(conn, KEPT)
    assert len([row for row in kept if row[0] in companies]) == 6  # every pair was asked for in 120 steps
    await conn.execute(text("SELECT surrogate_associations_rebuild()"))
    assert await _rows(conn, KEPT) == kept


async def test_a_rename_while_the_first_request_of_a_pair_is_being_made_reaches_the_kept_row(
    engine: AsyncEngine,
) -> None:
    # given: a company and an organization, committed
    tag = uuid.uuid4().hex[:6]
    async with engine.begin() as conn:
        person = await _user(conn, f"r{tag}")
        company = await _insert(conn, SurrogateCompany, name=f"Billing {tag}", tin=f"9{int(tag, 16) % 10**8:08d}")
        org = await _organization(conn, npi=f"1{int(tag, 16) % 10**9:09d}", tin=f"1{int(tag, 16) % 10**8:08d}")
    first, rename = await engine.connect(), await engine.connect()
    try:
        await first.begin()
        await rename.begin()
        # when: the company's first request for the organization is made, and meanwhile the organization is renamed
        await _request(
            first, person, org, RequestKind.CREATE_SURROGATE_USER_GROUP, company_id=company, proposed_name="S"
        )
        renaming = asyncio.create_task(
            rename.execute(update(Organization).where(Organization.id == org).values(legal_business_name="Renamed"))
        )
        await asyncio.sleep(0.3)
        assert not renaming.done()  # the rename waits for the request's transaction (the name is read share-locked)
        await first.commit()
        await renaming
        await rename.commit()
    finally:
        await first.close()
        await rename.close()
    # then: the kept row has the new name (before: the old one, for good)
    async with engine.begin() as conn:
        kept = [row for row in await _rows(conn, KEPT) if row[1] == org]
        definition = [row for row in await _rows(conn, DEFINITION) if row[1] == org]
        # what this test committed goes again: other tests count companies (an administrator-less one is at risk)
        for statement in (
            "DELETE FROM surrogate_associations WHERE company_id = :company",
            "DELETE FROM access_requests WHERE company_id = :company",
            "DELETE FROM surrogate_companies WHERE id = :company",
            "DELETE FROM organizations WHERE id = :org",
            "DELETE FROM users WHERE id = :person",
        ):
            await conn.execute(text(statement), {"company": company, "org": org, "person": person})
    assert [row[5] for row in kept] == ["Renamed"]
    assert kept == definition
