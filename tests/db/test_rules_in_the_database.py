"""R14, R22 and R35 held by the database itself (migration 0005), whatever the application does.

- R14: the constraint trigger role_assignments_r14 refuses an active SO or BSO role and an active UGA role of one
  person in one organization, on insert and on restoration (an update to ACTIVE), and it cannot be raced: it takes
  the pair's advisory lock first, so of two uncommitted conflicting grants the second waits and is refused;
- R35: one surrogate company per TIN; R22: one active practice per person.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from iacs.db import migrate
from iacs.db.engine import make_engine
from iacs.db.errors import violated_constraint
from iacs.domain.enums import OrganizationKind, RequestKind, RequestStatus, Role, RoleStatus, UserGroupKind
from iacs.domain.groups.models import UserGroup
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany
from tests.conftest import create_database, drop_database
from tests.db.test_constraints import NOW, _insert, _organization, _request, _user, _violates


async def _role(conn: AsyncConnection, user: uuid.UUID, org: uuid.UUID, role: Role, **values: Any) -> uuid.UUID:
    request = await _request(
        conn, user, org, RequestKind.ADMINISTER_USER_GROUP, status=RequestStatus.APPROVED, decided_at=NOW
    )
    return await _insert(
        conn, RoleAssignment, user_id=user, role=role, organization_id=org, request_id=request, granted_at=NOW, **values
    )


async def _group(conn: AsyncConnection, org: uuid.UUID, name: str = "Claims") -> uuid.UUID:
    return await _insert(conn, UserGroup, organization_id=org, kind=UserGroupKind.PROVIDER, name=name)


async def _refused_by_r14(conn: AsyncConnection, statement: Any, values: dict[str, Any] | None = None) -> None:
    savepoint = await conn.begin_nested()
    with pytest.raises(IntegrityError) as caught:
        await conn.execute(statement, values or {})
    await savepoint.rollback()
    assert violated_constraint(caught.value) == "role_assignments_r14"


async def test_r14_no_active_official_and_uga_of_one_person_in_one_organization(connection: AsyncConnection) -> None:
    org, other_org = await _organization(connection), await _organization(connection, npi="1000000012")
    group, other_group = await _group(connection, org), await _group(connection, other_org)
    pete, sally = await _user(connection, "pete"), await _user(connection, "sally")
    await _role(connection, pete, org, Role.BACKUP_SECURITY_OFFICIAL)
    request = await _request(connection, pete, org, RequestKind.CREATE_USER_GROUP)

    # a UGA role of the same person in the same organization: refused
    await _refused_by_r14(
        connection,
        insert(RoleAssignment).values(
            user_id=pete,
            role=Role.USER_GROUP_ADMINISTRATOR,
            organization_id=org,
            user_group_id=group,
            request_id=request,
            granted_at=NOW,
        ),
    )
    # and the other way round: an SO role next to an active UGA role
    await _role(connection, sally, org, Role.USER_GROUP_ADMINISTRATOR, user_group_id=group)
    await _refused_by_r14(
        connection,
        insert(RoleAssignment).values(
            user_id=sally, role=Role.SECURITY_OFFICIAL, organization_id=org, request_id=request, granted_at=NOW
        ),
    )
    # fine: another organization, another person, an application's access, a role that is not active
    await _role(connection, pete, other_org, Role.USER_GROUP_ADMINISTRATOR, user_group_id=other_group)
    await _role(connection, sally, org, Role.END_USER, user_group_id=group)
    application = await connection.scalar(
        text("INSERT INTO applications (code, name, open) VALUES ('R14', 'R14 reports', true) RETURNING id")
    )
    await _role(connection, pete, org, Role.USER_GROUP_ADMINISTRATOR, user_group_id=group, application_id=application)
    suspended = await _role(
        connection,
        pete,
        org,
        Role.USER_GROUP_ADMINISTRATOR,
        user_group_id=group,
        status=RoleStatus.SUSPENDED,
        suspended_at=NOW,
    )

    # restoring the suspended UGA role while Pete is a BSO there: refused
    await _refused_by_r14(
        connection,
        text("UPDATE role_assignments SET status = 'ACTIVE', suspended_at = NULL WHERE id = :id"),
        {"id": suspended},
    )


async def test_r35_one_company_per_tin(connection: AsyncConnection) -> None:
    await _insert(connection, SurrogateCompany, name="Acme Billing", tin="987654321")
    await _violates(
        connection, "uq_surrogate_companies_tin", SurrogateCompany, name="Acme Billing (look-alike)", tin="987654321"
    )
    await _insert(connection, SurrogateCompany, name="Other Billing", tin="123456789")


async def test_r22_one_active_practice_per_person(connection: AsyncConnection) -> None:
    doris = await _user(connection, "doris")
    practices = []
    for npi in ("1000000004", "1000000012"):
        org = await _organization(connection, npi=npi)
        await connection.execute(
            text("UPDATE organizations SET kind = :kind, tin = NULL WHERE id = :id"),
            {"kind": OrganizationKind.INDIVIDUAL_PRACTITIONER.value, "id": org},
        )
        practices.append(org)
    first = await _request(connection, doris, practices[0], RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER)
    second = await _request(connection, doris, practices[1], RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER)
    await _insert(
        connection,
        RoleAssignment,
        user_id=doris,
        role=Role.INDIVIDUAL_PRACTITIONER,
        organization_id=practices[0],
        request_id=first,
        granted_at=NOW,
    )
    await _violates(
        connection,
        "uq_role_assignments_active_practitioner",
        RoleAssignment,
        user_id=doris,
        role=Role.INDIVIDUAL_PRACTITIONER,
        organization_id=practices[1],
        request_id=second,
        granted_at=NOW,
    )


async def test_r14_two_uncommitted_conflicting_grants_the_second_waits_and_is_refused(server_url: str) -> None:
    # Two transactions of the app role, each granting one of the two roles: no application code in between.
    url = await create_database(server_url, "iacs_r14_rule")
    try:
        await migrate.upgrade_async(url)
        owner = make_engine(url, app_role=False)
        app = make_engine(url)
        try:
            async with owner.begin() as conn:
                org = await _organization(conn)
                group = await _group(conn, org)
                pete = await _user(conn, "pete")
                bso_request = await _request(conn, pete, org, RequestKind.BACKUP_SECURITY_OFFICIAL)
                group_request = await _request(conn, pete, org, RequestKind.CREATE_USER_GROUP)
            grant_bso = insert(RoleAssignment).values(
                user_id=pete,
                role=Role.BACKUP_SECURITY_OFFICIAL,
                organization_id=org,
                request_id=bso_request,
                granted_at=NOW,
            )
            grant_uga = insert(RoleAssignment).values(
                user_id=pete,
                role=Role.USER_GROUP_ADMINISTRATOR,
                organization_id=org,
                user_group_id=group,
                request_id=group_request,
                granted_at=NOW,
            )
            async with app.connect() as first, app.connect() as second:
                assert await first.scalar(text("SELECT current_user")) == "iacs_app"
                await first.execute(grant_bso)  # uncommitted; holds the pair's lock
                waiting = asyncio.ensure_future(second.execute(grant_uga))
                await asyncio.sleep(0.5)
                assert not waiting.done(), "the second grant did not wait for the first"
                await first.commit()
                with pytest.raises(IntegrityError) as caught:
                    await waiting
                assert violated_constraint(caught.value) == "role_assignments_r14"
                await second.rollback()
                # the app role cannot switch the rule off
                with pytest.raises(DBAPIError) as refused:
                    await second.execute(text("ALTER TABLE role_assignments DISABLE TRIGGER role_assignments_r14"))
                assert "must be owner of table" in str(refused.value.orig)
                await second.rollback()
            async with owner.connect() as conn:
                held = (
                    await conn.execute(text("SELECT role::text FROM role_assignments WHERE user_id = :u"), {"u": pete})
                ).scalars()
                assert list(held) == ["BACKUP_SECURITY_OFFICIAL"]
        finally:
            await app.dispose()
            await owner.dispose()
    finally:
        await drop_database(server_url, url)
