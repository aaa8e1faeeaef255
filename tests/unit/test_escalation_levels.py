"""R39: the levels a request goes up through, and who decides it once it has (pure rules of routing.py)."""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any

import pytest

from iacs.domain.enums import Role
from iacs.domain.requests.routing import ApproverRelation, Authority, HeldRole, escalation_of, request_relations

ORG, GROUP, COMPANY = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


@pytest.mark.parametrize(
    ("relation", "practice", "above"),
    [
        (ApproverRelation.GROUP_ADMINISTRATORS, False, ApproverRelation.ORGANIZATION_OFFICIALS),
        (ApproverRelation.GROUP_ADMINISTRATORS, True, ApproverRelation.PRACTITIONER),  # R21, R22: no officials
        (ApproverRelation.ORGANIZATION_OFFICIALS, False, ApproverRelation.HELP_DESK),
        (ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL, False, ApproverRelation.HELP_DESK),
        (ApproverRelation.PRACTITIONER, True, ApproverRelation.HELP_DESK),
        (ApproverRelation.COMPANY_ADMINISTRATORS, False, ApproverRelation.HELP_DESK),
        (ApproverRelation.HELP_DESK, False, None),
    ],
)
def test_r39_one_level_up(relation: ApproverRelation, practice: bool, above: ApproverRelation | None) -> None:
    assert escalation_of(relation, practice=practice) == above


def _request(relation: ApproverRelation, *escalated: ApproverRelation) -> Any:
    return SimpleNamespace(
        id=uuid.uuid4(),
        requester_id=uuid.uuid4(),
        organization_id=ORG,
        user_group_id=GROUP,
        company_id=None,
        application_id=None,
        approver_relation=relation.value,
        escalated_relations=[r.value for r in escalated],
    )


def _authority(role: Role, **scope: uuid.UUID | None) -> Authority:
    held = HeldRole(role, scope.get("organization_id"), scope.get("user_group_id"), scope.get("company_id"))
    return Authority.from_roles(uuid.uuid4(), [held])


def test_r39_every_level_so_far_decides_and_none_above() -> None:
    uga = _authority(Role.USER_GROUP_ADMINISTRATOR, organization_id=ORG, user_group_id=GROUP)
    so = _authority(Role.SECURITY_OFFICIAL, organization_id=ORG)
    desk = _authority(Role.HELP_DESK)
    waiting = _request(ApproverRelation.GROUP_ADMINISTRATORS)
    once = _request(ApproverRelation.GROUP_ADMINISTRATORS, ApproverRelation.ORGANIZATION_OFFICIALS)
    twice = _request(
        ApproverRelation.GROUP_ADMINISTRATORS, ApproverRelation.ORGANIZATION_OFFICIALS, ApproverRelation.HELP_DESK
    )
    assert [(uga.can_decide(r), so.can_decide(r), desk.can_decide(r)) for r in (waiting, once, twice)] == [
        (True, False, False),
        (True, True, False),
        (True, True, True),
    ]
    assert request_relations(twice) == (
        ApproverRelation.GROUP_ADMINISTRATORS,
        ApproverRelation.ORGANIZATION_OFFICIALS,
        ApproverRelation.HELP_DESK,
    )


def test_r15_escalation_never_lets_anyone_decide_their_own_request() -> None:
    desk = _authority(Role.HELP_DESK)
    own = _request(ApproverRelation.ORGANIZATION_OFFICIALS, ApproverRelation.HELP_DESK)
    own.requester_id = desk.user_id
    assert desk.can_decide(own) is False
