"""R24: who may decide a request, in one table.

Every request carries the *relation* whose active holders decide it (fixed by its kind and scope when it
is submitted). The people are never stored: they are found from the roles active at the moment of
asking. `can_decide` (Python), the approval queue's SQL filter and the `approvers` list are all derived
from RELATIONS below, so they cannot disagree. R36: a disabled account's roles give no authority at all
(`holds_power`, `power_clause`, `Authority.of_account`).
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeAlias

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    String,
    Text,
    Uuid,
    all_,
    and_,
    any_,
    bindparam,
    cast,
    false,
    or_,
)

from iacs.db.rows import RequestColumns, RoleColumns
from iacs.domain.accounts.models import User
from iacs.domain.enums import AccountStatus, RequestKind, Role
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment

# A request as its model or as a row of its columns named alike (reads of lists build no ORM objects).
RequestLike: TypeAlias = AccessRequest | RequestColumns

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

# Which relations decide each kind of request. The one source of routing (R24): submission takes a new request's
# relation from here (`route`), and `can_decide`, the queue, `approvers` and the explanations follow the relation
# it stored, and this table's rows for the rights a role gives (`kinds_decided_by`). Where a kind has several
# relations, `route` chooses by `ROUTING_ORDER` and the `Situation` of the request.
KIND_RELATIONS: dict[RequestKind, frozenset[ApproverRelation]] = {
    RequestKind.REGISTER_ORGANIZATION: frozenset({ApproverRelation.HELP_DESK}),
    RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER: frozenset({ApproverRelation.HELP_DESK}),
    RequestKind.SUCCEED_SECURITY_OFFICIAL: frozenset({ApproverRelation.HELP_DESK}),
    RequestKind.BACKUP_SECURITY_OFFICIAL: frozenset({ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL}),
    RequestKind.CREATE_USER_GROUP: frozenset({ApproverRelation.ORGANIZATION_OFFICIALS}),
    RequestKind.ADMINISTER_USER_GROUP: frozenset({ApproverRelation.ORGANIZATION_OFFICIALS}),
    RequestKind.JOIN_USER_GROUP: frozenset({ApproverRelation.GROUP_ADMINISTRATORS}),
    RequestKind.JOIN_SURROGATE_COMPANY: frozenset({ApproverRelation.COMPANY_ADMINISTRATORS}),
    # R35: an administrator of the company, or the help desk when the company has none left
    RequestKind.ADMINISTER_SURROGATE_COMPANY: frozenset(
        {ApproverRelation.COMPANY_ADMINISTRATORS, ApproverRelation.HELP_DESK}
    ),
    # R16, R21: the organization's officials; in a practice, the practitioner personally
    RequestKind.CREATE_SURROGATE_USER_GROUP: frozenset(
        {ApproverRelation.ORGANIZATION_OFFICIALS, ApproverRelation.PRACTITIONER}
    ),
    # R23: a UGA asks for the group (the organization's officials decide; in a practice, the practitioner:
    # R21, R22, R34), an end user for themselves (a UGA of the group decides).
    RequestKind.APPLICATION_ACCESS: frozenset(
        {ApproverRelation.ORGANIZATION_OFFICIALS, ApproverRelation.PRACTITIONER, ApproverRelation.GROUP_ADMINISTRATORS}
    ),
}

# The order in which `route` tries a kind's relations: the people nearest to what is asked for first (a group's
# administrators, a company's, the practitioner, the organization's Security Official, its officials), the help
# desk, who is always there, last.
ROUTING_ORDER: tuple[ApproverRelation, ...] = (
    ApproverRelation.GROUP_ADMINISTRATORS,
    ApproverRelation.COMPANY_ADMINISTRATORS,
    ApproverRelation.PRACTITIONER,
    ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL,
    ApproverRelation.ORGANIZATION_OFFICIALS,
    ApproverRelation.HELP_DESK,
)


@dataclass(frozen=True)
class Situation:
    """What submission knows of one request that the table does not: the facts that rule a relation out.

    A fact a submission does not establish keeps its default, the ordinary case (it rules nothing out)."""

    # The organization is an individual practitioner's practice, which has no SO or BSO: its practitioner
    # decides as its officials (R21, R22, R34); elsewhere there is no practitioner to decide.
    practice: bool = False
    # R23: the requester administers the group the request is about; what a UGA asks for the group is decided
    # above the group, not by its administrators.
    requester_administers_group: bool = False
    # R35: the company has an administrator who counts now; without one, its administrators decide nothing.
    company_has_administrator: bool = True

    def admits(self, relation: ApproverRelation) -> bool:
        """Whether `relation` can decide a request in this situation."""
        if relation == ApproverRelation.PRACTITIONER:
            return self.practice
        if relation in {ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL, ApproverRelation.ORGANIZATION_OFFICIALS}:
            return not self.practice
        if relation == ApproverRelation.GROUP_ADMINISTRATORS:
            return not self.requester_administers_group
        if relation == ApproverRelation.COMPANY_ADMINISTRATORS:
            return self.company_has_administrator
        return True  # the help desk


ORDINARY = Situation()


def route(kind: RequestKind, situation: Situation = ORDINARY) -> ApproverRelation:
    """R24: the relation that decides a new request of `kind`: of its relations in KIND_RELATIONS, the first in
    ROUTING_ORDER that the situation admits, or the first of them when it admits none (so a kind with one
    relation always goes to it). For the table as it stands:
    - ADMINISTER_SURROGATE_COMPANY: the company's administrators, else (none left) the help desk (R35);
    - CREATE_SURROGATE_USER_GROUP: in a practice the practitioner, else the organization's officials (R16, R21);
    - APPLICATION_ACCESS: an end user's, the group's UGAs; a UGA's for the group, in a practice the
      practitioner, else the organization's officials (R23, R34).
    """
    relations = KIND_RELATIONS[kind]
    candidates = [relation for relation in ROUTING_ORDER if relation in relations]
    return next((relation for relation in candidates if situation.admits(relation)), candidates[0])


def kinds_decided_by(relation: ApproverRelation) -> tuple[RequestKind, ...]:
    """R24: the kinds of request `relation` may be routed to, as KIND_RELATIONS says (for the explanations)."""
    return tuple(sorted(kind for kind, relations in KIND_RELATIONS.items() if relation in relations))


def officials_relation(practice: bool) -> ApproverRelation:
    """Who acts as the officials of an organization: its SO and BSOs, or in an individual practitioner's
    practice (which has neither) the practitioner personally (R21, R22, R34)."""
    return ApproverRelation.PRACTITIONER if practice else ApproverRelation.ORGANIZATION_OFFICIALS


def holds_power(account_status: AccountStatus | str) -> bool:
    """R36: only the roles of an account the help desk has not disabled count: a disabled person is no approver,
    no official and no certifier anywhere, and their roles come back into force when the account is enabled
    (nothing is deleted). Every computation of who may act starts here or from `power_clause`."""
    return AccountStatus(account_status) == AccountStatus.ACTIVE


def power_clause() -> ColumnElement[bool]:
    """`holds_power` as SQL over users: the holders whose roles count (R36)."""
    return User.__table__.c.status == AccountStatus.ACTIVE.value


def request_relations(request: RequestLike) -> tuple[ApproverRelation, ...]:
    """R24, R39: the relation a request was routed to, then those it was escalated to, level by level."""
    escalated = request.escalated_relations or ()
    return (ApproverRelation(request.approver_relation), *(ApproverRelation(r) for r in escalated))


def escalation_of(relation: ApproverRelation, *, practice: bool) -> ApproverRelation | None:
    """R39: the level above a relation: a group's UGAs -> the organization's officials (in a practice, the
    practitioner) -> the help desk, who has nobody above."""
    if relation == ApproverRelation.HELP_DESK:
        return None
    if relation == ApproverRelation.GROUP_ADMINISTRATORS:
        return officials_relation(practice)
    return ApproverRelation.HELP_DESK


class HeldRole(NamedTuple):
    """The part of an active role assignment that authority is computed from. A named tuple, not a dataclass:
    every request of a signed-in person builds one per active role (2,001 for a billing company's administrator),
    and a tuple is built several times faster."""

    role: Role
    organization_id: uuid.UUID | None
    user_group_id: uuid.UUID | None
    company_id: uuid.UUID | None
    application_id: uuid.UUID | None = None

    @classmethod
    def of(cls, assignment: RoleAssignment | RoleColumns) -> HeldRole:
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


# For each role, the relations it can give authority in (RELATIONS read the other way round, in its order).
_RELATIONS_OF_ROLE: dict[Role, tuple[tuple[ApproverRelation, Relation], ...]] = {
    role: tuple((name, relation) for name, relation in RELATIONS.items() if role in relation.roles) for role in Role
}


_SCOPE_OF_ROLE: dict[ScopeColumn, Callable[[HeldRole], uuid.UUID | None]] = {
    "organization_id": lambda h: h.organization_id,
    "user_group_id": lambda h: h.user_group_id,
    "company_id": lambda h: h.company_id,
}


def scope_of(relation: ApproverRelation, subject: RequestLike | HeldRole) -> uuid.UUID | None:
    """The id of the scope `relation` is held over, read from a request or a role (None: a global relation, or a
    subject without that scope)."""
    scope_column = RELATIONS[relation].scope
    scope_id: uuid.UUID | None = getattr(subject, scope_column) if scope_column is not None else None
    return scope_id


@dataclass(frozen=True)
class DelegatedRole:
    """R38: a role of someone else (the delegator) whose queue this person decides while a delegation runs."""

    delegator_id: uuid.UUID
    held: HeldRole


# Roles that may be delegated (R38): the SO, a BSO, a UGA of a group or of a company.
DELEGABLE_ROLES = frozenset({Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL, Role.USER_GROUP_ADMINISTRATOR})


@dataclass(frozen=True)
class Authority:
    """What one person may decide: for each relation, everything (global) or a set of scope ids.

    `delegated` (R38): for each relation, the scope ids this person decides for others, with the people they act
    for there. It counts for deciding (`can_decide`, the queue, `approvers`) and for seeing what is routed there,
    never for certifying or revoking roles; a delegate never decides a request of the person acted for (R15).
    """

    user_id: uuid.UUID
    global_relations: frozenset[ApproverRelation] = frozenset()
    scoped: dict[ApproverRelation, frozenset[uuid.UUID]] = field(default_factory=dict)
    delegated: dict[ApproverRelation, dict[uuid.UUID, frozenset[uuid.UUID]]] = field(default_factory=dict)

    def with_delegated(self, grants: Iterable[DelegatedRole]) -> Authority:
        """This authority and the queues decided for others (R38); the caller passes only running delegations
        of people whose account and role count (R36)."""
        by_relation: dict[ApproverRelation, dict[uuid.UUID, set[uuid.UUID]]] = {}
        for grant in grants:
            if grant.held.role not in DELEGABLE_ROLES or grant.delegator_id == self.user_id:
                continue
            for name, relation in RELATIONS.items():
                scope = _holds(relation, grant.held)
                if isinstance(scope, uuid.UUID):
                    by_relation.setdefault(name, {}).setdefault(scope, set()).add(grant.delegator_id)
        if not by_relation:
            return self
        return Authority(
            user_id=self.user_id,
            global_relations=self.global_relations,
            scoped=self.scoped,
            delegated={r: {s: frozenset(d) for s, d in by_scope.items()} for r, by_scope in by_relation.items()},
        )

    @classmethod
    def from_roles(cls, user_id: uuid.UUID, roles: Iterable[HeldRole]) -> Authority:
        # `_holds` for every role and relation, a kind of role at a time: a billing company's administrator holds
        # 2,001 roles on every request, so the scopes are gathered in set comprehensions, not a call per role.
        by_kind: dict[Role, list[HeldRole]] = {}
        for role in roles:
            if role.application_id is None:  # an application's access gives no authority
                by_kind.setdefault(role.role, []).append(role)
        global_relations: set[ApproverRelation] = set()
        scoped: dict[ApproverRelation, set[uuid.UUID]] = {}
        for kind, held in by_kind.items():
            for name, relation in _RELATIONS_OF_ROLE[kind]:
                if relation.scope is None:
                    global_relations.add(name)
                    continue
                scope = _SCOPE_OF_ROLE[relation.scope]
                if relation.company_level or relation.scope == "organization_id":  # not through a group (`_holds`)
                    ids = {i for h in held if h.user_group_id is None and (i := scope(h)) is not None}
                else:
                    ids = {i for h in held if (i := scope(h)) is not None}
                if ids:
                    scoped.setdefault(name, set()).update(ids)
        return cls(
            user_id=user_id,
            global_relations=frozenset(global_relations),
            scoped={k: frozenset(v) for k, v in scoped.items()},
        )

    @classmethod
    def of_account(
        cls, user_id: uuid.UUID, account_status: AccountStatus | str, roles: Iterable[HeldRole]
    ) -> Authority:
        """The authority of a person as it counts now: none at all while the account is disabled (R36)."""
        if not holds_power(account_status):
            return cls(user_id=user_id)
        return cls.from_roles(user_id, roles)

    @property
    def is_help_desk(self) -> bool:
        return ApproverRelation.HELP_DESK in self.global_relations

    def can_decide(self, request: RequestLike) -> bool:
        """R15 + R24 for a pending request (the caller checks the status)."""
        if request.requester_id == self.user_id:
            return False  # R15: nobody decides their own request, not even the help desk
        # R39: the relations it was escalated to decide it too, beside the one it was routed to
        return any(self._decides_as(relation, request) for relation in request_relations(request))

    def covers(self, relation: ApproverRelation, subject: RequestLike | HeldRole) -> bool:
        """Whether this person's own roles give `relation` over the subject's scope (a request's or a role's
        organization, group or company, as RELATIONS says; everywhere for a global relation). The one answer to
        "does this authority cover this relation here" (deciding, certifying, revoking, seeing); what a person
        decides for others (R38) is `_delegator_for`'s."""
        if relation in self.global_relations:
            return True
        scope_id = scope_of(relation, subject)
        return scope_id is not None and scope_id in self.scoped.get(relation, frozenset())

    def _decides_as(self, relation: ApproverRelation, request: RequestLike) -> bool:
        return self.covers(relation, request) or self._delegator_for(relation, request) is not None  # R38

    def _delegator_for(self, relation: ApproverRelation, request: RequestLike) -> uuid.UUID | None:
        """R38: someone this person decides `relation` for in the request's scope, never its requester (R15)."""
        scope_id = scope_of(relation, request)
        if scope_id is None:
            return None
        delegators = self.delegated.get(relation, {}).get(scope_id, frozenset()) - {request.requester_id}
        return min(delegators) if delegators else None

    def acting_for(self, request: RequestLike) -> uuid.UUID | None:
        """R38: the person this one decides `request` for, when only a delegation lets them decide it."""
        if request.requester_id == self.user_id:
            return None
        relations = request_relations(request)
        if any(self.covers(relation, request) for relation in relations):
            return None
        for relation in relations:
            delegator = self._delegator_for(relation, request)
            if delegator is not None:
                return delegator
        return None

    def decides_for_others(self, request: RequestLike) -> bool:
        """R38: whether a relation the request is routed or escalated to is one this person decides for someone
        in the request's scope (so they see it, as its relation's holders do)."""
        for relation in request_relations(request):
            scope_id = scope_of(relation, request)
            if scope_id is not None and scope_id in self.delegated.get(relation, {}):
                return True
        return False

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
                # R38: the scopes decided for someone, and "scope:person" where one person alone is acted for,
                # whose own requests there the delegate may not decide (R15)
                delegated = self.delegated.get(relation, {})
                parameters[_delegated_parameter(relation)] = sorted(delegated)
                parameters[_excluded_parameter(relation)] = sorted(
                    f"{scope}:{next(iter(people))}" for scope, people in delegated.items() if len(people) == 1
                )
        return parameters


def _scope_parameter(relation: ApproverRelation) -> str:
    return f"queue_{relation.value.lower()}"


def _delegated_parameter(relation: ApproverRelation) -> str:
    return f"queue_delegated_{relation.value.lower()}"


def _excluded_parameter(relation: ApproverRelation) -> str:
    return f"queue_delegator_{relation.value.lower()}"


def queue_clause(values: dict[str, Any] | None = None) -> ColumnElement[bool]:
    """The rule of `Authority.can_decide` as one SQL condition of fixed shape over access_requests.

    Without `values` its parameters are open (filled per execution from `Authority.queue_parameters()`), so a
    statement using it is built once and its compiled form cached; PostgreSQL's prepared plan then serves
    every approver (an empty array makes a branch cost nothing; the heavy approver's queue: 3 ms).
    """
    viewer = (
        bindparam("queue_viewer", type_=Uuid())
        if values is None
        else bindparam("queue_viewer", values["queue_viewer"], type_=Uuid(), unique=True)
    )
    return and_(AccessRequest.__table__.c.requester_id != viewer, or_(*queue_branches(values)))


def queue_branches(values: dict[str, Any] | None = None) -> list[ColumnElement[bool]]:
    """The branches of `queue_clause`, one per way a request reaches a queue (routed to, escalated to, decided
    for a delegator, by relation). Each has an index to be read by (tests/db/test_queue_plan.py): one without
    would make PostgreSQL read every pending request for every queue."""

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
    # R39: a request escalated to a relation is in the queue of its holders too. The global branch is read by the
    # GIN index of pending requests' escalations (ix_access_requests_pending_escalated_relations), so every branch has
    # an index and PostgreSQL reads the queue as a union of index scans; a branch without one made it read all
    # pending requests (300,000 at scale: 1.2 s for a one-organization queue).
    escalated = requests.escalated_relations
    clauses.append(escalated.overlap(parameter("queue_global", ARRAY(String()))))
    for relation, rule in RELATIONS.items():
        if rule.scope is not None:
            clauses.append(
                and_(
                    escalated.contains([relation.value]),
                    requests[rule.scope] == any_(parameter(_scope_parameter(relation), ids)),
                )
            )
    # R38: decided for a delegator, in the relation the request is routed or escalated to; never a request of
    # the delegator when they alone are acted for in that scope (R15)
    for relation, rule in RELATIONS.items():
        if rule.scope is not None:
            clauses.append(
                and_(
                    or_(
                        requests.approver_relation == relation.value,
                        requests.escalated_relations.contains([relation.value]),
                    ),
                    requests[rule.scope] == any_(parameter(_delegated_parameter(relation), ids)),
                    cast(requests[rule.scope], Text) + ":" + cast(requests.requester_id, Text)
                    != all_(parameter(_excluded_parameter(relation), ARRAY(String()))),
                )
            )
    return clauses


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
    # R35: a company's administrator (a UGA of the company, in no group): the company's other administrators,
    # or the help desk, who approves one when none is left (so that a sole administrator is certified too)
    RoleApproval(
        Role.USER_GROUP_ADMINISTRATOR, False, (ApproverRelation.COMPANY_ADMINISTRATORS, ApproverRelation.HELP_DESK)
    ),
    # not listed: the help desk - created from the command line, nobody approved it, so nobody certifies it
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
    return any(authority.covers(relation, held) for relation in relations_for_role(held))


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
