"""The constraints the rules name live in the database: each one rejects a violating insert."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from iacs.db.errors import violated_constraint
from iacs.domain.accounts.models import User
from iacs.domain.audit.models import AuditEvent
from iacs.domain.enums import (
    Community,
    OrganizationKind,
    ProviderType,
    RequestKind,
    RequestStatus,
    Role,
    RoleStatus,
    UserGroupKind,
)
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


async def _insert(conn: AsyncConnection, model: Any, **values: Any) -> uuid.UUID:
    row_id = uuid.uuid4()
    await conn.execute(insert(model).values(id=row_id, **values))
    return row_id


async def _user(conn: AsyncConnection, tag: str) -> uuid.UUID:
    return await _insert(
        conn,
        User,
        user_id=f"T{tag.upper()}"[:16],
        email=f"{tag}@example.org",
        name=tag,
        community=Community.PROVIDER_SUPPLIER,
        password_hash="x",
        terms_accepted_at=NOW,
    )


async def _organization(conn: AsyncConnection, npi: str = "1000000004", tin: str = "123456789") -> uuid.UUID:
    return await _insert(
        conn,
        Organization,
        legal_business_name="Test Hospital",
        kind=OrganizationKind.PROVIDER,
        provider_type=ProviderType.HOSPITAL,
        community=Community.PROVIDER_SUPPLIER,
        npi=npi,
        tin=tin,
        address_line1="1 Main St",
        city="Springfield",
        state="IL",
        zip="62701",
    )


async def _request(
    conn: AsyncConnection, requester: uuid.UUID, org: uuid.UUID, kind: RequestKind, **values: Any
) -> uuid.UUID:
    return await _insert(
        conn,
        AccessRequest,
        tracking_number=f"T-{uuid.uuid4().hex[:10]}",
        approver_relation="ORGANIZATION_OFFICIALS",
        kind=kind,
        requester_id=requester,
        organization_id=org,
        expires_at=NOW + timedelta(days=30),
        **{"created_at": NOW, **values},
    )


async def _violates(conn: AsyncConnection, constraint: str, model: Any, **values: Any) -> None:
    """The insert fails on exactly the named constraint, and the outer transaction survives."""
    savepoint = await conn.begin_nested()
    with pytest.raises(IntegrityError) as caught:
        await conn.execute(insert(model).values(**values))
    await savepoint.rollback()
    assert violated_constraint(caught.value) == constraint  # PostgreSQL's constraint name, not its message


async def test_r8_one_active_security_official_per_organization(connection: AsyncConnection) -> None:
    org = await _organization(connection)
    first, second = await _user(connection, "so1"), await _user(connection, "so2")
    req1 = await _request(connection, first, org, RequestKind.REGISTER_ORGANIZATION)
    req2 = await _request(connection, second, org, RequestKind.SUCCEED_SECURITY_OFFICIAL)
    await _insert(
        connection,
        RoleAssignment,
        user_id=first,
        role=Role.SECURITY_OFFICIAL,
        organization_id=org,
        request_id=req1,
        granted_at=NOW,
    )

    await _violates(
        connection,
        "uq_role_assignments_active_security_official",
        RoleAssignment,
        user_id=second,
        role=Role.SECURITY_OFFICIAL,
        organization_id=org,
        request_id=req2,
        granted_at=NOW,
    )

    # a revoked SO does not count: succession can then grant the new one
    await connection.execute(
        text("UPDATE role_assignments SET status = 'REVOKED', ended_at = now() WHERE user_id = :u"), {"u": first}
    )
    await _insert(
        connection,
        RoleAssignment,
        user_id=second,
        role=Role.SECURITY_OFFICIAL,
        organization_id=org,
        request_id=req2,
        granted_at=NOW,
    )
    active = await connection.scalar(
        select(func.count()).select_from(RoleAssignment).where(RoleAssignment.status == RoleStatus.ACTIVE)
    )
    assert active == 1


async def test_r18_one_surrogate_group_per_company_and_organization(connection: AsyncConnection) -> None:
    org = await _organization(connection)
    company = await _insert(connection, SurrogateCompany, name="Acme Billing", tin="987654321")
    await _insert(
        connection,
        UserGroup,
        organization_id=org,
        kind=UserGroupKind.SURROGATE,
        company_id=company,
        name="Acme for Test Hospital",
    )

    await _violates(
        connection,
        "uq_user_groups_surrogate_company_organization",
        UserGroup,
        organization_id=org,
        kind=UserGroupKind.SURROGATE,
        company_id=company,
        name="Acme again",
    )


async def test_r28_one_pending_request_per_requester_kind_and_scope(connection: AsyncConnection) -> None:
    org = await _organization(connection)
    requester = await _user(connection, "bso")
    await _request(connection, requester, org, RequestKind.BACKUP_SECURITY_OFFICIAL)

    await _violates(
        connection,
        "uq_access_requests_pending_scope",
        AccessRequest,
        tracking_number="T-dup",
        approver_relation="ORGANIZATION_SECURITY_OFFICIAL",
        kind=RequestKind.BACKUP_SECURITY_OFFICIAL,
        requester_id=requester,
        organization_id=org,
        created_at=NOW,
        expires_at=NOW + timedelta(days=30),
    )

    # once the first is decided, asking again is allowed
    await connection.execute(
        text("UPDATE access_requests SET status = 'CANCELLED', decided_at = now() WHERE requester_id = :r"),
        {"r": requester},
    )
    await _request(connection, requester, org, RequestKind.BACKUP_SECURITY_OFFICIAL)


async def test_r6_one_organization_per_tin_and_npi(connection: AsyncConnection) -> None:
    await _organization(connection, npi="1000000004", tin="123456789")
    await _organization(connection, npi="1000000012", tin="123456789")  # same TIN, another facility: fine
    await _violates(
        connection,
        "uq_organizations_tin_npi",
        Organization,
        legal_business_name="Dup",
        kind=OrganizationKind.PROVIDER,
        provider_type=ProviderType.HOSPITAL,
        community=Community.PROVIDER_SUPPLIER,
        npi="1000000004",
        tin="123456789",
        address_line1="1 Main St",
        city="Springfield",
        state="IL",
        zip="62701",
    )


async def test_r15_nobody_decides_their_own_request(connection: AsyncConnection) -> None:
    org = await _organization(connection)
    requester = await _user(connection, "self")
    await _violates(
        connection,
        "ck_access_requests_no_self_decision",
        AccessRequest,
        tracking_number="T-self",
        approver_relation="ORGANIZATION_SECURITY_OFFICIAL",
        kind=RequestKind.BACKUP_SECURITY_OFFICIAL,
        requester_id=requester,
        organization_id=org,
        status=RequestStatus.APPROVED,
        created_at=NOW,
        expires_at=NOW + timedelta(days=30),
        decided_at=NOW,
        decided_by_id=requester,
    )


async def test_r26_a_denial_needs_a_reason(connection: AsyncConnection) -> None:
    org = await _organization(connection)
    requester, approver = await _user(connection, "asker"), await _user(connection, "decider")
    await _violates(
        connection,
        "ck_access_requests_denial_has_reason",
        AccessRequest,
        tracking_number="T-deny",
        approver_relation="ORGANIZATION_SECURITY_OFFICIAL",
        kind=RequestKind.BACKUP_SECURITY_OFFICIAL,
        requester_id=requester,
        organization_id=org,
        status=RequestStatus.DENIED,
        created_at=NOW,
        expires_at=NOW + timedelta(days=30),
        decided_at=NOW,
        decided_by_id=approver,
        reason="  ",
    )


async def test_r25_no_role_without_its_request(connection: AsyncConnection) -> None:
    org = await _organization(connection)
    user = await _user(connection, "norequest")
    await _violates(
        connection,
        "ck_role_assignments_request_required",
        RoleAssignment,
        user_id=user,
        role=Role.END_USER,
        organization_id=org,
        granted_at=NOW,
    )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET action = 'TAMPERED'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
    ],
)
async def test_r31_audit_events_are_append_only(connection: AsyncConnection, statement: str) -> None:
    await connection.execute(insert(AuditEvent).values(occurred_at=NOW, action="SIGN_IN"))
    before = await connection.scalar(select(func.count()).select_from(AuditEvent))

    savepoint = await connection.begin_nested()
    with pytest.raises(DBAPIError) as caught:
        await connection.execute(text(statement))
    await savepoint.rollback()

    assert "audit_events is append-only" in str(caught.value.orig)
    assert await connection.scalar(select(func.count()).select_from(AuditEvent)) == before
    assert await connection.scalar(select(AuditEvent.action).where(AuditEvent.action == "TAMPERED")) is None
