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
from typing import Literal

from sqlalchemy import ColumnElement, and_, false, or_

from iacs.domain.enums import RequestKind, Role
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment

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
    RequestKind.APPLICATION_ACCESS: frozenset(
        {ApproverRelation.ORGANIZATION_OFFICIALS, ApproverRelation.GROUP_ADMINISTRATORS}
    ),
}


@dataclass(frozen=True)
class HeldRole:
    """The part of an active role assignment that authority is computed from."""

    role: Role
    organization_id: uuid.UUID | None
    user_group_id: uuid.UUID | None
    company_id: uuid.UUID | None
    application_id: uuid.UUID | None = None

    @classmethod
    def of(cls, assignment: RoleAssignment) -> HeldRole:
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

    def can_decide(self, request: AccessRequest) -> bool:
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
        """The same rule as `can_decide`, as SQL over access_requests (for the approval queue)."""
        clauses: list[ColumnElement[bool]] = []
        for relation, rule in RELATIONS.items():
            if relation in self.global_relations:
                clauses.append(AccessRequest.approver_relation == relation.value)
                continue
            ids = self.scoped.get(relation)
            scope_column = rule.scope
            if ids and scope_column is not None:
                clauses.append(
                    and_(
                        AccessRequest.approver_relation == relation.value,
                        getattr(AccessRequest, scope_column).in_(sorted(ids)),
                    )
                )
        if not clauses:
            return false()
        return and_(AccessRequest.requester_id != self.user_id, or_(*clauses))


def relation_for_role(held: HeldRole) -> ApproverRelation | None:
    """R29: who may revoke (= who may approve) a role; None when only its holder may give it up."""
    match held.role:
        case Role.SECURITY_OFFICIAL | Role.INDIVIDUAL_PRACTITIONER:
            return ApproverRelation.HELP_DESK
        case Role.BACKUP_SECURITY_OFFICIAL:
            return ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL
        case Role.USER_GROUP_ADMINISTRATOR if held.user_group_id is not None:
            return ApproverRelation.ORGANIZATION_OFFICIALS  # the group's, or the group's application access
        case Role.END_USER if held.user_group_id is not None:
            return ApproverRelation.GROUP_ADMINISTRATORS
        case Role.END_USER:
            return ApproverRelation.COMPANY_ADMINISTRATORS
        case _:
            return None  # a company's own UGA and the help desk: only the holder gives it up


def may_revoke(authority: Authority, held: HeldRole) -> bool:
    relation = relation_for_role(held)
    if relation is None:
        return False
    if relation in authority.global_relations:
        return True
    scope_column = RELATIONS[relation].scope
    if scope_column is None:
        return False
    scope_id = getattr(held, scope_column)
    return scope_id is not None and scope_id in authority.scoped.get(relation, frozenset())
