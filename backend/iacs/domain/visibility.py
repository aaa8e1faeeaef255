"""Who may see what (R31, api.md): a thing one may not see is answered exactly like a missing one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.rows import Columns
from iacs.domain.enums import OrganizationStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import ApproverRelation
from iacs.domain.requests.service import Actor, may_view_request, may_view_role

__all__ = [
    "may_view_company",
    "may_view_group_members",
    "may_view_organization",
    "may_view_request",
    "may_view_role",
    "may_view_user",
]


async def may_view_organization(db: AsyncSession, actor: Actor, org: Organization) -> bool:
    """Approved organizations are public to signed-in people (they are searched); others to those involved."""
    if org.status == OrganizationStatus.APPROVED or actor.authority.is_help_desk:
        return True
    if any(r.organization_id == org.id for r in actor.roles):
        return True
    asked = await db.scalar(
        select(AccessRequest.id)
        .where(AccessRequest.organization_id == org.id, AccessRequest.requester_id == actor.id)
        .limit(1)
    )
    return asked is not None


def may_view_user(actor: Actor, user_id: object) -> bool:
    return actor.id == user_id or actor.authority.is_help_desk


def may_view_company(actor: Actor, company_id: object) -> bool:
    """Companies (name, last 4 of the TIN) are findable by name by anyone signed in, so staff can ask to join;
    their associations stay with the company's UGAs and the help desk."""
    return True


def may_view_group_members(actor: Actor, group: UserGroup | Columns) -> bool:
    """The group's people, its organization's officials, the company's UGAs (surrogate groups), the help desk."""
    if actor.authority.is_help_desk:
        return True
    if any(r.user_group_id == group.id for r in actor.roles):
        return True
    officials = actor.authority.scoped.get(ApproverRelation.ORGANIZATION_OFFICIALS, frozenset())
    if group.organization_id in officials:
        return True
    companies = actor.authority.scoped.get(ApproverRelation.COMPANY_ADMINISTRATORS, frozenset())
    return group.company_id is not None and group.company_id in companies
