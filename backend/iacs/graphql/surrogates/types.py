"""SurrogateCompany and its associations: a billing company or other outside contractor (R16-R21)."""

from __future__ import annotations

import enum
import uuid
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from iacs.db.rows import CompanyColumns
from iacs.domain.enums import RequestStatus as DomainRequestStatus
from iacs.domain.requests.service import Actor
from iacs.domain.surrogates import models
from iacs.domain.surrogates.queries import (
    Association,
    AssociationFilter,
    association_counts,
    associations,
)
from iacs.domain.visibility import may_view_associations
from iacs.graphql.access import context_of, selects
from iacs.graphql.context import Context
from iacs.graphql.enums import RequestStatus
from iacs.graphql.errors import PublicError
from iacs.graphql.info import Info
from iacs.graphql.node import Node, by_id, node_of
from iacs.graphql.pagination import After, Connection, First, Paging, empty_connection
from iacs.graphql.search import search_term
from iacs.graphql.visible import organization_visible, requests_visible

if TYPE_CHECKING:
    from iacs.graphql.accounts.types import User
    from iacs.graphql.groups.types import UserGroup
    from iacs.graphql.organizations.types import Organization
    from iacs.graphql.requests.types import AccessRequest


@strawberry.type(
    description="A surrogate company's tie to one organization it serves or asked to serve; one per company and "
    "organization (R17, R18)."
)
class SurrogateAssociation:
    status: RequestStatus = strawberry.field(description="The status of the latest request to serve the organization.")
    _row: strawberry.Private[Association]

    @strawberry.field(description="The surrogate group, once the request is approved.")
    def user_group(self) -> Annotated[UserGroup, strawberry.lazy("iacs.graphql.groups.types")] | None:
        from iacs.graphql.groups.types import UserGroup

        return UserGroup.from_model(self._row.user_group) if self._row.user_group is not None else None

    @strawberry.field(description="The organization served.")
    def organization(self) -> Annotated[Organization, strawberry.lazy("iacs.graphql.organizations.types")]:
        from iacs.graphql.organizations.types import Organization

        return Organization.from_model(self._row.organization)

    @strawberry.field(description="The latest request for this association.")
    def request(self) -> Annotated[AccessRequest, strawberry.lazy("iacs.graphql.requests.types")]:
        from iacs.graphql.requests.types import AccessRequest

        return AccessRequest.from_model(self._row.request)


@strawberry.type(description="How many of a surrogate company's associations are in one status (R17).")
class AssociationCount:
    status: RequestStatus = strawberry.field(description="The status of the latest request to serve the organization.")
    count: int = strawberry.field(description="How many associations are in this status.")


class Reading(enum.Enum):
    """How the viewer reads a company's associations, when they may."""

    IN_FULL = "every association, every request of the company included"


async def _association_reader(context: Context, company_id: uuid.UUID) -> Actor | Reading | None:
    """Whether the viewer may read the company's associations (R17): None if not; IN_FULL when one statement
    shows that they see all of them, requests included (`companies_read_in_full`: the help desk, the company's
    administrators), without loading their authority, thousands of roles for a billing company's administrator;
    else the actor, whose authority then says which requests show."""
    viewer = await context.viewer()
    if viewer is None:
        return None
    if context.actor_at_hand() is None and await context.loaders.company_read_in_full.load(company_id):
        return Reading.IN_FULL
    actor = await context.actor()
    return actor if actor is not None and may_view_associations(actor, company_id) else None


def association_filter(search: str | None, state: str | None, status: Any | None) -> AssociationFilter:
    """The filters of `associations`, checked before any SQL: BAD_USER_INPUT naming what is wrong."""
    term = search_term(search)
    code = None
    if state is not None and state.strip():
        code = state.strip().upper()
        if len(code) != 2 or not ("A" <= code[0] <= "Z" and "A" <= code[1] <= "Z"):
            raise PublicError("`state` is a two-letter state code, like MD.", "BAD_USER_INPUT")
    return AssociationFilter(
        search=term,
        state=code,
        statuses=(DomainRequestStatus(status),) if status is not None else None,
    )


