"""R24: who may decide a request, in one table.

Every request carries the *relation* whose active holders decide it (fixed by its kind and scope when it
is submitted). The people are never stored: they are found from the roles active at the moment of
asking. `can_decide` (Python), the approval queue's SQL filter and the `approvers` list are all derived
from RELATIONS below, so they cannot disagree.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from sqlalchemy import ARRAY, ColumnElement, String, Uuid, and_, any_, bindparam, false, or_

from iacs.db.rows import Columns
from iacs.domain.enums import RequestKind, Role
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment

# A request as its model or as a row of its columns named alike (reads of lists build no ORM objects).
RequestLike: TypeAlias = AccessRequest | Columns

ScopeColumn = Literal["organization_id", "user_group_id", "company_id"]


class ApproverRelation(enum.StrEnum):
    HELP_DESK = "HELP_DESK"  # R7, R10, R22: CMS External User Services
    ORGANIZATION_SECURITY_OFFICIAL = "ORGANIZATION_SECURITY_OFFICIAL"  # R9: the SO approves a BSO
    ORGANIZATION_OFFICIALS = "ORGANIZATION_OFFICIALS"  # R12, R16, R23: the SO or a BSO
    GROUP_ADMINISTRATORS = "GROUP_ADMINISTRATORS"  # R13, R23: a UGA of the group
    COMPANY_ADMINISTRATORS = "COMPANY_ADMINISTRATORS"  # R17: a UGA of the surrogate company
    PRACTITIONER = "PRACTITIONER"  # R21: the individual practitioner personally


@dataclass(frozen=True)
class Relation:
    roles: frozenset[Role]
    scope: ScopeColumn | None  # None: a global role (the help desk)
    # Company UGAs hold USER_GROUP_ADMINISTRATOR with company_id set and no group; group UGAs have a group.
    company_level: bool = False


RELATIONS: dict[ApproverRelation, Relation] = {
    ApproverRelation.HELP_DESK: Relation(frozenset({Role.HELP_DESK}), None),
    ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL: Relation(frozenset({Role.SECURITY_OFFICIAL}), "organization_id"),
    ApproverRelation.ORGANIZATION_OFFICIALS: Relation(
        frozenset({Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL}), "organization_id"
    ),
    ApproverRelation.GROUP_ADMINISTRATORS: Relation(frozenset({Role.USER_GROUP_ADMINISTRATOR}), "user_group_id"),
    ApproverRelation.COMPANY_ADMINISTRATORS: Relation(
        frozenset({Role.USER_GROUP_ADMINISTRATOR}), "company_id", company_level=True
    ),
    ApproverRelation.PRACTITIONER: Relation(frozenset({Role.INDIVIDUAL_PRACTITIONER}), "organization_id"),
}

# Which relation decides each kind of request (the one variation, R23 and R21, is chosen at submission).
KIND_RELATIONS: dict[RequestKind, frozenset[ApproverRelation]] = {
    RequestKind.REGISTER_ORGANIZATION: frozenset({ApproverRelation.HELP_DESK}),
    RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER: frozenset({ApproverRelation.HELP_DESK}),
    RequestKind.SUCCEED_SECURITY_OFFICIAL: frozenset({ApproverRelation.HELP_DESK}),
    RequestKind.BACKUP_SECURITY_OFFICIAL: frozenset({ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL}),
    RequestKind.CREATE_USER_GROUP: frozenset({ApproverRelation.ORGANIZATION_OFFICIALS}),
    RequestKind.ADMINISTER_USER_GROUP: frozenset({ApproverRelation.ORGANIZATION_OFFICIALS}),
    RequestKind.JOIN_USER_GROUP: frozenset({ApproverRelation.GROUP_ADMINISTRATORS}),
    RequestKind.JOIN_SURROGATE_COMPANY: frozenset({ApproverRelation.COMPANY_ADMINISTRATORS}),
    RequestKind.CREATE_SURROGATE_USER_GROUP: frozenset(
        {ApproverRelation.ORGANIZATION_OFFICIALS, ApproverRelation.PRACTITIONER}
    ),
    # R23: a UGA asks for the group (the organization's officials decide; in a practice, the practitioner:
    # R21, R22, R34), an end user for themselves (a UGA of the group decides).
    RequestKind.APPLICATION_ACCESS: frozenset(
        {ApproverRelation.ORGANIZATION_OFFICIALS, ApproverRelation.PRACTITIONER, ApproverRelation.GROUP_ADMINISTRATORS}
    ),
}


def officials_relation(practice: bool) -> ApproverRelation:
    """Who acts as the officials of an organization: its SO and BSOs, or in an individual practitioner's
    practice (which has neither) the practitioner personally (R21, R22, R34)."""
    return ApproverRelation.PRACTITIONER if practice else ApproverRelation.ORGANIZATION_OFFICIALS


@dataclass(frozen=True)
class HeldRole:
    """The part of an active role assignment that authority is computed from."""

    role: Role
    organization_id: uuid.UUID | None
    user_group_id: uuid.UUID | None
    company_id: uuid.UUID | None
    application_id: uuid.UUID | None = None

    @classmethod
    def of(cls, assignment: RoleAssignment | Columns) -> HeldRole:
        return cls(
            role=assignment.role,
            organization_id=assignment.organization_id,
            user_group_id=assignment.user_group_id,
            company_id=assignment.company_id,
            application_id=assignment.application_id,
        )


def _holds(relation: Relation, held: HeldRole) -> uuid.UUID | Literal[True] | None:
    """The scope id this held role gives authority over for `relation` (True: everything), or None."""
    if held.role not in relation.roles or held.application_id is not None:
        return None
    if relation.scope is None:
        return True
    if relation.company_level and held.user_group_id is not None:
        return None
    if relation.scope == "organization_id" and held.user_group_id is not None:
        return None  # a group UGA holds organization_id too, but is no official of the organization
    scope_id: uuid.UUID | None = getattr(held, relation.scope)
    return scope_id


@dataclass(frozen=True)
class Authority:
    """What one person may decide: for each relation, everything (global) or a set of scope ids."""

    user_id: uuid.UUID
    global_relations: frozenset[ApproverRelation] = frozenset()
    scoped: dict[ApproverRelation, frozenset[uuid.UUID]] = field(default_factory=dict)

    @classmethod
    def from_roles(cls, user_id: uuid.UUID, roles: Iterable[HeldRole]) -> Authority:
        held = list(roles)
        global_relations: set[ApproverRelation] = set()
        scoped: dict[ApproverRelation, set[uuid.UUID]] = {}
        for name, relation in RELATIONS.items():
            for role in held:
                scope = _holds(relation, role)
                if scope is True:
                    global_relations.add(name)
                elif scope is not None:
                    scoped.setdefault(name, set()).add(scope)
        return cls(
            user_id=user_id,
            global_relations=frozenset(global_relations),
            scoped={k: frozenset(v) for k, v in scoped.items()},
        )

    @property
    def is_help_desk(self) -> bool:
        return ApproverRelation.HELP_DESK in self.global_relations

    def can_decide(self, request: RequestLike) -> bool:
        """R15 + R24 for a pending request (the caller checks the status)."""
        if request.requester_id == self.user_id:
            return False  # R15: nobody decides their own request, not even the help desk
        relation = ApproverRelation(request.approver_relation)
        if relation in self.global_relations:
            return True
        scope_column = RELATIONS[relation].scope
        if scope_column is None:
            return False
        scope_id = getattr(request, scope_column)
        return scope_id is not None and scope_id in self.scoped.get(relation, frozenset())

    def queue_filter(self) -> ColumnElement[bool]:
        """The same rule as `can_decide`, as SQL over access_requests, with this person's values bound."""
        return queue_clause(self.queue_parameters())

    def queue_parameters(self) -> dict[str, Any]:
        """The values of `queue_clause()` for this person: who they are, the relations they hold everywhere,
        and for each scoped relation the ids of the scopes they hold it in (empty: none)."""
        parameters: dict[str, Any] = {
            "queue_viewer": self.user_id,
            "queue_global": sorted(r.value for r in self.global_relations),
        }
        for relation, rule in RELATIONS.items():
            if rule.scope is not None:
                parameters[_scope_parameter(relation)] = sorted(self.scoped.get(relation, frozenset()))
        return parameters


