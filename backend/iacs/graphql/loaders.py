"""Per-request DataLoaders, named <thing>_by_<key>; each batch is one SQL statement."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.sql import Executable
from strawberry.dataloader import DataLoader

from iacs.db.rows import OrganizationColumns
from iacs.domain.accounts.models import SignInThrottle, User
from iacs.domain.applications.models import Application
from iacs.domain.enums import RequestStatus, Role, RoleStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.groups.queries import MemberPage, first_member_pages
from iacs.domain.organizations.continuity import CONTINUITY_ROLES
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.queries import RequestPage, first_request_pages, requesters_awaiting
from iacs.domain.requests.routing import RequestLike, power_clause
from iacs.domain.requests.service import approvers_by_request, company_administrators
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.roles.queries import HeldRoleItem, RoleItem, active_roles_with_scopes, roles_held_now
from iacs.domain.surrogates.models import SurrogateCompany
from iacs.domain.visibility import (
    companies_read_in_full,
    contacts_visible,
    organizations_asked_about,
    people_visible,
)

if TYPE_CHECKING:
    from iacs.graphql.context import Context

M = TypeVar("M")
K = TypeVar("K")
T = TypeVar("T")


@dataclass
class _Running:
    """A `Loaders.once` under way: set when it is over, with its error if it failed."""

    finished: asyncio.Event = field(default_factory=asyncio.Event)
    error: Exception | None = None


async def _first_pages(
    keys: Sequence[tuple[Any, ...]],
    fetch: Callable[[list[uuid.UUID], tuple[Any, ...]], Awaitable[dict[uuid.UUID, T]]],
) -> list[T]:
    """First pages for keys `(id, *options)` (page size, filters): one `fetch` per distinct options, for every id
    asked with them, so that a list whose rows each ask a first page costs one statement, not one a row."""
    pages: dict[tuple[Any, ...], T] = {}
    for options in dict.fromkeys(key[1:] for key in keys):
        ids = list(dict.fromkeys(key[0] for key in keys if key[1:] == options))
        pages.update({(found_id, *options): page for found_id, page in (await fetch(ids, options)).items()})
    return [pages[key] for key in keys]


class Loaders:
    def __init__(self, context: Context) -> None:
        self._context = context
        self._done: dict[Hashable, Any] = {}  # `once`
        self._running: dict[Hashable, _Running] = {}
        self.user_by_id = self._by_id(User)
        # The models it loads, and the rows of organizations a list's statement joined (`remember_organizations`).
        self.organization_by_id: DataLoader[uuid.UUID, Organization | OrganizationColumns | None] = self._by_id(
            Organization
        )
        self.user_group_by_id = self._by_id(UserGroup)
        self.company_by_id = self._by_id(SurrogateCompany)
        self.application_by_id = self._by_id(Application)
        self.request_by_id = self._by_id(AccessRequest)
        self.active_roles_by_user_id: DataLoader[uuid.UUID, list[RoleAssignment]] = DataLoader(
            load_fn=self._active_roles_by_user_id
        )
        self.held_roles_by_user_id: DataLoader[uuid.UUID, list[HeldRoleItem]] = DataLoader(
            load_fn=self._held_roles_by_user_id
        )
        self.role_items_by_user_id: DataLoader[uuid.UUID, list[RoleItem]] = DataLoader(
            load_fn=self._role_items_by_user_id
        )
        self.officials_by_organization_id: DataLoader[uuid.UUID, list[tuple[RoleAssignment, User]]] = DataLoader(
            load_fn=self._officials_by_organization_id
        )
        self.administrators_by_group_id: DataLoader[uuid.UUID, list[User]] = DataLoader(
            load_fn=self._administrators_by_group_id
        )
        self.assignments_by_group_id: DataLoader[uuid.UUID, list[RoleAssignment]] = DataLoader(
            load_fn=self._assignments_by_group_id
        )
        self.administrators_by_company_id: DataLoader[uuid.UUID, list[User]] = DataLoader(
            load_fn=self._administrators_by_company_id
        )
        self.groups_by_organization_id: DataLoader[uuid.UUID, list[UserGroup]] = DataLoader(
            load_fn=self._groups_by_organization_id
        )
        self.first_members_by_group: DataLoader[tuple[uuid.UUID, int], MemberPage] = DataLoader(
            load_fn=self._first_members_by_group
        )
        self.first_requests_by_person: DataLoader[tuple[uuid.UUID, RequestStatus | None, int], RequestPage] = (
            DataLoader(load_fn=self._first_requests_by_person)
        )
        self.awaiting_viewer_decision: DataLoader[uuid.UUID, bool] = DataLoader(load_fn=self._awaiting_viewer_decision)
        self.locked_until_by_user_id: DataLoader[uuid.UUID, datetime | None] = DataLoader(
            load_fn=self._locked_until_by_user_id
        )
        self.approvers_by_request: DataLoader[RequestLike, list[User]] = DataLoader(
            load_fn=self._approvers_by_request, cache_key_fn=lambda request: request.id
        )
        # The visibility policies that need the database (domain/visibility.py, graphql/visible.py).
        self.organization_asked_by_viewer: DataLoader[uuid.UUID, bool] = DataLoader(
            load_fn=self._organization_asked_by_viewer
        )
        self.person_visible: DataLoader[uuid.UUID, bool] = DataLoader(load_fn=self._person_visible)
        self.company_read_in_full: DataLoader[uuid.UUID, bool] = DataLoader(load_fn=self._company_read_in_full)
        self.contacts_visible: DataLoader[uuid.UUID, bool] = DataLoader(load_fn=self._contacts_visible)

    async def once(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
        """`work()` once per request for `key`, however many resolvers ask for it at the same time: the first runs
        it, the others wait and share its result or its error (were it cancelled, the next one waiting runs it)."""
        while key not in self._done:
            running = self._running.get(key)
            if running is None:
                return await self._run(key, work)
            await running.finished.wait()
            if running.error is not None:
                raise running.error
        result: T = self._done[key]
        return result

    async def _run(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
        self._running[key] = running = _Running()
        try:
            result = self._done[key] = await work()
            return result
        except Exception as error:
            running.error = error
            raise
        finally:
            del self._running[key]
            running.finished.set()

    async def _all(self, statement: Executable) -> Sequence[Any]:
        rows: Sequence[Any] = (await self._context.db.execute(statement)).all()
        return rows

    def _by_id(self, model: type[M]) -> DataLoader[uuid.UUID, M | None]:
        async def load(ids: list[uuid.UUID]) -> list[M | None]:
            rows = await self._all(select(model).where(model.id.in_(ids)))  # type: ignore[attr-defined]
            found = {row[0].id: row[0] for row in rows}
            return [found.get(i) for i in ids]

        loader: Callable[[list[uuid.UUID]], Coroutine[Any, Any, list[M | None]]] = load
        return DataLoader(load_fn=loader)

    async def _locked_until_by_user_id(self, user_ids: list[uuid.UUID]) -> list[datetime | None]:
        """R4: when each account's sign-in lock ends, for the accounts locked now."""
        keys = {f"user:{i}": i for i in user_ids}
        rows = await self._all(
            select(SignInThrottle.key, SignInThrottle.locked_until).where(
                SignInThrottle.key.in_(keys), SignInThrottle.locked_until > self._context.clock.now()
            )
        )
        found = {keys[row.key]: row.locked_until for row in rows}
        return [found.get(i) for i in user_ids]

    async def _active_roles_by_user_id(self, user_ids: list[uuid.UUID]) -> list[list[RoleAssignment]]:
        rows = await self._all(
            select(RoleAssignment)
            .where(RoleAssignment.user_id.in_(user_ids), RoleAssignment.status == RoleStatus.ACTIVE)
            .order_by(RoleAssignment.granted_at, RoleAssignment.id)
        )
        grouped: dict[uuid.UUID, list[RoleAssignment]] = defaultdict(list)
        for (role,) in rows:
            grouped[role.user_id].append(role)
        return [grouped[i] for i in user_ids]

    async def _held_roles_by_user_id(self, user_ids: list[uuid.UUID]) -> list[list[HeldRoleItem]]:
        """Roles held now: active, or suspended until someone certifies them (R30), with their group's company."""
        held = await roles_held_now(self._context.db, user_ids)
        return [held.get(i, []) for i in user_ids]

    async def _role_items_by_user_id(self, user_ids: list[uuid.UUID]) -> list[list[RoleItem]]:
        found = await active_roles_with_scopes(self._context.db, user_ids)
        return [found.get(i, []) for i in user_ids]

    async def _officials_by_organization_id(self, org_ids: list[uuid.UUID]) -> list[list[tuple[RoleAssignment, User]]]:
        """Active SO, BSO and practitioner roles with their holders, disabled accounts included (their roles may
        still be ended); who counts as an official is for the caller to ask (R36, `holds_power`)."""
        rows = await self._all(
            select(RoleAssignment, User)
            .join(User, User.id == RoleAssignment.user_id)
            .where(
                RoleAssignment.organization_id.in_(org_ids),
                RoleAssignment.status == RoleStatus.ACTIVE,
                RoleAssignment.role.in_(sorted(CONTINUITY_ROLES)),
            )
            .order_by(RoleAssignment.role, RoleAssignment.granted_at, RoleAssignment.id)
        )
        grouped: dict[uuid.UUID, list[tuple[RoleAssignment, User]]] = defaultdict(list)
        for assignment, user in rows:
            if assignment.organization_id is not None:
                grouped[assignment.organization_id].append((assignment, user))
        return [grouped[i] for i in org_ids]

    async def _administrators_by_group_id(self, group_ids: list[uuid.UUID]) -> list[list[User]]:
        """The group's UGAs who count: not those of a disabled account (R36)."""
        rows = await self._all(
            select(RoleAssignment.user_group_id, User)
            .join(User, User.id == RoleAssignment.user_id)
            .where(
                RoleAssignment.user_group_id.in_(group_ids),
                RoleAssignment.status == RoleStatus.ACTIVE,
                RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
                RoleAssignment.application_id.is_(None),  # application access is not administration
                power_clause(),  # R36
            )
            .order_by(RoleAssignment.granted_at, RoleAssignment.id)
        )
        grouped: dict[uuid.UUID, list[User]] = defaultdict(list)
        for group_id, user in rows:
            grouped[group_id].append(user)
        return [grouped[i] for i in group_ids]

    async def _administrators_by_company_id(self, company_ids: list[uuid.UUID]) -> list[list[User]]:
        """R35: the administrators who count (domain: `company_administrators`)."""
        found = await company_administrators(self._context.db, company_ids)
        return [found.get(i, []) for i in company_ids]

    async def _groups_by_organization_id(self, org_ids: list[uuid.UUID]) -> list[list[UserGroup]]:
        rows = await self._all(
            select(UserGroup).where(UserGroup.organization_id.in_(org_ids)).order_by(UserGroup.name, UserGroup.id)
        )
        grouped: dict[uuid.UUID, list[UserGroup]] = defaultdict(list)
        for (group,) in rows:
            grouped[group.organization_id].append(group)
        return [grouped[i] for i in org_ids]

    async def _first_members_by_group(self, keys: list[tuple[uuid.UUID, int]]) -> list[MemberPage]:
        """(group, page size) -> the group's first page of members: one statement per page size asked."""
        return await _first_pages(keys, lambda ids, rest: first_member_pages(self._context.db, ids, first=rest[0]))

    async def _first_requests_by_person(
        self, keys: list[tuple[uuid.UUID, RequestStatus | None, int]]
    ) -> list[RequestPage]:
        """(person, status, page size) -> the person's first page of requests: one statement per status and page
        size asked (a queue page asks each requester's latest few)."""
        db = self._context.db
        return await _first_pages(keys, lambda ids, rest: first_request_pages(db, ids, status=rest[0], first=rest[1]))

    async def _approvers_by_request(self, requests: list[RequestLike]) -> list[list[User]]:
        found = await approvers_by_request(self._context.db, requests, now=self._context.clock.now())
        return [found.get(r.id, []) for r in requests]

    async def _awaiting_viewer_decision(self, user_ids: list[uuid.UUID]) -> list[bool]:
        """Whether each person has a pending request the viewer may decide (one statement for all)."""
        actor = await self._context.actor()
        if actor is None:
            return [False for _ in user_ids]
        waiting = await requesters_awaiting(self._context.db, actor.authority, user_ids)
        return [u in waiting for u in user_ids]

    async def _organization_asked_by_viewer(self, org_ids: list[uuid.UUID]) -> list[bool]:
        actor = await self._context.actor()
        if actor is None:
            return [False for _ in org_ids]
        asked = await organizations_asked_about(self._context.db, actor.id, org_ids)
        return [o in asked for o in org_ids]

    async def _company_read_in_full(self, company_ids: list[uuid.UUID]) -> list[bool]:
        """Whether the viewer sees each company's associations in full (`companies_read_in_full`)."""
        viewer = await self._context.viewer()
        if viewer is None:
            return [False for _ in company_ids]
        read = await companies_read_in_full(self._context.db, viewer.id, viewer.status, company_ids)
        return [c in read for c in company_ids]

    async def _person_visible(self, user_ids: list[uuid.UUID]) -> list[bool]:
        """The User policy for each person (at most four statements for the batch)."""
        actor = await self._context.actor()
        if actor is None:
            return [False for _ in user_ids]
        visible = await people_visible(self._context.db, actor, user_ids)
        return [u in visible for u in user_ids]

    async def _contacts_visible(self, user_ids: list[uuid.UUID]) -> list[bool]:
        """The contact policy for each person: their pending requests, then the roles the others hold (one batch
        each)."""
        actor = await self._context.actor()
        if actor is None:
            return [False for _ in user_ids]
        if actor.authority.is_help_desk:
            return [True for _ in user_ids]
        others = [u for u in user_ids if u != actor.id]
        awaiting = dict(zip(others, await self.awaiting_viewer_decision.load_many(others), strict=True))
        rest = [u for u in others if not awaiting[u]]  # the queue's requesters need no roles read
        held: dict[uuid.UUID, list[HeldRoleItem]] = {u: [] for u in others}
        held.update(zip(rest, await self.held_roles_by_user_id.load_many(rest), strict=True))
        roles = {u: [item.role for item in items] for u, items in held.items()}
        companies = {
            i.role.user_group_id: i.group_company_id
            for items in held.values()
            for i in items
            if i.role.user_group_id is not None
        }
        return [
            u == actor.id or contacts_visible(actor, u, roles[u], awaits=awaiting[u], group_companies=companies)
            for u in user_ids
        ]

    async def _assignments_by_group_id(self, group_ids: list[uuid.UUID]) -> list[list[RoleAssignment]]:
        rows = await self._all(
            select(RoleAssignment)
            .where(RoleAssignment.user_group_id.in_(group_ids), RoleAssignment.status == RoleStatus.ACTIVE)
            .order_by(RoleAssignment.role, RoleAssignment.granted_at, RoleAssignment.id)
        )
        grouped: dict[uuid.UUID, list[RoleAssignment]] = defaultdict(list)
        for (assignment,) in rows:
            if assignment.user_group_id is not None:
                grouped[assignment.user_group_id].append(assignment)
        return [grouped[i] for i in group_ids]