@strawberry.type(
    description="A billing company or other contractor that works for organizations through surrogate user groups "
    "(R16). Its name and the last 4 digits of its TIN are visible to everyone signed in, so that staff can find "
    "it; its associations only to its administrators and the help desk."
)
class SurrogateCompany(Node):
    name: str = strawberry.field(description="The company's name, at most 200 characters.")
    tin_last4: str = strawberry.field(description="The last 4 digits of the company's TIN.")
    _pk: strawberry.Private[uuid.UUID]

    @classmethod
    def from_model(cls, company: models.SurrogateCompany | CompanyColumns) -> SurrogateCompany:
        return node_of(cls, company, tin_last4=company.tin[-4:], _pk=company.id)

    @classmethod
    async def load(cls, info: Info, pk: uuid.UUID | None) -> SurrogateCompany | None:
        return await by_id(context_of(info).loaders.company_by_id, pk, cls.from_model)

    @strawberry.field(
        description="The company's administrators who can act now (an active administrator role, an account not "
        "disabled), in the order they took office (R35). A founder is one only once the company's first surrogate "
        "group is approved."
    )
    async def administrators(self, info: Info) -> list[Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]]:
        from iacs.graphql.accounts.types import User

        users = await context_of(info).loaders.administrators_by_company_id.load(self._pk)
        return [User.from_model(u) for u in users]

    @strawberry.field(
        description="Exactly one administrator: one departure from nobody being able to act for the company; "
        "another should be named (R35)."
    )
    async def at_risk(self, info: Info) -> bool:
        return len(await context_of(info).loaders.administrators_by_company_id.load(self._pk)) == 1

    @strawberry.field(
        description="No administrator: nobody can add staff or serve new organizations for the company; the help "
        "desk decides requests to administer it (R35)."
    )
    async def orphaned(self, info: Info) -> bool:
        return not await context_of(info).loaders.administrators_by_company_id.load(self._pk)

    @strawberry.field(
        description="Every association of the company with its status, by organization name; for the "
        "company's administrators and the help desk, empty for anyone else (R17). `first` at most 100. "
        "`search`, `state` and `status` narrow the list (all of them at once when several are given), and "
        "`totalCount` counts what they let through."
    )
    async def associations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Only organizations whose name contains it (any case) or whose NPI starts with it; at "
                "most 100 characters. Blank: no filter."
            ),
        ] = None,
        state: Annotated[
            str | None,
            strawberry.argument(
                description="Only organizations in this state: a two-letter code (MD, any case). Blank: no filter."
            ),
        ] = None,
        status: Annotated[
            RequestStatus | None,
            strawberry.argument(
                description="Only associations whose latest request is in this status; all when omitted."
            ),
        ] = None,
    ) -> Connection[SurrogateAssociation]:
        context = context_of(info)
        paging = Paging.of(first, after, str, uuid.UUID)
        only = association_filter(search, state, status)  # before any SQL (docs/api.md, Limits)
        reader = await _association_reader(context, self._pk)
        if reader is None:
            return empty_connection()
        page = await associations(context.db, self._pk, first=paging.limit, after=paging.key, only=only)
        # Each association as its organization and its request are seen elsewhere (domain/visibility.py): the
        # company's UGAs see its requests; the organizations served are approved ones.
        requests = [row.request for row in page.rows]
        doubtful = [r for r in requests if r.company_id != self._pk] if reader is Reading.IN_FULL else requests
        hidden = {id(r) for r in doubtful} - {id(r) for r in await requests_visible(context, doubtful)}
        rows = [
            row
            for row in page.rows
            if id(row.request) not in hidden and await organization_visible(context, row.organization)
        ]
        if selects(info, "edges", "node", "request", "decidedBy"):
            # The page's deciders in one statement now, so that each request names its decider at once and the
            # page's objects are completed by the plan (execution.py), not field by field.
            deciders = {row.request.decided_by_id for row in rows if row.request.decided_by_id is not None}
            await context.loaders.user_by_id.load_many(list(deciders))
        return paging.connection(
            rows,
            key=lambda row: (row.organization.legal_business_name, str(row.organization.id)),
            node=lambda row: SurrogateAssociation(status=row.request.status, _row=row),
            has_next=page.has_next,
            total=page.total,
        )

    @strawberry.field(
        description="How many of the company's associations are in each status (of their latest request), every "
        "status once, in the order of RequestStatus; for the company's administrators and the help desk, every "
        "count 0 for anyone else (R17)."
    )
    async def association_counts(self, info: Info) -> list[AssociationCount]:
        context = context_of(info)
        if await _association_reader(context, self._pk) is None:
            return [AssociationCount(status=status, count=0) for status in DomainRequestStatus]
        counts = await association_counts(context.db, self._pk)
        return [AssociationCount(status=status, count=n) for status, n in counts.items()]