def _scope_parameter(relation: ApproverRelation) -> str:
    return f"queue_{relation.value.lower()}"


def queue_clause(values: dict[str, Any] | None = None) -> ColumnElement[bool]:
    """The rule of `Authority.can_decide` as one SQL condition of fixed shape over access_requests.

    Without `values` its parameters are open (filled per execution from `Authority.queue_parameters()`), so a
    statement using it is built once and its compiled form cached; PostgreSQL's prepared plan then serves
    every approver (an empty array makes a branch cost nothing; the heavy approver's queue: 3 ms).
    """

    def parameter(key: str, type_: Any) -> Any:
        if values is None:
            return bindparam(key, type_=type_)
        return bindparam(key, values[key], type_=type_, unique=True)

    ids = ARRAY(Uuid())
    requests = AccessRequest.__table__.c  # Core columns: usable in Core statements and ORM queries alike
    clauses: list[ColumnElement[bool]] = [
        requests.approver_relation == any_(parameter("queue_global", ARRAY(String())))
    ]
    for relation, rule in RELATIONS.items():
        if rule.scope is not None:
            clauses.append(
                and_(
                    requests.approver_relation == relation.value,
                    requests[rule.scope] == any_(parameter(_scope_parameter(relation), ids)),
                )
            )
    return and_(requests.requester_id != parameter("queue_viewer", Uuid()), or_(*clauses))


