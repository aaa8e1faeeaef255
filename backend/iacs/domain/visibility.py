"""Who may see what (R31, docs/visibility.md): one policy per type, a function of the viewer and the object.

A thing one may not see is answered exactly like a missing one: null where one object is asked for, absent
from lists. The policy of a type holds on *every* path that yields it - node(id), the lists, the fields of
other objects, the explanations, the payloads of mutations - so that no way round node(id) shows more
(issue 12, finding 2). tests/security/test_reachability.py walks every path of the schema as every actor of
the authorization matrix and checks exactly that.

The policies (all for signed-in people; the anonymous see applications and provider type settings only):

- Organization: approved ones (they are searched); others to the help desk, to whoever holds a role in it and to
  whoever asked for something in it.
- UserGroup: as its organization. SurrogateCompany, Application: everyone signed in (companies are found by name
  so that staff can ask to join; applications are listed).
- ProviderTypeSetting (R42): everyone, the anonymous too; whether a type may register, and why not, is for
  whoever is about to register. Like Application, public: no policy function, nothing to filter.
- AccessRequest: its requester, the relation it is routed to (whatever its status), the officials of its
  organization, the UGAs of its surrogate company, the help desk, and whoever may decide a pending request of
  its requester (to judge that request in context).
- RoleAssignment: its holder, whoever may approve (certify, revoke) it, the officials of its organization, the help
  desk, and whoever may decide a pending request of its holder.
- User, the person (id, name, community, active, emailVerified): themselves, the help desk, and whoever meets them
  through something they may see: the holder of a role, the requester of a request, a member of a group whose
  members they may see, the actor or subject of an audit event of their scope, someone with a pending request
  they may decide. The people who decide - who hold or held a role that decides requests: officials, UGAs,
  practitioners, the help desk - are named to everyone signed in (they are named as approvers, deciders,
  officials and administrators).
- Webhook, WebhookDelivery (R44): the help desk only.
- A person's contact fields (e-mail, phone, user ID) are narrower: themselves, the help desk, whoever may
  decide one of their pending requests, and whoever manages a role they hold now, active or suspended until
  certified (the officials - or the
  practitioner - of its organization, whoever may approve it, and a company's UGAs for its staff and the people of
  its surrogate groups). The user ID is a login: shown to anyone, 5 wrong passwords would lock its owner out (R4).
- Delegation (R38): its delegator, its delegate and the help desk; the delegate also sees the delegated role, the
  two people see each other, and while it runs the delegate sees what is routed to the delegated queue.
- ApiToken (R43): its owner only; not even the help desk (a token's name and dates are the owner's business,
  and its secret is never shown again after it was made).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.constants import constants_written
from iacs.db.rows import OrganizationColumns, RequestColumns, RoleColumns, UserGroupColumns
from iacs.domain.accounts.models import ApiToken
from iacs.domain.audit.models import AuditEvent
from iacs.domain.audit.queries import audit_scope
from iacs.domain.delegations.models import Delegation
from iacs.domain.enums import OrganizationStatus, Role, RoleStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.queries import requesters_awaiting
from iacs.domain.requests.routing import RELATIONS, ApproverRelation, Authority, HeldRole, holds_power, may_revoke
from iacs.domain.requests.service import Actor, may_view_request, may_view_role
from iacs.domain.roles.models import RoleAssignment

__all__ = [
    "DECIDING_ROLES",
    "api_token_visible_to",
    "companies_read_in_full",
    "contacts_visible",
    "decides",
    "manages_role",
    "may_view_api_token",
    "may_view_associations",
    "may_view_company",
    "may_view_group_members",
    "may_view_organization",
    "may_view_request",
    "may_view_role",
    "may_view_webhooks",
    "organization_visible_at_once",
    "organizations_asked_about",
    "people_visible",
    "request_visible",
    "request_visible_in",
    "role_visible",
    "role_visible_in",
    "roles_delegated_to",
]

# Roles that decide requests (R24): their holders are named as approvers, deciders, officials, administrators.
DECIDING_ROLES = frozenset(
    {Role.HELP_DESK, Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL, Role.INDIVIDUAL_PRACTITIONER}
)


def decides(role: Role, application_id: uuid.UUID | None) -> bool:
    """Whether a role (of any status) is one that decides requests; a UGA's application access is not."""
    return role in DECIDING_ROLES or (role == Role.USER_GROUP_ADMINISTRATOR and application_id is None)


