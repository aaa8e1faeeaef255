"""R24: submission's route is a function of the routing table and the request's situation (routing.py, `route`)."""

from __future__ import annotations

import uuid

import pytest

from iacs.domain.enums import RequestKind, Role
from iacs.domain.requests import routing
from iacs.domain.requests.decisions import GRANTS
from iacs.domain.requests.routing import (
    KIND_RELATIONS,
    ROUTING_ORDER,
    ApproverRelation,
    Authority,
    HeldRole,
    Situation,
    kinds_decided_by,
    may_certify,
    route,
)

A = ApproverRelation
PRACTICE = Situation(practice=True)
UGA_ASKS = Situation(requester_administers_group=True)
NO_ADMINISTRATOR = Situation(company_has_administrator=False)


def test_the_order_names_every_relation_once() -> None:
    assert sorted(ROUTING_ORDER) == sorted(ApproverRelation)


@pytest.mark.parametrize(
    ("kind", "situation", "relation"),
    [
        (RequestKind.REGISTER_ORGANIZATION, Situation(), A.HELP_DESK),  # R7
        (RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER, PRACTICE, A.HELP_DESK),  # R22
        (RequestKind.SUCCEED_SECURITY_OFFICIAL, Situation(), A.HELP_DESK),  # R10
        (RequestKind.BACKUP_SECURITY_OFFICIAL, Situation(), A.ORGANIZATION_SECURITY_OFFICIAL),  # R9
        (RequestKind.CREATE_USER_GROUP, Situation(), A.ORGANIZATION_OFFICIALS),  # R12
        (RequestKind.ADMINISTER_USER_GROUP, Situation(), A.ORGANIZATION_OFFICIALS),  # R12
        (RequestKind.JOIN_USER_GROUP, Situation(), A.GROUP_ADMINISTRATORS),  # R13
        (RequestKind.JOIN_USER_GROUP, PRACTICE, A.GROUP_ADMINISTRATORS),  # R13
        (RequestKind.JOIN_SURROGATE_COMPANY, Situation(), A.COMPANY_ADMINISTRATORS),  # R17
        # a kind with one relation goes to it even where the situation rules it out (R39 escalates it later)
        (RequestKind.JOIN_SURROGATE_COMPANY, NO_ADMINISTRATOR, A.COMPANY_ADMINISTRATORS),
        (RequestKind.ADMINISTER_SURROGATE_COMPANY, Situation(), A.COMPANY_ADMINISTRATORS),  # R35
        (RequestKind.ADMINISTER_SURROGATE_COMPANY, NO_ADMINISTRATOR, A.HELP_DESK),  # R35: none left
        (RequestKind.CREATE_SURROGATE_USER_GROUP, Situation(), A.ORGANIZATION_OFFICIALS),  # R16
        (RequestKind.CREATE_SURROGATE_USER_GROUP, PRACTICE, A.PRACTITIONER),  # R21
        (RequestKind.APPLICATION_ACCESS, Situation(), A.GROUP_ADMINISTRATORS),  # R23: an end user for themselves
        (RequestKind.APPLICATION_ACCESS, PRACTICE, A.GROUP_ADMINISTRATORS),
        (RequestKind.APPLICATION_ACCESS, UGA_ASKS, A.ORGANIZATION_OFFICIALS),  # R23: a UGA for the group
        (RequestKind.APPLICATION_ACCESS, Situation(practice=True, requester_administers_group=True), A.PRACTITIONER),
    ],
)
def test_route(kind: RequestKind, situation: Situation, relation: ApproverRelation) -> None:
    assert route(kind, situation) == relation


def test_every_kind_is_routed_within_its_row() -> None:
    situations = [Situation(p, g, c) for p in (False, True) for g in (False, True) for c in (False, True)]
    for kind, relations in KIND_RELATIONS.items():
        assert {route(kind, s) for s in situations} <= relations, kind


def test_route_and_rights_read_the_table_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """A changed row (in a copy) changes the route and the kinds a relation decides; nothing else."""
    table = dict(KIND_RELATIONS)
    table[RequestKind.JOIN_SURROGATE_COMPANY] = frozenset({A.COMPANY_ADMINISTRATORS, A.HELP_DESK})
    monkeypatch.setattr(routing, "KIND_RELATIONS", table)
    assert route(RequestKind.JOIN_SURROGATE_COMPANY, NO_ADMINISTRATOR) == A.HELP_DESK
    assert route(RequestKind.JOIN_SURROGATE_COMPANY) == A.COMPANY_ADMINISTRATORS
    assert kinds_decided_by(A.HELP_DESK) == (
        RequestKind.ADMINISTER_SURROGATE_COMPANY,
        RequestKind.JOIN_SURROGATE_COMPANY,
        RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER,
        RequestKind.REGISTER_ORGANIZATION,
        RequestKind.SUCCEED_SECURITY_OFFICIAL,
    )
    assert route(RequestKind.JOIN_USER_GROUP) == A.GROUP_ADMINISTRATORS


def test_covers_is_the_one_answer_for_deciding_and_certifying() -> None:
    """`Authority.covers`: global relations everywhere, scoped ones in their scope only, a group's UGA no official."""
    org, other, group = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    so = Authority.from_roles(uuid.uuid4(), [HeldRole(Role.SECURITY_OFFICIAL, org, None, None)])
    uga = Authority.from_roles(uuid.uuid4(), [HeldRole(Role.USER_GROUP_ADMINISTRATOR, org, group, None)])
    desk = Authority.from_roles(uuid.uuid4(), [HeldRole(Role.HELP_DESK, None, None, None)])
    in_org = HeldRole(Role.BACKUP_SECURITY_OFFICIAL, org, None, None)
    elsewhere = HeldRole(Role.BACKUP_SECURITY_OFFICIAL, other, None, None)
    assert so.covers(A.ORGANIZATION_SECURITY_OFFICIAL, in_org) is True
    assert so.covers(A.ORGANIZATION_SECURITY_OFFICIAL, elsewhere) is False
    assert uga.covers(A.ORGANIZATION_OFFICIALS, in_org) is False  # R14: a group's UGA is no official
    assert uga.covers(A.GROUP_ADMINISTRATORS, HeldRole(Role.END_USER, org, group, None)) is True
    assert desk.covers(A.HELP_DESK, elsewhere) is True
    assert desk.covers(A.ORGANIZATION_OFFICIALS, in_org) is False
    # may_certify is `covers` over the relations that approve the role (R30)
    assert (may_certify(so, in_org), may_certify(so, elsewhere), may_certify(uga, in_org)) == (True, False, False)


def test_every_kind_has_a_route_and_a_grant() -> None:
    """A new kind of request needs both its row of the routing table and what approving it gives."""
    assert set(KIND_RELATIONS) == set(RequestKind)
    assert set(GRANTS) == set(RequestKind)