@dataclass(frozen=True)
class RoleApproval:
    """R29, R30: who approved (so may certify and revoke) a role, by the shape of its assignment."""

    role: Role
    in_group: bool | None  # True: held in a user group; False: not in a group; None: either
    # Any holder of one of these relations over the role's scope. A role held in a group of an individual
    # practitioner's practice is the practitioner's to act on, since a practice has no SO or BSO (R34).
    relations: tuple[ApproverRelation, ...]


# The same people who decide the request for a role may later certify or revoke it.
ROLE_APPROVALS: tuple[RoleApproval, ...] = (
    RoleApproval(Role.SECURITY_OFFICIAL, None, (ApproverRelation.HELP_DESK,)),
    RoleApproval(Role.INDIVIDUAL_PRACTITIONER, None, (ApproverRelation.HELP_DESK,)),
    RoleApproval(Role.BACKUP_SECURITY_OFFICIAL, None, (ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL,)),
    # a group's UGA, a surrogate group's UGA, and a group's application access: the SO or a BSO, or in a
    # practice the practitioner (R21, R22, R34)
    RoleApproval(
        Role.USER_GROUP_ADMINISTRATOR, True, (ApproverRelation.ORGANIZATION_OFFICIALS, ApproverRelation.PRACTITIONER)
    ),
    RoleApproval(Role.END_USER, True, (ApproverRelation.GROUP_ADMINISTRATORS,)),
    RoleApproval(Role.END_USER, False, (ApproverRelation.COMPANY_ADMINISTRATORS,)),
    # not listed: a company's own UGA and the help desk - nobody approved them, so nobody certifies them
)


def relations_for_role(held: HeldRole) -> tuple[ApproverRelation, ...]:
    """R29, R30: the relations whose holders approved (so certify) a role; empty when nobody approved it."""
    for approval in ROLE_APPROVALS:
        if approval.role == held.role and (
            approval.in_group is None or approval.in_group == (held.user_group_id is not None)
        ):
            return approval.relations
    return ()


def may_certify(authority: Authority, held: HeldRole) -> bool:
    """R30: whoever may approve a role certifies it (the caller refuses one's own role, as R15)."""
    for relation in relations_for_role(held):
        if relation in authority.global_relations:
            return True
        scope_column = RELATIONS[relation].scope
        if scope_column is None:
            continue
        scope_id = getattr(held, scope_column)
        if scope_id is not None and scope_id in authority.scoped.get(relation, frozenset()):
            return True
    return False


def may_revoke(authority: Authority, held: HeldRole) -> bool:
    """R29: whoever may approve a role may end it; R34: the help desk may end any role but a help-desk
    person's (every role has someone who can end it). The holder giving a role up is the caller's case."""
    if authority.is_help_desk and held.role != Role.HELP_DESK:
        return True
    return may_certify(authority, held)


def role_approval_filter(authority: Authority) -> ColumnElement[bool]:
    """The same rule as `may_certify`, as SQL over role_assignments (for the certification queue, R30).

    Nobody certifies their own role (as R15 for requests).
    """
    clauses: list[ColumnElement[bool]] = []
    for approval in ROLE_APPROVALS:
        shape: list[ColumnElement[bool]] = [RoleAssignment.role == approval.role]
        if approval.in_group is True:
            shape.append(RoleAssignment.user_group_id.is_not(None))
        elif approval.in_group is False:
            shape.append(RoleAssignment.user_group_id.is_(None))
        for relation in approval.relations:
            if relation in authority.global_relations:
                clauses.append(and_(*shape))
                continue
            ids = authority.scoped.get(relation)
            scope_column = RELATIONS[relation].scope
            if ids and scope_column is not None:
                clauses.append(and_(*shape, getattr(RoleAssignment, scope_column).in_(sorted(ids))))
    if not clauses:
        return false()
    return and_(RoleAssignment.user_id != authority.user_id, or_(*clauses))