def _scoped(authority: Authority, *relations: ApproverRelation) -> frozenset[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for relation in relations:
        found |= authority.scoped.get(relation, frozenset())
    return frozenset(found)


def _officials_of(authority: Authority) -> frozenset[uuid.UUID]:
    """The organizations whose officials the person is: SO or BSO, or the practitioner of a practice (R22)."""
    return _scoped(authority, ApproverRelation.ORGANIZATION_OFFICIALS, ApproverRelation.PRACTITIONER)


# --- organizations and groups ------------------------------------------------------------------------------


def organization_visible_at_once(actor: Actor, org: Organization | OrganizationColumns) -> bool:
    """True when the policy shows the organization without asking the database (see `may_view_organization`)."""
    if org.status == OrganizationStatus.APPROVED or actor.authority.is_help_desk:
        return True
    return org.id in actor.organization_ids


def may_view_organization(actor: Actor, org: Organization | OrganizationColumns, *, asked: bool) -> bool:
    """Approved organizations are public to signed-in people (they are searched); others to the help desk, to
    those who hold a role in them and to those who asked for something in them (`asked`)."""
    return organization_visible_at_once(actor, org) or asked


async def organizations_asked_about(
    db: AsyncSession, actor_id: uuid.UUID, organization_ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    """Of `organization_ids`, those the person has asked for something in (any request, any status)."""
    if not organization_ids:
        return set()
    rows = await db.scalars(
        select(AccessRequest.organization_id)
        .where(AccessRequest.requester_id == actor_id, AccessRequest.organization_id.in_(list(organization_ids)))
        .distinct()
    )
    return {r for r in rows.all() if r is not None}


def may_view_api_token(viewer_id: uuid.UUID, owner_id: uuid.UUID) -> bool:
    """R43: a person's API tokens are seen by that person only."""
    return viewer_id == owner_id


async def api_token_visible_to(db: AsyncSession, viewer_id: uuid.UUID, token_id: uuid.UUID) -> ApiToken | None:
    """R43: the API token with this id, to its owner only; a revoked one is gone. None is the answer alike when
    there is no such token, when it was revoked and when the viewer is not its owner."""
    token = await db.get(ApiToken, token_id)
    if token is None or token.revoked_at is not None or not may_view_api_token(viewer_id, token.user_id):
        return None
    return token


def may_view_company(viewer_id: uuid.UUID, company_id: uuid.UUID) -> bool:
    """Companies (name, last 4 of the TIN) are findable by name by anyone signed in, so staff can ask to join;
    their associations stay with the company's UGAs and the help desk."""
    return True


def may_view_associations(actor: Actor, company_id: uuid.UUID) -> bool:
    """R17: a company's associations are for its administrators (a UGA of the company itself) and the help desk;
    which of their requests show is the request policy's business (`request_visible`)."""
    return actor.authority.is_help_desk or actor.holds_company_administration(company_id)


_HELD = RoleAssignment.__table__.c
# The roles that let a person read a company in full (`companies_read_in_full`): built once, the person and the
# companies as parameters, its constants written into the SQL (db/constants.py).
_FULL_READER_ROLES = constants_written(
    select(_HELD.role, _HELD.company_id).where(
        _HELD.user_id == bindparam("user_id"),
        _HELD.status == RoleStatus.ACTIVE,
        _HELD.application_id.is_(None),  # an application's access gives no authority
        or_(
            _HELD.role == Role.HELP_DESK,
            and_(
                _HELD.role == Role.USER_GROUP_ADMINISTRATOR,
                _HELD.user_group_id.is_(None),
                _HELD.company_id.in_(bindparam("company_ids", expanding=True)),
            ),
        ),
    )
)


async def companies_read_in_full(
    db: AsyncSession, user_id: uuid.UUID, account_status: str, company_ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    """Of `company_ids`, the companies whose associations the person sees in full, requests included, known from
    one indexed statement instead of their authority: they hold, with an account whose roles count (R36), the
    help desk's role or the administration of the company itself (R17). Then `may_view_associations` holds, and
    `request_visible` holds for every request of the company (the help desk sees every request; a UGA of the
    company is one of its COMPANY_ADMINISTRATORS). A billing company's administrator holds thousands of roles,
    and loading them all to answer this was a third of the time of the company's dashboard (docs/performance.md).
    A company not returned may still be readable, in part or in full: ask the whole policy then."""
    if not company_ids or not holds_power(account_status):
        return set()
    rows = await db.execute(_FULL_READER_ROLES, {"user_id": user_id, "company_ids": list(company_ids)})
    found = rows.all()
    if any(row.role == Role.HELP_DESK for row in found):
        return set(company_ids)
    return {row.company_id for row in found}


def may_view_webhooks(actor: Actor) -> bool:
    """R44: webhook endpoints, their deliveries and attempts are the help desk's alone (a URL and a log of what
    was sent where are operational secrets); anyone else is answered as if there were none."""
    return actor.authority.is_help_desk


def may_view_group_members(actor: Actor, group: UserGroup | UserGroupColumns) -> bool:
    """The group's people, its organization's officials, the company's UGAs (surrogate groups), the help desk."""
    if actor.authority.is_help_desk:
        return True
    if group.id in actor.user_group_ids:
        return True
    if group.organization_id in _officials_of(actor.authority):
        return True
    companies = actor.authority.scoped.get(ApproverRelation.COMPANY_ADMINISTRATORS, frozenset())
    return group.company_id is not None and group.company_id in companies


# --- requests and roles -----------------------------------------------------------------------------------


def request_visible(actor: Actor, request: AccessRequest | RequestColumns, *, requester_awaits: bool = False) -> bool:
    """The request policy: `may_view_request` (requester, routed relation, officials, help desk), the UGAs of its
    surrogate company, and whoever may decide a pending request of its requester (`requester_awaits`)."""
    if may_view_request(actor.authority, request):
        return True
    companies = actor.authority.scoped.get(ApproverRelation.COMPANY_ADMINISTRATORS, frozenset())
    if request.company_id is not None and request.company_id in companies:
        return True
    return requester_awaits


def role_visible(actor: Actor, role: RoleAssignment | RoleColumns, *, holder_awaits: bool = False) -> bool:
    """The role policy: `may_view_role` (holder, its approvers, the officials of its organization, the help desk),
    and whoever may decide a pending request of its holder (`holder_awaits`)."""
    return may_view_role(actor, role) or holder_awaits


async def request_visible_in(db: AsyncSession, actor: Actor, request: AccessRequest) -> bool:
    """The whole request policy for one request (the use cases answer NOT_FOUND when it is false)."""
    if request_visible(actor, request):
        return True
    return bool(await requesters_awaiting(db, actor.authority, [request.requester_id]))


async def role_visible_in(db: AsyncSession, actor: Actor, role: RoleAssignment) -> bool:
    """The whole role policy for one role (the use cases answer NOT_FOUND when it is false)."""
    if role_visible(actor, role):
        return True
    if await requesters_awaiting(db, actor.authority, [role.user_id]):
        return True
    return bool(await roles_delegated_to(db, actor.id, [role.id]))


async def roles_delegated_to(db: AsyncSession, viewer_id: uuid.UUID, role_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Of `role_ids`, the roles whose queue the viewer was named to decide (R38: the delegate sees the role)."""
    d = Delegation.__table__.c
    rows = await db.scalars(
        select(d.role_assignment_id).where(d.delegate_id == viewer_id, d.role_assignment_id.in_(list(role_ids)))
    )
    return set(rows.all())


# --- people ---------------------------------------------------------------------------------------------------


def _scope_superset(authority: Authority, table: Any) -> list[Any]:
    """Rows of `table` (roles or requests) in any scope the person holds any relation over: a superset of what the
    person may see beyond their own, so that the exact policy can then be applied in Python."""
    clauses: list[Any] = []
    for relation, rule in RELATIONS.items():
        ids = authority.scoped.get(relation, frozenset()) | set(authority.delegated.get(relation, {}))  # R38
        if ids and rule.scope is not None:
            clauses.append(table.c[rule.scope].in_(sorted(ids)))
    return clauses


async def people_visible(db: AsyncSession, actor: Actor, user_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """Of `user_ids`, the people the person may see (the User policy of the module's docstring).

    At most four statements for any number of people, each on an index of the person column."""
    if actor.authority.is_help_desk:
        return set(user_ids)
    visible = {u for u in user_ids if u == actor.id}
    rest = set(user_ids) - visible
    if not rest:
        return visible
    authority = actor.authority
    roles = RoleAssignment.__table__
    groups = UserGroup.__table__
    # roles: the deciders (any status), roles the person may see, members of groups whose members they may see
    officials = _officials_of(authority)
    companies = authority.scoped.get(ApproverRelation.COMPANY_ADMINISTRATORS, frozenset())
    own_groups = actor.user_group_ids
    wide = [
        roles.c.role.in_(sorted(DECIDING_ROLES | {Role.USER_GROUP_ADMINISTRATOR})),
        *_scope_superset(authority, roles),
    ]
    if own_groups:
        wide.append(roles.c.user_group_id.in_(sorted(own_groups)))
    if companies:
        wide.append(groups.c.company_id.in_(sorted(companies)))
    rows = (
        await db.execute(
            select(roles, groups.c.company_id.label("group_company_id"))
            .select_from(roles.outerjoin(groups, groups.c.id == roles.c.user_group_id))
            .where(roles.c.user_id.in_(sorted(rest)), or_(*wide))
        )
    ).all()
    for row in rows:
        member = (
            row.status == RoleStatus.ACTIVE
            and row.role == Role.END_USER
            and row.application_id is None
            and row.user_group_id is not None
            and (
                row.user_group_id in own_groups
                or row.organization_id in officials
                or (row.group_company_id is not None and row.group_company_id in companies)
            )
        )
        if decides(row.role, row.application_id) or member or role_visible(actor, row):
            visible.add(row.user_id)
    rest -= visible
    if not rest:
        return visible
    # requests the person may see, and pending requests they may decide
    requests = AccessRequest.__table__
    wide = [*_scope_superset(authority, requests)]
    if officials:
        wide.append(requests.c.organization_id.in_(sorted(officials)))
    if companies:
        wide.append(requests.c.company_id.in_(sorted(companies)))
    if wide:
        for row in (
            await db.execute(select(requests).where(requests.c.requester_id.in_(sorted(rest)), or_(*wide)))
        ).all():
            if request_visible(actor, row):
                visible.add(row.requester_id)
        rest -= visible
    if rest:
        visible |= await requesters_awaiting(db, authority, sorted(rest))
        rest -= visible
    # the actor or subject of an audit event of the person's scope (R31)
    if rest:
        scope = audit_scope(authority)
        for actor_id, subject_id in (
            await db.execute(
                select(AuditEvent.actor_id, AuditEvent.subject_user_id).where(
                    or_(AuditEvent.actor_id.in_(sorted(rest)), AuditEvent.subject_user_id.in_(sorted(rest))), scope
                )
            )
        ).all():
            visible |= {u for u in (actor_id, subject_id) if u in rest}
        rest -= visible
    if rest:  # R38: the other person of a delegation the person named or received
        visible |= await delegation_counterparts(db, actor.id, sorted(rest))
    return visible


async def delegation_counterparts(
    db: AsyncSession, viewer_id: uuid.UUID, user_ids: Sequence[uuid.UUID]
) -> set[uuid.UUID]:
    """Of `user_ids`, the people the viewer named as delegate or was named delegate by (R38)."""
    d = Delegation.__table__.c
    rows = await db.execute(
        select(d.delegator_id, d.delegate_id).where(
            or_(
                and_(d.delegator_id == viewer_id, d.delegate_id.in_(list(user_ids))),
                and_(d.delegate_id == viewer_id, d.delegator_id.in_(list(user_ids))),
            )
        )
    )
    return {u for row in rows.all() for u in row if u != viewer_id}


def manages_role(
    authority: Authority, role: RoleAssignment | RoleColumns | HeldRole, group_company_id: uuid.UUID | None = None
) -> bool:
    """Whether the person manages a role someone holds: its organization's officials (or practitioner), whoever
    may approve (certify, revoke) it, and the company's UGAs for its staff and the roles of its surrogate groups
    (`group_company_id`: the company of the role's group, if a surrogate group)."""
    held = role if isinstance(role, HeldRole) else HeldRole.of(role)
    if held.organization_id is not None and held.organization_id in _officials_of(authority):
        return True
    if may_revoke(authority, held):
        return True
    companies = authority.scoped.get(ApproverRelation.COMPANY_ADMINISTRATORS, frozenset())
    return (held.company_id is not None and held.company_id in companies) or (
        group_company_id is not None and group_company_id in companies
    )


def contacts_visible(
    actor: Actor,
    person_id: uuid.UUID,
    held_roles: Iterable[RoleAssignment | RoleColumns],
    *,
    awaits: bool,
    group_companies: dict[uuid.UUID, uuid.UUID | None] | None = None,
) -> bool:
    """The contact policy (e-mail, phone, user ID): the person, the help desk, whoever may decide one of their
    pending requests (`awaits`), whoever manages a role they hold now (`held_roles`: active, or suspended until
    certified, R30; see `manages_role`)."""
    if person_id == actor.id or actor.authority.is_help_desk or awaits:
        return True
    companies = group_companies or {}
    return any(
        r.status in (RoleStatus.ACTIVE, RoleStatus.SUSPENDED)
        and manages_role(actor.authority, r, companies.get(r.user_group_id) if r.user_group_id else None)
        for r in held_roles
    )
